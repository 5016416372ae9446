// The Deployment controller (pkg/controller/deployment): one ReplicaSet per
// pod template, named after its pod-template-hash; a changed template gets a
// new one with the next revision, grown and the old ones shrunk by the rolling
// update's bounds (rolling.ts) or, for Recreate, the old ones emptied first.
// A paused Deployment only scales; old ReplicaSets past revisionHistoryLimit
// are deleted once empty.
import type { Cluster } from './cluster.js';
import { newMeta } from './cluster.js';
import { involvedOf, recordEvent } from './events.js';
import { canonicalJson, templateHash } from './names.js';
import { controllerOf, type Deployment, ownerReference, type PodTemplate, type ReplicaSet } from './objects.js';
import { ownedPods } from './replicaset-controller.js';
import { fenceposts, maxScaledDown, newReplicasFor } from './rolling.js';
import { type Context, newUid } from './runtime.js';

export const REVISION = 'deployment.kubernetes.io/revision';
const DESIRED = 'deployment.kubernetes.io/desired-replicas';
const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const HASH_LABEL = 'pod-template-hash';

/** calculateStatus's Available condition: at least replicas - maxUnavailable available (all of them for Recreate). */
export function minimumAvailable(d: Deployment): boolean {
  const maxUnavailable = d.spec.strategy.type === 'RollingUpdate' ? maxSurgeOf(d)[1] : 0;
  return d.status.availableReplicas >= d.spec.replicas - maxUnavailable;
}

export function ownedReplicaSets(cluster: Cluster, d: Deployment): ReplicaSet[] {
  return cluster
    .dependents(d.metadata.uid)
    .filter((o): o is ReplicaSet => o.kind === 'ReplicaSet' && controllerOf(o.metadata)?.uid === d.metadata.uid)
    .sort((a, b) => a.metadata.creationTimestamp - b.metadata.creationTimestamp || (a.metadata.name < b.metadata.name ? -1 : 1));
}

/** The template without the hash label: what EqualIgnoreHash compares. */
function templateKey(t: PodTemplate): string {
  const { [HASH_LABEL]: _, ...labels } = t.metadata.labels;
  return canonicalJson({ ...t, metadata: { ...t.metadata, labels } });
}

export function revisionOf(o: { metadata: { annotations: Record<string, string> } }): number {
  return Number(o.metadata.annotations[REVISION] ?? 0);
}

function maxSurgeOf(d: Deployment): [number, number] {
  return d.spec.strategy.type === 'RollingUpdate'
    ? fenceposts(d.spec.strategy.rollingUpdate.maxSurge, d.spec.strategy.rollingUpdate.maxUnavailable, d.spec.replicas)
    : [0, d.spec.replicas];
}

/** The ScalingReplicaSet event (sync.go scaleReplicaSet, and getNewReplicaSet for a new set). */
function scaled(cluster: Cluster, ctx: Context, d: Deployment, rs: ReplicaSet, from: number, to: number): void {
  const how = to > from ? 'up' : 'down';
  recordEvent(
    cluster,
    ctx,
    involvedOf(d),
    'Normal',
    'ScalingReplicaSet',
    `Scaled ${how} replica set ${rs.metadata.name} from ${from} to ${to}`,
    'deployment-controller',
  );
}

function scaleTo(cluster: Cluster, ctx: Context, d: Deployment, rs: ReplicaSet, n: number): void {
  rs.metadata.annotations[DESIRED] = String(d.spec.replicas);
  rs.metadata.annotations[MAX_REPLICAS] = String(d.spec.replicas + maxSurgeOf(d)[0]);
  const from = rs.spec.replicas;
  if (from === n) return;
  rs.spec.replicas = n;
  rs.metadata.generation = (rs.metadata.generation ?? 1) + 1;
  cluster.changes++;
  scaled(cluster, ctx, d, rs, from, n);
}

