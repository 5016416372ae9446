// What each node's kubelet does for its pods, once a second as its pod
// lifecycle event generator relists (PLEG's relist period, 1 s): start the
// container through the runtime, follow its state, restart it with back-off
// when it exits, and stop and remove it when the pod is deleted. A kubelet on a
// host that is down does nothing: the API keeps what it last reported.
import type { Cluster } from './cluster.js';
import { recordEvent } from './events.js';
import { allocatePodIp } from './ipam.js';
import { nodeReady, podRef } from './nodes.js';
import type { Pod } from './objects.js';
import { containerLimits, podRequests } from './pod-resources.js';
import type { Context } from './runtime.js';

/** kubelet's crash back-off (pkg/kubelet/kubelet.go): 10 s, doubling, at most 5 min. */
export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;
/** A container that ran this long before exiting starts its back-off afresh (2 x the maximum, flowcontrol.Backoff's reset). */
export const BACKOFF_RESET_MS = 2 * BACKOFF_MAX_MS;
/** The image's full reference as containerd resolves it ("nginx:1.2" is docker.io/library/nginx:1.2). */
function fullImageName(image: string): string {
  const first = image.split('/')[0];
  if (image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')) return image;
  return `docker.io/${image.includes('/') ? '' : 'library/'}${image}${/:[^/]+$/.test(image) ? '' : ':latest'}`;
}

/** Go's time.Duration String() of whole milliseconds: "482ms", "4.48s", "1m5.2s". */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const m = Math.floor(ms / 60_000);
  const s = ((ms % 60_000) / 1000).toFixed(3).replace(/\.?0+$/, '');
  return m > 0 ? `${m}m${s}s` : `${s}s`;
}

/** podgc's quarantine before it deletes a pod of a node that does not exist. */
export const ORPHAN_QUARANTINE_MS = 40_000;

/** The exit code of a process killed by SIGKILL (the kernel's OOM killer sends it). */
const SIGKILL_EXIT = 137;

export function syncPods(cluster: Cluster, ctx: Context): void {
  for (const pod of cluster.list('Pod')) {
    const nodeName = pod.spec.nodeName;
    if (nodeName === undefined) {
      if (pod.metadata.deletionTimestamp !== undefined) cluster.remove(pod);
      continue;
    }
    const node = cluster.node(nodeName);
    if (!node) {
      // The pod garbage collector deletes a pod bound to a node that does not exist (podgc gcOrphaned, after its 40 s quarantine).
      if (pod.metadata.deletionTimestamp !== undefined || ctx.now - pod.metadata.creationTimestamp >= ORPHAN_QUARANTINE_MS) cluster.remove(pod);
      continue;
    }
    if (!ctx.runtime.host(nodeName)?.up) {
      if (pod.status.container.ready && node && !nodeReady(node)) {
        // MarkPodsNotReady: endpoints drop the pod once its node is NotReady.
        pod.status.container.ready = false;
        cluster.changes++;
      }
      continue;
    }
    if (pod.metadata.deletionTimestamp !== undefined) terminate(cluster, ctx, pod);
    else run(cluster, ctx, pod, nodeName);
  }
}

