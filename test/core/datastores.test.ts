// Shared datastores: thin disks overcommit them and grow with the guests' writes,
// a full one pauses the guests that write to it until someone resumes them with
// room, Storage vMotion moves a disk and frees the source, and only hosts that
// mount a datastore take its VMs.
import { describe, expect, it } from 'vitest';
import { dumpCore } from '../../src/core/dump.js';
import { migrationBandwidth } from '../../src/core/migration-plan.js';
import { restoreCore } from '../../src/core/restore.js';
import type { Simulation } from '../../src/core/simulation.js';
import { gib } from '../../src/core/units.js';
import { cluster, must, SHARED, vm } from './fixtures.js';

function estate(): Simulation {
  const sim = cluster([{ id: 'h1' }, { id: 'h2' }], { platform: 'vmware' });
  must(sim.addCluster({ id: 'c2', site: 'dc1', platform: 'vmware' }));
  must(sim.addHost({ id: 'h3', cluster: 'c2', cores: 16, memoryMiB: gib(64), storageMiB: gib(100) }));
  must(sim.addDatastore({ id: 'lun1', medium: 'san', clusters: ['c1'], capacityMiB: gib(100) }));
  must(sim.addDatastore({ id: 'nfs1', medium: 'nas', clusters: ['c1', 'c2'], capacityMiB: gib(500) }));
  return sim;
}

const onDs = (id: string, format: 'thin' | 'thick' | 'eager', allocatedGiB = 0) => ({ id, format, allocatedMiB: gib(allocatedGiB) });
const view = (sim: Simulation, id: string) => sim.datastoreViews().find((d) => d.id === id)!;

