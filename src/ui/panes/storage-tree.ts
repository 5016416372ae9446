// The estate's shared storage as a tree of lines, for the Storage pane: each
// datastore (capacity, provisioned, used, free; IOPS, how busy, latency) and the
// disks on it (a VM's, its format, what it allocates there and its I/O), then
// the virtual disks of no VM on it; then the cloud's managed disks by region,
// with what each costs a month. Made again only when the estate
// changes (the tick moves thin disks' figures, and the version with them).
import type { DatastoreView, DiskView } from '../../core/datastores.js';
import type { VolumeView } from '../../core/volumes.js';
import type { Estate } from '../../estate/estate.js';
import { type ManagedDisk, tierOf } from '../../providers/azure/disks.js';

export interface StorageLine {
  readonly tree: string;
  readonly kind: 'datastore' | 'disk' | 'volume';
  readonly type: string;
  readonly capacityMiB: number;
  readonly provisionedMiB: number;
  readonly usedMiB: number;
  /** Used as a share of capacity, in percent. */
  readonly usedPct: number;
  readonly state: string;
  readonly platform: string;
  /** The clusters whose hosts mount a datastore. */
  readonly mounts: string;
  readonly datastore: string;
  readonly workloadId?: string;
  readonly workloadName?: string;
  readonly tone?: 'running' | 'stopped' | 'failed' | 'provisioning';
  /** I/O in the last tick: IOPS served; a datastore's share of its limit, a disk's share of its datastore's IOPS, in percent; latency, ms. */
  readonly iops: number;
  readonly ioPct: number;
  readonly latencyMs: number;
  /** A congested datastore, or the noisy neighbour on one. */
  readonly ioHot: boolean;
}

/**
 * vCenter's default "Datastore usage on disk" alarm: warning above 75% used,
 * critical above 85% (alarm.DatastoreDiskUsageAlarm; the figures as VCP-5's
 * objective 7.2 lists the defaults, mwpreston.net, and as vCenter ships them).
 */
export const USAGE_WARNING_PCT = 75;
export const USAGE_CRITICAL_PCT = 85;

/** A datastore's state against that alarm: full when less than a GiB is left (the next thin writes fail). */
export function usageState(usedMiB: number, capacityMiB: number): 'full' | 'critical' | 'warning' | 'ok' {
  const pct = capacityMiB > 0 ? (usedMiB / capacityMiB) * 100 : 0;
  return capacityMiB - usedMiB < 1024 ? 'full' : pct > USAGE_CRITICAL_PCT ? 'critical' : pct > USAGE_WARNING_PCT ? 'warning' : 'ok';
}

/** Each medium in the words of the platforms that mount it. */
const TYPE: Readonly<Record<string, Readonly<Record<DatastoreView['medium'], string>>>> = {
  vmware: { san: 'VMFS', nas: 'NFS' },
  hyperv: { san: 'CSV', nas: 'SMB' },
  kvm: { san: 'logical', nas: 'netfs' },
};

/** Each disk format in its platform's words: VMDK thin, lazy-zeroed or eager-zeroed thick; VHDX dynamic or fixed; qcow2 or a preallocated raw file. */
const FORMAT: Readonly<Record<string, Readonly<Record<DiskView['format'], string>>>> = {
  vmware: { thin: 'thin', thick: 'thick', eager: 'eager' },
  hyperv: { thin: 'dynamic', thick: 'fixed', eager: 'fixed' },
  kvm: { thin: 'qcow2', thick: 'raw', eager: 'raw' },
};

const CACHE = new WeakMap<Estate, { version: number; lines: StorageLine[] }>();

const branch = (last: boolean) => (last ? '└─ ' : '├─ ');

export function storageLines(estate: Estate): StorageLine[] {
  const version = estate.sim.version;
  const hit = CACHE.get(estate);
  if (hit && hit.version === version) return hit.lines;
  const lines: StorageLine[] = [];
  const sim = estate.sim;
  for (const d of sim.datastoreViews()) {
    const platform = sim.cluster(d.clusters[0])?.platform ?? '';
    const pct = d.capacityMiB > 0 ? (d.usedMiB / d.capacityMiB) * 100 : 0;
    const usage = usageState(d.usedMiB, d.capacityMiB);
    const over = d.provisionedMiB > d.capacityMiB ? `, ${Math.round((d.provisionedMiB / d.capacityMiB) * 100)}% provisioned` : '';
    lines.push({
      tree: d.name,
      kind: 'datastore',
      type: TYPE[platform]?.[d.medium] ?? d.medium,
      capacityMiB: d.capacityMiB,
      provisionedMiB: d.provisionedMiB,
      usedMiB: d.usedMiB,
      usedPct: pct,
      state: usage + over,
      mounts: d.clusters.join(', '),
      platform,
      datastore: d.id,
      tone: usage === 'full' || usage === 'critical' ? 'failed' : usage === 'warning' ? 'provisioning' : 'running',
      iops: d.io.iops,
      ioPct: d.io.limitIops > 0 ? (d.io.demandIops / d.io.limitIops) * 100 : 0,
      latencyMs: d.io.latencyMs,
      ioHot: d.io.congested,
    });
    d.disks.forEach((k, i) => {
      lines.push(diskLine(estate, d, k, i === d.disks.length - 1 && d.volumes.length === 0, platform));
    });
    d.volumes.forEach((v, i) => {
      lines.push(volumeLine(estate, d, v, i === d.volumes.length - 1, platform));
    });
  }
  // One at a time: a spread of 100,000 cloud disks' lines would overflow the call stack.
  for (const l of managedDiskLines(estate)) lines.push(l);
  CACHE.set(estate, { version, lines });
  return lines;
}

const GIB = 1024;

