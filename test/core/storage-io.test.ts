// Disk I/O: guests ask IOPS as busy as they are, a datastore serves up to its limit,
// latency grows as it fills (M/M/1) and, past it, the disks share it equally behind full
// queues; the busiest disk of a congested datastore is the noisy neighbour; a disk's own
// limit caps it first and survives a reload.
import { describe, expect, it } from 'vitest';
import { dumpCore } from '../../src/core/dump.js';
import { restoreCore } from '../../src/core/restore.js';
import type { Simulation } from '../../src/core/simulation.js';
import { deviceLatency, fairLevel, IO_KIB, iopsOfMbps, QUEUE_DEPTH, READS_PER_WRITE, SERVICE_MS } from '../../src/core/storage-io.js';
import { gib } from '../../src/core/units.js';
import { cluster, must, vm } from './fixtures.js';

/** A LUN that serves `iops`, mounted by one VMware cluster. */
function estate(iops: number): Simulation {
  const sim = cluster([{ id: 'h1', cores: 64, memGiB: 512 }], { platform: 'vmware', shared: false });
  must(sim.addDatastore({ id: 'lun', medium: 'san', clusters: ['c1'], capacityMiB: gib(2000), iops }));
  return sim;
}
const onLun = { datastore: { id: 'lun', format: 'thick' } } as const;
const lun = (sim: Simulation) => sim.datastoreViews().find((d) => d.id === 'lun')!;

