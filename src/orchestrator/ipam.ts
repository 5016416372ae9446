// Addresses in a cluster: pod IPs from each node's /24 of the pod network
// (host-local IPAM, in turn from .2, .1 being the node's bridge), ClusterIPs
// drawn at random from the service network as the API server's allocator does
// (its first address kept for the "kubernetes" service), NodePorts drawn from
// 30000-32767 (--service-node-port-range), and LoadBalancer addresses from the
// cloud or from the cluster's pool.
import type { Prng } from '../core/prng.js';
import type { Cluster, NodeState } from './cluster.js';

export const NODE_PORT_RANGE: readonly [number, number] = [30000, 32767];

function octets(cidr: string): { base: number; bits: number } {
  const [ip, bits] = cidr.split('/');
  const base = ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
  return { base, bits: Number(bits) };
}

export function ipText(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

function podIpsInUse(cluster: Cluster): Set<string> {
  return new Set(cluster.list('Pod').flatMap((p) => (p.status.podIP ? [p.status.podIP] : [])));
}

/** The next free address of the node's /24 (.2 to .254, in turn). */
export function allocatePodIp(cluster: Cluster, node: NodeState): string | undefined {
  const { base } = octets(cluster.data.settings.podCidr);
  const subnet = base + node.podSubnet * 256;
  const used = podIpsInUse(cluster);
  for (let i = 0; i < 253; i++) {
    const host = ((node.lastPodIp - 2 + 1 + i) % 253) + 2;
    const ip = ipText(subnet + host);
    if (!used.has(ip)) {
      node.lastPodIp = host;
      return ip;
    }
  }
  return undefined;
}

/** A ClusterIP drawn from the service network, not the first address and not one in use. */
export function allocateClusterIp(cluster: Cluster, rng: Prng): string {
  const { base, bits } = octets(cluster.data.settings.serviceCidr);
  const size = 2 ** (32 - bits);
  const used = new Set(cluster.list('Service').map((s) => s.spec.clusterIP));
  for (;;) {
    const ip = ipText(base + rng.int(2, size - 2));
    if (!used.has(ip)) return ip;
  }
}

/** The service network's first address, the "kubernetes" service's. */
export function firstServiceIp(cidr: string): string {
  return ipText(octets(cidr).base + 1);
}

export function allocateNodePort(cluster: Cluster, rng: Prng): number {
  const used = new Set(cluster.list('Service').flatMap((s) => s.spec.ports.flatMap((p) => (p.nodePort ? [p.nodePort] : []))));
  for (;;) {
    const port = rng.int(NODE_PORT_RANGE[0], NODE_PORT_RANGE[1]);
    if (!used.has(port)) return port;
  }
}

/** The pool's addresses ("192.168.1.240-192.168.1.250"), in order. */
export function poolAddresses(pool: string): string[] {
  const [from, to] = pool.split('-').map((x) => octets(`${x.trim()}/32`).base);
  const out: string[] = [];
  for (let n = from; n <= (to ?? from) && out.length < 65536; n++) out.push(ipText(n));
  return out;
}
