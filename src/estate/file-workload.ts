// A workload in an estate file, field by field: what the file may hold (its
// schema), how a reader makes the dump's field of it, filling in what a
// hand-written file leaves out, and how a writer puts the dump's field down,
// leaving out what a reader would fill in the same. WORKLOAD_FILE has one entry
// for each field of the core's WorkloadDump (core/workload-dump.ts) and the schema
// one field for each entry, both checked by the compiler: a field the core adds is
// an error here until it is read and written.
import * as z from 'zod';
import { MAX_TIME_MS } from '../core/clock.js';
import { type Mirror, type NoneMissing, noneLeft } from '../core/complete.js';
import { DISK_FORMATS } from '../core/datastores.js';
import type { WorkloadDump } from '../core/dump-types.js';
import { claimLevel, planLevel } from '../core/lifecycle.js';
import { KIND_OF_PLATFORM, PLACEMENT_POLICIES, PLATFORMS, type Platform, UTILIZATION_MODELS, WORKLOAD_STATES, type WorkloadState } from '../core/model.js';
import { own } from '../core/own.js';
import { hash32 } from '../core/prng.js';
import { RESTART_POLICIES } from '../core/restart.js';
import { MAX_IOPS } from '../core/storage-io.js';
import { CLAIM_LEVEL_NAMES, NO_FIELDS } from '../core/workload-dump.js';
import type { Durations, PlanStep } from '../core/workloads.js';
import { DEFAULT_STARTUP_MIB } from '../providers/hyperv/defaults.js';
import { type FileValues, sizeText } from './file-values.js';
import { DEFAULT_DISK_MIB, defaultShares, PLATFORM_DURATIONS, PLATFORM_OVERHEAD } from './platform-defaults.js';

