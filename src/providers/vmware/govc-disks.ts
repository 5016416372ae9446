// govc's commands for a datastore's files: VMDKs of no VM (the core's volumes)
// made, queried, grown and removed, and the files listed beside the VMs' own.
// Sources (govmomi):
//  - cli/datastore/disk/create.go: -size 10G by default, -d thin by default, -a
//    lsiLogic, -f and -uuid; no VMDK, the usage; two, a child disk; the task's
//    ProgressLogger("Creating %s...") with ds.Path(arg); -uuid set afterwards
//    (SetVirtualDiskUuid, which vcsim does not keep either).
//  - cli/datastore/disk/info.go: exactly one VMDK, else the usage; -p (true),
//    -c, -d, -uuid; tabwriter(2, 0, 2, ' ') of "Name:", "  UUID:", "  Type:",
//    "  Parent:"; the name as a path in its datastore unless -d; -c, one line a
//    disk, indented two spaces a level.
//  - cli/datastore/disk/extend.go: -size (no default), -eagerZero; the task's
//    ProgressLogger("Extending %s...").
//  - cli/datastore/rm.go and object/datastore_file_manager.go: only the first
//    FILE; a .vmdk by DeleteVirtualDisk, anything else (a folder: all in it) by
//    DeleteDatastoreFile; -f ignores FileNotFound; nothing printed.
//  - cli/datastore/ls.go: a FILE not found as a folder is matched (path.Match)
//    in its parent; "file %s/%s was not found" when nothing matches; a header a
//    folder when there are several; tabwriter(3, 0, 2, ' '); -p's "/" after a
//    folder; -l: units.ByteSize, "Mon Jan 2 15:04:05 2006", the name.
//  - cli/flags/datastore.go, find/finder.go, find/error.go: every command but ls
//    resolves Datastore() first: -ds (a "[DS] dir" there names DS), else the
//    only one, else "default datastore resolves to multiple instances, please
//    specify"; "datastore '%s' not found". Then object/datastore.go ds.Path(arg):
//    a "[DS] path" argument is sent as it is, so it names its own datastore (but
//    does not spare -ds). ls alone takes "[DS]" from its arguments (Args).
//  - create.go and extend.go send int64(Bytes) / 1024 KB (units/size.go:
//    strconv.ParseInt, the unit's product wrapping as int64 does).
//  - simulator/virtual_disk_manager.go: FileAlreadyExists for a disk that is
//    there; a disk of 0 KB made like any other; ExtendVirtualDisk refuses a
//    smaller capacity ("cannot shrink disk", a FileFault); QueryVirtualDiskInfo's
//    one disk and no parent.
//  - A data disk of a powered-on VM is locked (govc-disk-units.ts): extend and
//    rm fail with FileLocked; rm of a powered-off VM's data disk (vSphere would
//    leave the VM a disk with no file) is refused as not simulated.
//  - govc/test/datastore.bats ("datastore.disk.inflate"): a disk made with the
//    default -d is "thin", an inflated one "eagerZeroedThick" (VirtualDiskType).
// vSphere's words for the faults (their localized messages): FileAlreadyExists
// "Cannot complete the operation because the file or folder %s already exists",
// FileNotFound "File %s was not found", FileFault "Error caused by file %s",
// NoDiskSpace "Insufficient disk space on datastore '%s'.", InvalidArgument "A
// specified parameter was not correct: %s", FileLocked "Unable to access file %s
// since it is locked", InvalidDatastorePath "Invalid datastore path '%s'.",
// FileTooLarge "File %s is larger than the maximum size supported by datastore
// '%s'" (past 1 EiB here, the largest volume the core keeps). A disk's UUID is its ddb.uuid, as
// QueryVirtualDiskUuid answers it ("60 00 C2 9d ... 8b-7c ..."). The tasks take
// no simulated time here (zeroing an eagerZeroedThick disk is not timed).
import { table } from '../../core/own.js';
import { MAX_VOLUME_MIB, type VolumeStore, type VolumeView } from '../../core/volumes.js';
import { bool, type ParsedFlags, str } from '../cli/flags.js';
import { goTabwriter } from '../cli/table.js';
import { clockOf, MONTHS, SIM_EPOCH_MS, stableUuid } from '../common.js';
import { failure, output } from '../exec-result.js';
import type { ExecResult } from '../provider.js';
import type { VmwareDriver } from './driver.js';
import { type Cmd, usage } from './govc-common.js';
import { dataDiskOf, diskDeviceName, holdsLocks } from './govc-disk-units.js';
import { byteFlag, byteSize, findDatastore, type GovcDatastore, glob, govcDatastores } from './govc-storage.js';
import { runTasks } from './govc-tasks.js';

