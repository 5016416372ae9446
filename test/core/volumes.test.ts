// Virtual disks of no VM: charged to their datastore as their format allocates
// (thin: what it allocated; thick: all of it), or claimed whole on a host's own
// storage; refused without room; grown, removed and reloaded exactly.
import { describe, expect, it } from 'vitest';
import { dumpCore } from '../../src/core/dump.js';
import { restoreCore } from '../../src/core/restore.js';
import type { Simulation } from '../../src/core/simulation.js';
import { gib } from '../../src/core/units.js';
import { cluster, must } from './fixtures.js';

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
