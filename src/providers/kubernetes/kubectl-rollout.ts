// kubectl rollout status|history|undo|pause|resume|restart and kubectl set
// image (staging/src/k8s.io/kubectl/pkg/cmd/rollout, .../cmd/set, and
// pkg/polymorphichelpers for what each does to a Deployment). `rollout status`
// returns when the rollout is done, as the real one watches until then.
import { ownedReplicaSets, revisionOf } from '../../orchestrator/deployment-controller.js';
import type { Deployment } from '../../orchestrator/objects.js';
import { parseQuantity } from '../../orchestrator/quantity.js';
import { num, str } from '../cli/flags.js';
import type { ExecResult } from '../provider.js';
import { rfc3339 } from './api-objects.js';
import { error, type Kctl, type KubectlCommand } from './kubectl-context.js';
import { lookup, named, notFound } from './kubectl-target.js';
import { templateProblems } from './manifest-objects.js';
import { tabbed } from './printers.js';

const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

function deploymentNamed(k: Kctl, words: readonly string[]): { ok: true; d: Deployment } | { ok: false; result: ExecResult } {
  const refs = named(words, ['deployments']);
  if (!refs.ok) return { ok: false, result: error(refs.message) };
  if (refs.refs.length !== 1) return { ok: false, result: error('exactly one deployment is needed here') };
  const { info, name } = refs.refs[0];
  const d = lookup(k.cluster, info, k.namespace, name);
  if (d?.kind !== 'Deployment') return { ok: false, result: { exitCode: 1, stdout: '', stderr: `${notFound(info, name)}\n`, changed: false } };
  return { ok: true, d };
}

/** deployment_status.go Status: where the rollout is, in kubectl's words, and whether it is done. */
export function rolloutStatus(d: Deployment): { done: boolean; message: string } {
  const n = d.metadata.name;
  const s = d.status;
  if (s.progressing?.reason === 'ProgressDeadlineExceeded') return { done: true, message: `error: deployment "${n}" exceeded its progress deadline` };
  if (s.updatedReplicas < d.spec.replicas)
    return {
      done: false,
      message: `Waiting for deployment "${n}" rollout to finish: ${s.updatedReplicas} out of ${d.spec.replicas} new replicas have been updated...`,
    };
  if (s.replicas > s.updatedReplicas)
    return {
      done: false,
      message: `Waiting for deployment "${n}" rollout to finish: ${s.replicas - s.updatedReplicas} old replicas are pending termination...`,
    };
  if (s.availableReplicas < s.updatedReplicas)
    return {
      done: false,
      message: `Waiting for deployment "${n}" rollout to finish: ${s.availableReplicas} of ${s.updatedReplicas} updated replicas are available...`,
    };
  return { done: true, message: `deployment "${n}" successfully rolled out` };
}

function status(k: Kctl): ExecResult {
  const found = deploymentNamed(k, k.flags.positionals.slice(1));
  if (!found.ok) return found.result;
  const d = found.d;
  const first = rolloutStatus(d);
  if (first.done)
    return first.message.startsWith('error') ? error(first.message.slice(7)) : { exitCode: 0, stdout: `${first.message}\n`, stderr: '', changed: false };
  let printed = first.message;
  let lines = `${first.message}\n`;
  return {
    exitCode: 0,
    stdout: lines,
    stderr: '',
    changed: false,
    blocking: {
      waitingFor: `deployment ${d.metadata.name} to roll out`,
      done: () => {
        const s = rolloutStatus(d);
        // Each new state of the watch is printed once, as the watch prints it.
        if (s.message !== printed) {
          printed = s.message;
          lines += s.done ? '' : `${s.message}\n`;
        }
        return s.done;
      },
      answer: () => {
        const s = rolloutStatus(d);
        const seen = lines.slice(first.message.length + 1);
        lines = '';
        return s.message.startsWith('error')
          ? { exitCode: 1, stdout: seen, stderr: `${s.message}\n`, changed: false }
          : { exitCode: 0, stdout: `${seen}${s.message}\n`, stderr: '', changed: false };
      },
    },
  };
}