const MIB = 1024 * 1024;

/** VirtualDiskType's words for the core's formats, and back (-d). */
const DISK_TYPE = { thin: 'thin', thick: 'preallocated', eager: 'eagerZeroedThick' } as const;
const FORMAT_OF: Readonly<Record<string, keyof typeof DISK_TYPE>> = table({ thin: 'thin', thick: 'thick', preallocated: 'thick', eagerZeroedThick: 'eager' });
/** The rest of VirtualDiskType (vim25/types/enum.go): real words, formats this simulation does not keep. */
const OTHER_DISK_TYPES = ['seSparse', 'rdm', 'rdmp', 'raw', 'delta', 'sparse2Gb', 'thick2Gb', 'sparseMonolithic', 'flatMonolithic'];

/** A file on a datastore: a VM's own (its .vmx, its disk), or a volume. */
interface DsFile {
  readonly path: string;
  readonly bytes: number;
  readonly vm?: string;
  readonly volume?: VolumeView;
}

/** An entry of a folder: a file, or a folder below it. */
interface Entry {
  readonly name: string;
  readonly folder: boolean;
  readonly bytes: number;
}

/** A volume's store in the core: a shared datastore, or the host whose own datastore it is. */
export function storeOf(ds: GovcDatastore): VolumeStore {
  return ds.id !== undefined ? { datastore: ds.id } : { host: ds.host ?? '' };
}

/** The files on a datastore: each VM's folder (its .vmx and its disk: thin, what it has written), then the volumes as they were made. */
export function filesOf(vmw: VmwareDriver, ds: GovcDatastore): DsFile[] {
  const out: DsFile[] = [];
  for (const v of ds.vms)
    out.push({ path: `${v.name}/${v.name}.vmx`, bytes: 3 * 1024, vm: v.name }, { path: `${v.name}/${v.name}.vmdk`, bytes: v.usedMiB * MIB, vm: v.name });
  for (const v of vmw.sim.volumes(storeOf(ds))) out.push({ path: v.name, bytes: v.usedMiB * MIB, volume: v });
  return out;
}

/** What a folder holds ('' the datastore's top), in the order its files come; undefined if there is no such folder. */
export function entriesIn(files: readonly DsFile[], dir: string): Entry[] | undefined {
  const prefix = dir === '' ? '' : `${dir}/`;
  const seen = new Map<string, Entry>();
  for (const f of files) {
    if (!f.path.startsWith(prefix)) continue;
    const rest = f.path.slice(prefix.length);
    const slash = rest.indexOf('/');
    const name = slash < 0 ? rest : rest.slice(0, slash);
    if (!seen.has(name)) seen.set(name, slash < 0 ? { name, folder: false, bytes: f.bytes } : { name, folder: true, bytes: 0 });
  }
  return dir === '' || seen.size > 0 ? [...seen.values()] : undefined;
}

/** A path below a datastore's top as the server resolves it: no "." or empty parts, ".." up to the top at most. */
export function normalize(path: string): string {
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return parts.join('/');
}

/** A "[DS] path" as DatastorePath.FromString reads it (trimmed, the path after "]" trimmed too); undefined for a plain path. */
export function parseDsPath(text: string): { readonly datastore: string; readonly path: string } | undefined {
  const s = text.trim();
  const end = s.indexOf(']');
  return s.startsWith('[') && end > 0 ? { datastore: s.slice(1, end), path: s.slice(end + 1).trim() } : undefined;
}

/** DatastorePath.String: "[DS] path", "[DS]" alone for no path. */
export const dsPathString = (datastore: string, path: string) => (path === '' ? `[${datastore}]` : `[${datastore}] ${path}`);

const isResult = (x: object): x is ExecResult => 'exitCode' in x;

/**
 * DatastoreFlag.Datastore, one rule for every command that takes -ds: -ds (a datastore path there, "[DS] dir",
 * names DS), else the datacenter's only datastore (find/finder.go DatastoreOrDefault); with several, none is the
 * default (GOVC_DATASTORE, its usual source, is not simulated). A name is looked up in the datacenter `dc`.
 */
