// virsh attach-disk and detach-disk over the core's data disks, and the block devices domblklist, domblkinfo
// and blkdeviotune then show, in libvirt's words: each test names the libvirt file its expected lines come
// from. tools/virsh-domain.c prints "Disk attached successfully" with vshPrintExtra, and tools/vsh.c's
// vshCommandRun the blank line after every command it ran, failed or not.
import { describe, expect, it } from 'vitest';
import { estateFromJson } from '../../src/estate/file-read.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { runLine } from '../../src/estate/script.js';
import { isReadOnlyCommand } from '../../src/providers/access/looking.js';
import { defaultEstate } from '../default-estate.js';
import { err, ok } from './estate-lines.js';

const IMAGES = '/var/lib/libvirt/images';
const GIB = 1024 ** 3;

/** The default estate with an NFS pool the kvm-lab cluster mounts, a 10 GiB raw volume in kvm-01's default pool and a qcow2 one in the NFS pool. */
function estate() {
  const e = defaultEstate(1);
  e.sim.addDatastore({ id: 'nfs', medium: 'nas', clusters: ['kvm-lab'], capacityMiB: 1024 * 1024 });
  ok(e, 'virsh vol-create-as default data.img 10G');
  ok(e, 'virsh vol-create-as nfs shared.qcow2 20G --format qcow2');
  return e;
}

