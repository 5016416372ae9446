// The Storage pane: key 8 shows each shared datastore (type in its platform's
// words, capacity, provisioned, used, its state against vCenter's usage alarm)
// and the disks on it; enter on a disk opens its VM, whose detail says where its
// disk is. A Storage vMotion shows on the disk's line while it copies.
import { describe, expect, it } from 'vitest';
import { cells, controllerFor, press, prompt } from './helpers.js';

describe('the Storage pane', () => {
  it('lists the datastores and their disks, overcommitted ones said so', () => {
    const ctl = controllerFor();
    press(ctl, '8');
    expect(ctl.state.pane).toBe('storage');
    const rows = cells(ctl);
    const lun = rows.findIndex((r) => r[0] === 'prod-lun01');
    expect(rows[lun]!.slice(1, 3)).toEqual(['VMFS', '1.3 TiB']);
    expect(rows[lun]!.slice(6, 8)).toEqual(['ok, 108% provisioned', 'vsphere-prod']);
    expect(rows[lun + 1]![0]).toBe('├─ web-01');
    expect(rows[lun + 1]![1]).toBe('thin');
    expect(rows.find((r) => r[0] === 'Volume1')!.slice(1, 3)).toEqual(['CSV', '6 TiB']);
    expect(rows.find((r) => r[0] === '├─ ad-01')![1]).toBe('dynamic');
    expect(rows.find((r) => r[0] === 'prod-nfs01')![1]).toBe('NFS');
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
