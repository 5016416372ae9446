// The rolling update's bounds, against kubernetes pkg/controller/deployment/util
// (ResolveFenceposts, NewRSNewReplicas) and intstr.GetScaledValueFromIntOrPercent:
// maxSurge rounds up, maxUnavailable rounds down, and they are never both zero.
import { describe, expect, it } from 'vitest';
import { fenceposts, maxScaledDown, newReplicasFor, scaledValue } from '../../src/orchestrator/rolling.js';

describe('rolling update bounds', () => {
  it('resolves 25% of the replicas, surge up and unavailable down (deployment_util_test.go TestResolveFenceposts)', () => {
    expect(fenceposts('25%', '25%', 3)).toEqual([1, 0]);
    expect(fenceposts('25%', '25%', 5)).toEqual([2, 1]);
    expect(fenceposts('25%', '25%', 10)).toEqual([3, 2]);
    expect(fenceposts(0, 0, 10)).toEqual([0, 1]);
    expect(fenceposts('0%', '0%', 1)).toEqual([0, 1]);
    expect(fenceposts(2, '50%', 3)).toEqual([2, 1]);
    expect(scaledValue('33%', 10, true)).toBe(4);
    expect(scaledValue('33%', 10, false)).toBe(3);
  });

  it('grows the new set only as far as the surge allows, and never past the desired count', () => {
    // 5 desired, 5 old, surge 2: the new set may take 2.
    expect(newReplicasFor(5, 5, 0, 2)).toBe(2);
    // 7 pods already (5 old + 2 new): none more until old ones go.
    expect(newReplicasFor(5, 7, 2, 2)).toBe(2);
    // Scaling a fresh deployment: all of them at once.
    expect(newReplicasFor(3, 0, 0, 1)).toBe(3);
  });

  it('shrinks the old sets while desired - maxUnavailable stay available', () => {
    // 7 pods, 5 desired, 1 unavailable allowed, the 2 new ones not yet available: 1 old may go.
    expect(maxScaledDown(7, 5, 1, 2, 0)).toBe(1);
    // Once the new ones are available, 3 may go.
    expect(maxScaledDown(7, 5, 1, 2, 2)).toBe(3);
  });
});