export function flagDatastore(vmw: VmwareDriver, given: string | undefined, dc: string | undefined): GovcDatastore | ExecResult {
  const name = given === undefined ? undefined : (parseDsPath(given)?.datastore ?? given);
  if (name === undefined || name === '') {
    const all = govcDatastores(vmw, dc);
    if (all.length === 1) return all[0];
    return failure(all.length === 0 ? 'govc: no default datastore found' : 'govc: default datastore resolves to multiple instances, please specify');
  }
  const ds = findDatastore(vmw, dc === undefined || name.includes('/') ? name : `/${dc}/datastore/${name}`);
  return ds ?? failure(`govc: datastore '${name}' not found`);
}

/** A file a command names, as the server resolves it. `ds` is missing when the path names a datastore the datacenter has not. */
export interface DsTarget {
  readonly ds?: GovcDatastore;
  /** The path in its datastore, as given. */
  readonly path: string;
  /** The datastore path the server is sent (Datastore.Path), as its faults name the file. */
  readonly shown: string;
}

/**
 * Datastore.Path(arg) and the server's lookup of it: a "[DS] path" is sent as it is, so it names its own
 * datastore (in `ds`'s datacenter) whatever -ds said; a plain path is in `ds`.
 */
export function onDatastore(vmw: VmwareDriver, ds: GovcDatastore, arg: string): DsTarget {
  const p = parseDsPath(arg);
  if (!p) return { ds, path: arg, shown: dsPathString(ds.name, arg) };
  const named = p.datastore === ds.name ? ds : findDatastore(vmw, `/${ds.dc}/datastore/${p.datastore}`);
  return { ...(named ? { ds: named } : {}), path: p.path, shown: dsPathString(p.datastore, p.path) };
}

/** The datastore a datastore.* command works on (-ds, else the default: DatastoreFlag.Datastore) and the file its argument names there. */
export function target(vmw: VmwareDriver, f: ParsedFlags, arg: string): DsTarget | ExecResult {
  const dc = str(f, 'dc');
  if (dc !== undefined && !vmw.hosts().some((h) => h.site === dc)) return failure(`govc: datacenter '${dc}' not found`);
  const ds = flagDatastore(vmw, str(f, 'ds'), dc);
  return isResult(ds) ? ds : onDatastore(vmw, ds, arg);
}

/** vSphere's fault texts for a file, by its datastore path. */
const fileExists = (p: string) => `Cannot complete the operation because the file or folder ${p} already exists`;
const fileNotFound = (p: string) => `File ${p} was not found`;
const fileFault = (p: string) => `Error caused by file ${p}`;
const noSpace = (ds: GovcDatastore) => `Insufficient disk space on datastore '${ds.name}'.`;
/** FileLocked: a powered-on VM has the disk open. */
export const fileLocked = (p: string) => `Unable to access file ${p} since it is locked`;
/** InvalidDatastorePath: a "[DS] path" whose datastore the datacenter has not. */
export const invalidPath = (p: string) => `Invalid datastore path '${p}'.`;
/** FileTooLarge: a disk larger than the datastore takes (here: past 1 EiB, the largest volume the simulation keeps). */
export const tooLarge = (p: string, ds: string) => `File ${p} is larger than the maximum size supported by datastore '${ds}'`;

/** A capacity in KB as govc sends it (int64(bytes) / 1024, truncated) in the whole MiB the core keeps: a part of one rounds up, 0 KB is the smallest disk (1 MiB). */
export const kbToMiB = (kb: number) => Math.max(1, Math.ceil(kb / 1024));

/** A disk's ddb.uuid as QueryVirtualDiskUuid gives it: VMware's 60 00 C2 9 prefix, 16 bytes in hex pairs, a dash after the eighth. */
function diskUuid(dsName: string, path: string): string {
  const hex = `6000c29${stableUuid(`vmdk:[${dsName}] ${path}`).replaceAll('-', '').slice(0, 25)}`;
  const pairs = hex.match(/../g) ?? [];
  return `${pairs.slice(0, 8).join(' ')}-${pairs.slice(8).join(' ')}`.replace(/^60 00 c2/, '60 00 C2');
}

/** The VirtualDiskType of a VM's own disk: its format on a shared datastore; on a host's own, thin (vm.create's default). */
function vmDiskType(vmw: VmwareDriver, vmName: string): string {
  const id = vmw.workload(vmName)?.id;
  const disk = id === undefined ? undefined : vmw.sim.diskOn(id);
  return DISK_TYPE[disk?.format ?? 'thin'];
}

const DS_FLAGS = { ds: { type: 'string' }, dc: { type: 'string' } } as const;

