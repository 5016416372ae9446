// HA restarts: a failed host's VMs come back on the cluster's other hosts once
// the failure is declared, highest priority first, as far as capacity goes; the
// rest stay failed on their host, are retried, and come back with their host.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HA_DETECT_MS, HA_RETRY_MS } from '../../src/core/ha-restart.js';
import { gib } from '../../src/core/units.js';
import { cluster, must, SHARED, vm } from './fixtures.js';

const BOOT = { boot: [60_000, 60_000] as [number, number] };

describe('HA restarts', () => {
  it("restart a failed host's VMs elsewhere after the failure is declared", () => {
    const sim = cluster([{ id: 'h1' }, { id: 'h2' }], { ha: { kind: 'percentage', cpuPct: 25, memoryPct: 25 }, shared: true });
    must(sim.createWorkload(vm('a', 2, 8, { host: 'h1', durations: BOOT, ...SHARED })));
    must(sim.createWorkload(vm('b', 2, 8, { host: 'h2', durations: BOOT, ...SHARED })));
    must(sim.setHostState('h1', 'failed'));
    expect(sim.workload('a')!.state).toBe('failed');
    sim.advance(HA_DETECT_MS - 1);
    expect(sim.workload('a')!.state).toBe('failed');
    sim.advance(1);
    expect([sim.workload('a')!.state, sim.workload('a')!.host]).toEqual(['booting', 'h2']);
    sim.advance(60_000);
    expect(sim.workload('a')!.state).toBe('running');
    expect(sim.host('h1')!.allocated).toEqual({ cpuMilli: 0, memoryMiB: 0, diskMiB: 0 });
    expect(sim.log.all().map((e) => e.kind)).toEqual(expect.arrayContaining(['ha.failure-detected', 'ha.restarted']));
  });

  it('go by restart priority when there is not room for all, skip disabled VMs, and retry the rest', () => {
    // h2 has room for one 40 GiB VM.
    const sim = cluster([{ id: 'h1', memGiB: 128 }, { id: 'h2' }], { ha: { kind: 'percentage', cpuPct: 0, memoryPct: 0 }, shared: true });
    must(sim.createWorkload(vm('low', 2, 40, { host: 'h1', attrs: { haPriority: 'low' }, ...SHARED })));
    must(sim.createWorkload(vm('high', 2, 40, { host: 'h1', attrs: { haPriority: 'high' }, ...SHARED })));
    must(sim.createWorkload(vm('off', 2, 4, { host: 'h1', attrs: { haPriority: 'disabled' }, ...SHARED })));
    must(sim.setHostState('h1', 'failed'));
    sim.advance(HA_DETECT_MS);
    expect(sim.workload('high')!.host).toBe('h2');
    expect([sim.workload('low')!.state, sim.workload('low')!.host]).toEqual(['failed', 'h1']);
    expect([sim.workload('off')!.state, sim.workload('off')!.host]).toEqual(['failed', 'h1']);
    const refused = sim.log.all().find((e) => e.kind === 'ha.restart-failed');
    expect(refused?.message).toMatch(/^HA could not restart low: .*trying again in 2 min$/);
    // Room appears: the retry takes it.
    must(sim.act('high', 'force-stop'));
    must(sim.act('high', 'delete'));
    sim.advance(HA_RETRY_MS[0]);
    expect(sim.workload('low')!.host).toBe('h2');
  });

  it("leave a VM whose disk is on the failed host's own storage down: no other host can open it", () => {
    const sim = cluster([{ id: 'h1' }, { id: 'h2' }], { ha: { kind: 'percentage', cpuPct: 25, memoryPct: 25 }, shared: true });
    must(sim.createWorkload(vm('local', 2, 8, { host: 'h1', durations: BOOT })));
    must(sim.createWorkload(vm('san', 2, 8, { host: 'h1', durations: BOOT, ...SHARED })));
    must(sim.setHostState('h1', 'failed'));
    sim.advance(HA_DETECT_MS + 60_000);
    expect([sim.workload('san')!.state, sim.workload('san')!.host]).toEqual(['running', 'h2']);
    expect([sim.workload('local')!.state, sim.workload('local')!.host]).toEqual(['failed', 'h1']);
    expect(sim.log.all().find((e) => e.kind === 'ha.no-shared-storage')?.message).toBe(
      "HA cannot restart local elsewhere: its disk is on h1's own storage, which no other host sees",
    );
  });

  it("leave VMs of clusters without HA down, and bring HA's leftovers back with their host", () => {
    const sim = cluster([{ id: 'h1' }, { id: 'h2', memGiB: 16 }]);
    must(sim.createWorkload(vm('plain', 2, 32, { host: 'h1' })));
    must(sim.setHostState('h1', 'failed'));
    sim.advance(HA_DETECT_MS * 10);
    expect(sim.workload('plain')!.state).toBe('failed');
    const ha = cluster([{ id: 'h1' }, { id: 'h2', memGiB: 16 }], { ha: { kind: 'percentage', cpuPct: 0, memoryPct: 0 }, shared: true });
    must(ha.createWorkload(vm('big', 2, 32, { host: 'h1', durations: BOOT, ...SHARED })));
    must(ha.setHostState('h1', 'failed'));
    ha.advance(HA_DETECT_MS);
    expect(ha.workload('big')!.state).toBe('failed'); // no room on h2
    must(ha.setHostState('h1', 'connected'));
    ha.advance(61_000);
    expect([ha.workload('big')!.state, ha.workload('big')!.host]).toEqual(['running', 'h1']);
  });

  it('property: after any failures and repairs every VM is on exactly one host, and claims add up', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.boolean(), fc.integer({ min: 0, max: 200_000 })), { maxLength: 12 }), (steps) => {
        const sim = cluster([{ id: 'h0' }, { id: 'h1' }, { id: 'h2' }, { id: 'h3' }], { ha: { kind: 'percentage', cpuPct: 0, memoryPct: 0 }, shared: true });
        for (let i = 0; i < 10; i++) must(sim.createWorkload(vm(`v${i}`, 2, 12, { durations: BOOT, ...(i % 2 ? SHARED : {}) })));
        for (const [h, fail, wait] of steps) {
          if (fail) sim.setHostState(`h${h}`, 'failed');
          else if (sim.host(`h${h}`)!.state === 'failed') sim.setHostState(`h${h}`, 'connected');
          sim.advance(wait);
        }
        const wl = sim.workloads;
        let mem = 0;
        for (let w = 0; w < wl.count; w++) {
          const v = sim.workload(wl.records[w].id)!;
          expect(v.host).toBeDefined();
          expect(wl.claimId2[w]).toBe(-1);
          if (v.state !== 'failed') mem += gib(12);
        }
        const used = ['h0', 'h1', 'h2', 'h3'].reduce((a, h) => a + sim.host(h)!.allocated.memoryMiB, 0);
        expect(used).toBe(mem);
      }),
      { numRuns: 200 },
    );
  });
});
