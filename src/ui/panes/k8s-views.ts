// The Kubernetes pane's other views, as k9s has them (:deploy, :svc, :nodes):
// deployments with their rollout counts, services with their addresses, and
// nodes with their state and the load of the host under each (enter opens it).
import { nodeReady, podsOn } from '../../orchestrator/nodes.js';
import { externalIpText, nodeStatusText, portsText } from '../../providers/kubernetes/printers.js';
import { pct } from '../format.js';
import { ageColumn as age, clusterColumn as cluster, k8sList } from './k8s-lists.js';
import { levelTone, stateTone } from './tones.js';
import type { PaneDef, RowContext } from './types.js';

const dep = (c: RowContext, i: number) => k8sList(c, 'Deployment')[i].item;
/** Its READY column, as kubectl get shows it: 5/5. */
const readyOf = (c: RowContext, i: number) => `${dep(c, i).status.readyReplicas}/${dep(c, i).spec.replicas}`;
const imagesOf = (c: RowContext, i: number) =>
  dep(c, i)
    .spec.template.spec.containers.map((x) => x.image)
    .join(',');

export const deploymentsView: PaneDef = {
  id: 'k8s-deployments',
  title: 'Deployments',
  empty: 'No deployments. Try :kubectl create deployment web --image=nginx:1.27 --replicas=3',
  rows: (ctx) => k8sList(ctx, 'Deployment').map((_, i) => i),
  columns: [
    cluster('Deployment'),
    { id: 'namespace', title: 'NAMESPACE', width: 12, drop: 3, text: (c, i) => dep(c, i).metadata.namespace ?? '' },
    { id: 'name', title: 'NAME', width: 24, flex: true, maxWidth: 40, drop: 0, sort: 'sort.name', text: (c, i) => dep(c, i).metadata.name },
    {
      id: 'ready',
      title: 'READY',
      width: 7,
      drop: 0,
      text: (c, i) => readyOf(c, i),
      tone: (c, i) => stateTone(dep(c, i).status.readyReplicas === dep(c, i).spec.replicas ? 'running' : 'provisioning'),
    },
    { id: 'updated', title: 'UP-TO-DATE', width: 10, align: 'right', drop: 2, text: (c, i) => String(dep(c, i).status.updatedReplicas) },
    { id: 'available', title: 'AVAILABLE', width: 9, align: 'right', drop: 2, text: (c, i) => String(dep(c, i).status.availableReplicas) },
    {
      id: 'image',
      title: 'IMAGES',
      width: 16,
      drop: 3,
      text: (c, i) => imagesOf(c, i),
    },
    age((c, i) => dep(c, i).metadata.creationTimestamp),
  ],
  fields: {
    cluster: (c, i) => k8sList(c, 'Deployment')[i].cluster,
    namespace: (c, i) => dep(c, i).metadata.namespace ?? '',
    ns: (c, i) => dep(c, i).metadata.namespace ?? '',
    name: (c, i) => dep(c, i).metadata.name,
    // Its READY column: a tape's Wait State deployment/web 5/5 waits on it, as on kubectl get's.
    ready: (c, i) => readyOf(c, i),
    state: (c, i) => readyOf(c, i),
    image: (c, i) => imagesOf(c, i),
  },
  search: (c, i) => `${k8sList(c, 'Deployment')[i].cluster} ${dep(c, i).metadata.namespace} ${dep(c, i).metadata.name}`.toLowerCase(),
  subject: () => undefined,
};

const svc = (c: RowContext, i: number) => k8sList(c, 'Service')[i].item;