function terminate(cluster: Cluster, ctx: Context, pod: Pod): void {
  const id = pod.status.runtimeId;
  const c = id === undefined ? undefined : ctx.runtime.container(id);
  const graceEnds = pod.metadata.deletionTimestamp! + (pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
  const alive = c && (c.state === 'running' || c.state === 'booting' || c.state === 'paused' || c.state === 'provisioning');
  if (alive && ctx.now < graceEnds) {
    if (pod.status.container.reason !== 'Killing') {
      ctx.runtime.stop(id!, graceEnds - ctx.now);
      pod.status.container = { state: 'running', reason: 'Killing', ready: false };
      recordEvent(cluster, ctx, podRef(pod), 'Normal', 'Killing', `Stopping container ${pod.spec.containers[0].name}`, 'kubelet', pod.spec.nodeName);
    }
    return;
  }
  if (c && c.state === 'stopping' && ctx.now < graceEnds) return;
  if (id !== undefined && c) ctx.runtime.remove(id);
  cluster.remove(pod);
}

function run(cluster: Cluster, ctx: Context, pod: Pod, node: string): void {
  const status = pod.status;
  const spec = pod.spec.containers[0];
  if (status.runtimeId === undefined) {
    if (status.backOffUntil !== undefined && ctx.now < status.backOffUntil) return;
    if (!ctx.runtime.knownImage(spec.image)) {
      // A failed pull is ErrImagePull, then ImagePullBackOff while the kubelet waits to try again (containerd's words).
      const full = fullImageName(spec.image);
      if (status.container.reason !== 'ErrImagePull' && status.container.reason !== 'ImagePullBackOff') {
        recordEvent(cluster, ctx, podRef(pod), 'Normal', 'Pulling', `Pulling image "${spec.image}"`, 'kubelet', node);
        recordEvent(
          cluster,
          ctx,
          podRef(pod),
          'Warning',
          'Failed',
          `Failed to pull image "${spec.image}": rpc error: code = NotFound desc = failed to pull and unpack image "${full}": ` +
            `failed to resolve reference "${full}": ${full}: not found`,
          'kubelet',
          node,
        );
        recordEvent(cluster, ctx, podRef(pod), 'Warning', 'Failed', 'Error: ErrImagePull', 'kubelet', node);
        status.container = { state: 'waiting', reason: 'ErrImagePull', ready: false };
        cluster.changes++;
      } else if (status.container.reason === 'ErrImagePull') {
        recordEvent(cluster, ctx, podRef(pod), 'Normal', 'BackOff', `Back-off pulling image "${spec.image}"`, 'kubelet', node);
        recordEvent(cluster, ctx, podRef(pod), 'Warning', 'Failed', 'Error: ImagePullBackOff', 'kubelet', node);
        status.container = { state: 'waiting', reason: 'ImagePullBackOff', message: `Back-off pulling image "${spec.image}"`, ready: false };
        cluster.changes++;
      }
      return;
    }
    const present = ctx.runtime.hasImage(node, spec.image);
    const { requests } = podRequests(pod);
    const r = ctx.runtime.run(node, {
      name: `k8s_${spec.name}_${pod.metadata.name}_${pod.metadata.namespace}_${pod.metadata.uid}_${status.restartCount}`,
      image: spec.image,
      requests,
      limits: containerLimits(spec),
    });
    if (!r.ok) {
      recordEvent(cluster, ctx, podRef(pod), 'Warning', 'Failed', `Error: ${r.message}`, 'kubelet', node);
      status.container = { state: 'waiting', reason: 'CreateContainerError', message: r.message, ready: false };
      status.backOffUntil = ctx.now + BACKOFF_INITIAL_MS;
      cluster.changes++;
      return;
    }
    status.runtimeId = r.id;
    status.image = spec.image;
    status.startTime ??= ctx.now;
    status.podIP ??= allocatePodIp(cluster, cluster.node(node)!);
    status.pullMs = present ? undefined : r.pullMs;
    status.container = { state: 'waiting', reason: 'ContainerCreating', ready: false };
    recordEvent(
      cluster,
      ctx,
      podRef(pod),
      'Normal',
      present ? 'Pulled' : 'Pulling',
      present ? `Container image "${spec.image}" already present on machine` : `Pulling image "${spec.image}"`,
      'kubelet',
      node,
    );
    cluster.changes++;
    return;
  }
  if (status.image !== undefined && status.image !== spec.image) {
    // The pod's image was changed: the kubelet kills the container and makes it again from the new image.
    recordEvent(cluster, ctx, podRef(pod), 'Normal', 'Killing', `Container ${spec.name} definition changed, will be restarted`, 'kubelet', node);
    ctx.runtime.remove(status.runtimeId);
    status.runtimeId = undefined;
    status.startedAt = undefined;
    status.restartCount++;
    status.container = { state: 'waiting', reason: 'ContainerCreating', ready: false };
    cluster.changes++;
    return;
  }
  const c = ctx.runtime.container(status.runtimeId);
  if (!c || c.state === 'deleted') {
    // Removed under the kubelet (docker rm): it makes the container again.
    status.runtimeId = undefined;
    status.startedAt = undefined;
    status.restartCount++;
    cluster.changes++;
    return;
  }
  if (c.state === 'provisioning') return;
  if (c.state === 'booting' || c.state === 'running' || c.state === 'paused' || c.state === 'stopping' || c.state === 'migrating') {
    if (status.startedAt === undefined) started(cluster, ctx, pod, node, c.since);
    const ready = c.state !== 'booting';
    if (status.container.state !== 'running' || status.container.ready !== ready) {
      status.container = { state: 'running', ready };
      cluster.changes++;
    }
    return;
  }
  exited(cluster, ctx, pod, c.exitCode, c.state === 'failed', c.since);
}

/** The container came up: the kubelet's Pulled, Created and Started events, and the pod Running. */
function started(cluster: Cluster, ctx: Context, pod: Pod, node: string, since: number): void {
  const status = pod.status;
  const name = pod.spec.containers[0].name;
  if (status.pullMs !== undefined) {
    // kuberuntime's image puller: the time of the pull, and since the pod asked for it, each cut to the millisecond.
    const took = goDuration(status.pullMs);
    const image = pod.spec.containers[0].image;
    recordEvent(cluster, ctx, podRef(pod), 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${took} (${took} including waiting)`, 'kubelet', node);
    status.pullMs = undefined;
  }
  recordEvent(cluster, ctx, podRef(pod), 'Normal', 'Created', `Created container: ${name}`, 'kubelet', node);
  recordEvent(cluster, ctx, podRef(pod), 'Normal', 'Started', `Started container ${name}`, 'kubelet', node);
  status.startedAt = since;
  status.phase = 'Running';
  status.backOffUntil = undefined;
  cluster.changes++;
}

function exited(cluster: Cluster, ctx: Context, pod: Pod, exitCode: number, hostFailed: boolean, at: number): void {
  const status = pod.status;
  const spec = pod.spec.containers[0];
  if (status.container.state !== 'terminated' && status.backOffUntil === undefined) {
    const code = hostFailed ? 255 : Math.max(0, exitCode);
    const limited = containerLimits(spec).memory !== undefined;
    const reason = code === SIGKILL_EXIT && limited ? 'OOMKilled' : code === 0 ? 'Completed' : hostFailed ? 'Unknown' : 'Error';
    const ran = status.startedAt === undefined ? 0 : at - status.startedAt;
    status.lastTermination = {
      reason,
      exitCode: code,
      at,
      ...(status.startedAt !== undefined ? { startedAt: status.startedAt } : {}),
      ...(status.image !== undefined ? { image: status.image } : {}),
    };
    status.startedAt = undefined;
    status.container = { state: 'terminated', reason, ready: false };
    const restarts = pod.spec.restartPolicy === 'Always' || (pod.spec.restartPolicy === 'OnFailure' && code !== 0);
    if (!restarts) {
      status.phase = code === 0 ? 'Succeeded' : 'Failed';
      cluster.data.roomVersion++;
      cluster.changes++;
      return;
    }
    if (ran >= BACKOFF_RESET_MS) status.backOffMs = undefined;
    // The first restart is at once; each later one waits the back-off, which then doubles.
    const wait = status.backOffMs ?? 0;
    status.backOffMs = Math.min((status.backOffMs ?? BACKOFF_INITIAL_MS / 2) * 2, BACKOFF_MAX_MS);
    status.backOffUntil = ctx.now + wait;
    cluster.changes++;
  }
  if (status.phase === 'Succeeded' || status.phase === 'Failed') return;
  if (ctx.now < (status.backOffUntil ?? 0)) {
    if (status.container.reason !== 'CrashLoopBackOff') {
      status.container = {
        state: 'waiting',
        reason: 'CrashLoopBackOff',
        message: `back-off ${Math.round((status.backOffUntil! - ctx.now) / 1000)}s restarting failed container=${spec.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
        ready: false,
      };
      recordEvent(
        cluster,
        ctx,
        podRef(pod),
        'Warning',
        'BackOff',
        `Back-off restarting failed container ${spec.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
        'kubelet',
        pod.spec.nodeName,
      );
      cluster.changes++;
    }
    return;
  }
  status.backOffUntil = undefined;
  status.restartCount++;
  status.container = { state: 'waiting', reason: 'ContainerCreating', ready: false };
  ctx.runtime.start(status.runtimeId!);
  cluster.changes++;
}
