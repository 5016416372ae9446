// A consolidation plan for one cluster: pack its running VMs onto the fewest
// hosts that keep each host's demand within a target utilisation, so the rest
// can be switched off. Packing is first-fit decreasing (the bin-packing
// heuristic VM consolidation studies start from: Beloglazov and Buyya, CCPE
// 24(13), 2012, "Modified Best Fit Decreasing"), with the allocation core's own
// rules for each placement: the ledger's room after overcommit ratios, the hosts
// a VM's disks allow (allowedHosts), the HA reserve kept on the hosts that stay,
// and VMs that cannot move (on their host's own disks, containers, stopped but
// holding room) keeping their host on.
//  - A VM's CPU demand is the 95th percentile of its minute averages (its
//    current demand if it has none yet) of its vCPUs; memory, its active memory.
//  - Hosts stay in order: those that must stay, then the busiest first (fewest
//    moves), then the largest.
// Applying starts the live migrations, as many at once as each host's platform
// allows; the rest wait for a slot (migrationSlotFreed), as an evacuation does.
import { allowedHosts } from './allowed-hosts.js';
import { hostAmounts } from './claims.js';
import { inFlight, migrate } from './commands/migrate.js';
import { onOwnStorage } from './datastores.js';
import { naturalCompare } from './natural-compare.js';
import { percentile } from './percentile.js';
import { powerAt } from './power.js';
import { fail, ok, type Result } from './result.js';
import type { Core } from './state.js';
import { type Amounts, RESOURCES } from './units.js';

export interface ConsolidationMove {
  readonly workload: string;
  readonly from: string;
  readonly to: string;
}

export interface HostOutlook {
  readonly host: string;
  readonly keep: boolean;
  /** CPU demand as a percent of the host's cores, now and once the plan is done; watts likewise. */
  readonly cpuBeforePct: number;
  readonly cpuAfterPct: number;
  readonly wattsBefore: number;
  readonly wattsAfter: number;
  readonly vmsBefore: number;
  readonly vmsAfter: number;
}

export interface Consolidation {
  readonly cluster: string;
  readonly targetPct: number;
  readonly hosts: readonly HostOutlook[];
  readonly moves: readonly ConsolidationMove[];
  /** Hosts that run nothing once the moves are made: these can be switched off. */
  readonly freed: readonly string[];
  /** Mean CPU demand of the cluster's powered hosts, percent, before and after (freed hosts off). */
  readonly utilisationBeforePct: number;
  readonly utilisationAfterPct: number;
  readonly wattsBefore: number;
  readonly wattsAfter: number;
  /** Why a VM could not be packed, if one could not (the plan then keeps its host). */
  readonly notes: readonly string[];
}

/** The default target: demand on a host that stays up to 75% of its CPU and memory. */
export const DEFAULT_TARGET_PCT = 75;

interface Item {
  readonly w: number;
  readonly from: number;
  readonly claim: Amounts;
  readonly cpu: number;
  readonly mem: number;
  readonly allowed?: ReadonlySet<string>;
}

/**
 * `measured`: each VM's CPU demand in milli-cores, by id, where it is known from outside (an inventory's measured
 * utilisation) rather than from what the simulation gave it.
 */
