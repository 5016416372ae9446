// The resource types kubectl can name, each with the names it answers to (its
// plural, singular, short names and group-qualified forms, as `kubectl
// api-resources` lists them) and how `-o name` writes it.

export type ResourceType = 'pods' | 'deployments' | 'replicasets' | 'services' | 'nodes' | 'namespaces' | 'events' | 'endpoints' | 'horizontalpodautoscalers';

export interface ResourceInfo {
  readonly type: ResourceType;
  readonly kind: string;
  /** `-o name`'s prefix: "pod", "deployment.apps". */
  readonly nameForm: string;
  readonly namespaced: boolean;
  readonly aliases: readonly string[];
}

export const RESOURCES: readonly ResourceInfo[] = [
  { type: 'pods', kind: 'Pod', nameForm: 'pod', namespaced: true, aliases: ['pods', 'pod', 'po'] },
  {
    type: 'deployments',
    kind: 'Deployment',
    nameForm: 'deployment.apps',
    namespaced: true,
    aliases: ['deployments', 'deployment', 'deploy', 'deployments.apps', 'deployment.apps', 'deploy.apps'],
  },
  {
    type: 'replicasets',
    kind: 'ReplicaSet',
    nameForm: 'replicaset.apps',
    namespaced: true,
    aliases: ['replicasets', 'replicaset', 'rs', 'replicasets.apps', 'replicaset.apps', 'rs.apps'],
  },
  { type: 'services', kind: 'Service', nameForm: 'service', namespaced: true, aliases: ['services', 'service', 'svc'] },
  { type: 'endpoints', kind: 'Endpoints', nameForm: 'endpoints', namespaced: true, aliases: ['endpoints', 'ep'] },
  { type: 'nodes', kind: 'Node', nameForm: 'node', namespaced: false, aliases: ['nodes', 'node', 'no'] },
  { type: 'namespaces', kind: 'Namespace', nameForm: 'namespace', namespaced: false, aliases: ['namespaces', 'namespace', 'ns'] },
  {
    type: 'horizontalpodautoscalers',
    kind: 'HorizontalPodAutoscaler',
    nameForm: 'horizontalpodautoscaler.autoscaling',
    namespaced: true,
    aliases: ['horizontalpodautoscalers', 'horizontalpodautoscaler', 'hpa', 'horizontalpodautoscalers.autoscaling', 'hpa.autoscaling'],
  },
  { type: 'events', kind: 'Event', nameForm: 'event', namespaced: true, aliases: ['events', 'event', 'ev'] },
];

/** What `kubectl get all` lists (the "all" category of the types modelled). */
export const ALL_CATEGORY: readonly ResourceType[] = ['pods', 'services', 'deployments', 'replicasets', 'horizontalpodautoscalers'];

export function resourceFor(word: string): ResourceInfo | undefined {
  const lower = word.toLowerCase();
  return RESOURCES.find((r) => r.aliases.includes(lower));
}

export function resourceOfKind(kind: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.kind === kind);
}
