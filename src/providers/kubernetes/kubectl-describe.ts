// kubectl describe (staging/src/k8s.io/kubectl/pkg/describe/describe.go): the
// object's fields as "Name:\tvalue" lines through one tabwriter (minwidth 0,
// padding 2, so each run of lines aligns on its own), and its Events section;
// a pod that fits nowhere shows kube-scheduler's FailedScheduling there.
import { humanDuration } from '../../orchestrator/age.js';
import { LAST_APPLIED } from '../../orchestrator/api-server.js';
import type { Cluster, NodeState } from '../../orchestrator/cluster.js';
import { minimumAvailable, ownedReplicaSets, revisionOf } from '../../orchestrator/deployment-controller.js';
import { eventsOf } from '../../orchestrator/events.js';
import { matches, selectorText } from '../../orchestrator/labels.js';
import { nodeReady, nodeTaints, podsOn } from '../../orchestrator/nodes.js';
import {
  controllerOf,
  type Deployment,
  type EventObject,
  type HorizontalPodAutoscaler,
  type KubeObject,
  type Pod,
  type PodTemplate,
  type ReplicaSet,
  type Service,
} from '../../orchestrator/objects.js';
import { qosClass } from '../../orchestrator/pod-resources.js';
import { endpointsText } from '../../orchestrator/services.js';
import { bool } from '../cli/flags.js';
import { goTabwriter, runeCount } from '../cli/table.js';
import { SIM_EPOCH_MS } from '../common.js';
import { error, type Kctl, type KubectlCommand, selectorFlag } from './kubectl-context.js';
import { findItem, listItems } from './kubectl-get.js';
import { named, notFound } from './kubectl-target.js';
import { externalIpText } from './printers.js';
import { resourceFor } from './resources.js';

/** Go's RFC1123Z: "Thu, 01 Jan 2026 00:00:00 +0000". */
function rfc1123z(simMs: number): string {
  return new Date(SIM_EPOCH_MS + simMs).toUTCString().replace('GMT', '+0000');
}

