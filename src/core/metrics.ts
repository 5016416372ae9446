// What each tick measures: per host, CPU and memory use, CPU ready and memory
// pressure, power; their recent history, and the history of every workload.
import { MetricHistory } from './history.js';
import { HOST_HOURS, HOST_MINUTES, Rollup, TEN_MINUTES_MS, WORKLOAD_MINUTES, WORKLOAD_TEN_MINUTES } from './rollup.js';
import { ensureLength } from './typed.js';

/** Series kept per host and per workload, in the order their history stores them. */
export const HOST_SERIES = ['cpu', 'memory', 'ready', 'pressure'] as const;
export const WORKLOAD_SERIES = ['cpu', 'memory'] as const;
export type HostSeries = (typeof HOST_SERIES)[number];
export type WorkloadSeries = (typeof WORKLOAD_SERIES)[number];

export const HOST_HISTORY_LENGTH = 120;
export const WORKLOAD_HISTORY_LENGTH = 60;

export class Metrics {
  /** Demand on each host this tick: CPU in milli, memory in MiB (guest demand plus overhead). */
  hostCpuDemand = new Float64Array(0);
  hostMemDemand = new Float64Array(0);
  /** Percent of the host's physical CPU in use, and of its memory held by guests (resident, after sharing). */
  hostCpuPct = new Float32Array(0);
  hostMemPct = new Float32Array(0);
  /** MiB guests hold on the host (what it backs, with overhead, less what sharing saves), swap included. */
  hostMemHeld = new Float64Array(0);
  /** Of that, MiB the host has paged out to swap (it holds more than it has). */
  hostSwappedMiB = new Float32Array(0);
  /** Percent of demanded CPU time spent waiting for a physical core (vSphere's CPU ready). */
  hostReadyPct = new Float32Array(0);
  /** Memory demanded beyond what the host physically has, as a percent of what it has. */
  hostPressurePct = new Float32Array(0);
  hostPowerW = new Float32Array(0);
  /** On a contended host, cores per unit of (demand x shares); 0 when not contended. */
  hostCpuShare = new Float64Array(0);
  /** Sum of demand x shares of each host's workloads. */
  hostWeighted = new Float64Array(0);
  /** Memory reclamation: the state (index into the platform's ladder), MiB taken back, how much slower guests run. */
  hostMemState = new Uint8Array(0);
  hostReclaimedMiB = new Float32Array(0);
  hostSlowdown = new Float32Array(0);
  /** MiB saved by page sharing (KSM, TPS) between identical guests. */
  hostSharedMiB = new Float32Array(0);
  /** Scratch for the memory passes, this tick only (not kept, not saved): guests' idle held memory, and the share of it taken back. */
  hostIdleMiB = new Float64Array(0);
  hostTakeShare = new Float64Array(0);
  /** Scratch: how each host backs guest memory (memory.ts BACKING codes). */
  hostBacking = new Uint8Array(0);
  readonly hostHistory = new MetricHistory(HOST_SERIES.length, HOST_HISTORY_LENGTH);
  readonly workloadHistory = new MetricHistory(WORKLOAD_SERIES.length, WORKLOAD_HISTORY_LENGTH);
  /** CPU and memory use (the first two series of each) averaged per minute, and per hour (hosts) or ten minutes (workloads). */
  readonly hostRollup = new Rollup(2, HOST_MINUTES, HOST_HOURS);
  readonly workloadRollup = new Rollup(2, WORKLOAD_MINUTES, WORKLOAD_TEN_MINUTES, TEN_MINUTES_MS);
  /** How many ticks have run. */
  ticks = 0;
  /** Hosts every per-host array has room for: each tick asks, and 18 checks a tick were a tenth of a small estate's. */
  private hostRoom = 0;

  reserveHosts(n: number): void {
    if (n <= this.hostRoom) return;
    this.hostRoom = n;
    this.hostCpuDemand = ensureLength(this.hostCpuDemand, n);
    this.hostMemDemand = ensureLength(this.hostMemDemand, n);
    this.hostCpuPct = ensureLength(this.hostCpuPct, n);
    this.hostMemPct = ensureLength(this.hostMemPct, n);
    this.hostMemHeld = ensureLength(this.hostMemHeld, n);
    this.hostSwappedMiB = ensureLength(this.hostSwappedMiB, n);
    this.hostReadyPct = ensureLength(this.hostReadyPct, n);
    this.hostPressurePct = ensureLength(this.hostPressurePct, n);
    this.hostPowerW = ensureLength(this.hostPowerW, n);
    this.hostCpuShare = ensureLength(this.hostCpuShare, n);
    this.hostWeighted = ensureLength(this.hostWeighted, n);
    this.hostMemState = ensureLength(this.hostMemState, n);
    this.hostReclaimedMiB = ensureLength(this.hostReclaimedMiB, n);
    this.hostSlowdown = ensureLength(this.hostSlowdown, n);
    this.hostIdleMiB = ensureLength(this.hostIdleMiB, n);
    this.hostTakeShare = ensureLength(this.hostTakeShare, n);
    this.hostBacking = ensureLength(this.hostBacking, n);
    this.hostSharedMiB = ensureLength(this.hostSharedMiB, n);
    this.hostHistory.reserve(n);
    this.hostRollup.reserve(n);
  }

  reserveWorkloads(n: number): void {
    this.workloadHistory.reserve(n);
    this.workloadRollup.reserve(n);
  }
}
