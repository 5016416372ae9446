// The simulation: one estate's topology, hosts, workloads, ledger, clock and log.
// Everything a driver, the UI or a tape does to an estate goes through here; the
// commands themselves live in commands/, one file per concern, and every change
// lands in the one event log.

import { type BackupJob, BackupStore, type BackupTarget, type RestorePoint } from './backups.js';
import { applyBalance, type Balance, type BalanceMove, recommend } from './balance.js';
import { MAX_TIME_MS, VirtualClock } from './clock.js';
import { type ActOptions, act } from './commands/act.js';
import { addBackupTarget, backup, backupDue, type RestoreOptions, restore } from './commands/backup.js';
import { type Cloned, type CloneOptions, cloneWorkload } from './commands/clone.js';
import { type Created, createMany, createWorkload, type WorkloadInput } from './commands/create.js';
import { limitIops } from './commands/io-limit.js';
import { setLoad } from './commands/load.js';
import { type Evacuation, enterMaintenance, evacuate, evacuateAll, exitMaintenance } from './commands/maintenance.js';
import { configureMemory, type MemoryConfig } from './commands/memory.js';
import { abortMigration, type MigrateOptions, type MigrationInfo, migrate, migrationDue } from './commands/migrate.js';
import { type PriceTerms, reprice } from './commands/pricing.js';
import { type Relocation, relocateDue, relocateStorage } from './commands/relocate.js';
import { type FailoverReport, failover, failoverSite, failSite, replicaSyncDue, replicate } from './commands/replication.js';
import { type ResizeInput, resize } from './commands/resize.js';
import { deleteSnapshot, revertSnapshot, takeSnapshot } from './commands/snapshots.js';
import { addDatastore } from './commands/storage.js';
import { setTemplate } from './commands/template.js';
import { addCluster, addHost, addSite, setHaPolicy, setHostState } from './commands/topology.js';
import { attachVolume, createVolume, deleteVolume, detachVolume, resizeVolume, type VolumeInput } from './commands/volumes.js';
import { applyConsolidation, type Consolidation, type ConsolidationMove, drainConsolidation, planConsolidation } from './consolidate.js';
import { type Datastore, type DatastoreInput, Datastores, type DatastoreView, type DiskView, datastoreViews, diskView } from './datastores.js';
import { type DynamicMemorySettings, dynamicMemoryProblem } from './dynamic-memory.js';
import { EventLog } from './event-log.js';
import { type CoreEventOf, type CoreEventType, type DriverEvent, isCoreEventType } from './events.js';
import { Groups } from './groups.js';
import { HaAdmission } from './ha.js';
import { haDue, haHostFailed, setHaPriority } from './ha-restart.js';
import { HostRow } from './host-row.js';
import { type Host, type HostInput, HostTable } from './hosts.js';
import { Ledger } from './ledger.js';
import type { Action } from './lifecycle.js';
import { Metrics } from './metrics.js';
import type { HaPolicy, HostState, Platform } from './model.js';
import { type Operation, operations } from './operations.js';
import { PageSharing } from './page-sharing.js';
import { type PlacementOutcome, type PlacementRequest, Placer, type Refusal } from './placement/placer.js';
import type { HostRejection } from './placement/reasons.js';
import { defaultPolicies, type PlatformPolicies, type PlatformPolicy } from './platform-policy.js';
import { Prng } from './prng.js';
import { type Quota, Quotas } from './quotas.js';
import { hostBack, restartDue } from './restart.js';
import { fail, ok, type Result } from './result.js';
import { retireNestedHost } from './retire-host.js';
import { type Snapshot, SnapshotStore } from './snapshots.js';
import type { Core, HostsFor, Reactions, SimEvent, StartGuard } from './state.js';
import { type DeviceIo, type DiskIo, deviceIo, diskIo } from './storage-io.js';
import { runTick } from './tick.js';
import { type Cluster, type ClusterInput, type Site, type SiteInput, Topology } from './topology.js';
import { type ScheduledStep, stepDue } from './transitions.js';
import { type HostView, hostView, type WorkloadView, workloadView } from './views.js';
import { allVolumes, dataDisksOf, type VolumeStore, type VolumeView, volumesIn, volumeView } from './volumes.js';
import { type FitAnswer, type FitRequest, fitMore } from './what-if.js';
import { WorkloadRow } from './workload-row.js';
import { type Attrs, CLAIM_FULL, WorkloadTable } from './workloads.js';

