// Pre-copy as each hypervisor does it. Sources: QEMU migration/migration.c
// (migration_iteration_run: pre-copy ends only when what is pending fits
// bandwidth x downtime-limit, no limit on passes), migration/ram.c
// (migration_trigger_throttle: a bitmap sync more than 1 s after the last whose
// dirtied bytes exceed throttle-trigger-threshold, 50%, of those sent counts;
// at 2, mig_throttle_guest_down), migration/options.c (cpu-throttle-initial 20,
// cpu-throttle-increment 10, max-cpu-throttle 99); vMotion's SDPS (yellow-bricks,
// "Clearing up a misunderstanding around CPU throttling with vMotion");
// Hyper-V's five passes (John Savill, "Mastering Hyper-V 2012 R2", ch. 7).
import { describe, expect, it } from 'vitest';
import {
  continuePreCopy,
  PLAN_HORIZON_MS,
  planPreCopy,
  SDPS_DIRTY_SHARE,
  THROTTLE_INCREMENT,
  THROTTLE_INITIAL,
  THROTTLE_MAX,
} from '../../src/core/migration-plan.js';

const total = (rounds: readonly { ms: number }[]) => rounds.reduce((a, r) => a + r.ms, 0);

describe('QEMU pre-copy', () => {
  it('has no limit on passes: a guest dirtying just under the link converges after as many as it takes (the old model gave up at 30)', () => {
    const plan = planPreCopy({ memoryMiB: 8192, dirtyMiBps: 900, bandwidthMiBps: 954, maxDowntimeMs: 300, throttle: 'none' });
    expect(plan.converged).toBe(true);
    expect(plan.rounds.length).toBeGreaterThan(30);
    expect(plan.downtimeMs).toBeLessThanOrEqual(300);
    expect(plan.throttle).toBe(0);
  });

  it('without auto-converge, a guest that outruns the link is planned a stretch at a time and never converges by itself', () => {
    const input = { memoryMiB: 65536, dirtyMiBps: 2000, bandwidthMiBps: 954, maxDowntimeMs: 300, throttle: 'none' as const };
    const first = planPreCopy(input);
    expect(first.converged).toBe(false);
    expect(first.downtimeMs).toBe(0);
    expect(first.totalMs).toBeGreaterThanOrEqual(PLAN_HORIZON_MS);
    // Each pass resends the whole memory: what it dirtied in the pass before is all of it.
    expect(first.rounds.every((r) => r.sentMiB === 65536)).toBe(true);
    let plan = first;
    for (let i = 0; i < 10; i++) plan = continuePreCopy(input, plan);
    expect(plan.converged).toBe(false);
    expect(plan.totalMs).toBeCloseTo(total(plan.rounds), 3);
    // Once the guest slows down, the next stretch converges.
    const calmer = continuePreCopy({ ...input, dirtyMiBps: 50 }, plan);
    expect(calmer.converged).toBe(true);
    expect(calmer.totalMs).toBeCloseTo(total(calmer.rounds) + calmer.downtimeMs, 3);
  });

  it('auto-converge throttles by 20% at the second sync period where the guest dirtied over half of what was sent, then 10% more every second one, up to 99%', () => {
    // 64 GiB at 2000 MiB/s over 954 MiB/s: each pass takes over a second, so each pass is a sync period, and each is "high".
    const plan = planPreCopy({ memoryMiB: 65536, dirtyMiBps: 2000, bandwidthMiBps: 954, maxDowntimeMs: 300, throttle: 'auto-converge' });
    expect(plan.converged).toBe(true);
    // Throttles 20, 30, ... until 2000 x (1 - t) < 954 x 0.5: t = 0.8, reached at the 14th high period.
    expect(plan.throttle).toBeCloseTo(THROTTLE_INITIAL + 6 * THROTTLE_INCREMENT, 9);
    expect(plan.rounds.length).toBeGreaterThanOrEqual(14);
    expect(THROTTLE_MAX).toBe(0.99);
  });

  it('auto-converge leaves a guest alone that dirties less than half of what is sent', () => {
    const plan = planPreCopy({ memoryMiB: 16384, dirtyMiBps: 400, bandwidthMiBps: 954, maxDowntimeMs: 300, throttle: 'auto-converge' });
    expect(plan.converged).toBe(true);
    expect(plan.throttle).toBe(0);
  });

  it('virsh migrate --timeout pauses the guest: the first pass after it is the last, whatever is left', () => {
    const plan = planPreCopy({ memoryMiB: 65536, dirtyMiBps: 2000, bandwidthMiBps: 954, maxDowntimeMs: 300, throttle: 'none', pauseAfterMs: 120_000 });
    expect(plan.converged).toBe(true);
    expect(total(plan.rounds)).toBeGreaterThanOrEqual(120_000);
    expect(total(plan.rounds) - plan.rounds[plan.rounds.length - 1].ms).toBeLessThan(120_000);
    expect(plan.downtimeMs).toBeGreaterThan(60_000);
  });
});

describe('vMotion and Hyper-V', () => {
  it('vMotion slows a guest that outruns the link (SDPS) so it converges', () => {
    const plan = planPreCopy({ memoryMiB: 65536, dirtyMiBps: 2000, bandwidthMiBps: 1075, maxDowntimeMs: 500, throttle: 'sdps' });
    expect(plan.converged).toBe(true);
    expect(plan.throttle).toBeCloseTo(1 - (SDPS_DIRTY_SHARE * 1075) / 2000, 9);
  });

  it('Hyper-V pauses the VM after five passes and sends the rest, however long that takes', () => {
    const plan = planPreCopy({ memoryMiB: 65536, dirtyMiBps: 2000, bandwidthMiBps: 954, maxDowntimeMs: 500, throttle: 'none', maxPasses: 5 });
    expect(plan.converged).toBe(true);
    expect(plan.rounds.length).toBe(5);
    expect(plan.downtimeMs).toBeGreaterThan(500);
  });
});
