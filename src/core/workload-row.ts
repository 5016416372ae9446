// One workload read through named getters, for code outside the core (drivers,
// the UI, tapes). A row is a cursor: `at(w)` moves it, so a list of 100,000
// workloads is read through one object and nothing is allocated per row. It
// holds no copy: each getter reads the core's tables as they are now, and none
// of them writes (changes go through the Simulation's commands).
import { costOf, hourlyRate } from './billing.js';
import { linkedClonesOf } from './commands/clone.js';
import type { MigrationInfo } from './commands/migrate.js';
import { isTemplate } from './commands/template.js';
import { type DynamicMemory, guestMemoryMiB } from './dynamic-memory.js';
import { WORKLOAD_SERIES, type WorkloadSeries } from './metrics.js';
import { type Platform, WORKLOAD_KINDS, type WorkloadKind, type WorkloadState } from './model.js';
import type { Resolution } from './rollup.js';
import type { Snapshot } from './snapshots.js';
import type { Core } from './state.js';
import type { Amounts } from './units.js';
import { type WorkloadView, workloadView } from './views.js';
import type { Attrs, WorkloadTable } from './workloads.js';

/** A workload's snapshots as a reader sees them: the tree in the order taken, the one it runs from, the running delta's size. */
export interface SnapshotsView {
  readonly list: readonly Readonly<Snapshot>[];
  readonly current: string | undefined;
  /** MiB written since the current snapshot (a revert discards it). */
  readonly runningMiB: number;
}

const NO_SNAPSHOTS: SnapshotsView = Object.freeze({ list: Object.freeze([]), current: undefined, runningMiB: 0 });

export class WorkloadRow {
  readonly #core: Core;
  readonly #wl: WorkloadTable;
  /** The workload's slot in the core's table: stable for its life, so drivers number things by it (libvirt's domain id, vSphere's moref). */
  index: number;

  constructor(core: Core, index = -1) {
    this.#core = core;
    this.#wl = core.workloads;
    this.index = index;
  }

  /** Moves the cursor to workload `index` (0 to the Simulation's workloadCount - 1). */
  at(index: number): this {
    this.index = index;
    return this;
  }

