// Creating workloads: validate, place, claim, and start their lifecycle.
import { setClaim } from '../claims.js';
import { DISK_FORMATS, type DiskFormat, type DiskPlacement, mountingHosts, recharge, usedFor } from '../datastores.js';
import { DEFAULT_DURATIONS, DEFAULT_OVERHEAD } from '../defaults.js';
import { type DynamicMemorySettings, dynamicMemoryProblem } from '../dynamic-memory.js';
import { claimLevel, planFor, planLevel } from '../lifecycle.js';
import { isOneOf, KIND_OF_PLATFORM, PLATFORMS, type Platform, UTILIZATION_MODELS, type UtilizationModel, type WorkloadKind } from '../model.js';
import { naturalCompare } from '../natural-compare.js';
import type { QuotaClaim } from '../quotas.js';
import { RESTART_POLICIES, type RestartPolicy } from '../restart.js';
import { fail, ok, type Result } from '../result.js';
import type { Core } from '../state.js';
import { runPlan, type ScheduledStep, setState } from '../transitions.js';
import { type Amounts, DISK, formatMiB } from '../units.js';
import { drawLevel } from '../utilization.js';
import { badId, type CountRule, countProblem, firstOf } from '../validate.js';
import { type Attrs, CLAIM_FULL, type Durations, NO_PLAN, type PlacementPrefs } from '../workloads.js';

/**
 * The states a workload can be made in, as an estate is built or imported: a VM
 * may also be paused (memory held) or suspended (saved to disk), a cloud VM
 * deallocated (released by its provider, not billed).
 */
export const INITIAL_STATES = ['running', 'stopped', 'paused', 'suspended', 'deallocated'] as const;
export type InitialState = (typeof INITIAL_STATES)[number];

/** Which kinds may start in which of the states beyond running and stopped (lifecycle.ts's transitions). */
const INITIAL_KINDS: Record<InitialState, readonly WorkloadKind[] | undefined> = {
  running: undefined,
  stopped: undefined,
  paused: ['vm', 'container'],
  suspended: ['vm'],
  deallocated: ['cloud-vm'],
};

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
  /** How long provisioning takes, instead of a draw from the durations (a clone copying its disk). */
  readonly provisionMs?: number;
  /** Power it on after creating it (default true). */
  readonly powerOn?: boolean;
  /** Skip the lifecycle and make it exist in this state now (building an estate). */
  readonly initialState?: InitialState;
  readonly attrs?: Attrs;
  /** CPU shares under contention (the platform's default if not given). */
  readonly shares?: number;
  /** Hard memory limit: going over it gets the workload OOM-killed. */
  readonly memoryLimitMiB?: number;
  readonly restart?: { readonly policy: RestartPolicy; readonly maxRetries?: number };
  /** Price per hour while billed (allocated). */
  readonly billing?: { readonly ratePerHour: number };
  /** Burstable CPU: base performance (percent of one vCPU, summed over the VM), credits to start with, the most it banks. */
  readonly credits?: { readonly basePct: number; readonly initial: number; readonly max: number };
  /** Quota it holds for as long as it exists (Azure vCPUs per region and family). */
  readonly quota?: readonly QuotaClaim[];
  /** Hyper-V Dynamic Memory: memoryMiB is then the startup memory, and assigned memory moves between minimum and maximum. */
  readonly dynamicMemory?: DynamicMemorySettings;
  /** Its disk on this shared datastore (by id), allocated so; else on its host's own storage. */
  readonly datastore?: { readonly id: string; readonly format: DiskFormat; readonly allocatedMiB?: number; readonly linkedMiB?: number };
}

export interface Created {
  readonly id: string;
  readonly host: string;
  readonly score: number;
  readonly steps: readonly ScheduledStep[];
}

