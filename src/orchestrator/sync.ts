// One pass of the control plane and the kubelets over a cluster, run once a
// second of simulated time (the kubelet's PLEG relists every second; the
// controllers react to watch events within that): node health, the kubelets,
// the garbage collector, the Deployment and ReplicaSet controllers, the
// scheduler, the services, traffic, the autoscalers, and the events' time to live.
import type { Cluster } from './cluster.js';
import { syncDeployment } from './deployment-controller.js';
import { pruneEvents } from './events.js';
import { syncAutoscalers } from './hpa-controller.js';
import { syncPods } from './kubelet.js';
import { syncNodes } from './nodes.js';
import { controllerOf } from './objects.js';
import { deletePod, syncReplicaSet } from './replicaset-controller.js';
import type { Context } from './runtime.js';
import { schedulePending } from './scheduling.js';
import { syncServices } from './services.js';
import { syncTraffic } from './traffic.js';

export const SYNC_PERIOD_MS = 1000;
/** Between passes when everything has settled: the node lifecycle controller's --node-monitor-period, 5 s. */
export const SETTLED_PERIOD_MS = 5000;

/**
 * Whether anything in the cluster is on its way somewhere (a pod pending,
 * starting, backing off or being deleted; a rollout or a scale in flight; a
 * load balancer to provision; a node not Ready): then the passes come every
 * second, and every 5 s once all has settled.
 */
export function settling(cluster: Cluster): boolean {
  if (cluster.data.nodes.some((n) => n.notReadySince !== undefined)) return true;
  for (const o of cluster.data.objects) {
    if (o.metadata.deletionTimestamp !== undefined) return true;
    switch (o.kind) {
      case 'Pod':
        if (o.status.phase === 'Succeeded' || o.status.phase === 'Failed') break;
        if (!o.status.container.ready || o.status.backOffUntil !== undefined) return true;
        break;
      case 'ReplicaSet':
        if (o.status.replicas !== o.spec.replicas || o.status.readyReplicas !== o.spec.replicas) return true;
        break;
      case 'Deployment':
        if (o.status.updatedReplicas !== o.spec.replicas || o.status.availableReplicas !== o.spec.replicas || o.status.replicas !== o.spec.replicas)
          return true;
        break;
      case 'Service':
        if (o.spec.type === 'LoadBalancer' && !o.status.loadBalancer.ingress?.length && (cluster.data.settings.cloud || cluster.data.settings.loadBalancerPool))
          return true;
        break;
    }
  }
  return false;
}

export function syncCluster(cluster: Cluster, ctx: Context): void {
  syncNodes(cluster, ctx);
  syncPods(cluster, ctx);
  collectGarbage(cluster, ctx);
  for (const d of cluster.list('Deployment')) syncDeployment(cluster, ctx, d);
  for (const rs of cluster.list('ReplicaSet')) syncReplicaSet(cluster, ctx, rs);
  schedulePending(cluster, ctx);
  syncServices(cluster, ctx);
  syncTraffic(cluster, ctx);
  syncAutoscalers(cluster, ctx);
  pruneEvents(cluster, ctx.now);
}

/** The garbage collector's background cascade: what has lost its controlling owner goes too; an emptied Terminating namespace goes with its events. */
function collectGarbage(cluster: Cluster, ctx: Context): void {
  // A Terminating namespace goes once empty (a few namespaces: looked at every pass).
  for (const ns of cluster.list('Namespace')) {
    if (ns.metadata.deletionTimestamp === undefined || cluster.data.objects.some((o) => o.metadata.namespace === ns.metadata.name)) continue;
    cluster.remove(ns);
    cluster.data.events = cluster.data.events.filter((e) => e.metadata.namespace !== ns.metadata.name);
  }
  // Only an object come or gone since the last look can have left another without its owner.
  const before = cluster.membership;
  if (COLLECTED.get(cluster) === before) return;
  const uids = new Set(cluster.data.objects.map((o) => o.metadata.uid));
  for (const o of [...cluster.data.objects]) {
    const owner = controllerOf(o.metadata);
    if (!owner || uids.has(owner.uid)) continue;
    if (o.kind === 'Pod') deletePod(cluster, o, ctx.now);
    else cluster.remove(o);
  }
  // What this pass removed changes the membership, so the next pass looks again (for the removed ones' dependents).
  COLLECTED.set(cluster, before);
}

/** Each cluster's membership when the garbage collector last looked. */
const COLLECTED = new WeakMap<Cluster, number>();
