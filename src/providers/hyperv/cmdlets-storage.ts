// The Hyper-V module's storage cmdlets over the simulation's disks: each VM's one
// VHDX, on a Cluster Shared Volume (a shared datastore its cluster mounts:
// C:\ClusterStorage\<volume>\<VM>\Virtual Hard Disks\<VM>.vhdx) or on its host's
// own storage (Hyper-V's default C:\ProgramData\Microsoft\Windows\Virtual Hard
// Disks). The VHD cmdlets themselves (Get-VHD, New-VHD, Resize-VHD) are in
// cmdlets-vhd.ts; what Get-VHD prints of a VHD is built here; the drive cmdlets
// (Get-, Add-, Remove- and Set-VMHardDiskDrive) are in cmdlets-drives.ts, with a
// drive's record. Sources: Microsoft
// Learn's Get-VMHardDiskDrive, Get-VHD and
// Move-VMStorage pages (windows-powershell-docs docset winserver2025-ps/Hyper-V:
// Move-VMStorage has no -Passthru and prints nothing; -Name's alias VMName), the
// Get-VHD list's 19 properties in order as Azure Stack Hub's VHD troubleshooting
// page prints them (a new dynamic VHDX: 32 MiB blocks, 512/4096-byte sectors), and
// Get-VMHardDiskDrive's columns as transcripts show them.
import type { DatastoreView } from '../../core/datastores.js';
import type { VolumeView } from '../../core/volumes.js';
import { bool, str } from '../cli/flags.js';
import { stableUuid } from '../common.js';
import { output } from '../exec-result.js';
import type { ExecResult, ProviderWorkload } from '../provider.js';
import { asJob, type Call, type Cmdlet, error, type Properties, unsignedParam, vmsNamed } from './cmdlet.js';
import { DEFAULT_GENERATION } from './defaults.js';
import type { HypervDriver } from './driver.js';

/** Hyper-V's default folder for virtual hard disks on a host's own storage. */
export const LOCAL_VHDS = 'C:\\ProgramData\\Microsoft\\Windows\\Virtual Hard Disks';
/** A VHDX's default block size (New-VHD: 32 MiB for VHDX) and its file's smallest size (a new dynamic VHDX is 4 MiB). */
export const BLOCK_BYTES = 33_554_432;
export const HEADER_BYTES = 4_194_304;
export const MIB = 1_048_576;

export interface Vhd {
  readonly path: string;
  readonly dynamic: boolean;
  readonly sizeBytes: number;
  readonly fileBytes: number;
}

/** A VM's VHDX: where it is, its type, its size and what its file takes. */
export function vhdOf(hv: HypervDriver, vm: ProviderWorkload): Vhd {
  const disk = hv.sim.diskOn(vm.id);
  const sizeBytes = vm.diskMiB * MIB;
  if (!disk) return { path: `${LOCAL_VHDS}\\${vm.name}.vhdx`, dynamic: false, sizeBytes, fileBytes: sizeBytes + HEADER_BYTES };
  const dynamic = disk.format === 'thin';
  return {
    path: `C:\\ClusterStorage\\${disk.datastoreName}\\${vm.name}\\Virtual Hard Disks\\${vm.name}.vhdx`,
    dynamic,
    sizeBytes,
    fileBytes: (dynamic ? disk.usedMiB * MIB : sizeBytes) + HEADER_BYTES,
  };
}

/** The Cluster Shared Volume a path is on (C:\ClusterStorage\<volume>\...: the volume of that name); undefined anywhere else, a host's own disk. */
export function csvAt(hv: HypervDriver, path: string): DatastoreView | undefined {
  const volume = /^c:\\clusterstorage\\([^\\]+)/i.exec(path)?.[1];
  return volume === undefined ? undefined : hv.sim.datastoreViews().find((d) => d.name.toLowerCase() === volume.toLowerCase());
}

/** A volume's path as Windows shows it: on a Cluster Shared Volume under C:\ClusterStorage\<volume>, on a host's own storage its name. */
export function pathOf(v: VolumeView): string {
  return v.datastore === undefined ? v.name : `C:\\ClusterStorage\\${v.datastoreName}\\${v.name}`;
}

