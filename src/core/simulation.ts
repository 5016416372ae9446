// The simulation: one estate's topology, hosts, workloads, ledger, clock and log,
// and the commands that change them. Everything a driver, the UI or a tape does to
// an estate goes through here; every change lands in the one event log.
import { setClaim } from './claims.js';
import { VirtualClock } from './clock.js';
import { DEFAULT_DURATIONS, DEFAULT_OVERHEAD } from './defaults.js';
import { EventLog } from './event-log.js';
import { Groups } from './groups.js';
import { HaAdmission } from './ha.js';
import { capacityOf, DEFAULT_NIC_MBPS, DEFAULT_POWER, HostTable, type Host, type HostInput } from './hosts.js';
import { Ledger } from './ledger.js';
import { claimLevel, planFor, planLevel, refusal, type Action } from './lifecycle.js';
import { Metrics } from './metrics.js';
import { isOneOf, KIND_OF_PLATFORM, PLATFORMS, SITE_KINDS, UTILIZATION_MODELS, type HaPolicy, type HostState, type Platform, type UtilizationModel, type WorkloadKind } from './model.js';
import { Placer, type PlacementOutcome, type PlacementRequest } from './placement/placer.js';
import { naturalCompare } from './natural-compare.js';
import { Prng } from './prng.js';
import { fail, ok, type Result } from './result.js';
import type { Core, SimEvent } from './state.js';
import { runTick } from './tick.js';
import { Topology, type Cluster, type ClusterInput, type Site, type SiteInput } from './topology.js';
import { runPlan, setHostState, setState, stepDue, type ScheduledStep } from './transitions.js';
import { drawLevel } from './utilization.js';
import { badCount, badId, firstOf } from './validate.js';
import { hostView, workloadView, type HostView, type WorkloadView } from './views.js';
import { CLAIM_FULL, NO_PLAN, WorkloadTable, type ClaimLevel, type Attrs, type Durations, type PlacementPrefs } from './workloads.js';
import type { Amounts } from './units.js';

export interface SimulationOptions {
  readonly name?: string;
  readonly seed?: number;
  readonly startMs?: number;
  /** Sim ms between ticks (utilisation and metrics). */
  readonly tickMs?: number;
  readonly logCapacity?: number;
}

export interface WorkloadInput {
  readonly id: string;
  readonly name?: string;
  readonly platform: Platform;
  readonly cpuMilli: number;
  readonly memoryMiB: number;
  readonly diskMiB: number;
  /** What it reserves on its host when powered on; the spec itself unless the driver says otherwise. */
  readonly claim?: Amounts;
  readonly image?: string;
  readonly model?: UtilizationModel;
  readonly modelLevel?: number;
  /** Where in the day its diurnal peak falls, as a share of a day in [0, 1). */
  readonly modelPhase?: number;
  readonly overhead?: number;
  readonly durations?: Partial<Durations>;
  readonly placement?: Partial<PlacementPrefs>;
  /** Put it on this host rather than letting placement choose. */
  readonly host?: string;
  /** Power it on after creating it (default true). */
  readonly powerOn?: boolean;
  /** Skip the lifecycle and make it exist in this state now (building an estate). */
  readonly initialState?: 'running' | 'stopped';
  readonly attrs?: Attrs;
}

