// Writing a whole simulation down as plain data (see dump-types.ts). Deleted
// workloads are left out, and so are the events that could only have touched them.
import { type CoreDump, type EventDump, HOST_METRICS, type WorkloadDump } from './dump-types.js';
import { coreEventFields } from './events.js';
import { HOST_STATES, UTILIZATION_MODELS, WORKLOAD_STATES } from './model.js';
import type { Simulation } from './simulation.js';
import { CLAIM_DISK, CLAIM_FULL } from './workloads.js';

export function dumpCore(sim: Simulation): CoreDump {
  const { workloads: wl, hosts, topology } = sim;
  const live = (w: number) => wl.stateOf(w) !== 'deleted';
  const idOf = (w: number) => wl.records[w].id;
  const workloads: WorkloadDump[] = [];
  for (let w = 0; w < wl.count; w++) if (live(w)) workloads.push(dumpWorkload(sim, w));
  const events: EventDump[] = [];
  for (const e of sim.clock.pendingEvents()) {
    const { type, ...fieldValues } = e.payload;
    const rest: Readonly<Record<string, unknown>> = fieldValues;
    // Only the fields an event of this type declares are indices to translate; anything else is kept as it is.
    const fields = coreEventFields(type);
    const w = fields.workload === 'workload' && typeof rest.workload === 'number' ? rest.workload : undefined;
    if (w !== undefined && !live(w)) continue;
    // Hosts by id, as everywhere in the file: their positions move when one is removed.
    const h = fields.host === 'host' && typeof rest.host === 'number' ? rest.host : undefined;
    if (h !== undefined && hosts.isRemoved(h)) continue;
    events.push({
      at: e.at,
      seq: e.seq,
      type,
      ...rest,
      ...(w === undefined ? {} : { workload: idOf(w) }),
      ...(h === undefined ? {} : { host: hosts.records[h].id }),
    });
  }
  const b = sim.backups;
  const backups = {
    targets: b.targets.map((t) => ({ ...t })),
    points: b.points.map((p) => ({ ...p, spec: { ...p.spec, attrs: { ...p.spec.attrs } } })),
    jobs: b.jobs.map((j) => ({ ...j, spec: { ...j.spec, attrs: { ...j.spec.attrs } } })),
    counters: [...b.counters.entries()],
    seq: b.seq,
  };
  return {
    backups,
    name: sim.name,
    seed: sim.seed,
    tickMs: sim.tickMs,
    now: sim.now,
    clockSeq: sim.clock.nextSeq,
    rng: sim.rng.state(),
    sites: topology.sites.map((s) => ({ id: s.id, name: s.name, kind: s.kind, location: s.location })),
    clusters: topology.clusters.map((c) => ({
      id: c.id,
      name: c.name,
      site: topology.sites[c.siteIndex].id,
      platform: c.platform,
      ...(c.ha ? { ha: c.ha } : {}),
      haRestart: c.haRestart,
      ...(c.allocationRatios ? { allocationRatios: c.allocationRatios } : {}),
    })),
    hosts: hosts.live().map((h) => ({
      id: h.id,
      name: h.name,
      cluster: topology.clusters[h.clusterIndex].id,
      cores: h.cores,
      memoryMiB: h.memoryMiB,
      storageMiB: h.storageMiB,
      nicMbps: h.nicMbps,
      reserved: { cpuMilli: h.reserved[0], memoryMiB: h.reserved[1], storageMiB: h.reserved[2] },
      ratios: { cpu: h.ratios[0], memory: h.ratios[1], storage: h.ratios[2] },
      state: HOST_STATES[HOST_STATES.indexOf(hosts.state(h.index))],
      power: { idleW: h.power.idleW, maxW: h.power.maxW },
      ...(h.backingWorkload >= 0 ? { inVm: idOf(h.backingWorkload) } : {}),
    })),
    workloads,
    quotas: sim.quotas.all().map((q) => ({ key: q.key, label: q.label, limit: q.limit })),
    migrations: [...sim.migrations.values()].map((m) => ({
      workload: idOf(m.workload),
      from: hosts.records[m.from].id,
      to: hosts.records[m.to].id,
      live: m.live,
      startedAt: m.startedAt,
      endsAt: m.endsAt,
      plan: m.plan,
      after: m.after,
      token: m.token,
    })),
    events,
    log: sim.log.all(),
    logTotal: sim.log.total,
    ticks: sim.metrics.ticks,
    hostMetrics: hosts.live().map((h) => HOST_METRICS.map((k) => (h.index < sim.metrics[k].length ? sim.metrics[k][h.index] : 0))),
  };
}

