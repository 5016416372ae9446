// The guests' disk I/O, as the estate stands: what each running VM asks of its disk, what
// its device (a shared datastore, or its host's own disks) serves, and the
// latency that follows. A device serves up to its IOPS limit; below it, latency
// grows as it gets busier (an M/M/1 queue: service time / (1 - utilization));
// at it, the disks share it equally (Storage I/O Control's shares, all Normal)
// and each waits behind a full queue (Little's law). A disk's own limit
// (virsh blkdeviotune, Set-VMHardDiskDrive -MaximumIOPS) caps it first.
// A VM with data disks spreads its I/O over them and its own disk: no source
// gives a split for a guest in general, so each disk takes an equal share, on
// the device it is on (diskCount).
// Worked out when read, once per change to the estate: it follows from the
// guests' last measured CPU, their states, placements and limits, so an estate
// reloaded from a dump reads the same.
import type { Datastores } from './datastores.js';
import { codeOf, WORKLOAD_STATES } from './model.js';
import { WRITE_MIBPS_PER_VCPU } from './snapshots.js';
import type { Core } from './state.js';
import { ensureLength } from './typed.js';
import type { Volume } from './volumes.js';

/** The I/O size IOPS are counted in, KiB: Hyper-V Storage QoS counts IOPS "8KB-normalized" (New-StorageQosPolicy, Microsoft docs). */
export const IO_KIB = 8;

/**
 * Reads for each write: a 75/25 read/write mix, the one DiskSpd's authors give as "a pretty good
 * set of parameters for a SQL Server OLTP workload" (diskspd -b8K -w25; Glenn Berry, "Using DiskSpd
 * to test your storage", SQLPerformance.com, 2015). The writes are the ones thin disks grow by.
 */
export const READS_PER_WRITE = 3;

/** I/Os a disk keeps in flight when it has work waiting: ESXi's Disk.SchedNumReqOutstanding, 32 by default (VMware KB 1268). */
export const QUEUE_DEPTH = 32;

/**
 * The share of a device's peak at which it counts as congested, where Storage I/O Control starts
 * to enforce shares: "the estimated latency when the datastore is operating at 90% of its peak
 * throughput" (vSphere Resource Management, "Set Storage I/O Control Threshold Value").
 */
export const CONGESTED_AT = 0.9;

/**
 * A device's service time with no queue, ms. vSphere 4.1 set the congestion threshold to 30 ms by
 * default, replaced in 5.1 by the latency at 90% of peak (above): in an M/M/1 queue latency at
 * utilization 0.9 is ten service times, so the two agree at 3 ms.
 */
export const SERVICE_MS = 3;

/** The host's own disks when nothing says how fast they are: a SATA III link, 6 Gbit/s less 8b/10b coding, 600 MB/s (SATA 3.0 spec). */
export const LOCAL_DISK_MBPS = 572;

/** The most IOPS a limit may name: QEMU's cap on a throttle (QEMU_BLOCK_IOTUNE_MAX, 1e15). */
export const MAX_IOPS = 1e15;

/** What `mbps` MiB/s moves in IOPS of IO_KIB. */
export function iopsOfMbps(mbps: number): number {
  return Math.floor((mbps * 1024) / IO_KIB);
}

const RUNNING = codeOf(WORKLOAD_STATES, 'running');
const MIGRATING = codeOf(WORKLOAD_STATES, 'migrating');

/** What each disk and device did in the last tick. Devices: the datastores, then each host's own disks. */
export class StorageIo {
  /** The estate's version these figures were worked out at (-1: never). */
  version = -1;
  /** Per-disk IOPS limits people set, by workload (none: unlimited). */
  readonly limits = new Map<number, number>();
  /** Per workload: IOPS asked, IOPS served, latency ms (0 for a workload not doing I/O). */
  demand = new Float64Array(0);
  served = new Float64Array(0);
  latency = new Float32Array(0);
  /** The device each workload's disk was on in the last tick, or -1. */
  device = new Int32Array(0);
  /** Per device: IOPS asked (after per-disk limits), served, its latency, disks doing I/O, its limit. */
  devDemand = new Float64Array(0);
  devServed = new Float64Array(0);
  devLatency = new Float32Array(0);
  devActive = new Int32Array(0);
  devLimit = new Float64Array(0);
  /** Per data disk doing I/O: IOPS asked and served, latency ms. */
  readonly volumes = new Map<Volume, { readonly device: number; readonly demand: number; served: number; latency: number }>();
}

/** How many disks share a VM's I/O: its own (if it has one) and its data disks. */
export function diskCount(core: Core, w: number): number {
  return (core.workloads.diskMiB[w] > 0 ? 1 : 0) + (core.datastores.attached.get(w)?.length ?? 0) || 1;
}