/** A workload as the file holds it (built with the rest of the schema, on first use). */
export function workloadSchema({ name, text, count, ms, size, durations, attrValue }: FileValues) {
  const snapshot = z.strictObject({
    name,
    parent: name.optional(),
    description: text(10_000).optional(),
    createdAt: ms.optional(),
    vcpus: z.number().positive(),
    memory: size,
    disk: size,
    power: z.enum(['running', 'paused', 'suspended', 'stopped']),
    withMemory: z.boolean().optional(),
    size: size.optional(),
    delta: size.optional(),
  });
  return z.strictObject({
    id: name,
    name: name.optional(),
    platform: z.enum(PLATFORMS),
    image: text(500).optional(),
    vcpus: z.number().positive().max(100_000),
    memory: size,
    disk: size.optional(),
    claim: z.strictObject({ vcpus: z.number().min(0), memory: size, disk: size }).optional(),
    state: z.enum(WORKLOAD_STATES),
    target: z.enum(WORKLOAD_STATES).optional(),
    host: name.optional(),
    level: z.enum(CLAIM_LEVEL_NAMES).optional(),
    since: ms.optional(),
    runningSince: z.number().int().min(-1).max(MAX_TIME_MS).optional(),
    downSince: z.number().int().min(-1).max(MAX_TIME_MS).optional(),
    token: count.optional(),
    plan: z
      .array(z.strictObject({ state: z.enum(WORKLOAD_STATES), ms }))
      .max(10)
      .optional(),
    model: z
      .strictObject({
        kind: z.enum(UTILIZATION_MODELS),
        level: z.number().min(0).max(1).optional(),
        memory: z.number().gt(0).max(1).optional(),
        phase: z.number().min(0).lt(1).optional(),
        seed: count.max(4294967295).optional(),
        bursting: z.boolean().optional(),
      })
      .optional(),
    overhead: z.number().min(0).max(1).optional(),
    shares: z.number().int().min(2).max(262_144).optional(),
    durations: z.union([name, durations]).optional(),
    placement: z
      .strictObject({
        policy: z.enum(PLACEMENT_POLICIES),
        tieBreak: z.enum(['id', 'random']).optional(),
        site: name.optional(),
        cluster: name.optional(),
        affinityGroup: name.optional(),
        antiAffinityGroup: name.optional(),
      })
      .optional(),
    attrs: z.record(text(100), attrValue).optional(),
    memoryLimit: size.optional(),
    restart: z
      .strictObject({
        policy: z.enum(RESTART_POLICIES),
        maxRetries: count.max(65535).optional(),
        count: count.max(65535).optional(),
        pending: z.boolean().optional(),
      })
      .optional(),
    exitCode: z.number().int().min(-1).max(255).optional(),
    userStopped: z.boolean().optional(),
    billing: z.strictObject({ ratePerHour: z.number().min(0), accrued: z.number().min(0).optional(), accruedAt: ms.optional() }).optional(),
    credits: z.strictObject({ basePct: z.number().min(0), balance: z.number().min(0), max: z.number().min(0) }).optional(),
    dynamicMemory: z.strictObject({ minimum: size, maximum: size, bufferPct: z.number().min(5).max(2000), startup: size.optional() }).optional(),
    quota: z
      .array(z.strictObject({ key: name, amount: z.number().min(0) }))
      .max(20)
      .optional(),
    /** Its disk on a shared datastore: thin, thick (lazy-zeroed) or eager (thick eager-zeroed); what a thin one has written. */
    datastore: z
      .strictObject({ id: name, format: z.enum(DISK_FORMATS), allocated: size.optional(), carry: z.number().min(0).max(1).optional(), linked: size.optional() })
      .optional(),
    /** Paused because its disk could not grow by this much: it waits for someone to answer Retry. */
    stunned: size.optional(),
    /** The data disk, by name, that could not grow (none: its own disk). */
    stunnedOn: z.string().min(1).max(255).optional(),
    /** Its disk's own IOPS limit (8 KiB IOPS), where one is set. */
    iopsLimit: z.number().int().positive().max(MAX_IOPS).optional(),
    snapshots: z
      .strictObject({ current: name.optional(), running: size.optional(), carry: z.number().min(0).max(1).optional(), list: z.array(snapshot).max(1000) })
      .optional(),
    metrics: z
      .strictObject({
        cpuPct: z.number().min(0),
        memPct: z.number().min(0),
        demandCpu: z.number().min(0),
        demandMem: z.number().min(0),
        grantedMiB: z.number().min(0).max(1e12).optional(),
        reclaimedMiB: z.number().min(0).max(1e12).optional(),
      })
      .optional(),
  });
}

export type FileWorkload = z.output<ReturnType<typeof workloadSchema>>;
export type FileWorkloadInput = z.input<ReturnType<typeof workloadSchema>>;

/** What a workload's defaults depend on besides the workload. */
export interface ReadContext {
  /** The estate's clock: a hand-written workload changed state when the file starts. */
  readonly now: number;
  /** The estate's seed, from which a workload's own is drawn where it has none. */
  readonly seed: number;
  /** Duration profiles by name: the platforms' and the file's own. */
  readonly profiles: Readonly<Record<string, Durations>>;
}

export interface WriteContext {
  /** The name of the profile a workload's durations are written as. */
  readonly profileOf: (d: Durations) => string;
  /** The estate's clock: a time equal to it is left for a reader to fill in. */
  readonly now: number;
}

interface Conversion<K extends keyof WorkloadDump, F extends keyof FileWorkloadInput> {
  /** The dump's field from the file's workload, what it leaves out filled in. */
  readonly read: (w: FileWorkload, c: ReadContext) => WorkloadDump[K];
  /** The file's field from the dump's, or undefined to leave it out (a reader fills it in the same). */
  readonly write: (value: WorkloadDump[K], d: WorkloadDump, c: WriteContext) => FileWorkloadInput[F] | undefined;
}

/** A field the file names as the dump does, or one it names otherwise (`file`). */
type Entry<K extends keyof WorkloadDump> = K extends keyof FileWorkloadInput
  ? Conversion<K, K> & { readonly file?: undefined }
  : { [F in keyof FileWorkloadInput]: Conversion<K, F> & { readonly file: F } }[keyof FileWorkloadInput];

