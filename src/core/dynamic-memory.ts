// Hyper-V's Dynamic Memory: a VM's assigned memory follows its demand plus a
// buffer (5-2000%, 20% by default), between its minimum and maximum. The assigned
// memory is what the VM claims on its host, so the ledger moves with it; it grows
// only as far as the host has room, and changes by less than 5% (or 32 MiB) are
// left alone, as the balancer's hysteresis does. A VM starts with its startup
// memory, and its guest's demand is a share of that, the size its workload was
// given (tick-demand.ts): the maximum is a ceiling, 1 TB by Hyper-V's default
// (Set-VMMemory -MaximumBytes), not what a guest uses.
import { resizeClaim } from './claims.js';
import { codeOf, WORKLOAD_STATES } from './model.js';
import type { Core } from './state.js';
import { MEM } from './units.js';

const RUNNING = codeOf(WORKLOAD_STATES, 'running');

/** What Set-VMMemory sets of Dynamic Memory while a VM runs. */
export interface DynamicMemorySettings {
  readonly minimumMiB: number;
  readonly maximumMiB: number;
  readonly bufferPct: number;
}

/** A VM's Dynamic Memory: its settings and the startup memory it boots with (changed only while it is off). */
export interface DynamicMemory extends DynamicMemorySettings {
  readonly startupMiB: number;
}

/**
 * The memory a VM's guest has now: its size, or with Dynamic Memory what it is
 * assigned (not its maximum): what a live migration copies, a memory checkpoint
 * saves, and an evacuation weighs.
 */
export function guestMemoryMiB(wl: Core['workloads'], w: number): number {
  return wl.dynamic.has(w) ? wl.records[w].claim[MEM] : wl.memoryMiB[w];
}

export function adjustDynamicMemory(core: Core): void {
  const wl = core.workloads;
  for (const [w, dm] of wl.dynamic) {
    const h = wl.host[w];
    if (h < 0 || wl.state[w] !== RUNNING) continue;
    const active = wl.demandMem[w] / (1 + wl.overhead[w]);
    const target = Math.round(Math.min(dm.maximumMiB, Math.max(dm.minimumMiB, active * (1 + dm.bufferPct / 100))));
    const claim = wl.records[w].claim;
    const current = claim[MEM];
    if (Math.abs(target - current) < Math.max(32, 0.05 * current)) continue;
    const next = target > current ? Math.min(target, current + Math.max(0, core.ledger.free(h, MEM))) : target;
    if (next !== current) resizeClaim(core, w, [claim[0], next, claim[2]]);
  }
}

/** Why these Dynamic Memory settings cannot be, in Hyper-V's terms; undefined if they can. */
export function dynamicMemoryProblem(id: string, startupMiB: number, dm: DynamicMemorySettings): string | undefined {
  if (!(dm.minimumMiB > 0 && dm.maximumMiB > 0)) return `${id}: minimum and maximum memory must be positive`;
  if (dm.minimumMiB > startupMiB) return `${id}: the minimum memory (${dm.minimumMiB} MB) cannot be greater than the startup memory (${startupMiB} MB)`;
  if (dm.maximumMiB < startupMiB) return `${id}: the maximum memory (${dm.maximumMiB} MB) cannot be less than the startup memory (${startupMiB} MB)`;
  if (!(dm.bufferPct >= 5 && dm.bufferPct <= 2000)) return `${id}: the memory buffer must be between 5 and 2000 percent, got ${dm.bufferPct}`;
  return undefined;
}
