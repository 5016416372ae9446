// virsh vol-create-as, vol-delete and vol-resize: a storage volume made, removed
// and grown in a pool virsh-storage.ts lists (a host's default dir pool is its own
// storage; a netfs or logical pool, a shared datastore its cluster mounts).
// Sources (libvirt): tools/virsh-volume.c (cmdVolCreateAs: virshVolSize, "Malformed
// size %s", the XML it builds, "Failed to create vol %s", "Vol %s created";
// cmdVolDelete: "Failed to delete vol %s", "Vol %s deleted"; cmdVolResize: "negative
// size requires --shrink", "Failed to change size of volume '%s' to %s" / "by %s",
// "Size of volume '%s' successfully changed to %s" / "by %s"; virshCommandOptVolBy),
// src/util/virutil.c (virScaleInteger: "unknown suffix '%s'", "value too large:
// %llu%s"), src/util/virerror.c (each error class's words), src/conf/storage_conf.c
// (virStorageVolDefParseXML: an <allocation> left out is the capacity; "unknown volume
// format type %s"), src/storage/storage_driver.c (storageVolCreateXML, storageVolDelete,
// storageVolResize and their errors), src/storage/storage_util.c (createRawFile's
// fallocate, storageBackendCreateRaw, the qemu-img preallocation rule,
// virStorageBackendVolCreateLocal, virStorageBackendVolDeleteLocal,
// virStorageBackendVolResizeLocal), src/storage/storage_backend_iscsi.c (an iscsi
// pool's backend makes, deletes and resizes no volume: its volumes are the target's
// LUNs).
//
// How a volume maps onto the core's (src/core/volumes.ts), decided here:
// - raw is thick: its allocation, when not given, is its capacity, and createRawFile
//   fallocates it whole. A raw volume given --allocation below its capacity is a
//   sparse file: a thin volume of that allocation (which the pools then list as
//   qcow2, the format a thin volume reads as: the core keeps no native format).
// - qcow2 is thin: qemu-img allocates nothing up front whatever --allocation says,
//   unless --prealloc-metadata, which preallocates all of it (preallocation=falloc)
//   when the allocation is the capacity, else only metadata (counted as nothing).
// - other formats (vmdk, qed, vdi...) are refused: hyperpane simulates raw and qcow2.
// - sizes are kept in whole MiB, rounded up.
// - a domain's own disk (NAME.qcow2) is a volume too: vol-resize grows it (shut off
//   only: virsh's help says vol-resize is safe only for a volume no active guest
//   uses); vol-delete refuses it, as the core keeps no domain without its disk
//   (libvirt would delete the file and leave the domain defined).
// - vol-resize of a raw volume allocates what it grows by (a thick volume stays
//   thick), where libvirt's ftruncate leaves it sparse unless --allocate; a resize
//   the store has no room for gets storageVolResize's "Not enough space left in
//   storage pool", with --allocate or without.
// - no room to make one: a thick volume fails as createRawFile's fallocate does
//   (ENOSPC); a thin one the core refuses (a host's own storage holds each volume
//   whole) gets the core's reason, where qemu-img would have made it.
// - a SAN datastore is a logical pool (a volume group on its LUN) over an iscsi
//   pool (the LUN): the logical pool makes and deletes logical volumes but resizes
//   none (createLv); the iscsi pool makes, deletes and resizes no volume, as
//   libvirt's iscsi backend does not.
import type { DiskFormat } from '../../core/datastores.js';
import { table } from '../../core/own.js';
import type { Result } from '../../core/result.js';
import { bool, type ParsedFlags, str } from '../cli/flags.js';
import type { ExecResult } from '../provider.js';
import { isActive, printed, refused, type Virsh, type VirshCommand, virshError } from './virsh-common.js';
import { bytes, findPool, lookupVol, type Pool, poolsOf, type Volume } from './virsh-storage.js';