describe('datastores', () => {
  it('charge a thin disk what it has written and a thick one all of it, and claim no disk on the host', () => {
    const sim = estate();
    must(sim.createWorkload(vm('thin1', 2, 4, { platform: 'vmware', diskMiB: gib(80), datastore: onDs('lun1', 'thin', 10) })));
    must(sim.createWorkload(vm('thin2', 2, 4, { platform: 'vmware', diskMiB: gib(80), datastore: onDs('lun1', 'thin', 10) })));
    must(sim.createWorkload(vm('thick1', 2, 4, { platform: 'vmware', diskMiB: gib(30), datastore: onDs('lun1', 'thick') })));
    const d = view(sim, 'lun1');
    expect(d.usedMiB).toBe(gib(50));
    // Provisioned past capacity: thin overcommit.
    expect(d.provisionedMiB).toBe(gib(190));
    expect(d.disks.map((x) => x.workload)).toEqual(['thin1', 'thin2', 'thick1']);
    for (const h of ['h1', 'h2']) expect(sim.host(h)!.allocated.diskMiB).toBe(0);
  });

  it('refuse a thick disk the datastore has no room for, in vSphere words', () => {
    const sim = estate();
    const r = sim.createWorkload(vm('big', 2, 4, { platform: 'vmware', diskMiB: gib(101), datastore: onDs('lun1', 'eager') }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^Insufficient disk space on datastore 'lun1'/);
    expect(view(sim, 'lun1').usedMiB).toBe(0);
  });

  it('place a VM only on hosts that mount its datastore', () => {
    const sim = estate();
    const r = sim.createWorkload(vm('x', 2, 4, { platform: 'vmware', host: 'h3', datastore: onDs('lun1', 'thin') }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('h3 does not mount datastore lun1');
    const placed = must(sim.createWorkload(vm('y', 2, 4, { platform: 'vmware', datastore: onDs('lun1', 'thin') })));
    expect(['h1', 'h2']).toContain(placed.host);
    const m = sim.migrate('y', 'h3');
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.error.message).toMatch(/h3 does not mount datastore lun1/);
  });

  it('grow thin disks with the guests writes until the datastore fills, then pause the writers until resumed with room', () => {
    const sim = estate();
    for (const id of ['a', 'b', 'c'])
      must(sim.createWorkload(vm(id, 4, 4, { platform: 'vmware', diskMiB: gib(60), model: 'steady', modelLevel: 1, datastore: onDs('lun1', 'thin', 20) })));
    expect(view(sim, 'lun1').usedMiB).toBe(gib(60));
    const before = view(sim, 'lun1').usedMiB;
    sim.advance(60_000);
    const grown = view(sim, 'lun1').usedMiB;
    expect(grown).toBeGreaterThan(before);
    // Each busy vCPU writes about 1 MiB/s: 3 VMs x 4 vCPUs fill the 40 GiB left in about an hour.
    sim.advance(3 * 3_600_000);
    const full = view(sim, 'lun1');
    expect(full.usedMiB).toBeLessThanOrEqual(full.capacityMiB);
    expect(full.freeMiB).toBeLessThan(16);
    const paused = ['a', 'b', 'c'].filter((id) => sim.workloadRow(id)!.state === 'paused');
    expect(paused.length).toBeGreaterThan(0);
    expect(full.disks.filter((d) => d.stunned).map((d) => d.workload)).toEqual(paused);
    expect(sim.log.all().some((e) => /is paused: no more space on datastore lun1 for its disk/.test(e.message))).toBe(true);
    // Resumed without room: paused again at the next write.
    must(sim.act(paused[0], 'resume'));
    sim.advance(30_000);
    expect(sim.workloadRow(paused[0])!.state).toBe('paused');
    // A Storage vMotion frees room: resumed, it goes on.
    const moved = must(sim.relocateStorage('a', 'nfs1'));
    expect(moved.copyMiB).toBeGreaterThan(gib(20));
    expect(view(sim, 'lun1').usedMiB).toBe(full.usedMiB);
    sim.advance(moved.ms + 1000);
    expect(sim.diskOn('a')!.datastore).toBe('nfs1');
    expect(view(sim, 'lun1').freeMiB).toBeGreaterThan(gib(19));
    for (const id of paused) must(sim.act(id, 'resume'));
    sim.advance(60_000);
    for (const id of paused) expect(sim.workloadRow(id)!.state).toBe('running');
  });

  it('time a Storage vMotion by the slower datastore, and hold the room on the target meanwhile', () => {
    const sim = estate();
    must(sim.createWorkload(vm('v', 2, 4, { platform: 'vmware', diskMiB: gib(40), datastore: onDs('lun1', 'thick') })));
    const r = must(sim.relocateStorage('v', 'nfs1'));
    // 40 GiB at 763 MiB/s (8 Gb FC, the slower).
    expect(r.ms).toBe(Math.round((gib(40) / 763) * 1000));
    expect(view(sim, 'nfs1').usedMiB).toBe(gib(40));
    expect(view(sim, 'lun1').usedMiB).toBe(gib(40));
    expect(sim.relocateStorage('v', 'nfs1').ok).toBe(false);
    sim.advance(r.ms);
    expect(view(sim, 'lun1').usedMiB).toBe(0);
    expect(view(sim, 'nfs1').usedMiB).toBe(gib(40));
    expect(sim.diskOn('v')).toMatchObject({ datastore: 'nfs1', format: 'thick' });
  });

  it('move a disk off its host onto a datastore, after which the host holds none of it', () => {
    const sim = estate();
    must(sim.createWorkload(vm('local', 2, 4, { platform: 'vmware', diskMiB: gib(20), host: 'h1' })));
    expect(sim.host('h1')!.allocated.diskMiB).toBe(gib(20));
    const r = must(sim.relocateStorage('local', 'lun1'));
    sim.advance(r.ms);
    expect(sim.host('h1')!.allocated.diskMiB).toBe(0);
    expect(view(sim, 'lun1').usedMiB).toBe(gib(20));
  });

  it('free a deleted VM disk, and keep snapshots on the datastore', () => {
    const sim = estate();
    must(sim.createWorkload(vm('s', 2, 4, { platform: 'vmware', diskMiB: gib(40), modelLevel: 1, datastore: onDs('lun1', 'thin', 5) })));
    must(sim.takeSnapshot('s', 'before', { memory: true }));
    const withSnap = view(sim, 'lun1');
    // The memory image is on the datastore too.
    expect(withSnap.usedMiB).toBe(gib(5) + gib(4));
    sim.advance(600_000);
    expect(view(sim, 'lun1').usedMiB).toBeGreaterThan(withSnap.usedMiB);
    // Writes went into the delta, not the thin disk.
    must(sim.act('s', 'delete'));
    sim.advance(600_000);
    expect(view(sim, 'lun1')).toMatchObject({ usedMiB: 0, provisionedMiB: 0, disks: [] });
  });

  it('come back from a dump as they were, a move in flight included', () => {
    const sim = estate();
    must(sim.createWorkload(vm('t', 2, 4, { platform: 'vmware', diskMiB: gib(40), modelLevel: 1, datastore: onDs('lun1', 'thin', 7) })));
    sim.advance(10_000);
    must(sim.relocateStorage('t', 'nfs1'));
    sim.advance(1000);
    const again = must(restoreCore(JSON.parse(JSON.stringify(dumpCore(sim)))));
    expect(again.datastoreViews()).toEqual(sim.datastoreViews());
    sim.advance(120_000);
    again.advance(120_000);
    expect(again.datastoreViews()).toEqual(sim.datastoreViews());
    expect(again.diskOn('t')!.datastore).toBe('nfs1');
  });
});

describe('a disk on its host’s own storage', () => {
  it('moves live only when copied along, first the disk over the link, then the memory', () => {
    const sim = cluster([{ id: 'h1' }, { id: 'h2' }]);
    must(sim.createWorkload(vm('own', 2, 4, { host: 'h1', diskMiB: gib(40) })));
    const refused = sim.migrate('own', 'h2');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ code: 'invalid-state', facts: { ownStorage: 'h1' } });
    const m = must(sim.migrate('own', 'h2', { copyStorage: true }));
    const bandwidth = migrationBandwidth(10_000, sim.policies.kvm.migration.bandwidthShare);
    expect(m.plan.rounds[0]).toEqual({ sentMiB: gib(40), ms: (gib(40) / bandwidth) * 1000 });
    expect(m.plan.totalMs).toBeGreaterThan((gib(40) / bandwidth) * 1000);
    sim.advanceTo(m.endsAt);
    expect(sim.workload('own')!.host).toBe('h2');
    expect([sim.host('h1')!.allocated.diskMiB, sim.host('h2')!.allocated.diskMiB]).toEqual([0, gib(40)]);
  });

  it('keeps a VM out of maintenance evacuation and DRS, and a VM on a shared datastore moves cold without a copy', () => {
    const sim = cluster([{ id: 'h1' }, { id: 'h2' }], { shared: true });
    must(sim.createWorkload(vm('own', 2, 4, { host: 'h1' })));
    const r = sim.enterMaintenance('h1');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/own: its disk is on h1's own storage; move it to a shared datastore or power it off/);
    must(sim.createWorkload(vm('san', 2, 4, { host: 'h1', initialState: 'stopped', diskMiB: gib(100), ...SHARED })));
    const cold = must(sim.migrate('san', 'h2'));
    expect(cold.plan.totalMs).toBe(1000);
  });
});

