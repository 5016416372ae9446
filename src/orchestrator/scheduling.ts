// kube-scheduler's loop over the cluster: each pending pod in the order it
// came (the active queue's FIFO at one priority), one scheduling cycle each
// (scheduler.ts), bound to the node it chose or left Pending with the reason. A
// pod that fitted nowhere is tried again when room may have appeared (a pod
// gone, a node back or uncordoned: the queue's cluster events) and at the
// latest after five minutes (podMaxInUnschedulablePodsDuration).

import { allocatable } from './allocatable.js';
import type { Cluster, NodeState } from './cluster.js';
import { recordEvent, recordFirstEvent } from './events.js';
import { requirementsOf } from './labels.js';
import { NodeTable } from './node-table.js';
import { nodeTaints, podRef } from './nodes.js';
import type { Pod } from './objects.js';
import type { PodOnNode, WeightedTerm } from './pod-affinity.js';
import { podRequests } from './pod-resources.js';
import type { Context } from './runtime.js';
import { type NodeInfo, type PodToPlace, schedule } from './scheduler.js';

export const UNSCHEDULABLE_RETRY_MS = 5 * 60 * 1000;

interface LiveNodeInfo extends NodeInfo {
  /** Counted up in place as pods are bound: a snapshot's own, never shared. */
  readonly requested: { milliCpu: number; memory: number };
  readonly nonZeroRequested: { milliCpu: number; memory: number };
  pods: number;
  podsOn: PodOnNode[];
  antiAffinityPods: number;
  podsWithTerms: PodOnNode[];
}

/** Whether the pod still counts on its node: bound and not finished (a terminating pod keeps its room until it is gone). */
export function holdsRoom(p: Pod): boolean {
  return p.spec.nodeName !== undefined && p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed';
}

/** The scheduler's snapshot of every node: allocatable, and the requests of the pods on it. */
export function nodeInfos(cluster: Cluster, ctx: Context): LiveNodeInfo[] {
  const byName = new Map<string, LiveNodeInfo>();
  const out = cluster.data.nodes.map((n) => {
    const info = nodeInfo(cluster, n, ctx);
    byName.set(n.name, info);
    return info;
  });
  for (const p of cluster.list('Pod')) {
    if (!holdsRoom(p)) continue;
    const info = byName.get(p.spec.nodeName!);
    if (info) add(info, p);
  }
  return out;
}

function nodeInfo(cluster: Cluster, n: NodeState, ctx: Context): LiveNodeInfo {
  const host = ctx.runtime.host(n.name);
  const capacity = { milliCpu: host?.milliCpu ?? 0, memory: host?.memory ?? 0 };
  return {
    name: n.name,
    allocatable: allocatable(cluster.data.settings.flavour, capacity, cluster.data.settings.maxPods),
    maxPods: cluster.data.settings.maxPods,
    requested: { milliCpu: 0, memory: 0 },
    nonZeroRequested: { milliCpu: 0, memory: 0 },
    pods: 0,
    podsOn: [],
    antiAffinityPods: 0,
    podsWithTerms: [],
    unschedulable: n.unschedulable,
    labels: n.labels,
    taints: nodeTaints(n),
  };
}

function add(info: LiveNodeInfo, p: Pod): void {
  const { requests, nonZero } = podRequests(p);
  info.requested.milliCpu += requests.milliCpu;
  info.requested.memory += requests.memory;
  info.nonZeroRequested.milliCpu += nonZero.milliCpu;
  info.nonZeroRequested.memory += nonZero.memory;
  info.pods++;
  // A pod without affinity is read by its metadata as it is (namespace and labels), not copied.
  if (!p.spec.affinity) {
    info.podsOn.push(p.metadata);
    return;
  }
  const on = podOnNode(p);
  info.podsOn.push(on);
  if (on.antiAffinity) info.antiAffinityPods++;
  if (on.affinity || on.preferred) info.podsWithTerms.push(on);
}

/** A bound pod with affinity, as InterPodAffinity reads it: its terms as requirement lists. */
function podOnNode(p: Pod): PodOnNode {
  const { podAffinity, antiAffinity, preferredPodAffinity } = affinityOf(p);
  return {
    namespace: p.metadata.namespace,
    labels: p.metadata.labels,
    ...(antiAffinity ? { antiAffinity } : {}),
    ...(podAffinity ? { affinity: podAffinity } : {}),
    ...(preferredPodAffinity ? { preferred: preferredPodAffinity } : {}),
  };
}

