// Clones: a full clone copies the disk and takes time by its size; a linked clone
// shares a snapshot's disk, is ready in seconds, and pins its parent and that snapshot.
import { describe, expect, it } from 'vitest';
import { LINKED_DELTA_MIB } from '../../src/core/commands/clone.js';
import { migrationBandwidth } from '../../src/core/migration-plan.js';
import { gib } from '../../src/core/units.js';
import { cluster, must, vm } from './fixtures.js';

describe('full clones', () => {
  it('copy the spec and the disk, taking disk / (bandwidth x share) to provision', () => {
    const sim = cluster([{ id: 'h1' }, { id: 'h2' }]);
    must(sim.createWorkload(vm('web', 2, 4, { diskMiB: gib(40), host: 'h1' })));
    const c = must(sim.clone('web', { id: 'web-copy', host: 'h2' }));
    const share = sim.policies.kvm.migration.bandwidthShare;
    const expected = Math.round((gib(40) / migrationBandwidth(10_000, share)) * 1000);
    expect(c.copyMs).toBe(expected);
    expect(c.linked).toBe(false);
    const copy = sim.workload('web-copy')!;
    expect([copy.state, copy.host, copy.cpuMilli, copy.memoryMiB, copy.diskMiB]).toEqual(['provisioning', 'h2', 2000, gib(4), gib(40)]);
    expect(sim.host('h2')!.allocated.diskMiB).toBe(gib(40));
    sim.advance(expected - 1);
    expect(sim.workload('web-copy')!.state).toBe('provisioning');
    sim.advance(1);
    expect(sim.workload('web-copy')!.state).toBe('stopped');
    expect(sim.workload('web')!.state).toBe('running');
    expect(sim.log.all().some((e) => e.kind === 'workload.cloned' && /full, copying 40 GiB/.test(e.message))).toBe(true);
  });

  it('can clone the state a snapshot saved, and power the clone on', () => {
    const sim = cluster([{ id: 'h1' }]);
    must(sim.createWorkload(vm('db', 2, 4, { initialState: 'stopped' })));
    must(sim.takeSnapshot('db', 'small'));
    must(sim.resize('db', { memoryMiB: gib(8) }));
    must(sim.clone('db', { id: 'db-old', snapshot: 'small', powerOn: true }));
    sim.advance(600_000);
    const old = sim.workload('db-old')!;
    expect([old.state, old.memoryMiB]).toEqual(['running', gib(4)]);
  });

  it('refuses what cannot be cloned, saying why', () => {
    const sim = cluster([{ id: 'h1', memGiB: 8 }]);
    must(sim.createWorkload(vm('big', 2, 6)));
    expect(sim.clone('nope', { id: 'x' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(sim.clone('big', { id: 'big' })).toMatchObject({ ok: false, error: { code: 'duplicate-id' } });
    const full = sim.clone('big', { id: 'big-2', powerOn: true });
    expect(full.ok || full.error.message).toMatch(/has too little memory \(needs 6 GiB, most free [\d.]+ GiB on /);
    expect(sim.clone('big', { id: 'big-3', snapshot: 'none' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    sim.setHostState('h1', 'failed');
    expect(sim.clone('big', { id: 'big-4' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/cannot clone big/) } });
  });
});

describe('linked clones', () => {
  it('need a snapshot, share its disk, and are ready in seconds', () => {
    const sim = cluster([{ id: 'h1' }]);
    must(sim.createWorkload(vm('gold', 2, 4, { diskMiB: gib(40) })));
    expect(sim.clone('gold', { id: 'l1', linked: true })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/has no snapshot/) } });
    must(sim.takeSnapshot('gold', 'base'));
    const before = sim.host('h1')!.allocated.diskMiB;
    const c = must(sim.clone('gold', { id: 'l1', linked: true }));
    expect(c.copyMs).toBeLessThan(10_000);
    expect(sim.host('h1')!.allocated.diskMiB - before).toBe(LINKED_DELTA_MIB);
    expect(sim.workload('l1')!.diskMiB).toBe(gib(40));
    expect(sim.workload('l1')!.attrs).toMatchObject({ clonedFrom: 'gold', clonedFromSnapshot: 'base', linkedClone: true });
  });

  it('keep their parent and its snapshot from being deleted until they go', () => {
    const sim = cluster([{ id: 'h1' }]);
    must(sim.createWorkload(vm('gold', 2, 4)));
    must(sim.takeSnapshot('gold', 'base'));
    must(sim.clone('gold', { id: 'l1', linked: true }));
    expect(sim.deleteSnapshot('gold', 'base')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/linked clones are based on it \(l1\)/) } });
    expect(sim.act('gold', 'delete')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/linked clones share its disk \(l1\)/) } });
    must(sim.act('l1', 'delete'));
    must(sim.deleteSnapshot('gold', 'base'));
    must(sim.act('gold', 'delete'));
  });

  it("stay in their parent's cluster", () => {
    const sim = cluster([{ id: 'h1' }, { id: 'h2' }]);
    must(sim.addCluster({ id: 'c2', site: 'dc1', platform: 'kvm' }));
    must(sim.addHost({ id: 'far', cluster: 'c2', cores: 16, memoryMiB: gib(64), storageMiB: gib(1000) }));
    must(sim.createWorkload(vm('gold', 2, 4, { host: 'h1', initialState: 'stopped' })));
    must(sim.takeSnapshot('gold', 'base'));
    expect(sim.clone('gold', { id: 'l1', linked: true, host: 'far' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/must stay in gold's cluster/) },
    });
    must(sim.clone('gold', { id: 'l1', linked: true, host: 'h2' }));
    sim.advance(10_000);
    expect(sim.migrate('l1', 'far')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/is a linked clone/) } });
    must(sim.migrate('l1', 'h1'));
  });
});
