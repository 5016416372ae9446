// KVM's part of the estate's network topology: each host's active libvirt
// networks, a NAT, routed or isolated network a segment of its own
// (docs/formatnetwork.rst: nat guests reach out through the host's masquerade and
// "inbound connections from other networks are all prohibited"; route forwards
// without NAT; an isolated network's guests "can talk to each other, and the host
// OS, but cannot reach any other machines on the LAN"), each running domain with
// a lease a NIC; a bridge-mode network puts its guests on the site's LAN, where
// its DHCP gives them addresses (network/site-lan.ts).
import { parseCidr } from '../../network/ipv4.js';
import { lanSegment, lanSegmentOf } from '../../network/site-lan.js';
import type { Nic, Segment, TopologyPart } from '../../network/topology.js';
import type { ProviderWorkload } from '../provider.js';
import type { KvmDriver } from './driver.js';
import { hostVlan, isHostBridge, leases, networkOf } from './networks.js';

export function kvmTopology(kvm: KvmDriver): TopologyPart {
  const segments: Segment[] = [];
  const nics: Nic[] = [];
  // Each host's domains, from one walk of the workloads (a walk a host made reach quadratic on the 10,000-host estate).
  const byHost = new Map<string, ProviderWorkload[]>();
  const domains = kvm.workloadsBrief();
  for (const d of domains) if (d.host !== undefined) (byHost.get(d.host) ?? byHost.set(d.host, []).get(d.host)!).push(d);
  const lan = kvm.siteLan();
  for (const host of kvm.hosts()) {
    for (const n of kvm.networksOn(host.id)) {
      if (!n.active) continue;
      if (n.forward === 'bridge') continue;
      if (!n.cidr) continue;
      const id = `kvm/${host.id}/${n.name}`;
      const cidr = parseCidr(n.cidr)!;
      segments.push({
        id,
        label: `libvirt network ${n.name} on ${host.id}`,
        platform: 'kvm',
        cidr,
        domain: id,
        domainLabel: `libvirt network ${n.name} on ${host.id}`,
        localSpace: [cidr],
        internet: n.forward === 'isolated' ? 'an isolated network has no way out' : true,
      });
      // A paused guest keeps its address but answers nothing.
      for (const l of leases(n, byHost.get(host.id) ?? [], kvm.sim.now, (d) => kvm.domainId(d.id) - 1))
        nics.push({
          name: l.iface,
          workloadId: l.domain.id,
          workloadName: l.domain.name,
          segment: id,
          ip: l.ip,
          up: l.domain.state !== 'paused',
          state: l.domain.nativeState,
          // NAT: out through the host's masquerade ("forward mode='nat'"), as the host's address.
          ...(n.forward === 'nat' ? { egress: { via: host.id } } : {}),
        });
    }
  }
  // Domains on the site's LAN: through a bridge-mode network or straight on a host bridge, addressed by its DHCP.
  const lanSegments = new Map<string, Segment>();
  for (const d of domains) {
    const ip = lan.get(d.id);
    if (ip === undefined || d.host === undefined) continue;
    const site = kvm.sim.host(d.host)?.site ?? '';
    const vlan = hostVlan(kvm, d.host);
    const id = lanSegment(site, vlan);
    if (!lanSegments.has(id)) lanSegments.set(id, lanSegmentOf(site, vlan, ip));
    nics.push({
      name: `vnet${kvm.domainId(d.id) - 1}`,
      workloadId: d.id,
      workloadName: d.name,
      segment: id,
      ip,
      up: d.state !== 'paused',
      state: d.nativeState,
    });
  }
  const on = new Set(nics.map((n) => n.workloadId));
  const offline = domains.flatMap((d) => {
    if (on.has(d.id)) return [];
    // A running domain with no address: its network is not active, has no DHCP, or none is attached.
    const running = d.state === 'running' && d.host !== undefined;
    const attached = networkOf(d);
    const why =
      attached === ''
        ? 'it has no NIC (virt-install --network none)'
        : `no lease on ${isHostBridge(attached) ? `host bridge ${attached.slice(7)}` : `libvirt network ${attached}`}`;
    return [{ workloadId: d.id, workloadName: d.name, state: d.nativeState, ...(running ? { noAddress: why } : {}) }];
  });
  return { segments: [...segments, ...lanSegments.values()], nics, offline };
}
