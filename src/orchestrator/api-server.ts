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
function comparable(o: KubeObject): string {
  const spec =
    o.kind === 'Namespace'
      ? undefined
      : o.kind === 'Service'
        ? { ...o.spec, clusterIP: undefined, ports: o.spec.ports.map((p) => ({ ...p, nodePort: undefined })) }
        : o.spec;
  const { 'kubernetes.io/metadata.name': _, ...labels } = o.metadata.labels;
  return canonicalJson({ labels, annotations: o.metadata.annotations, spec: o.kind === 'Pod' ? undefined : spec });
}

export function applyDesired(cluster: Cluster, ctx: Context, d: Desired): Applied {
  if (d.namespace !== undefined && !cluster.get('Namespace', undefined, d.namespace))
    return { ok: false, reason: 'NotFound', message: `namespaces "${d.namespace}" not found` };
  const existing = cluster.get(d.kind, d.namespace, d.name);
  const next = create(cluster, ctx, d);
  if (!existing) {
    cluster.put(next);
    return { ok: true, verb: 'created', object: next };
  }
  if (existing.metadata.deletionTimestamp !== undefined)
    return { ok: false, reason: 'Conflict', message: `object is being deleted: ${d.kind.toLowerCase()}s "${d.name}" already exists` };
  // kubectl apply compares with what it applied last (its annotation), not with the live object the controllers change.
  const same = d.applied !== undefined ? existing.metadata.annotations[LAST_APPLIED] === d.applied : comparable(existing) === comparable(next);
  if (same) return { ok: true, verb: 'unchanged', object: existing };
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
