// govc's commands for a VM's disks and devices: data disks (the core's volumes)
// made on a datastore and attached (vm.disk.create), standalone VMDKs attached
// (vm.disk.attach), a VM's devices listed and shown (device.ls, device.info) and
// its data disks taken off, with their files or without (device.remove).
// Sources (govmomi):
//  - cli/vm/disk/create.go: -name first ("please specify a disk name"), then the
//    VM ("please specify a vm"), the datastore, the controller, -mode among
//    VirtualDiskMode ("please specify a valid disk mode"); the disk is "[DS] NAME"
//    (ds.Path), ".vmdk" added when NAME has no such extension
//    (object/virtual_device_list.go CreateDisk); one of the VM's disks with that
//    file already: cmd.Log("Disk already present\n") and nothing done; else
//    cmd.Log("Creating disk\n") and the reconfigure (thin unless -thick, -eager
//    only with -thick); -size 10G by default. OutputFlag.Log's stamp on each line.
//  - cli/vm/disk/attach.go: no VM, the usage; -link (true) and -persist (true);
//    with -link the VM gets a child delta disk (ChildDisk) whose parent is the
//    VMDK named, so device.remove and vm.destroy delete the child and leave the
//    parent: recorded here, the child not modelled (govc-disk-units.ts), the
//    parent shown as the disk's File, no Parent line; govc/test/vm.bats
//    "vm.disk.attach": a missing disk is "File [DS] X.vmdk was not found" with
//    -link=false, "Invalid configuration for device '0'." with -link.
//  - Both commands resolve -ds as every command does (cli/flags/datastore.go,
//    govc-disks.ts flagDatastore: no fallback to the VM's datastore), then
//    ds.Path(NAME): a "[DS] NAME" names its own datastore.
//  - object/virtual_machine.go diskFileOperation: a disk of no size is an existing
//    one (vm.disk.create -size 0 attaches the file it names).
//  - object/virtual_device_list.go: FindDiskController ("" or scsi: a SCSI
//    controller with fewer than 15 devices, else "no available SCSI controller";
//    nvme, sata: "no available NVME controller", "no available SATA or AHCI
//    controller"; a name that is no controller: "%s is not a valid controller");
//    newUnitNumber (the SCSI controller's own unit 7 is never a disk's); Name
//    ("disk-<controller key>-<unit>", "ethernet-<unit - 7>", else type-key); Type.
//  - cli/device/ls.go (tabwriter(3, 0, 2, ' '): name, type, summary; -json: the
//    "devices" list, indented two spaces; -boot: the devices of the boot order,
//    none when it is not set), cli/device/info.go (match: a name or a path.Match
//    pattern, "device '%s' not found"; tabwriter(2, 0, 2, ' ') of Name, Type, Label,
//    Summary, Key, then Devices for a controller or Controller and Unit number,
//    the connectable's four lines, MAC Address and Address type, a disk's File),
//    cli/device/remove.go (each DEVICE in turn; -keep: FileOperation "" instead of
//    destroy, the VMDK kept), govc/test/device.bats ("device.match", "device.scsi slots").
//  - The devices every VM has here and their words: simulator/esx/virtual_device.go
//    (captured from ESXi: "PCI controller 0", "IDE 0", "Keyboard ", "Video card ",
//    the VMCI device's summary), and device.ls of real vCenter VMs (ParaVirtualSCSIController
//    "VMware paravirtual SCSI", a disk's summary "41,943,040 KB" (simulator/virtual_machine.go:
//    numberToString(CapacityInKB, ','), "KB"), "Remote device" for a CD/DVD drive of
//    no ISO, an adapter's summary its network, "DVSwitch: <uuid>" on a distributed one),
//    in their order: the VM's own devices, then the disks added later.
// vSphere's words for a reconfigure's faults: FileAlreadyExists, FileNotFound,
// NoDiskSpace (as govc-disks.ts has them), CannotAccessFile "Unable to access file
// %s", FileLocked "Unable to access file %s since it is locked", InvalidState
// "The operation is not allowed in the current state.", NotSupported (a template)
// "The operation is not supported on the object.", FileTooLarge (govc-disks.ts).
// A data disk's unit (and its link) is kept in its VM's `diskUnits` attribute
// (govc-disk-units.ts), so its name stays when others come off.
import { table } from '../../core/own.js';
import { MAX_VOLUME_MIB, type VolumeView } from '../../core/volumes.js';
import { bool, type ParsedFlags, str } from '../cli/flags.js';
import { goTabwriter } from '../cli/table.js';
import { stableUuid } from '../common.js';
import { failure, output } from '../exec-result.js';
import type { ExecResult, ProviderWorkload } from '../provider.js';
import type { VmwareDriver } from './driver.js';
import { type Cmd, findVm, usage } from './govc-common.js';
import { dataDisks, diskDeviceName, nextUnit, recordUnits, SCSI_KEY } from './govc-disk-units.js';
import { type DsTarget, entriesIn, fileLocked, filesOf, flagDatastore, invalidPath, kbToMiB, normalize, onDatastore, storeOf, tooLarge } from './govc-disks.js';
import { networksOf } from './govc-network.js';
import { byteFlag, type GovcDatastore, localDatastoreOf, mainDisk, STORAGE_COMMANDS } from './govc-storage.js';
import { logStamp } from './govc-tasks.js';
import { ADAPTER_TYPES, deviceName, nicMac, nicsOf } from './port-groups.js';

