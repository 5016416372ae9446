// The Hyper-V module's hard disk drive cmdlets: Get-, Add-, Remove- and Set-VMHardDiskDrive,
// over each VM's own VHDX and the virtual hard disks of no VM (the core's volumes, made by
// New-VHD) that it takes as data disks (sim.attachVolume, sim.detachVolume).
//
// Controllers and locations. A generation 1 VM has two IDE controllers (0 and 1, locations 0
// and 1) and one SCSI controller; a generation 2 VM one SCSI controller and no IDE. Its own
// disk is at 0:0 of IDE (generation 1) or SCSI (generation 2); a SCSI controller has 64
// locations. Only SCSI controller 0 is simulated (no Add-VMScsiController), and no DVD drive
// (a new generation 1 VM's is at IDE 1:0 on Hyper-V; here that location is free). The core
// keeps no controller locations: each VM keeps its data disks' in its settings (the attribute
// `driveSlots`, saved with the estate), found by store and name or, once Move-VMStorage has
// moved them, by name; a data disk with none recorded (attached in an estate file) takes the
// next free SCSI location, in the order sim.dataDisks lists them.
//
// Sources. Microsoft Learn (windows-powershell-docs, docset/winserver2022-ps/Hyper-V):
// Add-VMHardDiskDrive (positions VMName 0, ControllerType 1, ControllerNumber 2,
// ControllerLocation 3, Path 4; no output without -Passthru; -AllowUnverifiedPaths for a path
// the cluster cannot verify, "applicable to clustered virtual machines"), Remove-VMHardDiskDrive
// (all four mandatory), Get-VMHardDiskDrive and Set-VMHardDiskDrive. The module's own code as
// decompiled (Microsoft.HyperV.PowerShell.Cmdlets: AddVMHardDiskDrive, RemoveVMHardDiskDrive,
// VMDriveController.FindControllerVacancy, VirtualMachineBase.FindDrives and
// GetDriveControllers): IDE controllers before SCSI when -ControllerType is left out, the first
// vacant location of the first controller that has one (or the one asked for), ObjectNotFound
// (CannotFindVacantControllerLocation) when none; IDE on a generation 2 VM an InvalidArgument
// (VMIdeController_Generation2NotSupported: "Generation 2 virtual machines do not support IDE.",
// as dsccommunity/HyperVDsc#125 prints it); Remove-VMHardDiskDrive removes the drives that match
// and, when none does, nothing and says nothing; its -Passthru writes the drive removed;
// SetVMHardDiskDrive likewise sets every drive FindDrives matches (all of a VM's when no
// controller parameter is given), nothing and no word when none does, each drive on its own
// (one's failure written, the rest set), -Passthru writing each drive set. The IDE
// controllers' fixed device GUID in a drive's Id (storage-qos-overview's Format-List), a
// drive's QoSPolicyID the empty GUID (hashicorp/vagrant's captured drive). WMI's
// Msvm_DiskDrive (Microsoft Learn): "Disks can only be added to or removed from the virtual IDE
// controller when the virtual machine is offline", SCSI ones while it runs. Add's failures as a
// real record prints them (MicrosoftDocs/windows-powershell-docs#2286: "'test' failed to add
// resources to 'test'." ... "(Virtual machine ID ...)", NotSpecified, OperationFailed), with
// Windows' reasons (0x80070002 "The system cannot find the file specified.", 0x80070020 "The
// process cannot access the file because it is being used by another process."); the disk's
// name in its last line read as the file's base name. An IDE drive added to a running VM: the
// summary and line Azure Local's docs print for a DVD drive on a running generation 1 VM
// ("Failed to add device 'Synthetic DVD Drive'." / "'<VM>' failed to add device 'Synthetic DVD
// Drive'. (Virtual machine ID <ID>)", WMI 32768 Failed), for a hard drive's 'Synthetic Disk
// Drive'; removing one, the same words with "remove". A drive's Name and Id as a captured
// HardDiskDrive shows them (hashicorp/vagrant's Hyper-V disk tests: "Hard Drive on SCSI
// controller number 0 at location 0", Id Microsoft:<VM>\<controller>\<number>\<location>\D).
//
// Not simulated, and said so: a drive with no disk (no -Path), pass-through disks
// (-DiskNumber), shared VHDX (-SupportPersistentReservations), Storage QoS on a data disk
// (-MaximumIOPS, -MinimumIOPS: the core limits a VM's own disk only), Storage QoS policies
// (-QoSPolicyID, -QoSPolicy), resource pools, cache attributes, removing a VM's own disk, and
// Set-VMHardDiskDrive changing a drive's disk (-Path) or moving it (-ToController*). The words
// of errors no source shows (a location with no vacancy, a path a clustered VM's cluster
// cannot verify) are the simulator's own, their records' messages starting "hyperpane: ".
import { bool, num, str } from '../cli/flags.js';
import { powershellTable } from '../cli/table.js';
import { stableUuid } from '../common.js';
import { failure, output } from '../exec-result.js';
import type { ExecResult, ProviderWorkload } from '../provider.js';
import { type Call, type Cmdlet, error, type Properties, vmsNamed } from './cmdlet.js';
import { DRIVE_HEADERS, iopsAsked, minimumIops, pathOf, setOwnQos, vhdInUse, vhdOf } from './cmdlets-storage.js';
import { holderUsing, placeOf } from './cmdlets-vhd.js';
import type { HypervDriver } from './driver.js';
import {
  type ControllerType,
  controllers,
  type Drive,
  drivesOf,
  generation,
  LOCATIONS,
  recordSlots,
  type Slot,
  sameSlot,
  storeOf,
  TYPES,
  vacantOn,
} from './drives.js';
import { vmGuid } from './format.js';