describe('virsh attach-disk', () => {
  it('attaches a volume by its path as vdb, and domblklist and domblkinfo list it after vda', () => {
    // tools/virsh-domain.c (cmdAttachDisk: "Disk attached successfully\n"); tools/virsh-domain-monitor.c
    // (cmdDomblklist: Target, Source; --details Type, Device; cmdDomblkinfo "%-15s %s", --all a table).
    const e = estate();
    expect(ok(e, `virsh attach-disk ci-runner-01 ${IMAGES}/data.img vdb`)).toBe('Disk attached successfully\n\n');
    expect(e.sim.dataDisks('ci-runner-01').map((x) => [x.name, x.host])).toEqual([['data.img', 'kvm-01']]);
    expect(ok(e, `virsh attach-disk ci-runner-01 ${IMAGES}/nfs/shared.qcow2 vdc --subdriver qcow2 --targetbus virtio --persistent`)).toBe(
      'Disk attached successfully\n\n',
    );
    expect(ok(e, 'virsh domblklist ci-runner-01')).toBe(
      [
        ' Target   Source',
        '-'.repeat(6 + 3 + 42 + 3),
        ` vda      ${IMAGES}/ci-runner-01.qcow2`,
        ` vdb      ${IMAGES}/data.img`,
        ` vdc      ${IMAGES}/nfs/shared.qcow2`,
        '',
        '',
      ].join('\n'),
    );
    expect(ok(e, 'virsh domblklist ci-runner-01 --details').split('\n').slice(3, 5)).toEqual([
      ` file   disk     vdb      ${IMAGES}/data.img`,
      ` file   disk     vdc      ${IMAGES}/nfs/shared.qcow2`,
    ]);
    // Allocation is what the volume allocated: all of a raw one, nothing of a qcow2 one made without --prealloc-metadata.
    expect(ok(e, 'virsh domblkinfo ci-runner-01 vdb')).toBe(`Capacity:       ${10 * GIB}\nAllocation:     ${10 * GIB}\nPhysical:       ${10 * GIB}\n\n`);
    expect(ok(e, `virsh domblkinfo ci-runner-01 ${IMAGES}/nfs/shared.qcow2 --human`)).toBe(
      'Capacity:       20.000 GiB\nAllocation:     0.000 B\nPhysical:       0.000 B\n\n',
    );
    expect(ok(e, 'virsh domblkinfo ci-runner-01 --all').split('\n').slice(3, 5)).toEqual([
      ` vdb      ${10 * GIB}    ${10 * GIB}    ${10 * GIB}`,
      ` vdc      ${20 * GIB}    0              0`,
    ]);
    // -q leaves out what vshPrintExtra prints.
    ok(e, 'virsh destroy dev-01');
    ok(e, 'virsh -c qemu+ssh://kvm-03/system vol-create-as default d3.img 1G');
    expect(ok(e, `virsh -q attach-disk dev-01 ${IMAGES}/d3.img vdb --config`)).toBe('');
    // The attachments are kept in the estate file.
    const loaded = estateFromJson(JSON.parse(JSON.stringify(estateToFile(e))));
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(ok(loaded.value, 'virsh domblklist ci-runner-01')).toBe(ok(e, 'virsh domblklist ci-runner-01'));
    expect(ok(loaded.value, 'virsh domblklist dev-01')).toContain(` vdb      ${IMAGES}/d3.img\n`);
  });

  it('prints the <disk> XML it would attach with --print-xml, before it looks the domain up', () => {
    // tools/virsh-domain.c (cmdAttachDisk: virXMLFormatElement leaves out an empty <driver>; vshPrint of the
    // XML happens before virshCommandOptDomain; virBufferEscapeString escapes the attribute values).
    const e = estate();
    expect(ok(e, `virsh attach-disk nosuch ${IMAGES}/data.img vdb --print-xml`)).toBe(
      `<disk type='file'>\n  <source file='${IMAGES}/data.img'/>\n  <target dev='vdb'/>\n</disk>\n\n`,
    );
    expect(ok(e, "virsh attach-disk nosuch '/x/a&b.qcow2' vdc --print-xml --subdriver qcow2 --cache none --targetbus virtio --serial S1 --type disk")).toBe(
      [
        "<disk type='file' device='disk'>",
        "  <driver type='qcow2' cache='none'/>",
        "  <source file='/x/a&amp;b.qcow2'/>",
        "  <target dev='vdc' bus='virtio'/>",
        '  <serial>S1</serial>',
        '</disk>',
        '',
        '',
      ].join('\n'),
    );
    expect(e.sim.dataDisks('ci-runner-01')).toEqual([]);
  });

  it('refuses in libvirt’s words: a taken target, a path that is no file on the domain’s host, a shut-off domain without --config', () => {
    // src/qemu/qemu_driver.c (qemuDomainAttachDeviceConfig: "target %s already exists", VIR_ERR_OPERATION_INVALID;
    // qemuDomainAttachDevice is the live call); src/conf/domain_conf.c (virDomainDiskDefCheckDuplicateInfo:
    // "target '%s' duplicated for disk sources '%s' and '%s'", VIR_ERR_XML_ERROR; virDomainObjUpdateModificationImpact:
    // "domain is not running"); src/storage_file/storage_source.c (virStorageSourceReportBrokenChain);
    // tools/virsh-domain.c ("Failed to attach disk"; VSH_EXCLUSIVE_OPTIONS_VAR); tools/virsh-util.c ("failed to get domain").
    const e = estate();
    ok(e, `virsh attach-disk ci-runner-01 ${IMAGES}/data.img vdb`);
    expect(err(e, `virsh attach-disk ci-runner-01 ${IMAGES}/nfs/shared.qcow2 vdb`)).toBe(
      `error: Failed to attach disk\nerror: XML error: target 'vdb' duplicated for disk sources '${IMAGES}/data.img' and '${IMAGES}/nfs/shared.qcow2'`,
    );
    expect(err(e, `virsh attach-disk ci-runner-01 ${IMAGES}/nfs/shared.qcow2 vda --persistent`)).toBe(
      'error: Failed to attach disk\nerror: Requested operation is not valid: target vda already exists',
    );
    expect(err(e, `virsh attach-disk ci-runner-01 ${IMAGES}/nope.img vdc`)).toBe(
      `error: Failed to attach disk\nerror: Cannot access storage file '${IMAGES}/nope.img' (as uid:107, gid:107): No such file or directory`,
    );
    // A volume in kvm-01's own storage is no file on kvm-03, where dev-01 runs; hyperpane says where it is.
    expect(err(e, `virsh attach-disk dev-01 ${IMAGES}/data.img vdb`)).toBe(
      [
        'error: Failed to attach disk',
        `error: Cannot access storage file '${IMAGES}/data.img' (as uid:107, gid:107): No such file or directory`,
        `hyperpane: ${IMAGES}/data.img is a volume on kvm-01's own storage (its default pool): kvm-03, where dev-01 is, cannot open it`,
      ].join('\n'),
    );
    expect(err(e, 'virsh attach-disk dev-01 shared.qcow2 vdb')).toMatch(
      /\nhyperpane: give a volume by its path: \/var\/lib\/libvirt\/images\/nfs\/shared\.qcow2 /,
    );
    expect(err(e, `virsh attach-disk nosuch ${IMAGES}/data.img vdb`)).toBe("error: failed to get domain 'nosuch'");
    expect(err(e, `virsh attach-disk dev-01 ${IMAGES}/nfs/shared.qcow2 vdb --current --live`)).toBe(
      'error: Options --current and --live are mutually exclusive',
    );
    expect(err(e, `virsh attach-disk dev-01 ${IMAGES}/nfs/shared.qcow2 vdb --persistent --current`)).toBe(
      'error: Options --persistent and --current are mutually exclusive',
    );
    // No option is virDomainAttachDevice: the live domain, which a shut-off one is not; --current is its config.
    ok(e, 'virsh destroy dev-01');
    expect(err(e, `virsh attach-disk dev-01 ${IMAGES}/nfs/shared.qcow2 vdb`)).toBe(
      'error: Failed to attach disk\nerror: Requested operation is not valid: domain is not running',
    );
    expect(err(e, `virsh attach-disk dev-01 ${IMAGES}/nfs/shared.qcow2 vdb --live`)).toBe(
      'error: Failed to attach disk\nerror: Requested operation is not valid: domain is not running',
    );
    expect(ok(e, `virsh attach-disk dev-01 ${IMAGES}/nfs/shared.qcow2 vdb --current`)).toBe('Disk attached successfully\n\n');
    expect(e.sim.dataDisks('dev-01').map((x) => x.name)).toEqual(['shared.qcow2']);
  });

  it('says what it does not simulate: a target of another bus, a volume in use, a domain’s own disk, a qcow2 driver on a raw file', () => {
    // tools/virsh-domain.c ("Failed to attach disk", "No support for %s in command 'attach-disk'"); src/util/virutil.c
    // (virIndexToDiskName); src/qemu/qemu_monitor_json.c ("unable to execute QEMU command '%s': %s") with QEMU's
    // block/qcow2.c ("Image is not in qcow2 format").
    const e = estate();
    expect(err(e, `virsh attach-disk ci-runner-01 ${IMAGES}/data.img sdb`)).toBe(
      "error: Failed to attach disk\nhyperpane: a disk named sdb is not simulated: data disks here are virtio disks, vdb, vdc... (ci-runner-01's first free one is vdb)",
    );
    expect(err(e, `virsh attach-disk ci-runner-01 ${IMAGES}/data.img sdb --targetbus scsi`)).toBe(
      'error: Failed to attach disk\nhyperpane: a scsi disk is not simulated: data disks here are virtio disks (vdb, vdc...)',
    );
    expect(err(e, `virsh attach-disk ci-runner-01 ${IMAGES}/data.img vdb --mode bogus`)).toBe("error: No support for bogus in command 'attach-disk'");
    expect(err(e, `virsh attach-disk ci-runner-01 ${IMAGES}/data.img vdb --subdriver qcow2`)).toBe(
      "error: Failed to attach disk\nerror: internal error: unable to execute QEMU command 'blockdev-add': Image is not in qcow2 format",
    );
    expect(err(e, `virsh attach-disk ci-runner-01 ${IMAGES}/ci-runner-01.qcow2 vdb`)).toBe(
      "error: Failed to attach disk\nhyperpane: ci-runner-01.qcow2 is ci-runner-01's own disk (vda): QEMU's image lock lets one guest write it",
    );
    ok(e, `virsh attach-disk ci-runner-01 ${IMAGES}/nfs/shared.qcow2 vdb`);
    expect(err(e, `virsh attach-disk dev-01 ${IMAGES}/nfs/shared.qcow2 vdb`)).toBe(
      'error: Failed to attach disk\nhyperpane: shared.qcow2 is a data disk of ci-runner-01 already: a volume is attached to one domain at a time',
    );
    expect(err(e, `virsh attach-disk ci-runner-01 ${IMAGES}/nfs/shared.qcow2 vdc`)).toBe(
      'error: Failed to attach disk\nhyperpane: shared.qcow2 is a data disk of ci-runner-01 (vdb) already: a volume is attached to one domain at a time',
    );
  });

  it('waits 30 s for the lock a live migration holds, then fails as libvirt does', () => {
    // src/qemu/qemu_domainjob.c (QEMU_JOB_WAIT_TIME; "cannot acquire state change lock (held by %s)").
    const e = estate();
    e.sim.setLoad('dev-01', 1);
    const migration = e.providers.kvm.exec(['virsh', 'migrate', '--live', '--copy-storage-all', 'dev-01', 'qemu+ssh://kvm-02/system']);
    expect(migration.blocking).toBeDefined();
    e.sim.advance(5000);
    const t = e.sim.now;
    expect(err(e, `virsh attach-disk dev-01 ${IMAGES}/nfs/shared.qcow2 vdb`)).toBe(
      'error: Failed to attach disk\nerror: Timed out during operation: cannot acquire state change lock (held by monitor=remoteDispatchDomainMigratePerform3Params)',
    );
    expect(e.sim.now - t).toBe(30_000);
    expect(e.sim.dataDisks('dev-01')).toEqual([]);
  });
});

