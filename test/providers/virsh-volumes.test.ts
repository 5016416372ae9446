// virsh vol-create-as, vol-delete and vol-resize over the core's volumes, in libvirt's words: each test names
// the libvirt file its expected lines come from. tools/virsh-volume.c prints the "Vol ... created" kind of line
// with vshPrintExtra, and tools/vsh.c's vshCommandRun the blank line after every command it ran.
import { describe, expect, it } from 'vitest';
import { runLine } from '../../src/estate/script.js';
import { volSize } from '../../src/providers/kvm/virsh-volumes.js';
import { defaultEstate } from '../default-estate.js';
import { err, ok } from './estate-lines.js';

const GIB = 1024 ** 3;

/** A pool's Allocation in bytes (pool-info --bytes). */
const allocation = (out: string) => Number(/^Allocation: +(\d+)$/m.exec(out)?.[1]);

describe('virsh vol-create-as', () => {
  it('makes a raw volume allocated whole and a qcow2 one allocating nothing, listed in the default pool', () => {
    // tools/virsh-volume.c (cmdVolCreateAs: "Vol %s created"; cmdVolList, cmdVolInfo "%-15s %2.2lf %s");
    // src/conf/storage_conf.c (an <allocation> left out is the capacity); src/storage/storage_util.c
    // (createRawFile fallocates the allocation; qemu-img preallocates nothing without --prealloc-metadata).
    const e = defaultEstate(1);
    const before = allocation(ok(e, 'virsh pool-info default --bytes'));
    expect(ok(e, 'virsh vol-create-as default data.img 10G')).toBe('Vol data.img created\n\n');
    expect(ok(e, 'virsh vol-create-as default scratch.qcow2 20G --format qcow2 --allocation 5G')).toBe('Vol scratch.qcow2 created\n\n');
    expect(ok(e, 'virsh vol-create-as default sparse.img 8GiB --allocation 1024MiB')).toBe('Vol sparse.img created\n\n');
    expect(ok(e, 'virsh vol-info data.img --pool default')).toBe(
      'Name:           data.img\nType:           file\nCapacity:       10.00 GiB\nAllocation:     10.00 GiB\n\n',
    );
    expect(ok(e, 'virsh vol-info /var/lib/libvirt/images/scratch.qcow2')).toBe(
      'Name:           scratch.qcow2\nType:           file\nCapacity:       20.00 GiB\nAllocation:     0.00 B\n\n',
    );
    expect(ok(e, 'virsh vol-info sparse.img --pool default --bytes')).toBe(
      `Name:           sparse.img\nType:           file\nCapacity:       ${8 * GIB} bytes\nAllocation:     ${GIB} bytes\n\n`,
    );
    const rows = ok(e, 'virsh vol-list default --details').split('\n');
    expect(rows.slice(2, -2)).toEqual([
      expect.stringMatching(/^ ci-runner-01\.qcow2 /),
      expect.stringMatching(/^ data\.img +\/var\/lib\/libvirt\/images\/data\.img +file +10\.00 GiB +10\.00 GiB$/),
      expect.stringMatching(/^ scratch\.qcow2 +\/var\/lib\/libvirt\/images\/scratch\.qcow2 +file +20\.00 GiB +0\.00 B$/),
      expect.stringMatching(/^ sparse\.img +\/var\/lib\/libvirt\/images\/sparse\.img +file +8\.00 GiB +1\.00 GiB$/),
    ]);
    // The host's own storage holds each volume whole (the core claims it so), thin or not.
    expect(allocation(ok(e, 'virsh pool-info default --bytes')) - before).toBe(38 * GIB);
    expect(e.sim.volumes({ host: 'kvm-01' }).map((v) => [v.name, v.format, v.usedMiB])).toEqual([
      ['data.img', 'thick', 10240],
      ['scratch.qcow2', 'thin', 0],
      ['sparse.img', 'thin', 1024],
    ]);
  });

  it('preallocates a qcow2 volume whole with --prealloc-metadata and no smaller --allocation', () => {
    // src/storage/storage_util.c (storageBackendCreateQemuImgOpts: preallocation=falloc when the allocation is
    // not below the size, else preallocation=metadata); tools/virsh-volume.c (cmdVolList --details).
    const e = defaultEstate(1);
    e.sim.addDatastore({ id: 'nfs', medium: 'nas', clusters: ['kvm-lab'], capacityMiB: 1024 * 1024 });
    ok(e, 'virsh vol-create-as nfs full.qcow2 2G --format qcow2 --prealloc-metadata');
    ok(e, 'virsh vol-create-as nfs meta.qcow2 2G --format qcow2 --prealloc-metadata --allocation 0');
    expect(ok(e, 'virsh vol-list nfs --details').split('\n').slice(2, 4)).toEqual([
      ' full.qcow2   /var/lib/libvirt/images/nfs/full.qcow2   file   2.00 GiB   2.00 GiB',
      ' meta.qcow2   /var/lib/libvirt/images/nfs/meta.qcow2   file   2.00 GiB   0.00 B',
    ]);
    // A shared pool's allocation is what its files allocate (the datastore's used space).
    expect(ok(e, 'virsh pool-info nfs')).toMatch(/^Allocation: +2\.00 GiB$/m);
    expect(
      e.sim
        .datastoreViews()
        .find((d) => d.id === 'nfs')
        ?.volumes.map((v) => v.name),
    ).toEqual(['full.qcow2', 'meta.qcow2']);
  });

  it('reads sizes as virsh does: bytes by default, binary and decimal suffixes, and says which it cannot read', () => {
    // tools/virsh-volume.c (virshVolSize, "Malformed size %s"); src/util/virutil.c (virScaleInteger: "unknown
    // suffix '%s'", "value too large: %llu%s"); src/util/virerror.c ("invalid argument: %s", "numerical overflow: %s").
    const bytes = (text: string) => {
      const r = volSize(text);
      return r.ok ? r.bytes : (r.why ?? 'malformed');
    };
    expect(bytes('1048576')).toBe(1048576n);
    expect(bytes('10G')).toBe(10n * 1024n ** 3n);
    expect(bytes('10GiB')).toBe(10n * 1024n ** 3n);
    expect(bytes('10gib')).toBe(10n * 1024n ** 3n);
    expect(bytes('10GB')).toBe(10n * 1000n ** 3n);
    expect(bytes('5bytes')).toBe(5n);
    expect(bytes(' +2T')).toBe(2n * 1024n ** 4n);
    expect(bytes('1.5G')).toBe("invalid argument: unknown suffix '.5G'");
    expect(bytes('abc')).toBe('malformed');
    expect(bytes('-1G')).toBe('malformed');
    expect(bytes('20E')).toBe('numerical overflow: value too large: 20E');
    const e = defaultEstate(1);
    expect(err(e, 'virsh vol-create-as default x 10X')).toBe("error: Malformed size 10X\nerror: invalid argument: unknown suffix 'X'");
    expect(err(e, 'virsh vol-create-as default x ten')).toBe('error: Malformed size ten');
    expect(err(e, 'virsh vol-create-as default x 1G --allocation lots')).toBe('error: Malformed size lots');
    // Kept in whole MiB, rounded up.
    ok(e, 'virsh vol-create-as default tiny.img 1000000');
    expect(ok(e, 'virsh vol-info tiny.img --pool default')).toMatch(/^Capacity: +1\.00 MiB$/m);
  });

  it('refuses what libvirt refuses, in its words', () => {
    // tools/virsh-volume.c ("Failed to create vol %s"); src/storage/storage_driver.c (storageVolCreateXML:
    // VIR_ERR_STORAGE_VOL_EXIST, "storage pool does not support volume creation"); src/util/virerror.c ("storage
    // volume %s exists already", "this function is not supported by the connection driver: %s"); src/storage/
    // storage_util.c (virStorageBackendVolCreateLocal "volume name '%s' cannot contain '/'"; storageBackendCreateRaw;
    // createRawFile's "cannot allocate %llu bytes in file '%s'" and ENOSPC); src/conf/storage_conf.c ("unknown volume
    // format type %s"); src/storage/storage_backend_iscsi.c (no createVol).
    const e = defaultEstate(1);
    e.sim.addDatastore({ id: 'nfs', medium: 'nas', clusters: ['kvm-lab'], capacityMiB: 1024 * 1024 });
    e.sim.addDatastore({ id: 'lun', medium: 'san', clusters: ['kvm-lab'], capacityMiB: 1024 * 1024 });
    const failed = (name: string, why: string) => `error: Failed to create vol ${name}\nerror: ${why}`;
    expect(err(e, 'virsh vol-create-as ceph v 1G')).toBe(
      "error: failed to get pool 'ceph'\nerror: Storage pool not found: no storage pool with matching name 'ceph'",
    );
    expect(err(e, 'virsh vol-create-as default ci-runner-01.qcow2 1G')).toBe(
      failed('ci-runner-01.qcow2', "storage volume 'ci-runner-01.qcow2' exists already"),
    );
    expect(err(e, 'virsh vol-create-as nfs a/b 1G')).toBe(failed('a/b', "Requested operation is not valid: volume name 'a/b' cannot contain '/'"));
    expect(err(e, 'virsh vol-create-as nfs v 1G --format qcow3')).toBe(failed('v', 'unsupported configuration: unknown volume format type qcow3'));
    expect(err(e, 'virsh vol-create-as nfs v 1G --prealloc-metadata')).toBe(
      failed('v', 'unsupported configuration: metadata preallocation is not supported for raw volumes'),
    );
    // The SAN's LUN, under its logical pool, is an iscsi pool: it makes no volume.
    expect(err(e, 'virsh vol-create-as lun-iscsi v 1G')).toBe(
      failed('v', 'this function is not supported by the connection driver: storage pool does not support volume creation'),
    );
    expect(err(e, 'virsh vol-create-as nfs big 2T')).toBe(
      failed('big', `cannot allocate ${2 * 1024 * GIB} bytes in file '/var/lib/libvirt/images/nfs/big': No space left on device`),
    );
    // A thin volume larger than its pool is made, as qemu-img makes one.
    expect(ok(e, 'virsh vol-create-as nfs big 2T --format qcow2')).toBe('Vol big created\n\n');
    // What the simulation does not model says so.
    expect(err(e, 'virsh vol-create-as nfs v 1G --format vmdk')).toBe(
      'error: Failed to create vol v\nhyperpane: this simulation makes raw and qcow2 volumes, not vmdk',
    );
    expect(err(e, 'virsh vol-create-as nfs v 1G --format qcow2 --backing-vol big')).toMatch(
      /^error: Failed to create vol v\nhyperpane: a qcow2 overlay .* is not simulated/,
    );
    expect(err(e, 'virsh vol-create-as nfs v 1G --backing-vol gone')).toBe(
      "error: failed to get vol 'gone'\nerror: Storage volume not found: no storage vol with matching path 'gone'",
    );
    expect(e.sim.volumes({ datastore: 'nfs' }).map((v) => v.name)).toEqual(['big']);
  });

  it('prints the XML it would send with --print-xml, making nothing', () => {
    // tools/virsh-volume.c (cmdVolCreateAs builds <volume> with <name>, <capacity>, <allocation> if given, <target>
    // <format> if given, and a <backingStore> of the backing volume's path; --print-xml prints it with vshPrint).
    const e = defaultEstate(1);
    ok(e, 'virsh vol-create-as default base.qcow2 1G --format qcow2');
    expect(
      ok(e, 'virsh vol-create-as default new.qcow2 5G --allocation 0 --format qcow2 --backing-vol base.qcow2 --backing-vol-format qcow2 --print-xml'),
    ).toBe(
      [
        '<volume>',
        '  <name>new.qcow2</name>',
        '  <capacity>5368709120</capacity>',
        '  <allocation>0</allocation>',
        '  <target>',
        "    <format type='qcow2'/>",
        '  </target>',
        '  <backingStore>',
        '    <path>/var/lib/libvirt/images/base.qcow2</path>',
        "    <format type='qcow2'/>",
        '  </backingStore>',
        '</volume>',
        '',
        '',
      ].join('\n'),
    );
    expect(e.sim.volumes({ host: 'kvm-01' }).map((v) => v.name)).toEqual(['base.qcow2']);
  });

  it('prints nothing with -q', () => {
    // tools/virsh-volume.c prints "Vol %s created" and "Vol %s deleted" with vshPrintExtra, which --quiet silences.
    const e = defaultEstate(1);
    expect(ok(e, 'virsh -q vol-create-as default q.img 1M')).toBe('');
    expect(ok(e, 'virsh -q vol-resize q.img 2M --pool default')).toBe('');
    expect(ok(e, 'virsh -q vol-delete q.img --pool default')).toBe('');
  });
});