/** A drive's name as the module gives it. */
const driveName = (d: Slot) => `Hard Drive on ${d.type} controller number ${d.number} at location ${d.location}`;

/**
 * The IDE controllers' device GUID, the same in every VM, the controller's number after it
 * (storage-qos-overview's Format-List: Id Microsoft:<VM>\83F8638B-...\0\0\D; Hyper-V's WMI
 * instance ids Microsoft:<VM>\83F8638B-...\0 and \1 for the two IDE controllers).
 */
const IDE_CONTROLLER = '83F8638B-8DCA-4152-9EDA-2CA8B33039B4';

/** A controller's instance id: IDE's fixed one; a SCSI controller's its own per VM (the own disk's keeps the id it had before data disks). */
const controllerGuid = (vm: ProviderWorkload, d: Slot) =>
  d.type === 'IDE' ? IDE_CONTROLLER : stableUuid(`controller:${vm.id}:${d.type}${d.number === 0 ? '' : `:${d.number}`}`).toUpperCase();

/**
 * A drive as Get-VMHardDiskDrive | Format-List prints it (the Storage QoS overview's example,
 * windowsserverdocs storage-qos-overview.md): MaximumIOPS and MinimumIOPS in normalized 8 KB
 * IOPS, 0 for none (a data disk's are not simulated: 0); the default resource pool, Primordial;
 * its Name and Id as today's module gives them (hashicorp/vagrant's Hyper-V disk tests: "Hard
 * Drive on SCSI controller number 0 at location 0"; the 2016 overview's example shows "Hard Drive").
 */
function driveRecord(hv: HypervDriver, vm: ProviderWorkload, d: Drive): Properties {
  const guid = vmGuid(vm.name);
  const own = d.volume === undefined;
  return [
    ['Path', d.path],
    ['DiskNumber', ''],
    ['MaximumIOPS', String(own ? (hv.sim.diskIo(vm.id)?.limitIops ?? 0) : 0)],
    ['MinimumIOPS', String(own ? minimumIops(vm) : 0)],
    // No Storage QoS policy: the empty GUID (hashicorp/vagrant's captured drive: "QoSPolicyID": "00000000-0000-0000-0000-000000000000").
    ['QoSPolicyID', '00000000-0000-0000-0000-000000000000'],
    ['SupportPersistentReservations', 'False'],
    ['ControllerLocation', String(d.location)],
    ['ControllerNumber', String(d.number)],
    ['ControllerType', d.type],
    ['PoolName', 'Primordial'],
    ['Name', driveName(d)],
    ['Id', `Microsoft:${guid}\\${controllerGuid(vm, d)}\\${d.number}\\${d.location}\\D`],
    ['VMId', guid.toLowerCase()],
    ['VMName', vm.name],
    ['VMSnapshotId', '00000000-0000-0000-0000-000000000000'],
    ['VMSnapshotName', ''],
    ['ComputerName', (vm.host ?? '').toUpperCase()],
    ['IsDeleted', 'False'],
  ];
}