function createReplicaSet(cluster: Cluster, ctx: Context, d: Deployment, old: ReplicaSet[], replicas: number): ReplicaSet {
  let collision = d.status.collisionCount;
  let hash = templateHash(d.spec.template, collision);
  while (cluster.get('ReplicaSet', d.metadata.namespace, `${d.metadata.name}-${hash}`)) {
    collision = (collision ?? 0) + 1;
    hash = templateHash(d.spec.template, collision);
  }
  d.status.collisionCount = collision;
  const revision = Math.max(0, ...old.map(revisionOf)) + 1;
  const labels = { ...d.spec.template.metadata.labels, [HASH_LABEL]: hash };
  const rs: ReplicaSet = {
    kind: 'ReplicaSet',
    metadata: newMeta(
      {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        labels,
        annotations: { [DESIRED]: String(d.spec.replicas), [MAX_REPLICAS]: String(d.spec.replicas + maxSurgeOf(d)[0]), [REVISION]: String(revision) },
        ownerReferences: [ownerReference('Deployment', d.metadata)],
        generation: 1,
      },
      newUid(ctx.rng),
      ctx.now,
    ),
    spec: {
      replicas,
      minReadySeconds: d.spec.minReadySeconds,
      selector: { ...d.spec.selector, matchLabels: { ...(d.spec.selector.matchLabels ?? {}), [HASH_LABEL]: hash } },
      template: { metadata: { ...structuredClone(d.spec.template.metadata), labels }, spec: structuredClone(d.spec.template.spec) },
    },
    status: { replicas: 0, readyReplicas: 0, availableReplicas: 0, fullyLabeledReplicas: 0, observedGeneration: 0 },
  };
  cluster.put(rs);
  d.metadata.annotations[REVISION] = String(revision);
  if (replicas > 0) scaled(cluster, ctx, d, rs, 0, replicas);
  return rs;
}

export function syncDeployment(cluster: Cluster, ctx: Context, d: Deployment): void {
  if (d.metadata.deletionTimestamp !== undefined) return;
  const all = ownedReplicaSets(cluster, d);
  const key = templateKey(d.spec.template);
  let newRS = all.find((rs) => templateKey(rs.spec.template) === key);
  const old = all.filter((rs) => rs !== newRS);
  const desired = d.spec.replicas;
  const [surge, unavailable] = maxSurgeOf(d);
  const sum = (list: ReplicaSet[]) => list.reduce((n, rs) => n + rs.spec.replicas, 0);

  if (d.spec.paused) {
    // Paused: scaling only, the newest active set taking it all when it is the only one.
    const active = all.filter((rs) => rs.spec.replicas > 0);
    const target = active.length === 1 ? active[0] : (newRS ?? all.at(-1));
    if (target && active.length <= 1) scaleTo(cluster, ctx, d, target, desired);
  } else if (d.spec.strategy.type === 'Recreate') {
    const oldActive = old.filter((rs) => rs.spec.replicas > 0);
    for (const rs of oldActive) scaleTo(cluster, ctx, d, rs, 0);
    const oldPods = old.some((rs) => ownedPods(cluster, rs).length > 0);
    if (!newRS) newRS = createReplicaSet(cluster, ctx, d, old, oldPods || oldActive.length ? 0 : desired);
    else if (!oldPods) scaleTo(cluster, ctx, d, newRS, desired);
  } else {
    if (!newRS) newRS = createReplicaSet(cluster, ctx, d, old, newReplicasFor(desired, sum(old), 0, surge));
    else if (revisionOf(newRS) <= Math.max(0, ...old.map(revisionOf))) {
      // Undo made an old set the new one: it takes the next revision.
      newRS.metadata.annotations[REVISION] = String(Math.max(...old.map(revisionOf)) + 1);
      d.metadata.annotations[REVISION] = newRS.metadata.annotations[REVISION];
      cluster.changes++;
    }
    // reconcileNewReplicaSet
    if (newRS.spec.replicas > desired) scaleTo(cluster, ctx, d, newRS, desired);
    else if (newRS.spec.replicas < desired)
      scaleTo(cluster, ctx, d, newRS, newReplicasFor(desired, sum(all.includes(newRS) ? all : [...all, newRS]), newRS.spec.replicas, surge));
    // reconcileOldReplicaSets
    if (sum(old) > 0) {
      let room = maxScaledDown(sum([...old, newRS]), desired, unavailable, newRS.spec.replicas, newRS.status.availableReplicas);
      // cleanupUnhealthyReplicas: old pods that are not available go first.
      for (const rs of old) {
        if (room <= 0) break;
        const unhealthy = rs.spec.replicas - rs.status.availableReplicas;
        const down = Math.min(room, unhealthy);
        if (down > 0) {
          scaleTo(cluster, ctx, d, rs, rs.spec.replicas - down);
          room -= down;
        }
      }
      // scaleDownOldReplicaSetsForRollingUpdate: as many available ones as keep minAvailable.
      const available = [...old, newRS].reduce((n, rs) => n + Math.min(rs.status.availableReplicas, rs.spec.replicas), 0);
      let total = Math.min(room, available - (desired - unavailable));
      for (const rs of old) {
        if (total <= 0) break;
        const down = Math.min(total, rs.spec.replicas);
        if (down > 0) {
          scaleTo(cluster, ctx, d, rs, rs.spec.replicas - down);
          total -= down;
        }
      }
    }
  }
  cleanupHistory(cluster, d);
  syncStatus(cluster, ctx, d, newRS);
}

