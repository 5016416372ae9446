// The workload table. 100,000 workloads must tick in milliseconds, so what every
// tick touches lives in typed arrays indexed by workload; names, images and the
// driver's own settings live in one plain record per workload.

import type { DynamicMemory } from './dynamic-memory.js';
import {
  codeOf,
  type PlacementPolicy,
  type Platform,
  UTILIZATION_MODELS,
  type UtilizationModel,
  WORKLOAD_KINDS,
  WORKLOAD_STATES,
  type WorkloadKind,
  type WorkloadState,
} from './model.js';
import { ensureLength } from './typed.js';
import type { Amounts } from './units.js';

/** A [min, max] range of sim milliseconds; each transition draws its time from it. */
export type DurationRange = readonly [number, number];

export interface Durations {
  readonly provision: DurationRange;
  readonly boot: DurationRange;
  readonly stop: DurationRange;
  readonly suspend: DurationRange;
  readonly resume: DurationRange;
  readonly deallocate: DurationRange;
}

/** Settings a driver keeps on a workload (resource group, restart policy, ...): plain JSON values. Replace the object to change them. */
export type Attrs = Readonly<Record<string, string | number | boolean>>;

export interface PlacementPrefs {
  readonly policy: PlacementPolicy;
  readonly tieBreak?: 'id' | 'random';
  readonly site?: string;
  readonly cluster?: string;
  readonly affinityGroup?: string;
  readonly antiAffinityGroup?: string;
}

export interface PlanStep {
  readonly state: WorkloadState;
  readonly ms: number;
}

export interface Workload {
  readonly index: number;
  readonly id: string;
  name: string;
  readonly platform: Platform;
  readonly kind: WorkloadKind;
  image: string;
  readonly durations: Durations;
  placement: PlacementPrefs;
  /** What the workload claims when powered on: [CPU milli, memory MiB, disk MiB]. */
  claim: Amounts;
  attrs: Attrs;
  /** The steps still to run; the last one is the state it settles in. */
  plan: PlanStep[];
}

/** The plan of a workload that is not in transition: shared, never mutated. */
export const NO_PLAN: PlanStep[] = Object.freeze([]) as unknown as PlanStep[];

export const NO_TARGET = 255;
export const CLAIM_NONE = 0;
export const CLAIM_DISK = 1;
export const CLAIM_FULL = 2;
export type ClaimLevel = typeof CLAIM_NONE | typeof CLAIM_DISK | typeof CLAIM_FULL;

export class WorkloadTable {
  readonly records: Workload[] = [];
  private readonly byId = new Map<string, number>();

