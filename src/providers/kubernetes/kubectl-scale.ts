// kubectl scale and kubectl delete (staging/src/k8s.io/kubectl/pkg/cmd/scale,
// .../cmd/delete). A scaled Deployment's controller does the rest; a deleted
// object goes with its dependents (the garbage collector's background
// cascade), and `delete` returns once what it deleted is gone (--wait, on by
// default): a pod after its graceful stop.

import { matches } from '../../orchestrator/labels.js';
import type { KubeObject } from '../../orchestrator/objects.js';
import { deletePod } from '../../orchestrator/replicaset-controller.js';
import { bool, num, str } from '../cli/flags.js';
import type { ExecResult } from '../provider.js';
import { readSources } from './kubectl-apply.js';
import { error, type Kctl, type KubectlCommand, selectorFlag } from './kubectl-context.js';
import { listItems } from './kubectl-get.js';
import { lookup, named, notFound } from './kubectl-target.js';
import { clientCheck } from './manifest-objects.js';
import { readDocuments } from './manifest-yaml.js';
import { type ResourceInfo, resourceFor, resourceOfKind } from './resources.js';

export const scale: KubectlCommand = {
  short: 'Set a new size for a deployment or replica set',
  flags: { replicas: { type: 'integer' }, 'current-replicas': { type: 'integer' }, timeout: { type: 'string', ignored: true } },
  run(k) {
    const replicas = num(k.flags, 'replicas');
    if (replicas === undefined) return error('required flag(s) "replicas" not set');
    if (replicas < 0 || !Number.isInteger(replicas)) return error('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
    if (replicas > 2 ** 31 - 1)
      return error(`invalid argument "${replicas}" for "--replicas" flag: strconv.ParseInt: parsing "${replicas}": value out of range`);
    const refs = named(k.flags.positionals, ['deployments', 'replicasets']);
    if (!refs.ok) return error(refs.message);
    let out = '';
    let err = '';
    for (const { info, name } of refs.refs) {
      const o = lookup(k.cluster, info, k.namespace, name);
      if (!o || (o.kind !== 'Deployment' && o.kind !== 'ReplicaSet')) {
        err += `${notFound(info, name)}\n`;
        continue;
      }
      const current = num(k.flags, 'current-replicas');
      if (current !== undefined && current !== o.spec.replicas) {
        err += `error: Expected replicas to be ${current}, was ${o.spec.replicas}\n`;
        continue;
      }
      if (o.spec.replicas !== replicas) {
        o.spec.replicas = replicas;
        k.cluster.changes++;
      }
      out += `${info.nameForm}/${name} scaled\n`;
    }
    return { exitCode: err ? 1 : 0, stdout: out, stderr: err, changed: false };
  },
};

/** The namespaces every cluster keeps (the API server refuses to delete them). */
const PROTECTED = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

function deleteObject(k: Kctl, o: KubeObject, force: boolean, grace: number | undefined): void {
  if (o.kind === 'Pod') {
    if (force && grace === 0) {
      if (o.status.runtimeId) k.ctx.runtime.remove(o.status.runtimeId);
      k.cluster.remove(o);
    } else deletePod(k.cluster, o, k.now, grace);
    return;
  }
  if (o.kind === 'Namespace') {
    // The namespace controller empties it; it is Terminating until then and gone after (sync.ts).
    o.metadata.deletionTimestamp = k.now;
    o.status.phase = 'Terminating';
    for (const x of [...k.cluster.data.objects]) if (x.metadata.namespace === o.metadata.name) deleteObject(k, x, force, grace);
    k.cluster.changes++;
    return;
  }
  k.cluster.remove(o);
}

export const del: KubectlCommand = {
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  flags: {
    filename: { type: 'string', aliases: ['f'], repeat: true },
    selector: { type: 'string', aliases: ['l'] },
    all: { type: 'boolean' },
    'all-namespaces': { type: 'boolean', aliases: ['A'] },
    force: { type: 'boolean' },
    'grace-period': { type: 'integer' },
    now: { type: 'boolean' },
    wait: { type: 'boolean' },
    'ignore-not-found': { type: 'boolean' },
    cascade: { type: 'string', ignored: true },
    output: { type: 'string', aliases: ['o'] },
  },
  run(k) {
    // delete.go Complete/Validate: --force alone is grace 0; --grace-period=0 without --force is 1; -1 is the pod's own.
    const force = bool(k.flags, 'force');
    const given = bool(k.flags, 'now') ? 1 : num(k.flags, 'grace-period');
    if (force && given !== undefined && given > 0) return error('--force and --grace-period greater than 0 cannot be specified together');
    const grace = force ? 0 : given === 0 ? 1 : given !== undefined && given < 0 ? undefined : given;
    const targets: { info: ResourceInfo; name: string; namespace: string }[] = [];
    let err = '';
    if (k.flags.values.has('filename')) {
      const read = readSources(k, 'delete');
      if (!read.ok) return read.result;
      for (const src of read.sources) {
        const docs = readDocuments(src.text);
        if (!docs.ok) return error(`error parsing ${src.name}: ${docs.message}`);
        for (const doc of docs.docs) {
          const bad = clientCheck(doc, src.name);
          if (bad) return error(bad.message);
          const d = doc as { kind: string; metadata?: { name?: string; namespace?: string } };
          const info = resourceOfKind(d.kind)!;
          targets.push({ info, name: d.metadata?.name ?? '', namespace: d.metadata?.namespace ?? k.namespace });
        }
      }
    } else {
      const p = k.flags.positionals;
      const sel = str(k.flags, 'selector');
      if (p.length === 0) return error('resource(s) were provided, but no name was specified');
      if ((bool(k.flags, 'all') || sel !== undefined) && !p[0].includes('/')) {
        const selector = selectorFlag(k);
        if (!selector.ok) return selector.result;
        const reqs = selector.value;
        for (const w of p[0].split(',')) {
          const info = resourceFor(w);
          if (!info) return error(`the server doesn't have a resource type "${w}"`);
          const ns = bool(k.flags, 'all-namespaces') ? undefined : k.namespace;
          for (const i of listItems(k.cluster, info.type, info.namespaced ? ns : undefined).filter((x) => matches(reqs, x.labels)))
            targets.push({ info, name: i.name, namespace: i.namespace ?? k.namespace });
        }
        if (targets.length === 0) return { exitCode: 0, stdout: '', stderr: 'No resources found\n', changed: false };
      } else {
        if (p.length === 1 && !p[0].includes('/')) return error('resource(s) were provided, but no name was specified');
        const refs = named(p);
        if (!refs.ok) return error(refs.message);
        for (const r of refs.refs) targets.push({ ...r, namespace: k.namespace });
      }
    }
    let out = '';
    const deleted: KubeObject[] = [];
    if (force && grace === 0)
      err +=
        'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';
    for (const t of targets) {
      const o = lookup(k.cluster, t.info, t.namespace, t.name);
      if (!o) {
        // With --all or -l a missing object is no error (--ignore-not-found is on by default then).
        if (!bool(k.flags, 'ignore-not-found') && !bool(k.flags, 'all') && str(k.flags, 'selector') === undefined) err += `${notFound(t.info, t.name)}\n`;
        continue;
      }
      if (o.kind === 'Namespace' && PROTECTED.includes(o.metadata.name)) {
        err += `Error from server (Forbidden): namespaces "${o.metadata.name}" is forbidden: this namespace may not be deleted\n`;
        continue;
      }
      deleteObject(k, o, force, grace);
      deleted.push(o);
      out += str(k.flags, 'output') === 'name' ? `${t.info.nameForm}/${t.name}\n` : `${t.info.nameForm} "${t.name}" ${force ? 'force deleted' : 'deleted'}\n`;
    }
    const r: ExecResult = { exitCode: err.includes('Error from server') ? 1 : 0, stdout: out, stderr: err, changed: false };
    const pods = deleted.filter((o) => o.kind === 'Pod' || o.kind === 'Namespace');
    if (pods.length === 0 || k.flags.values.get('wait') === false) return r;
    // --wait: returns once the pods and namespaces it deleted are gone.
    const cluster = k.cluster;
    return {
      ...r,
      blocking: {
        waitingFor: `${pods.length === 1 ? `${pods[0].kind.toLowerCase()} ${pods[0].metadata.name}` : `${pods.length} objects`} to be deleted`,
        done: () => pods.every((p) => cluster.get(p.kind, p.metadata.namespace, p.metadata.name) !== p),
        answer: () => ({ exitCode: 0, stdout: '', stderr: '', changed: false }),
      },
    };
  },
};
