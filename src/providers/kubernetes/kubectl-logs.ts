// kubectl logs POD | TYPE/NAME [-c CONTAINER] [-p] [--tail N] [--timestamps],
// and -l SELECTOR: what the pod's container printed (docker/image-output.ts),
// in kubectl's and the kubelet's words when there is nothing to read.
// Sources: kubectl pkg/cmd/logs/logs.go (usage, flags, "error from server
// (NotFound): ... in namespace" since 1.30, "No resources found in ...
// namespace.", --tail defaulting to 10 with a selector), polymorphichelpers
// logsforobject.go ("Defaulted container", "is not valid for pod ... out of:")
// and GetFirstPod ("Found N pods, using pod/NAME"), the kubelet's
// validateContainerLogStatus (kubelet_pods.go: "is waiting to start: ...",
// "previous terminated container ... not found"), and the timestamps'
// RFC3339NanoFixed (kuberuntime/logs).
import { matches, type Requirement, requirementsOf } from '../../orchestrator/labels.js';
import type { Pod } from '../../orchestrator/objects.js';
import { loadSources } from '../../orchestrator/traffic.js';
import { bool, num, str } from '../cli/flags.js';
import { logTimestamp, type OutputLine, startOutput } from '../docker/image-output.js';
import type { ExecResult } from '../provider.js';
import { MOST_LINES, type RequestClient, requestLines } from '../workload-logs.js';
import { error, type Kctl, type KubectlCommand, ok, selectorFlag } from './kubectl-context.js';
import { lookup, qualified } from './kubectl-target.js';
import { NODE_OS } from './printers.js';
import { resourceFor } from './resources.js';

const USAGE = 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]';