  // Hot state, one slot per workload.
  state = new Uint8Array(0);
  target = new Uint8Array(0);
  kind = new Uint8Array(0);
  host = new Int32Array(0);
  claimId = new Int32Array(0);
  /** A second claim, held on the target host while a migration is in flight. */
  claimId2 = new Int32Array(0);
  host2 = new Int32Array(0);
  level = new Uint8Array(0);
  cpuMilli = new Float64Array(0);
  memoryMiB = new Float64Array(0);
  diskMiB = new Float64Array(0);
  /** Share of CPU the virtualisation layer adds on top of the guest's demand. */
  overhead = new Float32Array(0);
  model = new Uint8Array(0);
  modelLevel = new Float32Array(0);
  /** Active memory as a share of the workload's memory, set by a scenario (Sim load W CPU% MEM%); 0: its model's. */
  memLevel = new Float32Array(0);
  modelPhase = new Float32Array(0);
  seed = new Uint32Array(0);
  burst = new Uint8Array(0);
  /** This tick's demand: CPU in milli, memory in MiB (what the guest actively uses). */
  demandCpu = new Float32Array(0);
  demandMem = new Float32Array(0);
  /**
   * Guest memory the host backs, MiB (without the virtualisation overhead): what
   * it has touched (ESXi, KVM) less what the host took back, all of its assigned
   * memory (Hyper-V), what its processes use (a container). 0 while powered off.
   */
  granted = new Float64Array(0);
  /**
   * What the host has taken back from the guest's touched memory (a balloon's
   * size, pages kswapd paged out), MiB: it shrinks as the guest touches memory again.
   */
  reclaimed = new Float64Array(0);
  /** This tick's use as a share of the workload's own size, after host contention. */
  cpuPct = new Float32Array(0);
  memPct = new Float32Array(0);
  since = new Float64Array(0);
  runningSince = new Float64Array(0);
  /**
   * Sim ms when it last stopped running (its services stopped answering), kept
   * while it runs again; -1 if it is not known to have stopped. A load balancer's
   * probes fail from then, and with runningSince it tells how long it was away
   * (network/load-balancer.ts).
   */
  downSince = new Float64Array(0);
  token = new Uint32Array(0);
  /** The container host this VM runs, or -1. */
  backs = new Int32Array(0);
  /** CPU shares: under contention a host's cores are divided in proportion to demand x shares. */
  shares = new Uint32Array(0);
  /** Hard memory limit in MiB (Docker --memory); 0 for none. */
  memLimit = new Float64Array(0);
  /** Restart policy (index into RESTART_POLICIES), its retry limit (0 = none) and restarts so far. */
  restartPolicy = new Uint8Array(0);
  restartMax = new Uint16Array(0);
  restartCount = new Uint16Array(0);
  /** Last exit code (-1 while it has none) and whether a person stopped it. */
  exitCode = new Int16Array(0);
  userStopped = new Uint8Array(0);
  /** A restart is scheduled (docker ps says "Restarting"). */
  restarting = new Uint8Array(0);
  /** Price per hour while billed, cost accrued so far, and when it was last accrued. */
  billRate = new Float64Array(0);
  costAcc = new Float64Array(0);
  costFrom = new Float64Array(0);
  /** Burstable CPU: base performance in percent of one vCPU (0 = not burstable), credits banked, the cap. */
  creditBase = new Float32Array(0);
  credits = new Float32Array(0);
  creditMax = new Float32Array(0);
  /** Workloads part-way through a plan (provisioning, booting, stopping ...): what the UI shows progress for. */
  readonly inTransition = new Set<number>();
  /** Workloads with a hard memory limit, and burstable ones: the tick checks only these. */
  readonly limited: number[] = [];
  readonly burstable: number[] = [];
  /** Hyper-V Dynamic Memory settings of the workloads that have it on. */
  readonly dynamic = new Map<number, DynamicMemory>();

  get count(): number {
    return this.records.length;
  }

  indexOf(id: string): number | undefined {
    return this.byId.get(id);
  }