describe('virsh vol-delete', () => {
  it('deletes a volume by name in its pool or by path, naming it as given, and gives its room back', () => {
    // tools/virsh-volume.c (cmdVolDelete: "Vol %s deleted" with the word given; virshCommandOptVolBy: "failed to get
    // vol '%s'", "..., specifying --pool might help", "Requested volume '%s' is not in pool '%s'"); src/storage/
    // storage_driver.c ("no storage vol with matching path '%s'"); src/util/virerror.c ("Storage volume not found: %s").
    const e = defaultEstate(1);
    e.sim.addDatastore({ id: 'nfs', medium: 'nas', clusters: ['kvm-lab'], capacityMiB: 1024 * 1024 });
    const before = allocation(ok(e, 'virsh pool-info default --bytes'));
    ok(e, 'virsh vol-create-as default a.img 1G');
    ok(e, 'virsh vol-create-as default b.img 1G');
    ok(e, 'virsh vol-create-as nfs c.img 1G');
    expect(ok(e, 'virsh vol-delete a.img --pool default')).toBe('Vol a.img deleted\n\n');
    expect(ok(e, 'virsh vol-delete /var/lib/libvirt/images/b.img')).toBe('Vol /var/lib/libvirt/images/b.img deleted\n\n');
    expect(allocation(ok(e, 'virsh pool-info default --bytes'))).toBe(before);
    expect(err(e, 'virsh vol-delete a.img')).toBe(
      "error: failed to get vol 'a.img', specifying --pool might help\nerror: Storage volume not found: no storage vol with matching path 'a.img'",
    );
    expect(err(e, 'virsh vol-delete a.img --pool default')).toBe(
      "error: failed to get vol 'a.img'\nerror: Storage volume not found: no storage vol with matching path 'a.img'",
    );
    expect(err(e, 'virsh vol-delete /var/lib/libvirt/images/nfs/c.img --pool default')).toBe(
      "error: Requested volume '/var/lib/libvirt/images/nfs/c.img' is not in pool 'default'",
    );
    expect(ok(e, 'virsh vol-delete c.img --pool nfs')).toBe('Vol c.img deleted\n\n');
    expect(e.sim.volumes()).toEqual([]);
    expect(ok(e, 'virsh pool-info nfs')).toMatch(/^Allocation: +0\.00 B$/m);
  });

  it('refuses a domain’s own disk, and what the pool cannot delete', () => {
    // tools/virsh-volume.c ("Failed to delete vol %s"; --delete-snapshots is VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS,
    // 1 << 1 in include/libvirt/libvirt-storage.h); src/storage/storage_util.c (virStorageBackendVolDeleteLocal:
    // virCheckFlags(0), "unsupported flags (0x%lx) in function %s"); src/storage/storage_driver.c
    // (storageVolDeleteInternal: "storage pool does not support vol deletion"); src/storage/storage_backend_iscsi.c.
    // libvirt itself would delete a domain's disk file; the simulation keeps no domain without its disk.
    const e = defaultEstate(1);
    e.sim.addDatastore({ id: 'lun', medium: 'san', clusters: ['kvm-lab'], capacityMiB: 1024 * 1024 });
    expect(runLine(e, 'virt-install --name web --memory 1024 --disk pool=lun,size=20 --os-variant debian12 --import --noautoconsole').exitCode).toBe(0);
    expect(err(e, 'virsh vol-delete ci-runner-01.qcow2 --pool default')).toBe(
      "error: Failed to delete vol ci-runner-01.qcow2\nhyperpane: ci-runner-01.qcow2 is domain ci-runner-01's disk (vda), and this simulation keeps no domain without its disk: " +
        'libvirt would delete the file and leave ci-runner-01 defined; remove both with virsh undefine ci-runner-01 --remove-all-storage',
    );
    expect(err(e, 'virsh vol-delete unit:0:0:1 --pool lun-iscsi')).toBe(
      'error: Failed to delete vol unit:0:0:1\nerror: this function is not supported by the connection driver: storage pool does not support vol deletion',
    );
    // In the logical pool over it, web's disk is an LV named after it: the simulation's refusal, as for any domain's disk.
    expect(err(e, 'virsh vol-delete web --pool lun')).toMatch(/^error: Failed to delete vol web\nhyperpane: web is domain web's disk \(vda\)/);
    ok(e, 'virsh vol-create-as default snap.img 1G');
    expect(err(e, 'virsh vol-delete snap.img --pool default --delete-snapshots')).toBe(
      'error: Failed to delete vol snap.img\nerror: invalid argument: unsupported flags (0x2) in function virStorageBackendVolDeleteLocal',
    );
    expect(ok(e, 'virsh domblklist ci-runner-01')).toMatch(/vda +\/var\/lib\/libvirt\/images\/ci-runner-01\.qcow2/);
  });
});

describe('virsh vol-resize', () => {
  it('grows a volume to a size or by a delta, and shrinks only with --shrink and never below its allocation', () => {
    // tools/virsh-volume.c (cmdVolResize: "Size of volume '%s' successfully changed to %s" / "by %s", the size as
    // given; "negative size requires --shrink"; "Failed to change size of volume '%s' to %s"); src/storage/
    // storage_driver.c (storageVolResize: "can't shrink capacity below existing allocation", "Can't shrink capacity
    // below current capacity unless shrink flag explicitly specified", "Not enough space left in storage pool");
    // src/storage/storage_util.c (virStorageBackendVolResizeLocal: "preallocate is only supported for raw type volume").
    const e = defaultEstate(1);
    ok(e, 'virsh vol-create-as default d.img 10G');
    ok(e, 'virsh vol-create-as default t.qcow2 10G --format qcow2');
    expect(ok(e, 'virsh vol-resize d.img 20G --pool default')).toBe("Size of volume 'd.img' successfully changed to 20G\n\n");
    expect(ok(e, 'virsh vol-resize /var/lib/libvirt/images/d.img 2G --delta --allocate')).toBe("Size of volume 'd.img' successfully changed by 2G\n\n");
    expect(ok(e, 'virsh vol-info d.img --pool default')).toMatch(/^Capacity: +22\.00 GiB\nAllocation: +22\.00 GiB$/m);
    const failed = (to: string, why: string) => `error: Failed to change size of volume 'd.img' to ${to}\nerror: ${why}`;
    expect(err(e, 'virsh vol-resize d.img 5G --pool default --shrink')).toBe(failed('5G', "invalid argument: can't shrink capacity below existing allocation"));
    expect(err(e, 'virsh vol-resize d.img -1G --pool default')).toBe('error: negative size requires --shrink');
    expect(err(e, 'virsh vol-resize d.img 3T --pool default --allocate')).toBe(failed('3T', 'operation failed: Not enough space left in storage pool'));
    expect(err(e, 'virsh vol-resize d.img 1.5T --pool default')).toBe("error: Malformed size 1.5T\nerror: invalid argument: unknown suffix '.5T'");
    // A thin volume allocates nothing: it shrinks, with --shrink, to a size or by a negative delta.
    expect(err(e, 'virsh vol-resize t.qcow2 5G --pool default')).toBe(
      "error: Failed to change size of volume 't.qcow2' to 5G\nerror: invalid argument: Can't shrink capacity below current capacity unless shrink flag explicitly specified",
    );
    expect(ok(e, 'virsh vol-resize t.qcow2 5G --pool default --shrink')).toBe("Size of volume 't.qcow2' successfully changed to 5G\n\n");
    expect(ok(e, 'virsh vol-resize t.qcow2 -1G --pool default --shrink')).toBe("Size of volume 't.qcow2' successfully changed by 1G\n\n");
    expect(ok(e, 'virsh vol-info t.qcow2 --pool default')).toMatch(/^Capacity: +4\.00 GiB\nAllocation: +0\.00 B$/m);
    expect(err(e, 'virsh vol-resize t.qcow2 8G --pool default --allocate')).toBe(
      "error: Failed to change size of volume 't.qcow2' to 8G\nerror: Operation not supported: preallocate is only supported for raw type volume",
    );
    expect(e.sim.volumes().map((v) => [v.name, v.capacityMiB])).toEqual([
      ['d.img', 22 * 1024],
      ['t.qcow2', 4 * 1024],
    ]);
  });

  it('grows a shut off domain’s disk, and refuses a running one’s and what the pool cannot resize', () => {
    // tools/virsh-volume.c (info_vol_resize: "safe only for storage volumes not in use by an active guest"); src/storage/
    // storage_driver.c (storageVolResize: "storage pool does not support changing of volume capacity"); src/storage/
    // storage_backend_iscsi.c and storage_backend_logical.c (no resizeVol); tools/virsh-domain-monitor.c (cmdDomblkinfo).
    const e = defaultEstate(1);
    e.sim.addDatastore({ id: 'nfs', medium: 'nas', clusters: ['kvm-lab'], capacityMiB: 1024 * 1024 });
    e.sim.addDatastore({ id: 'lun', medium: 'san', clusters: ['kvm-lab'], capacityMiB: 1024 * 1024 });
    for (const [name, pool] of [
      ['web', 'nfs'],
      ['db', 'lun'],
    ])
      expect(runLine(e, `virt-install --name ${name} --memory 1024 --disk pool=${pool},size=20 --os-variant debian12 --import --noautoconsole`).exitCode).toBe(
        0,
      );
    expect(err(e, 'virsh vol-resize web.qcow2 30G --pool nfs')).toBe(
      "error: Failed to change size of volume 'web.qcow2' to 30G\nhyperpane: web.qcow2 is in use by running domain web: vol-resize is safe only for a volume no active guest uses; shut web off first",
    );
    ok(e, 'virsh destroy web');
    expect(ok(e, 'virsh vol-resize web.qcow2 30G --pool nfs')).toBe("Size of volume 'web.qcow2' successfully changed to 30G\n\n");
    expect(ok(e, 'virsh domblkinfo web vda')).toMatch(new RegExp(`^Capacity: +${30 * GIB}$`, 'm'));
    expect(err(e, 'virsh vol-resize web.qcow2 25G --pool nfs --shrink')).toMatch(
      /^error: Failed to change size of volume 'web\.qcow2' to 25G\nhyperpane: a domain's disk does not shrink/,
    );
    ok(e, 'virsh destroy db');
    // storage_backend_logical.c has no resizeVol either.
    expect(err(e, 'virsh vol-resize db 30G --pool lun')).toBe(
      "error: Failed to change size of volume 'db' to 30G\nerror: this function is not supported by the connection driver: storage pool does not support changing of volume capacity",
    );
  });
});
