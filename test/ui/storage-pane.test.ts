// The Storage pane: key 8 shows each shared datastore (type in its platform's
// words, capacity, provisioned, used, its state against vCenter's usage alarm)
// and the disks on it; enter on a disk opens its VM, whose detail says where its
// disk is. A Storage vMotion shows on the disk's line while it copies.
import { describe, expect, it } from 'vitest';
import { must } from '../core/fixtures.js';
import { cells, controllerFor, press, prompt } from './helpers.js';

describe('the Storage pane', () => {
  it('lists the datastores and their disks, overcommitted ones said so', () => {
    const ctl = controllerFor();
    press(ctl, '8');
    expect(ctl.state.pane).toBe('storage');
    const rows = cells(ctl);
    const lun = rows.findIndex((r) => r[0] === 'prod-lun01');
    expect(rows[lun]!.slice(1, 3)).toEqual(['VMFS', '1.3 TiB']);
    expect([rows[lun]![6], rows[lun]![10]]).toEqual(['ok, 108% provisioned', 'vsphere-prod']);
    // Its I/O: IOPS served, what is asked of its 12,000 IOPS, and the latency that follows.
    expect(Number(rows[lun]![7])).toBeGreaterThan(0);
    expect(rows[lun]![8]).toMatch(/^\d+%$/);
    expect(rows[lun]![9]).toMatch(/^\d+\.\dms$/);
    expect(rows[lun + 1]![0]).toBe('├─ web-01');
    expect(rows[lun + 1]![1]).toBe('thin');
    expect(rows.find((r) => r[0] === 'Volume1')!.slice(1, 3)).toEqual(['CSV', '6 TiB']);
    expect(rows.find((r) => r[0] === '├─ ad-01')![1]).toBe('dynamic');
    expect(rows.find((r) => r[0] === 'prod-nfs01')![1]).toBe('NFS');
  });

  it('names the noisy neighbour of a congested datastore', () => {
    const ctl = controllerFor();
    const vm = ctl.estate.sim.workload('web-01')!;
    must(
      ctl.estate.sim.createWorkload({
        id: 'hog',
        platform: 'vmware',
        host: vm.host,
        cpuMilli: 16_000,
        memoryMiB: 8192,
        diskMiB: 20_480,
        modelLevel: 1,
        initialState: 'running',
        datastore: { id: 'prod-lun01', format: 'thin' },
      }),
    );
    ctl.estate.sim.advance(10_000);
    press(ctl, '8');
    const rows = cells(ctl);
    const hog = rows.find((r) => r[0].endsWith('hog'))!;
    expect(hog[6]).toBe('noisy neighbour');
    const lun = rows.find((r) => r[0] === 'prod-lun01')!;
    expect(Number.parseInt(lun[8]!, 10)).toBeGreaterThanOrEqual(90);
  });

  it('raises vCenter’s Datastore usage on disk alarm past 85% (red), and counts each VM its full datastore paused as failed, in the header', () => {
    const ctl = controllerFor();
    const sim = ctl.estate.sim;
    const before = ctl.totals();
    const lun = () => sim.datastoreViews().find((d) => d.id === 'prod-lun01')!;
    const filler = (id: string, diskMiB: number) =>
      must(
        sim.createWorkload({
          id,
          platform: 'vmware',
          host: sim.workload('web-01')!.host,
          cpuMilli: 1000,
          memoryMiB: 1024,
          diskMiB,
          initialState: 'stopped',
          datastore: { id: 'prod-lun01', format: 'thick' },
        }),
      );
    filler('fill-86', Math.ceil(lun().capacityMiB * 0.86) - lun().usedMiB);
    // The monitor judges once a minute: a minute on, the alarm is red.
    sim.advance(60_000);
    const red = ctl.estate.providers.alarms.triggered().find((a) => a.subjectId === 'prod-lun01')!;
    expect(red.definition.key).toBe('alarm.DatastoreDiskUsageAlarm');
    expect(red.level).toBe('critical');
    expect(ctl.totals().alarms.total).toBe(before.alarms.total + 1);
    expect(ctl.totals().alarms.worst).toBe('critical');
    // Full: the thin disks that write next pause their VMs, each one more failed.
    filler('fill-all', lun().freeMiB - 64);
    sim.advance(120_000);
    const stunned = sim.workloadViews().filter((v) => sim.stunned(v.id)).length;
    expect(stunned).toBeGreaterThan(0);
    expect(ctl.totals().failed).toBe(before.failed + stunned);
  });

  it('lists a datastore’s virtual disks of no VM after its VMs’ disks', () => {
    const ctl = controllerFor();
    must(ctl.estate.sim.createVolume({ store: { datastore: 'prod-nfs01' }, name: 'disks/spare.vmdk', capacityMiB: 24_576, format: 'eager' }));
    press(ctl, '8');
    const rows = cells(ctl);
    const nfs = rows.findIndex((r) => r[0] === 'prod-nfs01');
    expect(rows[nfs + 1]!.slice(0, 7)).toEqual(['└─ disks/spare.vmdk', 'eager', '24 GiB', '24 GiB', '24 GiB', '100%', 'no VM']);
    expect(rows[nfs]![4]).toBe('24 GiB');
  });

  it('opens a disk’s VM, and shows a disk being moved', () => {
    const ctl = controllerFor();
    prompt(ctl, 'govc vm.migrate -ds prod-nfs01 web-02');
    press(ctl, 'escape');
    press(ctl, '8');
    const rows = cells(ctl);
    expect(rows.find((r) => r[0].endsWith('web-02'))![6]).toBe('moving to prod-nfs01');
    const at = rows.findIndex((r) => r[0] === '├─ web-01');
    for (let i = 0; i < at; i++) press(ctl, 'j');
    press(ctl, 'enter');
    expect(ctl.state.detail).toMatchObject({ type: 'workload' });
  });
});