/**
 * The cloud's managed disks, a region at a time: each billed as its whole tier
 * whether attached or not, so an unattached disk is money spent on nothing. The
 * I/O model does not reach the cloud: a disk's caps are in its VM's detail.
 */
function managedDiskLines(estate: Estate): StorageLine[] {
  const lines: StorageLine[] = [];
  // A disk whose VM is gone reads as unattached, as the driver will record it (detachGone) at its next command.
  const vmOf = (d: ManagedDisk) => {
    const vm = d.vm === undefined ? undefined : estate.sim.workload(d.vm);
    return vm && vm.state !== 'deleted' ? vm : undefined;
  };
  for (const [region, disks] of estate.providers.azure.disks.byRegions()) {
    // Capacity and used: the disks' sizes; provisioned: the tiers they are billed as (a 100 GiB disk is a 128 GiB P10).
    const mib = disks.reduce((n, d) => n + d.sizeGb * GIB, 0);
    const billed = disks.reduce((n, d) => n + tierOf(d.sku, d.sizeGb).gib * GIB, 0);
    const monthly = disks.reduce((n, d) => n + tierOf(d.sku, d.sizeGb).monthly, 0);
    const loose = disks.filter((d) => vmOf(d) === undefined).length;
    lines.push({
      ...CLOUD,
      tree: `${region} managed disks`,
      kind: 'datastore',
      type: 'managed',
      capacityMiB: mib,
      provisionedMiB: billed,
      usedMiB: mib,
      usedPct: (mib / billed) * 100,
      state: `$${monthly.toFixed(2)}/mo${loose > 0 ? `, ${loose} unattached` : ''}`,
      datastore: region,
      tone: loose > 0 ? 'provisioning' : 'running',
    });
    disks.forEach((d, i) => {
      const vm = vmOf(d);
      const tier = tierOf(d.sku, d.sizeGb);
      lines.push({
        ...CLOUD,
        tree: `${branch(i === disks.length - 1)}${d.name}`,
        kind: d.os && vm ? 'disk' : 'volume',
        type: tier.name,
        capacityMiB: d.sizeGb * GIB,
        provisionedMiB: tier.gib * GIB,
        usedMiB: d.sizeGb * GIB,
        usedPct: (d.sizeGb / tier.gib) * 100,
        // The price first: the column is narrow, and what it costs is the point.
        state: `$${tier.monthly.toFixed(2)}/mo, ${vm ? `${d.os ? 'OS' : 'data'} of ${vm.name}` : 'unattached'}`,
        mounts: d.group,
        datastore: region,
        ...(vm ? { workloadId: vm.id, workloadName: vm.name } : {}),
        tone: vm ? (vm.state === 'running' ? 'running' : 'stopped') : 'provisioning',
      });
    });
  }
  return lines;
}

/** What every cloud line shares: the I/O model does not reach the cloud. */
const CLOUD = { platform: 'azure', mounts: '', iops: 0, ioPct: 0, latencyMs: 0, ioHot: false } as const;

/** A virtual disk of no VM, or a VM's data disk: its file's name, format and size, and a data disk's share of its VM's I/O. */
function volumeLine(estate: Estate, d: DatastoreView, v: VolumeView, last: boolean, platform: string): StorageLine {
  const vm = v.attachedTo === undefined ? undefined : estate.sim.workload(v.attachedTo);
  return {
    tree: `${branch(last)}${v.name}`,
    kind: 'volume',
    type: FORMAT[platform]?.[v.format] ?? v.format,
    capacityMiB: v.capacityMiB,
    provisionedMiB: v.capacityMiB,
    usedMiB: v.usedMiB,
    usedPct: v.capacityMiB > 0 ? (v.usedMiB / v.capacityMiB) * 100 : 0,
    state: v.stunned ? 'paused: no space' : vm ? `${v.noisy ? 'noisy neighbour: ' : ''}data disk of ${vm.name}` : 'no VM',
    platform,
    mounts: '',
    datastore: d.id,
    ...(vm ? { workloadId: vm.id, workloadName: vm.name } : {}),
    tone: v.stunned ? 'failed' : v.noisy ? 'provisioning' : vm?.state === 'running' ? 'running' : 'stopped',
    iops: v.io?.iops ?? 0,
    ioPct: v.io && d.io.iops > 0 ? (v.io.iops / d.io.iops) * 100 : 0,
    latencyMs: v.io?.latencyMs ?? 0,
    ioHot: v.noisy === true,
  };
}

function diskLine(estate: Estate, d: DatastoreView, k: DiskView, last: boolean, platform: string): StorageLine {
  const w = estate.sim.workload(k.workload);
  const name = w?.name ?? k.workload;
  const state = k.stunned ? 'paused: no space' : k.movingTo ? `moving to ${k.movingTo}` : k.noisy ? 'noisy neighbour' : (w?.state ?? '');
  return {
    tree: `${branch(last)}${name}`,
    kind: 'disk',
    type: FORMAT[platform]?.[k.format] ?? k.format,
    capacityMiB: k.capacityMiB,
    provisionedMiB: k.provisionedMiB,
    usedMiB: k.usedMiB,
    usedPct: k.provisionedMiB > 0 ? (k.usedMiB / k.provisionedMiB) * 100 : 0,
    state,
    platform,
    mounts: '',
    datastore: d.id,
    workloadId: k.workload,
    workloadName: name,
    tone: k.stunned ? 'failed' : k.movingTo || k.noisy ? 'provisioning' : w?.state === 'running' ? 'running' : 'stopped',
    iops: k.io.iops,
    ioPct: d.io.iops > 0 ? (k.io.iops / d.io.iops) * 100 : 0,
    latencyMs: k.io.latencyMs,
    ioHot: k.noisy,
  };
}
