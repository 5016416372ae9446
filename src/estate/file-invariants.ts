// What an estate file must hold to be an estate the core can run: the rules the
// core keeps while it runs, checked once when a file is read, each problem with
// its path. A file that breaks one would load and then misbehave (a VM running on
// a claim smaller than its size slips past admission control; a snapshot tree
// with a loop loses its snapshots on the next save; a plan with no step due
// stays "booting" for ever), so it is refused instead.

import { MAX_TIME_MS } from '../core/clock.js';
import { CLONE_LINKED } from '../core/commands/clone.js';
import { MAX_RPO_MS, MIN_RPO_MS, REPLICA_RPO, REPLICA_SYNCED } from '../core/commands/replication.js';
import { claimLevel, planLevel } from '../core/lifecycle.js';
import { KIND_OF_PLATFORM, type WorkloadState } from '../core/model.js';
import { CLAIM_DISK, CLAIM_FULL, CLAIM_NONE } from '../core/workloads.js';
import type { EstateFile } from './file-schema.js';
import { diskOf } from './file-workload.js';

type Workload = NonNullable<EstateFile['workloads']>[number];

const LEVELS = { none: CLAIM_NONE, disk: CLAIM_DISK, full: CLAIM_FULL } as const;
const LEVEL_NAME = ['none', 'disk', 'full'] as const;
/** States a workload passes through, never settles in. */
const TRANSITIONAL: readonly WorkloadState[] = ['provisioning', 'booting', 'stopping', 'migrating'];
/** What a workload can be on a failed host: a host's failure fails everything else on it. */
const ON_FAILED_HOST: readonly WorkloadState[] = ['failed', 'stopped', 'suspended', 'deallocated'];

