// The clusters' objects as the Kubernetes views list them: one list per kind
// across every cluster (cluster, then namespace and name), rebuilt only when an
// object has come or gone since (a status changing moves nothing in the list;
// the rows read it live).
import type { NodeState } from '../../orchestrator/cluster.js';
import type { KubeObject } from '../../orchestrator/objects.js';
import type { RowContext } from './types.js';

export interface Listed<T> {
  readonly cluster: string;
  readonly item: T;
}

type Kind = 'Pod' | 'Deployment' | 'Service' | 'Node';
type ItemOf<K extends Kind> = K extends 'Node' ? NodeState : Extract<KubeObject, { kind: K }>;

const CACHE = new WeakMap<object, Map<Kind, { membership: number; list: Listed<unknown>[] }>>();

const key = (o: KubeObject) => `${o.metadata.namespace ?? ''}\u0000${o.metadata.name}`;

export function k8sList<K extends Kind>(ctx: RowContext, kind: K): Listed<ItemOf<K>>[] {
  const k8s = ctx.estate.providers.kubernetes;
  const membership = k8s.membership;
  let byKind = CACHE.get(ctx.estate);
  if (!byKind) CACHE.set(ctx.estate, (byKind = new Map()));
  const known = byKind.get(kind);
  if (known && known.membership === membership) return known.list as Listed<ItemOf<K>>[];
  const list: Listed<unknown>[] = [];
  for (const c of k8s.clusters.values()) {
    if (kind === 'Node') for (const n of c.data.nodes) list.push({ cluster: c.name, item: n });
    else
      for (const o of c.list(kind as Exclude<Kind, 'Node'>).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)))
        list.push({ cluster: c.name, item: o });
  }
  byKind.set(kind, { membership, list });
  return list as Listed<ItemOf<K>>[];
}
