import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gib } from '../../src/core/units.js';
import { cluster, must, vm } from './fixtures.js';

describe('HA admission control', () => {
  it('percentage policy: refuses a power-on that would eat into the reserved share, and says so', () => {
    // Two hosts of 64 GiB, 50% reserved: 64 GiB of powered-on claims at most.
    const sim = cluster([{ id: 'h1' }, { id: 'h2' }], { ha: { kind: 'percentage', cpuPct: 0, memoryPct: 50 } });
    for (let i = 0; i < 4; i++) must(sim.createWorkload(vm(`v${i}`, 1, 16)));
    const refused = sim.createWorkload(vm('v4', 1, 16));
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('admission-control');
      expect(refused.error.message).toContain(
        'are refused by HA admission control (cluster c1 keeps 50% of its memory for failover; powering on 16 GiB would leave 37.5% free',
      );
    }
    // Powered off, it only needs its disk: admission control does not apply.
    must(sim.createWorkload({ ...vm('off', 1, 16), initialState: 'stopped' }));
    const start = sim.act('off', 'start');
    expect(!start.ok && start.error.code).toBe('admission-control');
  });

  it('slot policy: keeps enough slots to restart everything after N host failures', () => {
    // Three 64 GiB hosts, slots of 16 GiB: 4 per host, 12 in all; one host failure keeps 4 back.
    const sim = cluster([{ id: 'h1' }, { id: 'h2' }, { id: 'h3' }], { ha: { kind: 'slots', hostFailures: 1 } });
    for (let i = 0; i < 8; i++) must(sim.createWorkload(vm(`v${i}`, 1, 16)));
    const refused = sim.createWorkload(vm('v8', 1, 16));
    expect(!refused.ok && refused.error.message).toContain(
      'HA admission control (cluster c1 has 12 slots of 1 vCPU and 16 GiB, keeps 4 for 1 host failure and uses 8; powering on needs one more',
    );
    expect(sim.ha.failoverCapacity(0).slots).toEqual({ total: 12, reserved: 4, used: 8 });
  });

  it('a bigger VM makes every slot bigger', () => {
    const sim = cluster([{ id: 'h1' }, { id: 'h2' }, { id: 'h3' }], { ha: { kind: 'slots', hostFailures: 1 } });
    must(sim.createWorkload(vm('big', 1, 32)));
    expect(sim.ha.failoverCapacity(0).slots).toEqual({ total: 6, reserved: 2, used: 1 });
  });

  it('after any sequence of power-ons, the percentage policy keeps its reserve', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 60 }), fc.array(fc.integer({ min: 1, max: 48 }), { maxLength: 40 }), (pct, sizes) => {
        const sim = cluster(
          [
            { id: 'h1', memGiB: 128 },
            { id: 'h2', memGiB: 128 },
            { id: 'h3', memGiB: 128 },
          ],
          { ha: { kind: 'percentage', cpuPct: 0, memoryPct: pct } },
        );
        sizes.forEach((g, i) => {
          sim.createWorkload(vm(`v${i}`, 1, g));
        });
        const used = sim.hostViews().reduce((a, h) => a + h.allocated.memoryMiB, 0);
        expect(used).toBeLessThanOrEqual(((100 - pct) / 100) * 3 * gib(128));
      }),
    );
  });
});

describe('turning HA admission control on later', () => {
  it('counts the VMs already powered on', () => {
    const sim = cluster([{ id: 'h1' }, { id: 'h2' }, { id: 'h3' }]);
    for (let i = 0; i < 8; i++) must(sim.createWorkload(vm(`v${i}`, 1, 16)));
    must(sim.setHaPolicy('c1', { kind: 'slots', hostFailures: 1 }));
    expect(sim.ha.failoverCapacity(0).slots).toEqual({ total: 12, reserved: 4, used: 8 });
    expect(sim.createWorkload(vm('v8', 1, 16)).ok).toBe(false);
    must(sim.setHaPolicy('c1', undefined));
    expect(sim.createWorkload(vm('v8', 1, 16)).ok).toBe(true);
    expect(sim.setHaPolicy('c1', { kind: 'slots', hostFailures: 0 }).ok).toBe(false);
  });
});