const B = { type: 'boolean' } as const;
const S = { type: 'string' } as const;

const MIB = 1048576n;
const ULLONG_MAX = 2n ** 64n - 1n;

/** virStorageFileFormat's names (src/util/virstoragefile.c), "none" left out as virStorageVolumeFormatFromString does. */
const FORMATS = ['raw', 'dir', 'bochs', 'cloop', 'dmg', 'iso', 'vpc', 'vdi', 'fat', 'vhd', 'ploop', 'cow', 'qcow', 'qcow2', 'qed', 'vmdk'];

type Size = { ok: true; bytes: bigint } | { ok: false; why?: string };

/**
 * virshVolSize: virStrToLong_ullp (base 10, blanks and a '+' allowed before it, no '-'), then virScaleInteger with a
 * default scale of 1 (bytes): b, byte, bytes; k, KiB, m, MiB... e, EiB (1024); KB, MB... EB (1000), in any case.
 * A suffix it does not know, or a value past ULLONG_MAX, raises a libvirt error virsh prints after its own.
 */
export function volSize(text: string): Size {
  const m = /^[ \t\n\v\f\r]*\+?(\d+)(.*)$/s.exec(text);
  if (!m) return { ok: false };
  const value = BigInt(m[1]);
  if (value > ULLONG_MAX) return { ok: false };
  const suffix = m[2];
  let scale = 1n;
  if (suffix !== '' && !/^(b|byte|bytes)$/i.test(suffix)) {
    const unknown = { ok: false, why: `invalid argument: unknown suffix '${suffix}'` } as const;
    const base = suffix.length === 1 || suffix.slice(1).toLowerCase() === 'ib' ? 1024n : suffix.length === 2 && suffix[1].toLowerCase() === 'b' ? 1000n : 0n;
    const power = 'kmgtpe'.indexOf(suffix[0].toLowerCase());
    if (base === 0n || power < 0) return unknown;
    scale = base ** BigInt(power + 1);
  }
  if (value > ULLONG_MAX / scale) return { ok: false, why: `numerical overflow: value too large: ${value}${suffix}` };
  return { ok: true, bytes: value * scale };
}

/** Bytes as the core keeps them: whole MiB, rounded up. */
const mibOf = (n: bigint) => Number((n + MIB - 1n) / MIB);

/** "Malformed size %s", and the libvirt error virScaleInteger raised, if it did. */
function malformed(text: string, size: { why?: string }): ExecResult {
  return size.why === undefined ? virshError(`Malformed size ${text}`) : virshError(`Malformed size ${text}`, size.why);
}

/** The domain a volume is the disk of (vda), or to which it is attached, if one is a KVM domain still running. */
function activeUser(v: Virsh, vol: Volume): string | undefined {
  const id = vol.domain ?? vol.volume?.attachedTo;
  const d = id === undefined ? undefined : v.kvm.workload(id);
  return d && isActive(d.nativeState) ? d.name : undefined;
}

/** A volume by name, key or path in the pool (cmdVolCreateAs's --backing-vol lookup), or its error. */
function backingVol(v: Virsh, pool: Pool, word: string): Volume | ExecResult {
  const vol =
    pool.volumes.find((x) => x.name === word) ??
    poolsOf(v)
      .flatMap((p) => p.volumes)
      .find((x) => x.path === word);
  return vol ?? virshError(`failed to get vol '${word}'`, `Storage volume not found: no storage vol with matching path '${word}'`);
}

/** The XML cmdVolCreateAs builds (and --print-xml prints): name, capacity, allocation if given, format if given, backing store. */
function volumeXml(name: string, capacity: bigint, allocation: bigint | undefined, format: string | undefined, backing?: { path: string; format?: string }) {
  const lines = ['<volume>', `  <name>${name}</name>`, `  <capacity>${capacity}</capacity>`];
  if (allocation !== undefined) lines.push(`  <allocation>${allocation}</allocation>`);
  if (format !== undefined) lines.push('  <target>', `    <format type='${format}'/>`, '  </target>');
  if (backing) {
    lines.push('  <backingStore>', `    <path>${backing.path}</path>`);
    if (backing.format !== undefined) lines.push(`    <format type='${backing.format}'/>`);
    lines.push('  </backingStore>');
  }
  return `${lines.join('\n')}\n</volume>\n`;
}