/** What of a pod's affinity the scheduler reads, as requirement lists (preferred anti-affinity as negative weights). */
function affinityOf(pod: Pod): Pick<PodToPlace, 'nodeAffinity' | 'preferredNodeAffinity' | 'podAffinity' | 'antiAffinity' | 'preferredPodAffinity'> {
  const a = pod.spec.affinity;
  if (!a) return {};
  const terms = a.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  const preferredNode = a.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
  const affinity = a.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const anti = a.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const preferredPod: WeightedTerm[] = [
    ...(a.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => ({
      weight: t.weight,
      requirements: requirementsOf(t.podAffinityTerm.labelSelector),
    })),
    ...(a.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => ({
      weight: -t.weight,
      requirements: requirementsOf(t.podAffinityTerm.labelSelector),
    })),
  ];
  return {
    ...(terms ? { nodeAffinity: terms.map((t) => requirementsOf({ matchExpressions: t.matchExpressions })) } : {}),
    ...(preferredNode?.length
      ? {
          preferredNodeAffinity: preferredNode.map((t) => ({
            weight: t.weight,
            requirements: requirementsOf({ matchExpressions: t.preference.matchExpressions }),
          })),
        }
      : {}),
    ...(affinity?.length ? { podAffinity: affinity.map((t) => requirementsOf(t.labelSelector)) } : {}),
    ...(anti?.length ? { antiAffinity: anti.map((t) => requirementsOf(t.labelSelector)) } : {}),
    ...(preferredPod.length ? { preferredPodAffinity: preferredPod } : {}),
  };
}

function due(p: Pod, cluster: Cluster, now: number): boolean {
  if (p.spec.nodeName !== undefined || p.metadata.deletionTimestamp !== undefined) return false;
  const tried = p.status.scheduleTried;
  return !tried || tried.room !== cluster.data.roomVersion || now - tried.at >= UNSCHEDULABLE_RETRY_MS;
}

const NO_SELECTOR: Readonly<Record<string, string>> = Object.freeze({});

function inCreationOrder(pods: readonly Pod[]): boolean {
  for (let i = 1; i < pods.length; i++) if (pods[i].metadata.creationTimestamp < pods[i - 1].metadata.creationTimestamp) return false;
  return true;
}

export function schedulePending(cluster: Cluster, ctx: Context): void {
  const pending = cluster.list('Pod').filter((p) => due(p, cluster, ctx.now));
  if (pending.length === 0) return;
  // The list is in creation order already unless a load or a move changed it: sorted only then.
  if (!inCreationOrder(pending)) pending.sort((a, b) => a.metadata.creationTimestamp - b.metadata.creationTimestamp);
  const infos = nodeInfos(cluster, ctx);
  const table = NodeTable.of(infos);
  const draw = (n: number) => ctx.rng.int(0, n - 1);
  for (const pod of pending) {
    const { requests, nonZero } = podRequests(pod);
    const asked: PodToPlace = {
      requests,
      nonZeroRequests: nonZero,
      nodeSelector: pod.spec.nodeSelector ?? NO_SELECTOR,
      tolerations: pod.spec.tolerations,
      namespace: pod.metadata.namespace,
      labels: pod.metadata.labels,
    };
    const { decision, next } = schedule(pod.spec.affinity ? { ...asked, ...affinityOf(pod) } : asked, infos, cluster.data.nextStartNode, draw, table);
    cluster.data.nextStartNode = next;
    if (decision.ok) {
      // The snapshot lists the cluster's nodes in their order.
      const node = cluster.data.nodes[decision.index];
      pod.spec.nodeName = node.name;
      pod.status.hostIP = node.internalIP;
      // Cleared only where set: writing undefined would give every pod two more fields to keep.
      if (pod.status.unschedulable !== undefined) pod.status.unschedulable = undefined;
      if (pod.status.scheduleTried !== undefined) pod.status.scheduleTried = undefined;
      add(infos[decision.index], pod);
      table.update(decision.index, infos[decision.index]);
      recordFirstEvent(
        cluster,
        ctx,
        podRef(pod),
        'Normal',
        'Scheduled',
        `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node.name}`,
        'default-scheduler',
      );
    } else {
      pod.status.unschedulable = decision.message;
      pod.status.scheduleTried = { room: cluster.data.roomVersion, at: ctx.now };
      recordEvent(cluster, ctx, podRef(pod), 'Warning', 'FailedScheduling', decision.message, 'default-scheduler');
    }
    cluster.changes++;
  }
}