/** "app=web\n\t\tpod-template-hash=abc": one per line, as describe's printLabelsMultiline. */
function multiline(map: Readonly<Record<string, string>> | undefined, indent = '\t'): string {
  const entries = Object.entries(map ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  if (entries.length === 0) return '<none>';
  return entries.map(([k, v]) => (v === '' ? k : `${k}=${v}`)).join(`\n${indent}`);
}

/** printAnnotationsMultiline: "key: value" one per line, kubectl's last-applied annotation left out. */
function annotations(map: Readonly<Record<string, string>>, indent = '\t'): string {
  const entries = Object.entries(map)
    .filter(([k]) => k !== LAST_APPLIED)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  if (entries.length === 0) return '<none>';
  return entries.map(([k, v]) => `${k}: ${v}`).join(`\n${indent}`);
}

function eventsSection(cluster: Cluster, uid: string, now: number): string {
  const events = eventsOf(cluster, uid).sort((a, b) => a.firstTimestamp - b.firstTimestamp);
  if (events.length === 0) return 'Events:\t<none>\n';
  let s = 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n  ----\t------\t----\t----\t-------\n';
  for (const e of events) {
    const age =
      e.count > 1
        ? `${humanDuration(now - e.lastTimestamp)} (x${e.count} over ${humanDuration(now - e.firstTimestamp)})`
        : humanDuration(now - e.firstTimestamp);
    // describe.go DescribeEvents: the source's component alone, as kubectl 1.32 prints it.
    s += `  ${e.type}\t${e.reason}\t${age}\t${e.source.component}\t${e.message}\n`;
  }
  return s;
}

function templateSection(t: PodTemplate, indent: string): string {
  let s = `${indent}Labels:\t${multiline(t.metadata.labels, `${indent}\t`)}\n`;
  if (t.metadata.annotations && Object.keys(t.metadata.annotations).length)
    s += `${indent}Annotations:\t${annotations(t.metadata.annotations, `${indent}\t`)}\n`;
  s += `${indent}Containers:\n`;
  for (const c of t.spec.containers) {
    s += `${indent} ${c.name}:\n`;
    s += `${indent}  Image:\t${c.image}\n`;
    const port = c.ports?.[0];
    s += `${indent}  Port:\t${port ? `${port.containerPort}/${port.protocol}` : '<none>'}\n`;
    s += `${indent}  Host Port:\t${port ? `0/${port.protocol}` : '<none>'}\n`;
    if (c.resources.limits)
      s += `${indent}  Limits:\n${Object.entries(c.resources.limits)
        .map(([k, v]) => `${indent}    ${k}:\t${v}\n`)
        .join('')}`;
    if (c.resources.requests)
      s += `${indent}  Requests:\n${Object.entries(c.resources.requests)
        .map(([k, v]) => `${indent}    ${k}:\t${v}\n`)
        .join('')}`;
    s += `${indent}  Environment:\t<none>\n${indent}  Mounts:\t<none>\n`;
  }
  s += `${indent}Volumes:\t<none>\n${indent}Node-Selectors:\t${multiline(t.spec.nodeSelector, `${indent}\t`)}\n`;
  s += `${indent}Tolerations:\t${t.spec.tolerations.length ? t.spec.tolerations.map(tolerationText).join(`\n${indent}\t`) : '<none>'}\n`;
  return s;
}

function tolerationText(t: Pod['spec']['tolerations'][number]): string {
  const key = t.key ?? '';
  const op = t.operator === 'Exists' ? ' op=Exists' : '';
  const value = t.value ? `=${t.value}` : '';
  return `${key}${value}${t.effect ? `:${t.effect}` : ''}${op}${t.tolerationSeconds !== undefined ? ` for ${t.tolerationSeconds}s` : ''}`;
}

function describePod(cluster: Cluster, p: Pod, now: number): string {
  const node = p.spec.nodeName ? cluster.node(p.spec.nodeName) : undefined;
  const owner = controllerOf(p.metadata);
  const c = p.spec.containers[0];
  const s = p.status;
  let out = `Name:\t${p.metadata.name}\nNamespace:\t${p.metadata.namespace}\nPriority:\t0\nService Account:\tdefault\n`;
  out += `Node:\t${node ? `${node.name}/${node.internalIP}` : '<none>'}\n`;
  if (s.startTime !== undefined) out += `Start Time:\t${rfc1123z(s.startTime)}\n`;
  out += `Labels:\t${multiline(p.metadata.labels)}\nAnnotations:\t${annotations(p.metadata.annotations)}\n`;
  out += `Status:\t${p.metadata.deletionTimestamp !== undefined ? 'Terminating' : s.phase}`;
  out += p.metadata.deletionTimestamp !== undefined ? ` (lasts ${humanDuration(now - p.metadata.deletionTimestamp)})\n` : '\n';
  if (p.metadata.deletionTimestamp !== undefined) out += `Termination Grace Period:\t${p.metadata.deletionGracePeriodSeconds ?? 30}s\n`;
  out += `IP:\t${s.podIP ?? ''}\nIPs:${s.podIP ? `\n  IP:\t${s.podIP}` : '\t<none>'}\n`;
  if (owner) out += `Controlled By:\t${owner.kind}/${owner.name}\n`;
  out += `Containers:\n  ${c.name}:\n`;
  if (s.runtimeId) out += `    Container ID:\tdocker://${s.runtimeId.split('/').pop()}\n`;
  out += `    Image:\t${c.image}\n`;
  const port = c.ports?.[0];
  out += `    Port:\t${port ? `${port.containerPort}/${port.protocol}` : '<none>'}\n    Host Port:\t${port ? `0/${port.protocol}` : '<none>'}\n`;
  const st = s.container;
  if (st.state === 'running' && s.startedAt !== undefined) out += `    State:\tRunning\n      Started:\t${rfc1123z(s.startedAt)}\n`;
  else if (st.state === 'terminated' && s.lastTermination)
    out += `    State:\tTerminated\n      Reason:\t${s.lastTermination.reason}\n      Exit Code:\t${s.lastTermination.exitCode}\n      Finished:\t${rfc1123z(s.lastTermination.at)}\n`;
  else out += `    State:\tWaiting\n      Reason:\t${st.reason ?? 'ContainerCreating'}\n`;
  if (s.lastTermination && s.restartCount > 0 && st.state !== 'terminated')
    out += `    Last State:\tTerminated\n      Reason:\t${s.lastTermination.reason}\n      Exit Code:\t${s.lastTermination.exitCode}\n      Finished:\t${rfc1123z(s.lastTermination.at)}\n`;
  if (c.resources.limits)
    out += `    Limits:\n${Object.entries(c.resources.limits)
      .map(([k, v]) => `      ${k}:\t${v}\n`)
      .join('')}`;
  if (c.resources.requests)
    out += `    Requests:\n${Object.entries(c.resources.requests)
      .map(([k, v]) => `      ${k}:\t${v}\n`)
      .join('')}`;
  out += `    Ready:\t${st.ready ? 'True' : 'False'}\n    Restart Count:\t${s.restartCount}\n    Environment:\t<none>\n    Mounts:\t<none>\n`;
  const scheduled = p.spec.nodeName !== undefined;
  out += 'Conditions:\n  Type\tStatus\n';
  if (scheduled) {
    out += `  PodReadyToStartContainers \tTrue \n  Initialized \tTrue \n  Ready \t${st.ready ? 'True' : 'False'} \n  ContainersReady \t${st.ready ? 'True' : 'False'} \n  PodScheduled \tTrue \n`;
  } else out += '  PodScheduled \tFalse \n';
  out += `Volumes:\t<none>\nQoS Class:\t${qosClass(p)}\nNode-Selectors:\t${multiline(p.spec.nodeSelector)}\n`;
  out += `Tolerations:\t${p.spec.tolerations.length ? p.spec.tolerations.map(tolerationText).join('\n\t') : '<none>'}\n`;
  return out + eventsSection(cluster, p.metadata.uid, now);
}

function strategyText(d: Deployment): string {
  return d.spec.strategy.type === 'RollingUpdate'
    ? `${d.spec.strategy.rollingUpdate.maxUnavailable} max unavailable, ${d.spec.strategy.rollingUpdate.maxSurge} max surge`
    : '';
}

function describeDeployment(cluster: Cluster, d: Deployment, now: number): string {
  const s = d.status;
  let out = `Name:\t${d.metadata.name}\nNamespace:\t${d.metadata.namespace}\nCreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`;
  out += `Labels:\t${multiline(d.metadata.labels)}\nAnnotations:\t${annotations(d.metadata.annotations)}\nSelector:\t${selectorText(d.spec.selector)}\n`;
  out += `Replicas:\t${d.spec.replicas} desired | ${s.updatedReplicas} updated | ${s.replicas} total | ${s.availableReplicas} available | ${s.unavailableReplicas} unavailable\n`;
  out += `StrategyType:\t${d.spec.strategy.type}\nMinReadySeconds:\t${d.spec.minReadySeconds}\n`;
  if (d.spec.strategy.type === 'RollingUpdate') out += `RollingUpdateStrategy:\t${strategyText(d)}\n`;
  out += `Pod Template:\n${templateSection(d.spec.template, '  ')}`;
  out += 'Conditions:\n  Type\tStatus\tReason\n  ----\t------\t------\n';
  const available = minimumAvailable(d);
  out += `  Available \t${available ? 'True' : 'False'} \t${available ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable'}\n`;
  if (s.progressing)
    out += `  Progressing \t${s.progressing.reason === 'ProgressDeadlineExceeded' ? 'False' : d.spec.paused ? 'Unknown' : 'True'} \t${s.progressing.reason}\n`;
  const sets = ownedReplicaSets(cluster, d);
  const newest = sets.reduce((a: ReplicaSet | undefined, rs) => (!a || revisionOf(rs) > revisionOf(a) ? rs : a), undefined);
  const old = sets.filter((rs) => rs !== newest && (rs.spec.replicas > 0 || rs.status.replicas > 0));
  const rsText = (rs: ReplicaSet) => `${rs.metadata.name} (${rs.status.replicas}/${rs.spec.replicas} replicas created)`;
  out += `OldReplicaSets:\t${old.length ? old.map(rsText).join(', ') : '<none>'}\nNewReplicaSet:\t${newest ? rsText(newest) : '<none>'}\n`;
  return out + eventsSection(cluster, d.metadata.uid, now);
}

function describeReplicaSet(cluster: Cluster, rs: ReplicaSet, now: number): string {
  const owner = controllerOf(rs.metadata);
  const pods = listItems(cluster, 'pods', rs.metadata.namespace).flatMap((i) =>
    'object' in i && i.object.kind === 'Pod' && controllerOf(i.object.metadata)?.uid === rs.metadata.uid ? [i.object] : [],
  );
  const count = (phase: string) => pods.filter((p) => p.status.phase === phase).length;
  let out = `Name:\t${rs.metadata.name}\nNamespace:\t${rs.metadata.namespace}\nSelector:\t${selectorText(rs.spec.selector)}\n`;
  out += `Labels:\t${multiline(rs.metadata.labels)}\nAnnotations:\t${annotations(rs.metadata.annotations)}\n`;
  if (owner) out += `Controlled By:\t${owner.kind}/${owner.name}\n`;
  out += `Replicas:\t${rs.status.replicas} current / ${rs.spec.replicas} desired\n`;
  out += `Pods Status:\t${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed\n`;
  out += `Pod Template:\n${templateSection(rs.spec.template, '  ')}`;
  return out + eventsSection(cluster, rs.metadata.uid, now);
}

function describeService(cluster: Cluster, svc: Service, now: number): string {
  let out = `Name:\t${svc.metadata.name}\nNamespace:\t${svc.metadata.namespace}\nLabels:\t${multiline(svc.metadata.labels)}\nAnnotations:\t${annotations(svc.metadata.annotations)}\n`;
  out += `Selector:\t${
    svc.spec.selector
      ? Object.entries(svc.spec.selector)
          .map(([k, v]) => `${k}=${v}`)
          .sort()
          .join(',')
      : '<none>'
  }\n`;
  out += `Type:\t${svc.spec.type}\nIP Family Policy:\tSingleStack\nIP Families:\tIPv4\nIP:\t${svc.spec.clusterIP}\nIPs:\t${svc.spec.clusterIP}\n`;
  if (svc.spec.type === 'LoadBalancer' && svc.status.loadBalancer.ingress?.length) out += `LoadBalancer Ingress:\t${externalIpText(svc)}\n`;
  for (const p of svc.spec.ports) {
    out += `Port:\t${p.name ?? '<unset>'}\t${p.port}/${p.protocol}\n`;
    out += `TargetPort:\t${p.targetPort}/${p.protocol}\n`;
    if (p.nodePort) out += `NodePort:\t${p.name ?? '<unset>'}\t${p.nodePort}/${p.protocol}\n`;
    out += `Endpoints:\t${endpointsText(cluster, svc) === '<none>' ? '' : endpointsText(cluster, svc)}\n`;
  }
  out += `Session Affinity:\t${svc.spec.sessionAffinity}\n`;
  if (svc.spec.type !== 'ClusterIP') out += 'External Traffic Policy:\tCluster\n';
  out += 'Internal Traffic Policy:\tCluster\n';
  return out + eventsSection(cluster, svc.metadata.uid, now);
}

function describeNode(cluster: Cluster, n: NodeState, k: Kctl): string {
  const host = k.ctx.runtime.host(n.name);
  const pods = podsOn(cluster, n.name).filter((p) => p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed');
  const taints = nodeTaints(n);
  let out = `Name:\t${n.name}\nRoles:\t${n.roles.length ? n.roles.join(',') : '<none>'}\nLabels:\t${multiline(n.labels)}\n`;
  out += `CreationTimestamp:\t${rfc1123z(n.createdAt)}\nTaints:\t${taints.length ? taints.map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`).join('\n\t') : '<none>'}\n`;
  out += `Unschedulable:\t${n.unschedulable ? 'true' : 'false'}\n`;
  out +=
    'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n  ----\t------\t-----------------\t------------------\t------\t-------\n';
  const ready = nodeReady(n);
  out +=
    `  Ready \t${ready ? 'True' : 'Unknown'} \t${rfc1123z(n.lastHeartbeat)} \t${rfc1123z(n.notReadySince ?? n.createdAt)} ` +
    `\t${ready ? 'KubeletReady' : 'NodeStatusUnknown'} \t${ready ? 'kubelet is posting ready status' : 'Kubelet stopped posting node status.'}\n`;
  out += `Addresses:\n  InternalIP:\t${n.internalIP}\n  Hostname:\t${n.name}\n`;
  if (host) out += `Capacity:\n  cpu:\t${host.milliCpu / 1000}\n  memory:\t${Math.round(host.memory / 1024)}Ki\n  pods:\t${cluster.data.settings.maxPods}\n`;
  out += `PodCIDR:\t${cluster.data.settings.podCidr.split('.').slice(0, 2).join('.')}.${n.podSubnet}.0/24\n`;
  out +=
    `Non-terminated Pods:\t(${pods.length} in total)\n  Namespace\tName\tCPU Requests\tCPU Limits\tMemory ` +
    `Requests\tMemory Limits\tAge\n  ---------\t----\t------------\t----------\t---------------\t-------------\t---\n`;
  for (const p of pods) {
    const c = p.spec.containers[0];
    out +=
      `  ${p.metadata.namespace}\t${p.metadata.name}\t${c.resources.requests?.cpu ?? '0'} (0%)\t${c.resources.limits?.cpu ?? '0'} ` +
      `(0%)\t${c.resources.requests?.memory ?? '0'} (0%)\t${c.resources.limits?.memory ?? '0'} (0%)\t${humanDuration(k.now - p.metadata.creationTimestamp)}\n`;
  }
  return out + eventsSection(cluster, n.name, k.now);
}

function describeHpa(cluster: Cluster, h: HorizontalPodAutoscaler, now: number): string {
  const ref = h.spec.scaleTargetRef;
  let out = `Name:\t${h.metadata.name}\nNamespace:\t${h.metadata.namespace}\nLabels:\t${multiline(h.metadata.labels)}\n`;
  out += `Annotations:\t${annotations(h.metadata.annotations)}\nCreationTimestamp:\t${rfc1123z(h.metadata.creationTimestamp)}\nReference:\t${ref.kind}/${ref.name}\n`;
  out += 'Metrics:\t( current / target )\n';
  for (const m of h.spec.metrics) {
    const cur = h.status.currentMetrics.find((c) => c.name === m.resource.name)?.averageUtilization;
    out += `  resource ${m.resource.name} on pods  (as a percentage of request):\t${cur === undefined ? '<unknown>' : `${cur}%`} / ${m.resource.target.averageUtilization}%\n`;
  }
  out += `Min replicas:\t${h.spec.minReplicas}\nMax replicas:\t${h.spec.maxReplicas}\n`;
  out += `${ref.kind} pods:\t${h.status.currentReplicas} current / ${h.status.desiredReplicas} desired\n`;
  out += 'Conditions:\n  Type\tStatus\tReason\tMessage\n  ----\t------\t------\t-------\n';
  // horizontal.go's condition messages, word for word.
  const settled = h.status.currentReplicas === h.status.desiredReplicas;
  const lim = h.status.limited;
  const able =
    h.status.problem?.reason === 'FailedGetScale'
      ? `False\tFailedGetScale\tthe HPA controller was unable to get the target's current scale: ${h.status.problem.message}`
      : lim === 'ScaleDownStabilized'
        ? 'True\tScaleDownStabilized\trecent recommendations were higher than current one, applying the highest recent recommendation'
        : h.status.problem
          ? "True\tSucceededGetScale\tthe HPA controller was able to get the target's current scale"
          : settled
            ? 'True\tReadyForNewScale\trecommended size matches current size'
            : `True\tSucceededRescale\tthe HPA controller was able to update the target scale to ${h.status.desiredReplicas}`;
  out += `  AbleToScale\t${able}\n`;
  const p = h.status.problem;
  const computing = p?.reason === 'FailedGetResourceMetric' || p?.reason === 'FailedGetScale';
  if (p) out += `  ScalingActive\tFalse\t${p.reason}\t${computing ? 'the HPA was unable to compute the replica count: ' : ''}${p.message}\n`;
  else
    out +=
      `  ScalingActive\tTrue\tValidMetricFound\tthe HPA was able to successfully calculate a replica count ` +
      `from ${h.spec.metrics[0]?.resource.name ?? 'cpu'} resource utilization (percentage of request)\n`;
  const why: Record<string, string> = {
    TooManyReplicas: 'the desired replica count is more than the maximum replica count',
    TooFewReplicas: 'the desired replica count is less than the minimum replica count',
    ScaleUpLimit: 'the desired replica count is increasing faster than the maximum scale rate',
  };
  // Without a recommendation (a metric it could not read) ScalingLimited is not said.
  if (!h.status.problem || h.status.problem.reason === 'ScalingDisabled')
    out +=
      lim && lim !== 'ScaleDownStabilized'
        ? `  ScalingLimited\tTrue\t${lim}\t${why[lim]}\n`
        : '  ScalingLimited\tFalse\tDesiredWithinRange\tthe desired count is within the acceptable range\n';
  return out + eventsSection(cluster, h.metadata.uid, now);
}

