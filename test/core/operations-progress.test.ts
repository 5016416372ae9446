// What is under way, for progress bars: lifecycle plans and migrations, with
// their phase and their start and end on the simulated clock.
import { describe, expect, it } from 'vitest';
import { operations } from '../../src/core/operations.js';
import { cluster, must, SHARED, vm } from './fixtures.js';

describe('operations under way', () => {
  it("are the workloads part-way through a plan, with the whole plan's end", () => {
    const sim = cluster([{ id: 'h1' }]);
    must(sim.createWorkload(vm('a', 2, 4, { initialState: undefined, durations: { provision: [10_000, 10_000], boot: [30_000, 30_000] } })));
    expect(operations(sim)).toEqual([{ subject: 'a', title: 'provisioning', phase: 'then running', startedAt: 0, endsAt: 40_000 }]);
    sim.advance(10_000);
    expect(operations(sim)).toEqual([{ subject: 'a', title: 'booting', phase: 'then running', startedAt: 10_000, endsAt: 40_000 }]);
    sim.advance(30_000);
    expect(operations(sim)).toEqual([]);
  });

  it('include migrations, with the pre-copy round they are in', () => {
    const sim = cluster([{ id: 'h1' }, { id: 'h2' }]);
    must(sim.createWorkload(vm('m', 2, 16, { ...SHARED, host: 'h1' })));
    sim.advance(2_000);
    const info = must(sim.migrate('m', 'h2'));
    const [op] = operations(sim);
    expect(op).toMatchObject({
      subject: 'm',
      title: 'live migration to h2',
      phase: `pre-copy round 1 of ${info.plan.rounds.length}`,
      startedAt: info.startedAt,
      endsAt: info.endsAt,
    });
    sim.advance(info.endsAt - sim.now - 1);
    expect(operations(sim)[0].phase).toBe('stop-and-copy');
  });

  it('are rebuilt from a saved estate', async () => {
    const { dumpCore } = await import('../../src/core/dump.js');
    const { restoreCore } = await import('../../src/core/restore.js');
    const sim = cluster([{ id: 'h1' }]);
    must(sim.createWorkload(vm('a', 2, 4, { initialState: undefined })));
    expect(operations(must(restoreCore(dumpCore(sim))))).toEqual(operations(sim));
  });
});