export function createWorkload(core: Core, input: WorkloadInput): Result<Created> {
  const problem = workloadProblem(core, input);
  if (problem) return fail(problem.includes('already') ? 'duplicate-id' : 'invalid-input', problem);
  const kind: WorkloadKind = KIND_OF_PLATFORM[input.platform];
  const claim: Amounts = input.claim ?? [input.cpuMilli, input.memoryMiB, input.diskMiB];
  const disk = diskPlacement(core, input, claim);
  if (!disk.ok) return disk;
  // On a datastore its disk claims nothing of its host, and only the hosts that mount it will do.
  const onHost: Amounts = disk.value ? [claim[0], claim[1], 0] : claim;
  const mounts = disk.value ? datastoreHosts(core, disk.value.ds) : undefined;
  // With Dynamic Memory the guest can grow to its maximum; it starts with (and claims) its startup memory.
  const memoryMiB = input.dynamicMemory ? input.dynamicMemory.maximumMiB : input.memoryMiB;
  const placement: PlacementPrefs = input.placement?.policy ? (input.placement as PlacementPrefs) : { policy: 'spread', ...input.placement };
  const initial = input.initialState;
  // Most workloads take their kind's durations as they are: share that object.
  const durations = input.durations ? { ...DEFAULT_DURATIONS[kind], ...input.durations } : DEFAULT_DURATIONS[kind];
  const plan = initial ? [] : planFor('create', 'stopped', durations, core.rng, input.powerOn ?? true);
  if (plan.length > 0 && input.provisionMs !== undefined) plan[0] = { state: 'provisioning', ms: input.provisionMs };
  const level = initial ? claimLevel(kind, initial) : planLevel(kind, plan);
  const powerOn = level === CLAIM_FULL && kind === 'vm';
  const label = input.name ?? input.id;

  let host: number;
  let score = 100;
  if (input.host !== undefined) {
    const h = core.hosts.indexOf(input.host);
    if (h === undefined) return fail('not-found', `no host named ${input.host}`);
    if (mounts && !mounts.hosts.includes(input.host))
      return fail('invalid-input', `${input.host} does not mount datastore ${core.datastores.records[disk.value!.ds].name}`);
    const request = {
      platform: input.platform,
      amounts: onHost,
      policy: 'first-fit',
      hosts: [input.host],
      powerOn,
      label,
      antiAffinityGroup: placement.antiAffinityGroup,
      record: true,
    } as const;
    const outcome = core.placer.place(request);
    // One host asked for: its own reasons say it best.
    if (!outcome.ok)
      return fail(
        outcome.haRefused ? 'admission-control' : 'insufficient-capacity',
        core.placer
          .reasonsOf(request, h)
          .map((r) => r.message)
          .join('; ') || outcome.message,
        undefined,
        { short: outcome.short },
      );
    host = h;
  } else {
    const outcome = core.placer.place({
      platform: input.platform,
      amounts: onHost,
      powerOn,
      label,
      policy: placement.policy,
      tieBreak: placement.tieBreak,
      site: placement.site,
      cluster: placement.cluster,
      affinityGroup: placement.affinityGroup,
      antiAffinityGroup: placement.antiAffinityGroup,
      ...mounts,
      record: true,
    });
    if (!outcome.ok) return fail(outcome.haRefused ? 'admission-control' : 'insufficient-capacity', outcome.message, undefined, { short: outcome.short });
    host = outcome.host;
    score = outcome.score;
  }

  // Quota first: a refused quota leaves nothing behind, and the workload holds it from now on.
  const index = core.workloads.count;
  if (input.quota) {
    const q = core.quotas.claim(index, input.quota, label);
    if (!q.ok) return q;
  }
  const model = input.model ?? 'steady';
  const w = core.workloads.add(
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
      modelLevel: input.modelLevel ?? drawLevel(model, core.rng),
      modelPhase: Math.min(Math.max(input.modelPhase ?? core.rng.next(), 0), 0.999),
      seed: core.rng.nextU32(),
      overhead: input.overhead ?? DEFAULT_OVERHEAD[kind],
      cpuMilli: input.cpuMilli,
      memoryMiB,
      diskMiB: input.diskMiB,
      shares: input.shares ?? core.policies[input.platform].defaultShares,
    },
    core.clock.now,
  );
  applyExtras(core, w.index, input);
  if (disk.value) core.datastores.disks.set(w.index, disk.value);
  const claimed = setClaim(core, w.index, level, host);
  if (!claimed.ok) throw new Error(`placement chose ${core.hosts.records[host].id} for ${input.id} but the claim failed: ${claimed.error.message}`);
  let steps: ScheduledStep[] = [];
  // A workload made to exist already (building or loading an estate) did not
  // just happen: it gets its state without an event. preset builders log one
  // line for the whole estate instead.
  if (initial) {
    setState(core, w.index, initial, undefined, undefined, false);
    // Made paused, it was running before it was paused: it has been up since now, as one paused by its lifecycle has.
    if (initial === 'paused') core.workloads.runningSince[w.index] = core.clock.now;
  } else steps = runPlan(core, w.index, plan);
  recharge(core, w.index);
  core.changed();
  return ok({ id: w.id, host: core.hosts.records[host].id, score, steps });
}

