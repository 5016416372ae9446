// The supply half of a tick: each host's contention (CPU ready when demand
// exceeds the physical cores; memory in use, what guests hold that is resident;
// memory pressure when active memory exceeds physical memory), then what each workload gets: on a contended host the cores are
// divided in proportion to demand x shares, and memory reclamation slows guests.
import { encode } from './history.js';
import { powerAt } from './power.js';
import type { Core } from './state.js';

const CONNECTED = 0;
const MAINTENANCE = 1;

export function contention(core: Core): void {
  const { hosts, metrics: m } = core;
  const { physCpu, physMem, codes } = hosts;
  const cpuRow = m.hostHistory.row(0);
  const memRow = m.hostHistory.row(1);
  const readyRow = m.hostHistory.row(2);
  const pressureRow = m.hostHistory.row(3);
  const records = hosts.records;
  for (let h = 0; h < hosts.count; h++) {
    const pc = physCpu[h];
    const pm = physMem[h];
    const d = m.hostCpuDemand[h];
    const mem = m.hostMemDemand[h];
    const held = m.hostMemHeld[h];
    const cpuPct = (100 * Math.min(d, pc)) / pc;
    const memPct = (100 * Math.min(held, pm)) / pm;
    const ready = d > pc ? (100 * (d - pc)) / d : 0;
    const pressure = mem > pm ? (100 * (mem - pm)) / pm : 0;
    m.hostCpuPct[h] = cpuPct;
    m.hostMemPct[h] = memPct;
    m.hostReadyPct[h] = ready;
    m.hostPressurePct[h] = pressure;
    // Cores per unit of demand x shares when contended; 0 means "not contended".
    m.hostCpuShare[h] = d > pc ? pc / m.hostWeighted[h] : 0;
    const code = codes[h];
    const r = records[h];
    m.hostPowerW[h] = (code === CONNECTED || code === MAINTENANCE) && r.backingWorkload < 0 ? powerAt(r.power, cpuPct) : 0;
    cpuRow[h] = encode(cpuPct);
    memRow[h] = encode(memPct);
    readyRow[h] = encode(ready);
    pressureRow[h] = encode(pressure);
  }
}

/** What each workload gets: its demand, cut to its weighted share on contended hosts and slowed by reclamation. */
export function grant(core: Core): void {
  const { workloads: wl, metrics: m } = core;
  const { host, cpuPct, shares } = wl;
  const share = m.hostCpuShare;
  const slowdown = m.hostSlowdown;
  const cpuRow = m.workloadHistory.row(0);
  for (let w = 0; w < wl.count; w++) {
    const h = host[w];
    if (h < 0) continue;
    let f = 1 - slowdown[h];
    const s = share[h];
    if (s > 0) {
      const weighted = s * shares[w];
      if (weighted < 1) f *= weighted;
    }
    const c = cpuPct[w] * f;
    cpuPct[w] = c;
    cpuRow[w] = encode(c);
  }
}
