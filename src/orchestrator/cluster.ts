// One Kubernetes cluster: its settings, its nodes (container hosts of the
// estate) and its objects, as plain data an estate file saves whole. The
// controllers (sync.ts) and kubectl change it only through these functions, so
// every object is found by one key and every change is counted.
import { Prng, type PrngState } from '../core/prng.js';
import type { ClusterFlavour } from './allocatable.js';
import type { EventObject, Kind, KubeObject, ObjectMeta } from './objects.js';
import type { Taint } from './scheduler.js';

/** The Kubernetes release the clusters speak (kubectl version, node VERSION, scheduler messages). */
export const KUBERNETES_VERSION = 'v1.32.2';

export interface NodeState {
  /** The container host it runs on (a host id of the estate); also the node's name. */
  readonly name: string;
  readonly roles: readonly string[];
  readonly internalIP: string;
  /** Which /24 of the pod network is this node's (its spec.podCIDR). */
  readonly podSubnet: number;
  readonly createdAt: number;
  unschedulable: boolean;
  /** Taints given to it (kubectl taint), besides those its conditions add. */
  taints: Taint[];
  labels: Record<string, string>;
  /** When the kubelet last reported (node leases every 10 s; here whenever its host is up at a sync). */
  lastHeartbeat: number;
  /** When the node lifecycle controller marked it not Ready (Ready=Unknown); unset while Ready. */
  notReadySince?: number;
  /** Pod IPs handed out last on it (host-local IPAM hands them out in turn). */
  lastPodIp: number;
}

export interface ClusterSettings {
  readonly name: string;
  readonly flavour: ClusterFlavour;
  /** Where the cluster runs: the cloud gives LoadBalancer services an address; on-premises needs a pool (MetalLB-like). */
  readonly cloud: boolean;
  /** Service network's first three octets' base and size: kubeadm 10.96.0.0/12, AKS 10.0.0.0/16. */
  readonly serviceCidr: string;
  /** The pod network (flannel's and AKS kubenet's default 10.244.0.0/16): node i gets 10.244.i.0/24. */
  readonly podCidr: string;
  /** Addresses LoadBalancer services may take ("192.168.1.240-192.168.1.250"), on-premises. */
  readonly loadBalancerPool?: string;
  readonly maxPods: number;
}

export interface ClusterData {
  readonly settings: ClusterSettings;
  readonly createdAt: number;
  nodes: NodeState[];
  objects: KubeObject[];
  events: EventObject[];
  /** Where the scheduler's next search starts (nextStartNodeIndex). */
  nextStartNode: number;
  /** The cluster's own seeded draw (names, UIDs, addresses), so its randomness never shifts the estate's. */
  rng: PrngState;
  /** Bumped when room may have appeared (a pod gone, a node back or uncordoned): unschedulable pods are tried again. */
  roomVersion: number;
}

export function objectKey(kind: Kind, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

/** The objects of a cluster by key, built once per cluster and kept in step by put and remove. */
export class Cluster {
  readonly #byKey = new Map<string, KubeObject>();
  /** Objects whose controller is the one with this uid (the garbage collector's dependents). */
  readonly #dependents = new Map<string, Set<KubeObject>>();
  changes = 0;
  /** Bumped when an object comes or goes (not when one changes): lists in name order stay valid until it moves. */
  membership = 0;
  readonly rng: Prng;

  constructor(readonly data: ClusterData) {
    for (const o of data.objects) this.#index(o);
    this.rng = new Prng(data.rng);
  }

  /** The data with the draw's state as it is now: what an estate file keeps. */
  toJSON(): ClusterData {
    return { ...this.data, rng: this.rng.state() };
  }

  get name(): string {
    return this.data.settings.name;
  }

  #index(o: KubeObject): void {
    this.#byKey.set(objectKey(o.kind, o.metadata.namespace, o.metadata.name), o);
    for (const ref of o.metadata.ownerReferences ?? []) {
      let set = this.#dependents.get(ref.uid);
      if (!set) this.#dependents.set(ref.uid, (set = new Set()));
      set.add(o);
    }
  }

  get<K extends Kind>(kind: K, namespace: string | undefined, name: string): Extract<KubeObject, { kind: K }> | undefined {
    return this.#byKey.get(objectKey(kind, namespace, name)) as Extract<KubeObject, { kind: K }> | undefined;
  }

  list<K extends Kind>(kind: K, namespace?: string): Extract<KubeObject, { kind: K }>[] {
    return this.data.objects.filter((o) => o.kind === kind && (namespace === undefined || o.metadata.namespace === namespace)) as Extract<
      KubeObject,
      { kind: K }
    >[];
  }

  /** What the object with this uid controls. */
  dependents(uid: string): KubeObject[] {
    return [...(this.#dependents.get(uid) ?? [])];
  }

  /** Adds an object, or puts it in the place of the one of its kind, namespace and name. */
  put(o: KubeObject): void {
    const old = this.#byKey.get(objectKey(o.kind, o.metadata.namespace, o.metadata.name));
    if (old !== o) {
      if (old) {
        this.#unlinkOwners(old);
        this.data.objects[this.data.objects.indexOf(old)] = o;
      } else this.data.objects.push(o);
      this.membership++;
      this.#index(o);
    }
    this.changes++;
  }

  #unlinkOwners(o: KubeObject): void {
    for (const ref of o.metadata.ownerReferences ?? []) this.#dependents.get(ref.uid)?.delete(o);
  }

  remove(o: KubeObject): void {
    const key = objectKey(o.kind, o.metadata.namespace, o.metadata.name);
    if (this.#byKey.get(key) !== o) return;
    this.#byKey.delete(key);
    this.#unlinkOwners(o);
    const i = this.data.objects.indexOf(o);
    if (i >= 0) this.data.objects.splice(i, 1);
    if (o.kind === 'Pod') this.data.roomVersion++;
    this.membership++;
    this.changes++;
  }

  /** The nodes by name, rebuilt when the list is replaced or grows. */
  #nodes: { list: NodeState[]; length: number; byName: Map<string, NodeState> } | undefined;

  node(name: string): NodeState | undefined {
    const list = this.data.nodes;
    if (!this.#nodes || this.#nodes.list !== list || this.#nodes.length !== list.length)
      this.#nodes = { list, length: list.length, byName: new Map(list.map((n) => [n.name, n])) };
    return this.#nodes.byName.get(name);
  }
}

/** A new object's metadata: its uid and creation time; labels and annotations empty unless given. */
export function newMeta(fields: Partial<ObjectMeta> & { name: string }, uid: string, now: number): ObjectMeta {
  return { labels: {}, annotations: {}, ...fields, uid, creationTimestamp: now };
}
