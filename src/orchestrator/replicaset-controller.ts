// The ReplicaSet controller (pkg/controller/replicaset): count the active pods
// it owns, make more from its template when there are too few, delete the ones
// it ranks lowest when there are too many, and report replicas, ready and
// available in its status.
import type { Cluster } from './cluster.js';
import { involvedOf, recordEvent } from './events.js';
import { controllerOf, type Pod, type ReplicaSet } from './objects.js';
import { podFromTemplate } from './pod-template.js';
import type { Context } from './runtime.js';

/** controller.FilterActivePods: not finished and not being deleted. */
export function isActive(p: Pod): boolean {
  return p.metadata.deletionTimestamp === undefined && p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed';
}

export function isReady(p: Pod): boolean {
  return p.status.container.ready && p.metadata.deletionTimestamp === undefined;
}

/** Ready for at least minReadySeconds (podutil.IsPodAvailable). */
export function isAvailable(p: Pod, minReadySeconds: number, now: number): boolean {
  return isReady(p) && (minReadySeconds === 0 || (p.status.startedAt !== undefined && now - p.status.startedAt >= minReadySeconds * 1000));
}

export function ownedPods(cluster: Cluster, owner: { metadata: { uid: string } }): Pod[] {
  return cluster.dependents(owner.metadata.uid).filter((o): o is Pod => o.kind === 'Pod' && controllerOf(o.metadata)?.uid === owner.metadata.uid);
}

/** replica_set.go BurstReplicas: the most pods a ReplicaSet creates or deletes in one sync. */
export const BURST_REPLICAS = 500;

const PHASE_RANK = { Pending: 0, Unknown: 1, Running: 2, Succeeded: 3, Failed: 3 } as const;

/**
 * controller_utils.go ActivePodsWithRanks.Less: the pod to delete first sorts
 * first. Unscheduled before scheduled, Pending before Running, not ready before
 * ready, more of this set's pods on its node first, more restarts first, newer first.
 */
function rankedForDeletion(pods: Pod[]): Pod[] {
  const onNode = new Map<string, number>();
  for (const p of pods) if (p.spec.nodeName) onNode.set(p.spec.nodeName, (onNode.get(p.spec.nodeName) ?? 0) + 1);
  const key = (p: Pod) => [
    p.spec.nodeName === undefined ? 0 : 1,
    PHASE_RANK[p.status.phase],
    isReady(p) ? 1 : 0,
    -(p.spec.nodeName ? (onNode.get(p.spec.nodeName) ?? 0) : 0),
    -p.status.restartCount,
    -p.metadata.creationTimestamp,
  ];
  return [...pods].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
    return a.metadata.name < b.metadata.name ? -1 : 1;
  });
}

/** Marks a pod for deletion with its grace period (the API server's graceful delete). */
export function deletePod(cluster: Cluster, pod: Pod, now: number, graceSeconds = pod.spec.terminationGracePeriodSeconds): void {
  if (pod.metadata.deletionTimestamp !== undefined) return;
  pod.metadata.deletionTimestamp = now;
  pod.metadata.deletionGracePeriodSeconds = graceSeconds;
  cluster.changes++;
}

export function syncReplicaSet(cluster: Cluster, ctx: Context, rs: ReplicaSet): void {
  if (rs.metadata.deletionTimestamp !== undefined) return;
  const pods = ownedPods(cluster, rs);
  const active = pods.filter(isActive);
  const diff = active.length - rs.spec.replicas;
  if (diff < 0) {
    // At most burstReplicas (500) new pods a pass (replica_set.go), so a huge scale-up is spread over passes.
    for (let i = 0; i < Math.min(-diff, BURST_REPLICAS); i++) {
      const pod = podFromTemplate(cluster, ctx, rs.spec.template, { kind: 'ReplicaSet', meta: rs.metadata });
      cluster.put(pod);
      recordEvent(cluster, ctx, involvedOf(rs), 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, 'replicaset-controller');
    }
  } else if (diff > 0) {
    for (const pod of rankedForDeletion(active).slice(0, Math.min(diff, BURST_REPLICAS))) {
      deletePod(cluster, pod, ctx.now);
      recordEvent(cluster, ctx, involvedOf(rs), 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, 'replicaset-controller');
    }
  }
  const now = ownedPods(cluster, rs).filter(isActive);
  const status = {
    replicas: now.length,
    readyReplicas: now.filter(isReady).length,
    availableReplicas: now.filter((p) => isAvailable(p, rs.spec.minReadySeconds, ctx.now)).length,
    fullyLabeledReplicas: now.length,
    observedGeneration: rs.metadata.generation ?? 1,
  };
  if (JSON.stringify(status) !== JSON.stringify(rs.status)) {
    rs.status = status;
    cluster.changes++;
  }
}
