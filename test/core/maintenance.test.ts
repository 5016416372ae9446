// Maintenance mode: the host's running VMs leave by live migration, as many at a
// time as the platform migrates, largest first; or, if one cannot go anywhere,
// nothing happens and the refusal says which and why.
import { describe, expect, it } from 'vitest';
import { gib } from '../../src/core/units.js';
import { cluster, must, SHARED, vm } from './fixtures.js';

describe('maintenance mode', () => {
  it('moves the running VMs off, one migration at a time where the platform says so, and then says it is empty', () => {
    const sim = cluster([{ id: 'h1' }, { id: 'h2' }, { id: 'h3' }]);
    sim.policies.kvm = { ...sim.policies.kvm, migration: { ...sim.policies.kvm.migration, maxConcurrent: 1 } };
    must(sim.createWorkload(vm('small', 2, 4, { ...SHARED, host: 'h1' })));
    must(sim.createWorkload(vm('big', 2, 16, { ...SHARED, host: 'h1' })));
    must(sim.createWorkload(vm('off', 2, 4, { ...SHARED, host: 'h1', initialState: 'stopped' })));
    const r = must(sim.enterMaintenance('h1'));
    expect(r.moving).toEqual(['big', 'small']);
    expect(sim.host('h1')!.state).toBe('maintenance');
    expect(sim.workload('big')!.state).toBe('migrating');
    expect(sim.workload('small')!.state).toBe('running'); // waits its turn
    sim.advance(120_000);
    expect(['big', 'small'].map((id) => sim.workload(id)!.host)).not.toContain('h1');
    expect(sim.workload('off')!.host).toBe('h1');
    expect(sim.log.all().at(-2)?.message ?? '').toMatch(/small is running on h[23]: migrated from h1/);
    expect(sim.log.all().some((e) => e.message === 'h1 is in maintenance mode: no VM runs on it')).toBe(true);
    // Nothing new lands on it while it is in maintenance.
    for (let i = 0; i < 5; i++) expect(must(sim.createWorkload(vm(`new${i}`, 1, 1))).host).not.toBe('h1');
    must(sim.exitMaintenance('h1'));
    expect(sim.host('h1')!.state).toBe('connected');
  });

  it('refuses, and moves nothing, when a VM has nowhere to go, saying which and why', () => {
    const sim = cluster([{ id: 'h1' }, { id: 'h2', memGiB: 16 }]);
    must(sim.createWorkload(vm('fits', 2, 8, { ...SHARED, host: 'h1' })));
    must(sim.createWorkload(vm('huge', 2, 48, { ...SHARED, host: 'h1' })));
    const r = sim.enterMaintenance('h1');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toMatch(
        /^h1 cannot enter maintenance mode: 1 workload could not move \(huge: Insufficient memory: needs 48 GiB, h2 has \d+ GiB free\)$/,
      );
    }
    expect(sim.host('h1')!.state).toBe('connected');
    expect(sim.workload('fits')!.state).toBe('running');
    expect(sim.host('h2')!.allocated.memoryMiB).toBe(0);
  });

  it('checks the VMs together: two that each fit alone but not both are refused', () => {
    const sim = cluster([{ id: 'h1' }, { id: 'h2', memGiB: 40 }]);
    must(sim.createWorkload(vm('a', 2, 24, { ...SHARED, host: 'h1' })));
    must(sim.createWorkload(vm('b', 2, 24, { ...SHARED, host: 'h1' })));
    expect(sim.enterMaintenance('h1').ok).toBe(false);
    expect(sim.host('h2')!.allocated.memoryMiB).toBe(0);
  });

  it('will not take a container host with containers running, or a failed host', () => {
    const sim = cluster([{ id: 'd1' }, { id: 'd2' }], { platform: 'docker' });
    must(sim.createWorkload({ id: 'web', platform: 'docker', cpuMilli: 500, memoryMiB: 256, diskMiB: 10, host: 'd1', initialState: 'running' }));
    expect(sim.enterMaintenance('d1')).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/web: a container cannot be migrated; stop it first/) },
    });
    must(sim.setHostState('d2', 'failed'));
    expect(sim.enterMaintenance('d2')).toMatchObject({ ok: false, error: { message: 'd2 has failed: repair it first' } });
    expect(sim.exitMaintenance('d1')).toMatchObject({ ok: false, error: { message: 'd1 is not in maintenance mode' } });
  });

  it('carries on evacuating after the estate is saved and loaded', async () => {
    const { dumpCore } = await import('../../src/core/dump.js');
    const { restoreCore } = await import('../../src/core/restore.js');
    const sim = cluster([{ id: 'h1' }, { id: 'h2' }]);
    sim.policies.kvm = { ...sim.policies.kvm, migration: { ...sim.policies.kvm.migration, maxConcurrent: 1 } };
    for (let i = 0; i < 3; i++) must(sim.createWorkload(vm(`v${i}`, 2, gib(4) / 1024, { host: 'h1', ...SHARED })));
    must(sim.enterMaintenance('h1'));
    sim.advance(1_000);
    const loaded = must(restoreCore(dumpCore(sim)));
    loaded.policies.kvm = sim.policies.kvm;
    loaded.advance(300_000);
    expect(['v0', 'v1', 'v2'].map((id) => loaded.workload(id)!.host)).toEqual(['h2', 'h2', 'h2']);
  });
});