const MIB = 1024 * 1024;
/** The SCSI controller every VM has here: its name, how many devices it takes. */
const SCSI = 'pvscsi-1000';
const SCSI_SLOTS = 15;
/** VirtualDiskMode (vim25/types/enum.go), persistent first: create.go's default. */
const DISK_MODES = ['persistent', 'nonpersistent', 'undoable', 'independent_persistent', 'independent_nonpersistent', 'append'];

/** A device as govc lists and shows it. */
interface Device {
  readonly name: string;
  readonly type: string;
  readonly label: string;
  readonly summary: string;
  readonly key: number;
  /** A controller's devices, by name. */
  readonly devices?: readonly string[];
  /** The controller it is on, by name, and its unit there. */
  readonly controller?: string;
  readonly unit?: number;
  readonly connectable?: { readonly connected: boolean; readonly startConnected: boolean; readonly guestControl: boolean; readonly status: string };
  readonly mac?: string;
  /** An adapter's network. */
  readonly network?: string;
  /** A disk's file, "[DS] path". */
  readonly file?: string;
  /** A data disk's volume, and whether it was attached linked (its file the parent of a child not modelled); the VM's own disk has `main`. */
  readonly volume?: VolumeView;
  readonly linked?: boolean;
  readonly main?: boolean;
}

/** The datastore a volume is on, by name (a host's own: "datastore1 (N)"). */
const storeName = (vmw: VmwareDriver, v: VolumeView) => v.datastoreName ?? localDatastoreOf(vmw, v.host ?? '');

/** Go's numberToString(n, ','): digits in groups of three. */
const grouped = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const kb = (mib: number) => `${grouped(mib * 1024)} KB`;

/** A distributed switch's UUID as vCenter shows it: 16 bytes in hex pairs, a dash after the eighth. */
function switchUuid(dvs: string): string {
  const pairs = stableUuid(`dvs:${dvs}`).replaceAll('-', '').match(/../g) ?? [];
  return `${pairs.slice(0, 8).join(' ')}-${pairs.slice(8, 16).join(' ')}`;
}