export function planConsolidation(
  core: Core,
  clusterId: string,
  targetPct = DEFAULT_TARGET_PCT,
  measured?: ReadonlyMap<string, number>,
): Result<Consolidation> {
  const c = core.topology.cluster(clusterId);
  if (!c) return fail('not-found', `no cluster named ${clusterId}`);
  if (!(targetPct > 0 && targetPct <= 100)) return fail('invalid-input', `the target utilisation is a percent above 0 and at most 100, got ${targetPct}`);
  const { hosts, workloads: wl, metrics: m, ledger } = core;
  // Before its first tick an estate has measured nothing: every VM would look idle and fit on one host.
  if (m.ticks === 0) return fail('invalid-state', `${clusterId}: no demand has been measured yet (the estate has not run): let the clock run first`);
  const members = c.hosts.filter((h) => hosts.isConnected(h) && hosts.records[h].backingWorkload < 0);
  const memberSet = new Set(members);
  const pinned = new Set<number>();
  const items: Item[] = [];
  // Demand that stays where it is (what cannot move), per host.
  const fixedCpu = new Map<number, number>();
  const fixedMem = new Map<number, number>();
  const vmsBefore = new Map<number, number>();
  for (let w = 0; w < wl.count; w++) {
    const h = wl.host[w];
    if (!memberSet.has(h) || wl.stateOf(w) === 'deleted') continue;
    vmsBefore.set(h, (vmsBefore.get(h) ?? 0) + 1);
    const r = wl.records[w];
    const movable = r.kind === 'vm' && wl.stateOf(w) === 'running' && !onOwnStorage(core, w) && !core.migrations.has(w) && !core.datastores.moves.has(w);
    const cpu = measured?.get(wl.records[w].id) ?? cpuDemand(core, w);
    const mem = wl.demandMem[w];
    if (!movable) {
      // A VM on its way in holds its target: that host stays, and carries the VM's demand once it lands.
      const moving = core.migrations.get(w);
      const at = moving && memberSet.has(moving.to) ? moving.to : h;
      pinned.add(h);
      pinned.add(at);
      fixedCpu.set(at, (fixedCpu.get(at) ?? 0) + cpu);
      fixedMem.set(at, (fixedMem.get(at) ?? 0) + mem);
      continue;
    }
    const limit = allowedHosts(core, w).hosts;
    items.push({ w, from: h, claim: hostAmounts(core, w, r.claim), cpu, mem, ...(limit ? { allowed: new Set(limit) } : {}) });
  }
  // A VM migrating in from another cluster: its target stays, and carries its demand once it lands.
  for (const [w, moving] of core.migrations) {
    if (!memberSet.has(moving.to) || memberSet.has(wl.host[w])) continue;
    pinned.add(moving.to);
    fixedCpu.set(moving.to, (fixedCpu.get(moving.to) ?? 0) + cpuDemand(core, w));
    fixedMem.set(moving.to, (fixedMem.get(moving.to) ?? 0) + wl.demandMem[w]);
  }
  // What stays on each host (its use less the movable VMs' claims), worked out once.
  const leaving = new Map<number, number[]>();
  for (const it of items) {
    const l = leaving.get(it.from) ?? new Array<number>(RESOURCES).fill(0);
    it.claim.forEach((a, r) => {
      l[r] += a;
    });
    leaving.set(it.from, l);
  }
  const staying = (h: number, r: number) => ledger.used(h, r) - (leaving.get(h)?.[r] ?? 0);
  const load = (h: number) => (m.hostCpuDemand[h] ?? 0) / Math.max(1, hosts.physCpu[h]);
  const mustFirst = (a: number, b: number) => Number(pinned.has(b)) - Number(pinned.has(a));
  const byName = (a: number, b: number) => naturalCompare(hosts.records[a].id, hosts.records[b].id);
  // Two orders of the hosts to keep a prefix of: the busiest first (fewest moves), and the largest first (hosts of
  // mixed sizes, where a big idle host takes what the busy small ones carry); the fewer hosts wins, then the fewer moves.
  const busiestFirst = [...members].sort((a, b) => mustFirst(a, b) || load(b) - load(a) || hosts.physCpu[b] - hosts.physCpu[a] || byName(a, b));
  const largestFirst = [...members].sort(
    (a, b) => mustFirst(a, b) || hosts.physCpu[b] - hosts.physCpu[a] || hosts.physMem[b] - hosts.physMem[a] || load(b) - load(a) || byName(a, b),
  );
  let order = busiestFirst;
  items.sort((a, b) => b.cpu - a.cpu || b.mem - a.mem || naturalCompare(wl.records[a.w].id, wl.records[b.w].id));
  const notes: string[] = [];
  let best: { kept: number[]; at: Map<number, number> } | undefined;
  // The fewest hosts, in `order` (those that must stay come first), that take every VM: found by halving, since one more
  // host never makes first-fit fail where it fit before (a VM tries its own host first, so a pathological set of hosts can
  // make this find one host more than the least: a plan, not a proof).
  const minimum = Math.max(1, pinned.size);
  const fewest = (hostsInOrder: number[]): number | undefined => {
    const fits = (k: number) => pack(hostsInOrder.slice(0, k), false) !== undefined;
    if (hostsInOrder.length < minimum || !fits(hostsInOrder.length)) return undefined;
    let lo = minimum;
    let hi = hostsInOrder.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (fits(mid)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const byBusiest = fewest(busiestFirst);
  const byLargest = byBusiest === undefined || byBusiest > minimum ? fewest(largestFirst) : undefined;
  const k = byLargest !== undefined && (byBusiest === undefined || byLargest < byBusiest) ? byLargest : byBusiest;
  if (k !== undefined) {
    if (k === byLargest && k !== byBusiest) order = largestFirst;
    const kept = order.slice(0, k);
    // Found the fewest hosts: spread the VMs over them if that fits too (each to the host with the most CPU left), as an operator would.
    best = pack(kept, true) ?? pack(kept, false);
  }
  function pack(kept: number[], spread: boolean): { kept: number[]; at: Map<number, number> } | undefined {
    const used = kept.map((h) => Array.from({ length: RESOURCES }, (_, r) => staying(h, r)));
    const cpu = kept.map((h) => fixedCpu.get(h) ?? 0);
    const mem = kept.map((h) => fixedMem.get(h) ?? 0);
    const at = new Map<number, number>();
    for (const it of items) {
      let placed = -1;
      // Its own host first, if it stays: a VM that need not move does not.
      const home = kept.indexOf(it.from);
      const byRoom = [...kept.keys()];
      if (spread) byRoom.sort((a, b) => cpu[a] / hosts.physCpu[kept[a]] - cpu[b] / hosts.physCpu[kept[b]] || a - b);
      const tries = home >= 0 ? [home, ...byRoom] : byRoom;
      for (const i of tries) {
        if (placed >= 0) break;
        const h = kept[i];
        if (it.allowed && !it.allowed.has(hosts.records[h].id)) continue;
        if (!it.claim.every((a, r) => used[i][r] + a <= ledger.capacity(h, r))) continue;
        if (cpu[i] + it.cpu > (targetPct / 100) * hosts.physCpu[h]) continue;
        if (mem[i] + it.mem > (targetPct / 100) * hosts.physMem[h]) continue;
        placed = i;
      }
      if (placed < 0) return undefined;
      it.claim.forEach((a, r) => {
        used[placed][r] += a;
      });
      cpu[placed] += it.cpu;
      mem[placed] += it.mem;
      at.set(it.w, kept[placed]);
    }
    if (!haHolds(kept, used)) return undefined;
    return { kept, at };
  }
  function haHolds(kept: number[], used: number[][]): boolean {
    const ha = c!.ha;
    if (!ha) return true;
    for (let r = 0; r < 2; r++) {
      const capacity = kept.map((h) => ledger.scale(h, r));
      const total = capacity.reduce((a, b) => a + b, 0);
      const use = used.reduce((a, u) => a + u[r], 0);
      const reserve =
        ha.kind === 'percentage'
          ? (total * (r === 0 ? ha.cpuPct : ha.memoryPct)) / 100
          : [...capacity]
              .sort((a, b) => b - a)
              .slice(0, ha.hostFailures)
              .reduce((a, b) => a + b, 0);
      if (use > total - reserve) return false;
    }
    return true;
  }
  if (!best) {
    notes.push(`the cluster's VMs do not fit within ${targetPct}% on its ${members.length} hosts: nothing to free`);
    best = { kept: order, at: new Map(items.map((it) => [it.w, it.from])) };
  }
  const kept = new Set(best.kept);
  const cpuAfter = new Map<number, number>(members.map((h) => [h, fixedCpu.get(h) ?? 0]));
  const vmsAfter = new Map<number, number>(members.map((h) => [h, (vmsBefore.get(h) ?? 0) - items.filter((it) => it.from === h).length]));
  for (const it of items) {
    const to = best.at.get(it.w)!;
    cpuAfter.set(to, cpuAfter.get(to)! + it.cpu);
    vmsAfter.set(to, vmsAfter.get(to)! + 1);
  }
  const moves: ConsolidationMove[] = items
    .filter((it) => best!.at.get(it.w) !== it.from)
    .map((it) => ({ workload: wl.records[it.w].id, from: hosts.records[it.from].id, to: hosts.records[best!.at.get(it.w)!].id }))
    .sort((a, b) => naturalCompare(a.workload, b.workload));
  // Before and after on one footing: the same demand per VM (its P95), where it is now and where the plan puts it.
  const cpuBefore = new Map<number, number>(members.map((h) => [h, fixedCpu.get(h) ?? 0]));
  for (const it of items) cpuBefore.set(it.from, cpuBefore.get(it.from)! + it.cpu);
  const outlook: HostOutlook[] = members.map((h) => {
    const pc = Math.max(1, hosts.physCpu[h]);
    const before = (100 * Math.min(cpuBefore.get(h)!, pc)) / pc;
    const after = (100 * Math.min(cpuAfter.get(h)!, pc)) / pc;
    const keep = kept.has(h) || vmsAfter.get(h)! > 0;
    return {
      host: hosts.records[h].id,
      keep,
      cpuBeforePct: before,
      cpuAfterPct: keep ? after : 0,
      wattsBefore: powerAt(hosts.records[h].power, before),
      wattsAfter: keep ? powerAt(hosts.records[h].power, after) : 0,
      vmsBefore: vmsBefore.get(h) ?? 0,
      vmsAfter: vmsAfter.get(h)!,
    };
  });
  const up = outlook.filter((o) => o.keep);
  const meanOf = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  return ok({
    cluster: c.id,
    targetPct,
    hosts: outlook,
    moves,
    freed: outlook.filter((o) => !o.keep).map((o) => o.host),
    utilisationBeforePct: meanOf(outlook.map((o) => o.cpuBeforePct)),
    utilisationAfterPct: meanOf(up.map((o) => o.cpuAfterPct)),
    wattsBefore: outlook.reduce((a, o) => a + o.wattsBefore, 0),
    wattsAfter: up.reduce((a, o) => a + o.wattsAfter, 0),
    notes,
  });
}

/** A VM's CPU demand in milli-cores: the P95 of its minute averages, or what it demands now. */
function cpuDemand(core: Core, w: number): number {
  const wl = core.workloads;
  const minutes = core.metrics.workloadRollup.minutes.ring.read(w, 0);
  if (minutes.length === 0) return wl.demandCpu[w];
  return (percentile(minutes, 95)! / 100) * wl.cpuMilli[w];
}

/** Starts a plan's moves: those the hosts' migration slots allow now; the rest wait in `queue` for a slot (drainConsolidation). */
export function applyConsolidation(
  core: Core,
  moves: readonly ConsolidationMove[],
  queue: ConsolidationMove[],
): { started: string[]; waiting: string[]; refused: string[] } {
  const started: string[] = [];
  const waiting: string[] = [];
  const refused: string[] = [];
  for (const move of moves) {
    if (!slotsFree(core, move)) {
      queue.push(move);
      waiting.push(move.workload);
      continue;
    }
    const r = migrate(core, move.workload, move.to, { live: true });
    if (r.ok) started.push(move.workload);
    else refused.push(`${move.workload}: ${r.error.message}`);
  }
  return { started, waiting, refused };
}

/** Starts the waiting moves whose hosts have a migration slot again; a move that can no longer be made is logged and dropped. */
export function drainConsolidation(core: Core, queue: ConsolidationMove[]): void {
  for (let i = 0; i < queue.length; ) {
    const move = queue[i];
    if (!slotsFree(core, move)) {
      i++;
      continue;
    }
    queue.splice(i, 1);
    const r = migrate(core, move.workload, move.to, { live: true });
    if (!r.ok)
      core.log.append({
        kind: 'consolidation.move-failed',
        subjectType: 'workload',
        subjectId: move.workload,
        severity: 'warning',
        message: `${move.workload} could not move to ${move.to}: ${r.error.message}`,
      });
  }
}

function slotsFree(core: Core, move: ConsolidationMove): boolean {
  const from = core.hosts.indexOf(move.from);
  const to = core.hosts.indexOf(move.to);
  if (from === undefined || to === undefined) return true; // migrate says what is wrong
  const limit = core.policies[core.hosts.records[from].platform].migration.maxConcurrent;
  return inFlight(core, from) < limit && inFlight(core, to) < limit;
}
