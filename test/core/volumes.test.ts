// Virtual disks of no VM: charged to their datastore as their format allocates
// (thin: what it allocated; thick: all of it), or claimed whole on a host's own
// storage; refused without room; grown, removed and reloaded exactly.
import { describe, expect, it } from 'vitest';
import { dumpCore } from '../../src/core/dump.js';
import { restoreCore } from '../../src/core/restore.js';
import type { Simulation } from '../../src/core/simulation.js';
import { gib } from '../../src/core/units.js';
import { cluster, must, vm } from './fixtures.js';

function estate(): Simulation {
  const sim = cluster([{ id: 'h1', diskGiB: 100 }], { platform: 'vmware', shared: false });
  must(sim.addDatastore({ id: 'lun', medium: 'san', clusters: ['c1'], capacityMiB: gib(50) }));
  return sim;
}
const lun = (sim: Simulation) => sim.datastoreViews()[0];

describe('volumes', () => {
  it('charge a datastore by format and a host whole, and refuse what does not fit', () => {
    const sim = estate();
    must(sim.createVolume({ store: { datastore: 'lun' }, name: 'disks/thin.vmdk', capacityMiB: gib(80), format: 'thin' }));
    must(sim.createVolume({ store: { datastore: 'lun' }, name: 'disks/thick.vmdk', capacityMiB: gib(20), format: 'eager' }));
    expect([lun(sim).usedMiB, lun(sim).provisionedMiB]).toEqual([gib(20), gib(100)]);
    expect(lun(sim).volumes.map((v) => [v.name, v.usedMiB])).toEqual([
      ['disks/thin.vmdk', 0],
      ['disks/thick.vmdk', gib(20)],
    ]);
    const big = sim.createVolume({ store: { datastore: 'lun' }, name: 'big.vmdk', capacityMiB: gib(31), format: 'thick' });
    expect(big.ok).toBe(false);
    if (!big.ok) expect(big.error.message).toBe('no room for big.vmdk: datastore lun has 30 GiB free, not the 31 GiB it would take');
    must(sim.createVolume({ store: { host: 'h1' }, name: 'local.qcow2', capacityMiB: gib(40), format: 'thin' }));
    expect(sim.host('h1')!.allocated.diskMiB).toBe(gib(40));
    const dup = sim.createVolume({ store: { host: 'h1' }, name: 'local.qcow2', capacityMiB: 1, format: 'thin' });
    expect(dup.ok || dup.error.code).toBe('duplicate-id');
    for (const bad of [
      { store: { datastore: 'nope' }, name: 'x', capacityMiB: 1, format: 'thin' as const },
      { store: { host: 'h1' }, name: 'a\u001b[2Jb', capacityMiB: 1, format: 'thin' as const },
      { store: { host: 'h1' }, name: 'x', capacityMiB: 0, format: 'thin' as const },
      { store: { host: 'h1' }, name: '', capacityMiB: 1, format: 'thin' as const },
    ])
      expect(sim.createVolume(bad).ok).toBe(false);
  });

  it('grow, shrink and go, freeing what they held; a thick one grows only with room', () => {
    const sim = estate();
    must(sim.createVolume({ store: { datastore: 'lun' }, name: 'a.vmdk', capacityMiB: gib(10), format: 'thick' }));
    must(sim.resizeVolume({ datastore: 'lun' }, 'a.vmdk', gib(30)));
    expect(lun(sim).usedMiB).toBe(gib(30));
    expect(sim.resizeVolume({ datastore: 'lun' }, 'a.vmdk', gib(60)).ok).toBe(false);
    expect(lun(sim).usedMiB).toBe(gib(30));
    must(sim.createVolume({ store: { host: 'h1' }, name: 'b.qcow2', capacityMiB: gib(10), format: 'thin' }));
    expect(sim.resizeVolume({ host: 'h1' }, 'b.qcow2', gib(200)).ok).toBe(false);
    must(sim.resizeVolume({ host: 'h1' }, 'b.qcow2', gib(5)));
    expect(sim.host('h1')!.allocated.diskMiB).toBe(gib(5));
    must(sim.deleteVolume({ datastore: 'lun' }, 'a.vmdk'));
    must(sim.deleteVolume({ host: 'h1' }, 'b.qcow2'));
    expect([lun(sim).usedMiB, lun(sim).provisionedMiB, sim.host('h1')!.allocated.diskMiB]).toEqual([0, 0, 0]);
    expect(sim.deleteVolume({ host: 'h1' }, 'b.qcow2').ok).toBe(false);
  });

  it('come back from a dump as they were, a failed host’s included', () => {
    const sim = estate();
    must(sim.createVolume({ store: { datastore: 'lun' }, name: 'a.vmdk', capacityMiB: gib(10), format: 'thin', allocatedMiB: gib(2) }));
    must(sim.createVolume({ store: { host: 'h1' }, name: 'b.qcow2', capacityMiB: gib(10), format: 'thick' }));
    must(sim.setHostState('h1', 'failed'));
    expect(sim.createVolume({ store: { host: 'h1' }, name: 'c.qcow2', capacityMiB: 1, format: 'thin' }).ok).toBe(false);
    const again = must(restoreCore(JSON.parse(JSON.stringify(dumpCore(sim)))));
    expect(again.volumes()).toEqual(sim.volumes());
    expect(again.datastoreViews()).toEqual(sim.datastoreViews());
    expect(again.host('h1')!.allocated.diskMiB).toBe(gib(10));
  });
});

