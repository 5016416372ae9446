// kubectl create deployment and kubectl expose (staging/src/k8s.io/kubectl/pkg/
// cmd/create/create_deployment.go, .../cmd/expose): the objects those
// generators build, handed to the API server like an applied manifest.

import type { Desired } from '../../orchestrator/api-server.js';
import { applyDesired } from '../../orchestrator/api-server.js';
import { num, str } from '../cli/flags.js';
import { error, type KubectlCommand } from './kubectl-context.js';
import { lookup, named, notFound } from './kubectl-target.js';
import { decode } from './manifest-objects.js';

/** create_deployment.go buildPodSpec: a container named after the image's last path part, before its tag. */
function containerName(image: string): string {
  const base = image.split('/').pop()!.split(':')[0].split('@')[0];
  return base.toLowerCase().replace(/[^a-z0-9-]/g, '-');
}

export const create: KubectlCommand = {
  short: 'Create a resource from a file or from stdin',
  flags: {
    image: { type: 'string', repeat: true },
    replicas: { type: 'integer' },
    port: { type: 'integer' },
    'dry-run': { type: 'string' },
    output: { type: 'string', aliases: ['o'] },
    filename: { type: 'string', aliases: ['f'], repeat: true },
  },
  run(k) {
    const [what, name] = k.flags.positionals;
    if (what === 'namespace' || what === 'ns') {
      if (!name) return error('exactly one NAME is required, got 0');
      const decoded = decode({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, k.namespace);
      if (!decoded.ok) return error(decoded.refusal.message);
      const existing = k.cluster.get('Namespace', undefined, name);
      if (existing)
        return {
          exitCode: 1,
          stdout: '',
          stderr: `Error from server (AlreadyExists): ${existing.metadata.deletionTimestamp !== undefined ? 'object is being deleted: ' : ''}namespaces "${name}" already exists\n`,
          changed: false,
        };
      applyDesired(k.cluster, k.ctx, decoded.value);
      return { exitCode: 0, stdout: `namespace/${name} created\n`, stderr: '', changed: false };
    }
    if (what !== 'deployment' && what !== 'deploy')
      return what === undefined
        ? error("Unexpected args: []\nSee 'kubectl create -h' for help and examples")
        : error(`unknown command "${what}" for "kubectl create" (this simulation creates deployment and namespace; apply a manifest for the rest)`);
    if (!name) return error('exactly one NAME is required, got 0');
    const images = k.flags.values.get('image');
    const list = Array.isArray(images) ? images : typeof images === 'string' ? [images] : [];
    if (list.length === 0) return error('required flag(s) "image" not set');
    const port = num(k.flags, 'port');
    const doc = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, labels: { app: name } },
      spec: {
        replicas: num(k.flags, 'replicas') ?? 1,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: { containers: list.map((image) => ({ name: containerName(image), image, ...(port ? { ports: [{ containerPort: port }] } : {}) })) },
        },
      },
    };
    const decoded = decode(doc, k.namespace);
    if (!decoded.ok) return error(decoded.refusal.message);
    if (k.cluster.get('Deployment', k.namespace, name))
      return { exitCode: 1, stdout: '', stderr: `error: failed to create deployment: deployments.apps "${name}" already exists\n`, changed: false };
    if (str(k.flags, 'dry-run') === 'client') return { exitCode: 0, stdout: `deployment.apps/${name} created (dry run)\n`, stderr: '', changed: false };
    const r = applyDesired(k.cluster, k.ctx, decoded.value);
    if (!r.ok) return { exitCode: 1, stdout: '', stderr: `Error from server (${r.reason}): ${r.message}\n`, changed: false };
    return { exitCode: 0, stdout: `deployment.apps/${name} created\n`, stderr: '', changed: false };
  },
};

export const expose: KubectlCommand = {
  short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  flags: {
    port: { type: 'integer' },
    'target-port': { type: 'string' },
    type: { type: 'string' },
    name: { type: 'string' },
    protocol: { type: 'string' },
    selector: { type: 'string' },
  },
  run(k) {
    const refs = named(k.flags.positionals, ['deployments', 'replicasets', 'pods', 'services']);
    if (!refs.ok) return error(refs.message);
    const { info, name } = refs.refs[0];
    const o = lookup(k.cluster, info, k.namespace, name);
    if (!o) return { exitCode: 1, stdout: '', stderr: `${notFound(info, name)}\n`, changed: false };
    const selector =
      o.kind === 'Deployment' || o.kind === 'ReplicaSet'
        ? { ...(o.spec.selector.matchLabels ?? {}) }
        : o.kind === 'Service'
          ? { ...(o.spec.selector ?? {}) }
          : o.kind === 'Pod'
            ? { ...o.metadata.labels }
            : {};
    if (Object.keys(selector).length === 0) return error(`couldn't retrieve selectors via --selector flag or introspection: the ${info.nameForm} has none`);
    const template = o.kind === 'Deployment' || o.kind === 'ReplicaSet' ? o.spec.template.spec : o.kind === 'Pod' ? o.spec : undefined;
    const port = num(k.flags, 'port') ?? template?.containers.flatMap((c) => c.ports ?? [])[0]?.containerPort;
    if (port === undefined) return error("couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples");
    const target = str(k.flags, 'target-port');
    const svcName = str(k.flags, 'name') ?? name;
    const desiredDoc = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: svcName, labels: o.kind === 'Pod' ? {} : { ...o.metadata.labels } },
      spec: {
        type: str(k.flags, 'type') ?? 'ClusterIP',
        selector,
        ports: [
          { port, protocol: str(k.flags, 'protocol') ?? 'TCP', targetPort: target === undefined ? port : /^\d+$/.test(target) ? Number(target) : target },
        ],
      },
    };
    const decoded = decode(desiredDoc, k.namespace);
    if (!decoded.ok) return { exitCode: 1, stdout: '', stderr: `${decoded.refusal.message}\n`, changed: false };
    if (k.cluster.get('Service', k.namespace, svcName))
      return { exitCode: 1, stdout: '', stderr: `Error from server (AlreadyExists): services "${svcName}" already exists\n`, changed: false };
    const r = applyDesired(k.cluster, k.ctx, decoded.value as Desired);
    if (!r.ok) return { exitCode: 1, stdout: '', stderr: `Error from server (${r.reason}): ${r.message}\n`, changed: false };
    return { exitCode: 0, stdout: `service/${svcName} exposed\n`, stderr: '', changed: false };
  },
};
