// Traffic: a pod running a request loop against a service (the HPA
// walkthrough's load generator, `while sleep 0.01; do wget -q -O- http://svc;
// done` in busybox) keeps that service's ready pods busy. In the walkthrough
// one such loop drove a php-apache pod to 305% of its 200m CPU request, about
// 610 millicores; that demand is shared evenly by the service's ready pods,
// so more replicas each carry less. Pods no loop reaches are idle.
import type { Cluster } from './cluster.js';
import type { Pod } from './objects.js';
import { isReady } from './replicaset-controller.js';
import type { Context } from './runtime.js';
import { endpointPods } from './services.js';

/** Millicores one request loop demands of the service behind it (Kubernetes docs, HorizontalPodAutoscaler Walkthrough). */
export const LOAD_GENERATOR_MILLICPU = 610;

/** The service a pod's command loops on ("http://web-app-service", "http://svc.ns.svc.cluster.local:80/"), if it is a load generator. */
export function loadTarget(p: Pod): { service: string; namespace: string } | undefined {
  const c = p.spec.containers[0];
  const line = [...(c.command ?? []), ...(c.args ?? [])].join(' ');
  if (!/\b(while|for)\b/.test(line)) return undefined;
  const m = /https?:\/\/([a-z0-9]([-a-z0-9]*[a-z0-9])?)(\.([a-z0-9-]+))?[^\s;'"]*/.exec(line);
  if (!m) return undefined;
  return { service: m[1], namespace: m[4] && m[4] !== 'svc' ? m[4] : (p.metadata.namespace ?? 'default') };
}

/** The ready load generators whose service sends their requests to `pod` (the requests it serves come from them). */
export function loadSources(cluster: Cluster, pod: Pod): Pod[] {
  return cluster.list('Pod').filter((g) => {
    if (!isReady(g)) return false;
    const t = loadTarget(g);
    const svc = t && cluster.get('Service', t.namespace, t.service);
    return svc !== undefined && endpointPods(cluster, svc).includes(pod);
  });
}

export function syncTraffic(cluster: Cluster, ctx: Context): void {
  const demand = new Map<string, number>();
  for (const p of cluster.list('Pod')) {
    if (!isReady(p)) continue;
    const t = loadTarget(p);
    if (!t) continue;
    const key = `${t.namespace}/${t.service}`;
    demand.set(key, (demand.get(key) ?? 0) + LOAD_GENERATOR_MILLICPU);
  }
  const loaded = new Set<Pod>();
  for (const [key, milli] of demand) {
    const [ns, name] = key.split('/');
    const svc = cluster.get('Service', ns, name);
    if (!svc) continue;
    const pods = endpointPods(cluster, svc).filter((p) => p.status.runtimeId !== undefined);
    for (const p of pods) {
      const share = milli / pods.length;
      loaded.add(p);
      if (p.status.demandMilli !== share) {
        ctx.runtime.setDemand(p.status.runtimeId!, share);
        p.status.demandMilli = share;
        cluster.changes++;
      }
    }
  }
  // Pods the loops no longer reach go idle.
  for (const p of cluster.list('Pod')) {
    if (p.status.demandMilli === undefined || loaded.has(p) || p.status.runtimeId === undefined) continue;
    ctx.runtime.setDemand(p.status.runtimeId, 0);
    p.status.demandMilli = undefined;
    cluster.changes++;
  }
}