/** A VM's devices, in the order govc lists them: ESXi's own set, the SCSI controller and CD/DVD drive, its disk, its adapters, then its data disks. */
function devicesOf(vmw: VmwareDriver, vm: ProviderWorkload): Device[] {
  const nics = nicsOf(vm.attrs);
  const data = dataDisks(vmw, vm);
  const on = vm.nativeState === 'poweredOn';
  const own = mainDisk(vmw, vm.id, vm.name);
  const controller = (name: string, type: string, label: string, key: number, devices: string[], summary = label): Device => ({
    name,
    type,
    label,
    summary,
    key,
    devices,
  });
  const onController = (name: string, type: string, label: string, summary: string, key: number, at: string, unit: number): Device => ({
    name,
    type,
    label,
    summary,
    key,
    controller: at,
    unit,
  });
  const disks = ['disk-1000-0', ...data.map(diskDeviceName)];
  return [
    controller('ide-200', 'VirtualIDEController', 'IDE 0', 200, ['cdrom-3000']),
    controller('ide-201', 'VirtualIDEController', 'IDE 1', 201, []),
    controller('ps2-300', 'VirtualPS2Controller', 'PS2 controller 0', 300, ['keyboard-600', 'pointing-700']),
    controller('pci-100', 'VirtualPCIController', 'PCI controller 0', 100, ['video-500', 'vmci-12000', SCSI, ...nics.map((_, i) => deviceName(i))]),
    controller('sio-400', 'VirtualSIOController', 'SIO controller 0', 400, []),
    onController('keyboard-600', 'VirtualKeyboard', 'Keyboard ', 'Keyboard', 600, 'ps2-300', 0),
    onController('pointing-700', 'VirtualPointingDevice', 'Pointing device', 'Pointing device; Device', 700, 'ps2-300', 1),
    onController('video-500', 'VirtualMachineVideoCard', 'Video card ', 'Video card', 500, 'pci-100', 0),
    onController(
      'vmci-12000',
      'VirtualMachineVMCIDevice',
      'VMCI device',
      'Device on the virtual machine PCI bus that provides support for the virtual machine communication interface',
      12000,
      'pci-100',
      17,
    ),
    controller(SCSI, 'ParaVirtualSCSIController', 'SCSI controller 0', SCSI_KEY, disks, 'VMware paravirtual SCSI'),
    {
      ...onController('cdrom-3000', 'VirtualCdrom', 'CD/DVD drive 1', 'Remote device', 3000, 'ide-200', 0),
      connectable: { connected: false, startConnected: false, guestControl: true, status: 'untried' },
    },
    { ...onController('disk-1000-0', 'VirtualDisk', own.label, kb(vm.diskMiB), own.key, SCSI, 0), file: own.file, main: true },
    ...nics.map((n, i): Device => {
      const dv = vmw.dvPortGroups.find((pg) => pg.name === n.network);
      return {
        ...onController(
          deviceName(i),
          ADAPTER_TYPES[n.adapter] ?? 'VirtualE1000',
          `Network adapter ${i + 1}`,
          dv ? `DVSwitch: ${switchUuid(dv.dvs)}` : n.network,
          4000 + i,
          'pci-100',
          7 + i,
        ),
        connectable: { connected: on, startConnected: true, guestControl: true, status: on ? 'ok' : 'untried' },
        mac: nicMac(vm.id, i),
        network: n.network,
      };
    }),
    ...data.map(
      (d, i): Device => ({
        ...onController(diskDeviceName(d), 'VirtualDisk', `Hard disk ${i + 2}`, kb(d.volume.capacityMiB), 2000 + d.unit, SCSI, d.unit),
        // A linked disk's File is its child's in vSphere, with a Parent line: the child is not modelled, so the parent is shown as its File.
        file: `[${storeName(vmw, d.volume)}] ${d.volume.name}`,
        volume: d.volume,
        linked: d.linked,
      }),
    ),
  ];
}

