// Reading an estate file: check it (every problem with its path), fill what a
// hand-written file leaves out, and rebuild the estate exactly.

import { MAX_JSON_DEPTH, tooDeep } from '../config/json-depth.js';
import { formatIssues, MAX_PROBLEMS } from '../config/zod-issues.js';
import { MAX_TIME_MS } from '../core/clock.js';
import type { CoreDump, EventDump, HostDump, WorkloadDump } from '../core/dump-types.js';
import { DEFAULT_POWER } from '../core/hosts.js';
import { claimLevel, planLevel } from '../core/lifecycle.js';
import { HYPERVISOR_LABEL, KIND_OF_PLATFORM } from '../core/model.js';
import { own } from '../core/own.js';
import { hash32, Prng } from '../core/prng.js';
import { RESTART_POLICIES } from '../core/restart.js';
import { restoreCore } from '../core/restore.js';
import { fail, ok, type Result } from '../core/result.js';
import type { Durations } from '../core/workloads.js';
import { CLAIM_DISK, CLAIM_FULL } from '../core/workloads.js';
import { Estate } from './estate.js';
import { invariantProblems } from './file-invariants.js';
import { type EstateFile, estateFileSchema, FORMAT, VERSION } from './file-schema.js';
import { HOST_METRIC_KEYS, migrate } from './migrate.js';
import {
  DEFAULT_DISK_MIB,
  defaultRatios,
  defaultShares,
  PLATFORM_DURATIONS,
  PLATFORM_OVERHEAD,
  PLATFORM_RESERVED_MEMORY,
  ratiosFromFile,
} from './platform-defaults.js';
import { loadProviderState } from './provider-state.js';

const TRANSITIONAL = ['provisioning', 'booting', 'stopping', 'migrating'];

/** Turns parsed JSON into an estate, or says everything wrong with it. */
export function estateFromJson(data: unknown): Result<Estate> {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return fail('invalid-input', 'not an estate file: expected a JSON object at the top level');
  const deep = tooDeep(data);
  if (deep) return fail('invalid-input', `${deep}: nested more than ${MAX_JSON_DEPTH} levels deep; no estate file goes that deep`);
  const top = data as Record<string, unknown>;
  if (top.format !== FORMAT)
    return fail('invalid-input', `not an estate file: "format" should be "${FORMAT}"${top.format === undefined ? '' : `, got ${JSON.stringify(top.format)}`}`);
  const migrated = migrate(top, VERSION);
  if (!migrated.ok) return migrated;
  const parsed = estateFileSchema().safeParse(migrated.value.data);
  if (!parsed.success) {
    const lines = formatIssues(parsed.error.issues);
    return fail('invalid-input', `${lines.length === 1 ? 'a problem' : `${parsed.error.issues.length} problems`} in the estate file: ${lines[0]}`, lines);
  }
  const dump = toDump(parsed.data);
  if (!dump.ok) return dump;
  const sim = restoreCore(dump.value);
  if (!sim.ok) return fail('invalid-input', `the estate file does not add up: ${sim.error.message}`, [sim.error.message]);
  const estate = new Estate(sim.value);
  // Every scheduled event must be one the core or a driver handles, or the clock would stop at it.
  const unknown = estate.sim.clock.pendingEvents().find((e) => !estate.sim.handles(e.payload.type));
  if (unknown) return fail('invalid-input', `events: no such scheduled event as "${unknown.payload.type}" (at ${unknown.at} ms)`);
  loadProviderState(estate, parsed.data.providers);
  if (migrated.value.from !== VERSION) estate.convertedFrom = migrated.value.from;
  return ok(estate);
}