/**
 * Creates many workloads as one batch. They are placed largest first (then by
 * id), so the outcome does not depend on the order the caller listed them in,
 * and big workloads are not squeezed out by small ones. Results come back in
 * the caller's order.
 */
export function createMany(core: Core, inputs: readonly WorkloadInput[]): Result<Created>[] {
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
  for (const i of order) results[i] = createWorkload(core, inputs[i]);
  return results;
}

/** Limits, restart policy, billing and CPU credits: the settings most workloads do not have. */
function applyExtras(core: Core, w: number, input: WorkloadInput): void {
  const wl = core.workloads;
  if (input.memoryLimitMiB) {
    wl.memLimit[w] = input.memoryLimitMiB;
    wl.limited.push(w);
  }
  if (input.restart) {
    wl.restartPolicy[w] = RESTART_POLICIES.indexOf(input.restart.policy);
    wl.restartMax[w] = input.restart.maxRetries ?? 0;
  }
  if (input.billing) wl.billRate[w] = input.billing.ratePerHour;
  if (input.dynamicMemory) wl.dynamic.set(w, { ...input.dynamicMemory, startupMiB: input.memoryMiB });
  if (input.credits) {
    wl.creditBase[w] = input.credits.basePct;
    wl.credits[w] = input.credits.initial;
    wl.creditMax[w] = input.credits.max;
    wl.burstable.push(w);
  }
}

/** Where a new workload's disk goes: on the datastore it names, if that has room for what the disk allocates now; else on its host. */
function diskPlacement(core: Core, input: WorkloadInput, claim: Amounts): Result<DiskPlacement | undefined> {
  const want = input.datastore;
  if (!want) return ok(undefined);
  const store = core.datastores;
  const ds = store.indexOf(want.id);
  if (ds === undefined) return fail('not-found', `no datastore named ${want.id}`);
  if (KIND_OF_PLATFORM[input.platform] !== 'vm') return fail('invalid-input', `workload ${input.id}: only a VM's disk is on a datastore`);
  if (!isOneOf(DISK_FORMATS, want.format)) return fail('invalid-input', `workload ${input.id}: disk format must be one of ${DISK_FORMATS.join(', ')}`);
  const allocated = want.format === 'thin' ? Math.min(want.allocatedMiB ?? 0, input.diskMiB) : input.diskMiB;
  const problem = countProblem(allocated, WHOLE);
  if (problem) return fail('invalid-input', `workload ${input.id} allocated disk ${problem}`);
  const p: DiskPlacement = {
    ds,
    format: want.format,
    allocatedMiB: allocated,
    carryMiB: 0,
    chargedUsed: 0,
    chargedProv: 0,
    ...(want.linkedMiB === undefined ? {} : { linkedMiB: want.linkedMiB }),
  };
  const needs = usedFor(p, claim[DISK], input.diskMiB);
  if (needs > store.free(ds))
    return fail(
      'insufficient-capacity',
      `Insufficient disk space on datastore '${store.records[ds].name}': ${input.id} needs ${formatMiB(needs)}, it has ${formatMiB(Math.max(0, store.free(ds)))} free`,
      undefined,
      { short: ['disk'], datastore: store.records[ds].name },
    );
  return ok(p);
}

/** The hosts that mount datastore ds, as a placement request's limit. */
function datastoreHosts(core: Core, ds: number): { hosts: string[]; hostsWhy: string } {
  return { hosts: mountingHosts(core, ds), hostsWhy: `datastore ${core.datastores.records[ds].name}` };
}

/** Attributes of a workload whose driver set none; replaced, never mutated. */
const NO_ATTRS: Attrs = Object.freeze({}) as Attrs;