function history(k: Kctl): ExecResult {
  const found = deploymentNamed(k, k.flags.positionals.slice(1));
  if (!found.ok) return found.result;
  const d = found.d;
  const sets = ownedReplicaSets(k.cluster, d).sort((a, b) => revisionOf(a) - revisionOf(b));
  const revision = num(k.flags, 'revision');
  if (revision !== undefined && revision > 0) {
    const rs = sets.find((x) => revisionOf(x) === revision);
    if (!rs) return error(`unable to find the specified revision`);
    const c = rs.spec.template.spec.containers[0];
    return {
      exitCode: 0,
      stdout: `deployment.apps/${d.metadata.name} with revision #${revision}\nPod Template:\n  Labels:\t${Object.entries(rs.spec.template.metadata.labels)
        .map(([a, b]) => `${a}=${b}`)
        .join('\n\t')}\n  Containers:\n   ${c.name}:\n    Image:\t${c.image}\n`,
      stderr: '',
      changed: false,
    };
  }
  const rows = sets.map((rs) => [String(revisionOf(rs)), rs.metadata.annotations[CHANGE_CAUSE] ?? '<none>']);
  return { exitCode: 0, stdout: `deployment.apps/${d.metadata.name} \n${tabbed([['REVISION', 'CHANGE-CAUSE'], ...rows])}\n`, stderr: '', changed: false };
}

/** rollback.go DeploymentRollbacker: the template of the revision asked for (the one before the current by default) becomes the Deployment's. */
function undo(k: Kctl): ExecResult {
  const found = deploymentNamed(k, k.flags.positionals.slice(1));
  if (!found.ok) return found.result;
  const d = found.d;
  if (d.spec.paused) return error(`you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again`);
  const sets = ownedReplicaSets(k.cluster, d);
  const current = revisionOf(d);
  const wanted = num(k.flags, 'to-revision') ?? 0;
  const candidates = sets.filter((rs) => revisionOf(rs) !== current).sort((a, b) => revisionOf(b) - revisionOf(a));
  const target = wanted > 0 ? sets.find((rs) => revisionOf(rs) === wanted) : candidates[0];
  if (!target)
    return error(wanted > 0 ? `unable to find specified revision ${wanted} in history` : `no rollout history found for deployment "${d.metadata.name}"`);
  if (revisionOf(target) === current)
    return {
      exitCode: 0,
      stdout: `deployment.apps/${d.metadata.name} skipped rollback (current template already matches revision ${current})\n`,
      stderr: '',
      changed: false,
    };
  const { 'pod-template-hash': _, ...labels } = target.spec.template.metadata.labels;
  d.spec.template = { metadata: { ...structuredClone(target.spec.template.metadata), labels }, spec: structuredClone(target.spec.template.spec) };
  d.metadata.generation = (d.metadata.generation ?? 1) + 1;
  k.cluster.changes++;
  return { exitCode: 0, stdout: `deployment.apps/${d.metadata.name} rolled back\n`, stderr: '', changed: false };
}

function pauseResume(k: Kctl, pause: boolean): ExecResult {
  const found = deploymentNamed(k, k.flags.positionals.slice(1));
  if (!found.ok) return found.result;
  const d = found.d;
  if (Boolean(d.spec.paused) === pause) return error(`deployments.apps "${d.metadata.name}" is ${pause ? 'already paused' : 'not paused'}`);
  if (pause) d.spec.paused = true;
  else delete d.spec.paused;
  k.cluster.changes++;
  return { exitCode: 0, stdout: `deployment.apps/${d.metadata.name} ${pause ? 'paused' : 'resumed'}\n`, stderr: '', changed: false };
}

function restart(k: Kctl): ExecResult {
  const found = deploymentNamed(k, k.flags.positionals.slice(1));
  if (!found.ok) return found.result;
  const d = found.d;
  if (d.spec.paused) return error(`can't restart paused deployment (run rollout resume first)`);
  d.spec.template.metadata.annotations = { ...(d.spec.template.metadata.annotations ?? {}), [RESTARTED_AT]: rfc3339(k.now) };
  d.metadata.generation = (d.metadata.generation ?? 1) + 1;
  k.cluster.changes++;
  return { exitCode: 0, stdout: `deployment.apps/${d.metadata.name} restarted\n`, stderr: '', changed: false };
}

export const ROLLOUT_SUBCOMMANDS = ['history', 'pause', 'restart', 'resume', 'status', 'undo'];

