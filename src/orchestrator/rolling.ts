// A Deployment's rolling-update arithmetic, as pkg/controller/deployment/util
// has it: maxSurge and maxUnavailable resolved against the replicas (intstr's
// GetScaledValueFromIntOrPercent, surge rounded up and unavailable down, and
// never both zero: ResolveFenceposts), how far the new ReplicaSet may grow
// (NewRSNewReplicas) and how far the old ones may shrink (rolling.go).

/** An int, or "N%" of `total` rounded up or down. */
export function scaledValue(v: number | string, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const pct = Number(v.slice(0, -1));
  const exact = (pct * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** ResolveFenceposts: [maxSurge, maxUnavailable] for `desired` replicas. */
export function fenceposts(maxSurge: number | string, maxUnavailable: number | string, desired: number): [number, number] {
  const surge = scaledValue(maxSurge, desired, true);
  let unavailable = scaledValue(maxUnavailable, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

/** NewRSNewReplicas for a rolling update: as many as the surge allows, never past the desired count. */
export function newReplicasFor(desired: number, allReplicas: number, newReplicas: number, maxSurge: number): number {
  const maxTotal = desired + maxSurge;
  if (allReplicas >= maxTotal) return newReplicas;
  const up = Math.min(maxTotal - allReplicas, desired - newReplicas);
  return newReplicas + Math.max(0, up);
}

/**
 * reconcileOldReplicaSets' bound: how many old pods may go now, keeping
 * desired - maxUnavailable available, counting the new set's not-yet-available
 * pods as unavailable.
 */
export function maxScaledDown(allReplicas: number, desired: number, maxUnavailable: number, newSpecReplicas: number, newAvailable: number): number {
  const minAvailable = desired - maxUnavailable;
  const newUnavailable = newSpecReplicas - newAvailable;
  return allReplicas - minAvailable - newUnavailable;
}
