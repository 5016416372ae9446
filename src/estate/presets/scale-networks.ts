// The scale presets' networks, as a large site is laid out: a site's LAN gives a
// VLAN one /24, 240 addresses from its DHCP (network/site-lan.ts), so 2,500 hosts
// and 25,000 VMs a site cannot share one. Each cluster's hosts have a management
// VLAN of their own (100 + the cluster's place in its site), and the VMs of each
// quarter of a vSphere or Hyper-V cluster a VM VLAN (900 + 4 x that place + the
// quarter: 8 hosts, some 80 to 150 VMs as their sizes differ), the port groups on
// every host of the cluster so a VM keeps its network wherever it moves in it.
// The huge preset's 782 clusters a site take VLANs 100-881 and 900-4027, inside
// IEEE 802.1Q's 1-4094. KVM guests stay on
// their host's libvirt NAT (the default network). Each site's router routes its
// untagged LAN and all these VLANs.
import type { SimulationApi } from '../../core/simulation-api.js';
import { SWITCH_ATTR, VLAN_ATTR } from '../../providers/hyperv/network-adapters.js';
import type { Providers } from '../../providers/registry.js';
import { nicsAttr, type PortGroup } from '../../providers/vmware/port-groups.js';

const MANAGEMENT_BASE = 100;
const VM_BASE = 900;

/** The highest VLAN ID there is (IEEE 802.1Q: 4095 is reserved). */
const MAX_VLAN = 4094;

/** A cluster's hosts' management VLAN: 100 + its place among its site's clusters. */
export const scaleManagementVlan = (placeInSite: number) => MANAGEMENT_BASE + placeInSite;

/** How many VM VLANs a cluster's hosts are shared among. */
const VM_VLANS = 4;

/** The VM VLANs of a cluster: one for each quarter of its hosts; more clusters a site than 802.1Q has VLANs for is an error of the build. */
export function scaleVmVlans(placeInSite: number): number[] {
  const vlans = Array.from({ length: VM_VLANS }, (_, q) => VM_BASE + VM_VLANS * placeInSite + q);
  if (scaleManagementVlan(placeInSite) >= VM_BASE || vlans.at(-1)! > MAX_VLAN)
    throw new Error(`scale estate: a site's cluster number ${placeInSite + 1} would need VLANs past ${MAX_VLAN}`);
  return vlans;
}

const portGroupName = (vlan: number) => `vm-vlan${vlan}`;

/** The Hyper-V switch every scale host's VMs are bridged onto the site LAN through. */
const EXTERNAL = 'External';

/** Puts the vSphere and Hyper-V VMs on their clusters' VM VLANs and routes every VLAN in use; run once the VMs are placed. */
export function addScaleNetworks(sim: SimulationApi, p: Providers): void {
  const sites = sim.sites();
  const routed = sites.map((): Set<number> => new Set([0]));
  const vlanOf = new Map<string, number>();
  const host = sim.hostCursor();
  for (const c of sim.clusters()) {
    routed[c.siteIndex]!.add(c.managementVlan);
    if (c.platform !== 'vmware' && c.platform !== 'hyperv') continue;
    // The cluster's place in its site, as its management VLAN says it (one fact, set as the cluster was added).
    const vlans = scaleVmVlans(c.managementVlan - MANAGEMENT_BASE);
    for (const v of vlans) routed[c.siteIndex]!.add(v);
    const groups = vlans.map((v): PortGroup => ({ name: portGroupName(v), vswitch: 'vSwitch0', vlan: v }));
    c.hosts.forEach((h, i) => {
      const id = host.at(h).id;
      vlanOf.set(id, vlans[Math.floor((i * VM_VLANS) / c.hosts.length)]!);
      if (c.platform === 'vmware') p.vmware.editPortGroups(id).push(...groups);
    });
  }
  if (sim.clusters().some((c) => c.platform === 'hyperv') && !p.hyperv.switchNamed(EXTERNAL)) {
    const made = p.hyperv.addSwitch(EXTERNAL, 'External', 'Ethernet 1');
    if (!made.ok) throw new Error(`scale estate: ${made.error.message}`);
  }
  const row = sim.workloadCursor();
  for (let w = 0; w < sim.workloadCount; w++) {
    row.at(w);
    const vlan = row.host === undefined ? undefined : vlanOf.get(row.host);
    if (vlan === undefined) continue;
    if (row.platform === 'vmware') sim.setAttrs(row.id, { ...row.attrs, ...nicsAttr([{ network: portGroupName(vlan), adapter: 'vmxnet3' }]) });
    else if (row.platform === 'hyperv') sim.setAttrs(row.id, { ...row.attrs, [SWITCH_ATTR]: EXTERNAL, [VLAN_ATTR]: vlan });
  }
  sites.forEach((s, i) => {
    if (s.kind === 'datacenter') p.routers.routed.set(s.id, routed[i]!);
  });
}