export const servicesView: PaneDef = {
  id: 'k8s-services',
  title: 'Services',
  empty: 'No services.',
  rows: (ctx) => k8sList(ctx, 'Service').map((_, i) => i),
  columns: [
    cluster('Service'),
    { id: 'namespace', title: 'NAMESPACE', width: 12, drop: 3, text: (c, i) => svc(c, i).metadata.namespace ?? '' },
    { id: 'name', title: 'NAME', width: 20, flex: true, maxWidth: 36, drop: 0, sort: 'sort.name', text: (c, i) => svc(c, i).metadata.name },
    { id: 'type', title: 'TYPE', width: 12, drop: 2, sort: 'sort.state', text: (c, i) => svc(c, i).spec.type },
    { id: 'cluster-ip', title: 'CLUSTER-IP', width: 15, drop: 3, text: (c, i) => svc(c, i).spec.clusterIP },
    {
      id: 'external-ip',
      title: 'EXTERNAL-IP',
      width: 15,
      drop: 1,
      text: (c, i) => externalIpText(svc(c, i)),
      tone: (c, i) => (externalIpText(svc(c, i)) === '<pending>' ? stateTone('provisioning') : undefined),
    },
    { id: 'ports', title: 'PORT(S)', width: 14, drop: 1, text: (c, i) => portsText(svc(c, i)) },
    age((c, i) => svc(c, i).metadata.creationTimestamp),
  ],
  fields: {
    cluster: (c, i) => k8sList(c, 'Service')[i].cluster,
    namespace: (c, i) => svc(c, i).metadata.namespace ?? '',
    ns: (c, i) => svc(c, i).metadata.namespace ?? '',
    name: (c, i) => svc(c, i).metadata.name,
    type: (c, i) => svc(c, i).spec.type,
  },
  search: (c, i) => `${k8sList(c, 'Service')[i].cluster} ${svc(c, i).metadata.namespace} ${svc(c, i).metadata.name} ${svc(c, i).spec.type}`.toLowerCase(),
  subject: () => undefined,
};

const node = (c: RowContext, i: number) => k8sList(c, 'Node')[i];

export const nodesView: PaneDef = {
  id: 'k8s-nodes',
  title: 'Nodes',
  empty: 'No clusters in this estate.',
  rows: (ctx) => k8sList(ctx, 'Node').map((_, i) => i),
  columns: [
    cluster('Node'),
    { id: 'name', title: 'NAME', width: 24, flex: true, maxWidth: 40, drop: 0, sort: 'sort.name', text: (c, i) => node(c, i).item.name },
    {
      id: 'status',
      title: 'STATUS',
      width: 26,
      drop: 0,
      sort: 'sort.state',
      text: (c, i) => nodeStatusText(node(c, i).item),
      tone: (c, i) => stateTone(nodeReady(node(c, i).item) ? 'running' : 'failed'),
    },
    { id: 'roles', title: 'ROLES', width: 13, drop: 3, text: (c, i) => node(c, i).item.roles.join(',') || '<none>' },
    {
      id: 'pods',
      title: 'PODS',
      width: 5,
      align: 'right',
      drop: 2,
      sort: 'sort.count',
      numeric: true,
      text: (c, i) => String(pods(c, i)),
      value: pods,
    },
    {
      id: 'cpu',
      title: 'CPU%',
      width: 5,
      align: 'right',
      drop: 1,
      sort: 'sort.cpu',
      numeric: true,
      text: (c, i) => pct(c.estate.sim.hostRow(node(c, i).item.name)?.cpuPct ?? 0),
      value: (c, i) => c.estate.sim.hostRow(node(c, i).item.name)?.cpuPct ?? 0,
      tone: (c, i) => levelTone(c.estate.sim.hostRow(node(c, i).item.name)?.cpuPct ?? 0),
    },
    { id: 'ip', title: 'INTERNAL-IP', width: 13, drop: 3, text: (c, i) => node(c, i).item.internalIP },
    age((c, i) => node(c, i).item.createdAt),
  ],
  fields: {
    cluster: (c, i) => node(c, i).cluster,
    name: (c, i) => node(c, i).item.name,
    status: (c, i) => nodeStatusText(node(c, i).item),
    state: (c, i) => nodeStatusText(node(c, i).item),
  },
  search: (c, i) => `${node(c, i).cluster} ${node(c, i).item.name} ${nodeStatusText(node(c, i).item)}`.toLowerCase(),
  // A node is a container host of the estate: enter opens the host.
  subject: (c, i) => ({ type: 'host', id: node(c, i).item.name }),
};

function pods(c: RowContext, i: number): number {
  const { cluster: name, item } = node(c, i);
  const cl = c.estate.providers.kubernetes.clusters.get(name);
  return cl ? podsOn(cl, item.name).length : 0;
}