/** What a datastore is charged is what its disks take now: a simulation rebuilt from its dump charges them afresh. */
function chargedAsFresh(sim: Simulation): void {
  const fresh = must(restoreCore(JSON.parse(JSON.stringify(dumpCore(sim)))));
  expect(fresh.datastoreViews()).toEqual(sim.datastoreViews());
  for (const d of sim.datastoreViews()) expect(d.usedMiB).toBeLessThanOrEqual(d.capacityMiB);
}

describe('datastore accounting stays true', () => {
  it('through a resize then a revert to a snapshot taken before it, and a backup restored in place', () => {
    const sim = estate();
    must(sim.createWorkload(vm('a', 2, 4, { platform: 'vmware', diskMiB: gib(40), datastore: onDs('lun1', 'thick') })));
    must(sim.takeSnapshot('a', 's1'));
    must(sim.resize('a', { diskMiB: gib(60) }));
    expect(view(sim, 'lun1').usedMiB).toBe(gib(60));
    must(sim.revertSnapshot('a', 's1'));
    expect(view(sim, 'lun1').usedMiB).toBe(gib(40));
    chargedAsFresh(sim);
  });

  it('for a linked clone, which may grow to its whole disk, and keeps what a thin disk wrote under its last snapshot', () => {
    const sim = estate();
    must(sim.createWorkload(vm('p', 2, 4, { platform: 'vmware', diskMiB: gib(40), modelLevel: 1, datastore: onDs('lun1', 'thin', 5) })));
    must(sim.takeSnapshot('p', 'base'));
    must(sim.clone('p', { id: 'lc', linked: true, snapshot: 'base', powerOn: true }));
    sim.advance(3_600_000);
    const lc = sim.diskOn('lc')!;
    expect(lc.provisionedMiB).toBe(gib(40));
    expect(lc.usedMiB).toBeGreaterThan(0);
    expect(lc.usedMiB).toBeLessThanOrEqual(lc.provisionedMiB);
    must(sim.act('lc', 'delete'));
    sim.advance(120_000);
    const before = sim.diskOn('p')!.usedMiB;
    must(sim.deleteSnapshot('p', 'base'));
    // The delta's writes are now the disk's own: nothing written is lost.
    expect(sim.diskOn('p')!.usedMiB).toBeGreaterThan(gib(5));
    expect(sim.diskOn('p')!.usedMiB).toBeLessThanOrEqual(before);
    chargedAsFresh(sim);
  });

  it('while a disk is copied: growth on the target is held there too, and the target never overfills', () => {
    const sim = estate();
    must(sim.createWorkload(vm('filler', 2, 4, { platform: 'vmware', host: 'h1', diskMiB: gib(60), datastore: onDs('lun1', 'thick') })));
    must(sim.createWorkload(vm('b', 8, 4, { platform: 'vmware', host: 'h1', diskMiB: gib(200), modelLevel: 1, datastore: onDs('nfs1', 'thin', 39) })));
    must(sim.takeSnapshot('b', 's'));
    sim.advance(60_000);
    must(sim.relocateStorage('b', 'lun1'));
    for (let t = 0; t < 120; t++) {
      sim.advance(1000);
      for (const d of sim.datastoreViews()) expect(d.usedMiB).toBeLessThanOrEqual(d.capacityMiB);
    }
    chargedAsFresh(sim);
  });

  it('places a powered-on VM only where its datastore is mounted, and a clone of a big disk by its host’s room, not the disk', () => {
    const sim = estate();
    must(sim.createWorkload(vm('a', 2, 4, { platform: 'vmware', host: 'h1', initialState: 'stopped', datastore: onDs('lun1', 'thin') })));
    must(sim.setHostState('h1', 'failed'));
    must(sim.enterMaintenance('h2'));
    const started = sim.act('a', 'start');
    expect(started.ok).toBe(false);
    expect(sim.workload('a')!.host).not.toBe('h3');
    must(sim.createWorkload(vm('big', 2, 4, { platform: 'vmware', host: 'h3', diskMiB: gib(480), initialState: 'stopped', datastore: onDs('nfs1', 'thin') })));
    const copy = must(sim.clone('big', { id: 'big2' }));
    expect(copy.host).toBe('h3');
  });

  it('keeps a host out of maintenance while a disk of its VMs is being copied', () => {
    const sim = estate();
    must(sim.createWorkload(vm('a', 2, 4, { platform: 'vmware', host: 'h1', datastore: onDs('lun1', 'thick') })));
    must(sim.relocateStorage('a', 'nfs1'));
    const r = sim.enterMaintenance('h1');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/a: its disk is being moved; wait for it to finish/);
  });
});
