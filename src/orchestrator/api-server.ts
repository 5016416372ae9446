// What the API server does with an object it is handed: give a new one its
// identity (uid, creation time, generation) and what admission adds (a pod's
// default tolerations; a Service's ClusterIP and node ports), or update the one
// that exists, bumping its generation when its spec changed; and say which it
// was, as `kubectl apply` prints it (created, configured, unchanged).
import { type Cluster, newMeta } from './cluster.js';
import { allocateClusterIp, allocateNodePort } from './ipam.js';
import { canonicalJson } from './names.js';
import type { Deployment, HorizontalPodAutoscaler, KubeObject, Namespace, Pod, ReplicaSet, Service } from './objects.js';
import { admittedSpec, newPodStatus } from './pod-template.js';
import { type Context, newUid } from './runtime.js';

export interface Desired {
  readonly kind: 'Pod' | 'Deployment' | 'ReplicaSet' | 'Service' | 'Namespace' | 'HorizontalPodAutoscaler';
  readonly name: string;
  readonly namespace?: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  /** The defaulted spec, as the object will hold it. */
  readonly spec: unknown;
  /** The manifest as given, when kubectl apply sent it: kept in the last-applied annotation and compared next time. */
  readonly applied?: string;
}

/** Where kubectl apply keeps what it applied last (corev1.LastAppliedConfigAnnotation). */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export type Applied = { ok: true; verb: 'created' | 'configured' | 'unchanged'; object: KubeObject } | { ok: false; reason: string; message: string };

/** The object as the desired state says it, with a new identity. */
function create(cluster: Cluster, ctx: Context, d: Desired): KubeObject {
  const annotations = d.applied === undefined ? { ...d.annotations } : { ...d.annotations, [LAST_APPLIED]: d.applied };
  const meta = newMeta({ name: d.name, namespace: d.namespace, labels: { ...d.labels }, annotations, generation: 1 }, newUid(ctx.rng), ctx.now);
  switch (d.kind) {
    case 'Namespace':
      return {
        kind: 'Namespace',
        metadata: { ...meta, labels: { ...d.labels, 'kubernetes.io/metadata.name': d.name } },
        status: { phase: 'Active' },
      } as Namespace;
    case 'Pod': {
      const pod: Pod = { kind: 'Pod', metadata: meta, spec: admittedSpec(d.spec as Pod['spec']), status: newPodStatus() };
      return pod;
    }
    case 'ReplicaSet':
      return {
        kind: 'ReplicaSet',
        metadata: meta,
        spec: structuredClone(d.spec as ReplicaSet['spec']),
        status: { replicas: 0, readyReplicas: 0, availableReplicas: 0, fullyLabeledReplicas: 0, observedGeneration: 0 },
      };
    case 'Deployment':
      return {
        kind: 'Deployment',
        metadata: meta,
        spec: structuredClone(d.spec as Deployment['spec']),
        status: { observedGeneration: 0, replicas: 0, updatedReplicas: 0, readyReplicas: 0, availableReplicas: 0, unavailableReplicas: 0 },
      };
    case 'HorizontalPodAutoscaler':
      return {
        kind: 'HorizontalPodAutoscaler',
        metadata: meta,
        spec: structuredClone(d.spec as HorizontalPodAutoscaler['spec']),
        status: { currentReplicas: 0, desiredReplicas: 0, currentMetrics: [], recommendations: [] },
      };
    case 'Service': {
      const spec = structuredClone(d.spec as Service['spec']);
      spec.clusterIP = allocateClusterIp(cluster, ctx.rng);
      if (spec.type !== 'ClusterIP') spec.ports = spec.ports.map((p) => ({ ...p, nodePort: p.nodePort ?? allocateNodePort(cluster, ctx.rng) }));
      return { kind: 'Service', metadata: meta, spec, status: { loadBalancer: {} } };
    }
  }
}

/** What of the object the desired state speaks for, to compare with it. */
/** The part of an object a manifest speaks for: its labels and spec, the server's own fields (ClusterIP, node ports) left out. */
function specOf(o: KubeObject): string {
  const spec =
    o.kind === 'Namespace'
      ? undefined
      : o.kind === 'Service'
        ? { ...o.spec, clusterIP: undefined, ports: o.spec.ports.map((p) => ({ ...p, nodePort: undefined })) }
        : o.kind === 'Pod'
          ? { ...o.spec, tolerations: undefined, nodeName: undefined }
          : o.spec;
  const { 'kubernetes.io/metadata.name': _, ...labels } = o.metadata.labels;
  return canonicalJson({ labels, spec });
}