export function invariantProblems(f: EstateFile): string[] {
  const problems: string[] = [];
  const say = (p: string) => problems.length < 1000 && problems.push(p);
  const now = f.clock?.now ?? 0;
  const workloads = f.workloads ?? [];
  const workloadAt = new Map(workloads.map((w, i) => [w.id, i]));
  const hostState = new Map(f.hosts.map((h) => [h.id, h.state ?? 'connected']));
  const events = f.events ?? [];
  // Every (type, name, token) in the queue, looked up once each: a scan per workload was quadratic.
  const queued = new Set<string>();
  for (const e of events)
    for (const field of ['workload', 'vm']) if (typeof e[field] === 'string') queued.add(`${e.type}\u0000${String(e[field])}\u0000${String(e.token)}`);
  /** Whether a scheduled event of this type, naming this workload and carrying this token, is in the queue. */
  const due = (type: string, _field: string, value: string, token: number) => queued.has(`${type}\u0000${value}\u0000${String(token)}`);

  // The clock: one tick chain, and a random state that is not all zeros (xoshiro128 would give only zeros).
  if (events.filter((e) => e.type === 'tick').length > 1) say('events: more than one tick is scheduled; an estate has one clock, ticking once per tickMs');
  if (f.rng?.every((x) => x === 0)) say('rng: all four words are 0, from which the generator gives only zeros; leave rng out to start it from the seed');

  const backedBy = new Map<string, number>();
  for (const [i, h] of f.hosts.entries()) {
    if (!h.inVm) continue;
    const at = `hosts[${i}]`;
    if (backedBy.has(h.inVm)) say(`${at}.inVm: ${h.inVm} already runs hosts[${backedBy.get(h.inVm)}]; a VM runs one container host`);
    backedBy.set(h.inVm, i);
    const v = workloadAt.get(h.inVm);
    if (v === undefined) continue; // said where the reference is resolved
    const vm = workloads[v];
    if (vm.state === 'deleted') {
      say(`${at}.inVm: ${h.inVm} is deleted, and the host went with it: leave the host out`);
      continue;
    }
    // A container host runs in a VM or a cloud VM (an AKS node), never in a container.
    if (KIND_OF_PLATFORM[vm.platform] === 'container') {
      say(`${at}.inVm: ${h.inVm} is not a VM (it is a container)`);
      continue;
    }
    // The host is the VM's guest: it has the VM's size, and is down while the VM is (it may fail on its own).
    if (h.cores !== undefined && h.cores !== vm.vcpus) say(`${at}.cores: ${h.cores}, but it runs inside ${vm.id}, which has ${vm.vcpus} vCPUs (leave it out)`);
    if (h.memory !== undefined && h.memory !== vm.memory)
      say(`${at}.memory: ${h.memory} MiB, but it runs inside ${vm.id}, which has ${vm.memory} MiB (leave it out)`);
    // Up while it runs, is paused, or moves live (a cold move of a VM that is off leaves its guest down).
    const up =
      vm.state === 'running' || vm.state === 'paused' || (vm.state === 'migrating' && (f.migrations ?? []).some((m) => m.workload === vm.id && m.live));
    const state = h.state ?? 'connected';
    if (!up && state !== 'failed') say(`${at}.state: ${state}, but the VM it runs in (${vm.id}) is ${vm.state}`);
  }

  const inFlight = new Set((f.migrations ?? []).map((m) => m.workload));
  for (const [i, w] of workloads.entries()) checkWorkload(w, `workloads[${i}]`, { now, say, hostState, due, migrating: inFlight.has(w.id) });

  const hostAt = new Map(f.hosts.map((h) => [h.id, h]));
  const platformOf = new Map(f.clusters.map((c) => [c.id, c.platform]));
  for (const [i, m] of (f.migrations ?? []).entries()) {
    const at = `migrations[${i}]`;
    const w = workloadAt.get(m.workload);
    if (w === undefined) {
      say(`${at}.workload: no workload named ${m.workload}`);
      continue;
    }
    const x = workloads[w];
    if (x.state !== 'migrating') say(`${at}.workload: ${m.workload} is ${x.state}, not migrating`);
    if (x.host !== m.from) say(`${at}.from: ${m.from}, but ${m.workload} is on ${x.host ?? 'no host'}`);
    if (m.to === m.from) say(`${at}.to: the same host it comes from`);
    const to = hostAt.get(m.to);
    if (to && platformOf.get(to.cluster) !== x.platform) say(`${at}.to: ${m.to} does not run ${x.platform} workloads`);
    if (to && (to.state ?? 'connected') === 'failed') say(`${at}.to: ${m.to} has failed`);
    // A live move lands running; a cold one lands as the VM was (off or suspended).
    if (!(m.live ? m.after === 'running' : m.after === 'stopped' || m.after === 'suspended'))
      say(`${at}.after: a ${m.live ? 'live' : 'cold'} migration lands ${m.live ? 'running' : 'stopped or suspended'}, not ${m.after}`);
    if (m.endsAt < m.startedAt) say(`${at}.endsAt: before it started`);
    if (m.endsAt <= MAX_TIME_MS && !due('migration', 'workload', m.workload, m.token))
      say(`${at}.token: no scheduled migration event with token ${m.token} ends it`);
  }

  const b = f.backups;
  if (b) {
    const targets = new Map(b.targets.map((t) => [t.id, t]));
    const siteIds = new Set(f.sites.map((s) => s.id));
    const usedOn = new Map<string, number>();
    for (const p of b.points) usedOn.set(p.target, (usedOn.get(p.target) ?? 0) + p.sizeMiB);
    b.targets.forEach((t, i) => {
      if (!siteIds.has(t.site)) say(`backups.targets[${i}].site: no site named ${t.site}`);
      const used = usedOn.get(t.id) ?? 0;
      if (t.usedMiB !== used) say(`backups.targets[${i}].usedMiB: ${t.usedMiB}, but its restore points add up to ${used}`);
      if (t.usedMiB > t.capacityMiB) say(`backups.targets[${i}].usedMiB: more than its capacity`);
    });
    const pointIds = new Set<string>();
    const counters = new Map(b.counters);
    b.points.forEach((p, i) => {
      if (pointIds.has(p.id)) say(`backups.points[${i}].id: ${p.id} is used twice`);
      pointIds.add(p.id);
      if (!targets.has(p.target)) say(`backups.points[${i}].target: no backup target named ${p.target}`);
      if (p.takenAt > now) say(`backups.points[${i}].takenAt: after the clock (${now})`);
      // Restore points are named WORKLOAD-N from a counter per workload: the next name must be new.
      const n = p.id.startsWith(`${p.workload}-`) ? Number(p.id.slice(p.workload.length + 1)) : NaN;
      if (Number.isInteger(n) && (counters.get(p.workload) ?? 0) < n)
        say(`backups.counters: ${p.workload} has made ${counters.get(p.workload) ?? 0} restore points, but ${p.id} exists`);
    });
    const jobOf = new Set<string>();
    b.jobs.forEach((j, i) => {
      const at = `backups.jobs[${i}]`;
      if (!targets.has(j.target)) say(`${at}.target: no backup target named ${j.target}`);
      const w = workloadAt.get(j.workload);
      if (w === undefined) say(`${at}.workload: no workload named ${j.workload}`);
      else if (KIND_OF_PLATFORM[workloads[w].platform] !== 'vm') say(`${at}.workload: ${j.workload} is not a VM`);
      if (jobOf.has(j.workload)) say(`${at}.workload: a second backup of ${j.workload} under way`);
      jobOf.add(j.workload);
      if (j.endsAt < j.startedAt || j.startedAt > now) say(`${at}: it ends before it starts, or starts after the clock`);
      if (j.token > b.seq) say(`${at}.token: ${j.token}, past the last job's number (seq ${b.seq})`);
      if (j.endsAt <= MAX_TIME_MS && !due('backup', 'vm', j.workload, j.token)) say(`${at}.token: no scheduled backup event with token ${j.token} ends it`);
    });
  }
  return problems;
}