export interface Created {
  readonly id: string;
  readonly host: string;
  readonly score: number;
  readonly steps: readonly ScheduledStep[];
}

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
  readonly ha: HaAdmission;
  readonly placer: Placer;
  hostWorkloads = new Int32Array(64);
  private readonly handlers = new Map<string, (event: SimEvent) => void>();
  private readonly listeners = new Set<() => void>();
  private changes = 0;

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
    });
    this.ledger.onChange = (h) => this.placer.hostChanged(h);
    this.handlers.set('tick', () => {
      runTick(this);
      this.clock.schedule(this.tickMs, { type: 'tick' });
    });
    this.handlers.set('step', (e) => stepDue(this, e.workload as number, e.token as number));
    this.clock.schedule(this.tickMs, { type: 'tick' });
  }

  get now(): number {
    return this.clock.now;
  }

  /** Bumped on every change; the UI re-reads when it moves. */
  get version(): number {
    return this.changes;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Lets a driver handle events of its own type that it schedules on the clock. */
  handle(type: string, handler: (event: SimEvent) => void): void {
    if (type === 'tick' || type === 'step') throw new RangeError(`event type "${type}" belongs to the core`);
    this.handlers.set(type, handler);
  }

  schedule(delayMs: number, event: SimEvent): void {
    this.clock.schedule(delayMs, event);
  }

  // --- time -------------------------------------------------------------

  advance(ms: number): void {
    this.advanceTo(this.clock.now + ms);
  }

  advanceTo(t: number): void {
    this.clock.advanceTo(t, (event) => {
      const handler = this.handlers.get(event.type);
      if (!handler) throw new Error(`no handler for scheduled event type "${event.type}"`);
      handler(event);
    });
    this.changed();
  }

  // --- topology ----------------------------------------------------------

  addSite(input: SiteInput): Result<Site> {
    const problem = firstOf(
      badId('site', input.id),
      this.topology.site(input.id) ? `a site named ${input.id} already exists` : undefined,
      isOneOf(SITE_KINDS, input.kind) ? undefined : `site kind must be one of ${SITE_KINDS.join(', ')}, got ${String(input.kind)}`,
    );
    if (problem) return fail(problem.includes('already') ? 'duplicate-id' : 'invalid-input', problem);
    const site = this.topology.addSite(input);
    this.note('site.added', 'site', site.id, `${site.kind === 'region' ? 'Region' : 'Datacenter'} ${site.id} added`);
    return ok(site);
  }

  addCluster(input: ClusterInput): Result<Cluster> {
    const siteIndex = this.topology.siteIndex(input.site);
    const problem = firstOf(
      badId('cluster', input.id),
      this.topology.cluster(input.id) ? `a cluster named ${input.id} already exists` : undefined,
      siteIndex === undefined ? `cluster ${input.id}: no site named ${input.site}` : undefined,
      isOneOf(PLATFORMS, input.platform) ? undefined : `cluster ${input.id}: platform must be one of ${PLATFORMS.join(', ')}, got ${String(input.platform)}`,
      haProblem(input),
    );
    if (problem) return fail(problem.includes('already') ? 'duplicate-id' : problem.includes('no site') ? 'not-found' : 'invalid-input', problem);
    const cluster = this.topology.addCluster(input, siteIndex!);
    this.note('cluster.added', 'cluster', cluster.id, `Cluster ${cluster.id} added to ${input.site}`);
    return ok(cluster);
  }

  addHost(input: HostInput): Result<Host> {
    const cluster = this.topology.cluster(input.cluster);
    const backing = input.backingWorkload === undefined ? undefined : this.workloads.indexOf(input.backingWorkload);
    const vm = backing === undefined ? undefined : this.workloads.records[backing];
    const problem = firstOf(
      badId('host', input.id),
      this.hosts.get(input.id) ? `a host named ${input.id} already exists` : undefined,
      cluster ? undefined : `host ${input.id}: no cluster named ${input.cluster}`,
      input.backingWorkload !== undefined && !vm ? `host ${input.id}: no VM named ${input.backingWorkload} to run in` : undefined,
      vm && vm.kind !== 'vm' ? `host ${input.id}: ${vm.id} is not a VM` : undefined,
      vm && this.workloads.backs[vm.index] >= 0 ? `host ${input.id}: ${vm.id} already runs a container host` : undefined,
      vm ? undefined : badCount(`host ${input.id} cores`, input.cores, { min: 1, integer: true, max: 10_000_000 }),
      vm ? undefined : badCount(`host ${input.id} memoryMiB`, input.memoryMiB, { min: 1, integer: true }),
      vm ? undefined : badCount(`host ${input.id} storageMiB`, input.storageMiB, { min: 0, integer: true }),
      ...(['cpu', 'memory', 'storage'] as const).map((k) => (input.ratios?.[k] === undefined ? undefined : badCount(`host ${input.id} ${k} ratio`, input.ratios[k], { min: 0.01, max: 1000 }))),
    );
    if (problem) return fail(problem.includes('already') ? 'duplicate-id' : problem.includes('no ') ? 'not-found' : 'invalid-input', problem);
    const c = cluster!;
    const record = this.hosts.add(
      {
        id: input.id,
        name: input.name ?? input.id,
        clusterIndex: c.index,
        siteIndex: c.siteIndex,
        platform: c.platform,
        // A container host inside a VM has that VM's vCPUs, memory and disk.
        cores: vm ? this.workloads.cpuMilli[vm.index] / 1000 : input.cores,
        memoryMiB: vm ? this.workloads.memoryMiB[vm.index] : input.memoryMiB,
        storageMiB: vm ? this.workloads.diskMiB[vm.index] : input.storageMiB,
        nicMbps: input.nicMbps ?? DEFAULT_NIC_MBPS,
        reserved: [input.reserved?.cpuMilli ?? 0, input.reserved?.memoryMiB ?? 0, input.reserved?.storageMiB ?? 0],
        ratios: [input.ratios?.cpu ?? 1, input.ratios?.memory ?? 1, input.ratios?.storage ?? 1],
        power: input.power ?? DEFAULT_POWER,
        backingWorkload: vm ? vm.index : -1,
      },
      vm ? (this.workloads.stateOf(vm.index) === 'running' ? 'connected' : 'failed') : input.state ?? 'connected',
    );
    if (vm) this.workloads.backs[vm.index] = record.index;
    c.hosts.push(record.index);
    this.hostWorkloads = ensureHostSlots(this.hostWorkloads, record.index + 1);
    this.ledger.addHost(capacityOf(record));
    this.placer.hostReshaped(record.platform);
    this.note('host.added', 'host', record.id, `Host ${record.id} added to ${c.id}${vm ? ` (inside VM ${vm.id})` : ''}`);
    return ok(record);
  }

  /** Sets or clears a cluster's HA admission policy. */
  setHaPolicy(clusterId: string, policy: HaPolicy | undefined): Result<void> {
    const c = this.topology.cluster(clusterId);
    if (!c) return fail('not-found', `no cluster named ${clusterId}`);
    const problem = haProblem({ id: clusterId, site: '', platform: c.platform, ha: policy });
    if (problem) return fail('invalid-input', problem);
    this.topology.setHa(c.index, policy);
    const wl = this.workloads;
    const full: Amounts[] = [];
    for (let w = 0; w < wl.count; w++) {
      if (wl.level[w] === CLAIM_FULL && wl.host[w] >= 0 && this.hosts.records[wl.host[w]].clusterIndex === c.index) full.push(wl.records[w].claim);
    }
    this.ha.recount(c.index, full);
    this.note('cluster.ha', 'cluster', c.id, policy ? `HA admission control on ${c.id}: ${this.ha.failoverCapacity(c.index).policy}` : `HA admission control off on ${c.id}`);
    return ok(undefined);
  }

  setHostState(id: string, state: HostState, why?: string): Result<void> {
    const h = this.hosts.indexOf(id);
    if (h === undefined) return fail('not-found', `no host named ${id}`);
    if (this.hosts.records[h].backingWorkload >= 0 && state === 'connected' && this.workloads.stateOf(this.hosts.records[h].backingWorkload) !== 'running') {
      return fail('invalid-state', `${id} runs inside a VM that is not running`);
    }
    setHostState(this, h, state, why);
    this.changed();
    return ok(undefined);
  }

  // --- workloads -----------------------------------------------------------

  /** Chooses a host for a request without claiming anything (a preview). */
  place(request: PlacementRequest): PlacementOutcome {
    return this.placer.place(request);
  }

  createWorkload(input: WorkloadInput): Result<Created> {
    const problem = workloadProblem(this, input);
    if (problem) return fail(problem.includes('already') ? 'duplicate-id' : 'invalid-input', problem);
    const kind: WorkloadKind = KIND_OF_PLATFORM[input.platform];
    const claim: Amounts = input.claim ?? [input.cpuMilli, input.memoryMiB, input.diskMiB];
    const placement: PlacementPrefs = input.placement?.policy ? (input.placement as PlacementPrefs) : { policy: 'spread', ...input.placement };
    const initial = input.initialState;
    // Most workloads take their kind's durations as they are: share that object.
    const durations = input.durations ? { ...DEFAULT_DURATIONS[kind], ...input.durations } : DEFAULT_DURATIONS[kind];
    const plan = initial ? [] : planFor('create', 'stopped', durations, this.rng, input.powerOn ?? true);
    const level = initial ? claimLevel(kind, initial) : planLevel(kind, plan);
    const powerOn = level === CLAIM_FULL && kind === 'vm';
    const label = input.name ?? input.id;

    let host: number;
    let score = 100;
    if (input.host !== undefined) {
      const h = this.hosts.indexOf(input.host);
      if (h === undefined) return fail('not-found', `no host named ${input.host}`);
      const outcome = this.placer.place({ platform: input.platform, amounts: claim, policy: 'first-fit', hosts: [input.host], powerOn, label, antiAffinityGroup: placement.antiAffinityGroup });
      if (!outcome.ok) return fail('insufficient-capacity', outcome.rejections[0]?.reasons.map((r) => r.message).join('; ') || outcome.message, outcome.rejections.flatMap((r) => r.reasons.map((x) => x.message)));
      host = h;
    } else {
      const outcome = this.placer.place({
        platform: input.platform,
        amounts: claim,
        powerOn,
        label,
        policy: placement.policy,
        tieBreak: placement.tieBreak,
        site: placement.site,
        cluster: placement.cluster,
        affinityGroup: placement.affinityGroup,
        antiAffinityGroup: placement.antiAffinityGroup,
      });
      if (!outcome.ok) return fail(outcome.rejections.some((r) => r.reasons.some((x) => x.kind === 'ha-admission')) ? 'admission-control' : 'insufficient-capacity', outcome.message, outcome.rejections.flatMap((r) => r.reasons.map((x) => x.message)));
      host = outcome.host;
      score = outcome.score;
    }

    const model = input.model ?? 'steady';
    const w = this.workloads.add(
      {
        id: input.id,
        name: label,
        platform: input.platform,
        kind,
        image: input.image ?? '',
        durations,
        placement,
        claim,
        attrs: input.attrs ? { ...input.attrs } : NO_ATTRS,
        plan: NO_PLAN,
      },
      {
        model,
        modelLevel: input.modelLevel ?? drawLevel(model, this.rng),
        modelPhase: Math.min(Math.max(input.modelPhase ?? this.rng.next(), 0), 0.999),
        seed: this.rng.nextU32(),
        overhead: input.overhead ?? DEFAULT_OVERHEAD[kind],
        cpuMilli: input.cpuMilli,
        memoryMiB: input.memoryMiB,
        diskMiB: input.diskMiB,
      },
      this.clock.now,
    );
    const claimed = setClaim(this, w.index, level, host);
    if (!claimed.ok) throw new Error(`placement chose ${this.hosts.records[host].id} for ${input.id} but the claim failed: ${claimed.error.message}`);
    let steps: ScheduledStep[] = [];
    // A workload made to exist already (building or loading an estate) did not
    // just happen: it gets its state without an event. preset builders log one
    // line for the whole estate instead.
    if (initial) setState(this, w.index, initial, undefined, undefined, false);
    else steps = runPlan(this, w.index, plan);
    this.changed();
    return ok({ id: w.id, host: this.hosts.records[host].id, score, steps });
  }

  /**
   * Creates many workloads as one batch. They are placed largest first (then by
   * id), so the outcome does not depend on the order the caller listed them in,
   * and big workloads are not squeezed out by small ones. Results come back in
   * the caller's order.
   */
  createMany(inputs: readonly WorkloadInput[]): Result<Created>[] {
    const order = inputs.map((_, i) => i);
    order.sort((a, b) => {
      const x = inputs[a];
      const y = inputs[b];
      return (
        (x.platform < y.platform ? -1 : x.platform > y.platform ? 1 : 0) ||
        y.cpuMilli - x.cpuMilli ||
        y.memoryMiB - x.memoryMiB ||
        y.diskMiB - x.diskMiB ||
        naturalCompare(x.id, y.id)
      );
    });
    const results: Result<Created>[] = new Array(inputs.length);
    for (const i of order) results[i] = this.createWorkload(inputs[i]);
    return results;
  }

  /** Runs a lifecycle action (start, stop, ...) and returns the steps it scheduled. */
  act(id: string, action: Action): Result<ScheduledStep[]> {
    const w = this.workloads.indexOf(id);
    if (w === undefined) return fail('not-found', `no workload named ${id}`);
    const record = this.workloads.records[w];
    const state = this.workloads.stateOf(w);
    const refused = refusal(action, record.kind, state, record.name);
    if (refused) return fail(refused.code, refused.message);
    const plan = planFor(action, state, record.durations, this.rng);
    const needed = planLevel(record.kind, plan);
    if (needed > this.workloads.level[w]) {
      const claimed = this.claimForPowerOn(w, needed);
      if (!claimed.ok) return claimed;
    }
    const steps = runPlan(this, w, plan);
    this.changed();
    return ok(steps);
  }

  /** Raises a workload's claim to power it on: on its host if that host can take it, else wherever placement finds room. */
  private claimForPowerOn(w: number, level: ClaimLevel): Result<void> {
    const record = this.workloads.records[w];
    const host = this.workloads.host[w];
    const powerOn = level === CLAIM_FULL && record.kind === 'vm';
    if (host >= 0 && this.hosts.isConnected(host)) {
      const refusal = powerOn ? this.ha.refusal(this.hosts.records[host].clusterIndex, record.claim) : undefined;
      if (refusal) return fail('admission-control', refusal);
      return setClaim(this, w, level);
    }
    const outcome = this.placer.place({ platform: record.platform, amounts: record.claim, powerOn, label: record.name, ...record.placement });
    if (!outcome.ok) return fail('insufficient-capacity', outcome.message, outcome.rejections.flatMap((r) => r.reasons.map((x) => x.message)));
    return setClaim(this, w, level, outcome.host);
  }

  // --- reads ---------------------------------------------------------------

  host(id: string): HostView | undefined {
    const h = this.hosts.indexOf(id);
    return h === undefined ? undefined : hostView(this, h);
  }

  workload(id: string): WorkloadView | undefined {
    const w = this.workloads.indexOf(id);
    return w === undefined ? undefined : workloadView(this, w);
  }

  hostViews(): HostView[] {
    return this.hosts.records.map((r) => hostView(this, r.index));
  }

  workloadViews(): WorkloadView[] {
    const out: WorkloadView[] = [];
    for (let w = 0; w < this.workloads.count; w++) if (this.workloads.stateOf(w) !== 'deleted') out.push(workloadView(this, w));
    return out;
  }

  private note(kind: string, subjectType: 'site' | 'cluster' | 'host', subjectId: string, message: string): void {
    this.log.append({ kind, subjectType, subjectId, severity: 'info', message });
    this.changed();
  }

  private changed(): void {
    this.changes++;
    for (const listener of this.listeners) listener();
  }
}