function toDump(f: EstateFile): Result<CoreDump> {
  const problems: string[] = [];
  const duplicates = (list: readonly { id: string }[], what: string) => {
    const seen = new Map<string, number>();
    list.forEach((x, i) => {
      if (seen.has(x.id)) problems.push(`${what}[${i}].id: ${x.id} is used twice (also ${what}[${seen.get(x.id)}])`);
      else seen.set(x.id, i);
    });
  };
  duplicates(f.sites, 'sites');
  duplicates(f.clusters, 'clusters');
  duplicates(f.hosts, 'hosts');
  duplicates(f.workloads ?? [], 'workloads');
  const siteIds = new Set(f.sites.map((s) => s.id));
  const clusterOf = new Map(f.clusters.map((c) => [c.id, c]));
  for (const [i, c] of f.clusters.entries()) if (!siteIds.has(c.site)) problems.push(`clusters[${i}].site: no site named ${c.site}`);
  for (const [i, h] of f.hosts.entries()) if (!clusterOf.has(h.cluster)) problems.push(`hosts[${i}].cluster: no cluster named ${h.cluster}`);
  const seed = f.seed ?? 1;
  const tickMs = f.tickMs ?? 1000;
  const now = f.clock?.now ?? 0;
  const workloadsById = new Map((f.workloads ?? []).map((w) => [w.id, w]));
  const hostPlatform = new Map(f.hosts.map((h) => [h.id, clusterOf.get(h.cluster)?.platform]));
  const profiles: Record<string, Durations> = { ...PLATFORM_DURATIONS, ...(f.durationProfiles ?? {}) };

  const hosts: HostDump[] = f.hosts.map((h, i) => {
    const platform = clusterOf.get(h.cluster)?.platform ?? 'kvm';
    const vm = h.inVm ? workloadsById.get(h.inVm) : undefined;
    if (h.inVm && !vm) problems.push(`hosts[${i}].inVm: no workload named ${h.inVm}`);
    if (!h.inVm)
      for (const k of ['cores', 'memory', 'storage'] as const) if (h[k] === undefined) problems.push(`hosts[${i}].${k}: required for a physical host`);
    return {
      id: h.id,
      name: h.name ?? h.id,
      cluster: h.cluster,
      cores: h.cores ?? (vm ? vm.vcpus : 0),
      memoryMiB: h.memory ?? vm?.memory ?? 0,
      storageMiB: h.storage ?? vm?.disk ?? 0,
      nicMbps: h.nicMbps ?? 10_000,
      reserved: {
        cpuMilli: h.reserved?.cpuMilli ?? 0,
        memoryMiB: h.reserved?.memory ?? PLATFORM_RESERVED_MEMORY[platform],
        storageMiB: h.reserved?.storage ?? 0,
      },
      ratios: { ...defaultRatios(platform, ratiosFromFile(clusterOf.get(h.cluster)?.allocationRatios)), ...ratiosFromFile(h.ratios) },
      state: h.state ?? 'connected',
      power: h.power ?? DEFAULT_POWER,
      ...(h.inVm ? { inVm: h.inVm } : {}),
    };
  });

  const migrationOf = new Set((f.migrations ?? []).map((m) => m.workload));
  const workloads: WorkloadDump[] = (f.workloads ?? []).map((w, i) => {
    const at = `workloads[${i}]`;
    const kind = KIND_OF_PLATFORM[w.platform];
    if (w.host !== undefined && !hostPlatform.has(w.host)) problems.push(`${at}.host: no host named ${w.host}`);
    else if (w.host !== undefined && hostPlatform.get(w.host) !== w.platform) {
      const hp = hostPlatform.get(w.host);
      problems.push(`${at}.host: ${w.host} runs ${hp ? HYPERVISOR_LABEL[hp] : 'nothing known'}, this workload is ${HYPERVISOR_LABEL[w.platform]}`);
    }
    if (TRANSITIONAL.includes(w.state) && !(w.plan && w.plan.length > 0) && !(w.state === 'migrating' && migrationOf.has(w.id))) {
      problems.push(`${at}.state: ${w.state} is a transition; give its plan, or write running or stopped`);
    }
    if (typeof w.durations === 'string' && !own(profiles, w.durations)) problems.push(`${at}.durations: no duration profile named ${w.durations}`);
    const plan = w.plan ?? [];
    const target = w.target;
    const level = w.level ?? (plan.length ? levelName(planLevel(kind, plan)) : levelName(claimLevel(kind, w.state, target)));
    if (level !== 'none' && w.host === undefined) problems.push(`${at}.host: a ${w.state} workload needs a host`);
    const cpuMilli = Math.round(w.vcpus * 1000);
    const diskMiB = w.disk ?? DEFAULT_DISK_MIB[kind];
    const seedOf =
      w.model?.seed ??
      hash32(
        seed,
        [...w.id].reduce((a, c) => hash32(a, c.charCodeAt(0)), 7),
      );
    return {
      id: w.id,
      name: w.name ?? w.id,
      platform: w.platform,
      image: w.image ?? '',
      cpuMilli,
      memoryMiB: w.memory,
      diskMiB,
      claim: w.claim ? [Math.round(w.claim.vcpus * 1000), w.claim.memory, w.claim.disk] : [cpuMilli, w.memory, diskMiB],
      state: w.state,
      ...(target ? { target } : {}),
      ...(w.host !== undefined ? { host: w.host } : {}),
      level,
      since: w.since ?? now,
      runningSince: w.runningSince ?? (w.state === 'running' ? (w.since ?? now) : -1),
      token: w.token ?? 0,
      plan,
      model: {
        kind: w.model?.kind ?? 'steady',
        level: w.model?.level ?? 0.3,
        ...(w.model?.memory ? { memory: w.model.memory } : {}),
        phase: w.model?.phase ?? 0,
        seed: seedOf,
        bursting: w.model?.bursting ?? false,
      },
      overhead: w.overhead ?? PLATFORM_OVERHEAD[w.platform],
      shares: w.shares ?? defaultShares(w.platform, w.vcpus),
      durations: typeof w.durations === 'object' ? w.durations : (own(profiles, w.durations ?? w.platform) ?? PLATFORM_DURATIONS[w.platform]),
      placement: w.placement ?? { policy: 'spread' },
      attrs: w.attrs ?? {},
      memoryLimitMiB: w.memoryLimit ?? 0,
      restart: {
        policy: RESTART_POLICIES.indexOf(w.restart?.policy ?? 'no'),
        max: w.restart?.maxRetries ?? 0,
        count: w.restart?.count ?? 0,
        pending: w.restart?.pending ?? false,
      },
      exitCode: w.exitCode ?? -1,
      userStopped: w.userStopped ?? false,
      // Cost is accrued at every change of state, so it was last accrued when the state last changed.
      billing: { ratePerHour: w.billing?.ratePerHour ?? 0, accrued: w.billing?.accrued ?? 0, accruedAt: w.billing?.accruedAt ?? w.since ?? now },
      ...(w.credits ? { credits: w.credits } : {}),
      ...(w.dynamicMemory
        ? { dynamicMemory: { minimumMiB: w.dynamicMemory.minimum, maximumMiB: w.dynamicMemory.maximum, bufferPct: w.dynamicMemory.bufferPct } }
        : {}),
      quota: w.quota ?? [],
      ...(w.snapshots
        ? {
            snapshots: {
              ...(w.snapshots.current ? { current: w.snapshots.current } : {}),
              runningMiB: w.snapshots.running ?? 0,
              carryMiB: w.snapshots.carry ?? 0,
              list: w.snapshots.list.map((s) => ({
                name: s.name,
                ...(s.parent ? { parent: s.parent } : {}),
                description: s.description ?? '',
                createdAt: s.createdAt ?? now,
                cpuMilli: Math.round(s.vcpus * 1000),
                memoryMiB: s.memory,
                diskMiB: s.disk,
                power: s.power,
                withMemory: s.withMemory ?? false,
                sizeMiB: s.size ?? 0,
                deltaMiB: s.delta ?? 0,
              })),
            },
          }
        : {}),
      metrics: w.metrics ?? { cpuPct: 0, memPct: 0, demandCpu: 0, demandMem: 0 },
    };
  });
  if (problems.length === 0) problems.push(...invariantProblems(f));
  if (problems.length > 0)
    return fail(
      'invalid-input',
      `${problems.length === 1 ? 'a problem' : `${problems.length} problems`} in the estate file: ${problems[0]}`,
      problems.slice(0, MAX_PROBLEMS),
    );

  const events: EventDump[] = (f.events ?? []).map((e) => ({ ...e }) as EventDump);
  // New events get numbers after every one in the queue, whatever the file says the next is.
  let clockSeq = events.reduce((m, e) => Math.max(m, e.seq + 1), f.clock?.seq ?? 0);
  // A hand-written estate has no queue: it still needs its clock to tick.
  if (!events.some((e) => e.type === 'tick') && now + tickMs <= MAX_TIME_MS) events.push({ at: now + tickMs, seq: clockSeq++, type: 'tick' });
  return ok({
    name: f.name ?? 'estate',
    seed,
    tickMs,
    now,
    clockSeq,
    rng: f.rng ?? new Prng(seed).state(),
    sites: f.sites.map((s) => ({ id: s.id, name: s.name ?? s.id, kind: s.kind, location: s.location ?? '' })),
    clusters: f.clusters.map((c) => ({
      id: c.id,
      name: c.name ?? c.id,
      site: c.site,
      platform: c.platform,
      ...(c.ha ? { ha: c.ha } : {}),
      ...(c.haRestart !== undefined ? { haRestart: c.haRestart } : {}),
      ...(c.allocationRatios ? { allocationRatios: ratiosFromFile(c.allocationRatios) } : {}),
    })),
    hosts,
    workloads,
    quotas: f.quotas ?? [],
    migrations: f.migrations ?? [],
    events,
    log: f.log?.entries ?? [],
    logTotal: f.log?.total ?? 0,
    ticks: f.ticks ?? 0,
    hostMetrics: f.hosts.map((h) => HOST_METRIC_KEYS.map((k) => h.metrics?.[k] ?? 0)),
    backups: f.backups ?? { targets: [], points: [], jobs: [], counters: [], seq: 0 },
  });
}

function levelName(level: number): 'none' | 'disk' | 'full' {
  return level === CLAIM_FULL ? 'full' : level === CLAIM_DISK ? 'disk' : 'none';
}
