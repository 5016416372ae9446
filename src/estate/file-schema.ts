// The estate file, as zod checks it: every problem comes back with its path
// ("hosts[3].memory: expected a size like 64GiB, got -4"). Sizes may be written
// as "64GiB", "512MiB", "1.5TiB" or a number of MiB; most fields may be left out
// of a hand-written file and take a sensible default.
import * as z from 'zod';
import { MAX_TIME_MS } from '../core/clock.js';
import { HOST_STATES, PLACEMENT_POLICIES, PLATFORMS, SITE_KINDS, UTILIZATION_MODELS, WORKLOAD_STATES } from '../core/model.js';
import { parseSizeMiB } from '../core/units.js';
import { CONTROL_CHARS } from '../core/validate.js';
import { HOST_METRIC_KEYS } from './migrate.js';

export const FORMAT = 'hyperpane-estate';
export const VERSION = 3;

/**
 * The largest size anything may have, in MiB: 1 EiB, room for a cloud region's
 * pooled capacity (the hybrid preset's is 1,000,000 TiB of storage) while 8,192
 * of them still sum to an exact integer.
 */
export const MAX_SIZE_MIB = 2 ** 40;

let built: ReturnType<typeof build> | undefined;

/** The schema of an estate file, built on first use: it is a few hundred zod schemas, and a start on a built-in estate never reads a file. */
export function estateFileSchema(): ReturnType<typeof build> {
  return (built ??= build());
}

