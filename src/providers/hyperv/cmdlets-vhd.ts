// The VHD cmdlets (the Microsoft.Vhd.PowerShell assembly's Get-VHD, New-VHD and
// Resize-VHD) over each VM's own VHDX and over virtual hard disks of no VM (the
// core's volumes), and PowerShell's Remove-Item for a VHD file.
//
// Where a VHD of no VM is. A path under C:\ClusterStorage\<volume>\ is on that
// Cluster Shared Volume (the shared datastore of that name that the host's cluster
// mounts), named there by the rest of its path; any other absolute path (C:\...,
// D:\...) is on the own storage of the host the cmdlet runs on, named by the whole
// path. That host is the one -ComputerName names; without it (or with localhost or
// .) the first connected Hyper-V host, where the console's PowerShell stands: New-VM
// reads no -ComputerName and leaves its VM's host to the core's placement, so there
// is no other host to take. Paths compare without regard to case, as NTFS names do.
//
// Sources. Microsoft Learn's New-VHD, Resize-VHD and Get-VHD (windows-powershell-docs,
// docset/winserver2022-ps/Hyper-V): the parameter sets, Dynamic by default, the
// extension choosing VHD or VHDX, -SizeBytes a UInt64, the block and sector sizes
// UInt32 (sectors 512 or 4096), Resize-VHD's -Path alias FullName, -ToMinimumSize,
// no output without -Passthru, "can expand both VHD and VHDX files but can shrink
// only VHDX files", not below MinimumSize, an IDE-attached disk not while its VM is
// online (a data disk's controller read from its VM's drives, drives.ts), a SCSI-attached
// one so; Get-VHD -VMId every virtual hard disk of the VM (Example 3), in its drives'
// order. New-VHD's failure, its two lines twice, the second time with Windows' reason:
// kubernetes/minikube#18714 ("The file exists. (0x80070050)."; NotSpecified, OperationFailed,Microsoft.Vhd.PowerShell.Cmdlets.NewVhd),
// AutomatedLab/AutomatedLab#266, anthropics/claude-code#40447 (0xC03A0014, "A virtual
// disk support provider for the specified file was not found."), and for a size that
// is not a whole number of MiB PowerShell/PowerShell#25761 (2000000000 bytes:
// InvalidArgument, InvalidParameter) and dsccommunity/HyperVDsc#153 (5000000 bytes:
// "One or more arguments are invalid"). A fixed VHD's list: kubernetes/minikube#3610
// and #2084 (FileSize = Size + 512, 512-byte sectors, MinimumSize empty). Resize-VHD
// on a running VM's IDE disk: a Windows Server 2012 R2 build log (Technology Toolbox,
// JUGGERNAUT): "Failed to resize the virtual disk. / The system failed to resize
// '<path>'. / The operation is not supported.", NotImplemented on a VMStorageTask,
// VirtualizationOperationFailedException, NotSupported (its class then
// Microsoft.Vhd.PowerShell.ResizeVhdCommand; Cmdlets.ResizeVhd here, as New-VHD's is
// named today). Remove-Item: PathNotFound,...RemoveItemCommand (ItemNotFoundException,
// "Cannot find path '<p>' because it does not exist.") and RemoveFileSystemItemIOError
// (WriteError on the FileInfo, IOException, "Cannot remove item <p>: ...") as
// transcripts print them, with .NET's "The process cannot access the file '<p>'
// because it is being used by another process." Limits: a VHDX up to 64 TB, a VHD
// up to 2040 GB, either at least 3 MB (VirtDisk's CreateVirtualDisk notes); a VHDX's
// block a power of two from 1 MiB to 256 MiB (MS-VHDX), a VHD's 512 KiB or 2 MiB.
import type { VolumeStore, VolumeView } from '../../core/volumes.js';
import { wildcardMatch } from '../../core/wildcard.js';
import { bool, str } from '../cli/flags.js';
import { powershellList } from '../cli/table.js';
import { stableUuid } from '../common.js';
import { failure, output } from '../exec-result.js';
import type { ExecResult, ProviderWorkload } from '../provider.js';
import { asJob, type Call, type Cmdlet, error, type Properties, unsignedParam } from './cmdlet.js';
import { BLOCK_BYTES, controllerOf, HEADER_BYTES, MIB, pathOf, type VhdFacts, vhdInUse, vhdOf, vhdProperties, vhdRecord } from './cmdlets-storage.js';
import { drivesOf, storeKey } from './drives.js';
import { vmGuid } from './format.js';

