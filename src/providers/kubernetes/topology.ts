// Kubernetes' part of the estate's network topology. The Kubernetes network
// model: every pod has an address of its own and reaches every other pod, on
// any node, without NAT (kubernetes.io, "Cluster Networking": "pods can
// communicate with all other pods on any other node without NAT"), so a
// cluster's pod network is one segment; pods reach out through their node's
// masquerade. A Service is a way in, to its ready pods (its endpoints) at each
// port's target: its ClusterIP from inside the cluster, a LoadBalancer's
// external address from wherever that address is (a cloud's public one from
// the internet, an on-premises pool's from the LAN it is on). kube-proxy sends
// to every endpoint until the pod stops being Ready and the endpoint is
// removed: no load balancer probe takes a backend out (iptables mode picks an
// endpoint at random: "statistic mode random", spread evenly). NetworkPolicies
// are not modelled: every pod reaches every other.
import { inCidr, isPublic, parseCidr, parseIp } from '../../network/ipv4.js';
import type { Balancer, BalancingRule, Member } from '../../network/load-balancer.js';
import type { Forward, Known, Nic, Segment, Topology, TopologyPart } from '../../network/topology.js';
import type { Cluster } from '../../orchestrator/cluster.js';
import type { Pod, Service, ServicePort } from '../../orchestrator/objects.js';
import { endpointPods } from '../../orchestrator/services.js';
import type { KubernetesDriver } from './driver.js';

/** A pod's id as reach names it: its cluster, namespace and name. */
export const podWorkloadId = (cluster: Cluster, p: Pod) => `${cluster.name}/${p.metadata.namespace ?? 'default'}/${p.metadata.name}`;

const segmentId = (cluster: Cluster) => `k8s/${cluster.name}/pods`;

/** The port a Service port sends to on a pod: its targetPort, a named one looked up in the pod's containers (the port itself where none has it). */
export function targetPortOn(p: Pod, port: ServicePort): number {
  if (typeof port.targetPort === 'number') return port.targetPort;
  const named = p.spec.containers.flatMap((c) => c.ports ?? []).find((c) => c.name === port.targetPort);
  return named?.containerPort ?? port.port;
}

const protocolOf = (p: ServicePort) => (p.protocol === 'UDP' ? ('Udp' as const) : p.protocol === 'TCP' ? ('Tcp' as const) : undefined);

/** Each cluster's pod network and its running pods' NICs. */
export function kubernetesTopology(k8s: KubernetesDriver): TopologyPart {
  const segments: Segment[] = [];
  const nics: Nic[] = [];
  for (const cluster of k8s.clusters.values()) {
    const cidr = parseCidr(cluster.data.settings.podCidr);
    if (!cidr) continue;
    const id = segmentId(cluster);
    const label = `pod network of cluster ${cluster.name}`;
    segments.push({ id, label, platform: 'kubernetes', cidr, domain: id, domainLabel: label, localSpace: [cidr], internet: true });
    for (const p of cluster.list('Pod')) {
      if (p.status.podIP === undefined || p.status.runtimeId === undefined) continue;
      const c = k8s.sim.workload(p.status.runtimeId);
      // Its container is the pod's: one that stopped with its host answers nothing, though the API still lists the pod.
      const up = c?.state === 'running';
      nics.push({
        name: 'eth0',
        workloadId: podWorkloadId(cluster, p),
        workloadName: p.metadata.name,
        segment: id,
        ip: p.status.podIP,
        up,
        // A pod's traffic to anything but pods leaves as its node's host's address (the CNI's masquerade).
        ...(p.spec.nodeName !== undefined ? { egress: { via: p.spec.nodeName } } : {}),
        state: up
          ? 'Running'
          : p.spec.nodeName !== undefined && k8s.runtime.host(p.spec.nodeName)?.up === false
            ? `its node ${p.spec.nodeName} does not answer`
            : `its container is ${c?.state ?? 'gone'}`,
      });
    }
  }
  return { segments, nics };
}

/** Where an external address of a LoadBalancer Service is: undefined for a public one, else the segment with it ('' if none has it). */
function externalSegment(topo: Topology, ip: string): string | undefined {
  const n = parseIp(ip);
  if (n === undefined) return '';
  const seg = [...topo.segments.values()].find((s) => s.cidr && s.platform !== 'kubernetes' && inCidr(n, s.cidr));
  if (seg) return seg.id;
  // A cloud's frontend is public; an on-premises pool's address on no modelled network is reached from nowhere.
  return isPublic(n) ? undefined : '';
}

interface Backend {
  readonly svc: Service;
  readonly cluster: Cluster;
  readonly pods: { pod: Pod; nic: Nic }[];
}

function backends(k8s: KubernetesDriver, topo: Topology): Backend[] {
  const byId = new Map(topo.nics.filter((n) => n.segment.startsWith('k8s/')).map((n) => [n.workloadId, n] as const));
  const out: Backend[] = [];
  for (const cluster of k8s.clusters.values())
    for (const svc of cluster.list('Service')) {
      if (svc.spec.clusterIP === 'None') continue;
      const pods = endpointPods(cluster, svc).flatMap((pod) => {
        const nic = byId.get(podWorkloadId(cluster, pod));
        return nic ? [{ pod, nic }] : [];
      });
      out.push({ svc, cluster, pods });
    }
  return out;
}