/** path.Match's pattern as a RegExp: * and ? within a path element, [...] and [^...] classes, \ quoting. */
function pathMatch(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\' && i + 1 < pattern.length) re += `\\${pattern[++i]}`;
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) return /(?!)/;
      const body = pattern.slice(i + 1, end);
      re += `[${body.startsWith('^') ? `^${body.slice(1).replace(/[\\\]]/g, '\\$&')}` : body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = end;
    } else re += c.replace(/[.+^${}()|\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** info.go's match: the device of that name (and no further), or those the pattern matches. */
function match(p: string, devices: readonly Device[]): Device[] {
  const pattern = pathMatch(p);
  const out: Device[] = [];
  for (const d of devices) {
    const eq = d.name === p;
    if (eq || pattern.test(d.name)) out.push(d);
    if (eq) break;
  }
  return out;
}

/** The devices the arguments name, each in turn, or govc's error for the first that names none. */
function matchAll(args: readonly string[], devices: readonly Device[]): Device[] | ExecResult {
  const out: Device[] = [];
  for (const name of args) {
    const found = match(name, devices);
    if (found.length === 0) return failure(`govc: device '${name}' not found`);
    out.push(...found);
  }
  return out;
}

const isResult = (x: object): x is ExecResult => 'exitCode' in x;

/** The VM -vm names, or `none` (the command's answer to no -vm), or govc's error. */
function vmOf(vmw: VmwareDriver, f: ParsedFlags, none: () => ExecResult): ProviderWorkload | ExecResult {
  const name = str(f, 'vm');
  if (!name) return none();
  return findVm(vmw, name) ?? failure(`govc: vm '${name}' not found`);
}

/** The datastore -ds gives a VM's disk command (DatastoreFlag.Datastore, as every command resolves it), in the VM's datacenter. */
const datastoreFor = (vmw: VmwareDriver, vm: ProviderWorkload, f: ParsedFlags) => flagDatastore(vmw, str(f, 'ds'), vmw.datacenterOf(vm.host));

/** FindDiskController: the SCSI controller, if it has room; the words of the others it knows. */
function controllerCheck(f: ParsedFlags, devices: readonly Device[]): ExecResult | undefined {
  const name = str(f, 'controller') ?? '';
  const scsi = devices.find((d) => d.name === SCSI)!;
  if (name === '' || name === 'scsi' || name === SCSI)
    return (scsi.devices?.length ?? 0) < SCSI_SLOTS ? undefined : failure('govc: no available SCSI controller');
  if (name === 'nvme') return failure('govc: no available NVME controller');
  if (name === 'sata') return failure('govc: no available SATA or AHCI controller');
  if (name === 'ide' || name === 'ide-200' || name === 'ide-201')
    return failure(`govc: disks on an IDE controller are not simulated: data disks go on the SCSI controller (-controller ${SCSI}, the default)`);
  const found = devices.find((d) => d.name === name);
  return found?.devices !== undefined
    ? failure(`govc: ${name} takes no disks here: data disks go on ${SCSI}`)
    : failure(`govc: ${name} is not a valid controller`);
}

/** Why vSphere would refuse to reconfigure the VM now: a template, or a VM or disk on the move. */
function reconfigureRefusal(vmw: VmwareDriver, vm: ProviderWorkload): string | undefined {
  if (vm.attrs.template === true) return 'The operation is not supported on the object.';
  if (vm.state === 'migrating' || vmw.sim.diskMoving(vm.id)) return 'The operation is not allowed in the current state.';
  return undefined;
}

/** Whether the VM's host can open files on a datastore: one its cluster mounts, or that host's own. */
function canOpen(vmw: VmwareDriver, vm: ProviderWorkload, ds: GovcDatastore): boolean {
  const host = vmw.hosts().find((h) => h.id === vm.host);
  if (!host) return false;
  return ds.host !== undefined ? ds.host === host.id : ds.mountedBy.includes(host.cluster);
}

/** A VMDK's path as CreateDisk makes it: ".vmdk" added unless it has that extension. */
const vmdkPath = (name: string) => (/\.vmdk$/.test(name) ? name : `${name}.vmdk`);

/** The core's refusal of an attach, in vSphere's words. */
function attachFault(code: string, message: string, shown: string): string {
  if (code === 'invalid-state') return 'The operation is not allowed in the current state.';
  if (code === 'invalid-input') return `Unable to access file ${shown}`;
  return message;
}

/**
 * Attaches an existing VMDK to a VM (vm.disk.attach, vm.disk.create -size 0): govc's answer. `link`: attach.go's
 * -link, a child delta disk of it (ChildDisk), recorded so that device.remove and vm.destroy leave the VMDK, its
 * parent, in place; the child itself is not modelled.
 */
function attachExisting(vmw: VmwareDriver, vm: ProviderWorkload, where: DsTarget, link: boolean, log = ''): ExecResult {
  const { ds, path, shown } = where;
  const name = normalize(path);
  const fail = (why: string) => ({ exitCode: 1, stdout: log, stderr: `govc: ${why}\n`, changed: false });
  const file = ds && filesOf(vmw, ds).find((x) => x.path === name);
  // With -link a child disk of it is made in the VM's folder, and a missing parent is an invalid device; without, the file is not found.
  if (!ds || !file || !name.endsWith('.vmdk'))
    return fail(link ? "Invalid configuration for device '0'." : ds ? `File ${shown} was not found` : invalidPath(shown));
  const refusal = reconfigureRefusal(vmw, vm);
  if (refusal) return fail(refusal);
  if (file.vm !== undefined) return fail(`attaching ${file.vm}'s own disk to a VM is not simulated: attach a standalone VMDK (datastore.disk.create)`);
  if (!canOpen(vmw, vm, ds)) return fail(`Unable to access file ${shown}`);
  const volume = file.volume!;
  if (volume.attachedTo !== undefined) return fail(fileLocked(shown));
  const before = dataDisks(vmw, vm);
  const r = vmw.sim.attachVolume(storeOf(ds), volume.name, vm.id);
  if (!r.ok) return fail(attachFault(r.error.code, r.error.message, shown));
  recordUnits(vmw, vm.id, [...before, { volume: r.value, unit: nextUnit(before), linked: link }]);
  return { exitCode: 0, stdout: log, stderr: '', changed: true };
}

