// A workload as a dump holds it, one entry per field: where the simulation keeps
// the field (get, for dump.ts) and how a restore puts it back (set, for
// restore.ts). WorkloadDump is this table's type, so a field added here is dumped
// and restored with nothing else to edit in the core, and the compiler then asks
// the estate file's table (estate/file-workload.ts) how the file writes it.

import { restoreClaims } from './claims.js';
import { type NoneMissing, noneLeft } from './complete.js';
import { type DiskFormat, recharge } from './datastores.js';
import type { DynamicMemory } from './dynamic-memory.js';
import { codeOf, KIND_OF_PLATFORM, UTILIZATION_MODELS, WORKLOAD_STATES } from './model.js';
import type { QuotaClaim } from './quotas.js';
import { fail, ok, type Result } from './result.js';
import type { Snapshot, SnapshotTree } from './snapshots.js';
import type { Core } from './state.js';
import { setIopsLimit } from './storage-io.js';
import type { Amounts } from './units.js';
import { type ClaimLevel, NO_PLAN, NO_TARGET, type PlanStep, type Workload, type WorkloadTable } from './workloads.js';

/** A disk on a shared datastore, as a dump holds it: the datastore by id. */
export interface DatastoreDiskDump {
  readonly id: string;
  readonly format: DiskFormat;
  readonly allocatedMiB: number;
  readonly carryMiB: number;
  /** A linked clone's: what its own delta disk claimed when it was made. */
  readonly linkedMiB: number | undefined;
}

/** What a workload holds on its host, by name: index = ClaimLevel (nothing, its disk, everything). */
export const CLAIM_LEVEL_NAMES = ['none', 'disk', 'full'] as const;
export type ClaimLevelName = (typeof CLAIM_LEVEL_NAMES)[number];

/** What restoring the workloads shares: set by one workload's fields, used by the steps after them all (restore.ts). */
export interface RestoreContext {
  /** The host each migrating workload is going to, by workload id. */
  readonly migrationTarget: ReadonlyMap<string, string>;
  /** The workloads whose disks go to a datastore with their migration (its target claims no disk). */
  readonly movingWithMigration: ReadonlySet<string>;
  /** Quota held by each workload, claimed once every quota is defined. */
  readonly quotaClaims: { readonly w: number; readonly claims: readonly QuotaClaim[] }[];
}

interface Field<T> {
  /** Workload w's value; undefined where it has none (its JSON leaves it out). */
  readonly get: (core: Core, w: number) => T;
  /** Puts the value back on workload w, which restore has just added with its record; a failure says why it cannot. */
  readonly set: (core: Core, w: number, value: T, ctx: RestoreContext) => Result<void> | undefined;
}

/** The record WorkloadTable.add takes, less its kind, which follows from the platform. */
type NewRecord = Omit<Workload, 'index' | 'kind'>;

interface RecordField<K extends keyof NewRecord, T> extends Field<T> {
  /** The record field it is: restore gives it to WorkloadTable.add as toRecord makes it. */
  readonly record: K;
  readonly toRecord: (value: T) => NewRecord[K];
}

function field<T>(f: Field<T>): Field<T> {
  return f;
}

/** A field of the workload's record, dumped as `out` copies it and restored as `back` makes it; `then` does what else it needs. */
function record<K extends keyof NewRecord, T = NewRecord[K]>(
  key: K,
  out: (value: NewRecord[K]) => T = (v) => v as unknown as T,
  back: (value: T) => NewRecord[K] = (v) => v as unknown as NewRecord[K],
  then?: (core: Core, w: number, value: T) => void,
): RecordField<K, T> {
  return {
    record: key,
    toRecord: back,
    get: (core, w) => out(core.workloads.records[w][key]),
    set: (core, w, value) => {
      then?.(core, w, value);
    },
  };
}

type NumberColumn = {
  [K in keyof WorkloadTable]: WorkloadTable[K] extends Float64Array | Float32Array | Uint32Array | Uint16Array | Uint8Array | Int32Array | Int16Array
    ? K
    : never;
}[keyof WorkloadTable];

/** A number kept in one of the workload table's columns. */
function column(key: NumberColumn): Field<number> {
  return field({
    get: (core, w) => core.workloads[key][w],
    set: (core, w, value) => {
      core.workloads[key][w] = value;
    },
  });
}

/** A yes or no kept in a column as 1 or 0. */
function flag(key: NumberColumn): Field<boolean> {
  return field({
    get: (core, w) => core.workloads[key][w] === 1,
    set: (core, w, value) => {
      core.workloads[key][w] = value ? 1 : 0;
    },
  });
}

