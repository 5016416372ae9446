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

  it('shows a SAN as a logical pool (a volume group on the LUN) over the iscsi pool of its LUN', () => {
    // storage_backend_logical.c (volumes "%s/%s" of the pool's target and name, VIR_STORAGE_VOL_BLOCK; an allocation
    // other than the capacity makes a sparse LV, --type snapshot --virtualsize); storage_backend_iscsi.c (each LUN a
    // volume "unit:0:0:N"); tools/virsh-pool.c cmdPoolList (--type, "Invalid pool type '%s'"); virtinst
    // StorageVolume.validate ("Sparse logical volumes are not supported, setting allocation equal to capacity").
    const e = defaultEstate(1);
    e.sim.addDatastore({ id: 'lun', medium: 'san', clusters: ['kvm-lab'], capacityMiB: 1024 * 1024 });
    const install = runLine(e, 'virt-install --name db --memory 1024 --disk pool=lun,size=20 --os-variant debian12 --import --noautoconsole');
    expect(install.exitCode).toBe(0);
    expect(install.stderr).toBe('WARNING  Sparse logical volumes are not supported, setting allocation equal to capacity\n');
    expect(install.stdout).toContain("Allocating 'db'");
    expect(ok(e, 'virsh pool-list --name')).toBe(`${'default'.padEnd(20)}\n${'lun'.padEnd(20)}\n${'lun-iscsi'.padEnd(20)}\n\n`);
    expect(ok(e, 'virsh pool-list --type logical --name')).toBe(`${'lun'.padEnd(20)}\n\n`);
    expect(ok(e, 'virsh pool-list --type iscsi,dir --name')).toBe(`${'default'.padEnd(20)}\n${'lun-iscsi'.padEnd(20)}\n\n`);
    expect(ok(e, 'virsh pool-list --transient --name')).toBe('\n');
    expect(err(e, 'virsh pool-list --type lvm')).toBe("error: Invalid pool type 'lvm'");
    ok(e, 'virsh vol-create-as lun data 10G --format qcow2');
    ok(e, 'virsh vol-create-as lun scratch 10G --allocation 1G');
    const vols = ok(e, 'virsh vol-list lun --details').split('\n');
    expect(vols.slice(2, 5)).toEqual([
      expect.stringMatching(/^ data +\/dev\/lun\/data +block +10\.00 GiB +10\.00 GiB$/),
      expect.stringMatching(/^ db +\/dev\/lun\/db +block +20\.00 GiB +20\.00 GiB$/),
      expect.stringMatching(/^ scratch +\/dev\/lun\/scratch +block +10\.00 GiB +1\.00 GiB$/),
    ]);
    expect(ok(e, 'virsh vol-info /dev/lun/data')).toMatch(/^Type: +block$/m);
    expect(ok(e, 'virsh domblklist db --details')).toMatch(/ block +disk +vda +\/dev\/lun\/db\n/);
    expect(ok(e, 'virsh vol-list lun-iscsi').split('\n')[2]).toMatch(/^ unit:0:0:1 +\/dev\/disk\/by-path\/ip-192\.0\.2\.10:3260-iscsi-iqn\.[\w.-]+:lun-lun-1$/);
    expect(ok(e, 'virsh pool-info lun-iscsi')).toMatch(/Capacity: +1\.00 TiB\nAllocation: +1\.00 TiB\nAvailable: +0\.00 B\n/);
    // storageVolCreateXML: a backend with no buildVol wants a capacity; virtinst refuses format= where a pool has none,
    // and its validate_disk finds nothing free on the LUN's pool; an LV's clone is named with no extension either.
    expect(err(e, 'virsh vol-create-as lun zero 0')).toBe(
      'error: Failed to create vol zero\nerror: this function is not supported by the connection driver: volume capacity required for this storage pool',
    );
    expect(runLine(e, 'virt-install --name q --memory 512 --disk pool=lun,size=10,format=qcow2 --os-variant debian12 --import --noautoconsole').stderr).toBe(
      'ERROR    Error: --disk pool=lun,size=10,format=qcow2: Format attribute not supported for this volume type\n',
    );
    expect(runLine(e, 'virt-install --name q --memory 512 --disk pool=lun-iscsi,size=10 --os-variant debian12 --import --noautoconsole').stderr).toMatch(
      /^ERROR {4}The requested volume capacity will exceed the available pool space when the volume is fully allocated\. \(10240 M requested capacity > 0 M available\)/,
    );
    ok(e, 'virsh destroy db');
    const clone = runLine(e, 'virt-clone --original db --auto-clone');
    expect(clone.exitCode).toBe(0);
    expect(clone.stdout).toContain("Allocating 'db-clone'");
    expect(err(e, `virsh attach-disk db-clone ${/ unit:0:0:1 +(\S+)/.exec(ok(e, 'virsh vol-list lun-iscsi'))![1]} vdb --config`)).toMatch(
      /^error: Failed to attach disk\nhyperpane: .* is the LUN under volume group lun/,
    );
    // Each host's libvirtd defines its own pools: the default pools of two hosts are two UUIDs.
    const uuid = (host: string) => /UUID: +(\S+)/.exec(ok(e, `virsh -c qemu+ssh://root@${host}/system pool-info default`))?.[1];
    expect(uuid('kvm-01')).not.toBe(uuid('kvm-02'));
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