/** Attributes of a workload whose driver set none; replaced, never mutated. */
const NO_ATTRS: Attrs = Object.freeze({}) as Attrs;

function ensureHostSlots(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  if (n <= a.length) return a;
  const b = new Int32Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}

function haProblem(input: ClusterInput): string | undefined {
  const ha = input.ha;
  if (!ha) return undefined;
  if (ha.kind === 'percentage') {
    return firstOf(badCount(`cluster ${input.id} HA cpuPct`, ha.cpuPct, { min: 0, max: 100 }), badCount(`cluster ${input.id} HA memoryPct`, ha.memoryPct, { min: 0, max: 100 }));
  }
  if (ha.kind === 'slots') return badCount(`cluster ${input.id} HA hostFailures`, ha.hostFailures, { min: 1, integer: true, max: 31 });
  return `cluster ${input.id}: HA policy kind must be percentage or slots`;
}

function workloadProblem(sim: Simulation, input: WorkloadInput): string | undefined {
  return firstOf(
    badId('workload', input.id),
    sim.workloads.get(input.id) ? `a workload named ${input.id} already exists` : undefined,
    isOneOf(PLATFORMS, input.platform) ? undefined : `workload ${input.id}: platform must be one of ${PLATFORMS.join(', ')}, got ${String(input.platform)}`,
    badCount(`workload ${input.id} cpuMilli`, input.cpuMilli, { min: 1, integer: true }),
    badCount(`workload ${input.id} memoryMiB`, input.memoryMiB, { min: 1, integer: true }),
    badCount(`workload ${input.id} diskMiB`, input.diskMiB, { min: 0, integer: true }),
    input.model === undefined || isOneOf(UTILIZATION_MODELS, input.model) ? undefined : `workload ${input.id}: model must be one of ${UTILIZATION_MODELS.join(', ')}`,
    input.modelLevel === undefined ? undefined : badCount(`workload ${input.id} modelLevel`, input.modelLevel, { min: 0, max: 1 }),
    input.overhead === undefined ? undefined : badCount(`workload ${input.id} overhead`, input.overhead, { min: 0, max: 1 }),
    input.claim === undefined ? undefined : input.claim.map((a, r) => badCount(`workload ${input.id} claim[${r}]`, a, { min: 0, integer: true })).find(Boolean),
  );
}
