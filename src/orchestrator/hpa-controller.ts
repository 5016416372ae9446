// The HorizontalPodAutoscaler controller (pkg/controller/podautoscaler,
// autoscaling/v2), every 15 s (--horizontal-pod-autoscaler-sync-period):
// each metric's utilization is the pods' summed usage over their summed
// requests (replica_calculator.go GetResourceReplicas); desired = ceil(current
// x utilization / target), unless within the 10% tolerance
// (--horizontal-pod-autoscaler-tolerance); not-yet-ready pods count as using
// nothing when the answer is to grow; the largest of the metrics wins; growth
// is at most max(100%, 4 pods) per 15 s and shrinking takes the highest
// recommendation of the last 300 s (the default behavior's policies and
// stabilization window); min and max bound it.
import type { Cluster } from './cluster.js';
import { involvedOf, recordEvent } from './events.js';
import { matches, requirementsOf, selectorText } from './labels.js';
import type { Deployment, HorizontalPodAutoscaler, Pod, ReplicaSet } from './objects.js';
import { containerRequests } from './pod-resources.js';
import { isActive, isReady } from './replicaset-controller.js';
import type { Context } from './runtime.js';

export const HPA_SYNC_MS = 15_000;
export const TOLERANCE = 0.1;
export const SCALE_DOWN_STABILIZATION_MS = 300_000;
/** The default scale-up policies: double, or four more pods, per period, whichever is more. */
const SCALE_UP_PERCENT = 100;
const SCALE_UP_PODS = 4;

function target(cluster: Cluster, hpa: HorizontalPodAutoscaler): Deployment | ReplicaSet | undefined {
  const ref = hpa.spec.scaleTargetRef;
  if (ref.kind === 'Deployment') return cluster.get('Deployment', hpa.metadata.namespace, ref.name);
  if (ref.kind === 'ReplicaSet') return cluster.get('ReplicaSet', hpa.metadata.namespace, ref.name);
  return undefined;
}

type Computed = { ok: true; replicas: number; utilization: number } | { ok: false; reason: string; message: string };

/** One metric's proposal (replica_calculator.go GetResourceReplicas and calcPlainMetricReplicas). */
function proposal(pods: Pod[], resource: 'cpu' | 'memory', targetPct: number, current: number, ctx: Context): Computed {
  if (pods.length === 0)
    return {
      ok: false,
      reason: 'FailedGetResourceMetric',
      message: `unable to get metrics for resource ${resource}: no metrics returned from resource metrics API`,
    };
  let used = 0;
  let requested = 0;
  let unreadyRequested = 0;
  let unready = 0;
  let ready = 0;
  for (const p of pods) {
    const c = p.spec.containers[0];
    const request = resource === 'cpu' ? containerRequests(c).milliCpu : containerRequests(c).memory;
    if (!request)
      return {
        ok: false,
        reason: 'FailedGetResourceMetric',
        message: `failed to get ${resource} utilization: missing request for ${resource} in container ${c.name} of Pod ${p.metadata.name}`,
      };
    const running = p.status.runtimeId ? ctx.runtime.container(p.status.runtimeId) : undefined;
    if (resource === 'cpu' && (!isReady(p) || !running)) {
      unreadyRequested += request;
      unready++;
      continue;
    }
    used += running ? (resource === 'cpu' ? running.usage.milliCpu : running.usage.memory) : 0;
    requested += request;
    ready++;
  }
  if (ready === 0)
    return {
      ok: false,
      reason: 'FailedGetResourceMetric',
      message: `unable to get metrics for resource ${resource}: no metrics returned from resource metrics API`,
    };
  // GetResourceUtilizationRatio: the ratio of the whole-percent utilization to the target.
  const utilization = Math.trunc((used * 100) / requested);
  const ratio = utilization / targetPct;
  if (Math.abs(ratio - 1) <= TOLERANCE && unready === 0) return { ok: true, replicas: current, utilization };
  if (ratio > 1 && unready > 0) {
    // Growing: the pods not ready yet are taken to use nothing.
    const withUnready = Math.trunc((used * 100) / (requested + unreadyRequested)) / targetPct;
    if (Math.abs(withUnready - 1) <= TOLERANCE || withUnready < 1) return { ok: true, replicas: current, utilization };
    return { ok: true, replicas: Math.ceil(withUnready * (ready + unready)), utilization };
  }
  if (Math.abs(ratio - 1) <= TOLERANCE) return { ok: true, replicas: current, utilization };
  return { ok: true, replicas: Math.ceil(ratio * ready), utilization };
}