describe('virsh detach-disk', () => {
  it('detaches a data disk by target or source path; the others keep their targets', () => {
    // tools/virsh-domain.c (cmdDetachDisk, virshFindDisk: by target or source path; "Disk detached successfully\n");
    // src/conf/domain_conf.c (virDomainDiskRemove takes the one disk out; the others keep their <target dev>).
    const e = estate();
    ok(e, `virsh attach-disk ci-runner-01 ${IMAGES}/data.img vdb`);
    ok(e, `virsh attach-disk ci-runner-01 ${IMAGES}/nfs/shared.qcow2 vdc`);
    expect(ok(e, 'virsh detach-disk ci-runner-01 vdb')).toBe('Disk detached successfully\n\n');
    expect(e.sim.volumes({ host: 'kvm-01' }).map((x) => [x.name, x.attachedTo])).toEqual([['data.img', undefined]]);
    expect(ok(e, 'virsh domblklist ci-runner-01').split('\n').slice(3, -2)).toEqual([` vdc      ${IMAGES}/nfs/shared.qcow2`]);
    expect(ok(e, `virsh -q detach-disk ci-runner-01 ${IMAGES}/nfs/shared.qcow2 --live`)).toBe('');
    expect(e.sim.dataDisks('ci-runner-01')).toEqual([]);
    // Detached, the volume can go.
    expect(ok(e, `virsh vol-delete ${IMAGES}/nfs/shared.qcow2`)).toBe(`Vol ${IMAGES}/nfs/shared.qcow2 deleted\n\n`);
  });

  it('refuses in libvirt’s words: no such disk, a shut-off domain without --config; and keeps vda', () => {
    // tools/virsh-domain.c (virshFindDisk: "No disk found whose source path or target is %s"; "Failed to detach
    // disk"); src/conf/domain_conf.c (virDomainObjUpdateModificationImpact: "domain is not running").
    const e = estate();
    expect(err(e, 'virsh detach-disk ci-runner-01 vdb')).toBe('error: No disk found whose source path or target is vdb');
    expect(err(e, 'virsh detach-disk ci-runner-01 vda')).toBe(
      "error: Failed to detach disk\nhyperpane: vda is ci-runner-01's own disk, and this simulation keeps no domain without its disk: detach its data disks (vdb, vdc...) only",
    );
    expect(err(e, 'virsh detach-disk nosuch vdb')).toBe("error: failed to get domain 'nosuch'");
    ok(e, `virsh attach-disk ci-runner-01 ${IMAGES}/data.img vdb`);
    ok(e, 'virsh destroy ci-runner-01');
    expect(err(e, 'virsh detach-disk ci-runner-01 vdb')).toBe('error: Failed to detach disk\nerror: Requested operation is not valid: domain is not running');
    expect(err(e, 'virsh detach-disk ci-runner-01 vdb --config --current')).toBe('error: Options --current and --config are mutually exclusive');
    expect(ok(e, 'virsh detach-disk ci-runner-01 vdb --persistent')).toBe('Disk detached successfully\n\n');
  });

  it('is refused in read-only mode, where domblklist and domblkinfo still look', () => {
    // src/providers/access/looking.ts: a verb that is not a looking one is refused before it runs.
    expect(isReadOnlyCommand(`virsh attach-disk dev-01 ${IMAGES}/data.img vdb`)).toBe(false);
    expect(isReadOnlyCommand('virsh detach-disk dev-01 vdb')).toBe(false);
    expect(isReadOnlyCommand('virsh domblklist dev-01 --details')).toBe(true);
    expect(isReadOnlyCommand('virsh domblkinfo dev-01 --all')).toBe(true);
  });
});