/** Each field of a workload's dump, in the order a dump lists them. */
export const WORKLOAD_FIELDS = {
  id: record('id'),
  name: record('name'),
  platform: record('platform'),
  image: record('image'),
  cpuMilli: column('cpuMilli'),
  memoryMiB: column('memoryMiB'),
  diskMiB: column('diskMiB'),
  claim: record('claim', (c): Amounts => [c[0], c[1], c[2]]),
  state: field({
    get: (core, w) => core.workloads.stateOf(w),
    set: (core, w, state) => {
      core.workloads.state[w] = codeOf(WORKLOAD_STATES, state);
    },
  }),
  target: field({
    get: (core, w) => core.workloads.targetOf(w),
    set: (core, w, target) => {
      core.workloads.target[w] = target ? codeOf(WORKLOAD_STATES, target) : NO_TARGET;
    },
  }),
  /** Its disk's place on a shared datastore, where it has one: before its claims, which then hold no disk on its host. */
  datastore: field({
    get: (core, w): DatastoreDiskDump | undefined => {
      const p = core.datastores.disks.get(w);
      return p && { id: core.datastores.records[p.ds].id, format: p.format, allocatedMiB: p.allocatedMiB, carryMiB: p.carryMiB, linkedMiB: p.linkedMiB };
    },
    set: (core, w, disk) => {
      if (!disk) return;
      const { id, format, allocatedMiB, carryMiB, linkedMiB, ...rest } = disk;
      noneLeft(rest);
      const ds = core.datastores.indexOf(id);
      if (ds === undefined) return fail('invalid-input', `workload ${core.workloads.records[w].id}: no datastore named ${id}`);
      if (core.workloads.records[w].kind !== 'vm') return fail('invalid-input', `workload ${core.workloads.records[w].id}: only a VM's disk is on a datastore`);
      core.datastores.disks.set(w, { ds, format, allocatedMiB, carryMiB, chargedUsed: 0, chargedProv: 0, ...(linkedMiB === undefined ? {} : { linkedMiB }) });
      recharge(core, w);
    },
  }),
  /** Paused because its disk could not grow by this much, MiB: it waits for someone to answer Retry. */
  stunnedMiB: field({
    get: (core, w) => core.datastores.stunned.get(w),
    set: (core, w, need) => {
      if (need !== undefined) core.datastores.stunned.set(w, need);
    },
  }),
  /** The data disk its pause is for, by name (none: its own disk). */
  stunnedOn: field({
    get: (core, w) => (core.datastores.stunned.has(w) ? core.datastores.stunnedOn.get(w) : undefined),
    set: (core, w, name) => {
      if (name !== undefined && core.datastores.stunned.has(w)) core.datastores.stunnedOn.set(w, name);
    },
  }),
  /** Its disk's own IOPS limit (virsh blkdeviotune, Set-VMHardDiskDrive -MaximumIOPS), where one is set. */
  iopsLimit: field({
    get: (core, w) => core.datastores.io.limits.get(w),
    set: (core, w, iops) => {
      if (iops !== undefined) setIopsLimit(core, w, iops);
    },
  }),
  /** The host it is on, by id; its claim there is made with its level, next. */
  host: field({
    get: (core, w): string | undefined => (core.workloads.host[w] >= 0 ? core.hosts.records[core.workloads.host[w]].id : undefined),
    set: (core, w, id) => {
      if (id === undefined) return;
      const h = core.hosts.indexOf(id);
      if (h === undefined) return fail('invalid-input', `workload ${core.workloads.records[w].id}: no host named ${id}`);
      core.workloads.host[w] = h;
    },
  }),
  /** What it holds on its host: its claims are made again here, on its host and on a migration's target. */
  level: field({
    get: (core, w): ClaimLevelName => CLAIM_LEVEL_NAMES[core.workloads.level[w]],
    set: (core, w, level, ctx) => {
      const { id } = core.workloads.records[w];
      const to = ctx.migrationTarget.get(id);
      const target = to === undefined ? -1 : core.hosts.indexOf(to);
      if (target === undefined) return fail('invalid-input', `workload ${id} migration: no host named ${to}`);
      const host = core.workloads.host[w];
      if (level !== 'none' && host < 0) return fail('invalid-input', `workload ${id} holds a claim but has no host`);
      const claimed = restoreClaims(core, w, host, codeOf(CLAIM_LEVEL_NAMES, level) as ClaimLevel, target, ctx.movingWithMigration.has(id));
      return claimed.ok ? undefined : fail('invalid-input', `workload ${id}: ${claimed.error.message}`);
    },
  }),
  since: column('since'),
  runningSince: column('runningSince'),
  downSince: column('downSince'),
  token: column('token'),
  plan: record(
    'plan',
    (plan): readonly PlanStep[] => plan.map((s) => ({ state: s.state, ms: s.ms })),
    (plan) => (plan.length > 0 ? plan.map((s) => ({ ...s })) : NO_PLAN),
    (core, w, plan) => {
      if (plan.length > 0) core.workloads.inTransition.add(w);
    },
  ),
  model: field({
    get: (core, w) => {
      const wl = core.workloads;
      return {
        kind: wl.modelOf(w),
        level: wl.modelLevel[w],
        phase: wl.modelPhase[w],
        seed: wl.seed[w],
        bursting: wl.burst[w] === 1,
        /** Active memory as a share of its memory where a scenario set one. */
        memory: wl.memLevel[w] > 0 ? wl.memLevel[w] : undefined,
      };
    },
    set: (core, w, { kind, level, phase, seed, bursting, memory, ...rest }) => {
      noneLeft(rest);
      const wl = core.workloads;
      wl.model[w] = codeOf(UTILIZATION_MODELS, kind);
      wl.modelLevel[w] = level;
      wl.modelPhase[w] = phase;
      wl.seed[w] = seed;
      wl.burst[w] = bursting ? 1 : 0;
      wl.memLevel[w] = memory ?? 0;
    },
  }),
  overhead: column('overhead'),
  shares: column('shares'),
  durations: record('durations'),
  placement: record('placement'),
  attrs: record('attrs'),
  memoryLimitMiB: field({
    get: (core, w) => core.workloads.memLimit[w],
    set: (core, w, limit) => {
      core.workloads.memLimit[w] = limit;
      if (limit > 0) core.workloads.limited.push(w);
    },
  }),
  restart: field({
    get: (core, w) => {
      const wl = core.workloads;
      return { policy: wl.restartPolicy[w], max: wl.restartMax[w], count: wl.restartCount[w], pending: wl.restarting[w] === 1 };
    },
    set: (core, w, { policy, max, count, pending, ...rest }) => {
      noneLeft(rest);
      const wl = core.workloads;
      wl.restartPolicy[w] = policy;
      wl.restartMax[w] = max;
      wl.restartCount[w] = count;
      wl.restarting[w] = pending ? 1 : 0;
    },
  }),
  exitCode: column('exitCode'),
  userStopped: flag('userStopped'),
  billing: field({
    get: (core, w) => {
      const wl = core.workloads;
      return { ratePerHour: wl.billRate[w], accrued: wl.costAcc[w], accruedAt: wl.costFrom[w] };
    },
    set: (core, w, { ratePerHour, accrued, accruedAt, ...rest }) => {
      noneLeft(rest);
      const wl = core.workloads;
      wl.billRate[w] = ratePerHour;
      wl.costAcc[w] = accrued;
      wl.costFrom[w] = accruedAt;
    },
  }),
  /** Burstable CPU, where it has it. */
  credits: field({
    get: (core, w) => {
      const wl = core.workloads;
      return wl.creditMax[w] > 0 ? { basePct: wl.creditBase[w], balance: wl.credits[w], max: wl.creditMax[w] } : undefined;
    },
    set: (core, w, credits) => {
      if (!credits) return;
      const { basePct, balance, max, ...rest } = credits;
      noneLeft(rest);
      const wl = core.workloads;
      wl.creditBase[w] = basePct;
      wl.credits[w] = balance;
      wl.creditMax[w] = max;
      wl.burstable.push(w);
    },
  }),
  dynamicMemory: field({
    get: (core, w): DynamicMemory | undefined => {
      const dm = core.workloads.dynamic.get(w);
      return dm ? { ...dm } : undefined;
    },
    set: (core, w, dm) => {
      if (dm) core.workloads.dynamic.set(w, { ...dm });
    },
  }),
  quota: field({
    get: (core, w): readonly QuotaClaim[] => core.quotas.heldBy(w).map((q) => ({ ...q })),
    set: (_core, w, claims, ctx) => {
      ctx.quotaClaims.push({ w, claims });
    },
  }),
  snapshots: field({
    get: (core, w): SnapshotTree | undefined => {
      // peek, not of: a read that made an empty tree for every workload left a save 100,000 of them to keep,
      // and every tick after it to walk (snapshot-writes.ts goes through the trees each tick).
      const tree = core.snapshots.peek(w);
      if (!tree || tree.list.length === 0) return undefined;
      return { current: tree.current, runningMiB: tree.runningMiB, carryMiB: tree.carryMiB, list: tree.list.map((s): Snapshot => ({ ...s })) };
    },
    set: (core, w, snapshots) => {
      if (!snapshots) return;
      const { current, runningMiB, carryMiB, list, ...rest } = snapshots;
      noneLeft(rest);
      const tree = core.snapshots.of(w);
      tree.list.push(...list.map((s) => ({ ...s, parent: s.parent, description: s.description })));
      tree.current = current;
      tree.runningMiB = runningMiB;
      tree.carryMiB = carryMiB;
    },
  }),
  /** The last tick's figures, so views read the same right after loading. */
  metrics: field({
    get: (core, w) => {
      const wl = core.workloads;
      return {
        cpuPct: wl.cpuPct[w],
        memPct: wl.memPct[w],
        demandCpu: wl.demandCpu[w],
        demandMem: wl.demandMem[w],
        grantedMiB: wl.granted[w] > 0 ? wl.granted[w] : undefined,
        reclaimedMiB: wl.reclaimed[w] > 0 ? wl.reclaimed[w] : undefined,
      };
    },
    set: (core, w, { cpuPct, memPct, demandCpu, demandMem, grantedMiB, reclaimedMiB, ...rest }) => {
      noneLeft(rest);
      const wl = core.workloads;
      wl.cpuPct[w] = cpuPct;
      wl.memPct[w] = memPct;
      wl.demandCpu[w] = demandCpu;
      wl.demandMem[w] = demandMem;
      wl.granted[w] = grantedMiB ?? 0;
      wl.reclaimed[w] = reclaimedMiB ?? 0;
    },
  }),
};

