// kubectl autoscale, run, top and logs (staging/src/k8s.io/kubectl/pkg/cmd/
// autoscale, run, top, logs): an HPA from flags; a bare pod from an image and a
// command (the walkthrough's load generator among them); what metrics-server
// reports of nodes and pods; and what a container printed.

import { allocatable } from '../../orchestrator/allocatable.js';
import { applyDesired } from '../../orchestrator/api-server.js';
import type { Cluster } from '../../orchestrator/cluster.js';
import { matches } from '../../orchestrator/labels.js';
import { nodeReady } from '../../orchestrator/nodes.js';
import type { Pod } from '../../orchestrator/objects.js';
import { bool, num, str } from '../cli/flags.js';
import type { ExecResult } from '../provider.js';
import { error, type Kctl, type KubectlCommand, selectorFlag } from './kubectl-context.js';
import { lookup, named, notFound } from './kubectl-target.js';
import { decode } from './manifest-objects.js';
import { kubectlTable } from './printers.js';

export const autoscale: KubectlCommand = {
  short: 'Auto-scale a deployment or replica set',
  flags: { min: { type: 'integer' }, max: { type: 'integer' }, 'cpu-percent': { type: 'integer' }, name: { type: 'string' } },
  run(k) {
    const refs = named(k.flags.positionals, ['deployments', 'replicasets']);
    if (!refs.ok) return error(refs.message);
    const { info, name } = refs.refs[0];
    const target = lookup(k.cluster, info, k.namespace, name);
    if (!target) return { exitCode: 1, stdout: '', stderr: `${notFound(info, name)}\n`, changed: false };
    const max = num(k.flags, 'max') ?? 0;
    if (max < 1) return error(`--max=MAXPODS is required and must be at least 1, max: ${max}`);
    const min = num(k.flags, 'min');
    if (min !== undefined && min > max) return error(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
    const cpu = num(k.flags, 'cpu-percent');
    const hpaName = str(k.flags, 'name') ?? name;
    const decoded = decode(
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: hpaName },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: target.kind, name },
          ...(min !== undefined ? { minReplicas: min } : {}),
          maxReplicas: max,
          ...(cpu !== undefined && cpu >= 0
            ? { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } }] }
            : {}),
        },
      },
      k.namespace,
    );
    if (!decoded.ok) return { exitCode: 1, stdout: '', stderr: `${decoded.refusal.message}\n`, changed: false };
    if (k.cluster.get('HorizontalPodAutoscaler', k.namespace, hpaName))
      return {
        exitCode: 1,
        stdout: '',
        stderr: `Error from server (AlreadyExists): horizontalpodautoscalers.autoscaling "${hpaName}" already exists\n`,
        changed: false,
      };
    const r = applyDesired(k.cluster, k.ctx, decoded.value);
    if (!r.ok) return { exitCode: 1, stdout: '', stderr: `Error from server (${r.reason}): ${r.message}\n`, changed: false };
    return { exitCode: 0, stdout: `horizontalpodautoscaler.autoscaling/${hpaName} autoscaled\n`, stderr: '', changed: false };
  },
};

export const run: KubectlCommand = {
  short: 'Run a particular image on the cluster',
  flags: {
    image: { type: 'string' },
    restart: { type: 'string' },
    labels: { type: 'string', aliases: ['l'] },
    port: { type: 'integer' },
    command: { type: 'boolean' },
    rm: { type: 'boolean', ignored: true },
    tty: { type: 'boolean', aliases: ['t'], ignored: true },
    stdin: { type: 'boolean', aliases: ['i'], ignored: true },
    'dry-run': { type: 'string' },
  },
  run(k) {
    const [name, ...rest] = k.flags.positionals;
    if (!name) return error('NAME is required for run');
    const image = str(k.flags, 'image');
    if (!image) return error('--image is required');
    const restart = str(k.flags, 'restart') ?? 'Always';
    if (!['Always', 'OnFailure', 'Never'].includes(restart)) return error(`invalid restart policy: ${restart}`);
    const pairs = (str(k.flags, 'labels') ?? `run=${name}`).split(',');
    if (pairs.some((kv) => kv.indexOf('=') <= 0)) return error(`invalid label spec: ${str(k.flags, 'labels')}`);
    const labels = Object.fromEntries(pairs.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as [string, string]));
    const dry = str(k.flags, 'dry-run');
    if (dry !== undefined && !['client', 'server', 'none'].includes(dry))
      return error(`Invalid dry-run value (${dry}). Must be "none", "server", or "client".`);
    const port = num(k.flags, 'port');
    const container = {
      name,
      image,
      ...(rest.length ? (bool(k.flags, 'command') ? { command: rest } : { args: rest }) : {}),
      ...(port ? { ports: [{ containerPort: port }] } : {}),
    };
    const decoded = decode(
      { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [container], restartPolicy: restart } },
      k.namespace,
    );
    if (!decoded.ok) return { exitCode: 1, stdout: '', stderr: `${decoded.refusal.message}\n`, changed: false };
    if (k.cluster.get('Pod', k.namespace, name))
      return { exitCode: 1, stdout: '', stderr: `Error from server (AlreadyExists): pods "${name}" already exists\n`, changed: false };
    if (dry === 'client' || dry === 'server')
      return { exitCode: 0, stdout: `pod/${name} created (${dry === 'client' ? 'dry run' : 'server dry run'})\n`, stderr: '', changed: false };
    const r = applyDesired(k.cluster, k.ctx, decoded.value);
    if (!r.ok) return { exitCode: 1, stdout: '', stderr: `Error from server (${r.reason}): ${r.message}\n`, changed: false };
    return { exitCode: 0, stdout: `pod/${name} created\n`, stderr: '', changed: false };
  },
};

