// Objects as the API serves them (`kubectl get -o yaml|json`): apiVersion and
// kind first, times in RFC 3339, status in the API's own shape (a pod's
// conditions and containerStatuses, a node's conditions and addresses).
import { type Cluster, KUBERNETES_VERSION, type NodeState } from '../../orchestrator/cluster.js';
import { minimumAvailable } from '../../orchestrator/deployment-controller.js';
import { nodeReady, nodeTaints } from '../../orchestrator/nodes.js';
import { API_VERSION, type EventObject, type KubeObject, type ObjectMeta, type Pod } from '../../orchestrator/objects.js';
import { qosClass } from '../../orchestrator/pod-resources.js';
import { SIM_EPOCH_MS } from '../common.js';
import { NODE_OS } from './printers.js';

type Json = Record<string, unknown>;

/** metav1.Time: RFC 3339 to the second, in UTC. */
export function rfc3339(simMs: number): string {
  return new Date(SIM_EPOCH_MS + simMs).toISOString().replace(/\.\d+Z$/, 'Z');
}

function meta(m: ObjectMeta): Json {
  return {
    ...(Object.keys(m.annotations).length ? { annotations: { ...m.annotations } } : {}),
    creationTimestamp: rfc3339(m.creationTimestamp),
    ...(m.deletionGracePeriodSeconds !== undefined ? { deletionGracePeriodSeconds: m.deletionGracePeriodSeconds } : {}),
    ...(m.deletionTimestamp !== undefined ? { deletionTimestamp: rfc3339(m.deletionTimestamp) } : {}),
    ...(m.generateName ? { generateName: m.generateName } : {}),
    ...(m.generation !== undefined ? { generation: m.generation } : {}),
    ...(Object.keys(m.labels).length ? { labels: { ...m.labels } } : {}),
    name: m.name,
    ...(m.namespace !== undefined ? { namespace: m.namespace } : {}),
    ...(m.ownerReferences?.length ? { ownerReferences: m.ownerReferences.map((o) => ({ ...o })) } : {}),
    uid: m.uid,
  };
}

function condition(type: string, ok: boolean, at: number, reason?: string, message?: string): Json {
  return {
    lastProbeTime: null,
    lastTransitionTime: rfc3339(at),
    ...(message ? { message } : {}),
    ...(reason ? { reason } : {}),
    status: ok ? 'True' : 'False',
    type,
  };
}

function podStatus(p: Pod): Json {
  const s = p.status;
  const c = s.container;
  const scheduled = p.spec.nodeName !== undefined;
  const at = s.startTime ?? p.metadata.creationTimestamp;
  const state =
    c.state === 'running' && s.startedAt !== undefined
      ? { running: { startedAt: rfc3339(s.startedAt) } }
      : c.state === 'terminated' && s.lastTermination
        ? { terminated: { exitCode: s.lastTermination.exitCode, reason: s.lastTermination.reason, finishedAt: rfc3339(s.lastTermination.at) } }
        : { waiting: { ...(c.message ? { message: c.message } : {}), reason: c.reason ?? 'ContainerCreating' } };
  return {
    conditions: scheduled
      ? [
          condition('Initialized', true, at),
          condition('Ready', c.ready, at),
          condition('ContainersReady', c.ready, at),
          condition('PodScheduled', true, p.metadata.creationTimestamp),
        ]
      : [condition('PodScheduled', false, p.metadata.creationTimestamp, s.unschedulable ? 'Unschedulable' : undefined, s.unschedulable)],
    ...(s.runtimeId
      ? {
          containerStatuses: [
            {
              image: p.spec.containers[0].image,
              ...(s.lastTermination && s.restartCount > 0
                ? {
                    lastState: {
                      terminated: { exitCode: s.lastTermination.exitCode, reason: s.lastTermination.reason, finishedAt: rfc3339(s.lastTermination.at) },
                    },
                  }
                : { lastState: {} }),
              name: p.spec.containers[0].name,
              ready: c.ready,
              restartCount: s.restartCount,
              started: c.state === 'running',
              state,
            },
          ],
        }
      : {}),
    ...(s.hostIP ? { hostIP: s.hostIP } : {}),
    phase: s.phase,
    ...(s.podIP ? { podIP: s.podIP, podIPs: [{ ip: s.podIP }] } : {}),
    qosClass: qosClass(p),
    ...(s.startTime !== undefined ? { startTime: rfc3339(s.startTime) } : {}),
  };
}

