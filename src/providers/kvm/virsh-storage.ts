// virsh's storage pools, volumes and a domain's block devices, read from the
// simulation: each host's "default" pool (type dir, /var/lib/libvirt/images, as
// virt-install makes it) is the host's own storage; a shared datastore its
// cluster mounts is a pool too (netfs for a NAS share, iscsi for a SAN LUN), its
// volumes the disks on it. Sources (libvirt): tools/virsh-pool.c (cmdPoolList:
// Name, State, Autostart; --details adds Persistent, Capacity, Allocation,
// Available, "%.2lf %s"; cmdPoolInfo: "%-15s %s", sizes "%-15s %2.2lf %s"),
// tools/virsh-volume.c (cmdVolList: Name, Path; --details Type, Capacity,
// Allocation; cmdVolInfo; virshCommandOptVolBy: "failed to get vol '%s'"),
// tools/virsh-domain-monitor.c (cmdDomblklist: Target, Source; --details Type,
// Device; cmdDomblkinfo: "%-15s %s" of Capacity, Allocation, Physical in bytes,
// --human "%.3lf %s"), tools/vsh.c (vshPrettyCapacity), src/util/virerror.c
// ("Storage pool not found: %s", "Storage volume not found: %s"),
// src/storage/storage_driver.c ("no storage pool with matching name '%s'", "no
// storage vol with matching path '%s'"), src/qemu/qemu_driver.c ("invalid path
// %s not assigned to domain"). The volumes of no domain (vol-create-as, in
// virsh-volumes.ts) are listed with the domains' disks: a thin one is a qcow2
// file, a thick one raw, each at the pool's target path and its name. A volume
// attached to a domain (virsh attach-disk, in virsh-attach.ts) is one of its block
// devices after vda, under the target it was attached as (vdb, vdc...: virIndexToDiskName,
// src/util/virutil.c), which the domain keeps in its `diskTargets` attribute (see
// blockDevices); a domain lists its disks by target, as virDomainDiskInsert
// (src/conf/domain_conf.c) keeps a bus's disks ordered by virDiskNameToIndex.

import { table } from '../../core/own.js';
import type { VolumeStore, VolumeView } from '../../core/volumes.js';
import { bool, str } from '../cli/flags.js';
import { virshTable } from '../cli/table.js';
import { stableUuid } from '../common.js';
import type { ExecResult } from '../provider.js';
import { caseless, DOMAIN_FLAG, lookupDomain, noDomain, printed, type Virsh, type VirshCommand, virshError } from './virsh-common.js';

export interface Volume {
  readonly name: string;
  /** Its path, which is its key too (a file pool's volumes are keyed by path). */
  readonly path: string;
  /** qcow2 (a thin volume, a domain's disk) or raw (a thick one). */
  readonly format: 'qcow2' | 'raw';
  readonly capacityMiB: number;
  readonly allocationMiB: number;
  /** The domain whose disk (vda) it is, by id; or the volume of no domain it is. */
  readonly domain?: string;
  readonly volume?: VolumeView;
}

export interface Pool {
  readonly name: string;
  /** Its UUID: each host's libvirtd defines its own pools, so one of its host and name. */
  readonly uuid: string;
  readonly type: 'dir' | 'netfs' | 'logical' | 'iscsi';
  readonly target: string;
  /** Where the core keeps its volumes: the host's own storage, or the datastore. */
  readonly store: VolumeStore;
  readonly capacityMiB: number;
  readonly allocationMiB: number;
  readonly volumes: readonly Volume[];
}

const IMAGES = '/var/lib/libvirt/images';

/**
 * Where a shared datastore's volumes are, seen from a KVM host: a NAS share is a netfs pool mounted under
 * /var/lib/libvirt/images/NAME, its volumes files; a SAN LUN carries a volume group of its name (a logical pool,
 * target /dev/NAME: virStorageBackendLogicalCreateVol makes each volume "%s/%s" of the pool's target path and name),
 * its volumes logical volumes, block devices.
 */
export function sharedTarget(medium: 'san' | 'nas', name: string): string {
  return medium === 'san' ? `/dev/${name}` : `${IMAGES}/${name}`;
}