/** resource.Quantity's String of millicores and of MiB, as top prints them ("250m", "1024Mi"). */
const cores = (milli: number) => `${Math.round(milli)}m`;
const mebibytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)}Mi`;

/** metrics-server answers once it has scraped a pod: its first scrape comes after the pod has run 15 s (--metric-resolution). */
const METRIC_RESOLUTION_MS = 15_000;

function podUsage(k: Kctl, p: Pod): { milliCpu: number; memory: number } | undefined {
  if (!p.status.runtimeId || p.status.startedAt === undefined || k.now - p.status.startedAt < METRIC_RESOLUTION_MS) return undefined;
  return k.ctx.runtime.container(p.status.runtimeId)?.usage;
}

function topNodes(k: Kctl, cluster: Cluster, name: string | undefined): ExecResult {
  const rows: string[][] = [];
  if (name !== undefined && !cluster.node(name))
    return { exitCode: 1, stdout: '', stderr: `Error from server (NotFound): nodes "${name}" not found\n`, changed: false };
  for (const n of cluster.data.nodes) {
    if (name !== undefined && n.name !== name) continue;
    const host = k.ctx.runtime.host(n.name);
    const view = k.driver.sim.hostRow(n.name);
    // A node that is not Ready has no fresh metrics (top_node.go prints it with <unknown>).
    if (!host || !view || !nodeReady(n)) {
      rows.push([n.name, '<unknown>', '<unknown>', '<unknown>', '<unknown>', '']);
      continue;
    }
    const alloc = allocatable(cluster.data.settings.flavour, { milliCpu: host.milliCpu, memory: host.memory }, cluster.data.settings.maxPods);
    const usedCpu = (view.cpuPct / 100) * host.milliCpu;
    const usedMem = (view.memoryPct / 100) * host.memory;
    rows.push([
      n.name,
      cores(usedCpu),
      `${Math.round((usedCpu * 100) / alloc.milliCpu)}%`,
      mebibytes(usedMem),
      `${Math.round((usedMem * 100) / alloc.memory)}%`,
      '',
    ]);
  }
  // top_node.go writes every cell tab-terminated: the last column is padded too.
  return { exitCode: 0, stdout: kubectlTable(['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)', ''], rows), stderr: '', changed: false };
}

export const top: KubectlCommand = {
  short: 'Display resource (CPU/memory) usage',
  flags: { 'all-namespaces': { type: 'boolean', aliases: ['A'] }, selector: { type: 'string', aliases: ['l'] }, 'no-headers': { type: 'boolean' } },
  run(k) {
    const [what, name] = k.flags.positionals;
    if (what === 'node' || what === 'nodes' || what === 'no') return topNodes(k, k.cluster, name);
    const reqs = selectorFlag(k);
    if (!reqs.ok) return reqs.result;
    if (what !== 'pod' && what !== 'pods' && what !== 'po')
      return error(what === undefined ? 'top needs a subcommand: node or pod' : `unknown command "${what}" for "kubectl top"`);
    const all = bool(k.flags, 'all-namespaces');
    const pods = k.cluster
      .list('Pod', all ? undefined : k.namespace)
      .filter((p) => (name === undefined || p.metadata.name === name) && matches(reqs.value, p.metadata.labels));
    if (name !== undefined && pods.length === 0)
      return { exitCode: 1, stdout: '', stderr: `Error from server (NotFound): pods "${name}" not found\n`, changed: false };
    const rows = pods
      .sort((a, b) => (a.metadata.namespace! + a.metadata.name < b.metadata.namespace! + b.metadata.name ? -1 : 1))
      .flatMap((p) => {
        const u = podUsage(k, p);
        return u ? [[...(all ? [p.metadata.namespace!] : []), p.metadata.name, cores(u.milliCpu), mebibytes(u.memory), '']] : [];
      });
    if (rows.length === 0)
      return error(name !== undefined ? `Metrics not available for pod ${k.namespace}/${name}, age: unknown` : 'metrics not available yet');
    return {
      exitCode: 0,
      stdout: kubectlTable([...(all ? ['NAMESPACE'] : []), 'NAME', 'CPU(cores)', 'MEMORY(bytes)', ''], rows, bool(k.flags, 'no-headers')),
      stderr: '',
      changed: false,
    };
  },
};
