// One tick of the simulation, in order: demand (tick-demand.ts), CPU credits of
// burstable VMs, the memory hosts back, page sharing and reclamation (memory.ts), contention and
// grants (tick-hosts.ts), credits earned, OOM kills, Dynamic Memory. Each step is
// a pass over typed arrays, or over the short lists of workloads it concerns.
import { capBurstable, earnCredits } from './credits.js';
import { adjustDynamicMemory } from './dynamic-memory.js';
import { backMemory, oomKills, reclaimMemory } from './memory.js';
import { snapshotWrites } from './snapshot-writes.js';
import type { Core } from './state.js';
import { forgetAnswered, thinDataDiskWrites, thinDiskWrites } from './storage-writes.js';
import { demandPass, nestedHosts } from './tick-demand.js';
import { contention, grant } from './tick-hosts.js';
import { DiurnalTable } from './utilization.js';

const diurnal = new DiurnalTable();

export function runTick(core: Core): void {
  const { workloads: wl, hosts, metrics: m } = core;
  m.reserveHosts(hosts.count);
  m.reserveWorkloads(wl.count);
  m.hostCpuDemand.fill(0, 0, hosts.count);
  m.hostMemDemand.fill(0, 0, hosts.count);
  m.hostWeighted.fill(0, 0, hosts.count);
  const tick = Math.floor(core.clock.now / core.tickMs);
  diurnal.moveTo(core.clock.now);
  demandPass(core, tick, diurnal);
  nestedHosts(core);
  capBurstable(core);
  backMemory(core);
  reclaimMemory(core);
  contention(core);
  grant(core);
  earnCredits(core);
  m.hostHistory.commit();
  m.workloadHistory.commit();
  const minuteEnded = m.hostRollup.sample(core.clock.now, hosts.count, [m.hostCpuPct, m.hostMemPct]);
  m.workloadRollup.sample(core.clock.now, wl.count, [wl.cpuPct, wl.memPct]);
  m.ticks++;
  // Last, because they change states and claims: what the tick measured decides them.
  oomKills(core);
  adjustDynamicMemory(core);
  snapshotWrites(core);
  thinDiskWrites(core);
  thinDataDiskWrites(core);
  forgetAnswered(core);
  // Last of all: what watches each minute (the alarm monitor) reads the minute just closed and the states the tick left.
  if (minuteEnded) core.minuteEnded();
}
