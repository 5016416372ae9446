// The Kubernetes scale figure: Kubernetes publishes its limits as 5,000 nodes
// and 150,000 pods a cluster (kubernetes.io "Considerations for large
// clusters"). k8s.schedule.150k builds a cluster of 5,000 nodes and a
// ReplicaSet's 150,000 Pending pods (10m of CPU and 16Mi each, as a density
// test's), then times one scheduler pass binding them all. k8s.keypress.p95
// is then the Kubernetes pane over those pods: a key and the frame after it.

import { MONOCHROME } from '../../src/config/themes.js';
import { gib, tib } from '../../src/core/units.js';
import { Estate } from '../../src/estate/estate.js';
import { DEFAULT_MAX_PODS } from '../../src/orchestrator/allocatable.js';
import { newMeta } from '../../src/orchestrator/cluster.js';
import type { Pod, ReplicaSet } from '../../src/orchestrator/objects.js';
import { podFromTemplate } from '../../src/orchestrator/pod-template.js';
import { schedulePending } from '../../src/orchestrator/scheduling.js';
import { Controller } from '../../src/ui/controller.js';
import { Keymap } from '../../src/ui/keymap.js';
import { paneDef } from '../../src/ui/panes/index.js';

const NODES = 5_000;
const PODS = 150_000;

const estate = new Estate({ seed: 1 });
const { sim, providers: p } = estate;
sim.reserve({ hosts: NODES, workloads: 1 });
sim.addSite({ id: 'dc', kind: 'datacenter' });
sim.addCluster({ id: 'k8s-nodes', site: 'dc', platform: 'docker' });
for (let i = 0; i < NODES; i++) {
  const r = sim.addHost({ id: `node-${i}`, cluster: 'k8s-nodes', cores: 32, memoryMiB: gib(128), storageMiB: tib(1) });
  if (!r.ok) throw new Error(r.error.message);
}
const cluster = p.kubernetes.addCluster(
  { name: 'big', flavour: 'kubeadm', cloud: false, serviceCidr: '10.96.0.0/12', podCidr: '10.0.0.0/8', maxPods: DEFAULT_MAX_PODS },
  Array.from({ length: NODES }, (_, i) => ({ name: `node-${i}`, internalIP: `10.250.${Math.floor(i / 250)}.${(i % 250) + 1}` })),
);
const ctx = p.kubernetes.contextOf(cluster);
const rs: ReplicaSet = {
  kind: 'ReplicaSet',
  metadata: newMeta({ name: 'density', namespace: 'default', labels: { app: 'density' } }, 'rs-uid', 0),
  spec: {
    replicas: PODS,
    minReadySeconds: 0,
    selector: { matchLabels: { app: 'density' } },
    template: {
      metadata: { labels: { app: 'density' } },
      spec: {
        containers: [
          { name: 'pause', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: '10m', memory: '16Mi' } }, imagePullPolicy: 'IfNotPresent' },
        ],
        tolerations: [],
        restartPolicy: 'Always',
        terminationGracePeriodSeconds: 30,
        schedulerName: 'default-scheduler',
      },
    },
  },
  status: { replicas: 0, readyReplicas: 0, availableReplicas: 0, fullyLabeledReplicas: 0, observedGeneration: 0 },
};
cluster.put(rs);
for (let i = 0; i < PODS; i++) cluster.put(podFromTemplate(cluster, ctx, rs.spec.template, { kind: 'ReplicaSet', meta: rs.metadata }) as Pod);
(globalThis as { gc?: () => void }).gc?.();
const start = performance.now();
schedulePending(cluster, ctx);
const ms = performance.now() - start;
const bound = cluster.list('Pod').filter((x) => x.spec.nodeName !== undefined).length;
if (bound !== PODS) throw new Error(`only ${bound} of ${PODS} pods were bound`);

// k8s.keypress.p95: the Kubernetes pane over those 150,000 pods, a key and its frame (the list, then the cells in view).
const ctl = new Controller({ estate, keymap: new Keymap(), theme: MONOCHROME, width: 160, height: 50 });
function frame(): void {
  const list = ctl.rows();
  const rowCtx = ctl.rowContext();
  const p = ctl.state.panes[ctl.state.pane];
  for (const row of list.rows.slice(p.top, p.top + 45)) for (const c of paneDef(ctl.state.pane).columns) c.text(rowCtx, row);
}
ctl.press('6', '6');
frame();
const keys: [string, string][] = [
  ...Array.from({ length: 40 }, (): [string, string] => ['j', 'j']),
  ['G', 'G'],
  ['g', 'g'],
  ...Array.from({ length: 10 }, (): [string, string] => ['pagedown', '']),
  ['/', '/'],
  ...[...'density-'].map((ch): [string, string] => [ch, ch]),
  ['enter', ''],
  ['escape', ''],
  ['N', 'N'],
  ['N', 'N'],
];
const times: number[] = [];
for (const [name, text] of keys) {
  const t = performance.now();
  ctl.press(name, text);
  frame();
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const p95 = times[Math.floor(times.length * 0.95)];
process.stdout.write(
  `${JSON.stringify([
    { name: 'k8s.schedule.150k', value: ms, unit: 'ms', target: 2000 },
    { name: 'k8s.keypress.p95', value: p95, unit: 'ms', target: 16 },
  ])}\n`,
);
