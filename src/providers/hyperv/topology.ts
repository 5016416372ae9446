// Hyper-V's part of the estate's network topology, by switch type as Microsoft
// Learn's "Plan for Hyper-V networking" puts it: an external switch is bound to a
// physical adapter, so its VMs are on the site's LAN, one segment a VLAN (an
// adapter's VLAN ID tags its frames; VLANs are separate unless a site router
// routes between them, network/routing.ts); an internal switch joins the VMs of one
// host and the host itself, a private switch the VMs of one host only: neither
// has a way out.
import { parseCidr } from '../../network/ipv4.js';
import { lanSegment, lanSegmentOf } from '../../network/site-lan.js';
import type { Nic, Offline, Segment, TopologyPart } from '../../network/topology.js';
import type { HypervDriver } from './driver.js';
import { adapterAddresses, switchOf, vlanOf } from './network-adapters.js';

export function hypervTopology(hv: HypervDriver): TopologyPart {
  const segments = new Map<string, Segment>();
  const nics: Nic[] = [];
  const offline: Offline[] = [];
  const addresses = adapterAddresses(hv);
  for (const vm of hv.workloadsBrief()) {
    const sw = switchOf(hv, vm);
    const ip = addresses.get(vm.id);
    if (sw && ip === undefined) offline.push({ workloadId: vm.id, workloadName: vm.name, state: vm.nativeState });
    if (!sw || ip === undefined || vm.host === undefined) continue;
    const site = hv.sim.host(vm.host)?.site ?? '';
    const vlan = vlanOf(vm);
    // The switch keeps VLANs apart on every switch type.
    const id = sw.type === 'External' ? lanSegment(site, vlan ?? 0) : `hyperv/${vm.host}/${sw.name}/vlan${vlan ?? 0}`;
    if (!segments.has(id)) {
      const label = `${sw.type.toLowerCase()} switch ${sw.name} on ${vm.host}${vlan === undefined ? '' : ` (VLAN ${vlan})`}`;
      const block = parseCidr('169.254.0.0/16')!;
      segments.set(
        id,
        sw.type === 'External'
          ? lanSegmentOf(site, vlan ?? 0, ip)
          : {
              id,
              label,
              platform: 'hyperv',
              cidr: block,
              domain: id,
              domainLabel: label,
              localSpace: [block],
              internet: sw.type === 'Internal' ? 'an internal switch joins only its host and the VMs on it' : 'a private switch joins only the VMs on it',
            },
      );
    }
    nics.push({ name: 'Network Adapter', workloadId: vm.id, workloadName: vm.name, segment: id, ip, up: true, state: vm.nativeState });
  }
  return { segments: [...segments.values()], nics, offline };
}