/** The data disks whose files a VM's Destroy_Task deletes: all but those attached linked (it deletes their children, not modelled, and leaves the parents). */
export function disksDeletedWith(vmw: VmwareDriver, id: string): VolumeView[] {
  const vm = vmw.workload(id);
  return vm ? dataDisks(vmw, vm).flatMap((d) => (d.linked ? [] : [d.volume])) : [];
}

/** After a VM is destroyed: its data disks' files go with it (disksDeletedWith), detached by then in the core. */
export function deleteDataDisks(vmw: VmwareDriver, disks: readonly VolumeView[]): void {
  for (const v of disks) vmw.sim.deleteVolume(v.datastore !== undefined ? { datastore: v.datastore } : { host: v.host ?? '' }, v.name);
}

/** vm.disk.change's selection (change.go CheckDiskProperties): every given -disk.* value must match. */
function picked(f: ParsedFlags, d: Device): boolean {
  const key = f.values.has('disk.key') ? Number(f.values.get('disk.key')) : 0;
  const is = (flag: string, value: string | undefined) => str(f, flag) === undefined || str(f, flag) === '' || str(f, flag) === value;
  return (key === 0 || key === d.key) && is('disk.name', d.name) && is('disk.label', d.label) && is('disk.filePath', d.file);
}

/** vm.disk.change on a data disk: it only grows (a datastore's volume resized), as the VM's own disk does. */
function changeDataDisk(vmw: VmwareDriver, vm: ProviderWorkload, d: Device, f: ParsedFlags): ExecResult {
  const v = d.volume!;
  const bytes = byteFlag(f, 'size') ?? 0;
  if (typeof bytes !== 'number') return bytes;
  // change.go: a -size of 0 bytes changes nothing; one that wrapped negative in int64 is smaller than any disk.
  if (bytes === 0) return output('', false);
  const sizeMiB = bytes < 0 ? -1 : Math.ceil(bytes / MIB);
  const fault = (why: string) => failure(`govc: error resizing main disk\nLogged Item:  ${why}`);
  const refusal = reconfigureRefusal(vmw, vm);
  if (refusal) return fault(refusal);
  // A disk in a snapshot's chain or a linked one's delta does not grow (InvalidDeviceOperation), nor does one made smaller.
  if ((vmw.sim.workloadRow(vm.id)?.snapshots.list.length ?? 0) > 0 || d.linked || sizeMiB < v.capacityMiB) return fault("Invalid operation for device '0'.");
  if (sizeMiB === v.capacityMiB) return output('', false);
  if (sizeMiB > MAX_VOLUME_MIB) return fault(tooLarge(d.file ?? v.name, storeName(vmw, v)));
  const r = vmw.sim.resizeVolume(v.datastore !== undefined ? { datastore: v.datastore } : { host: v.host ?? '' }, v.name, sizeMiB);
  if (r.ok) return output('', true);
  return fault(r.error.code === 'insufficient-capacity' ? `Insufficient disk space on datastore '${storeName(vmw, v)}'.` : r.error.message);
}