  get(id: string): Workload | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.records[i];
  }

  add(
    record: Omit<Workload, 'index'>,
    spec: {
      model: UtilizationModel;
      modelLevel: number;
      modelPhase: number;
      seed: number;
      overhead: number;
      cpuMilli: number;
      memoryMiB: number;
      diskMiB: number;
      shares: number;
    },
    now: number,
  ): Workload {
    // Every field spelled out, not spread: see HostTable.add.
    const w: Workload = {
      index: this.records.length,
      id: record.id,
      name: record.name,
      platform: record.platform,
      kind: record.kind,
      image: record.image,
      durations: record.durations,
      placement: record.placement,
      claim: record.claim,
      attrs: record.attrs,
      plan: record.plan,
    };
    this.reserve(w.index + 1);
    this.records.push(w);
    // An id can be used again once its workload is deleted; the old record stays, unnamed.
    this.byId.set(w.id, w.index);
    const i = w.index;
    this.state[i] = codeOf(WORKLOAD_STATES, 'stopped');
    this.target[i] = NO_TARGET;
    this.kind[i] = codeOf(WORKLOAD_KINDS, w.kind);
    this.host[i] = -1;
    this.claimId[i] = -1;
    this.claimId2[i] = -1;
    this.host2[i] = -1;
    this.level[i] = CLAIM_NONE;
    this.cpuMilli[i] = spec.cpuMilli;
    this.memoryMiB[i] = spec.memoryMiB;
    this.diskMiB[i] = spec.diskMiB;
    this.overhead[i] = spec.overhead;
    this.model[i] = codeOf(UTILIZATION_MODELS, spec.model);
    this.modelLevel[i] = spec.modelLevel;
    this.memLevel[i] = 0;
    this.modelPhase[i] = spec.modelPhase;
    this.seed[i] = spec.seed >>> 0;
    this.since[i] = now;
    this.runningSince[i] = -1;
    this.downSince[i] = now;
    this.backs[i] = -1;
    this.shares[i] = spec.shares;
    this.exitCode[i] = -1;
    this.costFrom[i] = now;
    return w;
  }

  stateOf(i: number): WorkloadState {
    return WORKLOAD_STATES[this.state[i]];
  }

  targetOf(i: number): WorkloadState | undefined {
    const t = this.target[i];
    return t === NO_TARGET ? undefined : WORKLOAD_STATES[t];
  }

  modelOf(i: number): UtilizationModel {
    return UTILIZATION_MODELS[this.model[i]];
  }

  /** Room for n workloads without growing: a caller that knows how many are coming saves the copies (and the garbage). */
  reserve(n: number): void {
    if (n <= this.state.length) return;
    this.state = ensureLength(this.state, n);
    this.target = ensureLength(this.target, n);
    this.kind = ensureLength(this.kind, n);
    this.host = ensureLength(this.host, n);
    this.claimId = ensureLength(this.claimId, n);
    this.claimId2 = ensureLength(this.claimId2, n);
    this.host2 = ensureLength(this.host2, n);
    this.level = ensureLength(this.level, n);
    this.cpuMilli = ensureLength(this.cpuMilli, n);
    this.memoryMiB = ensureLength(this.memoryMiB, n);
    this.diskMiB = ensureLength(this.diskMiB, n);
    this.overhead = ensureLength(this.overhead, n);
    this.model = ensureLength(this.model, n);
    this.modelLevel = ensureLength(this.modelLevel, n);
    this.memLevel = ensureLength(this.memLevel, n);
    this.modelPhase = ensureLength(this.modelPhase, n);
    this.seed = ensureLength(this.seed, n);
    this.burst = ensureLength(this.burst, n);
    this.demandCpu = ensureLength(this.demandCpu, n);
    this.demandMem = ensureLength(this.demandMem, n);
    this.granted = ensureLength(this.granted, n);
    this.reclaimed = ensureLength(this.reclaimed, n);
    this.cpuPct = ensureLength(this.cpuPct, n);
    this.memPct = ensureLength(this.memPct, n);
    this.since = ensureLength(this.since, n);
    this.runningSince = ensureLength(this.runningSince, n);
    this.downSince = ensureLength(this.downSince, n);
    this.token = ensureLength(this.token, n);
    this.backs = ensureLength(this.backs, n);
    this.shares = ensureLength(this.shares, n);
    this.memLimit = ensureLength(this.memLimit, n);
    this.restartPolicy = ensureLength(this.restartPolicy, n);
    this.restartMax = ensureLength(this.restartMax, n);
    this.restartCount = ensureLength(this.restartCount, n);
    this.exitCode = ensureLength(this.exitCode, n);
    this.userStopped = ensureLength(this.userStopped, n);
    this.restarting = ensureLength(this.restarting, n);
    this.billRate = ensureLength(this.billRate, n);
    this.costAcc = ensureLength(this.costAcc, n);
    this.costFrom = ensureLength(this.costFrom, n);
    this.creditBase = ensureLength(this.creditBase, n);
    this.credits = ensureLength(this.credits, n);
    this.creditMax = ensureLength(this.creditMax, n);
  }
}