type Fields = typeof WORKLOAD_FIELDS;

/** A workload as plain data, in the core's units: each field as its entry above gets it. */
export type WorkloadDump = { readonly [K in keyof Fields]: ReturnType<Fields[K]['get']> };

/** Every field of the workload's record has its entry above: the compiler names any that does not. */
export type RecordFieldsDumped = NoneMissing<
  Exclude<keyof NewRecord, { [K in keyof Fields]: Fields[K] extends { readonly record: infer R } ? R : never }[keyof Fields]>
>;

type AnyField = Field<unknown> | RecordField<keyof NewRecord, unknown>;
const ENTRIES = Object.entries(WORKLOAD_FIELDS) as [keyof Fields, AnyField][];
const RECORD_ENTRIES = ENTRIES.filter((e): e is [keyof Fields, RecordField<keyof NewRecord, unknown>] => 'record' in e[1]);

// Objects are made as copies of these, with every field already there, then each field set: an object given
// many fields one by one, named by a variable, is made a hash table, slower to make, read and collect (a dump
// of 100,000 workloads took three times as long).
/** A dump with every field, none set. */
export const NO_FIELDS = Object.fromEntries(ENTRIES.map(([key]) => [key, undefined])) as unknown as Readonly<Record<keyof Fields, undefined>>;
const NO_RECORD = Object.fromEntries([['kind', undefined], ...RECORD_ENTRIES.map(([, f]) => [f.record, undefined])]) as Readonly<Record<string, undefined>>;

