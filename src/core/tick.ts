// One tick of the simulation: each powered-on workload's demand from its model,
// summed per host (containers first, so a VM that hosts containers carries their
// load), then each host's contention: CPU ready when demand exceeds the physical
// cores, memory pressure when demand exceeds physical memory. One pass over
// typed arrays per kind; nothing here allocates.
import { hash32 } from './prng.js';
import type { Core } from './state.js';
import { CPU, MEM, MILLI_PER_VCPU } from './units.js';
import { BURST_ENTER, BURST_LEAVE, BURSTY, cpuShare, fillDiurnalTable, memoryShare, PHASE_BUCKETS } from './utilization.js';
import { codeOf, WORKLOAD_KINDS, WORKLOAD_STATES } from './model.js';

const RUNNING = codeOf(WORKLOAD_STATES, 'running');
const BOOTING = codeOf(WORKLOAD_STATES, 'booting');
const STOPPING = codeOf(WORKLOAD_STATES, 'stopping');
const PAUSED = codeOf(WORKLOAD_STATES, 'paused');
const MIGRATING = codeOf(WORKLOAD_STATES, 'migrating');
const CONTAINER = codeOf(WORKLOAD_KINDS, 'container');

const TO_UNIT = 1 / 4294967296;
const diurnal = new Float64Array(PHASE_BUCKETS);

export function runTick(core: Core): void {
  const { workloads: wl, hosts, metrics: m } = core;
  const hostCount = hosts.count;
  m.reserveHosts(hostCount);
  m.reserveWorkloads(wl.count);
  m.hostCpuDemand.fill(0, 0, hostCount);
  m.hostMemDemand.fill(0, 0, hostCount);
  const tick = Math.floor(core.clock.now / core.tickMs);
  fillDiurnalTable(diurnal, core.clock.now);

  // Containers first: their hosts' demand is part of the demand of the VMs they run in.
  demandPass(core, tick, true);
  demandPass(core, tick, false);
  contention(core);
  grant(core);
  m.hostHistory.commit();
  m.workloadHistory.commit();
  m.ticks++;
}

function demandPass(core: Core, tick: number, containers: boolean): void {
  const wl = core.workloads;
  const m = core.metrics;
  const { state, kind, host, model, modelLevel, modelPhase, seed, burst, overhead, cpuMilli, memoryMiB, demandCpu, demandMem } = wl;
  const hostCpu = m.hostCpuDemand;
  const hostMem = m.hostMemDemand;
  const n = wl.count;
  for (let w = 0; w < n; w++) {
    if ((kind[w] === CONTAINER) !== containers) continue;
    const s = state[w];
    const h = host[w];
    if (h < 0 || (s !== RUNNING && s !== BOOTING && s !== STOPPING && s !== PAUSED && s !== MIGRATING)) {
      demandCpu[w] = 0;
      demandMem[w] = 0;
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
    const shape = diurnal[(modelPhase[w] * PHASE_BUCKETS) | 0];
    const offset = ((sd >>> 8) & 255) / 1275 - 0.1;
    let cpu: number;
    let mem: number;
    if (s === PAUSED) {
      cpu = 0; // a paused guest holds its memory and uses no CPU
      mem = memoryShare(mdl, shape, false, offset);
    } else if (s === BOOTING) {
      cpu = 0.5 + 0.3 * u; // boot storms are CPU-heavy
      mem = 0.3;
    } else {
      cpu = cpuShare(mdl, modelLevel[w], shape, bursting, u);
      mem = memoryShare(mdl, shape, bursting, offset);
    }
    let cpuAbs = cpu * cpuMilli[w];
    let memAbs = mem * memoryMiB[w];
    const backs = wl.records[w].backs;
    if (backs >= 0) {
      // A VM running a container host also carries what its containers demand.
      cpuAbs = Math.min(cpuMilli[w], cpuAbs + hostCpu[backs]);
      memAbs = Math.min(memoryMiB[w], memAbs + hostMem[backs]);
    }
    const ovh = 1 + overhead[w];
    demandCpu[w] = cpuAbs * ovh;
    demandMem[w] = memAbs * ovh;
    hostCpu[h] += demandCpu[w];
    hostMem[h] += demandMem[w];
  }
}

function contention(core: Core): void {
  const { hosts, metrics: m } = core;
  const hist = m.hostHistory;
  for (let h = 0; h < hosts.count; h++) {
    const r = hosts.records[h];
    const physCpu = Math.max(1, r.cores * MILLI_PER_VCPU - r.reserved[CPU]);
    const physMem = Math.max(1, r.memoryMiB - r.reserved[MEM]);
    const d = m.hostCpuDemand[h];
    const mem = m.hostMemDemand[h];
    const up = hosts.isConnected(h) || hosts.state(h) === 'maintenance';
    m.hostCpuPct[h] = (100 * Math.min(d, physCpu)) / physCpu;
    m.hostMemPct[h] = (100 * Math.min(mem, physMem)) / physMem;
    m.hostReadyPct[h] = d > physCpu ? (100 * (d - physCpu)) / d : 0;
    m.hostPressurePct[h] = mem > physMem ? (100 * (mem - physMem)) / physMem : 0;
    m.hostPowerW[h] = up && r.backingWorkload < 0 ? r.power.idleW + ((r.power.maxW - r.power.idleW) * m.hostCpuPct[h]) / 100 : 0;
    hist.write(h, 0, m.hostCpuPct[h]);
    hist.write(h, 1, m.hostMemPct[h]);
    hist.write(h, 2, m.hostReadyPct[h]);
    hist.write(h, 3, m.hostPressurePct[h]);
  }
}

/** What each workload gets: its demand, scaled down on hosts where CPU demand exceeds the cores. */
function grant(core: Core): void {
  const { workloads: wl, hosts, metrics: m } = core;
  const { host, demandCpu, demandMem, cpuMilli, memoryMiB, overhead, cpuPct, memPct } = wl;
  const hist = m.workloadHistory;
  for (let w = 0; w < wl.count; w++) {
    const h = host[w];
    if (h < 0 || demandCpu[w] === 0) {
      cpuPct[w] = 0;
      memPct[w] = h < 0 ? 0 : (100 * demandMem[w]) / (1 + overhead[w]) / Math.max(1, memoryMiB[w]);
    } else {
      const r = hosts.records[h];
      const physCpu = Math.max(1, r.cores * MILLI_PER_VCPU - r.reserved[CPU]);
      const share = m.hostCpuDemand[h] > physCpu ? physCpu / m.hostCpuDemand[h] : 1;
      cpuPct[w] = (100 * share * demandCpu[w]) / (1 + overhead[w]) / Math.max(1, cpuMilli[w]);
      memPct[w] = (100 * demandMem[w]) / (1 + overhead[w]) / Math.max(1, memoryMiB[w]);
    }
    hist.write(w, 0, cpuPct[w]);
    hist.write(w, 1, memPct[w]);
  }
}