describe('data disks', () => {
  /** Two clusters: c1 (h1, h2) mounts lun and nfs, c2 (h3) mounts nfs only. */
  function twoClusters(): Simulation {
    const sim = cluster([{ id: 'h1' }, { id: 'h2' }], { platform: 'vmware', shared: false, ha: { kind: 'slots', hostFailures: 1 } });
    must(sim.addCluster({ id: 'c2', site: 'dc1', platform: 'vmware' }));
    must(sim.addHost({ id: 'h3', cluster: 'c2', cores: 16, memoryMiB: gib(64), storageMiB: gib(500) }));
    must(sim.addDatastore({ id: 'lun', medium: 'san', clusters: ['c1'], capacityMiB: gib(500) }));
    must(sim.addDatastore({ id: 'nfs', medium: 'nas', clusters: ['c1', 'c2'], capacityMiB: gib(500) }));
    must(sim.createWorkload(vm('a', 2, 4, { platform: 'vmware', host: 'h1', datastore: { id: 'nfs', format: 'thin' } })));
    return sim;
  }

  it('attach only where the VM’s host can open them, to one VM at a time, and keep a disk in use from being deleted', () => {
    const sim = twoClusters();
    must(sim.createVolume({ store: { datastore: 'lun' }, name: 'a/data.vmdk', capacityMiB: gib(20), format: 'thin' }));
    must(sim.createVolume({ store: { host: 'h3' }, name: 'far.vmdk', capacityMiB: gib(5), format: 'thin' }));
    expect(must(sim.attachVolume({ datastore: 'lun' }, 'a/data.vmdk', 'a')).attachedTo).toBe('a');
    expect(sim.dataDisks('a').map((d) => d.name)).toEqual(['a/data.vmdk']);
    const far = sim.attachVolume({ host: 'h3' }, 'far.vmdk', 'a');
    expect(far.ok || far.error.message).toBe("h1, where a is, cannot open far.vmdk on h3's own storage");
    must(sim.createWorkload(vm('b', 2, 4, { platform: 'vmware', host: 'h2', datastore: { id: 'nfs', format: 'thin' } })));
    const twice = sim.attachVolume({ datastore: 'lun' }, 'a/data.vmdk', 'b');
    expect(twice.ok || twice.error.message).toBe('a/data.vmdk is in use: it is a data disk of a');
    const del = sim.deleteVolume({ datastore: 'lun' }, 'a/data.vmdk');
    expect(del.ok || del.error.message).toBe('a/data.vmdk is in use: it is a data disk of a; detach it first');
    must(sim.detachVolume({ datastore: 'lun' }, 'a/data.vmdk'));
    must(sim.deleteVolume({ datastore: 'lun' }, 'a/data.vmdk'));
  });

  it('keep their VM where they can be opened: migration, placement at start, and HA', () => {
    const sim = twoClusters();
    must(sim.createVolume({ store: { datastore: 'lun' }, name: 'a/data.vmdk', capacityMiB: gib(20), format: 'thin' }));
    must(sim.attachVolume({ datastore: 'lun' }, 'a/data.vmdk', 'a'));
    // Its own disk is on nfs, which h3 mounts; its data disk is on lun, which h3 does not.
    const r = sim.migrate('a', 'h3', { live: true });
    expect(r.ok || r.error.message).toBe("h3 does not mount datastore lun, where a's data disk a/data.vmdk is: move the disk to a datastore it mounts first");
    must(sim.migrate('a', 'h2'));
    sim.advance(120_000);
    expect(sim.workload('a')!.host).toBe('h2');
    // A data disk on a host's own storage pins its VM there: HA leaves it, migration refuses.
    must(sim.createVolume({ store: { host: 'h2' }, name: 'a/scratch.vmdk', capacityMiB: gib(5), format: 'thin' }));
    must(sim.attachVolume({ host: 'h2' }, 'a/scratch.vmdk', 'a'));
    const pinned = sim.migrate('a', 'h1');
    expect(pinned.ok || pinned.error.message).toMatch(/^a's data disk a\/scratch\.vmdk is on h2's own storage, which h1 cannot see: detach it/);
    must(sim.setHostState('h2', 'failed'));
    sim.advance(600_000);
    expect(sim.workload('a')!.host).toBe('h2');
    expect(sim.workload('a')!.state).not.toBe('running');
  });

  it('go with their VM’s Storage vMotion, and stay behind, detached, when it is deleted', () => {
    const sim = twoClusters();
    must(sim.createVolume({ store: { datastore: 'lun' }, name: 'a/data.vmdk', capacityMiB: gib(20), format: 'eager' }));
    must(sim.createVolume({ store: { host: 'h1' }, name: 'a/local.vmdk', capacityMiB: gib(8), format: 'thick' }));
    must(sim.attachVolume({ datastore: 'lun' }, 'a/data.vmdk', 'a'));
    must(sim.attachVolume({ host: 'h1' }, 'a/local.vmdk', 'a'));
    const move = must(sim.relocateStorage('a', 'lun'));
    // Its own disk (nothing written yet) and the local data disk: the one already on lun stays.
    expect(move.copyMiB).toBe(gib(8));
    expect(sim.host('h1')!.allocated.diskMiB).toBe(gib(8));
    sim.advance(move.ms + 1000);
    expect(sim.dataDisks('a').map((d) => [d.name, d.datastore])).toEqual([
      ['a/data.vmdk', 'lun'],
      ['a/local.vmdk', 'lun'],
    ]);
    expect(sim.host('h1')!.allocated.diskMiB).toBe(0);
    const lunView = sim.datastoreViews().find((d) => d.id === 'lun')!;
    expect(lunView.usedMiB).toBe(gib(28) + lunView.disks[0].usedMiB);
    const again = must(restoreCore(JSON.parse(JSON.stringify(dumpCore(sim)))));
    expect(again.dataDisks('a')).toEqual(sim.dataDisks('a'));
    must(sim.act('a', 'delete'));
    expect(sim.volumes({ datastore: 'lun' }).map((v) => [v.name, v.attachedTo])).toEqual([
      ['a/data.vmdk', undefined],
      ['a/local.vmdk', undefined],
    ]);
  });
});

