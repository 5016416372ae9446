// The owner tree k9s users know from its xray view: a Deployment, its
// ReplicaSets (newest revision first), their pods, the node each pod is on, and
// the host of the estate under that node (and, for a host inside a VM, where
// that VM runs). Each line is plain text for the output panel.
import type { Estate } from '../../estate/estate.js';
import { ownedReplicaSets, revisionOf } from '../../orchestrator/deployment-controller.js';
import type { Deployment } from '../../orchestrator/objects.js';
import { ownedPods } from '../../orchestrator/replicaset-controller.js';
import { podReadyText, podStatusText } from '../../providers/kubernetes/pod-status.js';

export function ownerTree(estate: Estate, clusterName: string, d: Deployment): string[] {
  const cluster = estate.providers.kubernetes.clusters.get(clusterName);
  if (!cluster) return [`cluster ${clusterName} is gone`];
  const lines = [
    `Deployment ${d.metadata.namespace}/${d.metadata.name} (cluster ${clusterName})  ${d.status.readyReplicas}/${d.spec.replicas} ready, revision ${revisionOf(d)}`,
  ];
  const sets = ownedReplicaSets(cluster, d).sort((a, b) => revisionOf(b) - revisionOf(a));
  sets.forEach((rs, i) => {
    const lastSet = i === sets.length - 1;
    lines.push(`${lastSet ? '└─' : '├─'} ReplicaSet ${rs.metadata.name}  revision ${revisionOf(rs)}, ${rs.status.readyReplicas}/${rs.spec.replicas} ready`);
    const pods = ownedPods(cluster, rs).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    const indent = lastSet ? '   ' : '│  ';
    pods.forEach((p, j) => {
      const lastPod = j === pods.length - 1;
      lines.push(
        `${indent}${lastPod ? '└─' : '├─'} Pod ${p.metadata.name}  ${podReadyText(p)} ${podStatusText(p)}${p.status.podIP ? `  ${p.status.podIP}` : ''}`,
      );
      const under = `${indent}${lastPod ? '   ' : '│  '}`;
      if (!p.spec.nodeName) {
        lines.push(`${under}└─ not scheduled${p.status.unschedulable ? `: ${p.status.unschedulable}` : ''}`);
        return;
      }
      const host = estate.sim.host(p.spec.nodeName);
      const vm = host?.backingWorkload ? estate.sim.workload(host.backingWorkload) : undefined;
      const inVm = vm ? `, inside VM ${vm.name}${vm.host ? ` on ${vm.host}` : ''}` : '';
      lines.push(`${under}└─ node ${p.spec.nodeName} -> host ${p.spec.nodeName} (${host ? `${host.platform} host, ${host.state}` : 'gone'}${inVm})`);
    });
  });
  if (sets.length === 0) lines.push('└─ no ReplicaSets yet');
  return lines;
}
