// Placement scores, whole numbers in [0, 100] as in Kubernetes' scoring, from the
// used fractions f of CPU and memory a host would have after taking the request
// (Kubernetes' NodeResourcesFit strategies):
//   best-fit  (MostAllocated)  100 x mean(f)
//   spread    (LeastAllocated) 100 x (1 - mean(f))
//   balanced                   100 x (1 - std(f)); for two resources std = |f_cpu - f_mem| / 2
//   first-fit                  100 for any host that fits; the stable order decides.
//
// A host is described by its used fractions u and inverse capacities 1/C, so that
// f = u + r x (1/C). The index keeps, per subtree, ranges of S = u_cpu + u_mem,
// D = u_cpu - u_mem and of the inverse capacities, and bounds the score over them.
// Bound and exact score are the same float expressions, and every operation in
// them (rounding to a whole score included) is monotone, so a subtree's bound is
// never below any of its hosts' scores and a single host's bound is its score.
// Whole scores make near-equal hosts tie, as in Kubernetes; the tie then goes to
// the stable host order (or a seeded rotation of it).
import { codeOf, PLACEMENT_POLICIES, type PlacementPolicy } from '../model.js';

/**
 * Upper bound of the score for totals T = f_cpu + f_mem in [loT, hiT] and gaps
 * G = f_cpu - f_mem in [loG, hiG]. With loT = hiT and loG = hiG it is the score.
 */
export function boundFrom(policy: PlacementPolicy, loT: number, hiT: number, loG: number, hiG: number): number {
  return boundByCode(codeOf(PLACEMENT_POLICIES, policy), loT, hiT, loG, hiG);
}

const FIRST_FIT = codeOf(PLACEMENT_POLICIES, 'first-fit');
const BEST_FIT = codeOf(PLACEMENT_POLICIES, 'best-fit');
const SPREAD = codeOf(PLACEMENT_POLICIES, 'spread');

/** boundFrom with the policy as its index in PLACEMENT_POLICIES, for the index's inner loop. */
export function boundByCode(policy: number, loT: number, hiT: number, loG: number, hiG: number): number {
  if (policy === FIRST_FIT) return 100;
  let s: number;
  if (policy === BEST_FIT) s = (100 * hiT) / 2;
  else if (policy === SPREAD) s = 100 * (1 - loT / 2);
  else {
    const gap = Math.max(0, loG, -hiG);
    s = 100 * (1 - gap / 2);
  }
  const whole = Math.round(s);
  return whole > 100 ? 100 : Math.max(whole, 0);
}

/** A host's used fraction now; one with no capacity counts as full. */
export function usedFraction(used: number, capacity: number): number {
  return capacity > 0 ? used / capacity : 1;
}

export function inverse(capacity: number): number {
  return capacity > 0 ? 1 / capacity : Infinity;
}

/** What a request adds to a used fraction: request x (1 / capacity); nothing for a zero request. */
export function term(request: number, inverseCapacity: number): number {
  return request === 0 ? 0 : request * inverseCapacity;
}

/** The exact score of one host for a request (CPU and memory amounts). */
export function hostScore(policy: PlacementPolicy, usedCpu: number, capCpu: number, usedMem: number, capMem: number, reqCpu: number, reqMem: number): number {
  const uc = usedFraction(usedCpu, capCpu);
  const um = usedFraction(usedMem, capMem);
  const tc = term(reqCpu, inverse(capCpu));
  const tm = term(reqMem, inverse(capMem));
  const t = uc + um + tc + tm;
  const g = uc - um + tc - tm;
  return boundFrom(policy, t, t, g, g);
}

/** The score of a host whose fractions after placement are fCpu and fMem (for reports and tests). */
export function score(policy: PlacementPolicy, fCpu: number, fMem: number): number {
  return boundFrom(policy, fCpu + fMem, fCpu + fMem, fCpu - fMem, fCpu - fMem);
}