export const logs: KubectlCommand = {
  short: 'Print the logs for a container in a pod',
  flags: {
    container: { type: 'string', aliases: ['c'] },
    previous: { type: 'boolean', aliases: ['p'] },
    tail: { type: 'integer' },
    timestamps: { type: 'boolean' },
    follow: { type: 'boolean', aliases: ['f'] },
    selector: { type: 'string', aliases: ['l'] },
    since: { type: 'string' },
    'since-time': { type: 'string' },
    'all-containers': { type: 'boolean' },
    prefix: { type: 'boolean' },
    'limit-bytes': { type: 'integer' },
    'max-log-requests': { type: 'integer', ignored: true },
    'ignore-errors': { type: 'boolean', ignored: true },
    'pod-running-timeout': { type: 'string', ignored: true },
    'insecure-skip-tls-verify-backend': { type: 'boolean', ignored: true },
  },
  run(k) {
    for (const flag of ['follow', 'since', 'since-time'] as const)
      if (flag === 'follow' ? bool(k.flags, 'follow') : k.flags.values.has(flag))
        return error(
          flag === 'follow'
            ? "hyperpane: kubectl logs -f streams the log as it grows: at the console's prompt it opens the logs view, following; here leave out -f"
            : `hyperpane: kubectl logs --${flag} is not modelled; --tail N prints the last N lines`,
        );
    const reqs = selectorFlag(k);
    if (!reqs.ok) return reqs.result;
    const positionals = k.flags.positionals;
    const selector = str(k.flags, 'selector');
    // logs.go Complete's arity, then Validate's: one word and -l are refused together, as are -c and "POD CONTAINER".
    if (selector !== undefined && positionals.length === 1) return usageError('only a selector (-l) or a POD name is allowed');
    if ((selector === undefined && positionals.length === 0) || positionals.length > 2)
      return usageError(`expected '${USAGE}'.\nPOD or TYPE/NAME is a required argument for the logs command`);
    if (selector !== undefined && positionals.length === 2) return error('selectors and the all flag cannot be used when passing resource/name arguments');
    if (positionals.length === 2 && str(k.flags, 'container') !== undefined) return error('only one of -c or an inline [CONTAINER] arg is allowed');
    const tailFlag = num(k.flags, 'tail');
    const tail = tailFlag ?? (selector !== undefined ? 10 : -1);
    // 0 is no limit (ToLogOptions sets LimitBytes only when it is not 0); below 0 is refused once the object is found.
    const limitBytes = num(k.flags, 'limit-bytes') || undefined;
    const options = { previous: bool(k.flags, 'previous'), tail, timestamps: bool(k.flags, 'timestamps'), prefix: bool(k.flags, 'prefix'), limitBytes };
    if (selector !== undefined && positionals.length === 0) {
      const pods = k.cluster.list('Pod', k.namespace).filter((p) => matches(reqs.value, p.metadata.labels));
      const none = pods.length === 0 ? `No resources found in ${k.namespace} namespace.\n` : '';
      if (tail < -1) return { ...tailError(), stderr: none + tailError().stderr };
      if (pods.length === 0) return ok('', none);
      let stdout = '';
      for (const pod of pods) {
        const r = podLogs(k, pod, options);
        if (r.exitCode !== 0) return { ...r, stdout: stdout + r.stdout };
        stdout += r.stdout;
      }
      return ok(stdout);
    }
    // "POD", "pod/NAME", "TYPE/NAME", or "POD CONTAINER" (kubectl's older form, still read).
    const [target, containerArg] = positionals;
    const container = containerArg ?? str(k.flags, 'container');
    const slash = target.indexOf('/');
    if (slash < 0) {
      const pod = k.cluster.get('Pod', k.namespace, target);
      if (!pod) return notFound(`pods "${target}" not found`, k.namespace);
      return podLogs(k, pod, { ...options, container });
    }
    const info = resourceFor(target.slice(0, slash));
    const name = target.slice(slash + 1);
    if (!info) return error(`the server doesn't have a resource type "${target.slice(0, slash)}"`);
    if (!name) return error('arguments in resource/name form must have a single resource and name');
    if (info.type === 'pods') {
      const pod = k.cluster.get('Pod', k.namespace, name);
      if (!pod) return notFound(`pods "${name}" not found`, k.namespace);
      return podLogs(k, pod, { ...options, container });
    }
    if (info.type === 'nodes') {
      if (!k.cluster.node(name)) return notFound(`nodes "${name}" not found`, k.namespace);
      return error(notImplemented('*v1.Node'));
    }
    const owner = lookup(k.cluster, info, k.namespace, name);
    if (!owner) return notFound(`${qualified(info)} "${name}" not found`, k.namespace);
    // polymorphichelpers SelectorsForObject: the owners of pods and a Service's selector; anything else has none.
    let selected: Requirement[];
    if (owner.kind === 'Service') {
      if (!owner.spec.selector || Object.keys(owner.spec.selector).length === 0)
        return error(`cannot get the logs from *v1.Service: invalid service '${name}': Service is defined without a selector`);
      selected = requirementsOf({ matchLabels: owner.spec.selector });
    } else if (owner.kind === 'Deployment' || owner.kind === 'ReplicaSet') selected = requirementsOf(owner.spec.selector);
    else return error(notImplemented(GO_TYPE[owner.kind] ?? `*v1.${owner.kind}`));
    const pods = k.cluster.list('Pod', k.namespace).filter((p) => matches(selected, p.metadata.labels));
    if (pods.length === 0) return error(`timed out waiting for the condition`);
    const pod = firstPod(pods);
    const found = pods.length > 1 ? `Found ${pods.length} pods, using pod/${pod.metadata.name}\n` : '';
    const r = podLogs(k, pod, { ...options, container });
    return { ...r, stderr: found + r.stderr };
  },
};

/** The Go types kubectl decodes these objects into, as its error names them. */
const GO_TYPE: Readonly<Record<string, string>> = { HorizontalPodAutoscaler: '*v2.HorizontalPodAutoscaler' };

function notImplemented(type: string): string {
  return `cannot get the logs from ${type}: selector for ${type} not implemented`;
}

/** logs.go Validate, which runs once the object is found: a missing one is said first. */
function tailError(): ExecResult {
  return error('--tail must be greater than or equal to -1');
}