export const DISK_COMMANDS: Readonly<Record<string, Cmd>> = table<Cmd>({
  'datastore.disk.create': {
    flags: {
      ...DS_FLAGS,
      size: { type: 'string' },
      d: { type: 'string' },
      a: { type: 'string', ignored: true },
      f: { type: 'boolean', ignored: true },
      uuid: { type: 'string', ignored: true },
    },
    usage: 'datastore.disk.create [OPTIONS] VMDK',
    run: (vmw, f) => {
      // -size is read with the flags, before Run: a bad value fails first.
      const bytes = byteFlag(f, 'size', '10G') ?? 0;
      if (typeof bytes !== 'number') return bytes;
      if (f.positionals.length === 0) return usage('datastore.disk.create', DISK_COMMANDS['datastore.disk.create'].usage);
      // Two: a child disk of the first (CreateChildDisk_Task), which this simulation does not keep.
      if (f.positionals.length > 1) return failure('govc: child disks (datastore.disk.create PARENT CHILD) are not simulated: make a disk of its own');
      const where = target(vmw, f, f.positionals[0]);
      if (isResult(where)) return where;
      const { ds, path, shown } = where;
      const type = str(f, 'd') ?? 'thin';
      const format = FORMAT_OF[type];
      if (format === undefined)
        return failure(
          OTHER_DISK_TYPES.includes(type)
            ? `govc: disk type ${type} is not simulated: use thin, thick (preallocated) or eagerZeroedThick`
            : 'govc: A specified parameter was not correct: spec.diskType',
        );
      const name = normalize(path);
      if (!name.endsWith('.vmdk') || name === '.vmdk') return failure('govc: only VMDKs are simulated here: name the disk PATH.vmdk');
      // create.go: CapacityKb = int64(Bytes) / 1024. vcsim makes a disk of 0 KB (simulator/virtual_disk_manager.go: an
      // extent of CapacityKb * 1024 / 512 sectors), here the smallest the core keeps, 1 MiB; only an int64 that wrapped negative is refused.
      const kb = Math.trunc(bytes / 1024);
      if (kb < 0) return failure('govc: A specified parameter was not correct: spec.capacityKb');
      const size = kbToMiB(kb);
      return runTasks(
        [
          {
            prefix: `Creating ${shown}...`,
            logged: true,
            start: () => {
              if (!ds) return { error: invalidPath(shown) };
              const files = filesOf(vmw, ds);
              if (files.some((x) => x.path === name) || entriesIn(files, name)) return { error: fileExists(shown) };
              if (size > MAX_VOLUME_MIB) return { error: tooLarge(shown, ds.name) };
              const r = vmw.sim.createVolume({ store: storeOf(ds), name, capacityMiB: size, format });
              if (r.ok) return { finished: () => true };
              if (r.error.code === 'duplicate-id') return { error: fileExists(shown) };
              return { error: r.error.code === 'insufficient-capacity' ? noSpace(ds) : r.error.message };
            },
          },
        ],
        () => vmw.sim.now,
        `${shown} to be created`,
      );
    },
  },
  'datastore.disk.info': {
    flags: {
      ...DS_FLAGS,
      c: { type: 'boolean' },
      d: { type: 'boolean' },
      p: { type: 'boolean', ignored: true },
      uuid: { type: 'boolean' },
    },
    usage: 'datastore.disk.info [OPTIONS] VMDK',
    run: (vmw, f) => {
      if (f.positionals.length !== 1) return usage('datastore.disk.info', DISK_COMMANDS['datastore.disk.info'].usage);
      const where = target(vmw, f, f.positionals[0]);
      if (isResult(where)) return where;
      const { ds, path, shown } = where;
      if (!ds) return failure(`govc: ${invalidPath(shown)}`);
      const name = normalize(path);
      const file = filesOf(vmw, ds).find((x) => x.path === name);
      if (!file) return failure(`govc: ${fileNotFound(shown)}`);
      if (!name.endsWith('.vmdk')) return failure(`govc: ${fileFault(shown)}`);
      const type = file.volume ? DISK_TYPE[file.volume.format] : vmDiskType(vmw, file.vm ?? '');
      // info.Name is the datastore path the server was asked about; without -d, its path in the datastore. No disk here has a parent.
      const label = bool(f, 'd') ? shown : path;
      if (bool(f, 'c')) return output(`${label}\n`);
      const rows: string[][] = [['Name:', label]];
      if (bool(f, 'uuid')) rows.push(['  UUID:', diskUuid(ds.name, name)]);
      rows.push(['  Type:', type], ['  Parent:', '']);
      return output(goTabwriter(rows, { minWidth: 2, padding: 2, width: (x) => x.length }));
    },
  },
  'datastore.disk.extend': {
    flags: { ...DS_FLAGS, size: { type: 'string' }, eagerZero: { type: 'boolean', ignored: true } },
    usage: 'datastore.disk.extend [OPTIONS] VMDK',
    run: (vmw, f) => {
      // -size has no default: 0, smaller than any disk.
      const bytes = byteFlag(f, 'size') ?? 0;
      if (typeof bytes !== 'number') return bytes;
      if (f.positionals.length === 0) return usage('datastore.disk.extend', DISK_COMMANDS['datastore.disk.extend'].usage);
      const where = target(vmw, f, f.positionals[0]);
      if (isResult(where)) return where;
      const { ds, path, shown } = where;
      const name = normalize(path);
      const file = ds && filesOf(vmw, ds).find((x) => x.path === name);
      if (file?.vm !== undefined && name.endsWith('.vmdk'))
        return failure(`govc: extending ${file.vm}'s own disk this way is not simulated: use govc vm.disk.change -vm ${file.vm} -size SIZE`);
      // extend.go: NewCapacityKb = int64(Bytes / 1024).
      const kb = Math.trunc(bytes / 1024);
      return runTasks(
        [
          {
            prefix: `Extending ${shown}...`,
            logged: true,
            start: () => {
              if (!ds) return { error: invalidPath(shown) };
              const v = file?.volume;
              if (!v) return { error: file ? fileFault(shown) : fileNotFound(shown) };
              // ESXi opens the disk first: a powered-on VM's data disk is locked (FileLocked).
              const holder = dataDiskOf(vmw, v);
              if (holder && holdsLocks(holder.vm)) return { error: fileLocked(shown) };
              // ExtendVirtualDisk only grows a disk: a smaller capacity (or none: -size has no default) is a FileFault.
              if (kb < v.capacityMiB * 1024) return { error: fileFault(shown) };
              const size = kbToMiB(kb);
              if (size === v.capacityMiB) return { finished: () => true };
              if (size > MAX_VOLUME_MIB) return { error: tooLarge(shown, ds.name) };
              const r = vmw.sim.resizeVolume(storeOf(ds), v.name, size);
              if (r.ok) return { finished: () => true };
              if (r.error.code === 'insufficient-capacity') return { error: noSpace(ds) };
              // Its VM on the move holds it; a failed host's own storage cannot be reached (CannotAccessFile).
              if (r.error.code === 'invalid-state') return { error: v.attachedTo !== undefined ? fileLocked(shown) : `Unable to access file ${shown}` };
              return { error: r.error.message };
            },
          },
        ],
        () => vmw.sim.now,
        `${shown} to be extended`,
      );
    },
  },
  'datastore.rm': {
    flags: {
      ...DS_FLAGS,
      f: { type: 'boolean' },
      t: { type: 'boolean', ignored: true },
      namespace: { type: 'boolean' },
    },
    usage: 'datastore.rm [OPTIONS] FILE',
    run: (vmw, f) => {
      if (f.positionals.length === 0) return usage('datastore.rm', DISK_COMMANDS['datastore.rm'].usage);
      if (bool(f, 'namespace')) return failure('govc: -namespace: vSAN datastores and their namespaces are not simulated');
      // Only the first FILE is removed (rm.go: args[0]).
      const where = target(vmw, f, f.positionals[0]);
      if (isResult(where)) return where;
      const { ds, path, shown } = where;
      if (!ds) return failure(`govc: ${invalidPath(shown)}`);
      const name = normalize(path);
      if (name === '') return failure(`govc: Cannot delete file ${shown}`);
      const files = filesOf(vmw, ds);
      const file = files.find((x) => x.path === name);
      // A folder goes with all it holds (DeleteDatastoreFile).
      const doomed = file ? [file] : files.filter((x) => x.path.startsWith(`${name}/`));
      if (doomed.length === 0) return bool(f, 'f') ? output('') : failure(`govc: ${fileNotFound(shown)}`);
      const vm = doomed.find((x) => x.vm !== undefined)?.vm;
      if (vm !== undefined) return failure(`govc: removing ${vm}'s own files is not simulated: remove the VM with govc vm.destroy ${vm}`);
      // A VM's data disk: locked while the VM runs (FileLocked). Powered off, vSphere deletes the file and leaves the
      // VM a disk whose file is missing, which this simulation does not keep: it says so, and how to take the disk off.
      for (const x of doomed) {
        const holder = x.volume && dataDiskOf(vmw, x.volume);
        if (!holder) continue;
        const at = x === file ? shown : dsPathString(ds.name, x.path);
        if (holdsLocks(holder.vm)) return failure(`govc: ${fileLocked(at)}`);
        return failure(
          `govc: deleting ${at}, a data disk of ${holder.vm.name}, is not simulated (vSphere would leave ${holder.vm.name} a disk with no file): ` +
            `take it off first with govc device.remove -vm ${holder.vm.name} -keep ${diskDeviceName(holder.disk)}`,
        );
      }
      for (const x of doomed) {
        const r = vmw.sim.deleteVolume(storeOf(ds), x.volume?.name ?? x.path);
        if (!r.ok)
          return failure(
            `govc: ${r.error.code === 'invalid-state' ? `Unable to access file ${dsPathString(ds.name, x.path)}` : r.error.message}`,
            1,
            x !== doomed[0],
          );
      }
      return output('', true);
    },
  },
  'datastore.ls': {
    flags: {
      ...DS_FLAGS,
      l: { type: 'boolean' },
      p: { type: 'boolean' },
      a: { type: 'boolean', ignored: true },
      R: { type: 'boolean', ignored: true },
      H: { type: 'boolean', ignored: true },
    },
    usage: 'datastore.ls [OPTIONS] [FILE]...',
    run: (vmw, f) => {
      // The datastore is the last "[DS]" an argument names, else -ds, else the only one (DatastoreFlag.Args, then Datastore()).
      const dc = str(f, 'dc');
      if (dc !== undefined && !vmw.hosts().some((h) => h.site === dc)) return failure(`govc: datacenter '${dc}' not found`);
      const named = [...f.positionals].reverse().find((a) => parseDsPath(a));
      const ds = flagDatastore(vmw, named ?? str(f, 'ds'), dc);
      if (isResult(ds)) return ds;
      return datastoreLs(vmw, ds, f);
    },
  },
});

