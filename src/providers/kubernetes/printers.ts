// kubectl's tables (pkg/printers/internalversion printers.go: the column
// definitions of each type, and -o wide's extra ones), laid out by its
// tabwriter. Each type's row is a pure function of the object and the time.

import { humanDuration } from '../../orchestrator/age.js';
import type { ClusterFlavour } from '../../orchestrator/allocatable.js';
import { type Cluster, KUBERNETES_VERSION, type NodeState } from '../../orchestrator/cluster.js';
import { selectorText } from '../../orchestrator/labels.js';
import { nodeReady } from '../../orchestrator/nodes.js';
import type { Deployment, EventObject, HorizontalPodAutoscaler, Namespace, Pod, ReplicaSet, Service } from '../../orchestrator/objects.js';
import { endpointsText } from '../../orchestrator/services.js';
import { goTabwriter, runeCount } from '../cli/table.js';
import { DOCKER_HOST_OS } from '../docker/defaults.js';
import { podReadyText, podRestartsText, podStatusText } from './pod-status.js';
import type { ResourceType } from './resources.js';

export interface Columns {
  readonly headers: readonly string[];
  readonly wide: readonly string[];
}

export const COLUMNS: Readonly<Record<ResourceType, Columns>> = {
  pods: { headers: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'], wide: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'] },
  deployments: { headers: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'], wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'] },
  replicasets: { headers: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'], wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'] },
  services: { headers: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'], wide: ['SELECTOR'] },
  endpoints: { headers: ['NAME', 'ENDPOINTS', 'AGE'], wide: [] },
  nodes: {
    headers: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
    wide: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
  },
  namespaces: { headers: ['NAME', 'STATUS', 'AGE'], wide: [] },
  events: { headers: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'], wide: [] },
  horizontalpodautoscalers: { headers: ['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE'], wide: [] },
};

/**
 * What the nodes' OS columns say: a kubeadm node runs the estate's Docker host
 * image (cri-dockerd); an AKS node AKS's Ubuntu 22.04 node image with containerd.
 */
export const NODE_OS: Readonly<Record<ClusterFlavour, { image: string; kernel: string; runtime: string }>> = {
  kubeadm: DOCKER_HOST_OS,
  aks: { image: 'Ubuntu 22.04.5 LTS', kernel: '5.15.0-1079-azure', runtime: 'containerd://1.7.25-1' },
};

const age = (t: number, now: number) => humanDuration(now - t);

function containersOf(template: { spec: { containers: { name: string; image: string }[] } }): string[] {
  return [template.spec.containers.map((c) => c.name).join(','), template.spec.containers.map((c) => c.image).join(',')];
}

export function podRow(p: Pod, now: number, wide: boolean): string[] {
  const row = [p.metadata.name, podReadyText(p), podStatusText(p), podRestartsText(p, now), age(p.metadata.creationTimestamp, now)];
  if (wide) row.push(p.status.podIP ?? '<none>', p.spec.nodeName ?? '<none>', '<none>', '<none>');
  return row;
}

export function deploymentRow(d: Deployment, now: number, wide: boolean): string[] {
  const row = [
    d.metadata.name,
    `${d.status.readyReplicas}/${d.spec.replicas}`,
    String(d.status.updatedReplicas),
    String(d.status.availableReplicas),
    age(d.metadata.creationTimestamp, now),
  ];
  if (wide) row.push(...containersOf(d.spec.template), selectorText(d.spec.selector));
  return row;
}

export function replicaSetRow(rs: ReplicaSet, now: number, wide: boolean): string[] {
  const row = [
    rs.metadata.name,
    String(rs.spec.replicas),
    String(rs.status.replicas),
    String(rs.status.readyReplicas),
    age(rs.metadata.creationTimestamp, now),
  ];
  if (wide) row.push(...containersOf(rs.spec.template), selectorText(rs.spec.selector));
  return row;
}

/** "80:31380/TCP,443/TCP" (printers.go makePortString). */
export function portsText(s: Service): string {
  return s.spec.ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol}`).join(',') || '<none>';
}

export function externalIpText(s: Service): string {
  if (s.spec.type === 'LoadBalancer') return s.status.loadBalancer.ingress?.map((i) => i.ip).join(',') || '<pending>';
  return '<none>';
}

export function serviceRow(s: Service, now: number, wide: boolean): string[] {
  const row = [s.metadata.name, s.spec.type, s.spec.clusterIP, externalIpText(s), portsText(s), age(s.metadata.creationTimestamp, now)];
  if (wide)
    row.push(
      s.spec.selector && Object.keys(s.spec.selector).length
        ? Object.entries(s.spec.selector)
            .map(([k, v]) => `${k}=${v}`)
            .sort()
            .join(',')
        : '<none>',
    );
  return row;
}

/** printers.go formatHPAMetrics: "cpu: 45%/50%", "<unknown>" until a value is known, "+ N more..." past two. */
export function hpaTargetsText(h: HorizontalPodAutoscaler): string {
  const parts = h.spec.metrics.map((m) => {
    const cur = h.status.currentMetrics.find((c) => c.name === m.resource.name)?.averageUtilization;
    return `${m.resource.name}: ${cur === undefined ? '<unknown>' : `${cur}%`}/${m.resource.target.averageUtilization}%`;
  });
  if (parts.length === 0) return '<none>';
  return parts.length > 2 ? `${parts.slice(0, 2).join(', ')} + ${parts.length - 2} more...` : parts.join(', ');
}

export function hpaRow(h: HorizontalPodAutoscaler, now: number): string[] {
  return [
    h.metadata.name,
    `${h.spec.scaleTargetRef.kind}/${h.spec.scaleTargetRef.name}`,
    hpaTargetsText(h),
    String(h.spec.minReplicas),
    String(h.spec.maxReplicas),
    String(h.status.currentReplicas),
    age(h.metadata.creationTimestamp, now),
  ];
}

export function nodeStatusText(n: NodeState): string {
  return `${nodeReady(n) ? 'Ready' : 'NotReady'}${n.unschedulable ? ',SchedulingDisabled' : ''}`;
}

export function nodeRow(n: NodeState, now: number, wide: boolean, flavour: ClusterFlavour = 'kubeadm'): string[] {
  const row = [n.name, nodeStatusText(n), n.roles.length ? [...n.roles].sort().join(',') : '<none>', age(n.createdAt, now), KUBERNETES_VERSION];
  const os = NODE_OS[flavour];
  if (wide) row.push(n.internalIP, '<none>', os.image, os.kernel, os.runtime);
  return row;
}

export function namespaceRow(ns: Namespace, now: number): string[] {
  return [ns.metadata.name, ns.status.phase, age(ns.metadata.creationTimestamp, now)];
}

export function eventRow(e: EventObject, now: number): string[] {
  return [age(e.lastTimestamp, now), e.type, e.reason, `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}`, e.message];
}

export function endpointsRow(cluster: Cluster, s: Service, now: number): string[] {
  return [s.metadata.name, endpointsText(cluster, s), age(s.metadata.creationTimestamp, now)];
}

/** A table as kubectl prints it. */
export function kubectlTable(headers: readonly string[], rows: readonly (readonly string[])[], noHeaders = false): string {
  return goTabwriter(noHeaders ? rows : [headers, ...rows], { minWidth: 6, padding: 3, width: runeCount });
}

/** The tabwriter kubectl's describe and rollout history write through (tabwriter.NewWriter(out, 0, 8, 2, ' ', 0)). */
export function tabbed(lines: readonly (readonly string[])[]): string {
  return goTabwriter(lines, { minWidth: 0, padding: 2, width: runeCount });
}
