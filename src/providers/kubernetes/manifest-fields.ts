// The fields each modelled kind has in the Kubernetes API (v1.32 core/v1 and
// apps/v1 types.go), for the API server's strict decoding: a field it does not
// know is "unknown field", a value of the wrong JSON type is the Go JSON
// decoder's "cannot unmarshal". Fields that exist but mean nothing here
// (probes, volumes, env) are `any`: accepted as given.

export type Shape =
  | { readonly t: 'string' | 'int32' | 'int64' | 'bool' | 'any' | 'intOrString' | 'quantity' }
  | { readonly t: 'map' }
  | { readonly t: 'list'; readonly of: Shape }
  | { readonly t: 'struct'; readonly name: string; readonly fields: Readonly<Record<string, Shape>> };

const s = { t: 'string' } as const;
const i32 = { t: 'int32' } as const;
const i64 = { t: 'int64' } as const;
const b = { t: 'bool' } as const;
const any = { t: 'any' } as const;
const ios = { t: 'intOrString' } as const;
const map = { t: 'map' } as const;
const list = (of: Shape): Shape => ({ t: 'list', of });
const struct = (name: string, fields: Record<string, Shape>): Shape => ({ t: 'struct', name, fields });
const anyOf = (...names: string[]) => Object.fromEntries(names.map((n) => [n, any]));

const OWNER_REF = struct('OwnerReference', { apiVersion: s, kind: s, name: s, uid: s, controller: b, blockOwnerDeletion: b });
export const OBJECT_META = struct('ObjectMeta', {
  name: s,
  generateName: s,
  namespace: s,
  labels: map,
  annotations: map,
  uid: s,
  resourceVersion: s,
  generation: i64,
  creationTimestamp: any,
  deletionTimestamp: any,
  deletionGracePeriodSeconds: i64,
  ownerReferences: list(OWNER_REF),
  finalizers: list(s),
  managedFields: any,
  selfLink: s,
});

const LABEL_SELECTOR = struct('LabelSelector', {
  matchLabels: map,
  matchExpressions: list(struct('LabelSelectorRequirement', { key: s, operator: s, values: list(s) })),
});

const CONTAINER = struct('Container', {
  name: s,
  image: s,
  command: list(s),
  args: list(s),
  workingDir: s,
  ports: list(struct('ContainerPort', { name: s, hostPort: i32, containerPort: i32, protocol: s, hostIP: s })),
  resources: struct('ResourceRequirements', { limits: map, requests: map, claims: any }),
  imagePullPolicy: s,
  ...anyOf(
    'env',
    'envFrom',
    'lifecycle',
    'livenessProbe',
    'readinessProbe',
    'startupProbe',
    'resizePolicy',
    'restartPolicy',
    'securityContext',
    'stdin',
    'stdinOnce',
    'terminationMessagePath',
    'terminationMessagePolicy',
    'tty',
    'volumeDevices',
    'volumeMounts',
  ),
});

const TOLERATION = struct('Toleration', { key: s, operator: s, value: s, effect: s, tolerationSeconds: i64 });

const POD_SPEC = struct('PodSpec', {
  containers: list(CONTAINER),
  initContainers: list(CONTAINER),
  nodeSelector: map,
  nodeName: s,
  tolerations: list(TOLERATION),
  restartPolicy: s,
  terminationGracePeriodSeconds: i64,
  schedulerName: s,
  ...anyOf(
    'activeDeadlineSeconds',
    'affinity',
    'automountServiceAccountToken',
    'dnsConfig',
    'dnsPolicy',
    'enableServiceLinks',
    'ephemeralContainers',
    'hostAliases',
    'hostIPC',
    'hostNetwork',
    'hostPID',
    'hostUsers',
    'hostname',
    'imagePullSecrets',
    'os',
    'overhead',
    'preemptionPolicy',
    'priority',
    'priorityClassName',
    'readinessGates',
    'resourceClaims',
    'resources',
    'runtimeClassName',
    'schedulingGates',
    'securityContext',
    'serviceAccount',
    'serviceAccountName',
    'setHostnameAsFQDN',
    'shareProcessNamespace',
    'subdomain',
    'topologySpreadConstraints',
    'volumes',
  ),
});

const POD_TEMPLATE = struct('PodTemplateSpec', { metadata: OBJECT_META, spec: POD_SPEC });
const TOP = { apiVersion: s, kind: s, metadata: OBJECT_META, status: any };