function datastoreLs(vmw: VmwareDriver, ds: GovcDatastore, f: ParsedFlags): ExecResult {
  const long = bool(f, 'l');
  const slash = bool(f, 'p') ? '/' : '';
  const files = filesOf(vmw, ds);
  // Each path's entries, with the folder the browser answered for (a header for each when there are several).
  const groups: { folder: string; entries: Entry[] }[] = [];
  for (const arg of f.positionals.length ? f.positionals : ['']) {
    const path = normalize(parseDsPath(arg)?.path ?? arg);
    const listed = entriesIn(files, path);
    if (listed) {
      groups.push({ folder: path === '' ? `[${ds.name}]` : `[${ds.name}] ${path}`, entries: listed });
      continue;
    }
    // Not a folder: its last part is a pattern matched in its parent (path.Dir, "." at the top).
    const cut = path.lastIndexOf('/');
    const dir = cut < 0 ? '.' : path.slice(0, cut);
    const base = path.slice(cut + 1);
    const parent = entriesIn(files, dir === '.' ? '' : dir);
    if (!parent) return failure(`govc: ${fileNotFound(`[${ds.name}] ${dir}`)}`);
    const pattern = glob(base);
    const found = parent.filter((e) => pattern.test(e.name));
    if (found.length === 0) return failure(`govc: file [${ds.name}] ${dir}/${base} was not found`);
    groups.push({ folder: `[${ds.name}] ${dir}`, entries: found });
  }
  const headed = groups.some((g) => g.folder !== groups[0].folder);
  // tabwriter.NewWriter(w, 3, 0, 2, ' ', 0) (ls.go): a header line, with no tab, ends a block of columns.
  const lines: string[][] = [];
  const date = goDate(vmw.sim.now);
  groups.forEach((g, i) => {
    if (headed) lines.push(...(i > 0 ? [['']] : []), [`${g.folder}:`]);
    for (const e of g.entries) {
      const shown = e.folder ? `${e.name}${slash}` : e.name;
      lines.push(long ? [byteSize(e.bytes), date, shown] : [shown]);
    }
  });
  return output(goTabwriter(lines, { minWidth: 3, padding: 2, width: (x) => x.length }));
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Go's "Mon Jan 2 15:04:05 2006" layout (day not padded), in simulated UTC. */
function goDate(simMs: number): string {
  const d = new Date(SIM_EPOCH_MS + simMs);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${clockOf(d)} ${d.getUTCFullYear()}`;
}