function usageError(message: string): ExecResult {
  return { exitCode: 1, stdout: '', stderr: `error: ${message}\nSee 'kubectl logs -h' for help and examples\n`, changed: false };
}

/** kubectl 1.30+: the server's NotFound, wrapped with the namespace it looked in. */
function notFound(what: string, namespace: string): ExecResult {
  return error(`error from server (NotFound): ${what} in namespace "${namespace}"`);
}

/** The API server's answer when the kubelet has nothing to give (a BadRequest). */
function badRequest(message: string): ExecResult {
  return { exitCode: 1, stdout: '', stderr: `Error from server (BadRequest): ${message}\n`, changed: false };
}

/**
 * GetFirstPod's choice among an owner's pods (podutils.ByLogging): scheduled before unscheduled;
 * Running, then Unknown, then Pending (a phase it does not rank, Succeeded or Failed, ranks with
 * Running); ready before not, the longer ready first; more restarts first; then the older.
 */
function firstPod(pods: readonly Pod[]): Pod {
  const rank = (p: Pod) => (p.status.phase === 'Pending' ? 2 : p.status.phase === 'Unknown' ? 1 : 0);
  const ready = (p: Pod) => p.status.container.ready;
  return [...pods].sort(
    (a, b) =>
      Number(a.spec.nodeName === undefined) - Number(b.spec.nodeName === undefined) ||
      rank(a) - rank(b) ||
      Number(!ready(a)) - Number(!ready(b)) ||
      (ready(a) && ready(b) ? (a.status.startedAt ?? 0) - (b.status.startedAt ?? 0) : 0) ||
      b.status.restartCount - a.status.restartCount ||
      a.metadata.creationTimestamp - b.metadata.creationTimestamp,
  )[0];
}

interface LogOptions {
  readonly previous: boolean;
  readonly tail: number;
  readonly timestamps: boolean;
  readonly prefix: boolean;
  /** --limit-bytes: the log cut after this many bytes (PodLogOptions.LimitBytes); undefined for all of it. */
  readonly limitBytes?: number;
  readonly container?: string;
}