/** The Services' ways in, for reach: the ClusterIP from the pod network, a LoadBalancer's address from where it is. */
export function kubernetesForwards(k8s: KubernetesDriver, topo: Topology): Forward[] {
  const out: Forward[] = [];
  for (const { svc, cluster, pods } of backends(k8s, topo)) {
    const name = `Service ${svc.metadata.namespace ?? 'default'}/${svc.metadata.name}`;
    // Where each external address is, looked up once a Service.
    const external = (svc.status.loadBalancer.ingress ?? []).map((i) => ({ ip: i.ip, segment: externalSegment(topo, i.ip) }));
    for (const port of svc.spec.ports) {
      const protocol = protocolOf(port);
      if (!protocol) continue;
      for (const { pod, nic } of pods) {
        const to = { port: port.port, protocol, nic, targetPort: targetPortOn(pod, port) };
        out.push({ label: name, ip: svc.spec.clusterIP, segment: segmentId(cluster), ...to });
        for (const { ip, segment } of external) {
          // kube-proxy answers for the address inside the cluster too (its KUBE-EXT chains): a pod's way there never leaves its node.
          out.push({ label: `${name} (LoadBalancer)`, ip, segment: segmentId(cluster), ...to });
          out.push({ label: `${name} (LoadBalancer)`, ip, ...(segment !== undefined ? { segment } : {}), ...to });
        }
      }
    }
  }
  return out;
}

/**
 * The Services' addresses as they answer where no endpoint does: a port the Service does not have, or no ready pod
 * behind it (kube-proxy rejects the connection: its KUBE-SERVICES REJECT rule for a Service without endpoints); the
 * kubernetes Service's endpoints are the API servers, on hosts.
 */
export function kubernetesKnown(k8s: KubernetesDriver): Map<string, Known> {
  const out = new Map<string, Known>();
  for (const cluster of k8s.clusters.values())
    for (const svc of cluster.list('Service')) {
      if (svc.spec.clusterIP === 'None') continue;
      const name = `Service ${svc.metadata.namespace ?? 'default'}/${svc.metadata.name}`;
      const ports = svc.spec.ports.map((p) => `${p.port}/${p.protocol}`).join(', ');
      const known: Known = (protocol, port) => {
        if (protocol === 'icmp') return `the address of ${name}, a virtual address that answers no ping (kube-proxy forwards only its ports)`;
        if (!svc.spec.ports.some((p) => p.port === port && p.protocol.toLowerCase() === protocol))
          return `the address of ${name}, which has no ${protocol} port ${port} (its ports: ${ports || 'none'})`;
        if (!svc.spec.selector && svc.metadata.name === 'kubernetes')
          return `the address of ${name}, whose endpoints are the API servers (${cluster.data.nodes
            .filter((n) => n.roles.includes('control-plane'))
            .map((n) => `${n.internalIP}:6443 on ${n.name}`)
            .join(', ')}): hosts, which reach does not take as endpoints`;
        return `the address of ${name}, which has no ready endpoints: kube-proxy rejects the connection`;
      };
      out.set(svc.spec.clusterIP, known);
      for (const i of svc.status.loadBalancer.ingress ?? []) out.set(i.ip, known);
    }
  return out;
}

/** Each LoadBalancer Service with an address, as the shared load balancer model reads it: its endpoints the pool. */
export function kubernetesBalancers(k8s: KubernetesDriver, topo: Topology): Balancer[] {
  const out: Balancer[] = [];
  for (const { svc, cluster, pods } of backends(k8s, topo)) {
    const ip = svc.status.loadBalancer.ingress?.[0]?.ip;
    if (svc.spec.type !== 'LoadBalancer' || ip === undefined) continue;
    const rules: BalancingRule[] = svc.spec.ports.flatMap((port) => {
      const protocol = protocolOf(port);
      if (!protocol) return [];
      const members: Member[] = pods.map(({ pod, nic }) => {
        const row = pod.status.runtimeId === undefined ? undefined : k8s.sim.workloadRow(pod.status.runtimeId);
        return { nic, downSince: row?.downSince ?? -1, upSince: row?.runningSince ?? -1, port: targetPortOn(pod, port) };
      });
      return [
        {
          name: port.name ?? `${port.port}-${port.protocol.toLowerCase()}`,
          protocol,
          frontendPort: port.port,
          backendPort: typeof port.targetPort === 'number' ? port.targetPort : port.port,
          pool: 'endpoints',
          members,
          removal: 'kube-proxy sends to a pod until it is not Ready and its endpoint is removed',
        },
      ];
    });
    out.push({
      id: `${cluster.name}/${svc.metadata.namespace ?? 'default'}/${svc.metadata.name}`,
      label: `Service ${svc.metadata.namespace ?? 'default'}/${svc.metadata.name}`,
      frontendIp: ip,
      rules,
      platform: 'kubernetes',
      ...(externalSegment(topo, ip) === '' ? { unreachable: `${ip} is on no network of the estate: no client reaches it` } : {}),
    });
  }
  return out;
}