function createAs(v: Virsh, o: Record<string, string>, f: ParsedFlags): ExecResult {
  const pool = findPool(v, o.pool);
  if ('exitCode' in pool) return pool;
  const capacity = volSize(o.capacity);
  if (!capacity.ok) return malformed(o.capacity, capacity);
  const allocationText = str(f, 'allocation');
  const allocation = allocationText === undefined ? undefined : volSize(allocationText);
  if (allocation && !allocation.ok) return malformed(allocationText!, allocation);
  const allocated = allocation?.ok ? allocation.bytes : undefined;
  const format = str(f, 'format');
  const prealloc = bool(f, 'prealloc-metadata');
  let backing: { path: string; format?: string } | undefined;
  const backingWord = str(f, 'backing-vol');
  if (backingWord !== undefined) {
    const b = backingVol(v, pool, backingWord);
    if ('exitCode' in b) return b;
    backing = { path: b.path, format: str(f, 'backing-vol-format') };
  }
  if (bool(f, 'print-xml')) return printed(volumeXml(o.name, capacity.bytes, allocated, format, backing));

  // virStorageVolCreateXML, in storageVolCreateXML's order.
  const failed = `Failed to create vol ${o.name}`;
  const noSupport = (why: string) => virshError(failed, `this function is not supported by the connection driver: ${why}`);
  // Neither the logical nor the iscsi backend has a buildVol: a volume of no capacity is refused first.
  if (capacity.bytes === 0n && (pool.type === 'iscsi' || pool.type === 'logical')) return noSupport('volume capacity required for this storage pool');
  if (pool.type === 'logical') return createLv(v, pool, o.name, capacity.bytes, allocated, backing !== undefined, failed);
  if (format !== undefined && !FORMATS.includes(format)) return virshError(failed, `unsupported configuration: unknown volume format type ${format}`);
  if (pool.volumes.some((x) => x.name === o.name)) return virshError(failed, `storage volume '${o.name}' exists already`);
  if (pool.type === 'iscsi') return noSupport('storage pool does not support volume creation');
  if (o.name.includes('/')) return virshError(failed, `Requested operation is not valid: volume name '${o.name}' cannot contain '/'`);
  // A dir or netfs pool's default format is raw.
  const kind = format ?? 'raw';
  if (kind === 'raw') {
    if (prealloc) return virshError(failed, 'unsupported configuration: metadata preallocation is not supported for raw volumes');
    if (backing) return noSupport('backing storage not supported for raw volumes');
  } else if (kind !== 'qcow2') return refused(failed, `this simulation makes raw and qcow2 volumes, not ${kind}`);
  else if (backing) {
    if (prealloc) return virshError(failed, 'unsupported configuration: metadata preallocation conflicts with backing store');
    return refused(failed, `a qcow2 overlay on a backing volume (${backing.path}) is not simulated: make it without --backing-vol`);
  }
  if (capacity.bytes === 0n) return refused(failed, 'a volume here holds at least 1 MiB: give a capacity of 1M or more');

  // An <allocation> left out is the capacity (storage_conf.c).
  const want = allocated ?? capacity.bytes;
  const capacityMiB = mibOf(capacity.bytes);
  let disk: DiskFormat = 'thin';
  let allocatedMiB = 0;
  if (kind === 'raw') {
    if (want >= capacity.bytes) disk = 'thick';
    else allocatedMiB = mibOf(want);
  } else if (prealloc && want >= capacity.bytes) allocatedMiB = capacityMiB;
  const r = v.kvm.sim.createVolume({ store: pool.store, name: o.name, capacityMiB, format: disk, allocatedMiB });
  if (!r.ok) {
    if (r.error.code === 'insufficient-capacity' && disk === 'thick')
      return virshError(failed, `cannot allocate ${want} bytes in file '${pool.target}/${o.name}': No space left on device`);
    return virshError(failed, `operation failed: ${r.error.message}`);
  }
  return printed(`Vol ${o.name} created\n`, true);
}