const VM_FLAGS = { vm: { type: 'string' }, dc: { type: 'string', ignored: true } } as const;
const DISK_CHANGE = STORAGE_COMMANDS['vm.disk.change'];

export const VM_DISK_COMMANDS: Readonly<Record<string, Cmd>> = table<Cmd>({
  'vm.disk.create': {
    flags: {
      ...VM_FLAGS,
      ds: { type: 'string' },
      name: { type: 'string' },
      size: { type: 'string' },
      thick: { type: 'boolean' },
      eager: { type: 'boolean' },
      controller: { type: 'string' },
      mode: { type: 'string' },
      sharing: { type: 'string', ignored: true },
      profile: { type: 'string', ignored: true },
    },
    usage: 'vm.disk.create [OPTIONS]',
    run: (vmw, f) => {
      // -size is read with the flags, before Run.
      const bytes = byteFlag(f, 'size', '10G') ?? 0;
      if (typeof bytes !== 'number') return bytes;
      const diskName = str(f, 'name') ?? '';
      if (diskName === '') return failure('govc: please specify a disk name');
      const vm = vmOf(vmw, f, () => failure('govc: please specify a vm'));
      if (isResult(vm)) return vm;
      const base = datastoreFor(vmw, vm, f);
      if (isResult(base)) return base;
      const devices = devicesOf(vmw, vm);
      const noController = controllerCheck(f, devices);
      if (noController) return noController;
      if (!DISK_MODES.includes(str(f, 'mode') ?? DISK_MODES[0])) return failure('govc: please specify a valid disk mode');
      // CreateDisk(controller, ds, ds.Path(name)): "[DS] NAME" names its own datastore.
      const where = onDatastore(vmw, base, diskName);
      const target = { ...where, path: vmdkPath(where.path), shown: vmdkPath(where.shown) };
      const { ds, path, shown } = target;
      const name = normalize(path);
      // SelectByBackingInfo: one of the VM's disks is that file already.
      if (ds && devices.some((d) => d.file === `[${ds.name}] ${name}`)) return output(`${logStamp(vmw.sim.now)}Disk already present\n`);
      const log = `${logStamp(vmw.sim.now)}Creating disk\n`;
      // CapacityInKB = int64(Bytes) / 1024; 0: the reconfigure attaches the file as it is (diskFileOperation).
      const capacityKB = Math.trunc(bytes / 1024);
      if (capacityKB === 0) return attachExisting(vmw, vm, target, false, log);
      const fail = (why: string): ExecResult => ({ exitCode: 1, stdout: log, stderr: `govc: ${why}\n`, changed: false });
      // A capacity that wrapped negative in int64 is no disk vCenter makes (InvalidDeviceSpec).
      if (capacityKB < 0) return fail("Invalid configuration for device '0'.");
      const refusal = reconfigureRefusal(vmw, vm);
      if (refusal) return fail(refusal);
      if (!ds) return fail(invalidPath(shown));
      const files = filesOf(vmw, ds);
      if (files.some((x) => x.path === name) || entriesIn(files, name))
        return fail(`Cannot complete the operation because the file or folder ${shown} already exists`);
      if (!canOpen(vmw, vm, ds)) return fail(`Unable to access file ${shown}`);
      const capacityMiB = kbToMiB(capacityKB);
      if (capacityMiB > MAX_VOLUME_MIB) return fail(tooLarge(shown, ds.name));
      const format = bool(f, 'thick') ? (bool(f, 'eager') ? 'eager' : 'thick') : 'thin';
      const made = vmw.sim.createVolume({ store: storeOf(ds), name, capacityMiB, format });
      if (!made.ok) {
        if (made.error.code === 'duplicate-id') return fail(`Cannot complete the operation because the file or folder ${shown} already exists`);
        return fail(made.error.code === 'insufficient-capacity' ? `Insufficient disk space on datastore '${ds.name}'.` : made.error.message);
      }
      const before = dataDisks(vmw, vm);
      const r = vmw.sim.attachVolume(storeOf(ds), name, vm.id);
      if (!r.ok) {
        // The reconfigure failed: nothing is left of it.
        vmw.sim.deleteVolume(storeOf(ds), name);
        return fail(attachFault(r.error.code, r.error.message, shown));
      }
      recordUnits(vmw, vm.id, [...before, { volume: r.value, unit: nextUnit(before), linked: false }]);
      return output(log, true);
    },
  },
  'vm.disk.attach': {
    flags: {
      ...VM_FLAGS,
      ds: { type: 'string' },
      disk: { type: 'string' },
      link: { type: 'boolean' },
      persist: { type: 'boolean', ignored: true },
      controller: { type: 'string' },
      mode: { type: 'string', ignored: true },
      sharing: { type: 'string', ignored: true },
      profile: { type: 'string', ignored: true },
    },
    usage: 'vm.disk.attach [OPTIONS]',
    run: (vmw, f) => {
      const vm = vmOf(vmw, f, () => usage('vm.disk.attach', VM_DISK_COMMANDS['vm.disk.attach'].usage));
      if (isResult(vm)) return vm;
      const ds = datastoreFor(vmw, vm, f);
      if (isResult(ds)) return ds;
      const noController = controllerCheck(f, devicesOf(vmw, vm));
      if (noController) return noController;
      const link = f.values.has('link') ? bool(f, 'link') : true;
      // CreateDisk(controller, ds, ds.Path(disk)): "[DS] path" names its own datastore; ".vmdk" added.
      const where = onDatastore(vmw, ds, str(f, 'disk') ?? '');
      return attachExisting(vmw, vm, { ...where, path: vmdkPath(where.path), shown: vmdkPath(where.shown) }, link);
    },
  },
  'vm.disk.change': {
    ...DISK_CHANGE,
    // The VM's own disk is govc-storage.ts's; a data disk, picked by the same -disk.* values, is resized here.
    run: (vmw, f) => {
      // A bad -size fails with the flags, before the VM is looked up.
      const bytes = byteFlag(f, 'size');
      if (bytes !== undefined && typeof bytes !== 'number') return bytes;
      const name = str(f, 'vm');
      const vm = name ? findVm(vmw, name) : undefined;
      if (!vm || vmw.sim.dataDisks(vm.id).length === 0) return DISK_CHANGE.run(vmw, f);
      const disks = devicesOf(vmw, vm).filter((d) => d.type === 'VirtualDisk' && picked(f, d));
      if (disks.length === 0) return failure('govc: no disk found using the given values');
      if (disks.length > 1) return failure('govc: the given disk values match multiple disks');
      return disks[0].main ? DISK_CHANGE.run(vmw, f) : changeDataDisk(vmw, vm, disks[0], f);
    },
  },
  'device.ls': {
    flags: { ...VM_FLAGS, boot: { type: 'boolean' }, json: { type: 'boolean' } },
    usage: 'device.ls [OPTIONS]',
    run: (vmw, f) => {
      const vm = vmOf(vmw, f, () => usage('device.ls', VM_DISK_COMMANDS['device.ls'].usage));
      if (isResult(vm)) return vm;
      let devices = devicesOf(vmw, vm);
      if (f.positionals.length > 0) {
        const found = matchAll(f.positionals, devices);
        if (isResult(found)) return found;
        devices = found;
      }
      // No VM here has a boot order set: SelectBootOrder of none is none.
      if (bool(f, 'boot')) devices = [];
      if (bool(f, 'json')) {
        const list = devices.length ? devices.map((d) => ({ name: d.name, type: d.type, summary: d.summary })) : null;
        return output(`${JSON.stringify({ devices: list }, null, 2)}\n`);
      }
      return output(
        goTabwriter(
          devices.map((d) => [d.name, d.type, d.summary]),
          { minWidth: 3, padding: 2, width: (x) => x.length },
        ),
      );
    },
  },
  'device.info': {
    flags: { ...VM_FLAGS, json: { type: 'boolean' }, net: { type: 'string' } },
    usage: 'device.info [OPTIONS] [DEVICE]...',
    run: (vmw, f) => {
      const vm = vmOf(vmw, f, () => usage('device.info', VM_DISK_COMMANDS['device.info'].usage));
      if (isResult(vm)) return vm;
      if (bool(f, 'json')) return failure('govc: device.info -json (the whole VirtualDevice objects) is not simulated: use device.ls -json');
      const all = devicesOf(vmw, vm);
      let devices = all;
      const net = str(f, 'net');
      if (net !== undefined) {
        // NetworkFlag: the network must be one of the datacenter's; then the adapters on it (SelectByBackingInfo).
        const dc = vmw.datacenterOf(vm.host);
        if (!networksOf(vmw, dc).includes(net) && !devices.some((d) => d.network === net)) return failure(`govc: network '${net}' not found`);
        devices = devices.filter((d) => d.network === net);
      }
      if (f.positionals.length > 0) {
        const found = matchAll(f.positionals, devices);
        if (isResult(found)) return found;
        devices = found;
      }
      const rows: string[][] = [];
      for (const d of devices) {
        rows.push(['Name:', d.name], ['  Type:', d.type], ['  Label:', d.label], ['  Summary:', d.summary], ['  Key:', String(d.key)]);
        if (d.devices) rows.push(['  Devices:', d.devices.join(', ')]);
        else if (d.controller) rows.push(['  Controller:', d.controller], ['  Unit number:', String(d.unit)]);
        const c = d.connectable;
        if (c)
          rows.push(
            ['  Connected:', String(c.connected)],
            ['  Start connected:', String(c.startConnected)],
            ['  Guest control:', String(c.guestControl)],
            ['  Status:', c.status],
          );
        if (d.mac) rows.push(['  MAC Address:', d.mac], ['  Address type:', 'assigned']);
        if (d.file) rows.push(['  File:', d.file]);
      }
      return output(goTabwriter(rows, { minWidth: 2, padding: 2, width: (x) => x.length }));
    },
  },
  'device.remove': {
    flags: { ...VM_FLAGS, keep: { type: 'boolean' } },
    usage: 'device.remove [OPTIONS] DEVICE...',
    run: (vmw, f) => {
      const vm = vmOf(vmw, f, () => usage('device.remove', VM_DISK_COMMANDS['device.remove'].usage));
      if (isResult(vm)) return vm;
      let changed = false;
      // Each DEVICE in turn, its matches in one reconfigure (remove.go).
      for (const arg of f.positionals) {
        const now = vmw.workload(vm.id) ?? vm;
        const found = match(arg, devicesOf(vmw, now));
        if (found.length === 0) return failure(`govc: device '${arg}' not found`, 1, changed);
        const main = found.find((d) => d.main);
        if (main) return failure(`govc: removing ${main.name} (${vm.name}'s own disk) is not simulated: only its data disks come off here`, 1, changed);
        const other = found.find((d) => !d.volume);
        if (other) return failure(`govc: removing ${other.name} (${other.type}) is not simulated: only data disks come off here`, 1, changed);
        const refusal = reconfigureRefusal(vmw, now);
        if (refusal) return failure(`govc: ${refusal}`, 1, changed);
        for (const d of found) {
          const v = d.volume!;
          const store = v.datastore !== undefined ? { datastore: v.datastore } : { host: v.host ?? '' };
          const r = vmw.sim.detachVolume(store, v.name);
          if (!r.ok)
            return failure(`govc: ${r.error.code === 'invalid-state' ? 'The operation is not allowed in the current state.' : r.error.message}`, 1, changed);
          changed = true;
          // Without -keep the VMDK goes too (FileOperation destroy); of a linked disk that is its child (not modelled), never the parent.
          if (!bool(f, 'keep') && !d.linked) vmw.sim.deleteVolume(store, v.name);
        }
        // The disks left keep their units.
        recordUnits(vmw, vm.id, dataDisks(vmw, vmw.workload(vm.id) ?? now));
      }
      return output('', changed);
    },
  },
});
