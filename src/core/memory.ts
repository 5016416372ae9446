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
import { thresholdsMiB, type MemoryReclamation } from './platform-policy.js';
import { exitWorkload } from './restart.js';
import type { Core } from './state.js';
import { formatMiB, MEM } from './units.js';
import { codeOf, WORKLOAD_STATES } from './model.js';
import { CLAIM_FULL } from './workloads.js';

const RUNNING = codeOf(WORKLOAD_STATES, 'running');
const BOOTING = codeOf(WORKLOAD_STATES, 'booting');
const STOPPING = codeOf(WORKLOAD_STATES, 'stopping');
const PAUSED = codeOf(WORKLOAD_STATES, 'paused');
const MIGRATING = codeOf(WORKLOAD_STATES, 'migrating');

/** What each guest's host backs this tick, and what each host holds for its guests (hostMemHeld). */
export function backMemory(core: Core): void {
  const { workloads: wl, hosts, metrics: m, policies } = core;
  const held = m.hostMemHeld;
  held.fill(0, 0, hosts.count);
  const { state, host, granted, reclaimed, demandMem, memoryMiB, overhead } = wl;
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
    let g: number;
    switch (policies[wl.records[w].platform].memoryBacking) {
      case 'touched':
        g = Math.min(memoryMiB[w], Math.max(granted[w], active));
        break;
      case 'used':
        g = active;
        break;
      default: {
        const claim = wl.records[w].claim[MEM];
        g = wl.level[w] === CLAIM_FULL ? claim : memoryMiB[w];
      }
    }
    // Touching memory the host took back takes it back again: the balloon deflates.
    if (g > granted[w] && reclaimed[w] > 0) reclaimed[w] = Math.max(0, reclaimed[w] - (g - granted[w]));
    granted[w] = g;
    held[h] += g * ovh;
  }
  const saved = core.sharing.saved;
  for (let h = 0; h < hosts.count; h++) {
    const shared = h < saved.length ? Math.min(saved[h], 0.9 * held[h]) : 0;
    m.hostSharedMiB[h] = shared;
    held[h] -= shared;
    m.hostMemDemand[h] = Math.max(0, m.hostMemDemand[h] - Math.min(shared, m.hostMemDemand[h] * 0.9));
  }
}

const thresholdCache = new Map<MemoryReclamation, Map<number, number[]>>();

/** A ladder's thresholds for a host of this size, computed once per size. */
function thresholds(ladder: MemoryReclamation, memoryMiB: number): number[] {
  let bySize = thresholdCache.get(ladder);
  if (!bySize) thresholdCache.set(ladder, (bySize = new Map()));
  let t = bySize.get(memoryMiB);
  if (!t) bySize.set(memoryMiB, (t = thresholdsMiB(ladder, memoryMiB)));
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
 * to the floor the platform reclaims to: minFree on vSphere, the high watermark
 * on Linux. What guests still hold beyond the host is in swap.
 */
export function reclaimMemory(core: Core): void {
  const { hosts, metrics: m, policies, workloads: wl } = core;
  const idle = new Float64Array(hosts.count);
  for (let w = 0; w < wl.count; w++) {
    const h = wl.host[w];
    if (h >= 0 && wl.granted[w] > 0) idle[h] += Math.max(0, wl.granted[w] - wl.demandMem[w] / (1 + wl.overhead[w])) * (1 + wl.overhead[w]);
  }
  const take = new Float64Array(hosts.count);
  let anyTaken = false;
  for (let h = 0; h < hosts.count; h++) {
    const phys = hosts.physMem[h];
    const ladder = policies[hosts.records[h].platform].reclamation;
    let held = m.hostMemHeld[h];
    if (!ladder) {
      m.hostMemState[h] = 0;
      m.hostReclaimedMiB[h] = 0;
      m.hostSlowdown[h] = 0;
      m.hostSwappedMiB[h] = Math.max(0, held - phys);
      continue;
    }
    const t = thresholds(ladder, hosts.records[h].memoryMiB);
    const before = stateFor(ladder, t, phys - held, held > phys);
    const rung = ladder.states[before];
    // Reclaim back to the floor: the first threshold below "no reclamation".
    const need = Math.max(0, t[1] - (phys - held));
    const reclaimed = Math.min(need, rung.reclaimShare * idle[h]);
    if (reclaimed > 0) {
      take[h] = reclaimed / idle[h];
      anyTaken = true;
      held -= reclaimed;
      m.hostMemHeld[h] = held;
    }
    const swapped = Math.max(0, held - phys);
    const state = stateFor(ladder, t, phys - (held - swapped), swapped > 0);
    m.hostMemState[h] = state;
    // What guests have given back and not yet touched again (summed below).
    m.hostReclaimedMiB[h] = 0;
    m.hostSwappedMiB[h] = swapped;
    m.hostSlowdown[h] = ladder.states[state].slowdown;
  }
  for (let w = 0; w < wl.count; w++) {
    const h = wl.host[w];
    if (h < 0 || wl.granted[w] === 0) continue;
    if (anyTaken && take[h] > 0) {
      const taken = take[h] * Math.max(0, wl.granted[w] - wl.demandMem[w] / (1 + wl.overhead[w]));
      wl.granted[w] -= taken;
      wl.reclaimed[w] += taken;
    }
    m.hostReclaimedMiB[h] += wl.reclaimed[w];
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
  const victims = new Map<number, string>();
  for (const w of wl.limited) {
    if (wl.state[w] !== RUNNING || wl.host[w] < 0) continue;
    const used = wl.demandMem[w] / (1 + wl.overhead[w]);
    if (used > wl.memLimit[w]) victims.set(w, `using ${formatMiB(used)}, over its ${formatMiB(wl.memLimit[w])} limit`);
  }
  const short = new Map<number, number>();
  for (let h = 0; h < hosts.count; h++) {
    const policy = policies[hosts.records[h].platform];
    if (!policy.oomKill) continue;
    const room = hosts.physMem[h] + (policy.reclamation?.swapMiB(hosts.records[h].memoryMiB) ?? 0);
    if (m.hostMemHeld[h] > room) short.set(h, m.hostMemHeld[h] - room);
  }
  if (short.size > 0) {
    const holds = (w: number) => wl.granted[w] * (1 + wl.overhead[w]);
    const candidates: number[] = [];
    for (let w = 0; w < wl.count; w++) if (wl.state[w] === RUNNING && short.has(wl.host[w]) && !victims.has(w) && wl.granted[w] > 0) candidates.push(w);
    candidates.sort((a, b) => holds(b) - holds(a) || a - b);
    for (const w of candidates) {
      const h = wl.host[w];
      const need = short.get(h)!;
      if (need <= 0) continue;
      const what = wl.records[w].kind === 'container' ? '' : 'its QEMU process ';
      victims.set(w, `${what}killed by the kernel: host ${hosts.records[h].id} is out of memory and swap`);
      short.set(h, need - holds(w));
    }
  }
  for (const [w, why] of victims) exitWorkload(core, w, 137, `OOM-killed, ${why}`);
}
