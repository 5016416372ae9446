// Memory under pressure, per host, by what its platform declares: page sharing
// saves memory between identical guests; a reclamation ladder (vSphere's, by
// minFree) takes memory back from guests, ballooning their idle memory first, then
// compressing and swapping, slowing them as it goes; where the kernel kills
// instead (Docker), the largest container goes, and so does any container that
// goes over its own hard limit.
import { minFreeMiB } from './platform-policy.js';
import { exitWorkload } from './restart.js';
import type { Core } from './state.js';
import { formatMiB, MEM } from './units.js';
import { codeOf, WORKLOAD_STATES } from './model.js';

const RUNNING = codeOf(WORKLOAD_STATES, 'running');

export function reclaimMemory(core: Core): void {
  const { hosts, metrics: m, ledger, policies } = core;
  const saved = core.sharing.saved;
  for (let h = 0; h < hosts.count; h++) {
    const demand = m.hostMemDemand[h];
    const shared = h < saved.length ? Math.min(saved[h], 0.9 * demand) : 0;
    m.hostSharedMiB[h] = shared;
    m.hostMemDemand[h] = demand - shared;
    const ladder = policies[hosts.records[h].platform].reclamation;
    if (!ladder) {
      m.hostMemState[h] = 0;
      m.hostReclaimedMiB[h] = 0;
      m.hostSlowdown[h] = 0;
      continue;
    }
    // What guests hold (their claims, less what sharing saves) against what the host has.
    const consumed = ledger.used(h, MEM) - shared;
    const free = hosts.physMem[h] - consumed;
    const minFree = minFreeMiB(ladder, hosts.records[h].memoryMiB);
    let state = 0;
    for (let i = 1; i < ladder.states.length; i++) if (free < (ladder.states[i].belowPct / 100) * minFree) state = i;
    const rung = ladder.states[state];
    const idle = Math.max(0, consumed - m.hostMemDemand[h]);
    const need = Math.max(0, minFree - free);
    m.hostMemState[h] = state;
    m.hostReclaimedMiB[h] = Math.min(need, rung.reclaimShare * idle);
    m.hostSlowdown[h] = rung.slowdown;
  }
}

/** Containers over their hard limit, and the largest containers of Docker hosts out of memory, are OOM-killed. */
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
    if (policies[hosts.records[h].platform].oomKill && m.hostMemDemand[h] > hosts.physMem[h]) short.set(h, m.hostMemDemand[h] - hosts.physMem[h]);
  }
  if (short.size > 0) {
    // The kernel's choice: whoever is furthest over its soft limit (its memory
    // reservation, which is what it claims) first, the biggest first among equals.
    const candidates: number[] = [];
    for (let w = 0; w < wl.count; w++) if (wl.state[w] === RUNNING && short.has(wl.host[w]) && !victims.has(w)) candidates.push(w);
    const over = (w: number) => wl.demandMem[w] - wl.records[w].claim[MEM];
    candidates.sort((a, b) => over(b) - over(a) || wl.demandMem[b] - wl.demandMem[a] || a - b);
    for (const w of candidates) {
      const h = wl.host[w];
      const need = short.get(h)!;
      if (need <= 0) continue;
      victims.set(w, `host ${hosts.records[h].id} ran out of memory`);
      short.set(h, need - wl.demandMem[w]);
    }
  }
  for (const [w, why] of victims) exitWorkload(core, w, 137, `OOM-killed, ${why}`);
}
