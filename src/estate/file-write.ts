// An estate as the JSON of its file: sizes written the way people write them
// ("64GiB"), durations shared by name, defaults left implicit where a reader
// would fill them in the same.
import { dumpCore } from '../core/dump.js';
import type { WorkloadDump } from '../core/dump-types.js';
import { RESTART_POLICIES } from '../core/restart.js';
import type { Durations } from '../core/workloads.js';
import type { Estate } from './estate.js';
import { type EstateFileInput, FORMAT, VERSION } from './file-schema.js';
import { HOST_METRIC_KEYS } from './migrate.js';
import { defaultRatios, PLATFORM_DURATIONS, ratiosToFile } from './platform-defaults.js';
import { providerState } from './provider-state.js';

/** "64GiB" when it is whole GiB, "1536MiB" otherwise: exact either way. */
export function sizeText(mib: number): string {
  if (mib % (1024 * 1024) === 0 && mib > 0) return `${mib / (1024 * 1024)}TiB`;
  if (mib % 1024 === 0 && mib > 0) return `${mib / 1024}GiB`;
  return `${mib}MiB`;
}

export function estateToFile(estate: Estate): EstateFileInput {
  const d = dumpCore(estate.sim);
  const clusterOf = new Map(d.clusters.map((c) => [c.id, c]));
  const ownRatios = (h: (typeof d.hosts)[number]) => {
    const c = clusterOf.get(h.cluster)!;
    return ratiosToFile(h.ratios, defaultRatios(c.platform, c.allocationRatios));
  };
  const profiles = new Map<Durations, string>();
  for (const [platform, durations] of Object.entries(PLATFORM_DURATIONS)) profiles.set(durations, platform);
  const custom: Record<string, Durations> = {};
  const byValue = new Map<string, string>([...profiles].map(([d, n]) => [JSON.stringify(d), n]));
  const profileOf = (x: Durations): string => {
    let name = profiles.get(x);
    if (!name) {
      // Equal durations in two objects are one profile.
      const key = JSON.stringify(x);
      name = byValue.get(key);
      if (!name) {
        name = `custom-${Object.keys(custom).length + 1}`;
        custom[name] = x;
        byValue.set(key, name);
      }
      profiles.set(x, name);
    }
    return name;
  };
  return {
    format: FORMAT,
    version: VERSION,
    name: d.name,
    seed: d.seed,
    tickMs: d.tickMs,
    clock: { now: d.now, seq: d.clockSeq },
    rng: [...d.rng],
    sites: d.sites.map((s) => ({ id: s.id, ...(s.name !== s.id ? { name: s.name } : {}), kind: s.kind, ...(s.location ? { location: s.location } : {}) })),
    clusters: d.clusters.map((c) => ({
      id: c.id,
      ...(c.name !== c.id ? { name: c.name } : {}),
      site: c.site,
      platform: c.platform,
      ...(c.ha ? { ha: c.ha } : {}),
      ...(c.haRestart !== (c.ha !== undefined) ? { haRestart: c.haRestart } : {}),
      ...(c.allocationRatios ? { allocationRatios: ratiosToFile(c.allocationRatios) } : {}),
    })),
    hosts: d.hosts.map((h, i) => ({
      id: h.id,
      ...(h.name !== h.id ? { name: h.name } : {}),
      cluster: h.cluster,
      // A host inside a VM has the VM's size: written once, on the VM.
      ...(h.inVm ? {} : { cores: h.cores, memory: sizeText(h.memoryMiB), storage: sizeText(h.storageMiB) }),
      nicMbps: h.nicMbps,
      reserved: { cpuMilli: h.reserved.cpuMilli, memory: sizeText(h.reserved.memoryMiB), storage: sizeText(h.reserved.storageMiB) },
      // Only ratios of its own: the rest follow the cluster's and the platform's rule when read.
      ...(ownRatios(h) ? { ratios: ownRatios(h) } : {}),
      state: h.state,
      power: h.power,
      ...(h.inVm ? { inVm: h.inVm } : {}),
      ...(d.ticks > 0 ? { metrics: Object.fromEntries(HOST_METRIC_KEYS.map((k, j) => [k, d.hostMetrics[i]?.[j] ?? 0])) } : {}),
    })),
    workloads: d.workloads.map((w) => ({
      id: w.id,
      ...(w.name !== w.id ? { name: w.name } : {}),
      platform: w.platform,
      ...(w.image ? { image: w.image } : {}),
      vcpus: w.cpuMilli / 1000,
      memory: sizeText(w.memoryMiB),
      disk: sizeText(w.diskMiB),
      claim: { vcpus: w.claim[0] / 1000, memory: sizeText(w.claim[1]), disk: sizeText(w.claim[2]) },
      state: w.state,
      ...(w.target ? { target: w.target } : {}),
      ...(w.host ? { host: w.host } : {}),
      level: w.level,
      since: w.since,
      runningSince: w.runningSince,
      token: w.token,
      ...(w.plan.length ? { plan: w.plan.map((s) => ({ ...s })) } : {}),
      model: {
        kind: w.model.kind,
        level: w.model.level,
        ...(w.model.memory ? { memory: w.model.memory } : {}),
        phase: w.model.phase,
        seed: w.model.seed,
        ...(w.model.bursting ? { bursting: true } : {}),
      },
      overhead: w.overhead,
      shares: w.shares,
      durations: profileOf(w.durations),
      ...placementOf(w.placement),
      ...(Object.keys(w.attrs).length ? { attrs: { ...w.attrs } } : {}),
      ...(w.memoryLimitMiB > 0 ? { memoryLimit: sizeText(w.memoryLimitMiB) } : {}),
      ...(w.restart.policy > 0 || w.restart.count > 0 || w.restart.pending
        ? {
            restart: {
              policy: RESTART_POLICIES[w.restart.policy],
              ...(w.restart.max ? { maxRetries: w.restart.max } : {}),
              ...(w.restart.count ? { count: w.restart.count } : {}),
              ...(w.restart.pending ? { pending: true } : {}),
            },
          }
        : {}),
      ...(w.exitCode >= 0 ? { exitCode: w.exitCode } : {}),
      ...(w.userStopped ? { userStopped: true } : {}),
      ...(w.billing.ratePerHour > 0 || w.billing.accrued > 0
        ? { billing: { ratePerHour: w.billing.ratePerHour, accrued: w.billing.accrued, accruedAt: w.billing.accruedAt } }
        : {}),
      ...(w.credits ? { credits: { ...w.credits } } : {}),
      ...(w.dynamicMemory
        ? {
            dynamicMemory: {
              minimum: sizeText(w.dynamicMemory.minimumMiB),
              maximum: sizeText(w.dynamicMemory.maximumMiB),
              bufferPct: w.dynamicMemory.bufferPct,
            },
          }
        : {}),
      ...(w.quota.length ? { quota: w.quota.map((q) => ({ ...q })) } : {}),
      ...(w.snapshots
        ? {
            snapshots: {
              ...(w.snapshots.current ? { current: w.snapshots.current } : {}),
              ...(w.snapshots.runningMiB ? { running: sizeText(w.snapshots.runningMiB) } : {}),
              ...(w.snapshots.carryMiB ? { carry: w.snapshots.carryMiB } : {}),
              list: w.snapshots.list.map((s) => ({
                name: s.name,
                ...(s.parent ? { parent: s.parent } : {}),
                ...(s.description ? { description: s.description } : {}),
                createdAt: s.createdAt,
                vcpus: s.cpuMilli / 1000,
                memory: sizeText(s.memoryMiB),
                disk: sizeText(s.diskMiB),
                power: s.power,
                withMemory: s.withMemory,
                size: sizeText(s.sizeMiB),
                ...(s.deltaMiB ? { delta: sizeText(s.deltaMiB) } : {}),
              })),
            },
          }
        : {}),
      metrics: { ...w.metrics },
    })),
    durationProfiles: Object.fromEntries(Object.entries(custom).map(([k, v]) => [k, copyDurations(v)])),
    quotas: d.quotas.map((q) => ({ ...q })),
    migrations: d.migrations.map((m) => ({ ...m, plan: { ...m.plan, rounds: m.plan.rounds.map((r) => ({ ...r })) } })),
    events: d.events.map((e) => ({ ...e })),
    log: { total: d.logTotal, entries: d.log.map((e) => ({ ...e })) },
    ticks: d.ticks,
    providers: providerState(estate),
    ...(d.backups.targets.length || d.backups.points.length || d.backups.jobs.length || d.backups.counters.length
      ? { backups: structuredClone(d.backups) as EstateFileInput['backups'] }
      : {}),
  };
}

function copyDurations(d: Durations) {
  const r = (x: readonly [number, number]): [number, number] => [x[0], x[1]];
  return { provision: r(d.provision), boot: r(d.boot), stop: r(d.stop), suspend: r(d.suspend), resume: r(d.resume), deallocate: r(d.deallocate) };
}

/** Placement preferences without their empty fields; nothing at all for plain spread. */
function placementOf(p: WorkloadDump['placement']) {
  const clean = Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as WorkloadDump['placement'];
  return clean.policy === 'spread' && Object.keys(clean).length === 1 ? {} : { placement: clean };
}