function describeEvent(e: EventObject): string {
  return (
    `Name:\t${e.metadata.name}\nNamespace:\t${e.metadata.namespace}\nLabels:\t<none>\nAnnotations:\t<none>\nAPI Version:\tv1\nCount:\t${e.count}\n` +
    `First Timestamp:\t${rfc1123z(e.firstTimestamp)}\nInvolved Object:\n  Kind:\t${e.involvedObject.kind}\n  Name:\t${e.involvedObject.name}\n` +
    `Kind:\tEvent\nLast Timestamp:\t${rfc1123z(e.lastTimestamp)}\nMessage:\t${e.message}\nReason:\t${e.reason}\n` +
    `Source:\n  Component:\t${e.source.component}\nType:\t${e.type}\nEvents:\t<none>\n`
  );
}

/** describe.go EndpointsDescriber: the service's ready addresses and its ports. */
function describeEndpoints(cluster: Cluster, svc: Service): string {
  const text = endpointsText(cluster, svc);
  const addrs = text === '<none>' ? '<none>' : [...new Set(text.split(',').map((a) => a.split(':')[0]))].join(',');
  let out = `Name:\t${svc.metadata.name}\nNamespace:\t${svc.metadata.namespace}\nLabels:\t${multiline(svc.metadata.labels)}\nAnnotations:\t<none>\n`;
  out += `Subsets:\n  Addresses:\t${addrs}\n  NotReadyAddresses:\t<none>\n  Ports:\n    Name\tPort\tProtocol\n    ----\t----\t--------\n`;
  for (const p of svc.spec.ports) out += `    ${p.name ?? '<unset>'}\t${typeof p.targetPort === 'number' ? p.targetPort : p.port}\t${p.protocol}\n`;
  return `${out}\nEvents:\t<none>\n`;
}

