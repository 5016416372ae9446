// kubectl cordon, uncordon and drain (staging/src/k8s.io/kubectl/pkg/cmd/drain
// and pkg/drain): cordoning marks the node unschedulable; draining cordons it,
// then evicts its pods (those no controller manages only with --force, as their
// loss is for good) and returns once they are gone.
import { podsOn } from '../../orchestrator/nodes.js';
import { controllerOf } from '../../orchestrator/objects.js';
import { deletePod } from '../../orchestrator/replicaset-controller.js';
import { bool, num } from '../cli/flags.js';
import type { ExecResult } from '../provider.js';
import { error, type Kctl, type KubectlCommand } from './kubectl-context.js';

function nodesNamed(k: Kctl, command: string): { ok: true; names: string[] } | { ok: false; result: ExecResult } {
  const words = k.flags.positionals.map((w) => w.replace(/^(nodes?|no)\//, ''));
  if (words.length === 0) return { ok: false, result: error(`USAGE: ${command} NODE [flags]`) };
  for (const w of words)
    if (!k.cluster.node(w))
      return { ok: false, result: { exitCode: 1, stdout: '', stderr: `Error from server (NotFound): nodes "${w}" not found\n`, changed: false } };
  return { ok: true, names: words };
}

function setCordon(k: Kctl, unschedulable: boolean): ExecResult {
  const found = nodesNamed(k, unschedulable ? 'kubectl cordon' : 'kubectl uncordon');
  if (!found.ok) return found.result;
  let out = '';
  for (const name of found.names) {
    const node = k.cluster.node(name)!;
    const verb = unschedulable ? 'cordoned' : 'uncordoned';
    if (node.unschedulable === unschedulable) out += `node/${name} already ${verb}\n`;
    else {
      node.unschedulable = unschedulable;
      if (!unschedulable) k.cluster.data.roomVersion++;
      k.cluster.changes++;
      out += `node/${name} ${verb}\n`;
    }
  }
  return { exitCode: 0, stdout: out, stderr: '', changed: false };
}

export const cordon: KubectlCommand = { short: 'Mark node as unschedulable', flags: {}, run: (k) => setCordon(k, true) };
export const uncordon: KubectlCommand = { short: 'Mark node as schedulable', flags: {}, run: (k) => setCordon(k, false) };

export const drain: KubectlCommand = {
  short: 'Drain node in preparation for maintenance',
  flags: {
    force: { type: 'boolean' },
    'ignore-daemonsets': { type: 'boolean' },
    'delete-emptydir-data': { type: 'boolean' },
    'grace-period': { type: 'integer' },
    timeout: { type: 'string', ignored: true },
  },
  run(k) {
    const found = nodesNamed(k, 'kubectl drain');
    if (!found.ok) return found.result;
    let out = '';
    let err = '';
    const evicted: { name: string; namespace: string }[] = [];
    for (const name of found.names) {
      const node = k.cluster.node(name)!;
      out += node.unschedulable ? `node/${name} already cordoned\n` : `node/${name} cordoned\n`;
      node.unschedulable = true;
      k.cluster.changes++;
      const pods = podsOn(k.cluster, name).filter(
        (p) => p.metadata.deletionTimestamp === undefined && p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed',
      );
      const bare = pods.filter((p) => !controllerOf(p.metadata));
      if (bare.length > 0 && !bool(k.flags, 'force')) {
        err += `error: unable to drain node "${name}" due to error: cannot delete Pods that declare no controller (use --force to override): ${bare
          .map((p) => `${p.metadata.namespace}/${p.metadata.name}`)
          .join(', ')}, continuing command...\nThere are pending nodes to be drained:\n ${name}\n`;
        continue;
      }
      if (bare.length > 0)
        err += `Warning: deleting Pods that declare no controller: ${bare.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ')}\n`;
      for (const p of pods) {
        out += `evicting pod ${p.metadata.namespace}/${p.metadata.name}\n`;
        // An eviction on a node that is not Ready is a plain delete; the pod waits there for its node as any does.
        deletePod(k.cluster, p, k.now, num(k.flags, 'grace-period') ?? undefined);
        evicted.push({ name: p.metadata.name, namespace: p.metadata.namespace ?? 'default' });
      }
    }
    const r: ExecResult = { exitCode: err.includes('error:') ? 1 : 0, stdout: out, stderr: err, changed: false };
    const cluster = k.cluster;
    const names = found.names.filter((n) => !err.includes(`drain node "${n}"`));
    return {
      ...r,
      blocking: {
        waitingFor: `the pods of ${names.join(', ')} to be evicted`,
        done: () => evicted.every((p) => !cluster.get('Pod', p.namespace, p.name)),
        answer: () => ({
          exitCode: r.exitCode,
          stdout: evicted.map((p) => `pod/${p.name} evicted\n`).join('') + names.map((n) => `node/${n} drained\n`).join(''),
          stderr: '',
          changed: false,
        }),
      },
    };
  },
};