const kindOf = (w: FileWorkload) => KIND_OF_PLATFORM[w.platform];
const milli = (vcpus: number) => Math.round(vcpus * 1000);
/** A workload's disk as the file means it: its own, or its kind's default (so is a host's inside it: file-read.ts). */
export const diskOf = (w: FileWorkload) => w.disk ?? DEFAULT_DISK_MIB[kindOf(w)];
const sinceOf = (w: FileWorkload, c: ReadContext) => w.since ?? c.now;
/** The claim a workload's state and plan imply: what a file that names none means. */
const levelOf = (platform: Platform, state: WorkloadState, target: WorkloadState | undefined, plan: readonly PlanStep[] | undefined) =>
  CLAIM_LEVEL_NAMES[plan?.length ? planLevel(KIND_OF_PLATFORM[platform], plan) : claimLevel(KIND_OF_PLATFORM[platform], state, target)];
const runningSinceOf = (state: WorkloadState, since: number) => (state === 'running' ? since : -1);
/** When a workload last stopped answering, where the file says not: for one not running, when it entered its state; for one running, not known. */
const downSinceOf = (state: WorkloadState, since: number) => (state === 'running' ? -1 : since);
const NO_METRICS = { cpuPct: 0, memPct: 0, demandCpu: 0, demandMem: 0, grantedMiB: undefined, reclaimedMiB: undefined } as const;

