// Capacity of each cluster, as a capacity planner reads it (VMware Aria
// Operations' capacity model): what the cluster has, what it may use once the HA
// reserve is held back (usable capacity), what its workloads demand now and how
// that demand has been trending, the time left until demand reaches usable
// capacity under two forecasts, and how many more VMs of a size still fit.
//  - Usable capacity: vSphere HA admission control's reserve is not for
//    workloads: a percentage policy keeps that share of the cluster, a slot policy
//    keeps the largest N hosts' worth (core/ha.ts).
//  - The forecasts (Aria Operations "risk level"): aggressive projects the fitted
//    trend line; conservative projects its upper edge, the line plus two standard
//    deviations of the points about it, so it runs out sooner.
//  - Fit: the allocation core places VMs one by one and counts (core/what-if.ts).
import type { Cluster, FitAnswer, SimulationApi } from '../core/index.js';
import { HOUR_MS, MINUTE_MS } from '../core/index.js';
import { linearTrend } from './stats.js';

/** How far apart the points of a forecast's history are, and which of the kept histories they come from. */
type Resolution = 'minute' | 'coarse';

export interface ClusterCapacity {
  readonly cluster: string;
  readonly site: string;
  readonly platform: string;
  readonly hosts: number;
  /** Connected hosts' cores and memory (MiB), after each host's own reservation. */
  readonly cores: number;
  readonly memoryMiB: number;
  /** The HA reserve, percent of the cluster's CPU and memory, and the rest: usable capacity in percent. */
  readonly haReservePct: { readonly cpu: number; readonly memory: number };
  readonly usablePct: { readonly cpu: number; readonly memory: number };
  /** Demand now, percent of the cluster's CPU and memory. */
  readonly demandPct: { readonly cpu: number; readonly memory: number };
  /** Demand history (percent of the cluster), oldest first, at `resolution`. */
  readonly history: { readonly cpu: readonly number[]; readonly memory: readonly number[]; readonly stepMs: number };
  readonly forecast: { readonly cpu: Forecast; readonly memory: Forecast };
  /** Allocated vCPUs per physical core, and allocated memory as a share of the cluster's. */
  readonly vcpuPerCore: number;
  readonly allocatedMemoryPct: number;
}

export interface Forecast {
  /** Percent per day the fitted line rises (negative: falls); undefined with too little history. */
  readonly perDay: number | undefined;
  /** Sim ms until demand reaches usable capacity: 0 already there, Infinity not on this trend. */
  readonly aggressiveMs: number;
  readonly conservativeMs: number;
}

/** Points needed before a trend is fitted: five hours, or an hour of minutes (fewer minutes follow every swing of demand). */
export const MIN_TREND_POINTS = 5;
export const MIN_MINUTE_POINTS = 60;
/** The conservative forecast's margin above the fitted line, in standard deviations of the points about it. */
export const CONSERVATIVE_SIGMAS = 2;

export function clusterCapacity(sim: SimulationApi, cluster: Cluster): ClusterCapacity {
  const members = cluster.hosts.map((h) => sim.hostRow(h)!).filter((h) => h.state === 'connected' && h.backingWorkload === undefined);
  let cores = 0;
  let mem = 0;
  let cpuDemand = 0;
  let memDemand = 0;
  let allocCpu = 0;
  let allocMem = 0;
  for (const h of members) {
    const hc = h.cores - h.reserved[0] / 1000;
    const hm = h.memoryMiB - h.reserved[1];
    cores += hc;
    mem += hm;
    cpuDemand += (h.cpuPct / 100) * hc;
    memDemand += (h.memoryPct / 100) * hm;
    allocCpu += h.used(0);
    allocMem += h.used(1);
  }
  const reserve = haReserve(
    cluster,
    members.map((h) => [h.cores - h.reserved[0] / 1000, h.memoryMiB - h.reserved[1]] as const),
    cores,
    mem,
  );
  const usable = { cpu: 100 - reserve.cpu, memory: 100 - reserve.memory };
  const resolution: Resolution = (members[0]?.history('cpu', 'coarse').length ?? 0) >= MIN_TREND_POINTS ? 'coarse' : 'minute';
  const stepMs = resolution === 'coarse' ? HOUR_MS : MINUTE_MS;
  const history = {
    cpu: weighted(members.map((h) => [h.history('cpu', resolution), h.cores - h.reserved[0] / 1000] as const)),
    memory: weighted(members.map((h) => [h.history('memory', resolution), h.memoryMiB - h.reserved[1]] as const)),
    stepMs,
  };
  const demandPct = { cpu: cores > 0 ? (100 * cpuDemand) / cores : 0, memory: mem > 0 ? (100 * memDemand) / mem : 0 };
  return {
    cluster: cluster.id,
    site: sim.sites()[cluster.siteIndex].id,
    platform: cluster.platform,
    hosts: members.length,
    cores,
    memoryMiB: mem,
    haReservePct: reserve,
    usablePct: usable,
    demandPct,
    history,
    forecast: {
      cpu: forecast(history.cpu, demandPct.cpu, usable.cpu, stepMs),
      memory: forecast(history.memory, demandPct.memory, usable.memory, stepMs),
    },
    vcpuPerCore: cores > 0 ? allocCpu / 1000 / cores : 0,
    allocatedMemoryPct: mem > 0 ? (100 * allocMem) / mem : 0,
  };
}

