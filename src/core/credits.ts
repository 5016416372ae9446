// Burstable CPU (Azure's B-series): a VM earns credits while it runs below its
// base performance and spends them above it; one credit is one vCPU at 100% for a
// minute. Per minute it earns (base - used) / 100, both in percent of one vCPU
// summed over its vCPUs, up to a cap. With no credits left it runs at its base.
import { isPoweredOn } from './lifecycle.js';
import type { Core } from './state.js';

/** Before hosts are summed up: VMs out of credits are held to their base. */
export function capBurstable(core: Core): void {
  const { workloads: wl, metrics: m } = core;
  for (const w of wl.burstable) {
    const h = wl.host[w];
    if (h < 0 || wl.demandCpu[w] === 0 || wl.credits[w] > 0) continue;
    const ovh = 1 + wl.overhead[w];
    const baseMilli = wl.creditBase[w] * 10; // percent of one vCPU -> millicores
    const guest = wl.demandCpu[w] / ovh;
    if (guest <= baseMilli) continue;
    const cut = (guest - baseMilli) * ovh;
    wl.demandCpu[w] -= cut;
    m.hostCpuDemand[h] -= cut;
    m.hostWeighted[h] -= cut * wl.shares[w];
    wl.cpuPct[w] = (100 * baseMilli) / wl.cpuMilli[w];
  }
}

/** After grants: credits earned or spent this tick. */
export function earnCredits(core: Core): void {
  const wl = core.workloads;
  const minutes = core.tickMs / 60_000;
  for (const w of wl.burstable) {
    if (wl.host[w] < 0 || !isPoweredOn(wl.stateOf(w))) continue;
    const used = (wl.cpuPct[w] * wl.cpuMilli[w]) / 1000; // percent of one vCPU, summed over its vCPUs
    const next = wl.credits[w] + ((wl.creditBase[w] - used) / 100) * minutes;
    wl.credits[w] = next < 0 ? 0 : Math.min(next, wl.creditMax[w]);
  }
}
