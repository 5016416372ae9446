// Writing a whole simulation down as plain data (see dump-types.ts). Deleted
// workloads are left out, and so are the events that could only have touched them.
// Each record is written as Complete<...>: a field added to its type is an error here until it is written.

import type { Complete } from './complete.js';
import type { HistoryDump, HistoryItem } from './dump-types.js';
import {
  type BackupsDump,
  type ClusterDump,
  type CoreDump,
  type DatastoreDump,
  type EventDump,
  HOST_METRICS,
  type HostDump,
  type MigrationDump,
  type QuotaDump,
  type SiteDump,
  type StorageMoveDump,
  type VolumeDump,
  type WorkloadDump,
} from './dump-types.js';
import { coreEventFields } from './events.js';
import type { Simulation } from './simulation.js';
import { allVolumes } from './volumes.js';
import { dumpWorkload } from './workload-dump.js';

/** Whether a dump holds workload `w` (a deleted one it leaves out). */
export function dumpsWorkload(sim: Simulation, w: number): boolean {
  return sim.workloads.stateOf(w) !== 'deleted';
}

/**
 * The simulation as plain data. `{ workloads: false }` leaves the workloads' list
 * empty, for a writer that dumps them one at a time (dumpWorkload, where
 * dumpsWorkload says) rather than holding them all at once.
 */
export function dumpCore(sim: Simulation, options: { readonly workloads?: boolean } = {}): CoreDump {
  const { workloads: wl, hosts, topology } = sim;
  const live = (w: number) => dumpsWorkload(sim, w);
  const idOf = (w: number) => wl.records[w].id;
  const workloads: WorkloadDump[] = [];
  if (options.workloads !== false) for (let w = 0; w < wl.count; w++) if (live(w)) workloads.push(dumpWorkload(sim, w));
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
  const backups: Complete<BackupsDump> = {
    targets: b.targets.map((t) => ({ ...t })),
    points: b.points.map((p) => ({ ...p, spec: { ...p.spec, attrs: { ...p.spec.attrs } } })),
    jobs: b.jobs.map((j) => ({ ...j, spec: { ...j.spec, attrs: { ...j.spec.attrs } } })),
    counters: [...b.counters.entries()],
    seq: b.seq,
  };
  const store = sim.datastores;
  const dsId = (ds: number) => store.records[ds].id;
  const dump: Complete<CoreDump> = {
    backups,
    datastores: store.records.map(
      (d): Complete<DatastoreDump> => ({
        id: d.id,
        name: d.name,
        medium: d.medium,
        clusters: d.clusters.map((c) => topology.clusters[c].id),
        capacityMiB: d.capacityMiB,
        mbps: d.mbps,
        iops: d.iops,
      }),
    ),
    volumes: allVolumes(sim).map(
      (v): Complete<VolumeDump> => ({
        datastore: v.ds >= 0 ? dsId(v.ds) : null,
        host: v.ds < 0 ? hosts.records[v.host].id : null,
        name: v.name,
        format: v.format,
        capacityMiB: v.capacityMiB,
        allocatedMiB: v.allocatedMiB,
        carryMiB: v.carryMiB,
        attachedTo: v.attachedTo >= 0 ? idOf(v.attachedTo) : null,
      }),
    ),
    storageMoves: [...store.moves.values()]
      .filter((m) => live(m.workload))
      .map(
        (m): Complete<StorageMoveDump> => ({
          workload: idOf(m.workload),
          from: m.from >= 0 ? dsId(m.from) : null,
          to: dsId(m.to),
          startedAt: m.startedAt,
          endsAt: m.endsAt,
          token: m.token,
          reservedMiB: m.reservedMiB,
          withMigration: m.withMigration,
        }),
      ),
    name: sim.name,
    seed: sim.seed,
    tickMs: sim.tickMs,
    now: sim.now,
    clockSeq: sim.clock.nextSeq,
    rng: sim.rng.state(),
    sites: topology.sites.map((s): Complete<SiteDump> => ({ id: s.id, name: s.name, kind: s.kind, location: s.location, pue: s.pue, kwhPrice: s.kwhPrice })),
    clusters: topology.clusters.map(
      (c): Complete<ClusterDump> => ({
        id: c.id,
        name: c.name,
        site: topology.sites[c.siteIndex].id,
        platform: c.platform,
        ha: c.ha,
        haRestart: c.haRestart,
        allocationRatios: c.allocationRatios,
        managementVlan: c.managementVlan,
      }),
    ),
    hosts: hosts.live().map(
      (h): Complete<HostDump> => ({
        id: h.id,
        name: h.name,
        cluster: topology.clusters[h.clusterIndex].id,
        cores: h.cores,
        memoryMiB: h.memoryMiB,
        storageMiB: h.storageMiB,
        nicMbps: h.nicMbps,
        reserved: { cpuMilli: h.reserved[0], memoryMiB: h.reserved[1], storageMiB: h.reserved[2] },
        ratios: { cpu: h.ratios[0], memory: h.ratios[1], storage: h.ratios[2] },
        state: hosts.state(h.index),
        power: h.power,
        inVm: h.backingWorkload >= 0 ? idOf(h.backingWorkload) : undefined,
      }),
    ),
    workloads,
    quotas: sim.quotas.all().map((q): Complete<QuotaDump> => ({ key: q.key, label: q.label, limit: q.limit })),
    migrations: [...sim.migrations.values()].map(
      (m): Complete<MigrationDump> => ({
        workload: idOf(m.workload),
        from: hosts.records[m.from].id,
        to: hosts.records[m.to].id,
        live: m.live,
        startedAt: m.startedAt,
        endsAt: m.endsAt,
        plan: m.plan,
        after: m.after,
        token: m.token,
      }),
    ),
    events,
    log: sim.log.all(),
    logTotal: sim.log.total,
    ticks: sim.metrics.ticks,
    hostMetrics: hosts.live().map((h) => HOST_METRICS.map((k) => (h.index < sim.metrics[k].length ? sim.metrics[k][h.index] : 0))),
    history: dumpHistory(sim, live),
  };
  return dump;
}

/** The history: each host's tick samples and rollups whole, each workload's where it has any (none for one never measured). */
function dumpHistory(sim: Simulation, live: (w: number) => boolean): HistoryDump {
  const { hostRollup, workloadRollup, hostHistory, workloadHistory } = sim.metrics;
  const workload: Record<string, HistoryItem> = {};
  // Each workload's kept seconds, minutes and ten-minute points go with it (sparklines and right-sizing read them).
  const rings = workloadRollup.state().minuteSamples > 0;
  const ticks = workloadHistory.sampleCount > 0;
  for (let w = 0; w < sim.workloads.count; w++) {
    if (!live(w)) continue;
    const item = workloadRollup.item(w, rings);
    if (rings || ticks || item.sums.some((x) => x !== 0))
      workload[sim.workloads.records[w].id] = ticks ? { ...item, ticks: workloadHistory.exportItem(w) } : item;
  }
  return {
    hosts: { ...hostRollup.state(), tickSamples: hostHistory.sampleCount },
    workloads: { ...workloadRollup.state(), tickSamples: workloadHistory.sampleCount },
    host: Object.fromEntries(sim.hosts.live().map((h) => [h.id, { ...hostRollup.item(h.index, true), ticks: hostHistory.exportItem(h.index) }])),
    workload,
  };
}