/** What workload w would write, MiB/s: as busy as it is (the one write rate thin disks, snapshot deltas and I/O share). */
function askedWriteMiBps(core: Core, w: number): number {
  const wl = core.workloads;
  return (wl.cpuMilli[w] / 1000) * (wl.cpuPct[w] / 100) * WRITE_MIBPS_PER_VCPU;
}

/** What workload w writes to each of its disks, MiB/s, before any limit: an equal share of what it writes. */
export function dataDiskWriteMiBps(core: Core, w: number): number {
  return askedWriteMiBps(core, w) / diskCount(core, w);
}

/** What workload w writes to its own disk, MiB/s: its share, no more than the writes' share of that disk's own IOPS limit. */
export function writeMiBps(core: Core, w: number): number {
  const limit = core.datastores.io.limits.get(w);
  const asked = dataDiskWriteMiBps(core, w);
  return limit === undefined ? asked : Math.min(asked, ((limit / (1 + READS_PER_WRITE)) * IO_KIB) / 1024);
}

/** What running workload w asks of each of its disks, IOPS: its writes' share (which follows how busy it is) and three reads for each. */
export function iopsDemand(core: Core, w: number): number {
  return (dataDiskWriteMiBps(core, w) * 1024 * (1 + READS_PER_WRITE)) / IO_KIB;
}

/** A device's latency at `load` IOPS asked of `limit` by `active` disks: M/M/1 below its peak, a full queue at it. */
export function deviceLatency(load: number, limit: number, active: number): number {
  if (active === 0) return 0;
  const saturated = Math.max(SERVICE_MS, ((active * QUEUE_DEPTH) / limit) * 1000);
  const rho = load / limit;
  return rho < 1 ? Math.min(SERVICE_MS / (1 - rho), saturated) : saturated;
}

/** The datastores' devices first, then each host's own disks. */
function deviceLimit(store: Datastores, dev: number): number {
  return dev < store.records.length ? store.records[dev].iops : iopsOfMbps(LOCAL_DISK_MBPS);
}

/** Works the figures out again if the estate changed since they were. */
function fresh(core: Core): StorageIo {
  const io = core.datastores.io;
  if (io.version !== core.version) {
    storageIo(core);
    io.version = core.version;
  }
  return io;
}

function storageIo(core: Core): void {
  const { workloads: wl, datastores: store, hosts } = core;
  const io = store.io;
  const n = wl.count;
  const devices = store.records.length + hosts.count;
  io.demand = ensureLength(io.demand, n);
  io.served = ensureLength(io.served, n);
  io.latency = ensureLength(io.latency, n);
  io.device = ensureLength(io.device, n);
  io.devDemand = ensureLength(io.devDemand, devices);
  io.devServed = ensureLength(io.devServed, devices);
  io.devLatency = ensureLength(io.devLatency, devices);
  io.devActive = ensureLength(io.devActive, devices);
  io.devLimit = ensureLength(io.devLimit, devices);
  io.devDemand.fill(0, 0, devices);
  io.devActive.fill(0, 0, devices);
  for (let d = 0; d < devices; d++) io.devLimit[d] = deviceLimit(store, d);

  // What each disk asks, its own limit applied, summed per device.
  for (let w = 0; w < n; w++) {
    io.device[w] = -1;
    io.demand[w] = 0;
    io.served[w] = 0;
    io.latency[w] = 0;
    if (!doingIo(core, w) || wl.diskMiB[w] <= 0) continue;
    const ds = store.of(w);
    const dev = ds >= 0 ? ds : store.records.length + wl.host[w];
    const asked = iopsDemand(core, w);
    io.device[w] = dev;
    io.demand[w] = asked;
    io.devDemand[dev] += Math.min(asked, io.limits.get(w) ?? Number.POSITIVE_INFINITY);
    // Only a disk with work keeps I/Os in flight.
    if (asked > 0) io.devActive[dev]++;
  }
  // Its data disks, each its share, on the device it is on (no per-disk limit on one here).
  io.volumes.clear();
  for (const w of [...store.attached.keys()].sort((a, b) => a - b)) {
    if (!doingIo(core, w)) continue;
    const asked = iopsDemand(core, w);
    for (const v of store.attached.get(w)!) {
      const dev = v.ds >= 0 ? v.ds : store.records.length + v.host;
      io.volumes.set(v, { device: dev, demand: asked, served: 0, latency: 0 });
      io.devDemand[dev] += asked;
      if (asked > 0) io.devActive[dev]++;
    }
  }

  // A saturated device shares its limit equally, none given more than it asks (water-filling).
  const level = new Map<number, number>();
  for (let d = 0; d < devices; d++) {
    io.devLatency[d] = deviceLatency(io.devDemand[d], io.devLimit[d], io.devActive[d]);
    io.devServed[d] = Math.min(io.devDemand[d], io.devLimit[d]);
    if (io.devDemand[d] > io.devLimit[d]) level.set(d, 0);
  }
  if (level.size > 0) {
    const asks = new Map<number, number[]>([...level.keys()].map((d) => [d, []]));
    for (let w = 0; w < n; w++) asks.get(io.device[w])?.push(cappedOf(io, w));
    for (const x of io.volumes.values()) asks.get(x.device)?.push(x.demand);
    for (const [d, list] of asks) level.set(d, fairLevel(list, io.devLimit[d]));
  }
  for (const x of io.volumes.values()) {
    x.served = Math.min(x.demand, level.get(x.device) ?? Number.POSITIVE_INFINITY);
    const backlog = x.served < x.demand && x.served > 0 ? (QUEUE_DEPTH / x.served) * 1000 : 0;
    x.latency = Math.max(io.devLatency[x.device], backlog);
  }

  for (let w = 0; w < n; w++) {
    const dev = io.device[w];
    if (dev < 0) continue;
    const capped = cappedOf(io, w);
    const served = Math.min(capped, level.get(dev) ?? Number.POSITIVE_INFINITY);
    io.served[w] = served;
    // A disk with work waiting keeps a full queue, which drains at what it is served.
    const backlog = served < io.demand[w] && served > 0 ? (QUEUE_DEPTH / served) * 1000 : 0;
    io.latency[w] = Math.max(io.devLatency[dev], backlog);
  }
}