/** The SAN's own iSCSI pool, under the logical pool built on it: the LUN itself, its one volume. */
export const iscsiPoolName = (datastore: string) => `${datastore}-iscsi`;

/** A volume of no domain as a pool lists it: a thin one is a qcow2 file, a thick (or eager zeroed) one raw; in a logical pool, an LV. */
function volumeIn(target: string, x: VolumeView): Volume {
  return {
    name: x.name,
    path: `${target}/${x.name}`,
    format: x.format === 'thin' ? 'qcow2' : 'raw',
    capacityMiB: x.capacityMiB,
    allocationMiB: x.usedMiB,
    volume: x,
  };
}

/** How virsh names a volume's or a disk's type: a logical or iscsi pool's volumes are block devices (VIR_STORAGE_VOL_BLOCK). */
export const volumeType = (pool: Pool) => (pool.type === 'logical' || pool.type === 'iscsi' ? 'block' : 'file');

/** The pools a host sees: its own default pool, then each shared datastore its cluster mounts. */
export function poolsOf(v: Virsh): Pool[] {
  const kvm = v.kvm;
  const host = v.host ?? kvm.localHost();
  const h = host === undefined ? undefined : kvm.sim.host(host);
  if (!h) return [];
  const own = kvm
    .workloads()
    .filter((d) => d.host === h.id && kvm.sim.diskOn(d.id) === undefined)
    // Its qcow2 file holds its internal snapshots too: what its claim on the host's disk holds.
    .map(
      (d): Volume => ({
        name: `${d.name}.qcow2`,
        path: `${IMAGES}/${d.name}.qcow2`,
        format: 'qcow2',
        capacityMiB: d.diskMiB,
        allocationMiB: kvm.sim.workloadRow(d.id)?.claim[2] ?? d.diskMiB,
        domain: d.id,
      }),
    );
  const volumes = [...own, ...kvm.sim.volumes({ host: h.id }).map((x) => volumeIn(IMAGES, x))];
  const pools: Pool[] = [
    {
      name: 'default',
      uuid: stableUuid(`pool:${h.id}:default`),
      type: 'dir',
      target: IMAGES,
      store: { host: h.id },
      capacityMiB: h.capacity.diskMiB,
      allocationMiB: h.allocated.diskMiB,
      volumes,
    },
  ];
  for (const d of kvm.sim.datastoreViews()) {
    if (!d.clusters.includes(h.cluster)) continue;
    const target = sharedTarget(d.medium, d.name);
    const lvm = d.medium === 'san';
    pools.push({
      name: d.name,
      uuid: stableUuid(`pool:${h.id}:${d.name}`),
      type: lvm ? 'logical' : 'netfs',
      target,
      store: { datastore: d.id },
      capacityMiB: d.capacityMiB,
      allocationMiB: d.usedMiB,
      volumes: [
        ...d.disks.map((k): Volume => {
          // A domain's disk is named after it, as virt-install names a new volume: with its format's extension in a
          // pool of files, none in a logical pool (virtinst StorageVolume: no format there).
          const name = `${kvm.sim.workload(k.workload)?.name ?? k.workload}${lvm ? '' : '.qcow2'}`;
          return {
            name,
            path: `${target}/${name}`,
            format: lvm ? 'raw' : 'qcow2',
            capacityMiB: k.capacityMiB,
            allocationMiB: k.usedMiB,
            domain: k.workload,
          };
        }),
        ...d.volumes.map((x) => volumeIn(target, x)),
      ],
    });
    // The LUN under the volume group, as an iscsi pool lists it (storage_backend_iscsi.c: each LUN a volume
    // "unit:0:0:N", its path under /dev/disk/by-path; the pool's capacity and allocation the LUNs'): wholly the VG's.
    if (lvm) {
      const lun = `/dev/disk/by-path/ip-${LUN_PORTAL}:3260-iscsi-iqn.2026-01.lan.hyperpane:${d.name}-lun-1`;
      pools.push({
        name: iscsiPoolName(d.name),
        uuid: stableUuid(`pool:${h.id}:${iscsiPoolName(d.name)}`),
        type: 'iscsi',
        target: '/dev/disk/by-path',
        store: { datastore: d.id },
        capacityMiB: d.capacityMiB,
        allocationMiB: d.capacityMiB,
        volumes: [{ name: 'unit:0:0:1', path: lun, format: 'raw', capacityMiB: d.capacityMiB, allocationMiB: d.capacityMiB }],
      });
    }
  }
  return pools.sort((a, b) => caseless(a.name, b.name));
}