const rowOf = (vm: ProviderWorkload, d: Drive) => [vm.name, d.type, String(d.number), String(d.location), '', d.path];

/** -ControllerType bound to the module's enum, or PowerShell's record for a name it does not have. */
function controllerType(c: Call): ControllerType | undefined | ExecResult {
  const raw = str(c.p, 'ControllerType');
  if (raw === undefined) return undefined;
  const t = TYPES.find((x) => x.toLowerCase() === raw.toLowerCase());
  if (t) return t;
  return error(c, {
    message:
      `Cannot bind parameter 'ControllerType'. Cannot convert value "${raw}" to type "Microsoft.HyperV.PowerShell.ControllerType". ` +
      `Error: "Unable to match the identifier name ${raw} to a valid enumerator name. Specify one of the following enumerator names and try again:\n${TYPES.join(', ')}"`,
    category: 'InvalidArgument',
    exception: 'ParameterBindingException',
    id: 'CannotConvertArgumentNoMessage',
    at: c.at('ControllerType'),
  });
}

const isResult = (x: unknown): x is ExecResult => typeof x === 'object' && x !== null && 'exitCode' in x;

/** VMIdeController_Generation2NotSupported, thrown before any controller is looked at (dsccommunity/HyperVDsc#125). */
function noIde(c: Call): ExecResult {
  return error(c, {
    message: 'Generation 2 virtual machines do not support IDE.',
    category: 'InvalidArgument',
    exception: 'VirtualizationException',
    id: 'InvalidParameter',
  });
}

/** What the controller parameters name, in words. */
const described = (type?: ControllerType, number?: number, location?: number) =>
  `${type ?? 'any'} controller${number === undefined ? '' : ` ${number}`}${location === undefined ? '' : ` at location ${location}`}`;

/** The drives matching the controller parameters given (FindDrives): none given, all. */
function matching(drives: readonly Drive[], type: ControllerType | undefined, number: number | undefined, location: number | undefined): Drive[] {
  return drives.filter(
    (d) => (type === undefined || d.type === type) && (number === undefined || d.number === number) && (location === undefined || d.location === location),
  );
}

/** The VMs -VMName names with the controller parameters bound, or the record of what is wrong. */
function lookup(c: Call): { vms: ProviderWorkload[]; type: ControllerType | undefined; number?: number; location?: number } | ExecResult {
  const type = controllerType(c);
  if (isResult(type)) return type;
  const vms = vmsNamed(c, str(c.p, 'VMName')!, 'VMName');
  if (!Array.isArray(vms)) return vms;
  if (type === 'IDE' && vms.some((vm) => generation(vm) === 2)) return noIde(c);
  return { vms, type, number: num(c.p, 'ControllerNumber'), location: num(c.p, 'ControllerLocation') };
}

/** Not part of the simulation: said plainly, as the console's other refusals are. */
const notSimulated = (message: string) => failure(`${message}\n`);

/** "(Virtual machine ID <GUID>)", as the module ends a VM's lines. */
const vmId = (vm: ProviderWorkload) => `(Virtual machine ID ${vmGuid(vm.name)})`;

/** Add-VMHardDiskDrive's record when the host could not add the disk (windows-powershell-docs#2286's four lines). */
function notAdded(c: Call, vm: ProviderWorkload, path: string, reason: string): ExecResult {
  const disk = /([^\\]+?)(\.[^.\\]*)?$/.exec(path)?.[1] ?? path;
  return error(c, {
    message: [
      `'${vm.name}' failed to add resources to '${vm.name}'.`,
      `An unexpected error occurred: ${reason}`,
      `'${vm.name}' failed to add resources. ${vmId(vm)}`,
      `'${disk}' encountered an unexpected error: ${reason} ${vmId(vm)}`,
    ].join('\n'),
    category: 'NotSpecified',
    exception: 'VirtualizationException',
    id: 'OperationFailed',
  });
}

const NOT_FOUND = 'The system cannot find the file specified. (0x80070002).';
const SHARING = 'The process cannot access the file because it is being used by another process. (0x80070020).';