/** Whether VM w does disk I/O now: running on a host (a guest migrating live runs on, on its source until it switches over). */
function doingIo(core: Core, w: number): boolean {
  const wl = core.workloads;
  const running = wl.state[w] === RUNNING || (wl.state[w] === MIGRATING && core.migrations.get(w)?.live === true);
  return running && wl.host[w] >= 0 && wl.records[w].kind === 'vm';
}

function cappedOf(io: StorageIo, w: number): number {
  return Math.min(io.demand[w], io.limits.get(w) ?? Number.POSITIVE_INFINITY);
}

/** The level L at which Σ min(ask, L) = limit: each disk gets what it asks, up to an equal share of what is left. */
export function fairLevel(asks: number[], limit: number): number {
  asks.sort((a, b) => a - b);
  let left = limit;
  for (let i = 0; i < asks.length; i++) {
    const share = left / (asks.length - i);
    if (asks[i] >= share) return share;
    left -= asks[i];
  }
  return Number.POSITIVE_INFINITY;
}

/** A disk's I/O in the last tick, as the console and the drivers read it. */
export interface DiskIo {
  /** IOPS asked and served (of IO_KIB each), and MiB/s served. */
  readonly demandIops: number;
  readonly iops: number;
  readonly mbps: number;
  readonly latencyMs: number;
  /** Its own IOPS limit, where one is set. */
  readonly limitIops?: number;
}

export function diskIo(core: Core, w: number): DiskIo {
  const io = fresh(core);
  const limit = io.limits.get(w);
  const on = w < io.demand.length;
  const iops = on ? Math.round(io.served[w]) : 0;
  return {
    demandIops: on ? Math.round(io.demand[w]) : 0,
    iops,
    mbps: (iops * IO_KIB) / 1024,
    latencyMs: on ? Math.round(io.latency[w] * 10) / 10 : 0,
    ...(limit === undefined ? {} : { limitIops: limit }),
  };
}

/** A data disk's I/O in the last tick (none: attached to no running VM). */
export function volumeIo(core: Core, v: Volume): DiskIo {
  const x = fresh(core).volumes.get(v);
  const iops = x ? Math.round(x.served) : 0;
  return { demandIops: x ? Math.round(x.demand) : 0, iops, mbps: (iops * IO_KIB) / 1024, latencyMs: x ? Math.round(x.latency * 10) / 10 : 0 };
}

/** A device's I/O in the last tick. */
export interface DeviceIo {
  readonly limitIops: number;
  readonly demandIops: number;
  readonly iops: number;
  readonly mbps: number;
  readonly latencyMs: number;
  /** Busy past CONGESTED_AT of its peak: the disks share it by shares, and the busiest is the noisy neighbour. */
  readonly congested: boolean;
}

export function deviceIo(core: Core, dev: number): DeviceIo {
  const io = fresh(core);
  const limit = dev < io.devLimit.length ? io.devLimit[dev] : deviceLimit(core.datastores, dev);
  const on = dev < io.devDemand.length;
  const demand = on ? io.devDemand[dev] : 0;
  const iops = on ? Math.round(io.devServed[dev]) : 0;
  return {
    limitIops: limit,
    demandIops: Math.round(demand),
    iops,
    mbps: (iops * IO_KIB) / 1024,
    latencyMs: on ? Math.round(io.devLatency[dev] * 10) / 10 : 0,
    congested: demand >= CONGESTED_AT * limit && demand > 0,
  };
}

/** Sets or clears (0) workload w's own IOPS limit. */
export function setIopsLimit(core: Core, w: number, iops: number): void {
  const io = core.datastores.io;
  if (iops > 0) io.limits.set(w, iops);
  else io.limits.delete(w);
  io.version = -1;
}