/** The SAN's iSCSI portal: an address of TEST-NET-1 (RFC 5737), as the estate names no storage network. */
const LUN_PORTAL = '192.0.2.10';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** vshPrettyCapacity: the value in the largest binary unit it reaches, with `digits` decimals. */
function pretty(bytes: number, digits: number): string {
  let unit = 0;
  let value = bytes;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** An info line as virsh prints one: vshPrint(ctl, "%-15s %s\n", label, value). */
const line = (label: string, value: string) => `${label.padEnd(15)} ${value}\n`;

export const bytes = (mib: number) => Math.round(mib * 1024 * 1024);

export function findPool(v: Virsh, name: string): Pool | ExecResult {
  const pool = poolsOf(v).find((p) => p.name === name || p.uuid === name);
  return pool ?? virshError(`failed to get pool '${name}'`, `Storage pool not found: no storage pool with matching name '${name}'`);
}

/**
 * A volume as virshCommandOptVolBy finds one (tools/virsh-volume.c): with --pool, by name in that pool, then by key
 * or path (one and the same for a file) in any pool the host sees; without --pool, by key or path only.
 */
export function lookupVol(v: Virsh, word: string, poolName: string | undefined): { pool: Pool; vol: Volume } | ExecResult {
  let pool: Pool | undefined;
  if (poolName !== undefined) {
    const p = findPool(v, poolName);
    if ('exitCode' in p) return p;
    pool = p;
  }
  const byName = pool?.volumes.find((x) => x.name === word);
  if (pool && byName) return { pool, vol: byName };
  for (const p of poolsOf(v)) {
    const vol = p.volumes.find((x) => x.path === word);
    if (!vol) continue;
    // The lookup's own error is reset first: this one line is all virsh prints.
    if (pool && p.name !== pool.name) return virshError(`Requested volume '${word}' is not in pool '${pool.name}'`);
    return { pool: p, vol };
  }
  return virshError(
    pool ? `failed to get vol '${word}'` : `failed to get vol '${word}', specifying --pool might help`,
    `Storage volume not found: no storage vol with matching path '${word}'`,
  );
}

const B = { type: 'boolean' } as const;

/** virStoragePool's type names (src/conf/storage_conf.c VIR_ENUM_IMPL(virStoragePool)), what pool-list --type takes. */
const POOL_TYPES = ['dir', 'fs', 'netfs', 'logical', 'disk', 'iscsi', 'iscsi-direct', 'scsi', 'mpath', 'rbd', 'sheepdog', 'gluster', 'zfs', 'vstorage'];

export const STORAGE_COMMANDS: Readonly<Record<string, VirshCommand>> = table<VirshCommand>({
  'pool-list': {
    flags: { all: B, inactive: B, details: B, name: B, uuid: B, persistent: B, transient: B, autostart: B, 'no-autostart': B, type: { type: 'string' } },
    operands: [],
    run: (v, _o, f) => {
      // cmdPoolList (tools/virsh-pool.c): --type is a comma-separated list of virStoragePool's names, each checked.
      const types = str(f, 'type')?.split(',');
      const unknown = types?.find((t) => !POOL_TYPES.includes(t));
      if (unknown !== undefined) return virshError(`Invalid pool type '${unknown}'`);
      if (bool(f, 'details') && (bool(f, 'name') || bool(f, 'uuid')))
        return virshError(`Options --details and --${bool(f, 'name') ? 'name' : 'uuid'} are mutually exclusive`);
      // Every pool here is active, persistent and autostarted: --inactive, --transient and --no-autostart alone list
      // none (a flag and its opposite together, as libvirt filters them, list both).
      const none = (only: string, other: string) => bool(f, only) && !bool(f, other);
      const pools =
        none('inactive', 'all') || none('transient', 'persistent') || none('no-autostart', 'autostart')
          ? []
          : poolsOf(v).filter((p) => types === undefined || types.includes(p.type));
      if (bool(f, 'name')) return printed(pools.map((p) => `${p.name.padEnd(20)}\n`).join(''));
      if (bool(f, 'uuid')) return printed(pools.map((p) => `${p.uuid.padEnd(36)}\n`).join(''));
      if (!bool(f, 'details'))
        return printed(
          `${virshTable(
            ['Name', 'State', 'Autostart'],
            pools.map((p) => [p.name, 'active', 'yes']),
            v.quiet,
          )}\n`,
        );
      const rows = pools.map((p) => [
        p.name,
        'running',
        'yes',
        'yes',
        pretty(bytes(p.capacityMiB), 2),
        pretty(bytes(p.allocationMiB), 2),
        pretty(bytes(Math.max(0, p.capacityMiB - p.allocationMiB)), 2),
      ]);
      return printed(`${virshTable(['Name', 'State', 'Autostart', 'Persistent', 'Capacity', 'Allocation', 'Available'], rows, v.quiet)}\n`);
    },
  },
  'pool-info': {
    flags: { pool: { type: 'string' }, bytes: B },
    operands: ['pool'],
    run: (v, o, f) => {
      const p = findPool(v, o.pool);
      if ('exitCode' in p) return p;
      const size = (mib: number) => (bool(f, 'bytes') ? `${bytes(mib)}` : pretty(bytes(mib), 2));
      return printed(
        line('Name:', p.name) +
          line('UUID:', p.uuid) +
          line('State:', 'running') +
          line('Persistent:', 'yes') +
          line('Autostart:', 'yes') +
          line('Capacity:', size(p.capacityMiB)) +
          line('Allocation:', size(p.allocationMiB)) +
          line('Available:', size(Math.max(0, p.capacityMiB - p.allocationMiB))),
      );
    },
  },
  'vol-list': {
    flags: { pool: { type: 'string' }, details: B },
    operands: ['pool'],
    run: (v, o, f) => {
      const p = findPool(v, o.pool);
      if ('exitCode' in p) return p;
      const vols = [...p.volumes].sort((a, b) => caseless(a.name, b.name));
      if (!bool(f, 'details'))
        return printed(
          `${virshTable(
            ['Name', 'Path'],
            vols.map((x) => [x.name, x.path]),
            v.quiet,
          )}\n`,
        );
      const rows = vols.map((x) => [x.name, x.path, volumeType(p), pretty(bytes(x.capacityMiB), 2), pretty(bytes(x.allocationMiB), 2)]);
      return printed(`${virshTable(['Name', 'Path', 'Type', 'Capacity', 'Allocation'], rows, v.quiet)}\n`);
    },
  },
  'vol-info': {
    flags: { vol: { type: 'string' }, pool: { type: 'string' }, bytes: B, physical: B },
    operands: ['vol'],
    run: (v, o, f) => {
      const found = lookupVol(v, o.vol, str(f, 'pool'));
      if ('exitCode' in found) return found;
      const vol = found.vol;
      const size = (mib: number) => (bool(f, 'bytes') ? `${bytes(mib)} bytes` : pretty(bytes(mib), 2));
      return printed(
        line('Name:', vol.name) +
          line('Type:', volumeType(found.pool)) +
          line('Capacity:', size(vol.capacityMiB)) +
          line(bool(f, 'physical') ? 'Physical:' : 'Allocation:', size(vol.allocationMiB)),
      );
    },
  },
  domblklist: {
    flags: { ...DOMAIN_FLAG, details: B, inactive: B },
    operands: ['domain'],
    run: (v, o, f) => {
      const d = lookupDomain(v.kvm, o.domain);
      if (!d) return noDomain(o.domain);
      const disks = blockDevices(v, d.id);
      if (!bool(f, 'details'))
        return printed(
          `${virshTable(
            ['Target', 'Source'],
            disks.map((x) => [x.target, x.path ?? '-']),
            v.quiet,
          )}\n`,
        );
      const rows = disks.map((x) => [x.type, 'disk', x.target, x.path ?? '-']);
      return printed(`${virshTable(['Type', 'Device', 'Target', 'Source'], rows, v.quiet)}\n`);
    },
  },
  domblkinfo: {
    flags: { ...DOMAIN_FLAG, device: { type: 'string' }, human: B, all: B },
    operands: ['domain', 'device?'],
    run: (v, o, f) => {
      const d = lookupDomain(v.kvm, o.domain);
      if (!d) return noDomain(o.domain);
      const disks = blockDevices(v, d.id);
      const size = (mib: number | undefined) => (mib === undefined ? '-' : bool(f, 'human') ? pretty(bytes(mib), 3) : String(bytes(mib)));
      if (bool(f, 'all')) {
        const rows = disks.map((x) => [x.target, size(x.capacityMiB), size(x.allocationMiB), size(x.allocationMiB)]);
        return printed(`${virshTable(['Target', 'Capacity', 'Allocation', 'Physical'], rows, v.quiet)}\n`);
      }
      if (o.device === undefined) return virshError("command 'domblkinfo' requires <device> option");
      // qemuDomainGetBlockInfo finds a disk by its target or its source path (virDomainDiskByName).
      const disk = disks.find((x) => x.target === o.device || (x.path !== undefined && x.path === o.device));
      if (!disk) return virshError(`invalid argument: invalid path ${o.device} not assigned to domain`);
      return printed(line('Capacity:', size(disk.capacityMiB)) + line('Allocation:', size(disk.allocationMiB)) + line('Physical:', size(disk.allocationMiB)));
    },
  },
});

/** A domain's one disk (vda) and the pool it is in, as the pools of its host list them. */
function ownDisk(v: Virsh, id: string, pools = poolsOf({ ...v, host: v.kvm.workload(id)?.host })): { pool: Pool; vol: Volume } | undefined {
  for (const pool of pools) {
    const vol = pool.volumes.find((x) => x.domain === id);
    if (vol) return { pool, vol };
  }
  return undefined;
}

/** A domain's one disk (vda), as the pools list it. */
export function diskOf(v: Virsh, id: string): Volume | undefined {
  return ownDisk(v, id)?.vol;
}

/** A domain's block device as domblklist lists it: its own disk (vda), or a volume attached as a data disk. */
export interface BlockDevice {
  readonly target: string;
  /** Its source path on the domain's host; undefined if its own disk is nowhere its host sees. */
  readonly path: string | undefined;
  readonly capacityMiB: number | undefined;
  readonly allocationMiB: number | undefined;
  /** The volume it is, for a data disk (vdb, vdc...). */
  readonly volume?: VolumeView;
  /** A file, or a block device (a logical volume). */
  readonly type: 'file' | 'block';
}

/** virIndexToDiskName (src/util/virutil.c): 0 is vda, 25 vdz, 26 vdaa. */
export function diskName(index: number): string {
  let name = '';
  for (let n = index; n >= 0; n = Math.floor(n / 26) - 1) name = String.fromCharCode(97 + (n % 26)) + name;
  return `vd${name}`;
}

/** virDiskNameToIndex (src/util/virutil.c) of a virtio disk's name: vda 0, vdz 25, vdaa 26; undefined for any other name. */
export function diskIndex(target: string): number | undefined {
  if (!/^vd[a-z]{1,7}$/.test(target)) return undefined;
  let index = 0;
  for (const c of target.slice(2)) index = index * 26 + (c.charCodeAt(0) - 96);
  return index - 1;
}

/** The first virtio target none of `used` has, from vdb on. */
export function freeTarget(used: Iterable<string>): string {
  const taken = new Set(used);
  let i = 1;
  while (taken.has(diskName(i))) i++;
  return diskName(i);
}

/** Where a volume is, as a domain's target record keeps it: a datastore's id, or "host:" and a host's id. */
const storeKey = (x: VolumeView) => x.datastore ?? `host:${x.host}`;

/**
 * Where each domain keeps its data disks' targets: a JSON object, target → [store, volume name]
 * ({"vdb": ["host:kvm-01", "b.img"]}). Keyed by target, the one thing libvirt keeps for a disk
 * whatever happens to its file. The store and name find the volume again; a Storage vMotion
 * (core/volumes.ts moveVolume) gives a moved volume another store (and key) but keeps its name, and
 * refuses a move that would bring two files of one name together, so a record whose store no longer
 * matches finds its volume by name alone (see blockDevices).
 */
export const DISK_TARGETS_ATTR = 'diskTargets';

/** A domain's recorded targets, [target, store, name] each; entries that are no virtio data disk's target are left out. */
function recordedTargets(attrs: Readonly<Record<string, unknown>> | undefined): [string, string, string][] {
  const raw = attrs?.[DISK_TARGETS_ATTR];
  if (typeof raw !== 'string') return [];
  try {
    const record = JSON.parse(raw) as unknown;
    if (typeof record !== 'object' || record === null || Array.isArray(record)) return [];
    return Object.entries(record)
      .filter((e): e is [string, [string, string]] => {
        const [target, at] = e;
        return (diskIndex(target) ?? 0) > 0 && Array.isArray(at) && typeof at[0] === 'string' && typeof at[1] === 'string';
      })
      .map(([target, [store, name]]) => [target, store, name]);
  } catch {
    return [];
  }
}

/** Keeps the targets of a domain's data disks in its attributes (the attribute goes when it has none). */
export function recordTargets(v: Virsh, id: string, disks: readonly Pick<BlockDevice, 'target' | 'volume'>[]): void {
  const { [DISK_TARGETS_ATTR]: _, ...rest } = v.kvm.workload(id)?.attrs ?? {};
  const record: Record<string, [string, string]> = {};
  for (const d of disks) if (d.volume) record[d.target] = [storeKey(d.volume), d.volume.name];
  v.kvm.sim.setAttrs(id, Object.keys(record).length > 0 ? { ...rest, [DISK_TARGETS_ATTR]: JSON.stringify(record) } : rest);
}

/** Where a volume no pool of the domain's host lists would be (the domain is on no host): its store's target. */
function unseenTarget(v: Virsh, x: VolumeView): string {
  const d = x.datastore === undefined ? undefined : v.kvm.sim.datastoreViews().find((s) => s.id === x.datastore);
  return d ? sharedTarget(d.medium, d.name) : IMAGES;
}

/**
 * A domain's disks, by target as libvirt lists them: vda, its own, then its data disks under the targets
 * it recorded (DISK_TARGETS_ATTR), each found by store and name, else (once a Storage vMotion moved it)
 * by name alone; a data disk with no record (attached in an estate file, or by another tool) takes the
 * next free target, vdb, vdc..., in the order the core gives them (sim.dataDisks: the order their
 * volumes were made).
 */
export function blockDevices(v: Virsh, id: string): BlockDevice[] {
  // Its host's pools: where its own disk is, and the pool (its target path and type) each data disk is a volume of.
  const pools = poolsOf({ ...v, host: v.kvm.workload(id)?.host });
  const found = ownDisk(v, id, pools);
  const own = found?.vol;
  const left = [...v.kvm.sim.dataDisks(id)];
  const used = new Set(['vda']);
  const data: BlockDevice[] = [];
  const device = (target: string, x: VolumeView): BlockDevice => {
    const pool = pools.find((p) => p.type !== 'iscsi' && (x.datastore !== undefined ? p.store.datastore === x.datastore : p.store.host === x.host));
    return {
      target,
      path: `${pool?.target ?? unseenTarget(v, x)}/${x.name}`,
      capacityMiB: x.capacityMiB,
      allocationMiB: x.usedMiB,
      volume: x,
      type: pool ? volumeType(pool) : 'file',
    };
  };
  const recorded = recordedTargets(v.kvm.workload(id)?.attrs);
  const claim = (test: (x: VolumeView, store: string, name: string) => boolean) => {
    for (const [target, store, name] of recorded) {
      if (used.has(target)) continue;
      const i = left.findIndex((x) => test(x, store, name));
      if (i < 0) continue;
      data.push(device(target, left[i]));
      used.add(target);
      left.splice(i, 1);
    }
  };
  claim((x, store, name) => storeKey(x) === store && x.name === name);
  claim((x, _, name) => x.name === name);
  for (const x of left) {
    const target = freeTarget(used);
    data.push(device(target, x));
    used.add(target);
  }
  data.sort((a, b) => (diskIndex(a.target) ?? 0) - (diskIndex(b.target) ?? 0));
  const vda: BlockDevice = {
    target: 'vda',
    path: own?.path,
    capacityMiB: own?.capacityMiB,
    allocationMiB: own?.allocationMiB,
    type: found ? volumeType(found.pool) : 'file',
  };
  return [vda, ...data];
}
