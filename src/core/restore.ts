// Rebuilding a simulation from a dump, exactly: the same tables, claims, queue,
// log and random state, so it carries on as if it had never stopped. A dump that
// contradicts itself (a claim a host cannot hold, an unknown host) is refused with
// the reason; nothing is half-built.
import { restoreClaims } from './claims.js';
import { type CoreDump, HOST_METRICS } from './dump-types.js';
import { coreEventFields } from './events.js';
import { capacityOf, scaleOf } from './hosts.js';
import { codeOf, KIND_OF_PLATFORM, WORKLOAD_STATES } from './model.js';
import { fail, ok, type Result } from './result.js';
import { Simulation } from './simulation.js';
import type { SimEvent } from './state.js';
import { ensureLength } from './typed.js';
import { CLAIM_DISK, CLAIM_FULL, CLAIM_NONE, type ClaimLevel, NO_PLAN, NO_TARGET } from './workloads.js';

const LEVEL: Record<'none' | 'disk' | 'full', ClaimLevel> = { none: CLAIM_NONE, disk: CLAIM_DISK, full: CLAIM_FULL };

export function restoreCore(d: CoreDump, logCapacity?: number): Result<Simulation> {
  const sim = new Simulation({ name: d.name, seed: d.seed, tickMs: d.tickMs, startMs: d.now, restoring: true, logCapacity });
  sim.rng.restore(d.rng);
  const { topology, hosts, workloads: wl, ledger } = sim;

  for (const s of d.sites) topology.addSite(s);
  for (const c of d.clusters) {
    const site = topology.siteIndex(c.site);
    if (site === undefined) return fail('invalid-input', `cluster ${c.id}: no site named ${c.site}`);
    const r = c.allocationRatios;
    topology.addCluster(
      r
        ? {
            ...c,
            allocationRatios: {
              ...(r.cpu !== undefined ? { cpu: unlimited(r.cpu) } : {}),
              ...(r.memory !== undefined ? { memory: unlimited(r.memory) } : {}),
              ...(r.storage !== undefined ? { storage: unlimited(r.storage) } : {}),
            },
          }
        : c,
      site,
    );
  }
  for (const h of d.hosts) {
    const cluster = topology.cluster(h.cluster);
    if (!cluster) return fail('invalid-input', `host ${h.id}: no cluster named ${h.cluster}`);
    const record = hosts.add(
      {
        id: h.id,
        name: h.name,
        clusterIndex: cluster.index,
        siteIndex: cluster.siteIndex,
        platform: cluster.platform,
        cores: h.cores,
        memoryMiB: h.memoryMiB,
        storageMiB: h.storageMiB,
        nicMbps: h.nicMbps,
        reserved: [h.reserved.cpuMilli, h.reserved.memoryMiB, h.reserved.storageMiB],
        ratios: [unlimited(h.ratios.cpu), unlimited(h.ratios.memory), unlimited(h.ratios.storage)],
        power: h.power,
        backingWorkload: -1,
      },
      h.state,
    );
    cluster.hosts.push(record.index);
    sim.hostWorkloads = ensureLength(sim.hostWorkloads, record.index + 1);
    ledger.addHost(capacityOf(record), scaleOf(record));
    sim.placer.hostReshaped(record.platform);
  }

  const hostIndex = (id: string | undefined, what: string): Result<number> => {
    if (id === undefined) return ok(-1);
    const h = hosts.indexOf(id);
    return h === undefined ? fail('invalid-input', `${what}: no host named ${id}`) : ok(h);
  };
  const migrationTarget = new Map(d.migrations.map((m) => [m.workload, m.to]));

  for (const x of d.workloads) {
    if (wl.get(x.id)) return fail('duplicate-id', `two workloads are named ${x.id}`);
    const kind = KIND_OF_PLATFORM[x.platform];
    const w = wl.add(
      {
        id: x.id,
        name: x.name,
        platform: x.platform,
        kind,
        image: x.image,
        durations: x.durations,
        placement: x.placement,
        claim: x.claim,
        attrs: x.attrs,
        plan: x.plan.length > 0 ? x.plan.map((s) => ({ ...s })) : NO_PLAN,
      },
      {
        model: x.model.kind,
        modelLevel: x.model.level,
        modelPhase: x.model.phase,
        seed: x.model.seed,
        overhead: x.overhead,
        cpuMilli: x.cpuMilli,
        memoryMiB: x.memoryMiB,
        diskMiB: x.diskMiB,
        shares: x.shares,
      },
      x.since,
    ).index;
    wl.state[w] = codeOf(WORKLOAD_STATES, x.state);
    if (x.plan.length > 0) wl.inTransition.add(w);
    wl.target[w] = x.target ? codeOf(WORKLOAD_STATES, x.target) : NO_TARGET;
    wl.runningSince[w] = x.runningSince;
    wl.token[w] = x.token;
    wl.burst[w] = x.model.bursting ? 1 : 0;
    wl.memLevel[w] = x.model.memory ?? 0;
    wl.memLimit[w] = x.memoryLimitMiB;
    if (x.memoryLimitMiB > 0) wl.limited.push(w);
    wl.restartPolicy[w] = x.restart.policy;
    wl.restartMax[w] = x.restart.max;
    wl.restartCount[w] = x.restart.count;
    wl.restarting[w] = x.restart.pending ? 1 : 0;
    wl.exitCode[w] = x.exitCode;
    wl.userStopped[w] = x.userStopped ? 1 : 0;
    wl.billRate[w] = x.billing.ratePerHour;
    wl.costAcc[w] = x.billing.accrued;
    wl.costFrom[w] = x.billing.accruedAt;
    if (x.credits) {
      wl.creditBase[w] = x.credits.basePct;
      wl.credits[w] = x.credits.balance;
      wl.creditMax[w] = x.credits.max;
      wl.burstable.push(w);
    }
    if (x.dynamicMemory) wl.dynamic.set(w, { ...x.dynamicMemory });
    wl.cpuPct[w] = x.metrics.cpuPct;
    wl.memPct[w] = x.metrics.memPct;
    wl.demandCpu[w] = x.metrics.demandCpu;
    wl.demandMem[w] = x.metrics.demandMem;
    wl.granted[w] = x.metrics.grantedMiB ?? 0;
    wl.reclaimed[w] = x.metrics.reclaimedMiB ?? 0;
    const host = hostIndex(x.host, `workload ${x.id}`);
    if (!host.ok) return host;
    const target = hostIndex(migrationTarget.get(x.id), `workload ${x.id} migration`);
    if (!target.ok) return target;
    if (x.level !== 'none' && host.value < 0) return fail('invalid-input', `workload ${x.id} holds a claim but has no host`);
    const claimed = restoreClaims(sim, w, host.value, LEVEL[x.level], target.value);
    if (!claimed.ok) return fail('invalid-input', `workload ${x.id}: ${claimed.error.message}`);
    if (x.snapshots) {
      const tree = sim.snapshots.of(w);
      tree.list.push(...x.snapshots.list.map((s) => ({ ...s, parent: s.parent, description: s.description })));
      tree.current = x.snapshots.current;
      tree.runningMiB = x.snapshots.runningMiB;
      tree.carryMiB = x.snapshots.carryMiB;
    }
  }

  for (const h of d.hosts) {
    if (!h.inVm) continue;
    const w = wl.indexOf(h.inVm);
    if (w === undefined || wl.records[w].kind !== 'vm') return fail('invalid-input', `host ${h.id}: no VM named ${h.inVm} to run in`);
    const index = hosts.indexOf(h.id)!;
    hosts.records[index].backingWorkload = w;
    hosts.nested.push(index);
    wl.backs[w] = index;
  }

  for (const q of d.quotas) sim.quotas.define(q.key, q.label, q.limit);
  for (const x of d.workloads) {
    if (x.quota.length === 0) continue;
    const q = sim.quotas.claim(wl.indexOf(x.id)!, x.quota, x.name);
    if (!q.ok && !q.error.message.startsWith('Quota exceeded')) return fail('invalid-input', `workload ${x.id}: ${q.error.message}`);
    // A file may hold more than a quota it was given later allows; what exists is counted as it is.
    if (!q.ok) for (const c of x.quota) sim.quotas.get(c.key)!.used += c.amount;
  }
  for (const m of d.migrations) {
    sim.migrations.set(wl.indexOf(m.workload)!, {
      workload: wl.indexOf(m.workload)!,
      from: hosts.indexOf(m.from)!,
      to: hosts.indexOf(m.to)!,
      live: m.live,
      startedAt: m.startedAt,
      endsAt: m.endsAt,
      plan: m.plan,
      after: m.after,
      token: m.token,
    });
  }

  const events = [];
  for (const [i, e] of d.events.entries()) {
    const { at, seq, ...rest } = e;
    const payload: Record<string, unknown> = { ...rest };
    const where = `events[${i}] (${String(payload.type)})`;
    if (!Number.isSafeInteger(at) || at < d.now)
      return fail('invalid-input', `${where}: due at ${at}, before the clock (${d.now}): a scheduled event is never in the past`);
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
  sim.clock.restore(d.now, d.clockSeq, events);
  const b = d.backups;
  sim.backups.targets.push(...b.targets.map((t) => ({ ...t })));
  sim.backups.points.push(...b.points.map((p) => ({ ...p })));
  sim.backups.jobs.push(...b.jobs.map((j) => ({ ...j })));
  for (const [k, v] of b.counters) sim.backups.counters.set(k, v);
  sim.backups.seq = b.seq;
  sim.log.restore(d.log, d.logTotal);

  sim.metrics.reserveHosts(hosts.count);
  sim.metrics.reserveWorkloads(wl.count);
  sim.metrics.ticks = d.ticks;
  for (const [h, values] of d.hostMetrics.entries()) for (const [i, k] of HOST_METRICS.entries()) sim.metrics[k][h] = values[i] ?? 0;
  return ok(sim);
}

/** A ratio as a dump holds it: Infinity (no admission limit) comes back from JSON as null. */
function unlimited(ratio: number | null): number {
  return ratio ?? Infinity;
}
