// Rebuilding a simulation from a dump, exactly: the same tables, claims, queue,
// log and random state, so it carries on as if it had never stopped. A dump that
// contradicts itself (a claim a host cannot hold, an unknown host) is refused with
// the reason; nothing is half-built.
// Each record is taken apart field by field and what is left checked to be nothing
// (noneLeft), so a field added to a dump's type is an error here until it is restored;
// a workload's fields restore themselves (workload-dump.ts).

import { allOn } from './commands/relocate.js';
import { addDatastore } from './commands/storage.js';
import { attachProblem, createVolume } from './commands/volumes.js';
import { noneLeft } from './complete.js';
import { type CoreDump, HOST_METRICS } from './dump-types.js';
import { coreEventFields } from './events.js';
import { capacityOf, scaleOf } from './hosts.js';
import { fail, ok, type Result } from './result.js';
import { Simulation } from './simulation.js';
import type { SimEvent } from './state.js';
import { ensureLength } from './typed.js';
import { type RestoreContext, restoreWorkload } from './workload-dump.js';

export function restoreCore(d: CoreDump, logCapacity?: number): Result<Simulation> {
  const {
    name,
    seed,
    tickMs,
    now,
    clockSeq,
    rng,
    sites,
    clusters,
    hosts: hostDumps,
    workloads: workloadDumps,
    quotas,
    migrations,
    events: eventDumps,
    log,
    logTotal,
    ticks,
    hostMetrics,
    backups,
    datastores,
    storageMoves,
    volumes,
    history,
    ...rest
  } = d;
  noneLeft(rest);
  const sim = new Simulation({ name, seed, tickMs, startMs: now, restoring: true, logCapacity });
  sim.rng.restore(rng);
  sim.reserve({ hosts: hostDumps.length, workloads: d.workloads.length });
  const { topology, hosts, workloads: wl, ledger } = sim;

  for (const { id, name, kind, location, pue, kwhPrice, ...rest } of sites) {
    noneLeft(rest);
    topology.addSite({ id, name, kind, location, pue, kwhPrice });
  }
  for (const { id, name, site: siteId, platform, ha, haRestart, allocationRatios: r, managementVlan, ...rest } of clusters) {
    noneLeft(rest);
    const site = topology.siteIndex(siteId);
    if (site === undefined) return fail('invalid-input', `cluster ${id}: no site named ${siteId}`);
    const allocationRatios = r && {
      ...(r.cpu !== undefined ? { cpu: unlimited(r.cpu) } : {}),
      ...(r.memory !== undefined ? { memory: unlimited(r.memory) } : {}),
      ...(r.storage !== undefined ? { storage: unlimited(r.storage) } : {}),
    };
    topology.addCluster({ id, name, site: siteId, platform, ha, haRestart, allocationRatios, managementVlan }, site);
  }
  for (const h of hostDumps) {
    const { id, name, cluster: clusterId, cores, memoryMiB, storageMiB, nicMbps, reserved, ratios, state, power, inVm: _joinedBelow, ...rest } = h;
    noneLeft(rest);
    const cluster = topology.cluster(clusterId);
    if (!cluster) return fail('invalid-input', `host ${id}: no cluster named ${clusterId}`);
    const record = hosts.add(
      {
        id,
        name,
        clusterIndex: cluster.index,
        siteIndex: cluster.siteIndex,
        platform: cluster.platform,
        cores,
        memoryMiB,
        storageMiB,
        nicMbps,
        reserved: [reserved.cpuMilli, reserved.memoryMiB, reserved.storageMiB],
        ratios: [unlimited(ratios.cpu), unlimited(ratios.memory), unlimited(ratios.storage)],
        power,
        // Joined to the VM it runs in (inVm) once the workloads are in, below.
        backingWorkload: -1,
      },
      state,
    );
    cluster.hosts.push(record.index);
    sim.hostWorkloads = ensureLength(sim.hostWorkloads, record.index + 1);
    ledger.addHost(capacityOf(record), scaleOf(record));
    sim.placer.hostReshaped(record.platform);
  }

  // Datastores before the workloads: their disks are charged to them as they come in.
  for (const { id, name, medium, clusters: mounts, capacityMiB, mbps, iops, ...rest } of datastores) {
    noneLeft(rest);
    const added = addDatastore(sim, { id, name, medium, clusters: mounts, capacityMiB, mbps, iops }, false);
    if (!added.ok) return added;
  }

  const ctx: RestoreContext = {
    migrationTarget: new Map(migrations.map((m) => [m.workload, m.to])),
    movingWithMigration: new Set(storageMoves.filter((m) => m.withMigration).map((m) => m.workload)),
    quotaClaims: [],
  };
  for (const x of workloadDumps) {
    if (wl.get(x.id)) return fail('duplicate-id', `two workloads are named ${x.id}`);
    const restored = restoreWorkload(sim, x, ctx);
    if (!restored.ok) return restored;
  }

  for (const h of hostDumps) {
    if (!h.inVm) continue;
    const w = wl.indexOf(h.inVm);
    if (w === undefined || wl.records[w].kind === 'container') return fail('invalid-input', `host ${h.id}: no VM named ${h.inVm} to run in`);
    const index = hosts.indexOf(h.id)!;
    hosts.records[index].backingWorkload = w;
    hosts.nested.push(index);
    wl.backs[w] = index;
  }

  for (const { key, label, limit, ...rest } of quotas) {
    noneLeft(rest);
    sim.quotas.define(key, label, limit);
  }
  for (const { w, claims } of ctx.quotaClaims) {
    if (claims.length === 0) continue;
    const { id, name } = wl.records[w];
    const q = sim.quotas.claim(w, claims, name);
    if (!q.ok && !q.error.message.startsWith('Quota exceeded')) return fail('invalid-input', `workload ${id}: ${q.error.message}`);
    // A file may hold more than a quota it was given later allows; what exists is held as it is (and saved again).
    if (!q.ok) sim.quotas.hold(w, claims);
  }
  for (const m of migrations) {
    const { workload, from, to, live, startedAt, endsAt, plan, after, token, ...rest } = m;
    noneLeft(rest);
    const w = wl.indexOf(workload)!;
    sim.migrations.set(w, { workload: w, from: hosts.indexOf(from)!, to: hosts.indexOf(to)!, live, startedAt, endsAt, plan, after, token });
  }

  // Volumes after the workloads: what is left of each store then holds them, as it did.
  for (const { datastore, host, name: volume, format, capacityMiB, allocatedMiB, carryMiB, attachedTo, ...rest } of volumes) {
    noneLeft(rest);
    if ((datastore === null) === (host === null)) return fail('invalid-input', `volume ${volume}: name its datastore or its host, one of them`);
    const store = datastore === null ? { host: host! } : { datastore };
    const made = createVolume(sim, { store, name: volume, format, capacityMiB, allocatedMiB, carryMiB }, false);
    if (!made.ok) return fail(made.error.code, `volume ${volume}: ${made.error.message}`);
    if (attachedTo === null) continue;
    const problem = attachProblem(sim, store, volume, attachedTo, ctx.movingWithMigration.has(attachedTo));
    if (problem) return fail('invalid-input', `volume ${volume}: ${problem}`);
  }
  for (const m of storageMoves) {
    const { workload, from, to, startedAt, endsAt, token, reservedMiB, withMigration, ...rest } = m;
    noneLeft(rest);
    const w = wl.indexOf(workload);
    const source = from === null ? -1 : sim.datastores.indexOf(from);
    const target = sim.datastores.indexOf(to);
    if (w === undefined || source === undefined || target === undefined)
      return fail(
        'invalid-input',
        `storage move of ${workload}: no ${w === undefined ? `workload named ${workload}` : `datastore named ${source === undefined ? from : to}`}`,
      );
    sim.datastores.moves.set(w, { workload: w, from: source, to: target, startedAt, endsAt, token, reservedMiB, withMigration });
    sim.datastores.used[target] += reservedMiB;
  }
  // The next move's number comes after every one a move or a queued event holds.
  const relocateEvents = new Map<string, number>();
  for (const e of eventDumps) if (e.type === 'relocate' && typeof e.workload === 'string') relocateEvents.set(e.workload, Number(e.token));
  sim.datastores.seq = storageMoves.reduce(
    (m, x) => Math.max(m, x.token),
    [...relocateEvents.values()].reduce((m, t) => Math.max(m, t || 0), 0),
  );
  const movesWrong = storageMoveProblem(sim, storageMoves, relocateEvents) ?? migrationStorageProblem(sim);
  if (movesWrong) return fail('invalid-input', movesWrong);
  for (const d of sim.datastores.records)
    if (sim.datastores.used[d.index] > d.capacityMiB)
      return fail('invalid-input', `datastore ${d.id}: its disks take ${sim.datastores.used[d.index]} MiB, more than its capacity (${d.capacityMiB} MiB)`);

  const events = [];
  for (const [i, e] of eventDumps.entries()) {
    const { at, seq, ...rest } = e;
    const payload: Record<string, unknown> = { ...rest };
    const where = `events[${i}] (${String(payload.type)})`;
    if (!Number.isSafeInteger(at) || at < now)
      return fail('invalid-input', `${where}: due at ${at}, before the clock (${now}): a scheduled event is never in the past`);
    // A DRS pass was saved as "drs" before drivers' events had a dot in their type.
    if (payload.type === 'drs') payload.type = 'drs.pass';
    const fields = coreEventFields(String(payload.type));
    for (const [name, kind] of Object.entries(fields)) {
      const value = payload[name];
      if (kind === 'count') {
        if (!Number.isSafeInteger(value) || (value as number) < 0)
          return fail('invalid-input', `${where}.${name}: expected a whole number of at least 0, got ${JSON.stringify(value)}`);
      } else if (kind === 'workload') {
        const w = typeof value === 'string' ? wl.indexOf(value) : undefined;
        if (w === undefined) return fail('invalid-input', `${where}.workload: names no workload ${JSON.stringify(value)}`);
        payload.workload = w;
      } else if (kind === 'host') {
        // Files before hosts were saved by id gave the host's position.
        const h =
          typeof value === 'string'
            ? hosts.indexOf(value)
            : Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) < hosts.count
              ? (value as number)
              : undefined;
        if (h === undefined) return fail('invalid-input', `${where}.host: names no host ${JSON.stringify(value)}`);
        payload.host = h;
      } else if (typeof value !== 'string') return fail('invalid-input', `${where}.${name}: expected a name, got ${JSON.stringify(value)}`);
    }
    // Checked field by field above against the one declaration (events.ts): now it is the event it says it is.
    events.push({ at, seq, payload: payload as unknown as SimEvent });
  }
  sim.clock.restore(now, clockSeq, events);
  const { targets, points, jobs, counters, seq: backupSeq, ...left } = backups;
  noneLeft(left);
  sim.backups.targets.push(...targets.map((t) => ({ ...t })));
  sim.backups.points.push(...points.map((p) => ({ ...p })));
  sim.backups.jobs.push(...jobs.map((j) => ({ ...j })));
  for (const [k, v] of counters) sim.backups.counters.set(k, v);
  sim.backups.seq = backupSeq;
  sim.log.restore(log, logTotal);

  sim.metrics.reserveHosts(hosts.count);
  sim.metrics.reserveWorkloads(wl.count);
  sim.metrics.ticks = ticks;
  for (const [h, values] of hostMetrics.entries()) for (const [i, k] of HOST_METRICS.entries()) sim.metrics[k][h] = values[i] ?? 0;
  if (history) {
    const { hostRollup, workloadRollup, hostHistory, workloadHistory } = sim.metrics;
    hostRollup.restoreState(history.hosts);
    workloadRollup.restoreState(history.workloads);
    hostHistory.restoreSamples(history.hosts.tickSamples ?? 0);
    workloadHistory.restoreSamples(history.workloads.tickSamples ?? 0);
    // The history of a host or workload no longer in the file (taken out by hand) went with it.
    for (const [id, item] of Object.entries(history.host)) {
      const h = hosts.indexOf(id);
      if (h === undefined) continue;
      hostRollup.restoreItem(h, item);
      if (item.ticks) hostHistory.importItem(h, item.ticks);
    }
    for (const [id, item] of Object.entries(history.workload)) {
      const w = wl.indexOf(id);
      if (w === undefined) continue;
      workloadRollup.restoreItem(w, item);
      if (item.ticks) workloadHistory.importItem(w, item.ticks);
    }
  }
  return ok(sim);
}

