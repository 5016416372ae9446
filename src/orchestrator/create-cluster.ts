// A new cluster as its installer leaves it: the four namespaces every cluster
// has (default, kube-system, kube-public, kube-node-lease), the "kubernetes"
// service at the service network's first address (443 to the API server), and
// its nodes, Ready, labelled as the kubelet labels them.
import { hash32, Prng } from '../core/prng.js';
import { Cluster, type ClusterSettings, type NodeState, newMeta } from './cluster.js';
import { firstServiceIp } from './ipam.js';
import type { Namespace, Service } from './objects.js';
import { newUid } from './runtime.js';
import type { Taint } from './scheduler.js';

export interface NodeInput {
  readonly name: string;
  readonly roles?: readonly string[];
  readonly internalIP: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly taints?: readonly Taint[];
}

const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/** The labels the kubelet gives its node (well-known labels), and its roles' node-role labels. */
export function nodeLabels(input: NodeInput): Record<string, string> {
  return {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': input.name,
    'kubernetes.io/os': 'linux',
    ...Object.fromEntries((input.roles ?? []).map((r) => [`node-role.kubernetes.io/${r}`, ''])),
    ...(input.labels ?? {}),
  };
}

export function newNode(input: NodeInput, podSubnet: number, now: number): NodeState {
  return {
    name: input.name,
    roles: [...(input.roles ?? [])],
    internalIP: input.internalIP,
    podSubnet,
    createdAt: now,
    unschedulable: false,
    taints: [...(input.taints ?? [])],
    labels: nodeLabels(input),
    lastHeartbeat: now,
    lastPodIp: 1,
  };
}

export function createCluster(settings: ClusterSettings, nodes: readonly NodeInput[], now: number, seed: number): Cluster {
  let h = seed >>> 0;
  for (let i = 0; i < settings.name.length; i++) h = hash32(h ^ settings.name.charCodeAt(i), i);
  const rng = new Prng(h);
  const cluster = new Cluster({
    settings,
    createdAt: now,
    nodes: nodes.map((n, i) => newNode(n, i, now)),
    objects: [],
    events: [],
    nextStartNode: 0,
    rng: rng.state(),
    roomVersion: 0,
  });
  for (const name of SYSTEM_NAMESPACES) {
    const ns: Namespace = {
      kind: 'Namespace',
      metadata: newMeta({ name, labels: { 'kubernetes.io/metadata.name': name } }, newUid(cluster.rng), now),
      status: { phase: 'Active' },
    };
    cluster.put(ns);
  }
  const api: Service = {
    kind: 'Service',
    metadata: newMeta({ name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } }, newUid(cluster.rng), now),
    spec: {
      type: 'ClusterIP',
      ports: [{ name: 'https', protocol: 'TCP', port: 443, targetPort: 6443 }],
      clusterIP: firstServiceIp(settings.serviceCidr),
      sessionAffinity: 'None',
    },
    status: { loadBalancer: {} },
  };
  cluster.put(api);
  return cluster;
}