/** Go's %#v of a LabelSelector, as "field is immutable" quotes it. */
function goSelector(s: Deployment['spec']['selector']): string {
  const labels = Object.keys(s.matchLabels ?? {})
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(s.matchLabels![k])}`)
    .join(', ');
  return `v1.LabelSelector{MatchLabels:map[string]string{${labels}}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`;
}

const POD_UPDATE_FORBIDDEN =
  'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,' +
  '`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),' +
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

export function applyDesired(cluster: Cluster, ctx: Context, d: Desired): Applied {
  const ns = d.namespace === undefined ? undefined : cluster.get('Namespace', undefined, d.namespace);
  if (d.namespace !== undefined && !ns) return { ok: false, reason: 'NotFound', message: `namespaces "${d.namespace}" not found` };
  if (ns?.metadata.deletionTimestamp !== undefined && !cluster.get(d.kind, d.namespace, d.name))
    return {
      ok: false,
      reason: 'Forbidden',
      message: `${d.kind.toLowerCase()}s "${d.name}" is forbidden: unable to create new content in namespace ${d.namespace} because it is being terminated`,
    };
  const existing = cluster.get(d.kind, d.namespace, d.name);
  const next = create(cluster, ctx, d);
  if (!existing) {
    cluster.put(next);
    return { ok: true, verb: 'created', object: next };
  }
  if (existing.metadata.deletionTimestamp !== undefined)
    return { ok: false, reason: 'AlreadyExists', message: `object is being deleted: ${d.kind.toLowerCase()}s "${d.name}" already exists` };
  // apply merges three ways (what it applied last, the manifest, the live object): unchanged only when the
  // manifest is what it applied last and the live object still says the same (no scale or set image since).
  const same = (d.applied === undefined || existing.metadata.annotations[LAST_APPLIED] === d.applied) && specOf(existing) === specOf(next);
  if (same) {
    if (d.applied !== undefined && existing.metadata.annotations[LAST_APPLIED] !== d.applied) existing.metadata.annotations[LAST_APPLIED] = d.applied;
    return { ok: true, verb: 'unchanged', object: existing };
  }
  if (existing.kind === 'Deployment' && next.kind === 'Deployment' && canonicalJson(existing.spec.selector) !== canonicalJson(next.spec.selector))
    return {
      ok: false,
      reason: 'Invalid',
      message: `The Deployment "${d.name}" is invalid: spec.selector: Invalid value: ${goSelector(next.spec.selector)}: field is immutable`,
    };
  if (existing.kind === 'Pod' && next.kind === 'Pod') {
    // Only a container's image may change in a pod (its kubelet then restarts the container).
    const images = (p: Pod) => ({ ...p.spec, containers: p.spec.containers.map((c) => ({ ...c, image: '' })) });
    if (canonicalJson({ ...images(existing), tolerations: [], nodeName: '' }) !== canonicalJson({ ...images(next), tolerations: [], nodeName: '' }))
      return { ok: false, reason: 'Invalid', message: `The Pod "${d.name}" is invalid: ${POD_UPDATE_FORBIDDEN}` };
    existing.spec.containers = existing.spec.containers.map((c, i) => ({ ...c, image: next.spec.containers[i].image }));
  }
  existing.metadata.labels = next.metadata.labels;
  existing.metadata.annotations = { ...existing.metadata.annotations, ...next.metadata.annotations };
  if (existing.kind === 'Deployment' && next.kind === 'Deployment') {
    existing.spec = { ...next.spec };
    existing.metadata.generation = (existing.metadata.generation ?? 1) + 1;
  } else if (existing.kind === 'HorizontalPodAutoscaler' && next.kind === 'HorizontalPodAutoscaler') {
    existing.spec = next.spec;
  } else if (existing.kind === 'ReplicaSet' && next.kind === 'ReplicaSet') {
    existing.spec = next.spec;
    existing.metadata.generation = (existing.metadata.generation ?? 1) + 1;
  } else if (existing.kind === 'Service' && next.kind === 'Service') {
    const kept = existing.spec;
    existing.spec = {
      ...next.spec,
      clusterIP: kept.clusterIP,
      ports: next.spec.ports.map((p, i) => ({
        ...p,
        nodePort: p.nodePort ?? kept.ports[i]?.nodePort ?? (next.spec.type === 'ClusterIP' ? undefined : allocateNodePort(cluster, ctx.rng)),
      })),
    };
    if (existing.spec.type === 'ClusterIP') existing.spec.ports = existing.spec.ports.map(({ nodePort: _, ...p }) => p);
    if (existing.spec.type !== 'LoadBalancer') existing.status = { loadBalancer: {} };
  }
  cluster.put(existing);
  return { ok: true, verb: 'configured', object: existing };
}