/** What Get-VHD shows of a virtual hard disk: a VM's, or one of no VM (cmdlets-vhd.ts). */
export interface VhdFacts {
  /** The host it is read from, as Hyper-V prints a computer's name (upper case). */
  readonly computer: string;
  readonly path: string;
  readonly format: 'VHD' | 'VHDX';
  readonly dynamic: boolean;
  readonly sizeBytes: number;
  readonly fileBytes: number;
  /** 0 for a fixed disk. */
  readonly blockBytes: number;
  readonly logicalSector: number;
  readonly physicalSector: number;
  readonly identifier: string;
  readonly attached: boolean;
  /** Its MinimumSize in bytes; none (empty) when no partition in it says (a new VHD, one nothing has written to). */
  readonly minimumBytes?: number;
}

/** The 19 properties of Get-VHD's list view, in order. */
export function vhdProperties(f: VhdFacts): Properties {
  return [
    ['ComputerName', f.computer],
    ['Path', f.path],
    ['VhdFormat', f.format],
    ['VhdType', f.dynamic ? 'Dynamic' : 'Fixed'],
    ['FileSize', String(f.fileBytes)],
    ['Size', String(f.sizeBytes)],
    ['MinimumSize', f.minimumBytes === undefined ? '' : String(f.minimumBytes)],
    ['LogicalSectorSize', String(f.logicalSector)],
    ['PhysicalSectorSize', String(f.physicalSector)],
    ['BlockSize', String(f.dynamic ? f.blockBytes : 0)],
    ['ParentPath', ''],
    ['DiskIdentifier', f.identifier],
    ['FragmentationPercentage', '0'],
    ['Alignment', '1'],
    ['Attached', f.attached ? 'True' : 'False'],
    ['DiskNumber', ''],
    ['IsPMEMCompatible', 'False'],
    ['AddressAbstractionType', 'None'],
    ['Number', ''],
  ];
}

/** Whether a VM has its VHDX open: Get-VHD's Attached, and what Resize-VHD calls online (neither Off nor Saved). */
export function vhdInUse(vm: ProviderWorkload): boolean {
  return vm.nativeState !== 'Off' && vm.nativeState !== 'Saved';
}

/** A VM's VHDX as Get-VHD writes it. */
export function vhdRecord(hv: HypervDriver, vm: ProviderWorkload): Properties {
  const v = vhdOf(hv, vm);
  return vhdProperties({
    computer: (vm.host ?? '').toUpperCase(),
    path: v.path,
    format: 'VHDX',
    dynamic: v.dynamic,
    sizeBytes: v.sizeBytes,
    fileBytes: v.fileBytes,
    blockBytes: BLOCK_BYTES,
    logicalSector: 512,
    physicalSector: 4096,
    identifier: stableUuid(`vhd:${vm.id}`).toUpperCase(),
    attached: vhdInUse(vm),
    // Its guest's volume fills it, so it shrinks no further than its size (Resize-VHD's minimum, cmdlets-vhd.ts): a full VHDX
    // shows MinimumSize equal to Size (qemu Launchpad #1870039's Get-VHD capture: MinimumSize 137438953472 for Size 137438953472).
    minimumBytes: v.sizeBytes,
  });
}

/** Generation 2 boots from SCSI; generation 1 from IDE. */
export function controllerOf(vm: ProviderWorkload): 'IDE' | 'SCSI' {
  return Number(vm.attrs.generation ?? DEFAULT_GENERATION) === 1 ? 'IDE' : 'SCSI';
}

/** A drive's Storage QoS reservation, kept with the VM's settings (the core models limits, not reservations). */
export function minimumIops(vm: ProviderWorkload): number {
  return Number(vm.attrs.minimumIops ?? 0);
}

export const DRIVE_HEADERS = ['VMName', 'ControllerType', 'ControllerNumber', 'ControllerLocation', 'DiskNumber', 'Path'];

