// Reading an estate file: check it (every problem with its path), fill what a
// hand-written file leaves out, and rebuild the estate exactly.

import { MAX_JSON_DEPTH, tooDeep } from '../config/json-depth.js';
import { formatIssues, MAX_PROBLEMS } from '../config/zod-issues.js';
import { MAX_TIME_MS } from '../core/clock.js';
import { type Complete, noneLeft } from '../core/complete.js';
import { DEFAULT_MBPS } from '../core/datastores.js';
import type { ClusterDump, CoreDump, EventDump, HostDump, SiteDump } from '../core/dump-types.js';
import { DEFAULT_NIC_MBPS, DEFAULT_POWER } from '../core/hosts.js';
import { HYPERVISOR_LABEL } from '../core/model.js';
import { own } from '../core/own.js';
import { type HostPower, measuredPower } from '../core/power.js';
import { Prng } from '../core/prng.js';
import { restoreCore } from '../core/restore.js';
import { fail, ok, type Result } from '../core/result.js';
import { iopsOfMbps } from '../core/storage-io.js';
import type { Durations } from '../core/workloads.js';
import { POWER_MODELS, powerModel } from '../observe/power-models.js';
import { Estate } from './estate.js';
import { loadAccess } from './file-access.js';
import { historyFromFile } from './file-history.js';
import { invariantProblems } from './file-invariants.js';
import { type EstateFile, estateFileSchema, FORMAT, VERSION } from './file-schema.js';
import { diskOf, type ReadContext, readWorkload } from './file-workload.js';
import { HOST_METRIC_KEYS, migrate } from './migrate.js';
import { defaultRatios, PLATFORM_DURATIONS, PLATFORM_RESERVED_MEMORY, ratiosFromFile } from './platform-defaults.js';
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
  const broken = [...loadProviderState(estate, parsed.data.providers), ...loadAccess(estate.providers.access, parsed.data.access)];
  if (broken.length > 0)
    return fail('invalid-input', `${broken.length === 1 ? 'a problem' : `${broken.length} problems`} in the estate file: ${broken[0]}`, broken);
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

  const hostMetrics: number[][] = [];
  const hosts = f.hosts.map((h, i): Complete<HostDump> => {
    const { id, name, cluster, cores, memory, storage, nicMbps, reserved, ratios, state, power, inVm, metrics, ...rest } = h;
    noneLeft(rest);
    const platform = clusterOf.get(cluster)?.platform ?? 'kvm';
    const vm = inVm ? workloadsById.get(inVm) : undefined;
    if (inVm && !vm) problems.push(`hosts[${i}].inVm: no workload named ${inVm}`);
    if (!inVm) for (const k of ['cores', 'memory', 'storage'] as const) if (h[k] === undefined) problems.push(`hosts[${i}].${k}: required for a physical host`);
    hostMetrics.push(HOST_METRIC_KEYS.map((k) => metrics?.[k] ?? 0));
    return {
      id,
      name: name ?? id,
      cluster,
      cores: cores ?? (vm ? vm.vcpus : 0),
      memoryMiB: memory ?? vm?.memory ?? 0,
      // A host inside a VM has the VM's disk, default or not (the writer leaves a default disk out).
      storageMiB: storage ?? (vm ? diskOf(vm) : 0),
      nicMbps: nicMbps ?? DEFAULT_NIC_MBPS,
      reserved: {
        cpuMilli: reserved?.cpuMilli ?? 0,
        memoryMiB: reserved?.memory ?? PLATFORM_RESERVED_MEMORY[platform],
        storageMiB: reserved?.storage ?? 0,
      },
      ratios: { ...defaultRatios(platform, ratiosFromFile(clusterOf.get(cluster)?.allocationRatios)), ...ratiosFromFile(ratios) },
      state: state ?? 'connected',
      power: hostPower(power, `hosts[${i}].power`, problems),
      inVm: inVm || undefined,
    };
  });

  const datastoreClusters = new Map((f.datastores ?? []).map((d) => [d.id, d.clusters]));
  const clusterIds = new Set(f.clusters.map((c) => c.id));
  for (const [i, d] of (f.datastores ?? []).entries())
    for (const c of d.clusters) if (!clusterIds.has(c)) problems.push(`datastores[${i}].clusters: no cluster named ${c}`);
  const hostCluster = new Map(f.hosts.map((h) => [h.id, h.cluster]));
  const migrationOf = new Set((f.migrations ?? []).map((m) => m.workload));
  const reading: ReadContext = { now, seed, profiles };
  const workloads = (f.workloads ?? []).map((w, i) => {
    const at = `workloads[${i}]`;
    if (w.host !== undefined && !hostPlatform.has(w.host)) problems.push(`${at}.host: no host named ${w.host}`);
    else if (w.host !== undefined && hostPlatform.get(w.host) !== w.platform) {
      const hp = hostPlatform.get(w.host);
      problems.push(`${at}.host: ${w.host} runs ${hp ? HYPERVISOR_LABEL[hp] : 'nothing known'}, this workload is ${HYPERVISOR_LABEL[w.platform]}`);
    }
    if (TRANSITIONAL.includes(w.state) && !(w.plan && w.plan.length > 0) && !(w.state === 'migrating' && migrationOf.has(w.id))) {
      problems.push(`${at}.state: ${w.state} is a transition; give its plan, or write running or stopped`);
    }
    if (typeof w.durations === 'string' && !own(profiles, w.durations)) problems.push(`${at}.durations: no duration profile named ${w.durations}`);
    if (w.datastore && w.host !== undefined) {
      const mounts = datastoreClusters.get(w.datastore.id);
      const cluster = hostCluster.get(w.host);
      if (!mounts) problems.push(`${at}.datastore: no datastore named ${w.datastore.id}`);
      else if (cluster !== undefined && !mounts.includes(cluster)) problems.push(`${at}.datastore: ${w.host} does not mount datastore ${w.datastore.id}`);
    }
    const d = readWorkload(w, reading);
    if (d.level !== 'none' && d.host === undefined) problems.push(`${at}.host: a ${d.state} workload needs a host`);
    return d;
  });
  const history = f.history ? historyFromFile(f.history, problems) : undefined;
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
  const dump: Complete<CoreDump> = {
    name: f.name ?? 'estate',
    seed,
    tickMs,
    now,
    clockSeq,
    rng: f.rng ?? new Prng(seed).state(),
    sites: f.sites.map(({ id, name, kind, location, pue, kwhPrice, ...rest }): Complete<SiteDump> => {
      noneLeft(rest);
      return { id, name: name ?? id, kind, location: location ?? '', pue, kwhPrice };
    }),
    clusters: f.clusters.map(({ id, name, site, platform, ha, haRestart, allocationRatios, managementVlan, ...rest }): Complete<ClusterDump> => {
      noneLeft(rest);
      return { id, name: name ?? id, site, platform, ha, haRestart, allocationRatios: ratiosFromFile(allocationRatios), managementVlan: managementVlan ?? 0 };
    }),
    hosts,
    workloads,
    quotas: f.quotas ?? [],
    migrations: f.migrations ?? [],
    events,
    log: f.log?.entries ?? [],
    logTotal: f.log?.total ?? 0,
    ticks: f.ticks ?? 0,
    hostMetrics,
    history,
    backups: f.backups ?? { targets: [], points: [], jobs: [], counters: [], seq: 0 },
    datastores: (f.datastores ?? []).map(({ id, name, medium, clusters, capacity, mbps, iops, ...rest }) => {
      noneLeft(rest);
      const rate = mbps ?? DEFAULT_MBPS[medium];
      return { id, name: name ?? id, medium, clusters: [...clusters], capacityMiB: capacity, mbps: rate, iops: iops ?? iopsOfMbps(rate) };
    }),
    storageMoves: f.storageMoves ?? [],
    volumes: (f.volumes ?? []).map(({ datastore, host, name, format, size, allocated, carry, attachedTo, ...rest }) => {
      noneLeft(rest);
      const allocatedMiB = allocated ?? (format === 'thin' ? 0 : size);
      return {
        datastore: datastore ?? null,
        host: host ?? null,
        name,
        format,
        capacityMiB: size,
        allocatedMiB,
        carryMiB: carry ?? 0,
        attachedTo: attachedTo ?? null,
      };
    }),
  };
  return ok(dump);
}

/** A host's power as its file gives it: a catalogue model by name, eleven readings, or linear between idle and max. */
function hostPower(p: EstateFile['hosts'][number]['power'], where: string, problems: string[]): HostPower {
  if (p === undefined) return DEFAULT_POWER;
  if (p.table) return measuredPower(p.table, p.model);
  if (p.model !== undefined) {
    const known = powerModel(p.model);
    if (known) return known;
    problems.push(`${where}.model: no power model named ${p.model} (known: ${POWER_MODELS.map((m) => m.name).join(', ')})`);
    return DEFAULT_POWER;
  }
  return { idleW: p.idleW ?? DEFAULT_POWER.idleW, maxW: p.maxW ?? DEFAULT_POWER.maxW };
}