function statusOf(o: KubeObject): unknown {
  switch (o.kind) {
    case 'Pod':
      return podStatus(o);
    case 'Deployment': {
      const { progressing, collisionCount, ...rest } = o.status;
      return {
        ...rest,
        ...(collisionCount ? { collisionCount } : {}),
        conditions: [
          condition(
            'Available',
            minimumAvailable(o),
            o.metadata.creationTimestamp,
            minimumAvailable(o) ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
            minimumAvailable(o) ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.',
          ),
          ...(progressing
            ? [condition('Progressing', progressing.reason !== 'ProgressDeadlineExceeded', progressing.at, progressing.reason, progressing.message)]
            : []),
        ],
      };
    }
    case 'HorizontalPodAutoscaler': {
      // autoscaling/v2's status; the controller's own bookkeeping (its last pass, its window) stays out.
      const s = o.status;
      return {
        currentMetrics: s.currentMetrics
          .filter((m) => m.averageUtilization !== undefined)
          .map((m) => ({ resource: { current: { averageUtilization: m.averageUtilization }, name: m.name }, type: 'Resource' })),
        currentReplicas: s.currentReplicas,
        desiredReplicas: s.desiredReplicas,
        ...(s.lastScaleTime !== undefined ? { lastScaleTime: rfc3339(s.lastScaleTime) } : {}),
      };
    }
    default:
      return 'status' in o ? o.status : undefined;
  }
}

export function apiObject(o: KubeObject): Json {
  const spec = 'spec' in o ? structuredClone(o.spec) : undefined;
  const out: Json = { apiVersion: API_VERSION[o.kind], kind: o.kind, metadata: meta(o.metadata) };
  if (spec !== undefined) out.spec = spec;
  const status = statusOf(o);
  if (status !== undefined) out.status = JSON.parse(JSON.stringify(status));
  return out;
}

export function apiNode(n: NodeState, cluster: Cluster): Json {
  const ready = nodeReady(n);
  const taints = nodeTaints(n);
  const since = n.notReadySince ?? n.createdAt;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { creationTimestamp: rfc3339(n.createdAt), labels: { ...n.labels }, name: n.name, uid: n.name },
    spec: {
      podCIDR: `${cluster.data.settings.podCidr.split('.').slice(0, 2).join('.')}.${n.podSubnet}.0/24`,
      ...(taints.length ? { taints: taints.map((t) => ({ ...t, ...(t.key.startsWith('node.kubernetes.io/') ? { timeAdded: rfc3339(since) } : {}) })) } : {}),
      ...(n.unschedulable ? { unschedulable: true } : {}),
    },
    status: {
      addresses: [
        { address: n.internalIP, type: 'InternalIP' },
        { address: n.name, type: 'Hostname' },
      ],
      conditions: [
        {
          lastHeartbeatTime: rfc3339(n.lastHeartbeat),
          lastTransitionTime: rfc3339(since),
          message: ready ? 'kubelet is posting ready status' : 'Kubelet stopped posting node status.',
          reason: ready ? 'KubeletReady' : 'NodeStatusUnknown',
          status: ready ? 'True' : 'Unknown',
          type: 'Ready',
        },
      ],
      nodeInfo: {
        architecture: 'amd64',
        containerRuntimeVersion: NODE_OS[cluster.data.settings.flavour].runtime,
        kernelVersion: NODE_OS[cluster.data.settings.flavour].kernel,
        kubeletVersion: KUBERNETES_VERSION,
        operatingSystem: 'linux',
        osImage: NODE_OS[cluster.data.settings.flavour].image,
      },
    },
  };
}

export function apiEvent(e: EventObject): Json {
  return {
    apiVersion: 'v1',
    count: e.count,
    firstTimestamp: rfc3339(e.firstTimestamp),
    involvedObject: { ...e.involvedObject },
    kind: 'Event',
    lastTimestamp: rfc3339(e.lastTimestamp),
    message: e.message,
    metadata: meta(e.metadata),
    reason: e.reason,
    source: { ...e.source },
    type: e.type,
  };
}

/** Several objects as kubectl prints them together: a v1 List. */
export function apiList(items: Json[]): Json {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}