function dumpWorkload(sim: Simulation, w: number): WorkloadDump {
  const { workloads: wl, hosts } = sim;
  const r = wl.records[w];
  const dm = wl.dynamic.get(w);
  const snaps = sim.snapshots.of(w);
  const target = wl.targetOf(w);
  const level = wl.level[w];
  return {
    id: r.id,
    name: r.name,
    platform: r.platform,
    image: r.image,
    cpuMilli: wl.cpuMilli[w],
    memoryMiB: wl.memoryMiB[w],
    diskMiB: wl.diskMiB[w],
    claim: [r.claim[0], r.claim[1], r.claim[2]],
    state: WORKLOAD_STATES[wl.state[w]],
    ...(target ? { target } : {}),
    ...(wl.host[w] >= 0 ? { host: hosts.records[wl.host[w]].id } : {}),
    level: level === CLAIM_FULL ? 'full' : level === CLAIM_DISK ? 'disk' : 'none',
    since: wl.since[w],
    runningSince: wl.runningSince[w],
    token: wl.token[w],
    plan: r.plan.map((s) => ({ state: s.state, ms: s.ms })),
    model: {
      kind: UTILIZATION_MODELS[wl.model[w]],
      level: wl.modelLevel[w],
      phase: wl.modelPhase[w],
      seed: wl.seed[w],
      bursting: wl.burst[w] === 1,
      ...(wl.memLevel[w] > 0 ? { memory: wl.memLevel[w] } : {}),
    },
    overhead: wl.overhead[w],
    shares: wl.shares[w],
    durations: r.durations,
    placement: r.placement,
    attrs: r.attrs,
    memoryLimitMiB: wl.memLimit[w],
    restart: { policy: wl.restartPolicy[w], max: wl.restartMax[w], count: wl.restartCount[w], pending: wl.restarting[w] === 1 },
    exitCode: wl.exitCode[w],
    userStopped: wl.userStopped[w] === 1,
    billing: { ratePerHour: wl.billRate[w], accrued: wl.costAcc[w], accruedAt: wl.costFrom[w] },
    ...(wl.creditMax[w] > 0 ? { credits: { basePct: wl.creditBase[w], balance: wl.credits[w], max: wl.creditMax[w] } } : {}),
    ...(dm ? { dynamicMemory: { ...dm } } : {}),
    quota: sim.quotas.heldBy(w).map((q) => ({ ...q })),
    ...(snaps.list.length > 0
      ? {
          snapshots: {
            ...(snaps.current ? { current: snaps.current } : {}),
            runningMiB: snaps.runningMiB,
            carryMiB: snaps.carryMiB,
            list: snaps.list.map((s) => ({ ...s, ...(s.parent === undefined ? {} : { parent: s.parent }) })),
          },
        }
      : {}),
    metrics: {
      cpuPct: wl.cpuPct[w],
      memPct: wl.memPct[w],
      demandCpu: wl.demandCpu[w],
      demandMem: wl.demandMem[w],
      ...(wl.granted[w] > 0 ? { grantedMiB: wl.granted[w] } : {}),
      ...(wl.reclaimed[w] > 0 ? { reclaimedMiB: wl.reclaimed[w] } : {}),
    },
  };
}
