// The hosts' own addresses. A physical host's management interface is on its
// site's LAN, untagged (ESXi's vmk0 on "Management Network", VLAN 0; a KVM
// host's br0; a Hyper-V host's virtual NIC on its external switch), addressed by
// the site's DHCP before any guest (a reservation: hosts come up first, and keep
// theirs). A host inside a VM (a Docker host in a KVM guest) has its VM's address.
// A host's address is what a guest's traffic leaves as through the host's NAT.
import type { SimulationApi } from '../core/simulation-api.js';
import type { LanGuest } from '../network/site-lan.js';

/** A host's entry in the site LAN's DHCP. */
export const hostLanId = (host: string) => `host/${host}`;

/** Before any guest: the order the site's DHCP serves them in puts hosts first. */
const HOSTS_FIRST = Number.MIN_SAFE_INTEGER;

/** The physical hosts of the datacenters, each on its site's untagged LAN. */
export function hostLanGuests(sim: SimulationApi): LanGuest[] {
  const sites = new Map(sim.sites().map((s, i) => [s.id, { index: i, datacenter: s.kind === 'datacenter' }] as const));
  const out: LanGuest[] = [];
  const row = sim.hostCursor();
  for (let h = 0; h < sim.hostCount; h++) {
    row.at(h);
    const site = sites.get(row.site);
    if (row.removed || row.backingWorkload !== undefined || !site?.datacenter) continue;
    out.push({ id: hostLanId(row.id), site: site.index, vlan: row.managementVlan, since: HOSTS_FIRST });
  }
  return out;
}

/** By site, how many physical hosts have an address on each VLAN. */
export type HostsByVlan = ReadonlyMap<string, ReadonlyMap<number, number>>;

/** Counts the hosts `lan` gave an address, by site and their cluster's management VLAN: one walk over the hosts. */
export function hostsByVlan(sim: SimulationApi, lan: ReadonlyMap<string, string>): HostsByVlan {
  const out = new Map<string, Map<number, number>>();
  const row = sim.hostCursor();
  for (let h = 0; h < sim.hostCount; h++) {
    row.at(h);
    if (!lan.has(hostLanId(row.id))) continue;
    const site = out.get(row.site) ?? out.set(row.site, new Map()).get(row.site)!;
    site.set(row.managementVlan, (site.get(row.managementVlan) ?? 0) + 1);
  }
  return out;
}
