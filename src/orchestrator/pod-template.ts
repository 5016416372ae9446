// A pod made from a template, as a ReplicaSet makes it (controller_utils.go
// GetPodFromTemplate): the template's labels and spec, a generated name after
// the owner's, the owner as its controller, and the admission plugins'
// defaults (DefaultTolerationSeconds).
import type { Cluster } from './cluster.js';
import { newMeta } from './cluster.js';
import { generateName } from './names.js';
import { DEFAULT_TOLERATIONS } from './nodes.js';
import { type ObjectMeta, ownerReference, type Pod, type PodSpec, type PodTemplate } from './objects.js';
import { type Context, newUid } from './runtime.js';

/** The pod's spec with the tolerations admission adds (unless the pod already tolerates that taint for NoExecute). */
export function admittedSpec(spec: PodSpec): PodSpec {
  const tolerations = [...spec.tolerations];
  for (const d of DEFAULT_TOLERATIONS)
    if (!tolerations.some((t) => (t.key === d.key || (t.key === undefined && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute')))
      tolerations.push({ ...d });
  return { ...structuredClone(spec), tolerations };
}

export function newPodStatus(): Pod['status'] {
  return { phase: 'Pending', restartCount: 0, container: { state: 'waiting', ready: false } };
}

export function podFromTemplate(cluster: Cluster, ctx: Context, template: PodTemplate, owner: { kind: string; meta: ObjectMeta }): Pod {
  const base = `${owner.meta.name}-`;
  const ns = owner.meta.namespace ?? 'default';
  let name = generateName(base, ctx.rng);
  while (cluster.get('Pod', ns, name)) name = generateName(base, ctx.rng);
  return {
    kind: 'Pod',
    metadata: newMeta(
      {
        name,
        generateName: base,
        namespace: ns,
        labels: { ...template.metadata.labels },
        annotations: { ...(template.metadata.annotations ?? {}) },
        ownerReferences: [ownerReference(owner.kind, owner.meta)],
      },
      newUid(ctx.rng),
      ctx.now,
    ),
    spec: admittedSpec(template.spec),
    status: newPodStatus(),
  };
}