/** A drive added to or removed from an IDE controller of a VM that is not off (Msvm_DiskDrive), as WMI's Failed prints. */
function ideOnline(c: Call, vm: ProviderWorkload, verb: 'add' | 'remove'): ExecResult {
  const record = error(c, {
    message: `Failed to ${verb} device 'Synthetic Disk Drive'.\n'${vm.name}' failed to ${verb} device 'Synthetic Disk Drive'. ${vmId(vm)}`,
    category: 'NotSpecified',
    exception: 'VirtualizationException',
    id: 'OperationFailed',
  });
  const hint =
    verb === 'add'
      ? `hint: an IDE controller takes disks only while its VM is off; ${vm.name} is ${vm.nativeState}. Its SCSI controller takes them while it runs (-ControllerType SCSI).\n`
      : `hint: an IDE controller gives up disks only while its VM is off; ${vm.name} is ${vm.nativeState}. Stop-VM first.\n`;
  return { ...record, stderr: record.stderr + hint };
}

/** The core's refusal in the module's words: its state (a migration, a storage move) as InvalidState, anything else as it said. */
function coreRefusal(c: Call, vm: ProviderWorkload, verb: 'add' | 'remove', why: { code: string; message: string }): ExecResult {
  const head = `Failed to ${verb} device 'Virtual Hard Disk'.`;
  return why.code === 'invalid-state'
    ? error(c, {
        message: `${head}\nThe operation cannot be performed while the object is in its current state.`,
        category: 'InvalidOperation',
        exception: 'VirtualizationException',
        id: 'InvalidState',
      })
    : error(c, { message: `${head}\n${why.message}. ${vmId(vm)}`, category: 'NotSpecified', exception: 'VirtualizationException', id: 'OperationFailed' });
}

