// The Kubernetes objects the orchestrator keeps, as the API has them (core/v1 and
// apps/v1 field names), trimmed to the fields it models. Times are the
// simulation's milliseconds; printers turn them into RFC 3339 and ages. Every
// object is plain data, so an estate file saves it and `-o json` prints it.

export type Labels = Readonly<Record<string, string>>;

export interface OwnerReference {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
  readonly controller: true;
  readonly blockOwnerDeletion: true;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  creationTimestamp: number;
  generation?: number;
  ownerReferences?: OwnerReference[];
  deletionTimestamp?: number;
  deletionGracePeriodSeconds?: number;
  /** The name given before a random suffix (`generateName`). */
  generateName?: string;
}

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values?: readonly string[];
}

export interface LabelSelector {
  readonly matchLabels?: Labels;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

export interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
}

/** Quantities as written ("500m", "128Mi"): Kubernetes prints them back as given. */
export interface ResourceRequirements {
  readonly requests?: Readonly<Record<string, string>>;
  readonly limits?: Readonly<Record<string, string>>;
}

export interface Container {
  readonly name: string;
  readonly image: string;
  readonly ports?: readonly ContainerPort[];
  readonly resources: ResourceRequirements;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly imagePullPolicy: 'Always' | 'IfNotPresent' | 'Never';
}

export interface Toleration {
  readonly key?: string;
  readonly operator?: 'Exists' | 'Equal';
  readonly value?: string;
  readonly effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  readonly tolerationSeconds?: number;
}

/** A pod affinity or anti-affinity term (core/v1 PodAffinityTerm; kubernetes.io/hostname is the topology modelled). */
export interface PodAffinityTerm {
  readonly labelSelector: LabelSelector;
  readonly topologyKey: string;
}

export interface WeightedPodAffinityTerm {
  readonly weight: number;
  readonly podAffinityTerm: PodAffinityTerm;
}

/** The affinity the scheduler models (core/v1 Affinity): node affinity, pod affinity and anti-affinity, required and preferred. */
export interface Affinity {
  readonly nodeAffinity?: {
    readonly requiredDuringSchedulingIgnoredDuringExecution?: {
      readonly nodeSelectorTerms: readonly { readonly matchExpressions: readonly LabelSelectorRequirement[] }[];
    };
    readonly preferredDuringSchedulingIgnoredDuringExecution?: readonly {
      readonly weight: number;
      readonly preference: { readonly matchExpressions: readonly LabelSelectorRequirement[] };
    }[];
  };
  readonly podAffinity?: {
    readonly requiredDuringSchedulingIgnoredDuringExecution?: readonly PodAffinityTerm[];
    readonly preferredDuringSchedulingIgnoredDuringExecution?: readonly WeightedPodAffinityTerm[];
  };
  readonly podAntiAffinity?: {
    readonly requiredDuringSchedulingIgnoredDuringExecution?: readonly PodAffinityTerm[];
    readonly preferredDuringSchedulingIgnoredDuringExecution?: readonly WeightedPodAffinityTerm[];
  };
}

export interface PodSpec {
  containers: Container[];
  nodeSelector?: Record<string, string>;
  affinity?: Affinity;
  tolerations: Toleration[];
  nodeName?: string;
  restartPolicy: 'Always' | 'OnFailure' | 'Never';
  terminationGracePeriodSeconds: number;
  schedulerName: string;
}

