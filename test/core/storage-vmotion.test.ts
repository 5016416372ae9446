// vMotion with storage to another cluster (vSphere's "Change both compute resource
// and storage", govc vm.migrate -host H -ds DS): the VM's disks go to a datastore the
// target host mounts and the source need not, copied through the target first while
// the guest runs, then memory; the room is held there meanwhile, the source's freed
// when it lands, and nothing is held if it is called off.
import { describe, expect, it } from 'vitest';
import { dumpCore } from '../../src/core/dump.js';
import { restoreCore } from '../../src/core/restore.js';
import type { Simulation } from '../../src/core/simulation.js';
import { gib } from '../../src/core/units.js';
import { cluster, must, vm } from './fixtures.js';

function estate(): Simulation {
  const sim = cluster([{ id: 'h1' }, { id: 'h2' }], { platform: 'vmware' });
  must(sim.addCluster({ id: 'c2', site: 'dc1', platform: 'vmware' }));
  must(sim.addHost({ id: 'h3', cluster: 'c2', cores: 16, memoryMiB: gib(64), storageMiB: gib(100) }));
  must(sim.addDatastore({ id: 'lun1', medium: 'san', clusters: ['c1'], capacityMiB: gib(100) }));
  must(sim.addDatastore({ id: 'lun2', medium: 'san', clusters: ['c2'], capacityMiB: gib(100) }));
  must(sim.createWorkload(vm('a', 2, 4, { platform: 'vmware', host: 'h1', diskMiB: gib(40), datastore: { id: 'lun1', format: 'thick', allocatedMiB: 0 } })));
  must(sim.createVolume({ store: { datastore: 'lun1' }, name: 'a/data.vmdk', capacityMiB: gib(10), format: 'thick' }));
  must(sim.attachVolume({ datastore: 'lun1' }, 'a/data.vmdk', 'a'));
  sim.advance(60_000);
  return sim;
}

const used = (sim: Simulation, id: string) => sim.datastoreViews().find((d) => d.id === id)!.usedMiB;

