// Placement scores in [0, 100] from the used fractions of CPU and memory a host
// would have after taking the request (Kubernetes' NodeResourcesFit strategies):
//   best-fit  (MostAllocated)  100 x mean(f)
//   spread    (LeastAllocated) 100 x (1 - mean(f))
//   balanced                   100 x (1 - std(f)); for two resources std = |f_cpu - f_mem| / 2
//   first-fit                  100 for any host that fits; the stable order decides.
// `bound` takes ranges of fractions and returns an upper bound of the score over
// them; with a single point it is the score itself, computed by the same float
// operations, so the index can prune on bounds without losing an exact answer.
import type { PlacementPolicy } from '../model.js';

export function bound(policy: PlacementPolicy, loCpu: number, hiCpu: number, loMem: number, hiMem: number): number {
  let s: number;
  switch (policy) {
    case 'first-fit':
      return 100;
    case 'best-fit':
      s = (100 * (hiCpu + hiMem)) / 2;
      break;
    case 'spread':
      s = 100 * (1 - (loCpu + loMem) / 2);
      break;
    case 'balanced': {
      const gap = Math.max(0, loCpu - hiMem, loMem - hiCpu);
      s = 100 * (1 - gap / 2);
      break;
    }
  }
  return s > 100 ? 100 : s < 0 ? 0 : s;
}

/** The score of one host whose fractions after placement are fCpu and fMem. */
export function score(policy: PlacementPolicy, fCpu: number, fMem: number): number {
  return bound(policy, fCpu, fCpu, fMem, fMem);
}

/** What a request adds to a host's used fraction; a host with no capacity takes nothing. */
export function requestFraction(request: number, capacity: number): number {
  if (request === 0) return 0;
  return capacity > 0 ? request / capacity : Infinity;
}

/** A host's used fraction now; one with no capacity counts as full. */
export function usedFraction(used: number, capacity: number): number {
  return capacity > 0 ? used / capacity : 1;
}