export function dumpWorkload(core: Core, w: number): WorkloadDump {
  const out: Record<string, unknown> = { ...NO_FIELDS };
  for (const [key, f] of ENTRIES) out[key] = f.get(core, w);
  return out as WorkloadDump;
}

/** WorkloadTable.add's figures, each of which a field above then sets from the dump. */
const UNSET = { model: 'idle', modelLevel: 0, modelPhase: 0, seed: 0, overhead: 0, cpuMilli: 0, memoryMiB: 0, diskMiB: 0, shares: 0 } as const;

/** Adds the workload a dump describes, field by field; a failure says why it cannot be. */
export function restoreWorkload(core: Core, x: WorkloadDump, ctx: RestoreContext): Result<number> {
  const values = x as unknown as Record<keyof Fields, unknown>;
  const rec: Record<string, unknown> = { ...NO_RECORD };
  rec.kind = KIND_OF_PLATFORM[x.platform];
  for (const [key, f] of RECORD_ENTRIES) rec[f.record] = f.toRecord(values[key]);
  const w = core.workloads.add(rec as unknown as Omit<Workload, 'index'>, UNSET, x.since).index;
  for (const [key, f] of ENTRIES) {
    const done = f.set(core, w, values[key], ctx);
    if (done && !done.ok) return done;
  }
  return ok(w);
}