describe('vMotion with storage', () => {
  it('is refused without a datastore the target mounts, and moves the disks with one', () => {
    const sim = estate();
    expect(sim.migrate('a', 'h3').ok).toBe(false);
    const wrong = sim.migrate('a', 'h3', { datastore: 'lun1' });
    expect(wrong.ok || wrong.error.message).toBe('h3 does not mount datastore lun1');
    const info = must(sim.migrate('a', 'h3', { datastore: 'lun2' }));
    // 40 GiB of disk and 10 of data disk, first, at what the link and the LUNs allow, then memory.
    expect(info.plan.rounds[0]!.sentMiB).toBe(gib(50));
    expect(sim.workload('a')!.state).toBe('migrating');
    // The room is held on lun2 while the copy runs; lun1 still holds the disks.
    expect(used(sim, 'lun2')).toBe(gib(50));
    expect(used(sim, 'lun1')).toBe(gib(50));
    sim.advance(info.endsAt - sim.now + 1000);
    expect(sim.workload('a')).toMatchObject({ state: 'running', host: 'h3' });
    expect(sim.diskOn('a')!.datastore).toBe('lun2');
    expect(sim.dataDisks('a').map((d) => d.datastore)).toEqual(['lun2']);
    expect([used(sim, 'lun1'), used(sim, 'lun2')]).toEqual([0, gib(50)]);
    // No disk claimed on the target host: the disk is on a datastore.
    expect(sim.host('h3')!.allocated.diskMiB).toBe(0);
  });

  it('reads the same from a dump taken mid-copy, and lands the same', () => {
    const sim = estate();
    const info = must(sim.migrate('a', 'h3', { datastore: 'lun2' }));
    sim.advance(10_000);
    const back = must(restoreCore(JSON.parse(JSON.stringify(dumpCore(sim)))));
    expect(used(back, 'lun2')).toBe(used(sim, 'lun2'));
    for (const s of [sim, back]) s.advance(info.endsAt - s.now + 1000);
    expect(back.diskOn('a')!.datastore).toBe('lun2');
    expect(dumpCore(back)).toEqual(dumpCore(sim));
  });

  it('claims no disk on the target host for a disk going from the source’s own storage to a datastore', () => {
    const sim = estate();
    // 80 GiB on h1's own storage; h3 has 100 GiB of its own, 60 of them taken.
    must(sim.createWorkload(vm('local', 2, 4, { platform: 'vmware', host: 'h1', diskMiB: gib(80) })));
    must(sim.createWorkload(vm('filler', 2, 4, { platform: 'vmware', host: 'h3', diskMiB: gib(60) })));
    sim.advance(60_000);
    const info = must(sim.migrate('local', 'h3', { datastore: 'lun2' }));
    expect(sim.host('h3')!.allocated.diskMiB).toBe(gib(60));
    sim.advance(info.endsAt - sim.now + 1000);
    expect(sim.workload('local')!.host).toBe('h3');
    expect(sim.diskOn('local')!.datastore).toBe('lun2');
    expect([sim.host('h1')!.allocated.diskMiB, sim.host('h3')!.allocated.diskMiB]).toEqual([0, gib(60)]);
  });

  it('refuses a dump whose migration goes where its disk cannot be opened, with no move to take it there', () => {
    const sim = estate();
    must(sim.createWorkload(vm('b', 2, 4, { platform: 'vmware', host: 'h2', diskMiB: gib(10), datastore: { id: 'lun1', format: 'thin', allocatedMiB: 0 } })));
    sim.advance(60_000);
    must(sim.migrate('b', 'h3', { datastore: 'lun2' }));
    const dump = JSON.parse(JSON.stringify(dumpCore(sim)));
    dump.storageMoves = [];
    const r = restoreCore(dump);
    expect(r.ok || r.error.message).toBe('migration of b: h3 does not mount datastore lun1, where its disk is, and no storage move goes with it');
  });

  it('charges a growing disk once when only its data disks are moved to where it is', () => {
    const sim = cluster([{ id: 'h1', cores: 64, memGiB: 512 }], { platform: 'vmware', shared: false });
    must(sim.addDatastore({ id: 'lun1', medium: 'san', clusters: ['c1'], capacityMiB: gib(1000), mbps: 1 }));
    must(sim.addDatastore({ id: 'lun2', medium: 'san', clusters: ['c1'], capacityMiB: gib(1000) }));
    must(
      sim.createWorkload(vm('w', 8, 8, { platform: 'vmware', modelLevel: 1, diskMiB: gib(100), datastore: { id: 'lun1', format: 'thin', allocatedMiB: 0 } })),
    );
    must(sim.createVolume({ store: { datastore: 'lun2' }, name: 'w/data.vmdk', capacityMiB: gib(20), format: 'thick' }));
    must(sim.attachVolume({ datastore: 'lun2' }, 'w/data.vmdk', 'w'));
    must(sim.relocateStorage('w', 'lun1'));
    sim.advance(120_000);
    // Still copying (20 GiB at 1 MiB/s): lun1 holds the room for the copy, and its own disk's growth once.
    expect(sim.diskMoving('w')).toBe(true);
    expect(used(sim, 'lun1')).toBe(sim.diskOn('w')!.usedMiB + gib(20));
  });

  it('holds nothing on the target datastore once it is called off', () => {
    const sim = estate();
    must(sim.migrate('a', 'h3', { datastore: 'lun2' }));
    must(sim.setHostState('h3', 'failed'));
    sim.advance(1000);
    expect(sim.workload('a')).toMatchObject({ state: 'running', host: 'h1' });
    expect(sim.diskOn('a')!.datastore).toBe('lun1');
    expect([used(sim, 'lun1'), used(sim, 'lun2')]).toEqual([gib(50), 0]);
  });
});
