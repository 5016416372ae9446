// What a user counts, in one place for every count shown (the header, --summary,
// the estate's first event, the Hosts pane). A host is a physical host running
// ESXi, Hyper-V, KVM or Docker, or a Docker host inside one of the estate's VMs.
// A cloud region's capacity pool is not one: it stands for capacity nobody manages
// host by host (a user of the cloud sees VMs, quotas and a bill), so the region is
// shown as a region: its cloud VMs and cost in the header, a REGION table in
// --summary, "1 cloud region" where sites are counted.
import { isCloudPool } from '../core/model.js';
import type { Simulation } from '../core/simulation.js';

export { isCloudPool };

/** Whether host `index` is one a user counts: live, and not a cloud region's pool. */
export function countsAsHost(sim: Simulation, index: number): boolean {
  return !sim.hosts.isRemoved(index) && !isCloudPool(sim.hosts.records[index].platform);
}

/** The hosts a user counts, and how many of them are connected. */
export function hostCount(sim: Simulation): { readonly hosts: number; readonly connected: number } {
  let hosts = 0;
  let connected = 0;
  for (let h = 0; h < sim.hosts.count; h++) {
    if (!countsAsHost(sim, h)) continue;
    hosts++;
    if (sim.hosts.state(h) === 'connected') connected++;
  }
  return { hosts, connected };
}

/** "2 datacenters, 1 cloud region": the sites by kind, those with none left out. */
export function describeSites(sim: Simulation): string {
  const datacenters = sim.topology.sites.filter((s) => s.kind === 'datacenter').length;
  const regions = sim.topology.sites.length - datacenters;
  const parts = [plural(datacenters, 'datacenter'), plural(regions, 'cloud region')].filter((p) => !p.startsWith('0 '));
  return parts.join(', ') || 'no sites';
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
