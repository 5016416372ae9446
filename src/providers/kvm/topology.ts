// KVM's part of the estate's network topology: each host's libvirt networks, a
// NAT network a segment of its own (docs/formatnetwork.rst, forward mode nat:
// guests reach out through the host's masquerade; "inbound connections from
// other networks are all prohibited"), each running domain with a lease a NIC.
import { parseCidr } from '../../network/ipv4.js';
import type { Nic, Segment, TopologyPart } from '../../network/topology.js';
import type { ProviderWorkload } from '../provider.js';
import type { KvmDriver } from './driver.js';
import { leases } from './networks.js';

export function kvmTopology(kvm: KvmDriver): TopologyPart {
  const segments: Segment[] = [];
  const nics: Nic[] = [];
  // Each host's domains, from one walk of the workloads (a walk a host made reach quadratic on the 10,000-host estate).
  const byHost = new Map<string, ProviderWorkload[]>();
  for (const d of kvm.workloads()) if (d.host !== undefined) (byHost.get(d.host) ?? byHost.set(d.host, []).get(d.host)!).push(d);
  for (const host of kvm.hosts()) {
    for (const n of kvm.networksOn(host.id)) {
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
        });
    }
  }
  const on = new Set(nics.map((n) => n.workloadId));
  const offline = kvm.workloads().flatMap((d) => (on.has(d.id) ? [] : [{ workloadId: d.id, workloadName: d.name, state: d.nativeState }]));
  return { segments, nics, offline };
}