describe('virsh attach-disk targets', () => {
  /** The Target and Source rows of domblklist. */
  const rows = (e: ReturnType<typeof estate>, dom: string) => ok(e, `virsh domblklist ${dom}`).split('\n').slice(2, -2);

  it('keeps the target each disk was attached as, whatever order the volumes were made in; detach-disk takes that one off', () => {
    // tools/virsh-domain.c (cmdAttachDisk puts TARGET in <target dev>; cmdDetachDisk, virshFindDisk: the disk whose
    // <target dev> is TARGET); tools/virsh-domain-monitor.c (cmdDomblklist: each disk's target and source);
    // tools/virsh-domain.c (cmdBlkdeviotune) and src/qemu/qemu_driver.c (qemuDomainGetBlockIoTune: "disk '%s' not
    // found in domain" for a target the domain has no more).
    const e = estate();
    ok(e, 'virsh vol-create-as default a.img 1G');
    ok(e, 'virsh vol-create-as default b.img 2G');
    ok(e, `virsh attach-disk ci-runner-01 ${IMAGES}/b.img vdb`);
    ok(e, `virsh attach-disk ci-runner-01 ${IMAGES}/a.img vdc`);
    expect(rows(e, 'ci-runner-01')).toEqual([` vda      ${IMAGES}/ci-runner-01.qcow2`, ` vdb      ${IMAGES}/b.img`, ` vdc      ${IMAGES}/a.img`]);
    expect(ok(e, 'virsh domblkinfo ci-runner-01 vdb')).toBe(`Capacity:       ${2 * GIB}\nAllocation:     ${2 * GIB}\nPhysical:       ${2 * GIB}\n\n`);
    expect(ok(e, 'virsh detach-disk ci-runner-01 vdb')).toBe('Disk detached successfully\n\n');
    expect(e.sim.dataDisks('ci-runner-01').map((x) => x.name)).toEqual(['a.img']);
    expect(rows(e, 'ci-runner-01')).toEqual([` vda      ${IMAGES}/ci-runner-01.qcow2`, ` vdc      ${IMAGES}/a.img`]);
    expect(ok(e, 'virsh domblkinfo ci-runner-01 vdc')).toBe(`Capacity:       ${GIB}\nAllocation:     ${GIB}\nPhysical:       ${GIB}\n\n`);
    expect(ok(e, 'virsh blkdeviotune ci-runner-01 vdc')).toMatch(/total_iops_sec : 0\n/);
    expect(runLine(e, 'virsh blkdeviotune ci-runner-01 vdb').stderr).toBe(
      "error: Unable to get block I/O throttle parameters\nerror: invalid argument: disk 'vdb' not found in domain\n\n",
    );
    // The detached disk's entry is gone from the domain's record.
    expect(JSON.parse(String(e.sim.workload('ci-runner-01')?.attrs.diskTargets))).toEqual({ vdc: ['host:kvm-01', 'a.img'] });
    ok(e, `virsh detach-disk ci-runner-01 ${IMAGES}/a.img`);
    expect(e.sim.workload('ci-runner-01')?.attrs.diskTargets).toBeUndefined();
  });

  it('takes any free virtio target, lists the disks by target, and refuses a taken one in libvirt’s words', () => {
    // src/qemu/qemu_driver.c (qemuDomainAttachDeviceConfig: "target %s already exists"); src/conf/domain_conf.c
    // (virDomainDiskDefCheckDuplicateInfo: "target '%s' duplicated for disk sources '%s' and '%s'"; virDomainDiskInsert
    // keeps a bus's disks ordered by virDiskNameToIndex, src/util/virutil.c).
    const e = estate();
    ok(e, `virsh attach-disk ci-runner-01 ${IMAGES}/data.img vdf`);
    ok(e, `virsh attach-disk ci-runner-01 ${IMAGES}/nfs/shared.qcow2 vdc --subdriver qcow2`);
    expect(rows(e, 'ci-runner-01')).toEqual([` vda      ${IMAGES}/ci-runner-01.qcow2`, ` vdc      ${IMAGES}/nfs/shared.qcow2`, ` vdf      ${IMAGES}/data.img`]);
    ok(e, 'virsh vol-create-as default more.img 1G');
    expect(err(e, `virsh attach-disk ci-runner-01 ${IMAGES}/more.img vdf`)).toBe(
      `error: Failed to attach disk\nerror: XML error: target 'vdf' duplicated for disk sources '${IMAGES}/data.img' and '${IMAGES}/more.img'`,
    );
    expect(err(e, `virsh attach-disk ci-runner-01 ${IMAGES}/more.img vdc --config`)).toBe(
      'error: Failed to attach disk\nerror: Requested operation is not valid: target vdc already exists',
    );
    expect(ok(e, `virsh attach-disk ci-runner-01 ${IMAGES}/more.img vdaa`)).toBe('Disk attached successfully\n\n');
    expect(rows(e, 'ci-runner-01').at(-1)).toBe(` vdaa     ${IMAGES}/more.img`);
  });

  it('gives a data disk with no recorded target the first free one, and keeps it from then on', () => {
    // src/util/virutil.c (virIndexToDiskName); tools/virsh-domain-monitor.c (cmdDomblklist).
    const e = estate();
    ok(e, `virsh attach-disk ci-runner-01 ${IMAGES}/data.img vdc`);
    // Attached otherwise (an estate file's attachedTo, another tool): no target recorded.
    expect(e.sim.attachVolume({ datastore: 'nfs' }, 'shared.qcow2', 'ci-runner-01').ok).toBe(true);
    expect(rows(e, 'ci-runner-01')).toEqual([` vda      ${IMAGES}/ci-runner-01.qcow2`, ` vdb      ${IMAGES}/nfs/shared.qcow2`, ` vdc      ${IMAGES}/data.img`]);
    ok(e, 'virsh detach-disk ci-runner-01 vdc');
    expect(rows(e, 'ci-runner-01')).toEqual([` vda      ${IMAGES}/ci-runner-01.qcow2`, ` vdb      ${IMAGES}/nfs/shared.qcow2`]);
    ok(e, `virsh attach-disk ci-runner-01 ${IMAGES}/data.img vdd`);
    // The targets are kept in the estate file.
    const loaded = estateFromJson(JSON.parse(JSON.stringify(estateToFile(e))));
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(rows(loaded.value, 'ci-runner-01')).toEqual([
      ` vda      ${IMAGES}/ci-runner-01.qcow2`,
      ` vdb      ${IMAGES}/nfs/shared.qcow2`,
      ` vdd      ${IMAGES}/data.img`,
    ]);
  });

  it('keeps each disk’s target when a Storage vMotion moves the disks to another datastore', () => {
    // tools/virsh-domain-monitor.c (cmdDomblklist): a disk's <target dev> stays whatever file its source is.
    const e = estate();
    ok(e, 'virsh vol-create-as default a.img 1G');
    ok(e, 'virsh vol-create-as default b.img 1G');
    ok(e, `virsh attach-disk ci-runner-01 ${IMAGES}/b.img vdb`);
    ok(e, `virsh attach-disk ci-runner-01 ${IMAGES}/a.img vdc`);
    expect(e.sim.relocateStorage('ci-runner-01', 'nfs').ok).toBe(true);
    e.sim.advance(3_600_000);
    expect(e.sim.dataDisks('ci-runner-01').map((x) => [x.name, x.datastore])).toEqual([
      ['a.img', 'nfs'],
      ['b.img', 'nfs'],
    ]);
    expect(rows(e, 'ci-runner-01')).toEqual([` vda      ${IMAGES}/nfs/ci-runner-01.qcow2`, ` vdb      ${IMAGES}/nfs/b.img`, ` vdc      ${IMAGES}/nfs/a.img`]);
    ok(e, 'virsh detach-disk ci-runner-01 vdb');
    expect(e.sim.dataDisks('ci-runner-01').map((x) => x.name)).toEqual(['a.img']);
    expect(rows(e, 'ci-runner-01').at(-1)).toBe(` vdc      ${IMAGES}/nfs/a.img`);
  });
});

