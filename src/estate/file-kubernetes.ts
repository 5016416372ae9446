// The Kubernetes clusters in an estate file, as zod checks them: each cluster's
// settings, nodes, objects and events, every string free of control characters
// and every number in its range, so a hand-edited file can neither crash the
// controllers nor put an escape on the screen. Objects keep the API's field
// names (src/orchestrator/objects.ts); fields the orchestrator does not read
// are refused rather than carried.
import * as z from 'zod';
import type { FileValues } from './file-values.js';

export function kubernetesSchema(v: FileValues) {
  const { name, text, count, ms } = v;
  const str = text(10_000);
  const labels = z.record(text(317), text(63 * 1024));
  /** Text that may hold line breaks and tabs (a shell script in args), no other control character. */
  const lines = z
    .string()
    .max(10_000)
    .regex(/^[^\u0000-\u0008\u000b-\u001f\u007f-\u009f]*$/, 'must not contain control characters but line breaks and tabs');
  // An annotation may hold several lines (kubectl's last-applied one ends in a newline); no other control character.
  const annotations = z.record(
    text(317),
    z
      .string()
      .max(256 * 1024)
      .regex(/^[^\u0000-\u0008\u000b-\u001f\u007f-\u009f]*$/, 'must not contain control characters but line breaks and tabs'),
  );
  const int = z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1);
  const intOrPercent = z.union([int, z.string().regex(/^\d+%$/)]);
  const quantities = z.record(text(100), text(100));
  const meta = z.strictObject({
    name,
    namespace: name.optional(),
    uid: name,
    labels,
    annotations,
    creationTimestamp: ms,
    generation: count.optional(),
    ownerReferences: z
      .array(z.strictObject({ apiVersion: name, kind: name, name, uid: name, controller: z.literal(true), blockOwnerDeletion: z.literal(true) }))
      .max(16)
      .optional(),
    deletionTimestamp: ms.optional(),
    deletionGracePeriodSeconds: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    generateName: name.optional(),
  });
  const effect = z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']);
  const toleration = z.strictObject({
    key: text(317).optional(),
    operator: z.enum(['Exists', 'Equal']).optional(),
    value: str.optional(),
    effect: effect.optional(),
    tolerationSeconds: z.number().int().optional(),
  });
  const container = z.strictObject({
    name,
    image: text(1000),
    ports: z.array(z.strictObject({ name: name.optional(), containerPort: int, protocol: z.enum(['TCP', 'UDP', 'SCTP']) }).loose()).optional(),
    resources: z.strictObject({ requests: quantities.optional(), limits: quantities.optional() }),
    command: z.array(lines).optional(),
    args: z.array(lines).optional(),
    imagePullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']),
  });
  const requirement = z.strictObject({
    key: text(317).min(1),
    operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
    values: z.array(text(63)).optional(),
  });
  const selectorTerm = z.strictObject({ matchExpressions: z.array(requirement).max(100) });
  const podTerm = z.strictObject({
    labelSelector: z.strictObject({ matchLabels: labels.optional(), matchExpressions: z.array(requirement).max(100).optional() }),
    topologyKey: z.literal('kubernetes.io/hostname'),
  });
  const weight = z.number().int().min(1).max(100);
  const podAffinity = z
    .strictObject({
      requiredDuringSchedulingIgnoredDuringExecution: z.array(podTerm).max(100).optional(),
      preferredDuringSchedulingIgnoredDuringExecution: z
        .array(z.strictObject({ weight, podAffinityTerm: podTerm }))
        .max(100)
        .optional(),
    })
    .optional();
  const affinity = z.strictObject({
    nodeAffinity: z
      .strictObject({
        requiredDuringSchedulingIgnoredDuringExecution: z.strictObject({ nodeSelectorTerms: z.array(selectorTerm).min(1).max(100) }).optional(),
        preferredDuringSchedulingIgnoredDuringExecution: z
          .array(z.strictObject({ weight, preference: selectorTerm }))
          .max(100)
          .optional(),
      })
      .optional(),
    podAffinity,
    podAntiAffinity: podAffinity,
  });
  const podSpec = z.strictObject({
    containers: z.array(container).min(1).max(1),
    nodeSelector: labels.optional(),
    affinity: affinity.optional(),
    tolerations: z.array(toleration).max(100),
    nodeName: name.optional(),
    restartPolicy: z.enum(['Always', 'OnFailure', 'Never']),
    terminationGracePeriodSeconds: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    schedulerName: name,
  });
  const selector = z.strictObject({
    matchLabels: labels.optional(),
    matchExpressions: z
      .array(z.strictObject({ key: text(317).min(1), operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']), values: z.array(str).optional() }))
      .optional(),
  });
  const template = z.strictObject({ metadata: z.strictObject({ labels, annotations: annotations.optional() }), spec: podSpec });
  const containerState = z.strictObject({
    state: z.enum(['waiting', 'running', 'terminated']),
    reason: text(200).optional(),
    message: text(2000).optional(),
    ready: z.boolean(),
  });
  const pod = z.strictObject({
    kind: z.literal('Pod'),
    metadata: meta,
    spec: podSpec,
    status: z.strictObject({
      phase: z.enum(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']),
      unschedulable: text(10_000).optional(),
      scheduleTried: z.strictObject({ room: count, at: ms }).optional(),
      hostIP: name.optional(),
      podIP: name.optional(),
      startTime: ms.optional(),
      runtimeId: text(600).optional(),
      image: text(1000).optional(),
      restartCount: count,
      startedAt: ms.optional(),
      lastTermination: z
        .strictObject({ reason: name, exitCode: z.number().int().min(0).max(255), at: ms, startedAt: ms.optional(), image: text(1000).optional() })
        .optional(),
      reason: name.optional(),
      backOffUntil: ms.optional(),
      backOffMs: ms.optional(),
      pullMs: ms.optional(),
      demandMilli: z.number().min(0).max(1e9).optional(),
      container: containerState,
    }),
  });
  const replicaSet = z.strictObject({
    kind: z.literal('ReplicaSet'),
    metadata: meta,
    spec: z.strictObject({ replicas: int, selector, template, minReadySeconds: int }),
    status: z.strictObject({ replicas: count, readyReplicas: count, availableReplicas: count, fullyLabeledReplicas: count, observedGeneration: count }),
  });
  const deployment = z.strictObject({
    kind: z.literal('Deployment'),
    metadata: meta,
    spec: z.strictObject({
      replicas: int,
      selector,
      template,
      strategy: z.union([
        z.strictObject({ type: z.literal('RollingUpdate'), rollingUpdate: z.strictObject({ maxSurge: intOrPercent, maxUnavailable: intOrPercent }) }),
        z.strictObject({ type: z.literal('Recreate') }),
      ]),
      revisionHistoryLimit: int,
      progressDeadlineSeconds: int,
      minReadySeconds: int,
      paused: z.boolean().optional(),
    }),
    status: z.strictObject({
      observedGeneration: count,
      replicas: count,
      updatedReplicas: count,
      readyReplicas: count,
      availableReplicas: count,
      unavailableReplicas: count,
      progressing: z.strictObject({ reason: name, message: text(2000), at: ms }).optional(),
      collisionCount: count.optional(),
    }),
  });
  const service = z.strictObject({
    kind: z.literal('Service'),
    metadata: meta,
    spec: z.strictObject({
      type: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer']),
      selector: labels.optional(),
      ports: z
        .array(
          z.strictObject({
            name: name.optional(),
            protocol: z.enum(['TCP', 'UDP', 'SCTP']),
            port: z.number().int().min(1).max(65535),
            targetPort: z.union([z.number().int().min(0).max(65535), name]),
            nodePort: z.number().int().min(1).max(65535).optional(),
          }),
        )
        .max(1000),
      clusterIP: name,
      sessionAffinity: z.enum(['None', 'ClientIP']),
    }),
    status: z.strictObject({ loadBalancer: z.strictObject({ ingress: z.array(z.strictObject({ ip: name })).optional() }) }),
  });
  const utilization = z.number().int().min(1).max(100_000);
  const hpa = z.strictObject({
    kind: z.literal('HorizontalPodAutoscaler'),
    metadata: meta,
    spec: z.strictObject({
      scaleTargetRef: z.strictObject({ apiVersion: name, kind: name, name }),
      minReplicas: int.min(1),
      maxReplicas: int.min(1),
      metrics: z
        .array(
          z.strictObject({
            type: z.literal('Resource'),
            resource: z.strictObject({
              name: z.enum(['cpu', 'memory']),
              target: z.strictObject({ type: z.literal('Utilization'), averageUtilization: utilization }),
            }),
          }),
        )
        .max(20),
    }),
    status: z.strictObject({
      currentReplicas: count,
      desiredReplicas: count,
      currentMetrics: z.array(z.strictObject({ name: z.enum(['cpu', 'memory']), averageUtilization: z.number().int().min(0).optional() })).max(20),
      lastScaleTime: ms.optional(),
      lastSync: ms.optional(),
      recommendations: z.array(z.strictObject({ at: ms, replicas: count })).max(1000),
      problem: z.strictObject({ reason: name, message: text(2000) }).optional(),
      limited: z.enum(['ScaleDownStabilized', 'ScaleUpLimit', 'TooManyReplicas', 'TooFewReplicas']).optional(),
    }),
  });
  const namespace = z.strictObject({ kind: z.literal('Namespace'), metadata: meta, status: z.strictObject({ phase: z.enum(['Active', 'Terminating']) }) });
  const event = z.strictObject({
    kind: z.literal('Event'),
    metadata: meta,
    involvedObject: z.strictObject({ kind: name, name, namespace: name.optional(), uid: name }),
    reason: name,
    message: text(10_000),
    type: z.enum(['Normal', 'Warning']),
    count: z.number().int().min(1),
    firstTimestamp: ms,
    lastTimestamp: ms,
    source: z.strictObject({ component: name, host: name.optional() }),
  });
  const node = z.strictObject({
    name,
    roles: z.array(name).max(20),
    internalIP: name,
    podSubnet: z.number().int().min(0).max(255),
    createdAt: ms,
    unschedulable: z.boolean(),
    taints: z.array(z.strictObject({ key: name, value: str.optional(), effect })).max(100),
    labels,
    lastHeartbeat: ms,
    notReadySince: ms.optional(),
    lastPodIp: z.number().int().min(1).max(254),
  });
  const cidr = z.string().regex(/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\/\d{1,2}$/, 'an IPv4 network such as 10.96.0.0/12');
  const cluster = z.strictObject({
    settings: z.strictObject({
      name,
      flavour: z.enum(['kubeadm', 'aks']),
      cloud: z.boolean(),
      serviceCidr: cidr,
      podCidr: cidr,
      loadBalancerPool: z
        .string()
        .regex(/^\d{1,3}(\.\d{1,3}){3}-\d{1,3}(\.\d{1,3}){3}$/, 'a range of addresses such as 192.168.1.240-192.168.1.250')
        .optional(),
      maxPods: z.number().int().min(1).max(1000),
    }),
    createdAt: ms,
    nodes: z.array(node).max(5000),
    objects: z.array(z.discriminatedUnion('kind', [pod, replicaSet, deployment, service, namespace, hpa])),
    events: z.array(event),
    nextStartNode: count,
    rng: z.tuple([z.number().int(), z.number().int(), z.number().int(), z.number().int()]),
    roomVersion: count,
  });
  // The next pass may be due past the end of simulated time (the clock then never reaches it).
  return z.strictObject({
    context: name.optional(),
    nextSyncAt: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    clusters: z.array(cluster).max(100),
  });
}
