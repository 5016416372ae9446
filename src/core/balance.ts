// Balancing a cluster, as vSphere DRS does: each connected host's load is the
// larger of its CPU and memory demand as a share of what it has; the cluster's
// imbalance is the standard deviation of those loads. When it is over what the
// migration threshold tolerates (1 conservative ... 5 aggressive), moves are
// chosen one at a time: the live migration that cuts the imbalance most for what
// it costs (the memory it has to copy), until the imbalance is within bounds or no
// move helps. The result is a list of recommendations; applying them migrates.

import { allowedHosts } from './allowed-hosts.js';
import { hostAmounts } from './claims.js';
import { migrate } from './commands/migrate.js';
import { onOwnStorage } from './datastores.js';
import { guestMemoryMiB } from './dynamic-memory.js';
import { migrationBandwidth } from './migration-plan.js';
import { naturalCompare } from './natural-compare.js';
import { fail, ok, type Result } from './result.js';
import type { Core } from './state.js';
import { RESOURCES } from './units.js';

/** The imbalance each threshold tolerates; 1 makes no load-balancing moves at all. */
export const TOLERATED_IMBALANCE: Readonly<Record<number, number>> = { 1: Infinity, 2: 0.2, 3: 0.15, 4: 0.1, 5: 0.05 };
/** At most this many moves in one pass (vSphere limits each pass too). */
export const MAX_MOVES = 8;
/** A move must cut the imbalance by at least this much to be worth its migration. */
const MIN_GAIN = 0.005;

export interface BalanceMove {
  readonly workload: string;
  readonly from: string;
  readonly to: string;
  /** The imbalance before and after this move (after the moves before it). */
  readonly before: number;
  readonly after: number;
  /** About how long its live migration takes, in sim ms. */
  readonly costMs: number;
}

export interface Balance {
  readonly cluster: string;
  readonly threshold: number;
  readonly tolerated: number;
  readonly imbalance: number;
  /** Each host's load now, in [0, 1+]. */
  readonly loads: readonly { readonly host: string; readonly load: number }[];
  readonly moves: readonly BalanceMove[];
  /** The imbalance once every move is made. */
  readonly after: number;
}

