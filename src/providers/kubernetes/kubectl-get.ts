// kubectl get (staging/src/k8s.io/kubectl/pkg/cmd/get): one or more types
// ("pods", "deploy,svc", "all", "pod/web-1"), in the namespace or all of them,
// filtered by -l, as a table (-o wide adds columns), names, YAML or JSON. Lists
// come in the API's order (namespace, then name); a missing name is the
// server's NotFound, and nothing found says so on standard error.
import { stringify } from 'yaml';
import type { Cluster, NodeState } from '../../orchestrator/cluster.js';
import { matches } from '../../orchestrator/labels.js';
import type { EventObject, KubeObject } from '../../orchestrator/objects.js';
import { bool, str } from '../cli/flags.js';
import type { ExecResult } from '../provider.js';
import { apiEvent, apiList, apiNode, apiObject } from './api-objects.js';
import { error, type KubectlCommand, selectorFlag, usage } from './kubectl-context.js';
import { COLUMNS, deploymentRow, endpointsRow, eventRow, hpaRow, kubectlTable, namespaceRow, nodeRow, podRow, replicaSetRow, serviceRow } from './printers.js';
import { ALL_CATEGORY, type ResourceInfo, type ResourceType, resourceFor } from './resources.js';

/** One listed thing: a stored object, a node, or an event. */
export type Item = { type: ResourceType; name: string; namespace?: string; labels: Readonly<Record<string, string>> } & (
  | { object: KubeObject }
  | { node: NodeState }
  | { event: EventObject }
);

const byNsName = (a: Item, b: Item) =>
  (a.namespace ?? '') < (b.namespace ?? '') ? -1 : (a.namespace ?? '') > (b.namespace ?? '') ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

const KIND_OF: Partial<Record<ResourceType, KubeObject['kind']>> = {
  pods: 'Pod',
  deployments: 'Deployment',
  replicasets: 'ReplicaSet',
  services: 'Service',
  endpoints: 'Service',
  namespaces: 'Namespace',
  horizontalpodautoscalers: 'HorizontalPodAutoscaler',
};

/** Every item of a type in the namespace (or every namespace), in the API's order. */
export function listItems(cluster: Cluster, type: ResourceType, namespace: string | undefined): Item[] {
  let items: Item[];
  if (type === 'nodes') items = cluster.data.nodes.map((n) => ({ type, name: n.name, labels: n.labels, node: n }));
  else if (type === 'events')
    items = cluster.data.events
      .filter((e) => namespace === undefined || e.metadata.namespace === namespace)
      .map((e) => ({ type, name: e.metadata.name, namespace: e.metadata.namespace, labels: {}, event: e }));
  else {
    const kind = KIND_OF[type]!;
    items = cluster
      .list(kind, kind === 'Namespace' ? undefined : namespace)
      .map((o) => ({ type, name: o.metadata.name, namespace: o.metadata.namespace, labels: o.metadata.labels, object: o }));
  }
  return items.sort(byNsName);
}

export function findItem(cluster: Cluster, type: ResourceType, namespace: string, name: string): Item | undefined {
  return listItems(cluster, type, type === 'nodes' || type === 'namespaces' ? undefined : namespace).find((i) => i.name === name);
}

function row(cluster: Cluster, item: Item, now: number, wide: boolean): string[] {
  if ('node' in item) return nodeRow(item.node, now, wide, cluster.data.settings.flavour);
  if ('event' in item) return eventRow(item.event, now);
  const o = item.object;
  if (item.type === 'endpoints' && o.kind === 'Service') return endpointsRow(cluster, o, now);
  switch (o.kind) {
    case 'Pod':
      return podRow(o, now, wide);
    case 'Deployment':
      return deploymentRow(o, now, wide);
    case 'ReplicaSet':
      return replicaSetRow(o, now, wide);
    case 'Service':
      return serviceRow(o, now, wide);
    case 'Namespace':
      return namespaceRow(o, now);
    case 'HorizontalPodAutoscaler':
      return hpaRow(o, now);
  }
}

export function apiOf(cluster: Cluster, item: Item): Record<string, unknown> {
  if ('node' in item) return apiNode(item.node, cluster);
  if ('event' in item) return apiEvent(item.event);
  return apiObject(item.object);
}

/** "pods", "deploy,svc", "pod/web-1 svc/web": the types asked for, and names given with them. */
function targets(
  positionals: readonly string[],
): { ok: true; types: ResourceInfo[]; names: { info: ResourceInfo; name: string }[] } | { ok: false; word: string } {
  if (positionals[0].includes('/')) {
    const names: { info: ResourceInfo; name: string }[] = [];
    for (const p of positionals) {
      const [t, n] = p.split('/', 2);
      const info = resourceFor(t);
      if (!info) return { ok: false, word: t };
      names.push({ info, name: n });
    }
    return { ok: true, types: [], names };
  }
  const types: ResourceInfo[] = [];
  for (const w of positionals[0].split(',')) {
    if (w.toLowerCase() === 'all') {
      types.push(...ALL_CATEGORY.map((t) => resourceFor(t)!));
      continue;
    }
    const info = resourceFor(w);
    if (!info) return { ok: false, word: w };
    types.push(info);
  }
  return { ok: true, types, names: positionals.slice(1).flatMap((n) => types.map((info) => ({ info, name: n }))) };
}

export const OUTPUTS = ['wide', 'name', 'yaml', 'json'];