/** Each field of a workload's dump as the file has it, in the order a file lists them. */
export const WORKLOAD_FILE = {
  id: { read: (w) => w.id, write: (id) => id },
  name: { read: (w) => w.name ?? w.id, write: (name, d) => (name !== d.id ? name : undefined) },
  platform: { read: (w) => w.platform, write: (platform) => platform },
  image: { read: (w) => w.image ?? '', write: (image) => image || undefined },
  cpuMilli: { file: 'vcpus', read: (w) => milli(w.vcpus), write: (cpuMilli) => cpuMilli / 1000 },
  memoryMiB: { file: 'memory', read: (w) => w.memory, write: (mib) => sizeText(mib) },
  diskMiB: { file: 'disk', read: diskOf, write: (mib, d) => (mib !== DEFAULT_DISK_MIB[KIND_OF_PLATFORM[d.platform]] ? sizeText(mib) : undefined) },
  claim: {
    read: (w) => (w.claim ? [milli(w.claim.vcpus), w.claim.memory, w.claim.disk] : [milli(w.vcpus), w.memory, diskOf(w)]),
    // Left out when it is the workload's own size, as it is for every workload but a resized one.
    write: ([cpuMilli, memoryMiB, diskMiB], d) =>
      cpuMilli === d.cpuMilli && memoryMiB === d.memoryMiB && diskMiB === d.diskMiB
        ? undefined
        : { vcpus: cpuMilli / 1000, memory: sizeText(memoryMiB), disk: sizeText(diskMiB) },
  },
  state: { read: (w) => w.state, write: (state) => state },
  target: { read: (w) => w.target, write: (target) => target },
  host: { read: (w) => w.host, write: (host) => host },
  level: {
    read: (w) => w.level ?? levelOf(w.platform, w.state, w.target, w.plan),
    write: (level, d) => (level !== levelOf(d.platform, d.state, d.target, d.plan) ? level : undefined),
  },
  since: { read: sinceOf, write: (since, _d, c) => (since !== c.now ? since : undefined) },
  runningSince: {
    read: (w, c) => w.runningSince ?? runningSinceOf(w.state, sinceOf(w, c)),
    write: (ms, d) => (ms !== runningSinceOf(d.state, d.since) ? ms : undefined),
  },
  downSince: {
    read: (w, c) => w.downSince ?? downSinceOf(w.state, sinceOf(w, c)),
    write: (ms, d) => (ms !== downSinceOf(d.state, d.since) ? ms : undefined),
  },
  token: { read: (w) => w.token ?? 0, write: (token) => token || undefined },
  plan: { read: (w) => w.plan ?? [], write: (plan) => (plan.length ? plan.map((s) => ({ ...s })) : undefined) },
  model: {
    read: (w, c) => ({
      kind: w.model?.kind ?? 'steady',
      level: w.model?.level ?? 0.3,
      phase: w.model?.phase ?? 0,
      seed:
        w.model?.seed ??
        hash32(
          c.seed,
          [...w.id].reduce((a, ch) => hash32(a, ch.charCodeAt(0)), 7),
        ),
      bursting: w.model?.bursting ?? false,
      memory: w.model?.memory || undefined,
    }),
    write: ({ kind, level, phase, seed, bursting, memory, ...rest }) => {
      noneLeft(rest);
      return { kind, level, ...(memory ? { memory } : {}), phase, seed, ...(bursting ? { bursting: true } : {}) };
    },
  },
  // The core keeps the overhead as a 32-bit float: the platform's 0.15 comes back as 0.15000000596046448.
  overhead: {
    read: (w) => w.overhead ?? PLATFORM_OVERHEAD[w.platform],
    write: (overhead, d) => (overhead !== Math.fround(PLATFORM_OVERHEAD[d.platform]) && overhead !== PLATFORM_OVERHEAD[d.platform] ? overhead : undefined),
  },
  shares: {
    read: (w) => w.shares ?? defaultShares(w.platform, w.vcpus),
    write: (shares, d) => (shares !== defaultShares(d.platform, d.cpuMilli / 1000) ? shares : undefined),
  },
  durations: {
    read: (w, c) => (typeof w.durations === 'object' ? w.durations : (own(c.profiles, w.durations ?? w.platform) ?? PLATFORM_DURATIONS[w.platform])),
    write: (durations, _d, c) => c.profileOf(durations),
  },
  placement: {
    read: (w) => w.placement ?? { policy: 'spread' },
    // Without its empty fields; nothing at all for plain spread.
    write: (placement) => {
      const clean = Object.fromEntries(Object.entries(placement).filter(([, v]) => v !== undefined)) as typeof placement;
      return clean.policy === 'spread' && Object.keys(clean).length === 1 ? undefined : clean;
    },
  },
  attrs: { read: (w) => w.attrs ?? {}, write: (attrs) => (Object.keys(attrs).length ? { ...attrs } : undefined) },
  memoryLimitMiB: { file: 'memoryLimit', read: (w) => w.memoryLimit ?? 0, write: (mib) => (mib > 0 ? sizeText(mib) : undefined) },
  restart: {
    read: (w) => ({
      policy: RESTART_POLICIES.indexOf(w.restart?.policy ?? 'no'),
      max: w.restart?.maxRetries ?? 0,
      count: w.restart?.count ?? 0,
      pending: w.restart?.pending ?? false,
    }),
    write: ({ policy, max, count, pending, ...rest }) => {
      noneLeft(rest);
      if (policy === 0 && count === 0 && !pending) return undefined;
      return { policy: RESTART_POLICIES[policy], ...(max ? { maxRetries: max } : {}), ...(count ? { count } : {}), ...(pending ? { pending: true } : {}) };
    },
  },
  exitCode: { read: (w) => w.exitCode ?? -1, write: (code) => (code >= 0 ? code : undefined) },
  userStopped: { read: (w) => w.userStopped ?? false, write: (stopped) => stopped || undefined },
  billing: {
    // Cost is accrued at every change of state, so it was last accrued when the state last changed.
    read: (w, c) => ({ ratePerHour: w.billing?.ratePerHour ?? 0, accrued: w.billing?.accrued ?? 0, accruedAt: w.billing?.accruedAt ?? sinceOf(w, c) }),
    write: ({ ratePerHour, accrued, accruedAt, ...rest }) => {
      noneLeft(rest);
      return ratePerHour > 0 || accrued > 0 ? { ratePerHour, accrued, accruedAt } : undefined;
    },
  },
  credits: { read: (w) => w.credits, write: (credits) => credits && { ...credits } },
  dynamicMemory: {
    // Files from before the startup memory was kept: a VM that is off claims its startup memory; one that runs claims
    // what it was assigned (then sized by its maximum, often its whole host), so Hyper-V's default startup is taken.
    read: ({ dynamicMemory: dm, claim, state }) =>
      dm && {
        minimumMiB: dm.minimum,
        maximumMiB: dm.maximum,
        bufferPct: dm.bufferPct,
        startupMiB: dm.startup ?? Math.min(dm.maximum, Math.max(dm.minimum, state === 'stopped' && claim ? claim.memory : DEFAULT_STARTUP_MIB)),
      },
    write: (dm) => {
      if (!dm) return undefined;
      const { minimumMiB, maximumMiB, bufferPct, startupMiB, ...rest } = dm;
      noneLeft(rest);
      return { minimum: sizeText(minimumMiB), maximum: sizeText(maximumMiB), bufferPct, startup: sizeText(startupMiB) };
    },
  },
  datastore: {
    // A thick disk is allocated whole.
    read: (w) =>
      w.datastore && {
        id: w.datastore.id,
        format: w.datastore.format,
        allocatedMiB: w.datastore.allocated ?? (w.datastore.format === 'thin' ? 0 : diskOf(w)),
        carryMiB: w.datastore.carry ?? 0,
        linkedMiB: w.datastore.linked,
      },
    write: (d, dd) => {
      if (!d) return undefined;
      const { id, format, allocatedMiB, carryMiB, linkedMiB, ...rest } = d;
      noneLeft(rest);
      return {
        id,
        format,
        ...(format === 'thin' || allocatedMiB !== dd.diskMiB ? { allocated: sizeText(allocatedMiB) } : {}),
        ...(carryMiB ? { carry: carryMiB } : {}),
        ...(linkedMiB === undefined ? {} : { linked: sizeText(linkedMiB) }),
      };
    },
  },
  iopsLimit: { read: (w) => w.iopsLimit, write: (iops) => iops },
  stunnedMiB: { file: 'stunned', read: (w) => w.stunned, write: (need) => (need === undefined ? undefined : sizeText(need)) },
  stunnedOn: { read: (w) => w.stunnedOn, write: (name) => name },
  quota: { read: (w) => w.quota ?? [], write: (quota) => (quota.length ? quota.map((q) => ({ ...q })) : undefined) },
  snapshots: {
    read: ({ snapshots: tree }, c) =>
      tree && {
        current: tree.current || undefined,
        runningMiB: tree.running ?? 0,
        carryMiB: tree.carry ?? 0,
        list: tree.list.map((s) => ({
          name: s.name,
          parent: s.parent || undefined,
          description: s.description ?? '',
          createdAt: s.createdAt ?? c.now,
          cpuMilli: milli(s.vcpus),
          memoryMiB: s.memory,
          diskMiB: s.disk,
          power: s.power,
          withMemory: s.withMemory ?? false,
          sizeMiB: s.size ?? 0,
          deltaMiB: s.delta ?? 0,
        })),
      },
    write: (tree) => {
      if (!tree) return undefined;
      const { current, runningMiB, carryMiB, list, ...rest } = tree;
      noneLeft(rest);
      return {
        ...(current ? { current } : {}),
        ...(runningMiB ? { running: sizeText(runningMiB) } : {}),
        ...(carryMiB ? { carry: carryMiB } : {}),
        list: list.map(({ name, parent, description, createdAt, cpuMilli, memoryMiB, diskMiB, power, withMemory, sizeMiB, deltaMiB, ...rest }) => {
          noneLeft(rest);
          return {
            name,
            ...(parent ? { parent } : {}),
            ...(description ? { description } : {}),
            createdAt,
            vcpus: cpuMilli / 1000,
            memory: sizeText(memoryMiB),
            disk: sizeText(diskMiB),
            power,
            withMemory,
            size: sizeText(sizeMiB),
            ...(deltaMiB ? { delta: sizeText(deltaMiB) } : {}),
          };
        }),
      };
    },
  },
  metrics: {
    read: ({ metrics: m }) =>
      m
        ? { cpuPct: m.cpuPct, memPct: m.memPct, demandCpu: m.demandCpu, demandMem: m.demandMem, grantedMiB: m.grantedMiB, reclaimedMiB: m.reclaimedMiB }
        : { ...NO_METRICS },
    // None for a workload that has not been measured yet (every workload of an estate that has not ticked).
    write: (metrics) =>
      metrics.cpuPct || metrics.memPct || metrics.demandCpu || metrics.demandMem || metrics.grantedMiB !== undefined || metrics.reclaimedMiB !== undefined
        ? { ...metrics }
        : undefined,
  },
} satisfies { readonly [K in keyof WorkloadDump]-?: Entry<K> };