function podLogs(k: Kctl, pod: Pod, o: LogOptions): ExecResult {
  // logs.go Validate's order: the byte limit, then the tail.
  if (o.limitBytes !== undefined && o.limitBytes < 0) return error('--limit-bytes must be greater than 0');
  if (o.tail < -1) return tailError();
  const name = pod.metadata.name;
  const containers = pod.spec.containers.map((c) => c.name);
  if (o.container !== undefined && !containers.includes(o.container))
    return error(`container ${o.container} is not valid for pod ${name} out of: ${containers.join(', ')}`);
  const container = o.container ?? containers[0];
  // Not yet on a node: the API server has no kubelet to ask, and the log is empty.
  if (pod.spec.nodeName === undefined) return ok('');
  const s = pod.status;
  const image = pod.spec.containers[0].image;
  // The kubelet's order (validateContainerLogStatus): the previous run if asked for, the running
  // one, else the last that ended (a container waiting to restart, CrashLoopBackOff, shows it).
  let lines: OutputLine[];
  let omitted: number;
  // A byte limit reads the log from its start (LimitBytes), a tail from its end: the lines held are that end's.
  const fromStart = o.limitBytes !== undefined && o.tail < 0;
  // Only the lines it will show are written: a tail's, else the newest MOST_LINES.
  const most = o.tail >= 0 ? Math.min(o.tail, MOST_LINES) : MOST_LINES;
  if (o.previous) {
    const last = s.lastTermination;
    // A container that ended and was not started again has no previous run: its last termination is its state.
    const restarted = s.restartCount > 0 && s.container.state !== 'terminated';
    if (!last || last.startedAt === undefined || !restarted) return badRequest(`previous terminated container "${container}" in pod "${name}" not found`);
    ({ lines, omitted } = output(k, pod, last.image ?? image, last.startedAt, last.at, fromStart, most));
  } else if (s.container.state === 'running' && s.startedAt !== undefined) {
    ({ lines, omitted } = output(k, pod, s.image ?? image, s.startedAt, undefined, fromStart, most));
  } else if (s.lastTermination?.startedAt !== undefined) {
    ({ lines, omitted } = output(k, pod, s.lastTermination.image ?? image, s.lastTermination.startedAt, s.lastTermination.at, fromStart, most));
  } else if (s.container.state === 'terminated') {
    return badRequest(`container "${container}" in pod "${name}" is terminated`);
  } else {
    const reason = s.container.reason ?? 'ContainerCreating';
    const why = reason === 'ErrImagePull' ? "image can't be pulled" : reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : reason;
    return badRequest(`container "${container}" in pod "${name}" is waiting to start: ${why}`);
  }
  const shown = o.tail >= 0 ? lines.slice(Math.max(0, lines.length - o.tail)) : lines;
  if (o.tail >= 0 && o.tail <= MOST_LINES) omitted = 0;
  const prefix = o.prefix ? `[pod/${name}/${container}] ` : '';
  const text = shown.map((l) => `${prefix}${o.timestamps ? `${logTimestamp(l.at)} ` : ''}${l.text}\n`).join('');
  const bytes = o.limitBytes ? Buffer.from(text) : undefined;
  const result = ok(bytes && o.limitBytes ? bytes.subarray(0, o.limitBytes).toString() : text);
  // A byte limit the lines held reach has all it asked for.
  if (bytes && o.limitBytes && bytes.length >= o.limitBytes) omitted = 0;
  if (omitted === 0) return result;
  // A busy server's whole log is more than a terminal holds: the newest lines (a byte limit's, the first), and a word on the rest
  // (hyperpane's, not kubectl's).
  const held = shown.length.toLocaleString('en-US');
  return {
    ...result,
    stderr: fromStart
      ? `hyperpane: the first ${held} lines of pod/${name} written, ${omitted.toLocaleString('en-US')} later ones left out (--tail N chooses how many)\n`
      : `hyperpane: ${omitted.toLocaleString('en-US')} earlier lines of pod/${name} left out, the newest ${held} written (--tail N chooses how many)\n`,
  };
}

/**
 * Who a pod's requests come from: a load generator's loop (busybox wget, whose User-Agent is "Wget": networking/wget.c)
 * through its service, kube-proxy keeping the generator pod's own address; else the node, as curl on it would.
 */
function podClient(k: Kctl, pod: Pod): RequestClient | undefined {
  const address = loadSources(k.cluster, pod)[0]?.status.podIP;
  return address === undefined ? undefined : { address, agent: 'Wget' };
}

/** What the pod's container printed in its run that started at `at` (and ended at `end`): its image's start-up, then its requests, the newest `most`. */
function output(
  k: Kctl,
  pod: Pod,
  image: string,
  at: number,
  end: number | undefined,
  fromStart: boolean,
  most: number,
): { lines: OutputLine[]; omitted: number } {
  const host = pod.spec.nodeName === undefined ? undefined : k.ctx.runtime.host(pod.spec.nodeName);
  const cpus = host ? Math.round(host.milliCpu / 1000) : 1;
  const start = startOutput(image, at, { cpus, kernel: NODE_OS[k.cluster.data.settings.flavour].kernel }) ?? [];
  const id = pod.status.runtimeId;
  const served =
    id === undefined || k.driver.requests === undefined
      ? { lines: [], total: 0 }
      : requestLines(
          k.driver.requests,
          id,
          image,
          { upAt: at, downAt: end ?? Number.POSITIVE_INFINITY },
          { from: at, to: Math.min(end ?? k.now, k.now) + 1 },
          most,
          fromStart,
          podClient(k, pod),
        );
  const lines = [...start, ...served.lines];
  const held = fromStart ? lines.slice(0, most) : lines.slice(Math.max(0, lines.length - most));
  return { lines: held, omitted: start.length + served.total - held.length };
}