describe('data disks while their VM’s disks move', () => {
  it('keep their size and names: no resize mid-copy, and a name the move will bring is taken', () => {
    const sim = cluster([{ id: 'h1' }], { platform: 'vmware', shared: false });
    must(sim.addDatastore({ id: 'src', medium: 'san', clusters: ['c1'], capacityMiB: gib(200) }));
    must(sim.addDatastore({ id: 'dst', medium: 'san', clusters: ['c1'], capacityMiB: gib(24) }));
    must(sim.createWorkload(vm('a', 2, 4, { platform: 'vmware', host: 'h1', datastore: { id: 'dst', format: 'thin' } })));
    must(sim.createVolume({ store: { datastore: 'src' }, name: 'a/data.vmdk', capacityMiB: gib(10), format: 'thick' }));
    must(sim.attachVolume({ datastore: 'src' }, 'a/data.vmdk', 'a'));
    // Its own disk is on dst already: the move is for its data disk.
    const move = must(sim.relocateStorage('a', 'dst'));
    expect(move.copyMiB).toBe(gib(10));
    const grown = sim.resizeVolume({ datastore: 'src' }, 'a/data.vmdk', gib(60));
    expect(grown.ok || grown.error.message).toBe("a's disks are being moved: change them when the move is done");
    const clash = sim.createVolume({ store: { datastore: 'dst' }, name: 'a/data.vmdk', capacityMiB: gib(1), format: 'thin' });
    expect(clash.ok || clash.error.message).toBe("datastore dst is taking a volume named a/data.vmdk from a's disk move");
    const again = must(restoreCore(JSON.parse(JSON.stringify(dumpCore(sim)))));
    for (const s of [sim, again]) {
      s.advance(move.ms + 1000);
      expect(s.dataDisks('a').map((d) => d.datastore)).toEqual(['dst']);
      expect(s.datastoreViews().map((d) => d.usedMiB)).toEqual([0, gib(10) + s.diskOn('a')!.usedMiB]);
    }
  });

  it('do not confine a clone, which takes its source’s own disk only', () => {
    const sim = cluster([{ id: 'h1', memGiB: 8 }, { id: 'h2' }], { platform: 'vmware' });
    must(sim.createWorkload(vm('a', 2, 6, { platform: 'vmware', host: 'h1', initialState: 'stopped', datastore: { id: 'shared', format: 'thin' } })));
    must(sim.createVolume({ store: { host: 'h1' }, name: 'a/local.vmdk', capacityMiB: gib(1), format: 'thin' }));
    must(sim.attachVolume({ host: 'h1' }, 'a/local.vmdk', 'a'));
    must(sim.createWorkload(vm('filler', 2, 6, { platform: 'vmware', host: 'h1', datastore: { id: 'shared', format: 'thin' } })));
    const copy = must(sim.clone('a', { id: 'b', powerOn: true }));
    expect(copy.host).toBe('h2');
    expect(sim.dataDisks('b')).toEqual([]);
  });

  it('refuse sizes and limits past what an estate file holds', () => {
    const sim = estate();
    expect(sim.createVolume({ store: { datastore: 'lun' }, name: 'huge.vmdk', capacityMiB: 2 ** 41, format: 'thin' }).ok).toBe(false);
    must(sim.createWorkload(vm('a', 2, 4, { platform: 'vmware', datastore: { id: 'lun', format: 'thin' } })));
    expect(sim.limitIops('a', 2e15).ok).toBe(false);
    must(sim.limitIops('a', 1e15));
    expect(must(restoreCore(JSON.parse(JSON.stringify(dumpCore(sim))))).diskIo('a')!.limitIops).toBe(1e15);
  });
});