  /** A plain object of the workload as it is now, to keep or spread (the row itself moves and reads live). */
  view(): WorkloadView {
    return workloadView(this.#core, this.index);
  }

  get id(): string {
    return this.#wl.records[this.index].id;
  }

  get name(): string {
    return this.#wl.records[this.index].name;
  }

  get platform(): Platform {
    return this.#wl.records[this.index].platform;
  }

  get kind(): WorkloadKind {
    // From the typed array, not the record: loops over every workload ask this of each.
    return WORKLOAD_KINDS[this.#wl.kind[this.index]];
  }

  get image(): string {
    return this.#wl.records[this.index].image;
  }

  /** The driver's own settings (resource group, restart policy ...); the Simulation's setAttrs replaces them. */
  get attrs(): Attrs {
    return this.#wl.records[this.index].attrs;
  }

  get state(): WorkloadState {
    return this.#wl.stateOf(this.index);
  }

  /** The state as a small number (its place in WORKLOAD_STATES): for caches that are kept until the state moves. */
  get stateCode(): number {
    return this.#wl.state[this.index];
  }

  /** Where a transition is heading ("running" while booting). */
  get target(): WorkloadState | undefined {
    return this.#wl.targetOf(this.index);
  }

  /** Part-way through a plan (provisioning, booting, stopping ...). */
  get inTransition(): boolean {
    return this.#wl.inTransition.has(this.index);
  }

  /** The host's slot in the host table (as HostRow.index), or -1 when it is on none. */
  get hostIndex(): number {
    return this.#wl.host[this.index];
  }

  /** The host's id, or undefined when it is on none. */
  get host(): string | undefined {
    const h = this.#wl.host[this.index];
    return h >= 0 ? this.#core.hosts.records[h].id : undefined;
  }

  /** The container host this VM runs, if it runs one. */
  get backs(): string | undefined {
    const h = this.#wl.backs[this.index];
    return h >= 0 ? this.#core.hosts.records[h].id : undefined;
  }

  get cpuMilli(): number {
    return this.#wl.cpuMilli[this.index];
  }

  get memoryMiB(): number {
    return this.#wl.memoryMiB[this.index];
  }

  get diskMiB(): number {
    return this.#wl.diskMiB[this.index];
  }

  /** What it claims on its host when powered on: [CPU milli, memory MiB, disk MiB] (Hyper-V's startup memory is the memory claimed). */
  get claim(): Amounts {
    return this.#wl.records[this.index].claim;
  }

  /** Share of CPU and memory the virtualisation layer adds on top of the guest. */
  get overhead(): number {
    return this.#wl.overhead[this.index];
  }

  /** This tick's use as a percent of its own size. */
  get cpuPct(): number {
    return this.#wl.cpuPct[this.index];
  }

  get memoryPct(): number {
    return this.#wl.memPct[this.index];
  }

  /** Sim ms when it last started running, or -1 if it is not running. */
  get runningSince(): number {
    return this.#wl.runningSince[this.index];
  }

  /** Sim ms when it last stopped running (kept while it runs again), or -1 if it is not known to have. */
  get downSince(): number {
    return this.#wl.downSince[this.index];
  }

  /** Sim ms since it last started running, or undefined if it is not running. */
  get uptimeMs(): number | undefined {
    const since = this.#wl.runningSince[this.index];
    return since >= 0 ? this.#core.clock.now - since : undefined;
  }

  /** Sim ms when it entered its state. */
  get sinceMs(): number {
    return this.#wl.since[this.index];
  }

  /** Counts its transitions (each state entered, each plan called off): unchanged, nothing has happened to it. */
  get token(): number {
    return this.#wl.token[this.index];
  }

  /** Its last exit code, or -1 while it has none. */
  get exitCode(): number {
    return this.#wl.exitCode[this.index];
  }

  get restartCount(): number {
    return this.#wl.restartCount[this.index];
  }

  /** A restart is scheduled (docker ps says "Restarting"). */
  get restarting(): boolean {
    return this.#wl.restarting[this.index] !== 0;
  }

  /** CPU shares: under contention a host's cores go in proportion to demand x shares. */
  get shares(): number {
    return this.#wl.shares[this.index];
  }

  /** Hard memory limit in MiB (Docker --memory), 0 for none. */
  get memLimitMiB(): number {
    return this.#wl.memLimit[this.index];
  }

  /** CPU credits banked, for a burstable workload (Azure B-series); undefined for any other. */
  get credits(): number | undefined {
    return this.#wl.creditBase[this.index] > 0 ? this.#wl.credits[this.index] : undefined;
  }

  /** What it has cost so far, up to now. */
  get cost(): number {
    return costOf(this.#core, this.index);
  }

  /** Whether it is billed at an hourly rate at all (a cloud VM), in any state. */
  get priced(): boolean {
    return this.#wl.billRate[this.index] > 0;
  }

  /** What it costs per hour in its state now. */
  get hourlyRate(): number {
    return hourlyRate(this.#core, this.index);
  }

  /** Hyper-V Dynamic Memory settings, when it has them on. */
  get dynamicMemory(): DynamicMemory | undefined {
    return this.#wl.dynamic.get(this.index);
  }

  /** The memory its guest has now: its size, or with Dynamic Memory what it is assigned. */
  get guestMemoryMiB(): number {
    return guestMemoryMiB(this.#wl, this.index);
  }

  get snapshots(): SnapshotsView {
    return this.#core.snapshots.peek(this.index) ?? NO_SNAPSHOTS;
  }

  /** Disk all its snapshots take: memory images, frozen deltas and the running delta. */
  get snapshotsMiB(): number {
    return this.#core.snapshots.totalMiB(this.index);
  }

  /** Its migration in flight, if there is one. */
  get migration(): Readonly<MigrationInfo> | undefined {
    return this.#core.migrations.get(this.index);
  }

  /** A VM marked as a template (it cannot power on; VMs are cloned from it). */
  get template(): boolean {
    return isTemplate(this.#core, this.index);
  }

  /** The names of the live linked clones that share its disk (all of them, or those of one snapshot). */
  linkedClones(snapshot?: string): string[] {
    return linkedClonesOf(this.#core, this.index, snapshot);
  }

  /** The kept samples of one series (percents, oldest first): each tick's (for sparklines), or minute averages and coarser ones (hours for a host, ten minutes for a workload). */
  history(series: WorkloadSeries, resolution: Resolution = 'tick'): number[] {
    if (resolution === 'tick') return this.#core.metrics.workloadHistory.read(this.index, WORKLOAD_SERIES.indexOf(series));
    const s = WORKLOAD_SERIES.indexOf(series);
    if (s > 1) return []; // the rollups keep CPU and memory only
    const rollup = this.#core.metrics.workloadRollup;
    return (resolution === 'minute' ? rollup.minutes : rollup.hours).ring.read(this.index, s);
  }

  /** The last minute's average of CPU or memory (a percent), or undefined before a minute has closed: what alarms read. */
  lastMinute(series: 'cpu' | 'memory'): number | undefined {
    return this.#core.metrics.workloadRollup.minutes.ring.last(this.index, series === 'cpu' ? 0 : 1);
  }

  /** How many samples the history keeps now (the same for every workload). */
  get historySamples(): number {
    return this.#core.metrics.workloadHistory.sampleCount;
  }
}