const GIB = 1024 * MIB;
/** The smallest virtual disk, and the largest of each format. */
const MIN_BYTES = 3 * MIB;
const MAX_BYTES = { VHDX: 64 * 1024 * GIB, VHD: 2040 * GIB } as const;
/** A dynamic VHD's default block (the VHD format's 2 MiB); a VHDX's is BLOCK_BYTES (32 MiB). */
const VHD_BLOCK_BYTES = 2 * MIB;

type Format = 'VHD' | 'VHDX';

/** What New-VHD was told that the core's volume does not keep: its block and sector sizes. */
interface VhdLayout {
  readonly blockBytes: number;
  readonly logicalSector: number;
  readonly physicalSector: number;
}

/**
 * Each simulation's VHDs' layouts, by store and lower-case name. Kept for the session only:
 * a reloaded estate's VHDs show their format's defaults (the core's volumes keep no such detail).
 */
const LAYOUTS = new WeakMap<object, Map<string, VhdLayout>>();

function layouts(c: Call): Map<string, VhdLayout> {
  let m = LAYOUTS.get(c.hv.sim);
  if (!m) {
    m = new Map();
    LAYOUTS.set(c.hv.sim, m);
  }
  return m;
}

const layoutKey = (v: Pick<VolumeView, 'datastore' | 'host' | 'name'>) => `${v.datastore ?? `host:${v.host}`}/${v.name.toLowerCase()}`;

function defaultLayout(format: Format): VhdLayout {
  return format === 'VHDX'
    ? { blockBytes: BLOCK_BYTES, logicalSector: 512, physicalSector: 4096 }
    : { blockBytes: VHD_BLOCK_BYTES, logicalSector: 512, physicalSector: 512 };
}

const formatOf = (path: string): Format | undefined => (/\.vhdx$/i.test(path) ? 'VHDX' : /\.vhd$/i.test(path) ? 'VHD' : undefined);

/** Where a path is, as the host the cmdlet runs on sees it. */
interface Place {
  /** The path as typed, with / read as \. */
  readonly path: string;
  /** The host the cmdlet runs on. */
  readonly host: string;
  /** Its store and its name there; none when the Cluster Shared Volume it names is not mounted here. */
  readonly store?: VolumeStore;
  readonly name: string;
}

/** The host a cmdlet runs on: -ComputerName's, else the first connected Hyper-V host. */
function runsOn(c: Call): string | ExecResult {
  const named = str(c.p, 'ComputerName');
  const hosts = c.hv.hosts();
  if (named !== undefined && !/^(localhost|\.)$/i.test(named)) {
    const h = hosts.find((x) => x.id.toLowerCase() === named.toLowerCase() || x.name.toLowerCase() === named.toLowerCase());
    return h
      ? h.id
      : error(c, {
          message: `The operation failed because the computer '${named}' could not be found.`,
          category: 'ObjectNotFound',
          target: named,
          exception: 'VirtualizationException',
          id: 'ObjectNotFound',
        });
  }
  const h = hosts.find((x) => x.state === 'connected');
  return h ? h.id : failure(`${c.inv.cmdlet}: no Hyper-V host is connected to run it on (hyperpane runs the module's cmdlets on the first connected one).`);
}