export const rollout: KubectlCommand = {
  short: 'Manage the rollout of a resource',
  flags: {
    'to-revision': { type: 'integer' },
    revision: { type: 'integer' },
    watch: { type: 'boolean', aliases: ['w'] },
    timeout: { type: 'string', ignored: true },
  },
  run(k) {
    const sub = k.flags.positionals[0];
    switch (sub) {
      case 'status':
        return status(k);
      case 'history':
        return history(k);
      case 'undo':
        return undo(k);
      case 'pause':
        return pauseResume(k, true);
      case 'resume':
        return pauseResume(k, false);
      case 'restart':
        return restart(k);
      default:
        return sub === undefined
          ? {
              exitCode: 0,
              stdout: `Manage the rollout of one or many resources.\n\nAvailable Commands:\n  ${ROLLOUT_SUBCOMMANDS.join('\n  ')}\n`,
              stderr: '',
              changed: false,
            }
          : error(`unknown command "${sub}" for "kubectl rollout"`);
    }
  },
};

/** "cpu=200m,memory=256Mi" as set resources reads it; undefined if a pair is not name=quantity. */
function resourceList(text: string | undefined): Record<string, string> | undefined | 'bad' {
  if (text === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const kv of text.split(',')) {
    const at = kv.indexOf('=');
    if (at <= 0) return 'bad';
    out[kv.slice(0, at)] = kv.slice(at + 1);
  }
  return out;
}

/** kubectl set image TYPE/NAME CONTAINER=IMAGE... and set resources TYPE/NAME --requests/--limits: a new template, so a new rollout. */
export const set: KubectlCommand = {
  short: 'Set specific features on objects',
  flags: {
    record: { type: 'boolean', ignored: true },
    requests: { type: 'string' },
    limits: { type: 'string' },
    containers: { type: 'string', aliases: ['c'] },
  },
  run(k) {
    const [sub, ...rest] = k.flags.positionals;
    if (sub !== 'image' && sub !== 'resources')
      return sub === undefined ? error('set needs a subcommand: image or resources') : error(`unknown command "${sub}" for "kubectl set"`);
    const pairs = sub === 'image' ? rest.filter((w) => w.includes('=')) : [];
    const words = rest.filter((w) => !w.includes('='));
    if (sub === 'image' && pairs.length === 0) return error('at least one image update is required');
    const found = deploymentNamed(k, words);
    if (!found.ok) return found.result;
    const d = found.d;
    const containers = d.spec.template.spec.containers;
    let next = containers;
    if (sub === 'image') {
      for (const p of pairs) {
        const [name, image] = [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)];
        if (name !== '*' && !containers.some((c) => c.name === name)) return error(`unable to find container named "${name}"`);
        next = next.map((c) => (name === '*' || c.name === name ? { ...c, image } : c));
      }
    } else {
      const requests = resourceList(str(k.flags, 'requests'));
      const limits = resourceList(str(k.flags, 'limits'));
      if (requests === 'bad' || limits === 'bad') return error('invalid resource list: give name=quantity pairs, such as cpu=200m,memory=256Mi');
      if (!requests && !limits) return error('you must specify an update to requests or limits (in the form of --requests/--limits)');
      for (const q of [...Object.values(requests ?? {}), ...Object.values(limits ?? {})]) {
        const parsed = parseQuantity(q);
        if (!parsed.ok) return error(parsed.error);
      }
      const only = str(k.flags, 'containers');
      if (only && only !== '*' && !containers.some((c) => c.name === only)) return error(`unable to find container named ${only}`);
      next = containers.map((c) =>
        only && only !== '*' && only !== c.name
          ? c
          : {
              ...c,
              resources: {
                ...(c.resources.requests || requests ? { requests: { ...(c.resources.requests ?? {}), ...(requests ?? {}) } } : {}),
                ...(c.resources.limits || limits ? { limits: { ...(c.resources.limits ?? {}), ...(limits ?? {}) } } : {}),
              },
            },
      );
    }
    const problems = templateProblems({ ...d.spec.template.spec, containers: next });
    if (problems.length)
      return {
        exitCode: 1,
        stdout: '',
        stderr: `error: failed to patch ${sub}: The Deployment "${d.metadata.name}" is invalid: ${problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`}\n`,
        changed: false,
      };
    if (JSON.stringify(next) !== JSON.stringify(containers)) {
      d.spec.template.spec.containers = next;
      d.metadata.generation = (d.metadata.generation ?? 1) + 1;
      k.cluster.changes++;
    }
    return {
      exitCode: 0,
      stdout: `deployment.apps/${d.metadata.name} ${sub === 'image' ? 'image updated' : 'resource requirements updated'}\n`,
      stderr: '',
      changed: false,
    };
  },
};