export function syncAutoscalers(cluster: Cluster, ctx: Context): void {
  for (const hpa of cluster.list('HorizontalPodAutoscaler')) {
    if (hpa.status.lastSync !== undefined && ctx.now - hpa.status.lastSync < HPA_SYNC_MS) continue;
    const first = hpa.status.lastSync === undefined;
    hpa.status.lastSync = ctx.now;
    cluster.changes++;
    const scaled = target(cluster, hpa);
    if (!scaled) {
      hpa.status.problem = {
        reason: 'FailedGetScale',
        message: `${hpa.spec.scaleTargetRef.kind.toLowerCase()}s.apps "${hpa.spec.scaleTargetRef.name}" not found`,
      };
      continue;
    }
    const current = scaled.spec.replicas;
    // A new autoscaler starts its window with the current size (horizontal.go reconcileAutoscaler), so it shrinks nothing for 5 minutes.
    if (first) hpa.status.recommendations = [{ at: ctx.now, replicas: current }];
    hpa.status.currentReplicas = scaled.status.replicas;
    // Scaled to zero by hand: autoscaling is off until it is scaled up again (horizontal.go).
    if (current === 0) {
      hpa.status.desiredReplicas = 0;
      hpa.status.problem = { reason: 'ScalingDisabled', message: 'scaling is disabled since the replica count of the target is zero' };
      continue;
    }
    // Two autoscalers over one set of pods would fight: neither scales (AmbiguousSelector).
    const rivals = cluster
      .list('HorizontalPodAutoscaler', hpa.metadata.namespace)
      .filter((h) => h.spec.scaleTargetRef.kind === hpa.spec.scaleTargetRef.kind && h.spec.scaleTargetRef.name === hpa.spec.scaleTargetRef.name);
    if (rivals.length > 1) {
      hpa.status.problem = {
        reason: 'AmbiguousSelector',
        message: `pods by selector ${selectorText(scaled.spec.selector)} are controlled by multiple HPAs: [${rivals.map((h) => `${h.metadata.namespace}/${h.metadata.name}`).join(' ')}]`,
      };
      continue;
    }
    // Outside min and max the controller goes to the bound first, without metrics.
    if (current > hpa.spec.maxReplicas || current < hpa.spec.minReplicas) {
      const bound = current > hpa.spec.maxReplicas ? hpa.spec.maxReplicas : hpa.spec.minReplicas;
      const why = current > hpa.spec.maxReplicas ? 'Current number of replicas above Spec.MaxReplicas' : 'Current number of replicas below Spec.MinReplicas';
      hpa.status.desiredReplicas = bound;
      hpa.status.problem = undefined;
      scaled.spec.replicas = bound;
      hpa.status.lastScaleTime = ctx.now;
      recordEvent(cluster, ctx, involvedOf(hpa), 'Normal', 'SuccessfulRescale', `New size: ${bound}; reason: ${why}`, 'horizontal-pod-autoscaler');
      continue;
    }
    const reqs = requirementsOf(scaled.spec.selector);
    const pods = cluster.list('Pod', hpa.metadata.namespace).filter((p) => isActive(p) && matches(reqs, p.metadata.labels));
    // The largest proposal of the metrics that could be computed; -1 while none could.
    let desired = -1;
    let reason = '';
    const metrics: HorizontalPodAutoscaler['status']['currentMetrics'] = [];
    let problem: HorizontalPodAutoscaler['status']['problem'];
    for (const m of hpa.spec.metrics) {
      const r = proposal(pods, m.resource.name, m.resource.target.averageUtilization, current, ctx);
      if (!r.ok) {
        problem = { reason: r.reason, message: r.message };
        metrics.push({ name: m.resource.name });
        continue;
      }
      metrics.push({ name: m.resource.name, averageUtilization: r.utilization });
      if (r.replicas > desired) {
        desired = r.replicas;
        reason = `${m.resource.name} resource utilization (percentage of request) ${r.replicas > current ? 'above' : 'below'} target`;
      }
    }
    hpa.status.currentMetrics = metrics;
    hpa.status.problem = problem;
    if (problem) {
      // The controller's Warning events for a metric it could not read (horizontal.go computeReplicasForMetrics).
      recordEvent(cluster, ctx, involvedOf(hpa), 'Warning', problem.reason, problem.message, 'horizontal-pod-autoscaler');
      if (desired < 0) {
        const bad = metrics.filter((m) => m.averageUtilization === undefined).length;
        recordEvent(
          cluster,
          ctx,
          involvedOf(hpa),
          'Warning',
          'FailedComputeMetricsReplicas',
          `invalid metrics (${bad} invalid out of ${hpa.spec.metrics.length}), first error is: failed to get ${metrics[0]?.name ?? 'cpu'} resource metric value: ${problem.message}`,
          'horizontal-pod-autoscaler',
        );
      }
    }
    if (desired < 0) {
      hpa.status.limited = undefined;
      continue;
    }
    if (desired < current && reason.includes('below')) reason = 'All metrics below target';
    // Scale-down stabilization: the highest recommendation of the window.
    hpa.status.recommendations = [
      ...hpa.status.recommendations.filter((x) => ctx.now - x.at < SCALE_DOWN_STABILIZATION_MS),
      { at: ctx.now, replicas: desired },
    ];
    let next = desired < current ? Math.min(current, Math.max(...hpa.status.recommendations.map((x) => x.replicas))) : desired;
    // What held the recommendation back, as the AbleToScale and ScalingLimited conditions say it.
    let limited: HorizontalPodAutoscaler['status']['limited'] = next > desired ? 'ScaleDownStabilized' : undefined;
    const upLimit = Math.max(Math.ceil(current * (1 + SCALE_UP_PERCENT / 100)), current + SCALE_UP_PODS);
    if (next > upLimit) limited = 'ScaleUpLimit';
    next = Math.min(next, upLimit);
    if (next > hpa.spec.maxReplicas) limited = 'TooManyReplicas';
    else if (next < hpa.spec.minReplicas) limited = 'TooFewReplicas';
    next = Math.min(hpa.spec.maxReplicas, Math.max(hpa.spec.minReplicas, next));
    hpa.status.limited = limited;
    hpa.status.desiredReplicas = next;
    if (next !== current) {
      scaled.spec.replicas = next;
      hpa.status.lastScaleTime = ctx.now;
      recordEvent(cluster, ctx, involvedOf(hpa), 'Normal', 'SuccessfulRescale', `New size: ${next}; reason: ${reason}`, 'horizontal-pod-autoscaler');
    }
  }
}