/** cleanupDeployment: the oldest empty old sets past revisionHistoryLimit are deleted. */
function cleanupHistory(cluster: Cluster, d: Deployment): void {
  const all = ownedReplicaSets(cluster, d);
  const newest = all.reduce((a: ReplicaSet | undefined, rs) => (!a || revisionOf(rs) > revisionOf(a) ? rs : a), undefined);
  const old = all.filter((rs) => rs !== newest && rs.spec.replicas === 0 && rs.status.replicas === 0).sort((a, b) => revisionOf(a) - revisionOf(b));
  const extra = old.length - d.spec.revisionHistoryLimit;
  for (const rs of old.slice(0, Math.max(0, extra))) cluster.remove(rs);
}

function syncStatus(cluster: Cluster, ctx: Context, d: Deployment, newRS: ReplicaSet | undefined): void {
  const all = ownedReplicaSets(cluster, d);
  const total = (f: (rs: ReplicaSet) => number) => all.reduce((n, rs) => n + f(rs), 0);
  const available = total((rs) => rs.status.availableReplicas);
  const status = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: total((rs) => rs.status.replicas),
    updatedReplicas: newRS?.status.replicas ?? 0,
    readyReplicas: total((rs) => rs.status.readyReplicas),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total((rs) => rs.status.replicas) - available),
  };
  const complete =
    newRS !== undefined && status.updatedReplicas === d.spec.replicas && status.replicas === d.spec.replicas && status.availableReplicas === d.spec.replicas;
  const progressing = d.spec.paused
    ? { reason: 'DeploymentPaused', message: 'Deployment is paused' }
    : complete
      ? { reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${newRS!.metadata.name}" has successfully progressed.` }
      : newRS
        ? { reason: 'ReplicaSetUpdated', message: `ReplicaSet "${newRS.metadata.name}" is progressing.` }
        : undefined;
  let p = d.status.progressing;
  const moved =
    JSON.stringify({ ...status, collisionCount: d.status.collisionCount }) !==
    JSON.stringify({ ...d.status, progressing: undefined, collisionCount: d.status.collisionCount });
  const timedOut = p?.reason === 'ProgressDeadlineExceeded' && progressing?.reason === 'ReplicaSetUpdated';
  if (progressing && (!p || moved || (!timedOut && (p.reason !== progressing.reason || p.message !== progressing.message))))
    p = { ...progressing, at: ctx.now };
  // Progress deadline: no progress for progressDeadlineSeconds (600 by default).
  if (p && p.reason === 'ReplicaSetUpdated' && ctx.now - p.at > d.spec.progressDeadlineSeconds * 1000)
    p = { reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${newRS!.metadata.name}" has timed out progressing.`, at: p.at };
  const next = { ...status, progressing: p, collisionCount: d.status.collisionCount };
  if (JSON.stringify(next) !== JSON.stringify(d.status)) {
    d.status = next;
    cluster.changes++;
  }
}
