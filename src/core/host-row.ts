// One host read through named getters, for code outside the core: its hardware,
// state, what the ledger has allocated on it and what the last tick measured. A
// cursor like WorkloadRow: `at(h)` moves it, and every getter reads the core as
// it is now (a metric is 0 until the first tick has measured the host).
import { HOST_SERIES, type HostSeries } from './metrics.js';
import type { HostState, Platform } from './model.js';
import type { HostPower } from './power.js';
import type { Resolution } from './rollup.js';
import type { Core } from './state.js';
import type { Amounts } from './units.js';
import { type HostView, hostView } from './views.js';

export class HostRow {
  readonly #core: Core;
  /** The host's slot in the core's table: stable for its life (a removed host keeps its slot). */
  index: number;

  constructor(core: Core, index = -1) {
    this.#core = core;
    this.index = index;
  }

  /** Moves the cursor to host `index` (0 to the Simulation's hostCount - 1). */
  at(index: number): this {
    this.index = index;
    return this;
  }

  /** A plain object of the host as it is now, to keep or spread. */
  view(): HostView {
    return hostView(this.#core, this.index);
  }

  get id(): string {
    return this.#core.hosts.records[this.index].id;
  }

  get name(): string {
    return this.#core.hosts.records[this.index].name;
  }

  get platform(): Platform {
    return this.#core.hosts.records[this.index].platform;
  }

  /** Its site's id. */
  get site(): string {
    return this.#core.topology.sites[this.#core.hosts.records[this.index].siteIndex].id;
  }

  /** Its cluster's id. */
  get cluster(): string {
    return this.#core.topology.clusters[this.#core.hosts.records[this.index].clusterIndex].id;
  }

  /** The VLAN its management interface is on: its cluster's (0 untagged). */
  get managementVlan(): number {
    return this.#core.topology.clusters[this.#core.hosts.records[this.index].clusterIndex].managementVlan;
  }

  /** Whether its cluster restarts failed hosts' VMs elsewhere (HA). */
  get haRestart(): boolean {
    return this.#core.topology.clusters[this.#core.hosts.records[this.index].clusterIndex].haRestart;
  }

  get state(): HostState {
    return this.#core.hosts.state(this.index);
  }

  /** Gone from the estate (a container host whose VM was deleted): its slot is kept so others do not move. */
  get removed(): boolean {
    return this.#core.hosts.isRemoved(this.index);
  }

  get cores(): number {
    return this.#core.hosts.records[this.index].cores;
  }

  get memoryMiB(): number {
    return this.#core.hosts.records[this.index].memoryMiB;
  }

  get storageMiB(): number {
    return this.#core.hosts.records[this.index].storageMiB;
  }

  get nicMbps(): number {
    return this.#core.hosts.records[this.index].nicMbps;
  }

  /** Held back for the hypervisor: [CPU milli, memory MiB, disk MiB]. */
  get reserved(): Amounts {
    return this.#core.hosts.records[this.index].reserved;
  }

  /** Overcommit ratios per resource (Infinity: no admission limit). */
  get ratios(): Amounts {
    return this.#core.hosts.records[this.index].ratios;
  }

  /** Physical memory left for guests after its reservation, MiB. */
  get physMemMiB(): number {
    return this.#core.hosts.physMem[this.index];
  }

  /** What admission lets workloads claim of resource r (CPU, MEM, DISK): (total - reserved) x ratio, Infinity for no limit. */
  capacity(r: number): number {
    return this.#core.ledger.capacity(this.index, r);
  }

  /** What live claims hold of resource r. */
  used(r: number): number {
    return this.#core.ledger.used(this.index, r);
  }

  /** What use of resource r is measured against: its capacity where admission limits it, else what it has after reservations. */
  scale(r: number): number {
    return this.#core.ledger.scale(this.index, r);
  }

  /** Live workloads (holding any claim) on it. */
  get workloads(): number {
    return this.#core.hostWorkloads[this.index] ?? 0;
  }

  /** Percent of its physical CPU in use. */
  get cpuPct(): number {
    return this.#core.metrics.hostCpuPct[this.index] ?? 0;
  }

  /** Percent of its memory held by guests. */
  get memoryPct(): number {
    return this.#core.metrics.hostMemPct[this.index] ?? 0;
  }

  /** Percent of demanded CPU time spent waiting for a core (vSphere's CPU ready). */
  get readyPct(): number {
    return this.#core.metrics.hostReadyPct[this.index] ?? 0;
  }

  /** Memory demanded beyond what it has, as a percent of what it has. */
  get pressurePct(): number {
    return this.#core.metrics.hostPressurePct[this.index] ?? 0;
  }

  /** How its power follows its CPU use: linear, or a measured model's readings. */
  get power(): HostPower {
    return this.#core.hosts.records[this.index].power;
  }

  get powerW(): number {
    return this.#core.metrics.hostPowerW[this.index] ?? 0;
  }

  /** MiB guests hold on it (swap included). */
  get memHeldMiB(): number {
    return this.#core.metrics.hostMemHeld[this.index] ?? 0;
  }

  /** Of what guests hold, MiB paged out to swap. */
  get swappedMiB(): number {
    return this.#core.metrics.hostSwappedMiB[this.index] ?? 0;
  }

  /** MiB taken back from guests (balloon, compression, swap). */
  get reclaimedMiB(): number {
    return this.#core.metrics.hostReclaimedMiB[this.index] ?? 0;
  }

  /** MiB page sharing saves between identical guests. */
  get sharedMiB(): number {
    return this.#core.metrics.hostSharedMiB[this.index] ?? 0;
  }

  /** Its memory reclamation state: the rung of its platform's ladder (PlatformPolicy.reclamation.states). */
  get memState(): number {
    return this.#core.metrics.hostMemState[this.index] ?? 0;
  }

  /** For a container host inside a VM of the estate: that VM's id. */
  get backingWorkload(): string | undefined {
    const w = this.#core.hosts.records[this.index].backingWorkload;
    return w >= 0 ? this.#core.workloads.records[w].id : undefined;
  }

  /** The kept samples of one series (percents, oldest first): each tick's (for sparklines), or minute averages and coarser ones (hours for a host, ten minutes for a workload). */
  history(series: HostSeries, resolution: Resolution = 'tick'): number[] {
    if (resolution === 'tick') return this.#core.metrics.hostHistory.read(this.index, HOST_SERIES.indexOf(series));
    const s = HOST_SERIES.indexOf(series);
    if (s > 1) return []; // the rollups keep CPU and memory only
    const rollup = this.#core.metrics.hostRollup;
    return (resolution === 'minute' ? rollup.minutes : rollup.hours).ring.read(this.index, s);
  }

  /** The last minute's average of CPU or memory (a percent), or undefined before a minute has closed: what alarms read. */
  lastMinute(series: 'cpu' | 'memory'): number | undefined {
    return this.#core.metrics.hostRollup.minutes.ring.last(this.index, series === 'cpu' ? 0 : 1);
  }

  /** How many samples the history keeps now (the same for every host). */
  get historySamples(): number {
    return this.#core.metrics.hostHistory.sampleCount;
  }
}