/** Where a path names a virtual hard disk of no VM that the VM's host cannot open, for a hint. */
function elsewhere(hv: HypervDriver, vm: ProviderWorkload, path: string): string | undefined {
  const p = path.replace(/\//g, '\\').toLowerCase();
  const v = hv.sim.volumes().find((x) => pathOf(x).toLowerCase() === p);
  if (!v) return undefined;
  const where = v.host !== undefined ? `${v.host}'s own storage` : `${v.datastoreName}, which the cluster of ${vm.host} does not mount`;
  return `hint: ${pathOf(v)} is on ${where}; ${vm.name} runs on ${vm.host}, which opens a Cluster Shared Volume its cluster mounts, or its own disks.\n`;
}

/** Params of Add-VMHardDiskDrive the simulation does not model, with why. */
const NOT_MODELLED: readonly [string, string][] = [
  ['DiskNumber', 'pass-through disks (-DiskNumber) are not simulated'],
  ['SupportPersistentReservations', 'shared virtual hard disks (-SupportPersistentReservations) are not simulated'],
  ['MaximumIOPS', "a data disk's Storage QoS (-MaximumIOPS) is not simulated: the core limits a VM's own disk only"],
  ['MinimumIOPS', "a data disk's Storage QoS (-MinimumIOPS) is not simulated: the core limits a VM's own disk only"],
  ['QoSPolicyID', 'Storage QoS policies (-QoSPolicyID) are not simulated'],
  ['ResourcePoolName', 'resource pools other than Primordial (-ResourcePoolName) are not simulated'],
  ['OverrideCacheAttributes', 'cache attributes (-OverrideCacheAttributes) are not simulated'],
];

/** What a cmdlet that added or removed drives prints: with -Passthru their rows; any errors after; changed when one was done. */
function finished(c: Call, rows: readonly string[][], stderr: string): ExecResult {
  const stdout = rows.length > 0 && bool(c.p, 'Passthru') ? powershellTable(DRIVE_HEADERS, rows) : '';
  return { exitCode: stderr === '' ? 0 : 1, stdout, stderr, changed: rows.length > 0 };
}

function addDrive(c: Call): ExecResult {
  for (const [param, why] of NOT_MODELLED) if (c.p.values.has(param)) return notSimulated(`Add-VMHardDiskDrive: ${why}.`);
  const typed = str(c.p, 'Path');
  if (typed === undefined)
    return notSimulated('Add-VMHardDiskDrive: a drive with no disk in it is not simulated; give -Path, a virtual hard disk New-VHD made.');
  const found = lookup(c);
  if (isResult(found)) return found;
  let stderr = '';
  const rows: string[][] = [];
  for (const vm of found.vms) {
    const r = addOne(c, vm, typed, found);
    if (isResult(r)) stderr += r.stderr;
    else rows.push(rowOf(vm, r));
  }
  return finished(c, rows, stderr);
}

function addOne(c: Call, vm: ProviderWorkload, typed: string, at: { type?: ControllerType; number?: number; location?: number }): Drive | ExecResult {
  const drives = drivesOf(c.hv, vm);
  // FindControllerVacancy: the controllers that match, IDE before SCSI; on each, the location asked for if free, else its first free one.
  let slot: Slot | undefined;
  for (const k of controllers(vm, at.type).filter((x) => at.number === undefined || x.number === at.number)) {
    const location =
      at.location === undefined
        ? vacantOn(drives, k.type, k.number)
        : at.location >= 0 && at.location < LOCATIONS[k.type] && !drives.some((d) => sameSlot(d, { ...k, location: at.location! }))
          ? at.location
          : undefined;
    if (location !== undefined) {
      slot = { ...k, location };
      break;
    }
  }
  if (!slot)
    return error(c, {
      // The simulator's words (CannotFindVacantControllerLocation's are in no source found), marked as such.
      message: `hyperpane: Hyper-V could not find a vacant location on ${described(at.type, at.number, at.location)} of '${vm.name}'.`,
      category: 'ObjectNotFound',
      exception: 'VirtualizationException',
      id: 'ObjectNotFound',
    });
  const host = vm.host ?? '';
  const place = placeOf(c, typed, host);
  const path = place?.path ?? typed;
  // ClusterUtilities.EnsureClusterPathValid: a clustered VM's disk must be on storage every node of its cluster opens.
  const cluster = c.hv.hosts().find((h) => h.id === host)?.cluster ?? '';
  if (cluster !== '' && place?.store?.host !== undefined && !bool(c.p, 'AllowUnverifiedPaths'))
    return error(c, {
      message:
        // The simulator's words (EnsureClusterPathValid's are in no source found), marked as such.
        `hyperpane: The path '${path}' is not on storage that cluster '${cluster}' can verify: ${vm.name} is a clustered virtual machine. ` +
        'Use a Cluster Shared Volume (C:\\ClusterStorage\\<volume>\\...), or -AllowUnverifiedPaths.',
      category: 'InvalidArgument',
      exception: 'VirtualizationException',
      id: 'InvalidParameter',
    });
  // The drive goes on its controller before the disk goes in the drive (HardDriveConfigurationData.AddDrive).
  if (slot.type === 'IDE' && vm.state !== 'stopped') return ideOnline(c, vm, 'add');
  // A VM's own VHDX is no volume: open while its VM is.
  const holder = c.hv.workloads().find((w) => vhdOf(c.hv, w).path.toLowerCase() === path.toLowerCase());
  if (holder) {
    if (vhdInUse(holder)) return notAdded(c, vm, path, SHARING);
    return notSimulated(`Add-VMHardDiskDrive: '${path}' is ${holder.name}'s own virtual hard disk; hyperpane keeps a VM's own disk with its VM.`);
  }
  const volume = place?.store && c.hv.sim.volumes(place.store).find((v) => v.name.toLowerCase() === place.name.toLowerCase());
  if (!volume || !place?.store) {
    const r = notAdded(c, vm, path, NOT_FOUND);
    return { ...r, stderr: r.stderr + (elsewhere(c.hv, vm, path) ?? '') };
  }
  if (volume.attachedTo !== undefined) {
    // Open by a VM that runs: Windows' sharing violation. Held by one that is off, Hyper-V would take it; the core attaches a disk to one VM at a time.
    if (holderUsing(c, volume)) return notAdded(c, vm, path, SHARING);
    return notSimulated(
      `Add-VMHardDiskDrive: '${path}' is a data disk of ${c.hv.workload(volume.attachedTo)?.name ?? volume.attachedTo}; ` +
        'hyperpane attaches a virtual hard disk to one VM at a time (Remove-VMHardDiskDrive it there first).',
    );
  }
  const r = c.hv.sim.attachVolume(place.store, volume.name, vm.id);
  if (!r.ok) return coreRefusal(c, vm, 'add', r.error);
  const drive: Drive = { ...slot, path: pathOf(r.value), volume: r.value };
  recordSlots(c.hv, vm.id, [...drives, drive]);
  return drive;
}

function removeDrive(c: Call): ExecResult {
  const found = lookup(c);
  if (isResult(found)) return found;
  let stderr = '';
  const rows: string[][] = [];
  for (const vm of found.vms) {
    const drives = drivesOf(c.hv, vm);
    // FindDrives: a location with no drive is nothing to remove, and the module says nothing.
    for (const d of matching(drives, found.type, found.number, found.location)) {
      if (!d.volume) {
        stderr +=
          `Remove-VMHardDiskDrive: the drive on ${described(d.type, d.number, d.location)} is ${vm.name}'s own virtual hard disk; removing it is not simulated ` +
          "(hyperpane keeps a VM's own disk with its VM; its data disks can be removed).\n";
        continue;
      }
      if (d.type === 'IDE' && vm.state !== 'stopped') {
        stderr += ideOnline(c, vm, 'remove').stderr;
        continue;
      }
      const r = c.hv.sim.detachVolume(storeOf(d.volume), d.volume.name);
      if (!r.ok) {
        stderr += coreRefusal(c, vm, 'remove', r.error).stderr;
        continue;
      }
      // The file stays where it is, as Hyper-V leaves it (Remove-Item deletes it).
      recordSlots(c.hv, vm.id, drivesOf(c.hv, vm));
      rows.push(rowOf(vm, d));
    }
  }
  return finished(c, rows, stderr);
}

/**
 * Params of Set-VMHardDiskDrive the simulation does not model, with why (the module's own
 * parameters, SetVMHardDiskDrive as decompiled: Path at position 4, the To* of a move,
 * DiskNumber, ResourcePoolName, SupportPersistentReservations, AllowUnverifiedPaths,
 * QoSPolicyID, QoSPolicy, OverrideCacheAttributes).
 */
const SET_NOT_MODELLED: readonly [string, string][] = [
  ['Path', 'changing the disk in a drive (-Path) is not simulated; Remove-VMHardDiskDrive the drive and Add-VMHardDiskDrive the disk instead'],
  ['AllowUnverifiedPaths', 'changing the disk in a drive (-Path, -AllowUnverifiedPaths) is not simulated'],
  ...(['ToControllerType', 'ToControllerNumber', 'ToControllerLocation'] as const).map((p): [string, string] => [
    p,
    'moving a drive to another controller location (-ToControllerType, -ToControllerNumber, -ToControllerLocation) is not simulated; Remove-VMHardDiskDrive and Add-VMHardDiskDrive instead',
  ]),
  ...NOT_MODELLED.filter(([p]) => p !== 'MaximumIOPS' && p !== 'MinimumIOPS'),
  ['QoSPolicy', 'Storage QoS policies (-QoSPolicy) are not simulated'],
];

/**
 * Set-VMHardDiskDrive as the module's SetVMHardDiskDrive does it: every drive FindDrives
 * matches on each VM (no controller parameters: all its drives), and none with no word when
 * nothing matches; each drive set on its own, one's failure written and the rest still set
 * (a VM that cannot be looked at, IDE on generation 2, likewise). -Passthru writes each drive
 * set. A VM's own drive takes Storage QoS (setOwnQos, cmdlets-storage.ts). A data disk's
 * Storage QoS is not simulated (the core limits a VM's own disk only): a data disk matched while
 * -MaximumIOPS or -MinimumIOPS is given gets hyperpane's note, the VM's own drive is still set
 * and the line fails; a data disk matched with neither is left as it is, as the module would.
 */
function setHardDrive(c: Call): ExecResult {
  for (const [param, why] of SET_NOT_MODELLED) if (c.p.values.has(param)) return notSimulated(`Set-VMHardDiskDrive: ${why}.`);
  const asked = iopsAsked(c);
  if (isResult(asked)) return asked;
  const type = controllerType(c);
  if (isResult(type)) return type;
  const vms = vmsNamed(c, str(c.p, 'VMName')!, 'VMName');
  if (!Array.isArray(vms)) return vms;
  const number = num(c.p, 'ControllerNumber');
  const location = num(c.p, 'ControllerLocation');
  const qos = asked.max !== undefined || asked.min !== undefined;
  let stderr = '';
  let changed = false;
  const rows: string[][] = [];
  for (const vm of vms) {
    // GetDriveControllers throws for that VM; SelectManyWithLogging writes it and goes on to the next.
    if (type === 'IDE' && generation(vm) === 2) {
      stderr += noIde(c).stderr;
      continue;
    }
    for (const d of matching(drivesOf(c.hv, vm), type, number, location)) {
      if (d.volume && qos) {
        stderr +=
          `Set-VMHardDiskDrive: the drive on ${described(d.type, d.number, d.location)} of ${vm.name} is a data disk (${d.path}); ` +
          "hyperpane simulates Storage QoS (-MaximumIOPS, -MinimumIOPS) on a VM's own disk only.\n";
        continue;
      }
      if (!d.volume) {
        const r = setOwnQos(c, c.hv.workload(vm.id) ?? vm, asked);
        if (r.exitCode !== 0) {
          stderr += r.stderr;
          continue;
        }
        changed ||= r.changed;
      }
      rows.push(rowOf(vm, d));
    }
  }
  const stdout = rows.length > 0 && bool(c.p, 'Passthru') ? powershellTable(DRIVE_HEADERS, rows) : '';
  return { exitCode: stderr === '' ? 0 : 1, stdout, stderr, changed };
}

/** Get-VMHardDiskDrive: each VM's drives that the controller parameters match. */
function listed(c: Call): [ProviderWorkload, Drive][] | ExecResult {
  const found = lookup(c);
  if (isResult(found)) return found;
  return found.vms.flatMap((vm) => matching(drivesOf(c.hv, vm), found.type, found.number, found.location).map((d): [ProviderWorkload, Drive] => [vm, d]));
}

const CONTROLLER_PARAMS = {
  ControllerType: { type: 'string' },
  ControllerNumber: { type: 'number' },
  ControllerLocation: { type: 'number' },
} as const;

/** What Add- and Set-VMHardDiskDrive both take about the drive (those the simulation does not model answer so). */
const DRIVE_SETTINGS = {
  Path: { type: 'string' },
  AllowUnverifiedPaths: { type: 'boolean' },
  DiskNumber: { type: 'number', aliases: ['Number'] },
  MaximumIOPS: { type: 'string' },
  MinimumIOPS: { type: 'string' },
  QoSPolicyID: { type: 'string' },
  ResourcePoolName: { type: 'string' },
  OverrideCacheAttributes: { type: 'string' },
  CimSession: { type: 'string', ignored: true },
  Credential: { type: 'string', ignored: true },
} as const;

export const DRIVE_CMDLETS: Readonly<Record<string, Cmdlet>> = {
  'get-vmharddiskdrive': {
    params: { VMName: { type: 'string' }, ...CONTROLLER_PARAMS },
    positional: ['VMName'],
    required: ['VMName'],
    run: (c) => {
      const drives = listed(c);
      if (!Array.isArray(drives)) return drives;
      return output(
        drives.length
          ? powershellTable(
              DRIVE_HEADERS,
              drives.map(([vm, d]) => rowOf(vm, d)),
            )
          : '',
      );
    },
    records: (c) => {
      const drives = listed(c);
      return Array.isArray(drives) ? drives.map(([vm, d]) => driveRecord(c.hv, vm, d)) : drives;
    },
  },
  'add-vmharddiskdrive': {
    params: {
      VMName: { type: 'string' },
      ...CONTROLLER_PARAMS,
      ...DRIVE_SETTINGS,
      SupportPersistentReservations: { type: 'boolean', aliases: ['ShareVirtualDisk'] },
    },
    positional: ['VMName', 'ControllerType', 'ControllerNumber', 'ControllerLocation', 'Path'],
    required: ['VMName'],
    passthru: true,
    run: addDrive,
  },
  'remove-vmharddiskdrive': {
    params: { VMName: { type: 'string' }, ...CONTROLLER_PARAMS, CimSession: { type: 'string', ignored: true }, Credential: { type: 'string', ignored: true } },
    positional: ['VMName', 'ControllerType', 'ControllerNumber', 'ControllerLocation'],
    required: ['VMName', 'ControllerType', 'ControllerNumber', 'ControllerLocation'],
    passthru: true,
    run: removeDrive,
  },
  'set-vmharddiskdrive': {
    params: {
      VMName: { type: 'string' },
      ...CONTROLLER_PARAMS,
      ...DRIVE_SETTINGS,
      ToControllerType: { type: 'string' },
      ToControllerNumber: { type: 'number' },
      ToControllerLocation: { type: 'number' },
      // A [bool], not a switch (SetVMHardDiskDrive: bool? SupportPersistentReservations).
      SupportPersistentReservations: { type: 'boolean', valued: true, aliases: ['ShareVirtualDisk'] },
      QoSPolicy: { type: 'string' },
    },
    positional: ['VMName', 'ControllerType', 'ControllerNumber', 'ControllerLocation', 'Path'],
    required: ['VMName'],
    passthru: true,
    run: setHardDrive,
  },
};
