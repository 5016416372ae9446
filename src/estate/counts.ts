// What a user counts, in one place for every count shown (the header, --summary,
// the estate's first event, the Hosts pane). A host is a physical host running
// ESXi, Hyper-V, KVM or Docker, or a Docker host inside one of the estate's VMs.
// A cloud region's capacity pool is not one: it stands for capacity nobody manages
// host by host (a user of the cloud sees VMs, quotas and a bill), so the region is
// shown as a region: its cloud VMs and cost in the header, a REGION table in
// --summary, "1 cloud region" where sites are counted.
import type { HostRow } from '../core/host-row.js';
import { isCloudPool } from '../core/model.js';
import type { SimulationApi } from '../core/simulation-api.js';

export { isCloudPool };

/** Whether a host is one a user counts: live, and not a cloud region's pool. */
export function countsAsHost(host: HostRow): boolean {
  return !host.removed && !isCloudPool(host.platform);
}

/** The hosts a user counts, and how many of them are connected. */
export function hostCount(sim: SimulationApi): { readonly hosts: number; readonly connected: number } {
  let hosts = 0;
  let connected = 0;
  const host = sim.hostCursor();
  for (let h = 0; h < sim.hostCount; h++) {
    if (!countsAsHost(host.at(h))) continue;
    hosts++;
    if (host.state === 'connected') connected++;
  }
  return { hosts, connected };
}

/** The workloads a user counts and a file holds: every one not deleted (the core keeps deleted ones' slots). */
export function liveWorkloads(sim: SimulationApi): number {
  const row = sim.workloadCursor();
  let n = 0;
  for (let w = 0; w < sim.workloadCount; w++) if (row.at(w).state !== 'deleted') n++;
  return n;
}

/** "2 datacenters, 1 cloud region": the sites by kind, those with none left out. */
export function describeSites(sim: SimulationApi): string {
  const sites = sim.sites();
  const datacenters = sites.filter((s) => s.kind === 'datacenter').length;
  const regions = sites.length - datacenters;
  const parts = [plural(datacenters, 'datacenter'), plural(regions, 'cloud region')].filter((p) => !p.startsWith('0 '));
  return parts.join(', ') || 'no sites';
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