type Written = {
  [K in keyof typeof WORKLOAD_FILE]: (typeof WORKLOAD_FILE)[K] extends { readonly file: infer F extends string } ? F : K;
}[keyof typeof WORKLOAD_FILE];

/** Every field of the file's workload is written by an entry above: the compiler names any that is not. */
export type FileFieldsWritten = NoneMissing<Exclude<keyof FileWorkloadInput, Written>>;

/** The fields the file holds as the core does agree with the core's, all the way down. */
export type SameAsTheCore = [
  NoneMissing<Mirror<NonNullable<FileWorkload['plan']>, WorkloadDump['plan']>>,
  NoneMissing<Mirror<NonNullable<FileWorkload['placement']>, WorkloadDump['placement']>>,
  NoneMissing<Mirror<NonNullable<FileWorkload['attrs']>, WorkloadDump['attrs']>>,
  NoneMissing<Mirror<NonNullable<FileWorkload['credits']>, NonNullable<WorkloadDump['credits']>>>,
  NoneMissing<Mirror<NonNullable<FileWorkload['quota']>, WorkloadDump['quota']>>,
  NoneMissing<Mirror<NonNullable<FileWorkload['metrics']>, WorkloadDump['metrics']>>,
  NoneMissing<Mirror<Exclude<FileWorkload['durations'], string | undefined>, WorkloadDump['durations']>>,
];