/**
 * A logical volume (storage_backend_logical.c virStorageBackendLogicalCreateVol and LVCreate): the pool's volume
 * options parse no format (storage_conf.c: a logical pool has no volOptions.formatFromString), so --format and
 * --prealloc-metadata change nothing; an allocation other than the capacity makes a sparse LV (lvcreate --type
 * snapshot --virtualsize), a thin volume here; one left out, or equal, a whole LV, a thick one. A --backing-vol makes
 * an LVM snapshot of it (lvcreate -s), not simulated.
 */
function createLv(v: Virsh, pool: Pool, name: string, capacity: bigint, allocated: bigint | undefined, backing: boolean, failed: string): ExecResult {
  if (pool.volumes.some((x) => x.name === name)) return virshError(failed, `storage volume '${name}' exists already`);
  if (backing) return refused(failed, 'an LVM snapshot of a backing volume is not simulated: make it without --backing-vol');
  if (name.includes('/')) return refused(failed, `an LV name cannot contain '/': lvcreate refuses ${name}`);
  const capacityMiB = mibOf(capacity);
  const sparse = allocated !== undefined && allocated !== capacity;
  const r = v.kvm.sim.createVolume({
    store: pool.store,
    name,
    capacityMiB,
    format: sparse ? 'thin' : 'thick',
    allocatedMiB: sparse ? Math.min(capacityMiB, mibOf(allocated)) : 0,
  });
  if (!r.ok) return virshError(failed, `operation failed: ${r.error.message}`);
  return printed(`Vol ${name} created\n`, true);
}

function del(v: Virsh, o: Record<string, string>, f: ParsedFlags): ExecResult {
  const found = lookupVol(v, o.vol, str(f, 'pool'));
  if ('exitCode' in found) return found;
  const { pool, vol } = found;
  // cmdVolDelete names the volume as it was given (a name, key or path).
  const failed = `Failed to delete vol ${o.vol}`;
  if (pool.type === 'iscsi') return virshError(failed, 'this function is not supported by the connection driver: storage pool does not support vol deletion');
  // --delete-snapshots is VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS, 1 << 1 (include/libvirt/libvirt-storage.h),
  // which the dir and netfs backends' virCheckFlags(0) refuses, and the logical backend's too.
  if (bool(f, 'delete-snapshots'))
    return virshError(
      failed,
      `invalid argument: unsupported flags (0x2) in function ${pool.type === 'logical' ? 'virStorageBackendLogicalDeleteVol' : 'virStorageBackendVolDeleteLocal'}`,
    );
  if (vol.domain !== undefined) {
    const name = v.kvm.workload(vol.domain)?.name ?? vol.domain;
    return refused(
      failed,
      `${vol.name} is domain ${name}'s disk (vda), and this simulation keeps no domain without its disk: ` +
        `libvirt would delete the file and leave ${name} defined; remove both with virsh undefine ${name} --remove-all-storage`,
    );
  }
  const r = v.kvm.sim.deleteVolume(pool.store, vol.name);
  if (!r.ok) return r.error.code === 'invalid-state' ? refused(failed, r.error.message) : virshError(failed, `operation failed: ${r.error.message}`);
  return printed(`Vol ${o.vol} deleted\n`, true);
}