/** A VM has a whole number of virtual CPUs (a container's --cpus may be a fraction). */
export function wholeVcpus(id: string, platform: string, cpuMilli: number | undefined): string | undefined {
  if (cpuMilli === undefined || !isOneOf(PLATFORMS, platform) || KIND_OF_PLATFORM[platform] === 'container') return undefined;
  return Number.isInteger(cpuMilli / 1000) ? undefined : `${id}: a VM has a whole number of vCPUs, got ${cpuMilli / 1000}`;
}

/** Whether a workload that is not deleted has this id (one look-up: a million ids make each one count). */
function taken(sim: Core, id: string): boolean {
  const i = sim.workloads.indexOf(id);
  return i !== undefined && sim.workloads.stateOf(i) !== 'deleted';
}

// The rules of workloadProblem's counts, made once: a create that passes them makes no sentence.
const WHOLE_FROM_1: CountRule = { min: 1, integer: true };
const WHOLE: CountRule = { min: 0, integer: true };
const SHARE: CountRule = { min: 0, max: 1 };
const NOT_NEGATIVE: CountRule = { min: 0 };
const SHARES: CountRule = { min: 2, max: 262_144, integer: true };
const MEMORY_LIMIT: CountRule = { min: 6, integer: true };
const RETRIES: CountRule = { min: 0, max: 65535, integer: true };

function workloadProblem(sim: Core, input: WorkloadInput): string | undefined {
  const { id } = input;
  // The sentence is made only for a count that is wrong.
  const bad = (what: string, value: unknown, rule: CountRule) => {
    const problem = countProblem(value, rule);
    return problem === undefined ? undefined : `workload ${id} ${what} ${problem}`;
  };
  return firstOf(
    badId('workload', id),
    taken(sim, id) ? `a workload named ${id} already exists` : undefined,
    isOneOf(PLATFORMS, input.platform) ? undefined : `workload ${id}: platform must be one of ${PLATFORMS.join(', ')}, got ${String(input.platform)}`,
    bad('cpuMilli', input.cpuMilli, WHOLE_FROM_1),
    wholeVcpus(id, input.platform, input.cpuMilli),
    bad('memoryMiB', input.memoryMiB, WHOLE_FROM_1),
    bad('diskMiB', input.diskMiB, WHOLE),
    input.model === undefined || isOneOf(UTILIZATION_MODELS, input.model) ? undefined : `workload ${id}: model must be one of ${UTILIZATION_MODELS.join(', ')}`,
    input.modelLevel === undefined ? undefined : bad('modelLevel', input.modelLevel, SHARE),
    input.provisionMs === undefined ? undefined : bad('provisioning time', input.provisionMs, NOT_NEGATIVE),
    input.overhead === undefined ? undefined : bad('overhead', input.overhead, SHARE),
    input.claim === undefined
      ? undefined
      : input.claim.map((a, r) => (countProblem(a, WHOLE) === undefined ? undefined : bad(`claim[${r}]`, a, WHOLE))).find(Boolean),
    input.shares === undefined ? undefined : bad('shares', input.shares, SHARES),
    input.memoryLimitMiB === undefined ? undefined : bad('memory limit', input.memoryLimitMiB, MEMORY_LIMIT),
    input.restart === undefined || isOneOf(RESTART_POLICIES, input.restart.policy)
      ? undefined
      : `workload ${id}: restart policy must be one of ${RESTART_POLICIES.join(', ')}`,
    input.restart?.maxRetries === undefined ? undefined : bad('restart retries', input.restart.maxRetries, RETRIES),
    input.billing === undefined ? undefined : bad('hourly rate', input.billing.ratePerHour, NOT_NEGATIVE),
    input.credits === undefined ? undefined : bad('credit base', input.credits.basePct, NOT_NEGATIVE),
    input.dynamicMemory === undefined ? undefined : dynamicMemoryProblem(id, input.memoryMiB, input.dynamicMemory),
    initialStateProblem(input),
  );
}

function initialStateProblem({ id, platform, initialState }: WorkloadInput): string | undefined {
  if (initialState === undefined) return undefined;
  if (!isOneOf(INITIAL_STATES, initialState)) return `workload ${id}: its initial state must be one of ${INITIAL_STATES.join(', ')}`;
  const kinds = INITIAL_KINDS[initialState];
  const kind = KIND_OF_PLATFORM[platform];
  return kinds === undefined || kind === undefined || kinds.includes(kind) ? undefined : `workload ${id}: a ${kind} cannot start ${initialState}`;
}