export interface PodTemplate {
  metadata: { labels: Record<string, string>; annotations?: Record<string, string> };
  spec: PodSpec;
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

export interface PodStatus {
  phase: PodPhase;
  /** PodScheduled=False's message while it fits nowhere (kube-scheduler's FitError). */
  unschedulable?: string;
  /** When the scheduler last failed to place it, and the cluster's roomVersion then (it tries again when room may have appeared). */
  scheduleTried?: { room: number; at: number };
  hostIP?: string;
  podIP?: string;
  startTime?: number;
  /** The container in the runtime (a core workload) once the kubelet started it. */
  runtimeId?: string;
  /** The image that container runs (a changed spec image makes the kubelet replace it). */
  image?: string;
  restartCount: number;
  /** When the container last came up running (kubelet's state.running.startedAt). */
  startedAt?: number;
  /** The last termination's reason ("OOMKilled", "Error", "Completed"), for describe and RESTARTS. */
  lastTermination?: {
    reason: string;
    exitCode: number;
    at: number;
    /** When that run had started, and its image: what `kubectl logs --previous` reads. */
    startedAt?: number;
    image?: string;
  };
  /** NodeLost: the node stopped answering while the pod was being deleted. */
  reason?: string;
  /** When the kubelet may start the container again (CrashLoopBackOff until then). */
  backOffUntil?: number;
  /** The next back-off: none before the first restart, then 10 s doubling to 5 min. */
  backOffMs?: number;
  /** The demand its service's traffic puts on it, millicores (traffic.ts), while there is some. */
  demandMilli?: number;
  /** The image download the container waited for, announced when it starts. */
  pullMs?: number;
  /** The container as the kubelet last saw it. */
  container: { state: 'waiting' | 'running' | 'terminated'; reason?: string; message?: string; ready: boolean };
}

export interface Pod {
  readonly kind: 'Pod';
  metadata: ObjectMeta;
  spec: PodSpec;
  status: PodStatus;
}

export interface ReplicaSet {
  readonly kind: 'ReplicaSet';
  metadata: ObjectMeta;
  spec: { replicas: number; selector: LabelSelector; template: PodTemplate; minReadySeconds: number };
  status: { replicas: number; readyReplicas: number; availableReplicas: number; fullyLabeledReplicas: number; observedGeneration: number };
}

export interface RollingUpdate {
  /** An int or a percentage ("25%"), as written. */
  readonly maxSurge: number | string;
  readonly maxUnavailable: number | string;
}

export interface Deployment {
  readonly kind: 'Deployment';
  metadata: ObjectMeta;
  spec: {
    replicas: number;
    selector: LabelSelector;
    template: PodTemplate;
    strategy: { type: 'RollingUpdate'; rollingUpdate: RollingUpdate } | { type: 'Recreate' };
    revisionHistoryLimit: number;
    progressDeadlineSeconds: number;
    minReadySeconds: number;
    paused?: boolean;
  };
  status: {
    observedGeneration: number;
    replicas: number;
    updatedReplicas: number;
    readyReplicas: number;
    availableReplicas: number;
    unavailableReplicas: number;
    /** Progressing's reason: ReplicaSetUpdated, NewReplicaSetAvailable, ProgressDeadlineExceeded. */
    progressing?: { reason: string; message: string; at: number };
    collisionCount?: number;
  };
}

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer';

export interface ServicePort {
  readonly name?: string;
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
  readonly port: number;
  readonly targetPort: number | string;
  readonly nodePort?: number;
}

export interface Service {
  readonly kind: 'Service';
  metadata: ObjectMeta;
  spec: { type: ServiceType; selector?: Record<string, string>; ports: ServicePort[]; clusterIP: string; sessionAffinity: 'None' | 'ClientIP' };
  status: { loadBalancer: { ingress?: { ip: string }[] } };
}

export interface Namespace {
  readonly kind: 'Namespace';
  metadata: ObjectMeta;
  status: { phase: 'Active' | 'Terminating' };
}

export interface EventObject {
  readonly kind: 'Event';
  metadata: ObjectMeta;
  involvedObject: { kind: string; name: string; namespace?: string; uid: string };
  reason: string;
  message: string;
  type: 'Normal' | 'Warning';
  count: number;
  firstTimestamp: number;
  lastTimestamp: number;
  source: { component: string; host?: string };
}

export interface MetricTarget {
  readonly type: 'Resource';
  readonly resource: { readonly name: 'cpu' | 'memory'; readonly target: { readonly type: 'Utilization'; readonly averageUtilization: number } };
}

export interface HorizontalPodAutoscaler {
  readonly kind: 'HorizontalPodAutoscaler';
  metadata: ObjectMeta;
  spec: {
    scaleTargetRef: { apiVersion: string; kind: string; name: string };
    minReplicas: number;
    maxReplicas: number;
    metrics: MetricTarget[];
  };
  status: {
    currentReplicas: number;
    desiredReplicas: number;
    /** Each metric's current average utilization, in percent of the request; undefined while unknown. */
    currentMetrics: { name: 'cpu' | 'memory'; averageUtilization?: number }[];
    lastScaleTime?: number;
    /** When the controller last looked (every 15 s). */
    lastSync?: number;
    /** Its recommendations of the last 5 minutes, for the scale-down stabilization window. */
    recommendations: { at: number; replicas: number }[];
    /** ScalingActive's reason and message when it cannot compute (a missing request). */
    problem?: { reason: string; message: string };
    /** What held its last recommendation back: the stabilization window, the scale-up policy, or min/max. */
    limited?: 'ScaleDownStabilized' | 'ScaleUpLimit' | 'TooManyReplicas' | 'TooFewReplicas';
  };
}

export type KubeObject = Pod | ReplicaSet | Deployment | Service | Namespace | HorizontalPodAutoscaler;
export type Kind = KubeObject['kind'];

/** The API group/version each kind is served under. */
export const API_VERSION: Readonly<Record<Kind | 'Event' | 'Node', string>> = {
  Pod: 'v1',
  Service: 'v1',
  Namespace: 'v1',
  Event: 'v1',
  Node: 'v1',
  ReplicaSet: 'apps/v1',
  Deployment: 'apps/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
};

/** The owner that controls it (metav1.GetControllerOf). */
export function controllerOf(meta: ObjectMeta): OwnerReference | undefined {
  return meta.ownerReferences?.find((o) => o.controller);
}

export function ownerReference(kind: string, meta: ObjectMeta): OwnerReference {
  return { apiVersion: API_VERSION[kind as Kind], kind, name: meta.name, uid: meta.uid, controller: true, blockOwnerDeletion: true };
}