describe('disk I/O', () => {
  it('queues as an M/M/1 device below its peak and behind full queues at it', () => {
    expect(deviceLatency(0, 1000, 0)).toBe(0);
    expect(deviceLatency(500, 1000, 4)).toBeCloseTo(SERVICE_MS / 0.5);
    // At 90% of peak, ten service times: vSphere's old 30 ms congestion threshold.
    expect(deviceLatency(900, 1000, 100)).toBeCloseTo(30);
    // Past the peak, each of 10 disks keeps 32 in flight: Little's law, 320 I/Os at 1,000/s.
    expect(deviceLatency(5000, 1000, 10)).toBeCloseTo(((10 * QUEUE_DEPTH) / 1000) * 1000);
    // Near the peak a closed system's latency is bounded by its queues, not M/M/1's infinity.
    expect(deviceLatency(999, 1000, 2)).toBeCloseTo(((2 * QUEUE_DEPTH) / 1000) * 1000);
  });

  it('shares a saturated device equally, none given more than it asks', () => {
    expect(fairLevel([100, 900, 900], 1000)).toBe(450);
    expect(fairLevel([100, 200], 1000)).toBe(Number.POSITIVE_INFINITY);
    expect(fairLevel([600, 600], 1000)).toBe(500);
  });

  it('serves what busy guests ask, counts a link-bound default, and flags the noisy neighbour when congested', () => {
    // The default: what an 8 Gb FC link carries in 8 KiB I/Os.
    const plain = cluster([{ id: 'h1' }], { platform: 'vmware' });
    expect(plain.datastoreViews()[0].io.limitIops).toBe(iopsOfMbps(763));

    const sim = estate(3000);
    must(sim.createWorkload(vm('quiet', 2, 4, { platform: 'vmware', modelLevel: 0.1, ...onLun })));
    must(sim.createWorkload(vm('busy', 2, 4, { platform: 'vmware', modelLevel: 0.5, ...onLun })));
    sim.advance(60_000);
    const calm = lun(sim);
    const quiet = calm.disks.find((d) => d.workload === 'quiet')!;
    // A guest's writes (1 MiB/s per busy vCPU) and three reads for each, in 8 KiB I/Os.
    const cpu = sim.workload('quiet')!;
    const expected = ((cpu.cpuMilli / 1000) * (cpu.cpuPct / 100) * 1024 * (1 + READS_PER_WRITE)) / IO_KIB;
    expect(quiet.io.demandIops).toBe(Math.round(expected));
    expect(quiet.io.iops).toBe(quiet.io.demandIops);
    expect(calm.io.congested).toBe(false);
    expect(calm.disks.some((d) => d.noisy)).toBe(false);
    expect(calm.io.latencyMs).toBeGreaterThanOrEqual(SERVICE_MS);

    // A big busy neighbour arrives: the LUN saturates, latency climbs, and it is the one named.
    must(sim.createWorkload(vm('hog', 16, 16, { platform: 'vmware', modelLevel: 1, ...onLun })));
    sim.advance(60_000);
    const hot = lun(sim);
    expect(hot.io.congested).toBe(true);
    expect(hot.io.iops).toBeLessThanOrEqual(3000);
    expect(hot.io.latencyMs).toBeGreaterThan(calm.io.latencyMs * 3);
    expect(hot.disks.find((d) => d.noisy)?.workload).toBe('hog');
    const hog = hot.disks.find((d) => d.workload === 'hog')!;
    expect(hog.io.iops).toBeLessThan(hog.io.demandIops);
    // The quiet one still gets all it asks: an equal share is more than it wants.
    const after = hot.disks.find((d) => d.workload === 'quiet')!;
    expect(after.io.iops).toBe(after.io.demandIops);
  });

  it('caps a disk at its own limit, frees the datastore for the others, and keeps the limit across a reload', () => {
    const sim = estate(3000);
    must(sim.createWorkload(vm('busy', 4, 4, { platform: 'vmware', modelLevel: 0.6, ...onLun })));
    must(sim.createWorkload(vm('hog', 16, 16, { platform: 'vmware', modelLevel: 1, ...onLun })));
    sim.advance(60_000);
    expect(lun(sim).io.congested).toBe(true);
    must(sim.limitIops('hog', 500));
    sim.advance(60_000);
    const io = sim.diskIo('hog')!;
    expect(io.limitIops).toBe(500);
    expect(io.iops).toBe(500);
    // Its own queue drains at 500/s: 32 in flight wait 64 ms.
    expect(io.latencyMs).toBeCloseTo(((QUEUE_DEPTH / 500) * 1000) as number, 0);
    expect(lun(sim).io.congested).toBe(false);
    expect(sim.diskIo('busy')!.iops).toBe(sim.diskIo('busy')!.demandIops);

    const again = must(restoreCore(JSON.parse(JSON.stringify(dumpCore(sim)))));
    expect(again.diskIo('hog')!.limitIops).toBe(500);
    expect(again.datastoreViews()[0].io.limitIops).toBe(3000);
    expect(sim.limitIops('hog', -1).ok).toBe(false);
    expect(sim.limitIops('nope', 10).ok).toBe(false);
    must(sim.limitIops('hog', 0));
    expect(sim.diskIo('hog')!.limitIops).toBeUndefined();
  });

  it('names the disk asking the most the noisy neighbour, though saturated disks are served alike, and idle guests queue nothing', () => {
    const sim = estate(1000);
    must(sim.createWorkload(vm('mid', 4, 4, { platform: 'vmware', modelLevel: 0.5, ...onLun })));
    must(sim.createWorkload(vm('hog', 16, 16, { platform: 'vmware', modelLevel: 1, ...onLun })));
    sim.advance(60_000);
    const hot = lun(sim);
    const [mid, hog] = ['mid', 'hog'].map((id) => hot.disks.find((d) => d.workload === id)!);
    // Both ask past an equal share: both are served 500.
    expect([mid.io.iops, hog.io.iops]).toEqual([500, 500]);
    expect(hog.noisy).toBe(true);
    expect(mid.noisy).toBe(false);
    const before = hot.io.latencyMs;
    for (let i = 0; i < 20; i++) must(sim.createWorkload(vm(`idle${i}`, 1, 1, { platform: 'vmware', modelLevel: 0, ...onLun })));
    sim.advance(60_000);
    expect(lun(sim).io.latencyMs).toBeCloseTo(before, 0);
  });

  it('lets a throttled disk grow no faster than the writes its limit lets through', () => {
    const sim = estate(100_000);
    must(sim.createWorkload(vm('w', 8, 8, { platform: 'vmware', modelLevel: 1, datastore: { id: 'lun', format: 'thin' } })));
    must(sim.limitIops('w', 128));
    const start = sim.diskOn('w')!.usedMiB;
    sim.advance(600_000);
    // 128 IOPS of 8 KiB, a quarter of them writes: 0.25 MiB/s, 150 MiB in ten minutes.
    expect(sim.diskOn('w')!.usedMiB - start).toBeLessThanOrEqual(150);
    expect(sim.diskOn('w')!.usedMiB - start).toBeGreaterThan(100);
  });

  it('shares a VM’s I/O equally among its disks, each on its own device, and grows a thin data disk by its share', () => {
    const sim = estate(100_000);
    must(sim.addDatastore({ id: 'lun2', medium: 'san', clusters: ['c1'], capacityMiB: gib(2000), iops: 100_000 }));
    must(sim.createWorkload(vm('db', 8, 8, { platform: 'vmware', modelLevel: 1, datastore: { id: 'lun', format: 'thick' } })));
    sim.advance(60_000);
    const alone = sim.diskIo('db')!.demandIops;
    must(sim.createVolume({ store: { datastore: 'lun2' }, name: 'db/data.vmdk', capacityMiB: gib(100), format: 'thin' }));
    must(sim.attachVolume({ datastore: 'lun2' }, 'db/data.vmdk', 'db'));
    sim.advance(1000);
    const own = sim.diskIo('db')!;
    const data = sim.dataDisks('db')[0]!.io!;
    // Two disks, an equal share each (within a tick's change of load), each counted on its own datastore.
    expect(own.demandIops).toBeCloseTo(alone / 2, -2);
    expect(data.demandIops).toBe(own.demandIops);
    expect(sim.datastoreViews().find((d) => d.id === 'lun2')!.io.demandIops).toBe(data.demandIops);
    // The thin data disk grows by its share of the writes: a quarter of its IOPS, of 8 KiB.
    const before = sim.dataDisks('db')[0]!.usedMiB;
    sim.advance(600_000);
    const grew = sim.dataDisks('db')[0]!.usedMiB - before;
    const perSecond = (data.demandIops * IO_KIB) / 1024 / (1 + READS_PER_WRITE);
    expect(grew).toBeGreaterThan(perSecond * 600 * 0.5);
    expect(grew).toBeLessThan(perSecond * 600 * 1.5);
    expect(sim.datastoreViews().find((d) => d.id === 'lun2')!.usedMiB).toBe(sim.dataDisks('db')[0]!.usedMiB);
    // And a reload reads the same, the fraction of a MiB carried included.
    const back = must(restoreCore(JSON.parse(JSON.stringify(dumpCore(sim)))));
    for (const s of [sim, back]) s.advance(60_000);
    expect(back.dataDisks('db')).toEqual(sim.dataDisks('db'));
  });

  it('gives a VM with no disk of its own all its I/O on its data disk, and names a busy data disk the noisy neighbour', () => {
    const sim = estate(3000);
    must(sim.createWorkload(vm('small', 2, 4, { platform: 'vmware', modelLevel: 1, datastore: { id: 'lun', format: 'thick' } })));
    must(sim.createWorkload(vm('big', 32, 32, { platform: 'vmware', modelLevel: 1, diskMiB: 0 })));
    must(sim.createVolume({ store: { datastore: 'lun' }, name: 'big/data.vmdk', capacityMiB: gib(100), format: 'thick' }));
    must(sim.attachVolume({ datastore: 'lun' }, 'big/data.vmdk', 'big'));
    sim.advance(60_000);
    const row = sim.workloadRow('big')!;
    const whole = ((row.cpuMilli / 1000) * (row.cpuPct / 100) * 1024 * (1 + READS_PER_WRITE)) / IO_KIB;
    const data = lun(sim).volumes[0]!;
    expect(data.io!.demandIops).toBeCloseTo(whole, -1);
    // The LUN is congested by the data disk: it, not small's own disk, is the noisy neighbour.
    expect(lun(sim).io.congested).toBe(true);
    expect(data.noisy).toBe(true);
    expect(lun(sim).disks.every((d) => !d.noisy)).toBe(true);
  });

  it('grows thin data disks in workload order, so a reload pauses the same VM when their datastore fills', () => {
    const sim = estate(100_000);
    must(sim.addDatastore({ id: 'tight', medium: 'san', clusters: ['c1'], capacityMiB: 1024 + 517 }));
    for (const id of ['a', 'b']) must(sim.createWorkload(vm(id, 8, 8, { platform: 'vmware', modelLevel: 1, datastore: { id: 'lun', format: 'thick' } })));
    for (const name of ['v1', 'v2']) must(sim.createVolume({ store: { datastore: 'tight' }, name, capacityMiB: gib(10), format: 'thin' }));
    must(sim.attachVolume({ datastore: 'tight' }, 'v2', 'a'));
    must(sim.attachVolume({ datastore: 'tight' }, 'v1', 'b'));
    sim.advance(5000);
    const back = must(restoreCore(JSON.parse(JSON.stringify(dumpCore(sim)))));
    for (const s of [sim, back]) s.advance(600_000);
    expect(back.volumes().map((v) => v.usedMiB)).toEqual(sim.volumes().map((v) => v.usedMiB));
    expect(['a', 'b'].map((id) => back.stunnedOn(id))).toEqual(['a', 'b'].map((id) => sim.stunnedOn(id)));
    // The one paused waits on its data disk, which says so; its own disk on lun does not.
    const paused = ['a', 'b'].find((id) => sim.stunned(id))!;
    expect(sim.stunnedOn(paused)).toBe(paused === 'a' ? 'v2' : 'v1');
    expect(sim.diskOn(paused)!.stunned).toBe(false);
    expect(sim.dataDisks(paused)[0]!.stunned).toBe(true);
  });

  it('counts a VM on its host’s own disks against the host, and a stopped one asks nothing', () => {
    const sim = cluster([{ id: 'h1' }], { platform: 'kvm', shared: false });
    must(sim.createWorkload(vm('local', 4, 4, { modelLevel: 0.5 })));
    must(sim.createWorkload(vm('off', 4, 4, { initialState: 'stopped' })));
    sim.advance(60_000);
    expect(sim.diskIo('local')!.iops).toBeGreaterThan(0);
    expect(sim.diskIo('off')!.iops).toBe(0);
    const host = sim.hostDiskIo('h1')!;
    expect(host.iops).toBe(sim.diskIo('local')!.iops);
    expect(host.limitIops).toBe(iopsOfMbps(572));
  });
});