/** Where an absolute path is; undefined for a relative one (the console keeps no working directory). */
export function placeOf(c: Call, typed: string, host: string): Place | undefined {
  const path = typed.replace(/\//g, '\\');
  if (!/^[a-z]:\\/i.test(path)) return undefined;
  const csv = /^c:\\clusterstorage\\([^\\]+)\\(.+)$/i.exec(path);
  if (!csv) return { path, host, store: { host }, name: path };
  const cluster = c.hv.hosts().find((h) => h.id === host)?.cluster;
  const ds = c.hv.sim.datastoreViews().find((d) => d.name.toLowerCase() === csv[1].toLowerCase() && cluster !== undefined && d.clusters.includes(cluster));
  return { path, host, ...(ds ? { store: { datastore: ds.id } } : {}), name: csv[2] };
}

function volumeAt(c: Call, place: Place): VolumeView | undefined {
  if (!place.store) return undefined;
  const name = place.name.toLowerCase();
  return c.hv.sim.volumes(place.store).find((v) => v.name.toLowerCase() === name);
}

/** The VM whose own VHDX is at that path. */
function vmAt(c: Call, path: string): ProviderWorkload | undefined {
  const p = path.replace(/\//g, '\\').toLowerCase();
  return c.hv.workloads().find((vm) => vhdOf(c.hv, vm).path.toLowerCase() === p);
}

/** A dynamic VHD's file as the VHD format lays it out: a footer's copy, its header, its block table (4 bytes a block, whole sectors), its footer. */
function vhdDynamicBytes(sizeBytes: number, blockBytes: number): number {
  const table = Math.ceil((Math.ceil(sizeBytes / blockBytes) * 4) / 512) * 512;
  return 512 + 1024 + table + 512;
}

/** A VHD of no VM as Get-VHD shows it, read from `host`. */
function volumeFacts(c: Call, v: VolumeView, host: string): VhdFacts {
  const path = pathOf(v);
  const format = formatOf(path) ?? 'VHDX';
  const layout = layouts(c).get(layoutKey(v)) ?? defaultLayout(format);
  const dynamic = v.format === 'thin';
  const sizeBytes = v.capacityMiB * MIB;
  const fileBytes =
    format === 'VHDX' ? (dynamic ? v.usedMiB * MIB : sizeBytes + HEADER_BYTES) : dynamic ? vhdDynamicBytes(sizeBytes, layout.blockBytes) : sizeBytes + 512;
  return {
    computer: (v.host ?? host).toUpperCase(),
    path,
    format,
    dynamic,
    sizeBytes,
    fileBytes,
    blockBytes: layout.blockBytes,
    logicalSector: layout.logicalSector,
    physicalSector: layout.physicalSector,
    identifier: stableUuid(`vhd:${layoutKey(v)}`).toUpperCase(),
    // A data disk is open while its VM is (cmdlets-drives.ts attaches them); nothing else mounts one.
    attached: holderUsing(c, v) !== undefined,
  };
}

/** The VM that has a VHD of no VM open as a data disk: attached to it while it is neither off nor saved. */
export function holderUsing(c: Call, v: VolumeView): ProviderWorkload | undefined {
  const vm = v.attachedTo === undefined ? undefined : c.hv.workload(v.attachedTo);
  return vm && vhdInUse(vm) ? vm : undefined;
}

const listed = (records: readonly Properties[]) => `\n${records.map(powershellList).join('\n\n')}\n\n`;

const isResult = (x: unknown): x is ExecResult => typeof x === 'object' && x !== null && 'exitCode' in x;

function bindingError(c: Call, message: string, id: string): ExecResult {
  return error(c, { message, category: 'InvalidArgument', exception: 'ParameterBindingException', id });
}

/** PowerShell's words for switches of two parameter sets given together. */
const twoSets = (c: Call) => bindingError(c, 'Parameter set cannot be resolved using the specified named parameters.', 'AmbiguousParameterSet');
const missing = (c: Call, name: string) =>
  bindingError(c, `Cannot process command because of one or more missing mandatory parameters: ${name}.`, 'MissingMandatoryParameter');

/** Not part of the simulation: said plainly, as the console's other refusals are. */
const notSimulated = (message: string) => failure(`${message}\n`);

/** New-VHD's failure: "Failed to create the virtual hard disk." and where, then both again with Windows' reason. */
function notCreated(c: Call, path: string, reason: string, invalid = false): ExecResult {
  const head = 'Failed to create the virtual hard disk.';
  const where = `The system failed to create '${path}'`;
  return error(c, {
    message: `${head}\n${where}.\n${head}\n${where}: ${reason}`,
    ...(invalid
      ? { category: 'InvalidArgument', exception: 'VirtualizationException', id: 'InvalidParameter' }
      : { category: 'NotSpecified', exception: 'VirtualizationException', id: 'OperationFailed' }),
  });
}

const INVALID = 'One or more arguments are invalid (0x80070057).';
const DISK_FULL = 'There is not enough space on the disk. (0x80070070).';

/** Resize-VHD's failure: "Failed to resize the virtual disk.", where, and why (the 2012 R2 build log's three lines). */
function notResized(c: Call, path: string, reason: string, how: 'unsupported' | 'invalid' | 'failed'): ExecResult {
  const spec =
    how === 'unsupported'
      ? {
          category: 'NotImplemented',
          target: 'Microsoft.HyperV.PowerShell.VMStorageTask',
          targetType: 'VMStorageTask',
          exception: 'VirtualizationOperationFailedException',
          id: 'NotSupported',
        }
      : how === 'invalid'
        ? { category: 'InvalidArgument', exception: 'VirtualizationException', id: 'InvalidParameter' }
        : { category: 'NotSpecified', exception: 'VirtualizationException', id: 'OperationFailed' };
  return error(c, { message: `Failed to resize the virtual disk.\nThe system failed to resize '${path}'.\n${reason}`, ...spec });
}

/** Get-VHD's words for a path that names no virtual hard disk. */
function noVhd(c: Call, path: string): ExecResult {
  return error(c, {
    message: `'${path}' is not an existing virtual hard disk file.`,
    category: 'InvalidArgument',
    exception: 'VirtualizationException',
    id: 'InvalidParameter',
  });
}

/** A VM's id as Get-VM shows it (its GUID), lower case. */
const vmGuidOf = (vm: ProviderWorkload) => vmGuid(vm.name).toLowerCase();

/** What a path names: a VM's own VHDX, a VHD of no VM (with the host it is read from), or nothing. */
type Found = { vm: ProviderWorkload } | { volume: VolumeView; host: string; place: Place } | { none: Place | undefined; host: string };

function find(c: Call, path: string): Found | ExecResult {
  const vm = vmAt(c, path);
  if (vm) return { vm };
  const host = runsOn(c);
  if (isResult(host)) return host;
  const place = placeOf(c, path, host);
  const volume = place && volumeAt(c, place);
  return volume && place ? { volume, host, place } : { none: place, host };
}

/** Whether a VHD of no VM is a data disk on an IDE controller of a VM that has it open (Resize-VHD refuses it as it does a VM's own IDE disk). */
function onIdeOnline(c: Call, v: VolumeView): boolean {
  const holder = holderUsing(c, v);
  return (
    holder !== undefined &&
    drivesOf(c.hv, holder).some((d) => d.type === 'IDE' && d.volume !== undefined && storeKey(d.volume) === storeKey(v) && d.volume.name === v.name)
  );
}

/** The VHDs Get-VHD names by -Path or -VMId, as records, or its error. */
function vhdRecords(c: Call): Properties[] | ExecResult {
  const vmId = str(c.p, 'VMId');
  const path = str(c.p, 'Path');
  if (path === undefined) {
    const vm = vmId === undefined ? undefined : c.hv.workloads().find((v) => vmGuidOf(v) === vmId.toLowerCase());
    if (!vm) return noVhd(c, vmId ?? '');
    // Every virtual hard disk of the VM (Get-VHD Example 3: "the virtual hard disk objects associated with" it), its drives' order.
    return drivesOf(c.hv, vm).map((d) => (d.volume ? vhdProperties(volumeFacts(c, d.volume, vm.host ?? '')) : vhdRecord(c.hv, vm)));
  }
  const found = find(c, path);
  if (isResult(found)) return found;
  if ('vm' in found) return [vhdRecord(c.hv, found.vm)];
  if ('volume' in found) return [vhdProperties(volumeFacts(c, found.volume, found.host))];
  return noVhd(c, path);
}

/** A sector size: [ValidateSet(512, 4096)] (Microsoft Learn: "Accepted values: 512, 4096"). */
function sectorParam(c: Call, name: string): number | undefined | ExecResult {
  const n = unsignedParam(c, name, 2 ** 32 - 1);
  if (n === undefined || isResult(n) || n === 512 || n === 4096) return n;
  return error(c, {
    message:
      `Cannot validate argument on parameter '${name}'. The argument "${n}" does not belong to the set "512,4096" specified by the ValidateSet attribute. ` +
      'Supply an argument that is in the set and then try the command again.',
    category: 'InvalidData',
    exception: 'ParameterBindingValidationException',
    id: 'ParameterArgumentValidationError',
    at: c.at(name),
  });
}

/** Why Windows would refuse to make a disk of this size and layout, or nothing (sizes in whole MiB: the core counts MiB). */
function badGeometry(format: Format, sizeBytes: number, layout: VhdLayout): boolean {
  const block = layout.blockBytes;
  const blockOk = format === 'VHDX' ? block >= MIB && block <= 256 * MIB && (block & (block - 1)) === 0 : block === VHD_BLOCK_BYTES || block === 512 * 1024;
  return sizeBytes < MIN_BYTES || sizeBytes > MAX_BYTES[format] || sizeBytes % MIB !== 0 || !blockOk || (format === 'VHD' && layout.logicalSector !== 512);
}

function newVhd(c: Call): ExecResult {
  if (bool(c.p, 'Differencing') || str(c.p, 'ParentPath') !== undefined || str(c.p, 'SourceDisk') !== undefined)
    return notSimulated(
      'New-VHD: hyperpane makes dynamic and fixed virtual hard disks; differencing disks (-Differencing, -ParentPath) and disks copied from a physical one (-SourceDisk) are not simulated.',
    );
  if (bool(c.p, 'Dynamic') && bool(c.p, 'Fixed')) return twoSets(c);
  if (str(c.p, 'SizeBytes') === undefined) return missing(c, 'SizeBytes');
  const size = unsignedParam(c, 'SizeBytes');
  if (isResult(size)) return size;
  const block = unsignedParam(c, 'BlockSizeBytes', 2 ** 32 - 1);
  if (isResult(block)) return block;
  const logical = sectorParam(c, 'LogicalSectorSizeBytes');
  if (isResult(logical)) return logical;
  const physical = sectorParam(c, 'PhysicalSectorSizeBytes');
  if (isResult(physical)) return physical;
  const typed = str(c.p, 'Path')!;
  const host = runsOn(c);
  if (isResult(host)) return host;
  const place = placeOf(c, typed, host);
  if (!place) return notSimulated(`New-VHD: give an absolute path (C:\\..., D:\\...): hyperpane keeps no working directory to find '${typed}' in.`);
  const format = formatOf(place.path);
  // The extension names the format; the Virtual Disk API has no provider for any other (claude-code#40447 shows its words).
  if (!format) return notCreated(c, place.path, 'A virtual disk support provider for the specified file was not found. (0xC03A0014).');
  if (vmAt(c, place.path) || volumeAt(c, place)) return notCreated(c, place.path, 'The file exists. (0x80070050).');
  if (!place.store) return notCreated(c, place.path, 'The system cannot find the path specified. (0x80070003).');
  const defaults = defaultLayout(format);
  const layout: VhdLayout = {
    blockBytes: block || defaults.blockBytes,
    logicalSector: logical ?? defaults.logicalSector,
    physicalSector: physical ?? defaults.physicalSector,
  };
  if (badGeometry(format, size!, layout)) return notCreated(c, place.path, INVALID, true);
  const fixed = bool(c.p, 'Fixed');
  const r = c.hv.sim.createVolume({
    store: place.store,
    name: place.name,
    capacityMiB: size! / MIB,
    format: fixed ? 'thick' : 'thin',
    // A new dynamic VHDX's file is its 4 MiB of headers and logs; a dynamic VHD's few KiB round to none.
    ...(fixed ? {} : { allocatedMiB: format === 'VHDX' ? HEADER_BYTES / MIB : 0 }),
  });
  if (!r.ok) return notCreated(c, place.path, r.error.code === 'insufficient-capacity' ? DISK_FULL : `${r.error.message}.`);
  layouts(c).set(layoutKey(r.value), layout);
  const done = output(listed([vhdProperties(volumeFacts(c, r.value, host))]), true);
  return bool(c.p, 'AsJob') ? asJob(c, done) : done;
}

/** What a VHD of no VM may shrink to: nothing writes to it, so it holds no partitions; a dynamic one keeps what it allocated, and 3 MiB is the least any disk is. */
function volumeMinimumBytes(v: VolumeView): number {
  return Math.max(MIN_BYTES, v.format === 'thin' ? v.usedMiB * MIB : 0);
}

function resizeVhd(c: Call): ExecResult {
  const toMinimum = bool(c.p, 'ToMinimumSize');
  if (toMinimum && str(c.p, 'SizeBytes') !== undefined) return twoSets(c);
  if (!toMinimum && str(c.p, 'SizeBytes') === undefined) return missing(c, 'SizeBytes');
  const wanted = unsignedParam(c, 'SizeBytes');
  if (isResult(wanted)) return wanted;
  const typed = str(c.p, 'Path')!;
  const found = find(c, typed);
  if (isResult(found)) return found;
  if ('none' in found) return noVhd(c, typed);
  const path = 'vm' in found ? vhdOf(c.hv, found.vm).path : pathOf(found.volume);
  const format: Format = 'vm' in found ? 'VHDX' : (formatOf(path) ?? 'VHDX');
  const nowBytes = 'vm' in found ? found.vm.diskMiB * MIB : found.volume.capacityMiB * MIB;
  // A VM's guest has its volume fill its disk: its VHDX's minimum size is its size (the core lets no VM's disk shrink).
  const minimum = 'vm' in found ? nowBytes : volumeMinimumBytes(found.volume);
  const target = toMinimum ? minimum : wanted!;
  // Microsoft Learn Resize-VHD: an IDE-attached disk, the VM's own or a data disk, is not resized while its VM is online.
  const ideOnline = 'vm' in found ? vhdInUse(found.vm) && controllerOf(found.vm) === 'IDE' : onIdeOnline(c, found.volume);
  if (ideOnline) return notResized(c, path, 'The operation is not supported.', 'unsupported');
  if (format === 'VHD' && target < nowBytes) return notResized(c, path, 'The operation is not supported.', 'unsupported');
  if (target < MIN_BYTES || target > MAX_BYTES[format] || target % MIB !== 0) return notResized(c, path, INVALID, 'invalid');
  if (target < minimum)
    return notResized(
      c,
      path,
      // The reason is the simulator's words (no capture of Windows' for this case), marked as such.
      `hyperpane: The size ${target} is less than the virtual disk's minimum size (${minimum} bytes): a VHDX shrinks no further than its MinimumSize.`,
      'invalid',
    );
  let changed = false;
  if (target !== nowBytes) {
    const r =
      'vm' in found
        ? c.hv.sim.resize(found.vm.id, { diskMiB: target / MIB })
        : c.hv.sim.resizeVolume(
            found.volume.datastore === undefined ? { host: found.volume.host! } : { datastore: found.volume.datastore },
            found.volume.name,
            target / MIB,
          );
    if (!r.ok) return notResized(c, path, r.error.code === 'insufficient-capacity' ? DISK_FULL : `${r.error.message}.`, 'failed');
    changed = true;
  }
  let text = '';
  if (bool(c.p, 'Passthru')) {
    const again = 'vm' in found ? c.hv.vm(found.vm.name) : c.hv.sim.volumes(found.place.store).find((v) => v.name === found.volume.name);
    const record = 'vm' in found ? vhdRecord(c.hv, again as ProviderWorkload) : vhdProperties(volumeFacts(c, again as VolumeView, found.host));
    text = listed([record]);
  }
  const done = output(text, changed);
  return bool(c.p, 'AsJob') ? asJob(c, done) : done;
}

/** Every VHD the host sees: its own storage's and those on the Cluster Shared Volumes its cluster mounts; a VM's where it runs or shares them. */
function visibleFrom(c: Call, host: string): { path: string; vm?: ProviderWorkload; volume?: VolumeView }[] {
  const cluster = c.hv.hosts().find((h) => h.id === host)?.cluster;
  const csvs = c.hv.sim.datastoreViews().filter((d) => cluster !== undefined && d.clusters.includes(cluster));
  const volumes = [...c.hv.sim.volumes({ host }), ...csvs.flatMap((d) => c.hv.sim.volumes({ datastore: d.id }))];
  const vms = c.hv.workloads().filter((vm) => {
    const disk = c.hv.sim.diskOn(vm.id);
    return disk ? csvs.some((d) => d.id === disk.datastore) : vm.host === host;
  });
  return [...vms.map((vm) => ({ path: vhdOf(c.hv, vm).path, vm })), ...volumes.map((volume) => ({ path: pathOf(volume), volume }))];
}

/** A wildcard path's match, as the FileSystem provider reads one: * and ? within each folder's name, never across a \. */
function pathMatch(pattern: string, path: string): boolean {
  const p = pattern.split('\\');
  const t = path.split('\\');
  return p.length === t.length && p.every((part, i) => wildcardMatch(part, t[i], { ignoreCase: true }));
}

/** Remove-Item's record for a file a running VM holds open. */
function inUse(c: Call, path: string): string {
  return error(c, {
    message: `Cannot remove item ${path}: The process cannot access the file '${path}' because it is being used by another process.`,
    category: 'WriteError',
    target: path,
    targetType: 'FileInfo',
    exception: 'IOException',
    id: 'RemoveFileSystemItemIOError',
  }).stderr;
}

function removeItem(c: Call): ExecResult {
  const literal = str(c.p, 'LiteralPath');
  const typed = str(c.p, 'Path') ?? literal;
  if (typed === undefined) return missing(c, 'Path');
  const host = runsOn(c);
  if (isResult(host)) return host;
  const path = typed.replace(/\//g, '\\');
  const visible = visibleFrom(c, host);
  const wild = literal === undefined && /[*?]/.test(path);
  const hits = wild ? visible.filter((v) => pathMatch(path, v.path)) : visible.filter((v) => v.path.toLowerCase() === path.toLowerCase());
  // A VM's own VHDX is one path wherever it is asked for (as Get-VHD finds it).
  const vm = wild ? undefined : vmAt(c, path);
  if (vm && !hits.some((h) => h.vm?.id === vm.id)) hits.push({ path: vhdOf(c.hv, vm).path, vm });
  if (hits.length === 0) {
    const folder = path.replace(/\\+$/, '').toLowerCase();
    if (!wild && visible.some((v) => v.path.toLowerCase().startsWith(`${folder}\\`)))
      return notSimulated(`Remove-Item: hyperpane removes virtual hard disk files one by one; name the .vhdx (or .vhd) in '${typed}' to remove.`);
    // PowerShell says nothing when a wildcard matches nothing.
    if (wild) return output('');
    return error(c, {
      message: `Cannot find path '${typed}' because it does not exist.`,
      category: 'ObjectNotFound',
      target: typed,
      exception: 'ItemNotFoundException',
      id: 'PathNotFound',
    });
  }
  let stderr = '';
  let changed = false;
  for (const hit of hits) {
    if (hit.vm) {
      if (vhdInUse(hit.vm)) stderr += inUse(c, hit.path);
      else
        stderr += `Remove-Item: '${hit.path}' is ${hit.vm.name}'s own virtual hard disk; hyperpane keeps a VM's disk with its VM (Remove-VM removes both).\n`;
      continue;
    }
    const v = hit.volume!;
    if (holderUsing(c, v)) {
      stderr += inUse(c, hit.path);
      continue;
    }
    // Attached to a VM that is off: Windows would delete the file (nothing holds it open); the core keeps a data disk while attached.
    if (v.attachedTo !== undefined) {
      const vm = c.hv.workload(v.attachedTo);
      const holder = vm?.name ?? v.attachedTo;
      stderr +=
        `Remove-Item: hyperpane: removing '${hit.path}', a data disk of ${holder}, is not simulated ` +
        `(${holder} is ${vm?.nativeState ?? 'off'}: Windows would delete the file, which nothing holds open); Remove-VMHardDiskDrive it from ${holder} first.\n`;
      continue;
    }
    const r = c.hv.sim.deleteVolume(v.datastore === undefined ? { host: v.host! } : { datastore: v.datastore }, v.name);
    if (!r.ok) {
      stderr += `Remove-Item: ${r.error.message}\n`;
      continue;
    }
    layouts(c).delete(layoutKey(v));
    changed = true;
  }
  return { exitCode: stderr === '' ? 0 : 1, stdout: '', stderr, changed };
}

/** Sizes are UInt64 (SizeBytes) or UInt32 (the rest); read here, in bytes, with PowerShell's multipliers (10GB), not by the binder's MiB. */
const BYTES = { type: 'string' } as const;

export const VHD_CMDLETS: Readonly<Record<string, Cmdlet>> = {
  'get-vhd': {
    params: { Path: { type: 'string', aliases: ['FullName'] }, VMId: { type: 'string' } },
    positional: ['Path'],
    // The VHD cmdlets are the Microsoft.Vhd.PowerShell assembly's (New-VHD's errors end ...Cmdlets.NewVhd, minikube#18714).
    type: 'Microsoft.Vhd.PowerShell.Cmdlets.GetVhd',
    records: (c) => vhdRecords(c),
    run: (c) => {
      const records = vhdRecords(c);
      return Array.isArray(records) ? output(listed(records)) : records;
    },
  },
  'new-vhd': {
    params: {
      Path: { type: 'string' },
      SizeBytes: BYTES,
      Dynamic: { type: 'boolean' },
      Fixed: { type: 'boolean' },
      Differencing: { type: 'boolean' },
      ParentPath: { type: 'string' },
      SourceDisk: { type: 'string', aliases: ['Number'] },
      BlockSizeBytes: BYTES,
      LogicalSectorSizeBytes: BYTES,
      PhysicalSectorSizeBytes: BYTES,
      CimSession: { type: 'string', ignored: true },
      Credential: { type: 'string', ignored: true },
    },
    positional: ['Path', 'SizeBytes'],
    required: ['Path'],
    asJob: true,
    type: 'Microsoft.Vhd.PowerShell.Cmdlets.NewVhd',
    run: newVhd,
  },
  'resize-vhd': {
    params: {
      Path: { type: 'string', aliases: ['FullName'] },
      SizeBytes: BYTES,
      ToMinimumSize: { type: 'boolean' },
      CimSession: { type: 'string', ignored: true },
      Credential: { type: 'string', ignored: true },
    },
    positional: ['Path', 'SizeBytes'],
    required: ['Path'],
    asJob: true,
    passthru: true,
    type: 'Microsoft.Vhd.PowerShell.Cmdlets.ResizeVhd',
    run: resizeVhd,
  },
  'remove-item': {
    params: {
      Path: { type: 'string' },
      LiteralPath: { type: 'string', aliases: ['PSPath', 'LP'] },
      Force: { type: 'boolean', ignored: true },
      Recurse: { type: 'boolean', ignored: true },
    },
    positional: ['Path'],
    type: 'Microsoft.PowerShell.Commands.RemoveItemCommand',
    run: removeItem,
  },
};