export const STORAGE_CMDLETS: Readonly<Record<string, Cmdlet>> = {
  'move-vmstorage': {
    params: { Name: { type: 'string', aliases: ['VMName'] }, DestinationStoragePath: { type: 'string' } },
    positional: ['Name', 'DestinationStoragePath'],
    required: ['Name', 'DestinationStoragePath'],
    asJob: true,
    run: (c) => {
      const vms = vmsNamed(c, str(c.p, 'Name')!);
      if (!Array.isArray(vms)) return vms;
      const vm = vms[0];
      if (!vm) return output('');
      const dest = str(c.p, 'DestinationStoragePath')!;
      const ds = csvAt(c.hv, dest);
      if (!ds)
        return error(c, {
          message: `The operation failed: moving '${vm.name}' to '${dest}' is not simulated; give a Cluster Shared Volume's path (C:\\ClusterStorage\\<volume>\\...).`,
          category: 'InvalidArgument',
          exception: 'VirtualizationException',
          id: 'InvalidParameter',
        });
      const r = c.hv.sim.relocateStorage(vm.id, ds.id);
      if (!r.ok)
        return error(c, {
          message: `Virtual machine migration operation for '${vm.name}' failed at migration source.\n${r.error.message}`,
          category: 'InvalidOperation',
          exception: 'VirtualizationException',
          id: 'InvalidOperation',
        });
      if (bool(c.p, 'AsJob')) return asJob(c, output('', true));
      // It returns once the storage has moved (the VM running all along).
      const done = () => !c.hv.sim.diskMoving(vm.id);
      return done()
        ? output('', true)
        : { ...output('', true), blocking: { waitingFor: `${vm.name}'s storage to move to ${ds.name}`, done, answer: () => output('', true) } };
    },
  },
};

/** -MaximumIOPS and -MinimumIOPS as Set-VMHardDiskDrive binds them (normalized 8 KB IOPS), or the record for a value refused before any drive is looked at. */
export interface IopsAsked {
  readonly max?: number;
  readonly min?: number;
}

export function iopsAsked(c: Call): IopsAsked | ExecResult {
  const asked: { max?: number; min?: number } = {};
  for (const [name, key] of [
    ['MaximumIOPS', 'max'],
    ['MinimumIOPS', 'min'],
  ] as const) {
    // A UInt64 parameter, PowerShell's literals (10KB) and its words for a value it cannot hold.
    const n = unsignedParam(c, name);
    if (typeof n === 'object') return n;
    // The simulator's words (no capture of Hyper-V's for a value past its maximum), marked as such.
    if (n !== undefined && n > MAX_IOPS)
      return error(c, {
        message: `hyperpane: ${name} of ${n} is more than Hyper-V takes: at most ${MAX_IOPS} normalized IOPS.`,
        category: 'InvalidArgument',
        exception: 'VirtualizationException',
        id: 'InvalidParameter',
      });
    if (n !== undefined) asked[key] = n;
  }
  return asked;
}

/**
 * Storage QoS on a VM's own drive (Set-VMHardDiskDrive, cmdlets-drives.ts, for each drive it
 * matches): -MaximumIOPS caps it (normalized 8 KB IOPS, the core's own unit; 0 lifts the cap),
 * -MinimumIOPS is kept as its reservation. Nothing printed; changed when either was given; the
 * record when the reservation would pass the limit.
 */
export function setOwnQos(c: Call, vm: ProviderWorkload, asked: IopsAsked): ExecResult {
  const { max, min } = asked;
  const maxNow = max ?? c.hv.sim.diskIo(vm.id)?.limitIops ?? 0;
  const minNow = min ?? minimumIops(vm);
  // Msvm_StorageAllocationSettingData: "IOPSLimit must be greater than or equal to IOPSReservation" (the module's own words
  // for it are in no source found: the simulator's, marked as such).
  if (maxNow > 0 && minNow > maxNow)
    return error(c, {
      message: `hyperpane: The minimum IOPS (${minNow}) of ${vm.name}'s hard disk drive is more than its maximum (${maxNow}): the limit must be greater than or equal to the reservation.`,
      category: 'InvalidArgument',
      exception: 'VirtualizationException',
      id: 'InvalidParameter',
    });
  if (max !== undefined) {
    const r = c.hv.sim.limitIops(vm.id, max);
    if (!r.ok) return error(c, { message: r.error.message, category: 'InvalidOperation', exception: 'VirtualizationException', id: 'InvalidOperation' });
  }
  if (min !== undefined && min !== minimumIops(vm)) {
    const r = c.hv.sim.setAttrs(vm.id, { ...(c.hv.workload(vm.id)?.attrs ?? vm.attrs), minimumIops: min });
    if (!r.ok) return error(c, { message: r.error.message, category: 'InvalidOperation', exception: 'VirtualizationException', id: 'InvalidOperation' });
  }
  return output('', max !== undefined || min !== undefined);
}

/** Msvm_StorageAllocationSettingData's IOPSLimit and IOPSReservation: MaxValue (1000000000). */
const MAX_IOPS = 1_000_000_000;
