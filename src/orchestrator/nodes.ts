// Node health as the node lifecycle controller judges it, and the taints that
// follow (pkg/controller/nodelifecycle): a node whose kubelet has not reported
// for node-monitor-grace-period is Ready=Unknown, shown NotReady, and tainted
// node.kubernetes.io/unreachable NoSchedule and NoExecute; its pods are marked
// not ready, and evicted once their toleration of that taint runs out.
import type { Cluster, NodeState } from './cluster.js';
import { recordEvent } from './events.js';
import type { Pod, Toleration } from './objects.js';
import type { Context } from './runtime.js';
import type { Taint } from './scheduler.js';

/** kube-controller-manager --node-monitor-grace-period: 50 s from Kubernetes 1.32 (40 s before; kubernetes#126287). */
export const NODE_MONITOR_GRACE_MS = 50_000;
/** The DefaultTolerationSeconds admission plugin's 300 s for not-ready and unreachable. */
export const DEFAULT_TOLERATION_SECONDS = 300;
export const UNREACHABLE = 'node.kubernetes.io/unreachable';
export const NOT_READY = 'node.kubernetes.io/not-ready';
export const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

/** The tolerations every pod is given at admission (DefaultTolerationSeconds). */
export const DEFAULT_TOLERATIONS: readonly Toleration[] = [
  { key: NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS },
  { key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS },
];

export function nodeReady(node: NodeState): boolean {
  return node.notReadySince === undefined;
}

/** Its taints as the scheduler and `describe` see them: its own, cordoning's, and its condition's. */
export function nodeTaints(node: NodeState): Taint[] {
  const out = [...node.taints];
  if (node.unschedulable) out.push({ key: UNSCHEDULABLE, effect: 'NoSchedule' });
  if (!nodeReady(node)) out.push({ key: UNREACHABLE, effect: 'NoSchedule' }, { key: UNREACHABLE, effect: 'NoExecute' });
  return out;
}

/** The node lifecycle controller's pass: heartbeats, Ready and not, and NoExecute evictions. */
export function syncNodes(cluster: Cluster, ctx: Context): void {
  for (const node of cluster.data.nodes) {
    const host = ctx.runtime.host(node.name);
    if (host?.up) {
      node.lastHeartbeat = ctx.now;
      if (node.notReadySince !== undefined) {
        node.notReadySince = undefined;
        cluster.data.roomVersion++;
        recordEvent(cluster, ctx, nodeRef(node), 'Normal', 'NodeReady', `Node ${node.name} status is now: NodeReady`, 'kubelet', node.name);
      }
    } else if (node.notReadySince === undefined && ctx.now - node.lastHeartbeat > NODE_MONITOR_GRACE_MS) {
      node.notReadySince = ctx.now;
      recordEvent(cluster, ctx, nodeRef(node), 'Normal', 'NodeNotReady', `Node ${node.name} status is now: NodeNotReady`, 'node-controller');
      for (const pod of podsOn(cluster, node.name)) recordEvent(cluster, ctx, podRef(pod), 'Warning', 'NodeNotReady', 'Node is not ready', 'node-controller');
    }
  }
  evictFromUnreachable(cluster, ctx);
}

/** taint-eviction-controller: a pod on a NoExecute-tainted node goes when its toleration's seconds are up (at once without one). */
function evictFromUnreachable(cluster: Cluster, ctx: Context): void {
  for (const node of cluster.data.nodes) {
    if (node.notReadySince === undefined) continue;
    for (const pod of podsOn(cluster, node.name)) {
      if (pod.metadata.deletionTimestamp !== undefined) continue;
      const t = pod.spec.tolerations.find(
        (x) => (x.key === UNREACHABLE || (x.key === undefined && x.operator === 'Exists')) && (!x.effect || x.effect === 'NoExecute'),
      );
      if (t && t.tolerationSeconds === undefined) continue;
      const at = node.notReadySince + (t?.tolerationSeconds ?? 0) * 1000;
      if (ctx.now < at) continue;
      pod.metadata.deletionTimestamp = ctx.now;
      pod.metadata.deletionGracePeriodSeconds = pod.spec.terminationGracePeriodSeconds;
      recordEvent(
        cluster,
        ctx,
        podRef(pod),
        'Normal',
        'TaintManagerEviction',
        `Marking for deletion Pod ${pod.metadata.namespace}/${pod.metadata.name}`,
        'taint-eviction-controller',
      );
      cluster.changes++;
    }
  }
}

export function podsOn(cluster: Cluster, node: string): Pod[] {
  return cluster.list('Pod').filter((p) => p.spec.nodeName === node);
}

export function nodeRef(node: NodeState) {
  return { kind: 'Node', name: node.name, uid: node.name };
}

export function podRef(pod: Pod) {
  return { kind: 'Pod', name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid };
}
