// Docker's part of the estate's network topology: each bridge network of each
// daemon a segment of its own (the daemon isolates bridge networks from each
// other: libnetwork drivers/bridge's DOCKER-ISOLATION chains), with a way out
// through the host's masquerade unless it is --internal; each running
// container's endpoint a NIC; and each published port a way in through its host
// (the DOCKER chain's DNAT to the container's address and port). A swarm's
// overlay network is one segment across its nodes (VXLAN between the hosts), its
// containers leaving through their own host's docker_gwbridge masquerade.
import type { Forward, Nic, Segment, TopologyPart } from '../../network/topology.js';
import { PREDEFINED_NETWORKS, syncEndpoints } from './container-networks.js';
import type { DockerDriver } from './driver.js';
import { bindingsShown, bindsPorts } from './ports.js';

export function dockerTopology(docker: DockerDriver): TopologyPart {
  const segments: Segment[] = [];
  const nics: Nic[] = [];
  const forwards: Forward[] = [];
  const overlays = new Set<string>();
  for (const host of docker.hosts().map((h) => h.id)) {
    syncEndpoints(docker, host);
    const k = new Map<string, number>();
    for (const n of docker.networks.list(host)) {
      if ((n.driver !== 'bridge' && n.driver !== 'overlay') || !n.subnet) continue;
      const overlay = n.driver === 'overlay';
      const id = overlay ? `docker-swarm/${n.id}` : `docker/${host}/${n.id}`;
      // A swarm is known by its first node (the one that made it, while it stays).
      const first = overlay ? docker.networks.swarms.of(host)!.swarm.nodes[0] : undefined;
      const label = overlay ? `Docker overlay network ${n.name} of ${first ? `${first.host}'s swarm` : 'a swarm'}` : `Docker network ${n.name} on ${host}`;
      if (!overlays.has(id))
        segments.push({
          id,
          label,
          platform: 'docker',
          cidr: n.subnet,
          domain: id,
          domainLabel: label,
          localSpace: [n.subnet],
          internet: n.internal ? 'an --internal network has no way out' : true,
          // A user-defined network's containers find each other by name through the daemon's embedded DNS server;
          // the default bridge has none ("Networking overview": containers there reach each other by IP address only).
          names: PREDEFINED_NETWORKS.includes(n.name)
            ? { none: 'the default bridge has no DNS for its containers' }
            : { resolver: "Docker's embedded DNS, 127.0.0.11" },
        });
      if (overlay) overlays.add(id);
      for (const e of n.endpoints.values()) {
        // An overlay's endpoints on other nodes are theirs to list.
        if (overlay && e.host !== host) continue;
        // Published ports lead in only through a network with a gateway: one on internal networks alone publishes none.
        const outward = docker.networks.endpointsOf(host, e.container).some(([m]) => (m.driver === 'bridge' || m.driver === 'overlay') && !m.internal);
        const row = docker.sim.workloadRow(e.container);
        if (!row || !e.ip) continue;
        // A container's interfaces are eth0, eth1, ... in the order it joined its networks.
        const index = k.get(e.container) ?? 0;
        k.set(e.container, index + 1);
        const nic: Nic = {
          name: `eth${index}`,
          workloadId: e.container,
          workloadName: row.name,
          segment: id,
          ip: e.ip,
          up: true,
          state: docker.status(e.container),
          // The bridge's masquerade takes it out through the host (the registry knows a Docker host's address).
          ...(n.internal ? {} : { egress: { via: host } }),
        };
        nics.push(nic);
        // Published ports lead in through the host to the container's first network's address.
        // (A port bound to the loopback address is the host's own to reach, not a way in.)
        if (index === 0 && outward && bindsPorts(row))
          for (const m of bindingsShown(String(row.attrs.ports ?? '')))
            if (m.proto === 'tcp' || m.proto === 'udp')
              if (!m.ip.includes(':') && !m.ip.startsWith('127.'))
                forwards.push({
                  label: `published port on ${host}`,
                  ip: m.ip === '0.0.0.0' ? undefined : m.ip,
                  port: m.port,
                  protocol: m.proto === 'tcp' ? 'Tcp' : 'Udp',
                  nic,
                  targetPort: m.privatePort,
                });
      }
    }
  }
  const on = new Set(nics.map((n) => n.workloadId));
  const offline = docker
    .workloadsBrief()
    .flatMap((c) => (on.has(c.id) || c.state === 'running' ? [] : [{ workloadId: c.id, workloadName: c.name, state: docker.status(c.id) }]));
  return { segments, nics, forwards, offline };
}