/** Every cluster of hosts someone manages (not a cloud region's pool), busiest first by its larger demand against usable capacity. */
export function capacityReport(sim: SimulationApi): ClusterCapacity[] {
  const rows = sim
    .clusters()
    .filter((c) => c.platform !== 'azure' && c.hosts.length > 0)
    .map((c) => clusterCapacity(sim, c))
    .filter((c) => c.hosts > 0);
  return rows.sort((a, b) => headroomUse(b) - headroomUse(a) || a.cluster.localeCompare(b.cluster));
}

export interface SiteCapacity {
  readonly site: string;
  readonly clusters: number;
  /** Cores and memory (MiB) usable (after each cluster's HA reserve), and demanded now. */
  readonly usableCores: number;
  readonly demandCores: number;
  readonly usableMemoryMiB: number;
  readonly demandMemoryMiB: number;
}

/** The clusters' capacity summed per site: what a site can still take is the sum of what its clusters can. */
export function siteCapacity(clusters: readonly ClusterCapacity[]): SiteCapacity[] {
  const by = new Map<string, { clusters: number; uc: number; dc: number; um: number; dm: number }>();
  for (const c of clusters) {
    const s = by.get(c.site) ?? { clusters: 0, uc: 0, dc: 0, um: 0, dm: 0 };
    s.clusters++;
    s.uc += (c.cores * c.usablePct.cpu) / 100;
    s.dc += (c.cores * c.demandPct.cpu) / 100;
    s.um += (c.memoryMiB * c.usablePct.memory) / 100;
    s.dm += (c.memoryMiB * c.demandPct.memory) / 100;
    by.set(c.site, s);
  }
  return [...by]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([site, s]) => ({ site, clusters: s.clusters, usableCores: s.uc, demandCores: s.dc, usableMemoryMiB: s.um, demandMemoryMiB: s.dm }));
}

/** Demand as a share of usable capacity, the larger of CPU and memory: 1 is full. */
export function headroomUse(c: ClusterCapacity): number {
  const cpu = c.usablePct.cpu > 0 ? c.demandPct.cpu / c.usablePct.cpu : Infinity;
  const memory = c.usablePct.memory > 0 ? c.demandPct.memory / c.usablePct.memory : Infinity;
  return Math.max(cpu, memory);
}

/** How many more VMs of `size` fit in the cluster, by the allocation core (core/what-if.ts). */
export function fitMore(sim: SimulationApi, cluster: string, size: { cpuMilli: number; memoryMiB: number }): FitAnswer | string {
  const r = sim.fitMore({ cluster, cpuMilli: size.cpuMilli, memoryMiB: size.memoryMiB });
  return r.ok ? r.value : r.error.message;
}

function haReserve(cluster: Cluster, hosts: readonly (readonly [number, number])[], cores: number, mem: number): { cpu: number; memory: number } {
  const ha = cluster.ha;
  if (!ha) return { cpu: 0, memory: 0 };
  if (ha.kind === 'percentage') return { cpu: ha.cpuPct, memory: ha.memoryPct };
  // Slots: room for the largest N hosts to fail, as a share of the cluster.
  const largestCpu = hosts.map((h) => h[0]).sort((a, b) => b - a);
  const largestMem = hosts.map((h) => h[1]).sort((a, b) => b - a);
  const n = Math.min(ha.hostFailures, hosts.length);
  const sum = (xs: number[]) => xs.slice(0, n).reduce((a, b) => a + b, 0);
  return { cpu: cores > 0 ? (100 * sum(largestCpu)) / cores : 0, memory: mem > 0 ? (100 * sum(largestMem)) / mem : 0 };
}

/** The members' series as one: each point the weighted mean of the hosts' points (hosts share one clock, so their samples line up). */
function weighted(series: readonly (readonly [readonly number[], number])[]): number[] {
  const n = Math.min(...series.map(([s]) => s.length), Infinity);
  if (!Number.isFinite(n) || n === 0) return [];
  const total = series.reduce((a, [, w]) => a + w, 0);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (const [s, w] of series) sum += s[s.length - n + i] * w;
    out.push(total > 0 ? sum / total : 0);
  }
  return out;
}

/** When demand reaches `limit` percent, on the trend of `history` (points `stepMs` apart). */
export function forecast(history: readonly number[], now: number, limit: number, stepMs: number): Forecast {
  const enough = stepMs >= HOUR_MS ? MIN_TREND_POINTS : MIN_MINUTE_POINTS;
  const trend = history.length >= enough ? linearTrend(history) : undefined;
  const perDay = trend ? (trend.slope * 86_400_000) / stepMs : undefined;
  const until = (start: number): number => {
    if (now >= limit || start >= limit) return 0;
    if (!trend || trend.slope <= 0) return Infinity;
    return ((limit - start) / trend.slope) * stepMs;
  };
  const level = trend?.last ?? now;
  return { perDay, aggressiveMs: until(level), conservativeMs: until(level + CONSERVATIVE_SIGMAS * (trend?.spread ?? 0)) };
}