describe('virsh undefine --remove-all-storage', () => {
  it('removes every disk of the domain, its data disks’ volumes too, one line each', () => {
    // tools/virsh-domain.c (cmdUndefine: every ./devices/disk of the domain's XML, in its order; after "Domain '%s'
    // has been undefined", "Volume '%s'(%s) removed.\n" with each disk's target and source).
    const e = estate();
    const kvm03 = 'virsh -c qemu+ssh://kvm-03/system';
    ok(e, `${kvm03} vol-create-as default a.img 1G`);
    ok(e, `virsh attach-disk dev-01 ${IMAGES}/a.img vdc`);
    ok(e, `virsh attach-disk dev-01 ${IMAGES}/nfs/shared.qcow2 vdb --subdriver qcow2`);
    ok(e, 'virsh destroy dev-01');
    expect(ok(e, 'virsh undefine dev-01 --remove-all-storage')).toBe(
      [
        "Domain 'dev-01' has been undefined",
        `Volume 'vda'(${IMAGES}/dev-01.qcow2) removed.`,
        `Volume 'vdb'(${IMAGES}/nfs/shared.qcow2) removed.`,
        `Volume 'vdc'(${IMAGES}/a.img) removed.`,
        '',
        '',
      ].join('\n'),
    );
    expect(e.sim.volumes({ host: 'kvm-03' })).toEqual([]);
    expect(e.sim.volumes({ datastore: 'nfs' })).toEqual([]);
    // Without it, the data disks' volumes stay, attached to nothing.
    ok(e, `virsh attach-disk ci-runner-01 ${IMAGES}/data.img vdb`);
    ok(e, 'virsh destroy ci-runner-01');
    expect(ok(e, 'virsh undefine ci-runner-01')).toBe("Domain 'ci-runner-01' has been undefined\n\n");
    expect(e.sim.volumes({ host: 'kvm-01' }).map((x) => [x.name, x.attachedTo])).toEqual([['data.img', undefined]]);
  });

  it('attaches a logical volume as a block device, and removes it with its domain', () => {
    // tools/virsh-domain.c (cmdAttachDisk: a source stat() finds a block device defaults to type "block", <source dev>;
    // cmdUndefine --remove-all-storage: "Volume '%s'(%s) removed."); storage_backend_logical.c (deleteVol: lvremove).
    const e = estate();
    e.sim.addDatastore({ id: 'lun', medium: 'san', clusters: ['kvm-lab'], capacityMiB: 1024 * 1024 });
    ok(e, 'virsh vol-create-as lun data 1G');
    expect(ok(e, 'virsh attach-disk dev-01 /dev/lun/data vdb --print-xml')).toContain("<disk type='block'>\n  <source dev='/dev/lun/data'/>");
    ok(e, 'virsh attach-disk dev-01 /dev/lun/data vdb');
    expect(ok(e, 'virsh domblklist dev-01 --details')).toMatch(/ block +disk +vdb +\/dev\/lun\/data\n/);
    ok(e, 'virsh destroy dev-01');
    const r = runLine(e, 'virsh undefine dev-01 --remove-all-storage');
    expect(r).toMatchObject({ exitCode: 0, stderr: '' });
    expect(r.stdout).toBe(`Domain 'dev-01' has been undefined\nVolume 'vda'(${IMAGES}/dev-01.qcow2) removed.\nVolume 'vdb'(/dev/lun/data) removed.\n\n`);
    expect(e.sim.volumes({ datastore: 'lun' })).toEqual([]);
  });
});

