// Memory as each platform holds it, per host. A guest holds the memory its host
// backs (backMemory): what it has touched on ESXi and KVM (the host backs guest
// pages on first touch and cannot tell when the guest frees one), all of its
// assigned memory on Hyper-V, what its processes use in a container. Page sharing
// (TPS, KSM) saves part of it between identical guests. The host's memory state
// is judged on the memory guests hold against what the host has (reclaimMemory):
// vSphere's states by minFree, the Linux kernel's by its watermarks. A state that
// reclaims takes back guests' idle memory (ballooning, kswapd); memory held beyond
// the host is in swap, and guests slow down. Where the host kernel kills instead
// (KVM's QEMU processes, containers), memory held beyond the host and its swap
// gets the biggest holder OOM-killed (oomKills), as does a container over its own
// hard limit.

import { codeOf, WORKLOAD_STATES } from './model.js';
import { type MemoryReclamation, reclaimTargetMiB, thresholdsMiB } from './platform-policy.js';
import { exitWorkload } from './restart.js';
import type { Core } from './state.js';
import { formatMiB, MEM } from './units.js';
import { CLAIM_FULL } from './workloads.js';

const RUNNING = codeOf(WORKLOAD_STATES, 'running');
const BOOTING = codeOf(WORKLOAD_STATES, 'booting');
const STOPPING = codeOf(WORKLOAD_STATES, 'stopping');
const PAUSED = codeOf(WORKLOAD_STATES, 'paused');
const MIGRATING = codeOf(WORKLOAD_STATES, 'migrating');

const TOUCHED = 0;
const ASSIGNED = 1;
const USED = 2;
const BACKING = { touched: TOUCHED, assigned: ASSIGNED, used: USED } as const;

/**
 * What each guest's host backs this tick, and what each host holds for its
 * guests (hostMemHeld), with what of it is idle (hostIdleMiB) and what the host
 * has taken back from its guests and they have not touched again (hostReclaimedMiB).
 */
export function backMemory(core: Core): void {
  const { workloads: wl, hosts, metrics: m, policies } = core;
  const { hostMemHeld: held, hostIdleMiB: idle, hostReclaimedMiB: taken, hostBacking: backing } = m;
  held.fill(0, 0, hosts.count);
  idle.fill(0, 0, hosts.count);
  taken.fill(0, 0, hosts.count);
  for (let h = 0; h < hosts.count; h++) backing[h] = BACKING[policies[hosts.records[h].platform].memoryBacking ?? 'assigned'];
  const { state, host, granted, reclaimed, demandMem, memoryMiB, overhead, level, claimId, records } = wl;
  const { ledger } = core;
  for (let w = 0; w < wl.count; w++) {
    const s = state[w];
    const h = host[w];
    if (h < 0 || (s !== RUNNING && s !== BOOTING && s !== STOPPING && s !== PAUSED && s !== MIGRATING)) {
      granted[w] = 0;
      reclaimed[w] = 0;
      continue;
    }
    const ovh = 1 + overhead[w];
    const active = demandMem[w] / ovh;
    const before = granted[w];
    const b = backing[h];
    // A powered-on guest's claim is read from the ledger's claim (a typed array): the
    // workload's record was a pointer chase for every Hyper-V guest, a fifth of a tick
    // at 1,000,000 workloads.
    const id = claimId[w];
    const g =
      b === TOUCHED
        ? Math.min(memoryMiB[w], Math.max(before, active))
        : b === USED
          ? active
          : level[w] !== CLAIM_FULL
            ? memoryMiB[w]
            : id >= 0
              ? ledger.claimed(id, MEM)
              : records[w].claim[MEM];
    // Touching memory the host took back takes it back again: the balloon deflates, pages come in from swap.
    if (g > before && reclaimed[w] > 0) reclaimed[w] = Math.max(0, reclaimed[w] - (g - before));
    granted[w] = g;
    held[h] += g * ovh;
    if (g > active) idle[h] += (g - active) * ovh;
    taken[h] += reclaimed[w] * ovh;
  }
  const saved = core.sharing.saved;
  for (let h = 0; h < hosts.count; h++) {
    const shared = h < saved.length ? Math.min(saved[h], 0.9 * held[h]) : 0;
    m.hostSharedMiB[h] = shared;
    held[h] -= shared;
    m.hostMemDemand[h] = Math.max(0, m.hostMemDemand[h] - Math.min(shared, m.hostMemDemand[h] * 0.9));
  }
}

const thresholdCache = new Map<MemoryReclamation, Map<number, { readonly below: number[]; readonly target: number }>>();

/** A ladder's thresholds for a host of this size, and the free memory it reclaims to, computed once per size. */
function thresholds(ladder: MemoryReclamation, memoryMiB: number): { readonly below: number[]; readonly target: number } {
  let bySize = thresholdCache.get(ladder);
  if (!bySize) thresholdCache.set(ladder, (bySize = new Map()));
  let t = bySize.get(memoryMiB);
  if (!t) bySize.set(memoryMiB, (t = { below: thresholdsMiB(ladder, memoryMiB), target: reclaimTargetMiB(ladder, memoryMiB) }));
  return t;
}

/** The state free memory puts a host in (the most severe whose threshold it is under). */
function stateFor(ladder: MemoryReclamation, t: readonly number[], free: number, swapped: boolean): number {
  let state = 0;
  for (let i = 1; i < t.length; i++) {
    if (free < t[i] || (swapped && ladder.states[i].below === 'swap')) state = i;
  }
  return state;
}