function describeOne(k: Kctl, o: KubeObject): string {
  switch (o.kind) {
    case 'Pod':
      return describePod(k.cluster, o, k.now);
    case 'Deployment':
      return describeDeployment(k.cluster, o, k.now);
    case 'ReplicaSet':
      return describeReplicaSet(k.cluster, o, k.now);
    case 'Service':
      return describeService(k.cluster, o, k.now);
    case 'HorizontalPodAutoscaler':
      return describeHpa(k.cluster, o, k.now);
    case 'Namespace':
      return `Name:\t${o.metadata.name}\nLabels:\t${multiline(o.metadata.labels)}\nAnnotations:\t<none>\nStatus:\t${o.status.phase}\n\nNo resource quota.\n\nNo LimitRange resource.\n`;
  }
}

export const describe: KubectlCommand = {
  short: 'Show details of a specific resource or group of resources',
  flags: { selector: { type: 'string', aliases: ['l'] }, 'all-namespaces': { type: 'boolean', aliases: ['A'] }, 'show-events': { type: 'boolean' } },
  run(k) {
    const p = k.flags.positionals;
    if (p.length === 0) return error('Required resource not specified.');
    let items: ReturnType<typeof listItems> = [];
    let err = '';
    if (p.length === 1 && !p[0].includes('/')) {
      const info = resourceFor(p[0]);
      if (!info) return error(`the server doesn't have a resource type "${p[0]}"`);
      const selector = selectorFlag(k);
      if (!selector.ok) return selector.result;
      const requirements = selector.value;
      const all = bool(k.flags, 'all-namespaces');
      items = listItems(k.cluster, info.type, info.namespaced && !all ? k.namespace : undefined).filter((i) => matches(requirements, i.labels));
      if (items.length === 0)
        return {
          exitCode: 0,
          stdout: '',
          stderr: all || !info.namespaced ? 'No resources found\n' : `No resources found in ${k.namespace} namespace.\n`,
          changed: false,
        };
    } else {
      const refs = named(p);
      if (!refs.ok) return error(refs.message);
      for (const r of refs.refs) {
        // describe takes a name prefix when no object has the exact name (describe.go's fallback).
        const exact = findItem(k.cluster, r.info.type, k.namespace, r.name);
        const found = exact ? [exact] : listItems(k.cluster, r.info.type, r.info.namespaced ? k.namespace : undefined).filter((i) => i.name.startsWith(r.name));
        if (found.length === 0) err += `${notFound(r.info, r.name)}\n`;
        items.push(...found);
      }
    }
    const texts = items.map((i) => {
      const text =
        'node' in i
          ? describeNode(k.cluster, i.node, k)
          : 'event' in i
            ? describeEvent(i.event)
            : i.type === 'endpoints' && i.object.kind === 'Service'
              ? describeEndpoints(k.cluster, i.object)
              : describeOne(k, i.object);
      return goTabwriter(
        text
          .replace(/\n$/, '')
          .split('\n')
          .map((l) => l.split('\t')),
        { minWidth: 0, padding: 2, width: runeCount },
      );
    });
    return { exitCode: err ? 1 : 0, stdout: texts.join('\n\n'), stderr: err, changed: false };
  },
};
