// virsh's pools, volumes and block devices, laid out as libvirt does: tools/vsh-table.c
// (tests/vshtabletest.c: " cell" padded to width + 2, the last unpadded, a rule of
// width + 3 per column), tools/virsh-pool.c cmdPoolList/cmdPoolInfo ("%-15s %s",
// "%2.2lf %s"), tools/virsh-volume.c cmdVolList/cmdVolInfo, tools/virsh-domain-monitor.c
// cmdDomblklist/cmdDomblkinfo ("%-15s %s", bytes; --human "%.3lf %s"), and libvirt's
// errors ("failed to get pool 'X'" with "Storage pool not found: no storage pool with
// matching name 'X'"; RamenDR/ramen#414's real "failed to get vol" pair).
import { describe, expect, it } from 'vitest';
import { runLine } from '../../src/estate/script.js';
import { defaultEstate } from '../default-estate.js';
import { err, ok } from './estate-lines.js';

describe('virsh storage pools and volumes', () => {
  it('lists each host’s default pool (its own storage) and the volumes of its domains', () => {
    const e = defaultEstate(1);
    expect(ok(e, 'virsh pool-list')).toBe(' Name      State    Autostart\n-------------------------------\n default   active   yes\n\n');
    expect(ok(e, 'virsh pool-info default')).toMatch(
      /^Name: {11}default\nUUID: {11}[0-9a-f-]{36}\nState: {10}running\nPersistent: {5}yes\nAutostart: {6}yes\nCapacity: {7}2\.00 TiB\nAllocation: {5}[\d.]+ GiB\nAvailable: {6}[\d.]+ TiB\n\n$/,
    );
    expect(ok(e, 'virsh vol-list default')).toBe(
      [' Name                 Path', '-'.repeat(18 + 3 + 42 + 3), ' ci-runner-01.qcow2   /var/lib/libvirt/images/ci-runner-01.qcow2', '', ''].join('\n'),
    );
    expect(ok(e, 'virsh vol-info ci-runner-01.qcow2 --pool default')).toBe(
      'Name:           ci-runner-01.qcow2\nType:           file\nCapacity:       200.00 GiB\nAllocation:     200.00 GiB\n\n',
    );
    expect(err(e, 'virsh pool-info nfs')).toBe("error: failed to get pool 'nfs'\nerror: Storage pool not found: no storage pool with matching name 'nfs'");
    expect(err(e, 'virsh vol-info nope --pool default')).toBe(
      "error: failed to get vol 'nope'\nerror: Storage volume not found: no storage vol with matching path 'nope'",
    );
  });

  it('shows a shared pool the cluster mounts, with what its disks have allocated', () => {
    const e = defaultEstate(1);
    e.sim.addDatastore({ id: 'nfs', medium: 'nas', clusters: ['kvm-lab'], capacityMiB: 1024 * 1024 });
    expect(runLine(e, 'virt-install --name web --memory 1024 --disk pool=nfs,size=20 --os-variant debian12 --import --noautoconsole').exitCode).toBe(0);
    expect(ok(e, 'virsh pool-list --name')).toBe(`${'default'.padEnd(20)}\n${'nfs'.padEnd(20)}\n\n`);
    expect(ok(e, 'virsh vol-list nfs --details').split('\n')[2]).toMatch(
      /^ web\.qcow2 +\/var\/lib\/libvirt\/images\/nfs\/web\.qcow2 +file +20\.00 GiB +[\d.]+ [KMG]?i?B$/,
    );
    expect(ok(e, 'virsh domblklist web')).toBe(` Target   Source\n${'-'.repeat(6 + 3 + 37 + 3)}\n vda      /var/lib/libvirt/images/nfs/web.qcow2\n\n`);
    expect(ok(e, 'virsh domblkinfo web vda')).toMatch(/^Capacity: {7}21474836480\nAllocation: {5}\d+\nPhysical: {7}\d+\n\n$/);
    expect(ok(e, 'virsh domblkinfo web --all --human').split('\n')[2]).toMatch(/^ vda {6}20\.000 GiB +[\d.]+ \w+ +[\d.]+ \w+$/);
    expect(err(e, 'virsh domblkinfo web vdz')).toBe('error: invalid argument: invalid path vdz not assigned to domain');
    expect(err(e, 'virt-install --name x --memory 1024 --disk pool=ceph,size=5 --os-variant debian12 --import --noautoconsole')).toMatch(
      /Storage pool not found: no storage pool with matching name 'ceph'/,
    );
  });
});