/**
 * Each host's memory state from what its guests hold; a state that reclaims
 * takes guests' idle memory back (from each in proportion to its idle share), up
 * to the free memory the platform reclaims to: vSphere to minFree, Linux's kswapd,
 * woken below the low watermark, on to the high one (the host stays in its
 * reclaiming state until then). What guests still hold beyond the host is in
 * swap, and on Linux so is what kswapd took (QEMU's memory is anonymous: reclaimed
 * means swapped out).
 */
export function reclaimMemory(core: Core): void {
  const { hosts, metrics: m, policies, workloads: wl } = core;
  const take = m.hostTakeShare;
  let anyTaken = false;
  for (let h = 0; h < hosts.count; h++) {
    take[h] = 0;
    const phys = hosts.physMem[h];
    const ladder = policies[hosts.records[h].platform].reclamation;
    let held = m.hostMemHeld[h];
    if (!ladder) {
      m.hostMemState[h] = 0;
      m.hostSlowdown[h] = 0;
      m.hostSwappedMiB[h] = Math.max(0, held - phys);
      continue;
    }
    const { below: t, target } = thresholds(ladder, hosts.records[h].memoryMiB);
    const before = stateFor(ladder, t, phys - held, held > phys);
    const reclaiming = before > 0 || (m.hostMemState[h] > 0 && phys - held < target);
    const rung = ladder.states[reclaiming ? Math.max(before, 1) : 0];
    const need = reclaiming ? Math.max(0, target - (phys - held)) : 0;
    const reclaimed = Math.min(need, rung.reclaimShare * m.hostIdleMiB[h], ((ladder.reclaimMiBps ?? Infinity) * core.tickMs) / 1000);
    if (reclaimed > 0) {
      take[h] = reclaimed / m.hostIdleMiB[h];
      anyTaken = true;
      held -= reclaimed;
      m.hostMemHeld[h] = held;
      m.hostReclaimedMiB[h] += reclaimed;
    }
    const swapped = Math.max(0, held - phys);
    let state = stateFor(ladder, t, phys - (held - swapped), swapped > 0);
    // A host that reclaimed this tick, or has not yet got back to its target, is reclaiming.
    if (reclaimed > 0 || (reclaiming && phys - (held - swapped) < target)) state = Math.max(state, 1);
    m.hostMemState[h] = state;
    m.hostSwappedMiB[h] = swapped + (ladder.minFree.kind === 'linux' ? m.hostReclaimedMiB[h] : 0);
    m.hostSlowdown[h] = ladder.states[state].slowdown;
  }
  if (!anyTaken) return;
  for (let w = 0; w < wl.count; w++) {
    const h = wl.host[w];
    if (h < 0 || take[h] === 0 || wl.granted[w] === 0) continue;
    const taken = take[h] * Math.max(0, wl.granted[w] - wl.demandMem[w] / (1 + wl.overhead[w]));
    wl.granted[w] -= taken;
    wl.reclaimed[w] += taken;
  }
}

/**
 * The host kernel's OOM killer: a container over its own hard limit is killed in
 * its cgroup; on a host whose guests hold more than it has and its swap, the
 * biggest holder goes first, as mm/oom_kill.c chooses (oom_badness: resident
 * pages, swap entries and page tables, the same scale for every candidate of a
 * host-wide OOM, so the largest process), until what is held fits.
 */
export function oomKills(core: Core): void {
  const { workloads: wl, hosts, metrics: m, policies } = core;
  let victims: Map<number, string> | undefined;
  for (const w of wl.limited) {
    if (wl.state[w] !== RUNNING || wl.host[w] < 0) continue;
    const used = wl.demandMem[w] / (1 + wl.overhead[w]);
    if (used > wl.memLimit[w]) (victims ??= new Map()).set(w, `using ${formatMiB(used)}, over its ${formatMiB(wl.memLimit[w])} limit`);
  }
  let short: Map<number, number> | undefined;
  for (let h = 0; h < hosts.count; h++) {
    const policy = policies[hosts.records[h].platform];
    if (!policy.oomKill) continue;
    const room = hosts.physMem[h] + (policy.reclamation?.swapMiB(hosts.records[h].memoryMiB) ?? 0);
    // What kswapd paged out is in swap too.
    const used = m.hostMemHeld[h] + (policy.reclamation?.minFree.kind === 'linux' ? m.hostReclaimedMiB[h] : 0);
    if (used > room) (short ??= new Map()).set(h, used - room);
  }
  if (short) {
    // oom_badness counts resident pages and swap entries alike.
    const holds = (w: number) => (wl.granted[w] + wl.reclaimed[w]) * (1 + wl.overhead[w]);
    const candidates: number[] = [];
    for (let w = 0; w < wl.count; w++) if (wl.state[w] === RUNNING && short.has(wl.host[w]) && !victims?.has(w) && wl.granted[w] > 0) candidates.push(w);
    candidates.sort((a, b) => holds(b) - holds(a) || a - b);
    for (const w of candidates) {
      const h = wl.host[w];
      const need = short.get(h)!;
      if (need <= 0) continue;
      const what = wl.records[w].kind === 'container' ? '' : 'its QEMU process ';
      (victims ??= new Map()).set(w, `${what}killed by the kernel: host ${hosts.records[h].id} is out of memory and swap`);
      short.set(h, need - holds(w));
    }
  }
  if (victims) for (const [w, why] of victims) exitWorkload(core, w, 137, `OOM-killed, ${why}`);
}