type Converting = { readonly file?: string; read(w: FileWorkload, c: ReadContext): unknown; write(value: unknown, d: WorkloadDump, c: WriteContext): unknown };
const ENTRIES = Object.entries(WORKLOAD_FILE) as unknown as [keyof WorkloadDump, Converting][];
/** A file's workload with every field, none set (see NO_FIELDS in core/workload-dump.ts). */
const NO_FILE_FIELDS = Object.fromEntries(ENTRIES.map(([key, entry]) => [entry.file ?? key, undefined])) as Readonly<Record<string, undefined>>;

/** The dump of a workload the file describes (what it says checked first: see file-read.ts). */
export function readWorkload(w: FileWorkload, c: ReadContext): WorkloadDump {
  // Every field set on a copy of one with all of them, as core/workload-dump.ts makes a dump, for the same reason.
  const out: Record<string, unknown> = { ...NO_FIELDS };
  for (const [key, entry] of ENTRIES) out[key] = entry.read(w, c);
  return out as WorkloadDump;
}

/** A workload as the file writes it: what a reader would fill in the same is undefined, left out of the JSON. */
export function writeWorkload(d: WorkloadDump, c: WriteContext): FileWorkloadInput {
  const out: Record<string, unknown> = { ...NO_FILE_FIELDS };
  for (const [key, entry] of ENTRIES) out[entry.file ?? key] = entry.write(d[key], d, c);
  return out as FileWorkloadInput;
}