export type { Created, WorkloadInput } from './commands/create.js';

export interface SimulationOptions {
  readonly name?: string;
  readonly seed?: number;
  readonly startMs?: number;
  /** Sim ms between ticks (utilisation and metrics). */
  readonly tickMs?: number;
  readonly logCapacity?: number;
  /** Loading a saved estate: its clock queue (first tick included) comes from the file. */
  readonly restoring?: boolean;
}

/** Scheduled events the core handles itself. */

export class Simulation implements Core {
  readonly name: string;
  readonly seed: number;
  readonly tickMs: number;
  readonly clock: VirtualClock<SimEvent>;
  readonly log: EventLog;
  readonly rng: Prng;
  readonly topology = new Topology();
  readonly hosts = new HostTable();
  readonly workloads = new WorkloadTable();
  readonly ledger = new Ledger();
  readonly groups = new Groups();
  readonly metrics = new Metrics();
  readonly policies: PlatformPolicies = defaultPolicies();
  readonly startGuards = new Map<Platform, StartGuard>();
  readonly hostsFor = new Map<Platform, HostsFor>();
  readonly sharing = new PageSharing();
  readonly snapshots = new SnapshotStore();
  readonly backups = new BackupStore();
  readonly datastores = new Datastores();
  readonly migrations = new Map<number, MigrationInfo>();
  readonly quotas = new Quotas();
  readonly ha: HaAdmission;
  readonly placer: Placer;
  hostWorkloads = new Int32Array(64);
  /** The core's own events, each type handled here (the compiler checks none is missing). */
  private readonly coreHandlers: { readonly [T in CoreEventType]: (event: CoreEventOf<T>) => void } = {
    tick: () => {
      runTick(this);
      this.clock.schedule(this.tickMs, { type: 'tick' });
    },
    step: (e) => stepDue(this, e.workload, e.token),
    migration: (e) => migrationDue(this, e.workload, e.token),
    relocate: (e) => relocateDue(this, e.workload, e.token),
    restart: (e) => restartDue(this, e.workload, e.token),
    ha: (e) => haDue(this, e.host, e.attempt),
    backup: (e) => backupDue(this, e.vm, e.token),
    'replica-sync': (e) => replicaSyncDue(this, e.replica, e.gen),
  };
  /** Drivers' events, by type. */
  private readonly driverHandlers = new Map<string, (event: DriverEvent) => void>();
  private readonly listeners = new Set<() => void>();
  private changes = 0;
  private advances = 0;

  constructor(options: SimulationOptions = {}) {
    this.name = options.name ?? 'estate';
    this.seed = (options.seed ?? 1) >>> 0;
    this.tickMs = options.tickMs ?? 1000;
    this.clock = new VirtualClock(options.startMs ?? 0);
    this.log = new EventLog(() => this.clock.now, options.logCapacity);
    this.rng = new Prng(this.seed);
    this.ha = new HaAdmission(this.topology, this.hosts, this.ledger);
    this.placer = new Placer({
      hosts: this.hosts,
      topology: this.topology,
      ledger: this.ledger,
      rng: this.rng,
      groupHosts: (g) => this.groups.hostsOf(g),
      haRefusal: (c, a) => this.ha.refusal(c, a),
      now: () => this.clock.now,
    });
    this.ledger.onChange = (h) => this.placer.hostChanged(h);
    if (!options.restoring) this.clock.schedule(this.tickMs, { type: 'tick' });
  }

  get now(): number {
    return this.clock.now;
  }

  /** Bumped on every change; the UI re-reads when it moves. */
  get version(): number {
    return this.changes;
  }