/**
 * YAML as kubectl writes it: sigs.k8s.io/yaml turns the JSON into go-yaml v2's
 * output, keys in order, sequences not indented under their key, and strings
 * YAML 1.1 would read as something else (a time, "yes", a number) quoted.
 */
export function kubectlYaml(value: unknown): string {
  return stringify(value, { indentSeq: false, lineWidth: 0, version: '1.1', sortMapEntries: true });
}

export function badOutput(output: string): ExecResult {
  return error(
    `unable to match a printer suitable for the output format "${output}", allowed formats are: ` +
      `custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`,
  );
}

export const get: KubectlCommand = {
  short: 'Display one or many resources',
  flags: {
    output: { type: 'string', aliases: ['o'] },
    selector: { type: 'string', aliases: ['l'] },
    'all-namespaces': { type: 'boolean', aliases: ['A'] },
    'show-labels': { type: 'boolean' },
    'no-headers': { type: 'boolean' },
    watch: { type: 'boolean', aliases: ['w'] },
    'chunk-size': { type: 'string', ignored: true },
  },
  run(k) {
    const p = k.flags.positionals;
    if (p.length === 0)
      return {
        exitCode: 1,
        stdout: '',
        stderr:
          'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
          'error: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
          "See 'kubectl get -h' for help and examples\n",
        changed: false,
      };
    if (bool(k.flags, 'watch')) return usage('get', 'watching (-w) is not part of this simulation: run the command again, or watch the Kubernetes pane');
    const output = str(k.flags, 'output');
    if (output !== undefined && !OUTPUTS.includes(output)) return badOutput(output);
    const t = targets(p);
    if (!t.ok) return error(`the server doesn't have a resource type "${t.word}"`);
    const all = bool(k.flags, 'all-namespaces');
    const selector = selectorFlag(k);
    if (!selector.ok) return selector.result;
    const requirements = selector.value;
    const ns = all ? undefined : k.namespace;
    let stderr = '';
    // Each type's items, in the order asked for.
    const groups: { info: ResourceInfo; items: Item[] }[] = [];
    if (t.names.length > 0) {
      for (const { info, name } of t.names) {
        const item = findItem(k.cluster, info.type, k.namespace, name);
        if (!item) {
          stderr += `Error from server (NotFound): ${info.type}${info.kind === 'Deployment' || info.kind === 'ReplicaSet' ? '.apps' : ''} "${name}" not found\n`;
          continue;
        }
        const g = groups.find((x) => x.info === info);
        if (g) g.items.push(item);
        else groups.push({ info, items: [item] });
      }
    } else
      for (const info of t.types)
        groups.push({ info, items: listItems(k.cluster, info.type, info.namespaced ? ns : undefined).filter((i) => matches(requirements, i.labels)) });
    const found = groups.filter((g) => g.items.length > 0);
    // -o json and -o yaml print an empty List rather than saying nothing was found.
    if (found.length === 0 && (output === 'json' || output === 'yaml') && t.names.length === 0) {
      const empty = apiList([]);
      return { exitCode: 0, stdout: output === 'json' ? `${JSON.stringify(empty, null, 4)}\n` : kubectlYaml(empty), stderr, changed: false };
    }
    if (found.length === 0) {
      if (t.names.length === 0)
        stderr += all || !t.types.some((x) => x.namespaced) ? 'No resources found\n' : `No resources found in ${k.namespace} namespace.\n`;
      return { exitCode: stderr.includes('Error from server') ? 1 : 0, stdout: '', stderr, changed: false };
    }
    const exitCode = stderr.includes('Error from server') ? 1 : 0;
    const items = found.flatMap((g) => g.items);
    if (output === 'name') return { exitCode, stdout: items.map((i) => `${resourceFor(i.type)!.nameForm}/${i.name}\n`).join(''), stderr, changed: false };
    if (output === 'json' || output === 'yaml') {
      const docs = items.map((i) => apiOf(k.cluster, i));
      const value = docs.length === 1 && t.names.length === 1 ? docs[0] : apiList(docs);
      const text = output === 'json' ? `${JSON.stringify(value, null, 4)}\n` : kubectlYaml(value);
      return { exitCode, stdout: text, stderr, changed: false };
    }
    const wide = output === 'wide';
    const showLabels = bool(k.flags, 'show-labels');
    const prefixed = found.length > 1 || (t.types.length > 1 && t.names.length === 0);
    const tables = found.map((g) => {
      const cols = COLUMNS[g.info.type];
      const headers = [...(all && g.info.namespaced ? ['NAMESPACE'] : []), ...cols.headers, ...(wide ? cols.wide : []), ...(showLabels ? ['LABELS'] : [])];
      const rows = g.items.map((i) => {
        const r = row(k.cluster, i, k.now, wide);
        if (prefixed) r[g.info.type === 'events' ? 3 : 0] = g.info.type === 'events' ? r[3] : `${g.info.nameForm}/${r[0]}`;
        const labels = Object.entries(i.labels)
          .map(([a, b]) => `${a}=${b}`)
          .sort()
          .join(',');
        return [...(all && g.info.namespaced ? [i.namespace ?? ''] : []), ...r, ...(showLabels ? [labels || '<none>'] : [])];
      });
      return kubectlTable(headers, rows, bool(k.flags, 'no-headers'));
    });
    return { exitCode, stdout: tables.join('\n'), stderr, changed: false };
  },
};