describe('virsh blkdeviotune on a data disk', () => {
  it('reads no throttle on vdb and refuses to set one; vda keeps its own', () => {
    // tools/virsh-domain.c (cmdBlkdeviotune: "%-15s: %s", "Unable to change block I/O throttle");
    // src/qemu/qemu_driver.c (qemuDomainGetBlockIoTune's fields, all 0 for a disk with no throttle).
    const e = estate();
    ok(e, `virsh attach-disk ci-runner-01 ${IMAGES}/data.img vdb`);
    ok(e, 'virsh blkdeviotune ci-runner-01 vda --total-iops-sec 500');
    expect(ok(e, 'virsh blkdeviotune ci-runner-01 vdb')).toMatch(/^total_bytes_sec: 0\n[\s\S]*total_iops_sec : 0\n[\s\S]*group_name {5}: \n/);
    expect(ok(e, `virsh blkdeviotune ci-runner-01 ${IMAGES}/data.img`)).toMatch(/total_iops_sec : 0\n/);
    expect(err(e, 'virsh blkdeviotune ci-runner-01 vdb --total-iops-sec 100')).toBe(
      "error: Unable to change block I/O throttle\nhyperpane: an I/O throttle on a data disk (vdb) is not simulated: the core caps a domain's own disk (vda) only",
    );
    expect(ok(e, 'virsh blkdeviotune ci-runner-01 vda')).toMatch(/total_iops_sec : 500\n/);
    expect(runLine(e, 'virsh blkdeviotune ci-runner-01 vdc').stderr).toBe(
      "error: Unable to get block I/O throttle parameters\nerror: invalid argument: disk 'vdc' not found in domain\n\n",
    );
  });
});

describe('virsh migrate --copy-storage-all with a data disk on the host', () => {
  it('says the simulation copies only the domain’s own disk (libvirt would copy every disk)', () => {
    const e = defaultEstate(1);
    ok(e, 'virsh vol-create-as default data.qcow2 1G --format qcow2');
    ok(e, 'virsh attach-disk ci-runner-01 /var/lib/libvirt/images/data.qcow2 vdb --subdriver qcow2');
    expect(err(e, 'virsh migrate --live --copy-storage-all ci-runner-01 qemu+ssh://kvm-02/system')).toMatch(
      /^error: hyperpane: ci-runner-01's data disk data\.qcow2 is on kvm-01's own storage, which kvm-02 cannot see: detach it/,
    );
  });
});