function build() {
  const NO_CONTROLS = new RegExp(`^[^${CONTROL_CHARS.source.slice(1, -1)}]*$`);
  const name = z.string().min(1).max(253).regex(NO_CONTROLS, 'must not contain control characters');
  /** Free text shown on screen: no control characters, which would reach the terminal as escapes. */
  const text = (max: number) => z.string().max(max).regex(NO_CONTROLS, 'must not contain control characters');
  const count = z.number().int().min(0);
  /** A simulated time or duration, in ms: up to the end of simulated time. */
  const ms = z.number().int('a whole number of ms').min(0).max(MAX_TIME_MS, `a time of at most ${MAX_TIME_MS} ms (1,000 years)`);

  /** A size: "64GiB", "512MiB", "1.5TiB", or a whole number of MiB. */
  const size = z.union([z.number(), z.string()]).transform((v, ctx) => {
    const mib = typeof v === 'number' ? v : parseSizeMiB(v);
    if (mib === null || !Number.isFinite(mib) || mib < 0 || !Number.isInteger(mib)) {
      ctx.addIssue({ code: 'custom', message: `expected a size like 64GiB, got ${JSON.stringify(v)}` });
      return z.NEVER;
    }
    if (mib > MAX_SIZE_MIB) {
      ctx.addIssue({ code: 'custom', message: `expected a size up to 1EiB (1048576TiB), got ${JSON.stringify(v)}` });
      return z.NEVER;
    }
    return mib;
  });

  const range = z.tuple([ms, ms]).refine(([lo, hi]) => lo <= hi, 'the first number is the shortest time and may not exceed the second');
  const durations = z.strictObject({ provision: range, boot: range, stop: range, suspend: range, resume: range, deallocate: range });

  const ha = z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('percentage'), cpuPct: z.number().min(0).max(100), memoryPct: z.number().min(0).max(100) }),
    z.strictObject({ kind: z.literal('slots'), hostFailures: z.number().int().min(1).max(31) }),
  ]);

  const site = z.strictObject({ id: name, name: name.optional(), kind: z.enum(SITE_KINDS), location: text(200).optional() });
  // An overcommit ratio: 0.01 to 1000, or null for no admission limit (JSON has no Infinity).
  const ratio = z.number().min(0.01).max(1000).nullable();
  const ratios = z.strictObject({ cpu: ratio.optional(), memory: ratio.optional(), storage: ratio.optional() });
  const cluster = z.strictObject({
    id: name,
    name: name.optional(),
    site: name,
    platform: z.enum(PLATFORMS),
    ha: ha.optional(),
    haRestart: z.boolean().optional(),
    allocationRatios: ratios.optional(),
  });

  const host = z.strictObject({
    id: name,
    name: name.optional(),
    cluster: name,
    cores: z.number().int().min(0).max(10_000_000).optional(),
    memory: size.optional(),
    storage: size.optional(),
    nicMbps: z.number().positive().max(1_000_000).optional(),
    reserved: z.strictObject({ cpuMilli: count.optional(), memory: size.optional(), storage: size.optional() }).optional(),
    ratios: ratios.optional(),
    state: z.enum(HOST_STATES).optional(),
    power: z.strictObject({ idleW: z.number().min(0), maxW: z.number().min(0) }).optional(),
    inVm: name.optional(),
    /** The figures of the last tick, so a reloaded estate shows what it showed. */
    metrics: z.strictObject(Object.fromEntries(HOST_METRIC_KEYS.map((k) => [k, z.number().finite().optional()]))).optional(),
  });

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

  const attrValue = z.union([text(10_000), z.number().finite(), z.boolean()]);

  const workload = z.strictObject({
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
    level: z.enum(['none', 'disk', 'full']).optional(),
    since: ms.optional(),
    runningSince: z.number().int().min(-1).max(MAX_TIME_MS).optional(),
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
        policy: z.enum(['no', 'on-failure', 'always', 'unless-stopped']),
        maxRetries: count.max(65535).optional(),
        count: count.max(65535).optional(),
        pending: z.boolean().optional(),
      })
      .optional(),
    exitCode: z.number().int().min(-1).max(255).optional(),
    userStopped: z.boolean().optional(),
    billing: z.strictObject({ ratePerHour: z.number().min(0), accrued: z.number().min(0).optional(), accruedAt: ms.optional() }).optional(),
    credits: z.strictObject({ basePct: z.number().min(0), balance: z.number().min(0), max: z.number().min(0) }).optional(),
    dynamicMemory: z.strictObject({ minimum: size, maximum: size, bufferPct: z.number().min(5).max(2000) }).optional(),
    quota: z
      .array(z.strictObject({ key: name, amount: z.number().min(0) }))
      .max(20)
      .optional(),
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

  const plan = z.strictObject({
    rounds: z.array(z.strictObject({ sentMiB: z.number().min(0), ms: z.number().min(0) })).max(1000),
    downtimeMs: z.number().min(0),
    totalMs: z.number().min(0),
    throttle: z.number().min(0).max(1),
    converged: z.boolean(),
  });

  const event = z.looseObject({ at: ms, seq: count, type: name });

  const logEntry = z.strictObject({
    seq: count,
    at: ms,
    kind: text(100),
    subjectType: z.enum(['estate', 'site', 'cluster', 'host', 'workload']),
    subjectId: text(300),
    severity: z.enum(['info', 'warning', 'critical']),
    message: text(2000),
  });

  const providers = z.strictObject({
    vmware: z
      .strictObject({
        drs: z.record(
          name,
          z.strictObject({
            enabled: z.boolean(),
            threshold: z.number().int().min(1).max(5),
            mode: z.enum(['manual', 'partiallyAutomated', 'fullyAutomated']).optional(),
          }),
        ),
      })
      .optional(),
    hyperv: z
      .strictObject({ switches: z.array(z.strictObject({ name, type: z.enum(['External', 'Internal', 'Private']), adapter: text(200).optional() })) })
      .optional(),
    docker: z.strictObject({ context: name.optional(), images: z.record(name, z.array(z.strictObject({ image: text(300), pulledAt: ms }))) }).optional(),
    azure: z.strictObject({ groups: z.array(z.strictObject({ name, location: name })) }).optional(),
  });

  const pointSpec = z.strictObject({
    platform: z.enum(PLATFORMS),
    name,
    cpuMilli: z.number().positive(),
    memoryMiB: z.number().int().positive(),
    diskMiB: z.number().int().min(0),
    image: text(500),
    attrs: z.record(text(100), attrValue),
    durations,
    overhead: z.number().min(0).max(1),
    model: z.enum(UTILIZATION_MODELS),
    modelLevel: z.number().min(0).max(1),
  });

  const backups = z.strictObject({
    targets: z
      .array(
        z.strictObject({
          id: name,
          site: name,
          capacityMiB: z.number().int().min(1).max(MAX_SIZE_MIB),
          throughputMiBps: z.number().positive(),
          usedMiB: z.number().int().min(0),
        }),
      )
      .max(1000),
    points: z
      .array(
        z.strictObject({
          id: name,
          workload: name,
          target: name,
          takenAt: ms,
          sizeMiB: z.number().int().min(0),
          spec: pointSpec,
          orphan: z.boolean().optional(),
        }),
      )
      .max(1_000_000),
    jobs: z
      .array(
        z.strictObject({
          workload: name,
          target: name,
          startedAt: ms,
          endsAt: ms,
          retention: z.number().int().min(1).max(1000),
          token: count,
          spec: pointSpec,
        }),
      )
      .max(100_000),
    counters: z.array(z.tuple([name, count])).max(2_000_000),
    seq: count,
  });

  return z.strictObject({
    format: z.literal(FORMAT),
    version: z.literal(VERSION),
    name: name.optional(),
    seed: count.max(4294967295).optional(),
    tickMs: z.number().int().min(10).max(3_600_000).optional(),
    clock: z.strictObject({ now: ms, seq: count }).optional(),
    rng: z.tuple([count, count, count, count]).optional(),
    sites: z.array(site).max(10_000),
    clusters: z.array(cluster).max(100_000),
    hosts: z.array(host).max(1_000_000),
    durationProfiles: z.record(name, durations).optional(),
    workloads: z.array(workload).max(2_000_000).optional(),
    quotas: z.array(z.strictObject({ key: name, label: text(300), limit: z.number().min(0) })).optional(),
    migrations: z
      .array(
        z.strictObject({
          workload: name,
          from: name,
          to: name,
          live: z.boolean(),
          startedAt: ms,
          endsAt: ms,
          plan,
          after: z.enum(WORKLOAD_STATES),
          token: count,
        }),
      )
      .max(2_000_000)
      .optional(),
    events: z.array(event).max(10_000_000).optional(),
    log: z.strictObject({ total: count, entries: z.array(logEntry).max(1_000_000) }).optional(),
    ticks: count.optional(),
    providers: providers.optional(),
    backups: backups.optional(),
  });
}

export type EstateFileInput = z.input<ReturnType<typeof build>>;
export type EstateFile = z.output<ReturnType<typeof build>>;
