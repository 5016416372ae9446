// The demand half of a tick: each powered-on workload's CPU and memory demand from
// its utilisation model, summed per host (a VM that runs a container host also
// carries its containers' load). Typed arrays only; nothing here allocates.
import { encode } from './history.js';
import { codeOf, WORKLOAD_STATES } from './model.js';
import { hash32 } from './prng.js';
import type { Core } from './state.js';
import { BURST_ENTER, BURST_LEAVE, BURSTY, cpuShare, DIURNAL, type DiurnalTable, memoryShare, PHASE_BUCKETS } from './utilization.js';

const RUNNING = codeOf(WORKLOAD_STATES, 'running');
const BOOTING = codeOf(WORKLOAD_STATES, 'booting');
const STOPPING = codeOf(WORKLOAD_STATES, 'stopping');
const PAUSED = codeOf(WORKLOAD_STATES, 'paused');
const MIGRATING = codeOf(WORKLOAD_STATES, 'migrating');

const TO_UNIT = 1 / 4294967296;

/**
 * Every powered-on workload's own demand, added to its host. Leaves each
 * workload's CPU use before contention (percent of its vCPUs) in cpuPct, for
 * grant() to scale, and its memory use in memPct.
 */
export function demandPass(core: Core, tick: number, diurnal: DiurnalTable): void {
  const wl = core.workloads;
  const m = core.metrics;
  const { state, host, model, modelLevel, memLevel, modelPhase, seed, burst, overhead, cpuMilli, memoryMiB, demandCpu, demandMem, cpuPct, memPct, shares } = wl;
  const hostCpu = m.hostCpuDemand;
  const hostMem = m.hostMemDemand;
  const hostWeighted = m.hostWeighted;
  const memRow = m.workloadHistory.row(1);
  const n = wl.count;
  for (let w = 0; w < n; w++) {
    const s = state[w];
    const h = host[w];
    if (h < 0 || (s !== RUNNING && s !== BOOTING && s !== STOPPING && s !== PAUSED && s !== MIGRATING)) {
      demandCpu[w] = 0;
      demandMem[w] = 0;
      cpuPct[w] = 0;
      memPct[w] = 0;
      memRow[w] = 0;
      continue;
    }
    const sd = seed[w];
    const u = hash32(sd, tick) * TO_UNIT;
    const mdl = model[w];
    let bursting = burst[w] === 1;
    if (mdl === BURSTY) {
      const v = hash32(sd ^ 0x5bd1e995, tick) * TO_UNIT;
      if (bursting ? v < BURST_LEAVE : v < BURST_ENTER) bursting = !bursting;
      burst[w] = bursting ? 1 : 0;
    }
    // Only the diurnal model follows the time of day.
    const shape = mdl === DIURNAL ? diurnal.get((modelPhase[w] * PHASE_BUCKETS) | 0) : 0;
    // A fixed per-workload skew of its memory use, in [-0.1, 0.1].
    const offset = ((sd >>> 8) & 255) / 1275 - 0.1;
    let cpu: number;
    let mem: number;
    const setMem = memLevel[w];
    if (s === PAUSED) {
      cpu = 0; // a paused guest holds its memory and uses no CPU
      mem = setMem > 0 ? setMem : memoryShare(mdl, shape, false, offset);
    } else if (s === BOOTING) {
      cpu = 0.5 + 0.3 * u; // boots are CPU-heavy
      mem = 0.3;
    } else {
      cpu = cpuShare(mdl, modelLevel[w], shape, bursting, u);
      mem = setMem > 0 ? setMem : memoryShare(mdl, shape, bursting, offset);
    }
    const ovh = 1 + overhead[w];
    const dc = cpu * cpuMilli[w] * ovh;
    const dm = mem * memoryMiB[w] * ovh;
    demandCpu[w] = dc;
    demandMem[w] = dm;
    hostCpu[h] += dc;
    hostMem[h] += dm;
    hostWeighted[h] += dc * shares[w];
    cpuPct[w] = 100 * cpu;
    memPct[w] = 100 * mem;
    memRow[w] = encode(100 * mem);
  }
  // Dynamic Memory: a guest uses a share of the startup memory its workload was given, not of
  // its maximum (dynamic-memory.ts); its memory use stays a share of its size, the maximum. A
  // memory load set on it (a scenario's, setLoad) is a share of all it may have: its maximum.
  for (const [w, dm] of wl.dynamic) {
    const before = demandMem[w];
    if (before === 0 || memLevel[w] > 0) continue;
    const scale = dm.startupMiB / memoryMiB[w];
    demandMem[w] = before * scale;
    hostMem[host[w]] += demandMem[w] - before;
    memPct[w] *= scale;
    memRow[w] = encode(memPct[w]);
  }
}

/**
 * A VM that runs a container host also carries what its containers demand, up to
 * its own size; that extra lands on the VM's own host too.
 */
export function nestedHosts(core: Core): void {
  const { hosts, workloads: wl, metrics: m } = core;
  for (const inner of hosts.nested) {
    const w = hosts.records[inner].backingWorkload;
    const h = wl.host[w];
    if (h < 0 || wl.demandCpu[w] === 0) continue;
    const ovh = 1 + wl.overhead[w];
    const ownCpu = wl.demandCpu[w] / ovh;
    const ownMem = wl.demandMem[w] / ovh;
    const cpu = Math.min(wl.cpuMilli[w], ownCpu + m.hostCpuDemand[inner]);
    const mem = Math.min(wl.memoryMiB[w], ownMem + m.hostMemDemand[inner]);
    m.hostCpuDemand[h] += (cpu - ownCpu) * ovh;
    m.hostMemDemand[h] += (mem - ownMem) * ovh;
    m.hostWeighted[h] += (cpu - ownCpu) * ovh * wl.shares[w];
    wl.demandCpu[w] = cpu * ovh;
    wl.demandMem[w] = mem * ovh;
    wl.cpuPct[w] = (100 * cpu) / wl.cpuMilli[w];
    wl.memPct[w] = (100 * mem) / wl.memoryMiB[w];
    m.workloadHistory.write(w, 1, wl.memPct[w]);
  }
}