  /** How many of those changes were the clock moving on (what else moved is version - advanced). */
  get advanced(): number {
    return this.advances;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  readonly reactions: Reactions = {
    hostBack: (host) => hostBack(this, host),
    hostFailed: (host) => haHostFailed(this, host),
    abortMigration: (w, why) => abortMigration(this, w, why),
    nestedHostGone: (host, vm) => retireNestedHost(this, host, vm),
  };

  migrationSlotFreed(host: number): void {
    evacuate(this, host);
    evacuateAll(this);
    drainConsolidation(this, this.consolidationQueue);
  }

  /** A consolidation's moves waiting for a migration slot (not kept in a dump: a reload leaves them unmade). */
  readonly consolidationQueue: ConsolidationMove[] = [];

  /** A plan to pack a cluster's running VMs onto the fewest hosts within a target utilisation (consolidate.ts). */
  planConsolidation(cluster: string, targetPct?: number, measured?: ReadonlyMap<string, number>): Result<Consolidation> {
    // Moves still waiting for a slot are part of the last plan: a new one made now would not see them.
    const waiting = this.consolidationQueue.filter((m) => this.host(m.to)?.cluster === cluster).length;
    if (waiting > 0)
      return fail(
        'invalid-state',
        `${cluster}: a consolidation is under way (${waiting} move${waiting === 1 ? '' : 's'} waiting for a migration slot): plan again once it is done`,
      );
    return planConsolidation(this, cluster, targetPct, measured);
  }

  /** Starts a plan's migrations; those a host's migration slots hold back start as slots free. */
  applyConsolidation(moves: readonly ConsolidationMove[]): { started: string[]; waiting: string[]; refused: string[] } {
    const r = applyConsolidation(this, moves, this.consolidationQueue);
    this.changed();
    return r;
  }

  changed(): void {
    this.changes++;
    for (const listener of this.listeners) listener();
  }

  private readonly minuteWatchers = new Set<() => void>();

  /** Calls `watcher` at the end of each tick that closes a minute of the metric rollups (the alarm monitor's pace). */
  onMinute(watcher: () => void): () => void {
    this.minuteWatchers.add(watcher);
    return () => this.minuteWatchers.delete(watcher);
  }

  minuteEnded(): void {
    for (const watcher of this.minuteWatchers) watcher();
  }

  /** Lets a driver handle events of its own type that it schedules on the clock. */
  handle<E extends DriverEvent>(type: E['type'], handler: (event: E) => void): void {
    this.driverHandlers.set(type, handler as (event: DriverEvent) => void);
  }

  /** Whether something handles scheduled events of this type (the core's own, or a driver's). */
  handles(type: string): boolean {
    return isCoreEventType(type) || this.driverHandlers.has(type);
  }

  /** Schedules a driver's own event (the core schedules its own on the clock). */
  schedule(delayMs: number, event: DriverEvent): void {
    this.clock.schedule(delayMs, event);
  }

  advance(ms: number, quiet = false): void {
    this.advanceTo(this.clock.now + ms, quiet);
  }

  /** Moves the clock on (never past the end of time); `quiet` counts the change but leaves telling the listeners to notify(). */
  advanceTo(t: number, quiet = false): void {
    this.clock.advanceTo(Math.min(t, MAX_TIME_MS), (event) => {
      if (isCoreEventType(event.type)) return (this.coreHandlers[event.type] as (e: SimEvent) => void)(event);
      const handler = this.driverHandlers.get(event.type);
      if (!handler) throw new Error(`no handler for scheduled event type "${event.type}"`);
      handler(event as DriverEvent);
    });
    this.advances++;
    if (quiet) this.changes++;
    else this.changed();
  }

  /** Tells the listeners about changes made quietly. */
  notify(): void {
    for (const listener of this.listeners) listener();
  }

  // --- commands (see commands/) -------------------------------------------

  addSite(input: SiteInput): Result<Site> {
    return addSite(this, input);
  }

  addCluster(input: ClusterInput): Result<Cluster> {
    return addCluster(this, input);
  }

  addHost(input: HostInput): Result<Host> {
    return addHost(this, input);
  }

  /**
   * Makes room for this many hosts and workloads in all, so that adding them
   * grows no table: building or loading a large estate (a million workloads)
   * otherwise copied every column a dozen times, and each copy of a large
   * array set off a full garbage collection.
   */
  reserve(counts: { readonly hosts?: number; readonly workloads?: number }): void {
    const hosts = counts.hosts ?? this.hosts.count;
    const workloads = counts.workloads ?? this.workloads.count;
    this.hosts.reserve(hosts);
    this.workloads.reserve(workloads);
    this.ledger.reserve(hosts, workloads);
  }

  setHaPolicy(clusterId: string, policy: HaPolicy | undefined): Result<void> {
    return setHaPolicy(this, clusterId, policy);
  }

  setHostState(id: string, state: HostState, why?: string): Result<void> {
    return setHostState(this, id, state, why);
  }

  /** A VM's HA restart priority: disabled, lowest, low, medium (the default), high, highest. */
  setHaPriority(id: string, priority: string): Result<void> {
    return setHaPriority(this, id, priority);
  }

  addBackupTarget(input: { id: string; site: string; capacityMiB: number; throughputMiBps: number }): Result<BackupTarget> {
    return addBackupTarget(this, input);
  }

  /** Starts a backup of a VM to a target, which keeps `retention` restore points of it. */
  backup(id: string, target: string, retention?: number): Result<BackupJob> {
    return backup(this, id, target, retention);
  }

  /** Restores a restore point in place (the VM powered off) or as a new VM. */
  restore(point: string, options?: RestoreOptions): Result<Created> {
    return restore(this, point, options);
  }

  /** Replicates a VM to another site, a recovery point every `rpoMs`. */
  replicate(id: string, site: string, rpoMs?: number): Result<{ replica: string; host: string; seedMs: number }> {
    return replicate(this, id, site, rpoMs);
  }

  failover(replica: string): Result<FailoverReport> {
    return failover(this, replica);
  }

  /** Every host of a site fails at once. */
  failSite(site: string): Result<number> {
    return failSite(this, site);
  }

  /** Fails over every replica of the VMs at a site, saying what each lost. */
  failoverSite(site: string): Result<{ reports: FailoverReport[]; refused: string[] }> {
    return failoverSite(this, site);
  }

  /** DRS-style recommendations for a cluster at a migration threshold (1 conservative ... 5 aggressive). */
  recommendBalance(cluster: string, threshold?: number): Result<Balance> {
    return recommend(this, cluster, threshold);
  }

  /** Starts the live migrations a recommendation proposes. */
  applyBalance(moves: readonly BalanceMove[]): { started: string[]; refused: string[] } {
    const r = applyBalance(this, moves);
    this.changed();
    return r;
  }

  /** Maintenance mode: the host's running VMs are moved off it first (or it says which cannot go, and why). */
  enterMaintenance(id: string): Result<Evacuation> {
    return enterMaintenance(this, id);
  }

  exitMaintenance(id: string): Result<void> {
    return exitMaintenance(this, id);
  }

  /** A driver's check as its platform's workloads start (StartGuard); one a platform. */
  guardStarts(platform: Platform, guard: StartGuard): void {
    this.startGuards.set(platform, guard);
  }

  /** A driver's word on which hosts can take its workloads when the core moves them (HostsFor); one a platform. */
  limitHosts(platform: Platform, hostsFor: HostsFor): void {
    this.hostsFor.set(platform, hostsFor);
  }

  /** A driver declares how its platform handles resources; the core applies it from the next tick. */
  setPlatformPolicy(platform: Platform, policy: PlatformPolicy): void {
    this.policies[platform] = policy;
    // Page sharing is counted as guests power on and off: count again under the new policy.
    this.sharing.clear();
    const wl = this.workloads;
    for (let w = 0; w < wl.count; w++) {
      const share = this.policies[wl.records[w].platform].pageSharing?.sharedShare ?? 0;
      if (wl.level[w] === CLAIM_FULL && wl.host[w] >= 0) this.sharing.track(wl.host[w], wl.records[w].image, wl.records[w].claim[1], share, 1);
    }
  }

  /** Chooses a host for a request without claiming anything (a preview). */
  place(request: PlacementRequest): PlacementOutcome {
    return this.placer.place(request);
  }

  createWorkload(input: WorkloadInput): Result<Created> {
    return createWorkload(this, input);
  }

  createMany(inputs: readonly WorkloadInput[]): Result<Created>[] {
    return createMany(this, inputs);
  }

  act(id: string, action: Action, options?: ActOptions): Result<ScheduledStep[]> {
    return act(this, id, action, options);
  }

  takeSnapshot(id: string, name: string, options?: { memory?: boolean; description?: string }): Result<Snapshot> {
    return takeSnapshot(this, id, name, options);
  }

  revertSnapshot(id: string, name: string): Result<Snapshot> {
    return revertSnapshot(this, id, name);
  }

  deleteSnapshot(id: string, name: string): Result<Snapshot> {
    return deleteSnapshot(this, id, name);
  }

  clone(sourceId: string, options: CloneOptions): Result<Cloned> {
    return cloneWorkload(this, sourceId, options);
  }

  /** Marks a powered-off VM as a template (it cannot power on; VMs are cloned from it), or back. */
  setTemplate(id: string, on: boolean): Result<void> {
    return setTemplate(this, id, on);
  }

  /** How busy a workload is, as a share of its vCPUs (a scenario's load rising). */
  setLoad(id: string, level: number, memory?: number): Result<void> {
    return setLoad(this, id, level, memory);
  }

  resize(id: string, input: ResizeInput): Result<void> {
    return resize(this, id, input);
  }

  configureMemory(id: string, config: MemoryConfig): Result<void> {
    return configureMemory(this, id, config);
  }

  migrate(id: string, targetHost: string, options?: MigrateOptions): Result<MigrationInfo> {
    return migrate(this, id, targetHost, options);
  }

  /** Calls off a workload's migration in flight (virsh domjobabort, or destroying the domain); false if it has none. */
  /** Moves a VM's disk to another datastore, its host kept (Storage vMotion). */
  relocateStorage(id: string, datastore: string): Result<Relocation> {
    return relocateStorage(this, id, datastore);
  }

  /** The shared datastores, with what is on them. */
  datastoreViews(): DatastoreView[] {
    return datastoreViews(this);
  }

  /** Each datastore's capacity and what is used of it, MiB, without its disks: cheap enough for every frame. */
  datastoreFill(): { readonly id: string; readonly capacityMiB: number; readonly usedMiB: number }[] {
    return this.datastores.records.map((d) => ({ id: d.id, capacityMiB: d.capacityMiB, usedMiB: this.datastores.used[d.index] }));
  }

  /** A workload's disk on a shared datastore, or undefined (on its host's own storage). */
  diskOn(id: string): DiskView | undefined {
    const w = this.workloads.indexOf(id);
    return w === undefined ? undefined : diskView(this, w);
  }

  /** A VM's disk I/O in the last tick (on a datastore or its host's own disks). */
  diskIo(id: string): DiskIo | undefined {
    const w = this.workloads.indexOf(id);
    return w === undefined ? undefined : diskIo(this, w);
  }

  /** A host's own disks' I/O in the last tick. */
  hostDiskIo(id: string): DeviceIo | undefined {
    const h = this.hosts.indexOf(id);
    return h === undefined ? undefined : deviceIo(this, this.datastores.records.length + h);
  }

  /** Virtual disks of no VM: all of them, or those in one store (a datastore, or a host's own storage), in the order they were made. */
  volumes(store?: VolumeStore): VolumeView[] {
    if (!store) return allVolumes(this).map((v) => volumeView(this, v));
    const ds = store.datastore === undefined ? -1 : this.datastores.indexOf(store.datastore);
    const host = store.host === undefined ? -1 : this.hosts.indexOf(store.host);
    if (ds === undefined || host === undefined || (ds < 0 && host < 0)) return [];
    return volumesIn(this, ds, host).map((v) => volumeView(this, v));
  }

  /** Makes a virtual disk of no VM on a datastore or a host's own storage. */
  createVolume(input: VolumeInput): Result<VolumeView> {
    return createVolume(this, input);
  }

  resizeVolume(store: VolumeStore, name: string, capacityMiB: number): Result<VolumeView> {
    return resizeVolume(this, store, name, capacityMiB);
  }

  deleteVolume(store: VolumeStore, name: string): Result<VolumeView> {
    return deleteVolume(this, store, name);
  }

  /** Attaches a volume to a VM as a data disk (one its host can open). */
  attachVolume(store: VolumeStore, name: string, vm: string): Result<VolumeView> {
    return attachVolume(this, store, name, vm);
  }

  detachVolume(store: VolumeStore, name: string): Result<VolumeView> {
    return detachVolume(this, store, name);
  }

  /** A VM's data disks, in the order they were made. */
  dataDisks(id: string): VolumeView[] {
    const w = this.workloads.indexOf(id);
    return w === undefined ? [] : dataDisksOf(this, w).map((v) => volumeView(this, v, true));
  }

  /** Caps a VM's disk at `iops`; 0 lifts the cap. */
  limitIops(id: string, iops: number): Result<void> {
    return limitIops(this, id, iops);
  }

  /** Whether a workload's disk is being copied to another datastore (from one, or from its host's own storage). */
  diskMoving(id: string): boolean {
    const w = this.workloads.indexOf(id);
    return w !== undefined && this.datastores.moves.has(w);
  }

  /** Whether a workload is paused because its disk could not grow (it waits for someone to resume it). */
  stunned(id: string): boolean {
    const w = this.workloads.indexOf(id);
    return w !== undefined && this.datastores.stunned.has(w);
  }

  /** The data disk (its name) a paused workload's pause is for; undefined: its own disk, or not paused for want of disk. */
  stunnedOn(id: string): string | undefined {
    const w = this.workloads.indexOf(id);
    return w === undefined || !this.datastores.stunned.has(w) ? undefined : this.datastores.stunnedOn.get(w);
  }

  /** Adds a shared datastore, mounted by the hosts of the clusters it names. */
  addDatastore(input: DatastoreInput): Result<Datastore> {
    return addDatastore(this, input);
  }

  abortMigration(id: string, why: string): boolean {
    const w = this.workloads.indexOf(id);
    if (w === undefined || !this.migrations.has(w)) return false;
    abortMigration(this, w, why);
    return true;
  }

  /** Replaces a workload's driver settings (attrs are replaced whole, never changed in place). */
  setAttrs(id: string, attrs: Attrs): Result<void> {
    const w = this.workloads.indexOf(id);
    if (w === undefined) return fail('not-found', `no workload named ${id}`);
    this.workloads.records[w].attrs = attrs;
    this.changed();
    return ok(undefined);
  }

  /** A cloud VM's price after a resize: its hourly rate from now, and its CPU credits (burstable or not). */
  reprice(id: string, terms: PriceTerms): Result<void> {
    return reprice(this, id, terms);
  }

  /**
   * Changes the minimum, maximum and buffer of a VM whose Dynamic Memory is on,
   * while it runs (Hyper-V allows that; turning it on or off, or the startup
   * memory, waits for the VM to be off: configureMemory). The next tick follows them.
   */
  tuneDynamicMemory(id: string, settings: DynamicMemorySettings): Result<void> {
    const w = this.workloads.indexOf(id);
    const current = w === undefined ? undefined : this.workloads.dynamic.get(w);
    if (w === undefined || !current) return fail('invalid-state', `${id} does not have Dynamic Memory on`);
    const problem = dynamicMemoryProblem(id, current.startupMiB, settings);
    if (problem) return fail('invalid-input', problem);
    const { minimumMiB, maximumMiB, bufferPct } = settings;
    this.workloads.dynamic.set(w, { minimumMiB, maximumMiB, bufferPct, startupMiB: current.startupMiB });
    // With Dynamic Memory a VM's size is its maximum; what it is assigned stays within the new range from the next tick.
    this.workloads.memoryMiB[w] = maximumMiB;
    this.changed();
    return ok(undefined);
  }

  /** Defines (or sets the limit of) a quota, such as a region's vCPUs per VM family. */
  defineQuota(key: string, label: string, limit: number): void {
    this.quotas.define(key, label, limit);
    this.changed();
  }

  // --- reads ---------------------------------------------------------------
  // Code outside the core reads the estate through these (SimulationApi): plain
  // views to keep, rows whose getters read the tables live, and read-only lists.

  /** Slots in the workload table (a deleted workload keeps its slot): a row's index runs from 0 to this - 1. */
  get workloadCount(): number {
    return this.workloads.count;
  }

  /** Slots in the host table (a removed host keeps its slot). */
  get hostCount(): number {
    return this.hosts.count;
  }

  /** A row of its own for one workload, by id or by slot; undefined if there is no such workload. */
  workloadRow(idOrIndex: string | number): WorkloadRow | undefined {
    const w = typeof idOrIndex === 'string' ? this.workloads.indexOf(idOrIndex) : idOrIndex;
    return w !== undefined && w >= 0 && w < this.workloads.count ? new WorkloadRow(this, w) : undefined;
  }

  /** A row of its own for one host, by id or by slot; undefined if there is no such host. */
  hostRow(idOrIndex: string | number): HostRow | undefined {
    const h = typeof idOrIndex === 'string' ? this.hosts.indexOf(idOrIndex) : idOrIndex;
    return h !== undefined && h >= 0 && h < this.hosts.count ? new HostRow(this, h) : undefined;
  }

  /** A workload cursor to move with at(w): one object to read a whole list through (list cells, loops over every workload). */
  workloadCursor(): WorkloadRow {
    return new WorkloadRow(this);
  }

  hostCursor(): HostRow {
    return new HostRow(this);
  }

  sites(): readonly Site[] {
    return this.topology.sites;
  }

  site(id: string): Site | undefined {
    return this.topology.site(id);
  }

  clusters(): readonly Cluster[] {
    return this.topology.clusters;
  }

  cluster(id: string): Cluster | undefined {
    return this.topology.cluster(id);
  }

  /** What a platform's driver declared about how it handles resources. */
  policy(platform: Platform): Readonly<PlatformPolicy> {
    return this.policies[platform];
  }

  quota(key: string): Readonly<Quota> | undefined {
    return this.quotas.get(key);
  }

  quotaList(): readonly Readonly<Quota>[] {
    return this.quotas.all();
  }

  backupTargets(): readonly Readonly<BackupTarget>[] {
    return this.backups.targets;
  }

  /** Every restore point, in the order taken; or one workload's, oldest first. */
  restorePoints(workload?: string): readonly Readonly<RestorePoint>[] {
    return workload === undefined ? this.backups.points : this.backups.pointsOf(workload);
  }

  /** Backups under way. */
  backupJobs(): readonly Readonly<BackupJob>[] {
    return this.backups.jobs;
  }

  /** The backup of a workload under way, if one is. */
  backupJobOf(workload: string): Readonly<BackupJob> | undefined {
    return this.backups.jobOf(workload);
  }

  /** What is under way (provisioning, booting, migrations, backups ...), soonest to end first. */
  operations(): Operation[] {
    return operations(this);
  }

  /** The last placement nobody could satisfy that someone asked for (a create, a clone, a start): its count, words and each host's reasons. */
  get lastRefusal(): Refusal | undefined {
    return this.placer.lastRefusal;
  }

  /** How many more VMs of a size one cluster can take, by placing them one by one and taking them back (what-if.ts). */
  fitMore(request: FitRequest): Result<FitAnswer> {
    return fitMore(this, request);
  }

  /** Why each host would refuse a request (the placement filters' reasons), without placing anything. */
  explain(request: PlacementRequest): HostRejection[] {
    return this.placer.explain(request);
  }

  /** When the next scheduled event falls due, if any is. */
  nextEventAt(): number | undefined {
    return this.clock.nextAt();
  }

  /** Whether an event of this type is on the clock. */
  isScheduled(type: string): boolean {
    return this.clock.pendingEvents().some((e) => e.payload.type === type);
  }

  host(id: string): HostView | undefined {
    const h = this.hosts.indexOf(id);
    return h === undefined ? undefined : hostView(this, h);
  }

  workload(id: string): WorkloadView | undefined {
    const w = this.workloads.indexOf(id);
    return w === undefined ? undefined : workloadView(this, w);
  }

  hostViews(): HostView[] {
    return this.hosts.live().map((r) => hostView(this, r.index));
  }

  workloadViews(): WorkloadView[] {
    const out: WorkloadView[] = [];
    for (let w = 0; w < this.workloads.count; w++) if (this.workloads.stateOf(w) !== 'deleted') out.push(workloadView(this, w));
    return out;
  }
}