/** What is wrong with a file's disk moves, if anything: each a live VM's, one at a time, from where its disk is to a datastore its host mounts, with its event queued. */
function storageMoveProblem(sim: Simulation, moves: CoreDump['storageMoves'], events: ReadonlyMap<string, number>): string | undefined {
  const seen = new Set<string>();
  const { datastores: store, workloads: wl, hosts } = sim;
  for (const m of moves) {
    const w = wl.indexOf(m.workload)!;
    const at = `storage move of ${m.workload}`;
    if (wl.records[w].kind !== 'vm' || wl.stateOf(w) === 'deleted') return `${at}: only a VM's disk moves between datastores`;
    if (seen.has(m.workload)) return `${at}: a VM's disk makes one move at a time`;
    seen.add(m.workload);
    const from = store.of(w);
    if ((m.from === null ? -1 : store.indexOf(m.from)) !== from) return `${at}: its disk is not on ${m.from ?? "its host's own storage"}`;
    const to = store.indexOf(m.to)!;
    // Its own disk may be there already when the move is for its data disks.
    if (allOn(sim, w, to)) return `${at}: its disk is already on ${m.to}`;
    if (m.withMigration) {
      // It goes with the VM's migration: to a datastore the migration's target host mounts, landing when it lands.
      const migration = sim.migrations.get(w);
      if (!migration) return `${at}: it goes with a migration, and ${m.workload} is not migrating`;
      if (!store.sees(hosts, to, migration.to)) return `${at}: ${hosts.records[migration.to].id}, where it migrates, does not mount datastore ${m.to}`;
      continue;
    }
    if (wl.host[w] < 0 || !store.sees(hosts, to, wl.host[w])) return `${at}: its host does not mount datastore ${m.to}`;
    if (events.get(m.workload) !== m.token) return `${at}: no relocate event with token ${m.token} in the queue to end it`;
  }
  return undefined;
}

/** A migration whose target cannot open the VM's disk, unless the disk goes with it to a datastore the target mounts. */
function migrationStorageProblem(sim: Simulation): string | undefined {
  const { datastores: store, hosts, workloads: wl } = sim;
  for (const [w, m] of sim.migrations) {
    if (store.moves.get(w)?.withMigration) continue;
    const ds = store.of(w);
    if (ds >= 0 && !store.sees(hosts, ds, m.to))
      return `migration of ${wl.records[w].id}: ${hosts.records[m.to].id} does not mount datastore ${store.records[ds].id}, where its disk is, and no storage move goes with it`;
  }
  return undefined;
}

/** A ratio as a dump holds it: Infinity (no admission limit) comes back from JSON as null. */
function unlimited(ratio: number | null): number {
  return ratio ?? Infinity;
}