function resize(v: Virsh, o: Record<string, string>, f: ParsedFlags): ExecResult {
  const found = lookupVol(v, o.vol, str(f, 'pool'));
  if ('exitCode' in found) return found;
  const { pool, vol } = found;
  const shrink = bool(f, 'shrink');
  const allocate = bool(f, 'allocate');
  let delta = bool(f, 'delta');
  let text = o.capacity.replace(/^[ \t\n\v\f\r]+/, '');
  if (text.startsWith('-')) {
    // The API wants a positive value; virsh takes a negative one, with --shrink, as a delta.
    if (!shrink) return virshError('negative size requires --shrink');
    text = text.slice(1);
    delta = true;
  }
  const size = volSize(text);
  if (!size.ok) return malformed(text, size);
  const failed = `Failed to change size of volume '${vol.name}' ${delta ? 'by' : 'to'} ${text}`;

  // storageVolResize, in its order.
  const current = BigInt(bytes(vol.capacityMiB));
  const allocation = BigInt(bytes(vol.allocationMiB));
  const target = !delta ? size.bytes : shrink ? current - (size.bytes < current ? size.bytes : current) : current + size.bytes;
  if (target < allocation) return virshError(failed, "invalid argument: can't shrink capacity below existing allocation");
  if (target < current && !shrink)
    return virshError(failed, "invalid argument: Can't shrink capacity below current capacity unless shrink flag explicitly specified");
  const available = BigInt(bytes(Math.max(0, pool.capacityMiB - pool.allocationMiB)));
  if (allocate && target - allocation > available) return virshError(failed, 'operation failed: Not enough space left in storage pool');
  // Neither the iscsi nor the logical backend has a resizeVol (storage_backend_iscsi.c, storage_backend_logical.c).
  if (pool.type === 'iscsi' || pool.type === 'logical')
    return virshError(failed, 'this function is not supported by the connection driver: storage pool does not support changing of volume capacity');
  if (allocate && vol.format !== 'raw') return virshError(failed, 'Operation not supported: preallocate is only supported for raw type volume');
  const user = activeUser(v, vol);
  if (user !== undefined)
    return refused(
      failed,
      `${vol.name} is in use by running domain ${user}: vol-resize is safe only for a volume no active guest uses; shut ${user} off first`,
    );

  const mib = mibOf(target);
  let r: Result<unknown>;
  if (vol.domain !== undefined) {
    if (target < current) return refused(failed, `a domain's disk does not shrink here: ${vol.name} stays ${bytes(vol.capacityMiB)} bytes`);
    r = mib === vol.capacityMiB ? { ok: true, value: undefined } : v.kvm.sim.resize(vol.domain, { diskMiB: mib });
  } else {
    if (mib === 0) return refused(failed, 'a volume here holds at least 1 MiB');
    r = v.kvm.sim.resizeVolume(pool.store, vol.name, mib);
  }
  if (!r.ok)
    return virshError(
      failed,
      r.error.code === 'insufficient-capacity' ? 'operation failed: Not enough space left in storage pool' : `operation failed: ${r.error.message}`,
    );
  return printed(`Size of volume '${vol.name}' successfully changed ${delta ? 'by' : 'to'} ${text}\n`, true);
}

export const VOLUME_COMMANDS: Readonly<Record<string, VirshCommand>> = table<VirshCommand>({
  'vol-create-as': {
    flags: {
      pool: S,
      name: S,
      capacity: S,
      allocation: S,
      format: S,
      'backing-vol': S,
      'backing-vol-format': S,
      'prealloc-metadata': B,
      'print-xml': B,
    },
    operands: ['pool', 'name', 'capacity'],
    run: createAs,
  },
  'vol-delete': { flags: { vol: S, pool: S, 'delete-snapshots': B }, operands: ['vol'], run: del },
  'vol-resize': { flags: { vol: S, capacity: S, pool: S, allocate: B, delta: B, shrink: B }, operands: ['vol', 'capacity'], run: resize },
});
