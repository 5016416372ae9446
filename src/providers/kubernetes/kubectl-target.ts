// Naming objects on kubectl's command line: "deployment web-app",
// "deployment/web-app" or "deploy web-1 web-2", resolved to the objects, and
// the server's NotFound in its words ("deployments.apps \"x\" not found").
import type { Cluster } from '../../orchestrator/cluster.js';
import type { KubeObject } from '../../orchestrator/objects.js';
import { type ResourceInfo, resourceFor } from './resources.js';

/** The plural the API names a type by in errors ("pods", "deployments.apps"). */
export function qualified(info: ResourceInfo): string {
  return info.nameForm.includes('.') ? `${info.type}.${info.nameForm.split('.').slice(1).join('.')}` : info.type;
}

export function notFound(info: ResourceInfo, name: string): string {
  return `Error from server (NotFound): ${qualified(info)} "${name}" not found`;
}

export type Named = { ok: true; refs: { info: ResourceInfo; name: string }[] } | { ok: false; message: string };

/** The objects named by the positionals, as kubectl resolves "TYPE NAME..." and "TYPE/NAME...". */
export function named(positionals: readonly string[], allowed?: readonly string[]): Named {
  if (positionals.length === 0) return { ok: false, message: 'you must specify the type of resource and its name' };
  const refs: { info: ResourceInfo; name: string }[] = [];
  if (positionals[0].includes('/')) {
    for (const p of positionals) {
      const [t, n] = p.split('/', 2);
      const info = resourceFor(t);
      if (!info) return { ok: false, message: `the server doesn't have a resource type "${t}"` };
      if (!n) return { ok: false, message: `arguments in resource/name form must have a single resource and name` };
      refs.push({ info, name: n });
    }
  } else {
    const info = resourceFor(positionals[0]);
    if (!info) return { ok: false, message: `the server doesn't have a resource type "${positionals[0]}"` };
    for (const n of positionals.slice(1)) refs.push({ info, name: n });
    if (refs.length === 0) return { ok: false, message: 'resource(s) were provided, but no name was specified' };
  }
  const wrong = allowed && refs.find((r) => !allowed.includes(r.info.type));
  if (wrong) return { ok: false, message: `no objects passed to this command for ${qualified(wrong.info)} (it works on ${allowed!.join(', ')})` };
  return { ok: true, refs };
}

const KIND: Readonly<Record<string, KubeObject['kind']>> = {
  pods: 'Pod',
  deployments: 'Deployment',
  replicasets: 'ReplicaSet',
  services: 'Service',
  namespaces: 'Namespace',
  horizontalpodautoscalers: 'HorizontalPodAutoscaler',
};

export function lookup(cluster: Cluster, info: ResourceInfo, namespace: string, name: string): KubeObject | undefined {
  const kind = KIND[info.type];
  if (!kind) return undefined;
  return cluster.get(kind, kind === 'Namespace' ? undefined : namespace, name);
}
