// Kubernetes: every cluster's pods, as k9s's pods view lists them (namespace,
// name, ready, status, restarts, IP, node, age), with the cluster each is in.
// Rows index one list of the estate's pods (k8s-lists.ts). :deploy, :svc and
// :nodes show the pane's other views (k8s-views.ts).
import type { Pod } from '../../orchestrator/objects.js';
import { podReadyText, podStatusText } from '../../providers/kubernetes/pod-status.js';
import { ageColumn, clusterColumn, k8sList } from './k8s-lists.js';
import { stateTone } from './tones.js';
import type { PaneDef, RowContext } from './types.js';

const at = (c: RowContext, i: number) => {
  const { cluster, item } = k8sList(c, 'Pod')[i];
  return { cluster, pod: item };
};

const SEARCH_TEXTS = new WeakMap<object, { changes: number; texts: string[] }>();

function searchText({ cluster, item: pod }: { cluster: string; item: Pod }): string {
  return `${cluster} ${pod.metadata.namespace} ${pod.metadata.name} ${podStatusText(pod)} ${pod.spec.nodeName ?? ''}`.toLowerCase();
}

/** The word's tone: Running as running, the waits and failures as the states they are like. */
function statusTone(status: string) {
  if (status === 'Running' || status === 'Completed') return stateTone('running');
  if (status === 'Pending' || status === 'ContainerCreating' || status === 'Terminating') return stateTone('provisioning');
  return stateTone('failed');
}

export const kubernetesPane: PaneDef = {
  id: 'kubernetes',
  title: 'Kubernetes',
  empty: 'No pods. Try :kubectl create deployment web --image=nginx:1.27 --replicas=3',
  rows: (ctx) => k8sList(ctx, 'Pod').map((_, i) => i),
  columns: [
    clusterColumn('Pod'),
    { id: 'namespace', title: 'NAMESPACE', width: 12, drop: 3, text: (c, i) => at(c, i).pod.metadata.namespace ?? '' },
    { id: 'name', title: 'NAME', width: 30, flex: true, maxWidth: 48, drop: 0, sort: 'sort.name', text: (c, i) => at(c, i).pod.metadata.name },
    { id: 'ready', title: 'READY', width: 5, drop: 2, text: (c, i) => podReadyText(at(c, i).pod) },
    {
      id: 'status',
      title: 'STATUS',
      width: 17,
      drop: 0,
      sort: 'sort.state',
      text: (c, i) => podStatusText(at(c, i).pod),
      tone: (c, i) => statusTone(podStatusText(at(c, i).pod)),
    },
    {
      id: 'restarts',
      title: 'RESTARTS',
      width: 8,
      align: 'right',
      drop: 2,
      sort: 'sort.count',
      numeric: true,
      text: (c, i) => String(at(c, i).pod.status.restartCount),
      value: (c, i) => at(c, i).pod.status.restartCount,
      tone: (c, i) => (at(c, i).pod.status.restartCount > 0 ? 'severity.warn' : undefined),
    },
    { id: 'ip', title: 'IP', width: 13, drop: 3, text: (c, i) => at(c, i).pod.status.podIP ?? '' },
    { id: 'node', title: 'NODE', width: 14, drop: 1, sort: 'sort.host', text: (c, i) => at(c, i).pod.spec.nodeName ?? '' },
    ageColumn((c, i) => at(c, i).pod.metadata.creationTimestamp),
  ],
  fields: {
    cluster: (c, i) => at(c, i).cluster,
    namespace: (c, i) => at(c, i).pod.metadata.namespace ?? '',
    ns: (c, i) => at(c, i).pod.metadata.namespace ?? '',
    name: (c, i) => at(c, i).pod.metadata.name,
    status: (c, i) => podStatusText(at(c, i).pod),
    state: (c, i) => podStatusText(at(c, i).pod),
    node: (c, i) => at(c, i).pod.spec.nodeName ?? '',
    host: (c, i) => at(c, i).pod.spec.nodeName ?? '',
    app: (c, i) => at(c, i).pod.metadata.labels.app ?? '',
  },
  search: (c, i) => searchText(k8sList(c, 'Pod')[i]),
  // The list once for a whole filter, not once a row.
  searcher: (c) => {
    const list = k8sList(c, 'Pod');
    // Typing a filter runs it once a key: the texts are kept while no pod has changed.
    const changes = c.estate.providers.kubernetes.changes;
    let known = SEARCH_TEXTS.get(list);
    if (!known || known.changes !== changes) SEARCH_TEXTS.set(list, (known = { changes, texts: new Array<string>(list.length) }));
    const texts = known.texts;
    return (i) => (texts[i] ??= searchText(list[i]));
  },
  // enter opens the pod's container: its image, its node's host and what it uses.
  subject: (c, i) => {
    const id = at(c, i).pod.status.runtimeId;
    return id === undefined ? undefined : { type: 'workload', id };
  },
};
