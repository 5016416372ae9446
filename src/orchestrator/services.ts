// Services: their endpoints (the ready pods their selector picks, at each
// port's target), and a LoadBalancer's address: the cloud's load balancer gives
// one (the cloud controller manager's service controller), an on-premises
// cluster takes the next free one of its pool (as MetalLB does) and without a
// pool the address stays <pending>, as on a bare cluster.
import type { Cluster } from './cluster.js';
import { involvedOf, recordEvent } from './events.js';
import { ipText, poolAddresses } from './ipam.js';
import { mapMatches } from './labels.js';
import type { Pod, Service } from './objects.js';
import { isReady } from './replicaset-controller.js';
import type { Context } from './runtime.js';

/** The pods behind the service: its selector's ready pods with an address. */
export function endpointPods(cluster: Cluster, svc: Service): Pod[] {
  const selector = svc.spec.selector;
  if (!selector || Object.keys(selector).length === 0) return [];
  return cluster
    .list('Pod', svc.metadata.namespace)
    .filter((p) => p.status.podIP !== undefined && isReady(p) && mapMatches(selector, p.metadata.labels))
    .sort((a, b) => (a.status.podIP! < b.status.podIP! ? -1 : 1));
}

/** "10.244.1.2:80,10.244.1.3:80" as `kubectl get endpoints` and describe print them (at most three, then " + N more..."). */
export function endpointsText(cluster: Cluster, svc: Service): string {
  // The "kubernetes" service's endpoints are the API servers: a kubeadm control plane node's address at 6443.
  if (svc.metadata.name === 'kubernetes' && svc.metadata.namespace === 'default' && !svc.spec.selector) {
    const apiservers = cluster.data.nodes.filter((n) => n.roles.includes('control-plane')).map((n) => `${n.internalIP}:6443`);
    if (apiservers.length) return apiservers.join(',');
  }
  const addrs = endpointPods(cluster, svc).flatMap((p) =>
    svc.spec.ports.map((port) => `${p.status.podIP}:${typeof port.targetPort === 'number' ? port.targetPort : port.port}`),
  );
  if (addrs.length === 0) return '<none>';
  return addrs.length > 3 ? `${addrs.slice(0, 3).join(',')} + ${addrs.length - 3} more...` : addrs.join(',');
}

export function syncServices(cluster: Cluster, ctx: Context): void {
  for (const svc of cluster.list('Service')) {
    if (svc.spec.type !== 'LoadBalancer' || svc.status.loadBalancer.ingress?.length) continue;
    const settings = cluster.data.settings;
    let ip: string | undefined;
    if (settings.cloud) {
      recordEvent(cluster, ctx, involvedOf(svc), 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer', 'service-controller');
      ip = publicIp(cluster, ctx);
      recordEvent(cluster, ctx, involvedOf(svc), 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer', 'service-controller');
    } else if (settings.loadBalancerPool) {
      const used = new Set(cluster.list('Service').flatMap((s) => (s.status.loadBalancer.ingress ?? []).map((i) => i.ip)));
      ip = poolAddresses(settings.loadBalancerPool).find((a) => !used.has(a));
      if (ip) recordEvent(cluster, ctx, involvedOf(svc), 'Normal', 'IPAllocated', `Assigned IP ["${ip}"]`, 'metallb-controller');
      else recordEvent(cluster, ctx, involvedOf(svc), 'Warning', 'AllocationFailed', 'Failed to allocate IP: no available IPs', 'metallb-controller');
    }
    if (ip) {
      svc.status.loadBalancer = { ingress: [{ ip }] };
      cluster.changes++;
    }
  }
}

/** A public address for the cloud's load balancer frontend (Azure hands out addresses in 20.0.0.0/8 among others). */
function publicIp(cluster: Cluster, ctx: Context): string {
  const used = new Set(cluster.list('Service').flatMap((s) => (s.status.loadBalancer.ingress ?? []).map((i) => i.ip)));
  for (;;) {
    const ip = ipText(20 * 2 ** 24 + ctx.rng.int(1, 2 ** 24 - 2));
    if (!used.has(ip)) return ip;
  }
}