export const SHAPES: Readonly<Record<string, Shape>> = {
  Pod: struct('Pod', { ...TOP, spec: POD_SPEC }),
  Deployment: struct('Deployment', {
    ...TOP,
    spec: struct('DeploymentSpec', {
      replicas: i32,
      selector: LABEL_SELECTOR,
      template: POD_TEMPLATE,
      strategy: struct('DeploymentStrategy', {
        type: s,
        rollingUpdate: struct('RollingUpdateDeployment', { maxSurge: ios, maxUnavailable: ios }),
      }),
      minReadySeconds: i32,
      revisionHistoryLimit: i32,
      paused: b,
      progressDeadlineSeconds: i32,
    }),
  }),
  ReplicaSet: struct('ReplicaSet', {
    ...TOP,
    spec: struct('ReplicaSetSpec', { replicas: i32, minReadySeconds: i32, selector: LABEL_SELECTOR, template: POD_TEMPLATE }),
  }),
  Service: struct('Service', {
    ...TOP,
    spec: struct('ServiceSpec', {
      ports: list(struct('ServicePort', { name: s, protocol: s, appProtocol: s, port: i32, targetPort: ios, nodePort: i32 })),
      selector: map,
      clusterIP: s,
      clusterIPs: list(s),
      type: s,
      sessionAffinity: s,
      ...anyOf(
        'externalIPs',
        'loadBalancerIP',
        'loadBalancerSourceRanges',
        'externalName',
        'externalTrafficPolicy',
        'healthCheckNodePort',
        'publishNotReadyAddresses',
        'sessionAffinityConfig',
        'ipFamilies',
        'ipFamilyPolicy',
        'allocateLoadBalancerNodePorts',
        'loadBalancerClass',
        'internalTrafficPolicy',
        'trafficDistribution',
      ),
    }),
  }),
  Namespace: struct('Namespace', { ...TOP, spec: any }),
  HorizontalPodAutoscaler: struct('HorizontalPodAutoscaler', {
    ...TOP,
    spec: struct('HorizontalPodAutoscalerSpec', {
      scaleTargetRef: struct('CrossVersionObjectReference', { apiVersion: s, kind: s, name: s }),
      minReplicas: i32,
      maxReplicas: i32,
      metrics: list(
        struct('MetricSpec', {
          type: s,
          resource: struct('ResourceMetricSource', {
            name: s,
            target: struct('MetricTarget', { type: s, averageUtilization: i32, averageValue: { t: 'quantity' }, value: { t: 'quantity' } }),
          }),
          ...anyOf('pods', 'object', 'external', 'containerResource'),
        }),
      ),
      behavior: any,
    }),
  }),
};

const GO_TYPE: Readonly<Record<string, string>> = { string: 'string', int32: 'int32', int64: 'int64', bool: 'bool', map: 'map[string]string' };

/** What the value is, in Go's JSON decoder's words ("string", "number", "object", "array", "bool"). */
function jsonKind(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

export interface DecodeProblems {
  readonly unknown: string[];
  /** The first type mismatch, in encoding/json's words. */
  typeError?: string;
}

/** Walks `v` against `shape` from `path`, collecting unknown fields and the first type error. */
export function checkShape(v: unknown, shape: Shape, path: string, owner: string, out: DecodeProblems): void {
  if (v === null || v === undefined || shape.t === 'any') return;
  const mismatch = (goType: string) => {
    out.typeError ??= `json: cannot unmarshal ${jsonKind(v)} into Go struct field ${owner}.${path} of type ${goType}`;
  };
  switch (shape.t) {
    case 'string':
      if (typeof v !== 'string') mismatch('string');
      return;
    case 'int32':
    case 'int64': {
      const max = shape.t === 'int32' ? 2 ** 31 - 1 : Number.MAX_SAFE_INTEGER;
      if (typeof v !== 'number' || !Number.isInteger(v)) mismatch(GO_TYPE[shape.t]);
      // encoding/json's overflow error names the number.
      else if (v > max || v < -max - 1)
        out.typeError ??= `json: cannot unmarshal number ${v} into Go struct field ${owner}.${path} of type ${GO_TYPE[shape.t]}`;
      return;
    }
    case 'bool':
      if (typeof v !== 'boolean') mismatch('bool');
      return;
    case 'intOrString':
    case 'quantity':
      if (typeof v !== 'string' && typeof v !== 'number') mismatch(shape.t === 'intOrString' ? 'intstr.IntOrString' : 'resource.Quantity');
      return;
    case 'map':
      if (typeof v !== 'object' || Array.isArray(v)) mismatch('map[string]string');
      else
        for (const x of Object.values(v))
          if (typeof x !== 'string') out.typeError ??= `json: cannot unmarshal ${jsonKind(x)} into Go struct field ${owner}.${path} of type string`;
      return;
    case 'list':
      if (!Array.isArray(v)) mismatch(`[]${shape.of.t === 'struct' ? `v1.${shape.of.name}` : (GO_TYPE[shape.of.t] ?? 'string')}`);
      else for (const [i, x] of v.entries()) checkShape(x, shape.of, `${path}[${i}]`, owner, out);
      return;
    case 'struct':
      if (typeof v !== 'object' || Array.isArray(v)) {
        mismatch(`v1.${shape.name}`);
        return;
      }
      for (const [k, x] of Object.entries(v)) {
        const p = path ? `${path}.${k}` : k;
        const f = shape.fields[k];
        if (!f) out.unknown.push(p);
        else checkShape(x, f, p, f.t === 'struct' ? f.name : owner, out);
      }
  }
}
