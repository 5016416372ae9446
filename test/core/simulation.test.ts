import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/core/simulation.js';
import { cluster, must, vm } from './fixtures.js';

describe('Simulation inputs', () => {
  it('refuses bad workloads with a sentence naming the field, and changes nothing', () => {
    const sim = cluster([{ id: 'h1' }]);
    const cases: [object, string][] = [
      [{ cpuMilli: 0 }, 'workload w cpuMilli must be at least 1, got 0'],
      [{ memoryMiB: 1.5 }, 'workload w memoryMiB must be a whole number, got 1.5'],
      [{ platform: 'xen' }, 'workload w: platform must be one of vmware, hyperv, kvm, docker, azure, got xen'],
      [{ model: 'chaotic' }, 'workload w: model must be one of idle, steady, diurnal, bursty'],
      [{ id: '' }, 'workload id must be a non-empty string'],
      [{ diskMiB: -1 }, 'workload w diskMiB must be at least 0, got -1'],
      [{ modelLevel: 2 }, 'workload w modelLevel must be at most 1, got 2'],
      [{ claim: [1000, -1, 0] }, 'workload w claim[1] must be at least 0, got -1'],
      [{ shares: 1 }, 'workload w shares must be at least 2, got 1'],
      [{ memoryLimitMiB: 5 }, 'workload w memory limit must be at least 6, got 5'],
      [{ restart: { policy: 'always', maxRetries: 70_000 } }, 'workload w restart retries must be at most 65535, got 70000'],
      [{ billing: { ratePerHour: Number.NaN } }, 'workload w hourly rate must be a number, got NaN'],
      // Two wrong: the first in the order the fields are checked is the one named.
      [{ diskMiB: -1, shares: 1 }, 'workload w diskMiB must be at least 0, got -1'],
      [{ overhead: 2, shares: 1 }, 'workload w overhead must be at most 1, got 2'],
    ];
    for (const [patch, message] of cases) {
      const r = sim.createWorkload({ ...vm('w', 1, 1), ...patch } as never);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toBe(message);
    }
    expect(sim.workloads.count).toBe(0);
    expect(sim.ledger.liveClaims).toBe(0);
  });

  it('refuses a second workload with the same id', () => {
    const sim = cluster([{ id: 'h1' }]);
    must(sim.createWorkload(vm('w', 1, 1)));
    const r = sim.createWorkload(vm('w', 1, 1));
    expect(!r.ok && r.error).toEqual({ code: 'duplicate-id', message: 'a workload named w already exists' });
  });

  it('says which host was asked for and why it cannot take the workload', () => {
    const sim = cluster([{ id: 'h1', memGiB: 8 }]);
    const r = sim.createWorkload(vm('w', 1, 16, { host: 'h1' }));
    expect(!r.ok && r.error.message).toBe('Insufficient memory: needs 16 GiB, h1 has 8 GiB free');
    const none = sim.createWorkload(vm('w', 1, 1, { host: 'h9' }));
    expect(!none.ok && none.error.message).toBe('no host named h9');
  });

  it('tells subscribers when something changed', () => {
    const sim = cluster([{ id: 'h1' }]);
    let calls = 0;
    const stop = sim.subscribe(() => calls++);
    const before = sim.version;
    must(sim.createWorkload(vm('w', 1, 1)));
    sim.advance(1000);
    stop();
    expect(calls).toBe(2);
    expect(sim.version).toBe(before + 2);
  });

  it('runs events a driver schedules with its own handler, and refuses unknown ones loudly', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    sim.handle('billing.run', () => seen.push(sim.now));
    sim.schedule(5000, { type: 'billing.run' });
    sim.advance(10_000);
    expect(seen).toEqual([5000]);
    sim.schedule(1, { type: 'mystery.event' });
    expect(() => sim.advance(10)).toThrow('no handler for scheduled event type "mystery.event"');
  });

  it("types the core's events from one declaration: a misspelled field or a driver event without a dot does not compile", () => {
    const sim = new Simulation();
    // @ts-expect-error a driver's event type has a dot, so it cannot be taken for the core's
    sim.schedule(1, { type: 'billing' });
    // @ts-expect-error 'tokn' is not a field of a step
    sim.clock.schedule(1, { type: 'step', workload: 0, tokn: 1 });
    // @ts-expect-error a step names its workload by index
    sim.clock.schedule(1, { type: 'step', workload: 'web-01', token: 1 });
    expect(sim.clock.pending).toBeGreaterThan(0);
  });
});