interface Context {
  readonly now: number;
  readonly say: (p: string) => void;
  readonly hostState: ReadonlyMap<string, string>;
  readonly due: (type: string, field: string, value: string, token: number) => boolean;
  readonly migrating: boolean;
}

function checkWorkload(w: Workload, at: string, c: Context): void {
  const { now, say } = c;
  const kind = KIND_OF_PLATFORM[w.platform];
  const plan = w.plan ?? [];

  // Times: nothing has happened after now.
  if (w.since !== undefined && w.since > now) say(`${at}.since: ${w.since}, after the clock (${now})`);
  if (w.runningSince !== undefined && (w.runningSince > now || (w.runningSince < 0 && w.runningSince !== -1)))
    say(`${at}.runningSince: ${w.runningSince}; a time up to the clock (${now}), or -1`);
  if (w.billing?.accruedAt !== undefined && w.billing.accruedAt > now) say(`${at}.billing.accruedAt: after the clock (${now})`);

  // A plan: its first step is where the workload is, its last where it is going, and a step event carries it on.
  if (plan.length === 1) say(`${at}.plan: one step is a plan already over: write its state (${plan[0].state}) and leave the plan out`);
  if (plan.length > 1) {
    const last = plan[plan.length - 1].state;
    if (plan[0].state !== w.state) say(`${at}.plan[0].state: ${plan[0].state}, but the workload is ${w.state}`);
    if (w.target !== undefined && w.target !== last) say(`${at}.target: ${w.target}, but its plan ends ${last}`);
    if (TRANSITIONAL.includes(last)) say(`${at}.plan: it ends ${last}, a transition; a plan ends in the state a workload settles in`);
    // (A step due after the end of simulated time is never queued.)
    const dueAt = (w.since ?? now) + plan[0].ms;
    if (dueAt <= MAX_TIME_MS && !c.due('step', 'workload', w.id, w.token ?? 0))
      say(`${at}.plan: no scheduled step event with its token (${w.token ?? 0}) carries it on; write the state it settles in instead`);
  }
  // A restart waiting to happen has its event in the queue, or it would wait for ever.
  if (w.restart?.pending && !c.due('restart', 'workload', w.id, w.token ?? 0))
    say(`${at}.restart.pending: no scheduled restart event with its token (${w.token ?? 0}); leave pending out`);
  if (kind !== 'container' && !Number.isInteger(w.vcpus)) say(`${at}.vcpus: ${w.vcpus}; a VM has a whole number of vCPUs`);
  // Its claim level follows from its state: a running workload holds all of its claim.
  if (w.level !== undefined && !(w.state === 'migrating' && c.migrating)) {
    const expected = plan.length > 1 ? planLevel(kind, plan) : claimLevel(kind, w.state, w.target);
    if (LEVELS[w.level] !== expected)
      say(`${at}.level: ${w.level}, but a ${kind} that is ${w.state}${plan.length > 1 ? ' (in its plan)' : ''} holds ${LEVEL_NAME[expected]}`);
  }
  if (w.host !== undefined && !ON_FAILED_HOST.includes(w.state) && c.hostState.get(w.host) === 'failed')
    say(`${at}.state: ${w.state} on ${w.host}, which has failed (what was on it is failed, stopped or suspended)`);

  // Its claim is its size: admission control counted the size, so a smaller claim would slip past it.
  const cpuMilli = Math.round(w.vcpus * 1000);
  if (w.claim) {
    const claimCpu = Math.round(w.claim.vcpus * 1000);
    if (kind === 'container') {
      // A container claims its memory reservation (docker run --memory-reservation): never more than its limit, if it has one.
      if (claimCpu > cpuMilli) say(`${at}.claim.vcpus: more than the container's ${w.vcpus} vCPU`);
      if (w.memoryLimit !== undefined && w.claim.memory > w.memoryLimit) say(`${at}.claim.memory: more than its memory limit (${w.memoryLimit} MiB)`);
    } else {
      if (claimCpu !== cpuMilli) say(`${at}.claim.vcpus: ${w.claim.vcpus}, but it has ${w.vcpus} vCPUs: a VM claims its size`);
      const dm = w.dynamicMemory;
      if (dm ? w.claim.memory < dm.minimum || w.claim.memory > dm.maximum : w.claim.memory !== w.memory) {
        say(
          `${at}.claim.memory: ${w.claim.memory} MiB, but it has ${dm ? `Dynamic Memory from ${dm.minimum} to ${dm.maximum} MiB` : `${w.memory} MiB`}: a VM claims its size`,
        );
      }
      // Its disk (a linked clone: a delta of its parent's), and every snapshot's size and delta on top.
      const snapshots = (w.snapshots?.list ?? []).reduce((a, s) => a + (s.size ?? 0) + (s.delta ?? 0), 0) + (w.snapshots?.running ?? 0);
      const base = w.attrs?.[CLONE_LINKED] === true ? 0 : diskOf(w);
      if (w.claim.disk < base + snapshots)
        say(`${at}.claim.disk: ${w.claim.disk} MiB, less than its disk${snapshots ? ' and snapshots' : ''} (${base + snapshots} MiB)`);
    }
  }

  // Settings that belong to one platform only.
  if (w.dynamicMemory) {
    const dm = w.dynamicMemory;
    if (w.platform !== 'hyperv') say(`${at}.dynamicMemory: Dynamic Memory is Hyper-V's; this is a ${w.platform} workload`);
    if (dm.minimum > dm.maximum) say(`${at}.dynamicMemory: the minimum (${dm.minimum} MiB) is above the maximum (${dm.maximum} MiB)`);
    if (dm.minimum === 0) say(`${at}.dynamicMemory.minimum: must be more than 0`);
    if (dm.startup !== undefined && (dm.startup < dm.minimum || dm.startup > dm.maximum))
      say(`${at}.dynamicMemory.startup: ${dm.startup} MiB, outside its range from ${dm.minimum} to ${dm.maximum} MiB`);
    if (w.memory !== dm.maximum) say(`${at}.memory: ${w.memory} MiB; with Dynamic Memory a VM's memory is its maximum (${dm.maximum} MiB)`);
  }
  if (w.credits && w.platform !== 'azure') say(`${at}.credits: CPU credits are the Azure B-series'; this is a ${w.platform} workload`);
  if (w.credits && w.credits.balance > w.credits.max) say(`${at}.credits.balance: more than its maximum (${w.credits.max})`);
  if (w.memoryLimit !== undefined && w.platform !== 'docker') say(`${at}.memoryLimit: a memory limit is a container's; this is a ${w.platform} workload`);
  // (A VM coming back with its host has a restart pending too; a policy is Docker's.)
  if (w.restart && w.restart.policy !== 'no' && w.platform !== 'docker')
    say(`${at}.restart.policy: restart policies are Docker's; this is a ${w.platform} workload`);
  if (w.restart && (w.restart.count ?? 0) > 0 && w.restart.maxRetries && (w.restart.count ?? 0) > w.restart.maxRetries)
    say(`${at}.restart.count: more restarts than its maximum (${w.restart.maxRetries})`);

  // Replication settings the core reads.
  const rpo = w.attrs?.[REPLICA_RPO];
  if (rpo !== undefined && !(typeof rpo === 'number' && rpo >= MIN_RPO_MS && rpo <= MAX_RPO_MS))
    say(`${at}.attrs.${REPLICA_RPO}: ${JSON.stringify(rpo)}; a recovery point interval is ${MIN_RPO_MS} to ${MAX_RPO_MS} ms`);
  const synced = w.attrs?.[REPLICA_SYNCED];
  if (synced !== undefined && !(typeof synced === 'number' && synced >= -1 && synced <= now))
    say(`${at}.attrs.${REPLICA_SYNCED}: ${JSON.stringify(synced)}; a time up to the clock (${now}), or -1`);

  // Snapshots: a tree of distinct names, each parent one of them, no loops, and "current" one of them.
  const snaps = w.snapshots;
  if (snaps) {
    if (kind !== 'vm') say(`${at}.snapshots: only VMs have snapshots here`);
    const names = new Map<string, number>();
    snaps.list.forEach((s, j) => {
      if (names.has(s.name)) say(`${at}.snapshots.list[${j}].name: ${s.name} is used twice`);
      names.set(s.name, j);
      if (s.createdAt !== undefined && s.createdAt > now) say(`${at}.snapshots.list[${j}].createdAt: after the clock (${now})`);
    });
    snaps.list.forEach((s, j) => {
      if (s.parent !== undefined && !names.has(s.parent)) say(`${at}.snapshots.list[${j}].parent: no snapshot named ${s.parent}`);
      const seen = new Set<string>([s.name]);
      for (let p = s.parent; p !== undefined; p = snaps.list[names.get(p) ?? -1]?.parent) {
        if (seen.has(p)) {
          say(`${at}.snapshots.list[${j}].parent: the snapshots' parents go round in a loop (${[...seen, p].join(' → ')})`);
          break;
        }
        seen.add(p);
      }
    });
    if (snaps.current !== undefined && !names.has(snaps.current)) say(`${at}.snapshots.current: no snapshot named ${snaps.current}`);
  }
}
