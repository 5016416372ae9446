// Actions on the Kubernetes pane's rows in Kubernetes' own terms: on a pod,
// delete (its ReplicaSet makes another) and kill (a forced delete, as k9s's
// ctrl-k); on a deployment, a restart is a rollout restart and delete deletes it.
// Each asks first, naming the kubectl command that does the same, which is what
// runs. A pod is not stopped, paused or restarted in place: the answer says so.

import type { Cluster } from '../../orchestrator/cluster.js';
import type { Deployment, Pod } from '../../orchestrator/objects.js';
import type { Controller } from '../controller.js';
import type { CommandId } from '../keymap.js';
import { line } from '../line-edit.js';
import { k8sList } from '../panes/k8s-lists.js';
import { showLogs } from './logs.js';

/** Asks first, the command shown as what runs. */
function confirm(ctl: Controller, pending: { kind: 'native'; line: string }, title: string, lines: readonly string[]): void {
  ctl.set({ overlay: { type: 'confirm', title, lines, command: pending.line, pending, yes: false, danger: true } });
}

/** The pod whose container this workload is, and its cluster. */
function podOf(ctl: Controller, workload: string): { cluster: Cluster; pod: Pod } | undefined {
  for (const cluster of ctl.estate.providers.kubernetes.clusters.values())
    for (const pod of cluster.list('Pod')) if (pod.status.runtimeId === workload) return { cluster, pod };
  return undefined;
}

function selectedDeployment(ctl: Controller): { cluster: string; d: Deployment } | undefined {
  const rows = ctl.rows().rows;
  const row = rows[ctl.state.panes[ctl.state.pane].cursor];
  if (row === undefined) return undefined;
  const { cluster, item } = k8sList(ctl.rowContext(), 'Deployment')[row];
  return { cluster, d: item };
}

/** Handles an action key on a Kubernetes view; false when it is not one (the ordinary actions apply). */
export function runPodAction(ctl: Controller, commandId: CommandId): boolean {
  const pane = ctl.state.pane;
  if (pane === 'k8s-deployments') {
    const sel = selectedDeployment(ctl);
    if (!sel) return false;
    const where = `-n ${sel.d.metadata.namespace} --context ${sel.cluster}`;
    if (commandId === 'action.restart') {
      confirm(
        ctl,
        { kind: 'native', line: `kubectl rollout restart deployment/${sel.d.metadata.name} ${where}` },
        `Restart the rollout of ${sel.d.metadata.name}?`,
        ['Its pods are replaced a few at a time, within its maxSurge and maxUnavailable.'],
      );
      return true;
    }
    if (commandId === 'action.delete') {
      confirm(
        ctl,
        { kind: 'native', line: `kubectl delete deployment ${sel.d.metadata.name} ${where} --wait=false` },
        `Delete deployment ${sel.d.metadata.name}?`,
        ['Its ReplicaSets and their pods go with it.'],
      );
      return true;
    }
    if (commandId === 'action.start') {
      // As k9s's s: the replicas asked for, here as the kubectl line that sets them, ready to edit and run.
      const text = `kubectl scale deployment/${sel.d.metadata.name} ${where} --replicas=${sel.d.spec.replicas}`;
      ctl.set({ overlay: { type: 'prompt', edit: line(text), history: ctl.history.length, completions: [] } });
      return true;
    }
    if (commandId.startsWith('action.')) {
      ctl.flash('On a deployment: s scales it, r restarts its rollout, ctrl-d deletes it', 'info');
      return true;
    }
    return false;
  }
  if (pane !== 'kubernetes' || !commandId.startsWith('action.') || commandId === 'action.new') return false;
  const target = ctl.target();
  const found = target?.type === 'workload' ? podOf(ctl, target.id) : undefined;
  if (!found) return false;
  const { cluster, pod } = found;
  const where = `-n ${pod.metadata.namespace} --context ${cluster.name}`;
  if (commandId === 'action.delete' || commandId === 'action.force-stop') {
    const force = commandId === 'action.force-stop';
    confirm(
      ctl,
      { kind: 'native', line: `kubectl delete pod ${pod.metadata.name} ${where} --wait=false${force ? ' --force' : ''}` },
      `${force ? 'Kill' : 'Delete'} pod ${pod.metadata.name}?`,
      [
        force ? 'It is removed at once, without waiting for its container to stop.' : 'Its container is stopped, with its grace period.',
        'If a ReplicaSet owns it, the ReplicaSet makes another.',
      ],
    );
    return true;
  }
  ctl.flash('A pod is not stopped or restarted in place: ctrl-d deletes it and its ReplicaSet makes another', 'info');
  return true;
}

/** The kubectl words that name the selected object of a Kubernetes view ("pod/web-1 -n default --context lab"). */
function selectedObject(ctl: Controller): string | undefined {
  const pane = ctl.state.pane;
  const row = ctl.rows().rows[ctl.state.panes[pane].cursor];
  if (row === undefined) return undefined;
  const ctx = ctl.rowContext();
  const named = (type: string, cluster: string, meta: { name: string; namespace?: string }) =>
    `${type}/${meta.name}${meta.namespace ? ` -n ${meta.namespace}` : ''} --context ${cluster}`;
  if (pane === 'kubernetes') {
    const { cluster, item } = k8sList(ctx, 'Pod')[row];
    return named('pod', cluster, item.metadata);
  }
  if (pane === 'k8s-deployments') {
    const { cluster, item } = k8sList(ctx, 'Deployment')[row];
    return named('deployment', cluster, item.metadata);
  }
  if (pane === 'k8s-services') {
    const { cluster, item } = k8sList(ctx, 'Service')[row];
    return named('service', cluster, item.metadata);
  }
  if (pane === 'k8s-nodes') {
    const { cluster, item } = k8sList(ctx, 'Node')[row];
    return named('node', cluster, { name: item.name });
  }
  return undefined;
}

/** d, y and l in the Kubernetes pane, as in k9s: kubectl describe, or the object as YAML, in the output panel; its logs, followed. */
export function showObject(ctl: Controller, how: 'describe' | 'yaml' | 'logs'): boolean {
  const target = selectedObject(ctl);
  const pane = ctl.state.pane;
  if (!target || (how === 'logs' && pane !== 'kubernetes' && pane !== 'k8s-deployments')) {
    const what = how === 'describe' ? 'd describes a Kubernetes object' : how === 'yaml' ? 'y shows a Kubernetes object as YAML' : "l shows a pod's logs";
    ctl.flash(`${what}: in the Kubernetes pane (6)${how === 'logs' ? ', pods or :deploy' : ''}`, 'info');
    return true;
  }
  // l follows the pod's log in the logs view, as k9s's does: kubectl logs' own lines, read again as they grow.
  if (how === 'logs') {
    showLogs(ctl, [], [target]);
    return true;
  }
  const command = how === 'describe' ? `kubectl describe ${target}` : `kubectl get ${target} -o yaml`;
  const r = ctl.estate.providers.exec(command);
  const lines = (r.exitCode === 0 ? r.stdout : r.stderr).replace(/\n$/, '').split('\n');
  ctl.set({ overlay: { type: 'output', title: `$ ${command}`, lines, scroll: 0, failed: r.exitCode !== 0 } });
  return true;
}