export function recommend(core: Core, clusterId: string, threshold = 3): Result<Balance> {
  const c = core.topology.cluster(clusterId);
  if (!c) return fail('not-found', `no cluster named ${clusterId}`);
  if (!(Number.isInteger(threshold) && threshold >= 1 && threshold <= 5)) return fail('invalid-input', `the migration threshold is 1 to 5, got ${threshold}`);
  const { hosts, workloads: wl, metrics: m, ledger } = core;
  const members = c.hosts.filter((h) => hosts.isConnected(h));
  const cpuCap = members.map((h) => Math.max(1, hosts.physCpu[h]));
  const memCap = members.map((h) => Math.max(1, hosts.physMem[h]));
  const cpu = members.map((h) => m.hostCpuDemand[h] ?? 0);
  const mem = members.map((h) => m.hostMemDemand[h] ?? 0);
  const loadOf = (i: number) => Math.max(cpu[i] / cpuCap[i], mem[i] / memCap[i]);
  const loads = members.map((_, i) => loadOf(i));
  const tolerated = TOLERATED_IMBALANCE[threshold];
  const imbalance = std(loads);
  // Room on each host, with the moves chosen so far counted.
  const extra = members.map(() => new Array<number>(RESOURCES).fill(0));
  const fits = (i: number, claim: readonly number[]) => claim.every((a, r) => a + extra[i][r] <= ledger.free(members[i], r));
  const index = new Map(members.map((h, i) => [h, i]));
  // A VM goes only where its driver lets it (a vSphere VM to hosts with its port groups).
  const limits = new Map<number, ReadonlySet<string>>();
  const allowed = (w: number, h: number) => !limits.has(w) || limits.get(w)!.has(hosts.records[h].id);
  const movable: number[] = [];
  for (let w = 0; w < wl.count; w++) {
    const r = wl.records[w];
    if (r.kind !== 'vm' || wl.stateOf(w) !== 'running' || !index.has(wl.host[w]) || core.migrations.has(w)) continue;
    if (r.placement.affinityGroup || r.placement.antiAffinityGroup) continue; // rules stay the user's
    if (onOwnStorage(core, w) || core.datastores.moves.has(w)) continue; // DRS moves only VMs whose disks the other hosts see, and not mid-copy
    const limit = allowedHosts(core, w).hosts;
    if (limit) limits.set(w, new Set(limit));
    movable.push(w);
  }
  movable.sort((a, b) => naturalCompare(wl.records[a].id, wl.records[b].id));
  const at = new Map(movable.map((w) => [w, index.get(wl.host[w])!]));
  const share = core.policies[c.platform].migration.bandwidthShare;
  const moves: BalanceMove[] = [];
  // Each host takes part in so many migrations at once; the moves proposed must all be able to start.
  const limit = core.policies[c.platform].migration.maxConcurrent;
  const slots = members.map((h) => limit - [...core.migrations.values()].filter((x) => x.from === h || x.to === h).length);
  let current = imbalance;
  while (current > tolerated && moves.length < MAX_MOVES) {
    let best: { w: number; to: number; after: number; cost: number; score: number } | undefined;
    for (const w of movable) {
      const from = at.get(w)!;
      const claim = hostAmounts(core, w, wl.records[w].claim);
      if (slots[from] <= 0) continue;
      for (let to = 0; to < members.length; to++) {
        if (to === from || slots[to] <= 0 || !fits(to, claim) || !allowed(w, members[to])) continue;
        cpu[from] -= wl.demandCpu[w];
        mem[from] -= wl.demandMem[w];
        cpu[to] += wl.demandCpu[w];
        mem[to] += wl.demandMem[w];
        const after = std(members.map((_, i) => loadOf(i)));
        cpu[from] += wl.demandCpu[w];
        mem[from] += wl.demandMem[w];
        cpu[to] -= wl.demandCpu[w];
        mem[to] -= wl.demandMem[w];
        const gain = current - after;
        if (gain < MIN_GAIN) continue;
        const mbps = Math.min(hosts.records[members[from]].nicMbps, hosts.records[members[to]].nicMbps);
        const cost = (guestMemoryMiB(wl, w) / migrationBandwidth(mbps, share)) * 1000;
        // The most imbalance removed per migration cost; a move that copies less wins a near tie.
        const score = gain / Math.sqrt(1 + cost / 1000);
        if (!best || score > best.score) best = { w, to, after, cost, score };
      }
    }
    if (!best) break;
    const from = at.get(best.w)!;
    const claim = hostAmounts(core, best.w, wl.records[best.w].claim);
    cpu[from] -= wl.demandCpu[best.w];
    mem[from] -= wl.demandMem[best.w];
    cpu[best.to] += wl.demandCpu[best.w];
    mem[best.to] += wl.demandMem[best.w];
    // A live migration holds its room on both hosts until it lands: the source frees nothing for later moves.
    claim.forEach((a, r) => {
      extra[best!.to][r] += a;
    });
    slots[from]--;
    slots[best.to]--;
    at.set(best.w, best.to);
    movable.splice(movable.indexOf(best.w), 1); // one move per VM in a pass
    moves.push({
      workload: wl.records[best.w].id,
      from: hosts.records[members[from]].id,
      to: hosts.records[members[best.to]].id,
      before: current,
      after: best.after,
      costMs: Math.round(best.cost),
    });
    current = best.after;
  }
  return ok({
    cluster: c.id,
    threshold,
    tolerated,
    imbalance,
    loads: members.map((h, i) => ({ host: hosts.records[h].id, load: loads[i] })),
    moves,
    after: current,
  });
}

function std(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const mean = xs.reduce((a, x) => a + x, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length);
}

/** Makes the recommended moves (live migrations); says which could not start, and why. */
export function applyBalance(core: Core, moves: readonly BalanceMove[]): { started: string[]; refused: string[] } {
  const started: string[] = [];
  const refused: string[] = [];
  for (const m of moves) {
    const r = migrate(core, m.workload, m.to, { live: true });
    if (r.ok) started.push(m.workload);
    else refused.push(`${m.workload}: ${r.error.message}`);
  }
  return { started, refused };
}
