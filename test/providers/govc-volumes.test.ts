// govc's commands for VMDKs of no VM (the core's volumes) on the default estate's
// vCenter (prod-lun01, prod-nfs01 and each ESXi host's own datastore1 (N)),
// checked against govmomi's own source: cli/datastore/disk/{create,info,extend}.go,
// cli/datastore/{rm,ls}.go, cli/flags/datastore.go with find/error.go,
// simulator/virtual_disk_manager.go, units/size.go and govc/test/datastore.bats.
import { describe, expect, it } from 'vitest';
import { runLine } from '../../src/estate/script.js';
import { defaultEstate } from '../default-estate.js';
import { err, ok } from './estate-lines.js';

/** OutputFlag.Log's stamp, "[02-01-06 15:04:05] ". */
const STAMP = String.raw`\[\d\d-\d\d-\d\d \d\d:\d\d:\d\d\] `;
const free = (text: string, ds: string) => new RegExp(`Name: +${ds.replace(/[()]/g, '\\$&')}\\n(?: .*\\n)*? {2}Free: +([\\d.]+) GB`).exec(text)?.[1];

describe('govc datastore.disk.create', () => {
  it('makes a thin 10G VMDK by default and prints the task as its ProgressLogger does', () => {
    // create.go: Bytes.Set("10G"), -d thin; ProgressLogger(fmt.Sprintf("Creating %s...", dst)) with dst = ds.Path(arg).
    const e = defaultEstate(1);
    expect(ok(e, 'govc datastore.disk.create -ds prod-lun01 disks/data.vmdk')).toMatch(
      new RegExp(`^${STAMP}Creating \\[prod-lun01\\] disks/data\\.vmdk\\.\\.\\.OK\\n$`),
    );
    expect(e.sim.volumes({ datastore: 'prod-lun01' })).toEqual([
      { name: 'disks/data.vmdk', datastore: 'prod-lun01', datastoreName: 'prod-lun01', format: 'thin', capacityMiB: 10_240, usedMiB: 0 },
    ]);
  });

  it('maps -d to the core’s formats: thick and preallocated lazily zeroed, eagerZeroedThick eager; a thick disk takes its size', () => {
    // create.go: -d is the spec's DiskType (VirtualDiskType); -size as units.ByteSize reads it (units/size.go: powers of 1024).
    const e = defaultEstate(1);
    const before = Number(free(ok(e, 'govc datastore.info prod-lun01'), 'prod-lun01'));
    ok(e, 'govc datastore.disk.create -ds prod-lun01 -size 100G -d thick a.vmdk');
    ok(e, 'govc datastore.disk.create -ds prod-lun01 -size 512M -d preallocated b.vmdk');
    ok(e, 'govc datastore.disk.create -ds prod-lun01 -size 50G -d eagerZeroedThick -a pvscsi c.vmdk');
    ok(e, 'govc datastore.disk.create -ds prod-lun01 -size 1T d.vmdk');
    expect(e.sim.volumes({ datastore: 'prod-lun01' }).map((v) => [v.name, v.format, v.capacityMiB, v.usedMiB])).toEqual([
      ['a.vmdk', 'thick', 102_400, 102_400],
      ['b.vmdk', 'thick', 512, 512],
      ['c.vmdk', 'eager', 51_200, 51_200],
      ['d.vmdk', 'thin', 1_048_576, 0],
    ]);
    expect(Number(free(ok(e, 'govc datastore.info prod-lun01'), 'prod-lun01'))).toBeCloseTo(before - 150.5, 1);
  });

  it('makes one on a host’s own datastore1 (N): that host’s storage', () => {
    // cli/flags/datastore.go: -ds names any datastore of the datacenter; a host's local VMFS volume is one.
    const e = defaultEstate(1);
    ok(e, 'govc datastore.disk.create -ds "datastore1 (1)" -size 20G -d thick scratch.vmdk');
    const [v] = e.sim.volumes();
    expect(v).toMatchObject({ name: 'scratch.vmdk', format: 'thick', capacityMiB: 20_480 });
    expect(v.host).toBeDefined();
    expect(free(ok(e, 'govc datastore.info "datastore1 (1)"'), 'datastore1 (1)')).toBe('4076.0');
    expect(ok(e, 'govc datastore.ls -ds "datastore1 (1)"')).toBe('scratch.vmdk\n');
  });

  it('fails as vCenter does: a file that is there, no room, an unknown datastore, no default, no VMDK', () => {
    const e = defaultEstate(1);
    ok(e, 'govc datastore.disk.create -ds prod-lun01 disks/data.vmdk');
    // simulator/virtual_disk_manager.go: FileAlreadyExists; its message as vCenter localizes it. The task's line ends "Error: %s".
    let r = runLine(e, 'govc datastore.disk.create -ds prod-lun01 disks/data.vmdk');
    expect(r.stdout).toMatch(/\.\.\.Error: Cannot complete the operation because the file or folder \[prod-lun01\] disks\/data\.vmdk already exists\n$/);
    expect([r.exitCode, r.stderr]).toEqual([1, 'govc: Cannot complete the operation because the file or folder [prod-lun01] disks/data.vmdk already exists\n']);
    // A VM's own disk is a file there too.
    expect(err(e, 'govc datastore.disk.create -ds prod-lun01 web-01/web-01.vmdk')).toMatch(
      /the file or folder \[prod-lun01\] web-01\/web-01\.vmdk already exists$/,
    );
    // NoDiskSpace: "Insufficient disk space on datastore '%s'." (a thick disk larger than the free space).
    r = runLine(e, 'govc datastore.disk.create -ds prod-lun01 -size 2T -d eagerZeroedThick big.vmdk');
    expect([r.exitCode, r.stderr]).toEqual([1, "govc: Insufficient disk space on datastore 'prod-lun01'.\n"]);
    expect(e.sim.volumes().map((v) => v.name)).toEqual(['disks/data.vmdk']);
    // find/error.go: NotFoundError "%s '%s' not found"; DefaultMultipleFoundError with no -ds among several.
    expect(err(e, 'govc datastore.disk.create -ds nope x.vmdk')).toBe("govc: datastore 'nope' not found");
    expect(err(e, 'govc datastore.disk.create x.vmdk')).toBe('govc: default datastore resolves to multiple instances, please specify');
    // create.go: f.NArg() == 0 is flag.ErrHelp, the usage (cli/command.go).
    expect(err(e, 'govc datastore.disk.create -ds prod-lun01')).toMatch(/^Usage: govc datastore\.disk\.create \[OPTIONS\] VMDK\n/);
    // units/size.go: "invalid byte value", in Go's flag package words.
    expect(err(e, 'govc datastore.disk.create -ds prod-lun01 -size 1X x.vmdk')).toBe('govc: invalid value "1X" for flag -size: invalid byte value');
    // VirtualDiskType's other words are real but not kept here; a word not in it is an invalid argument.
    expect(err(e, 'govc datastore.disk.create -ds prod-lun01 -d seSparse x.vmdk')).toMatch(/disk type seSparse is not simulated/);
    expect(err(e, 'govc datastore.disk.create -ds prod-lun01 -d bogus x.vmdk')).toBe('govc: A specified parameter was not correct: spec.diskType');
    expect(err(e, 'govc datastore.disk.create -ds prod-lun01 parent.vmdk child.vmdk')).toMatch(/child disks .* are not simulated/);
  });
});

describe('govc datastore.disk.info', () => {
  it('prints Name, Type and Parent through tabwriter(2, 0, 2), the path in its datastore unless -d; -uuid; -c', () => {
    // info.go: infoResult.Write; dsPath strips "[ds] " unless -d (fullPath); -c is chainResult; the disk types as
    // govc/test/datastore.bats "datastore.disk.inflate" reads them ("thin", "eagerZeroedThick"), VirtualDiskType's "preallocated" for thick.
    const e = defaultEstate(1);
    ok(e, 'govc datastore.disk.create -ds prod-lun01 -size 1G disks/a.vmdk');
    ok(e, 'govc datastore.disk.create -ds prod-lun01 -size 1G -d thick disks/b.vmdk');
    ok(e, 'govc datastore.disk.create -ds prod-lun01 -size 1G -d eagerZeroedThick disks/c.vmdk');
    expect(ok(e, 'govc datastore.disk.info -ds prod-lun01 disks/a.vmdk')).toBe('Name:      disks/a.vmdk\n  Type:    thin\n  Parent:  \n');
    expect(ok(e, 'govc datastore.disk.info -d "[prod-lun01] disks/b.vmdk"')).toBe(
      'Name:      [prod-lun01] disks/b.vmdk\n  Type:    preallocated\n  Parent:  \n',
    );
    expect(ok(e, 'govc datastore.disk.info -ds prod-lun01 -p=false disks/c.vmdk')).toMatch(/^ {2}Type: {4}eagerZeroedThick$/m);
    // QueryVirtualDiskUuid's ddb.uuid: "60 00 C2 9x ..." in hex pairs, a dash after the eighth; the same for the same file.
    const uuid = /^ {2}UUID: {4}(.*)$/m.exec(ok(e, 'govc datastore.disk.info -uuid -ds prod-lun01 disks/a.vmdk'))?.[1];
    expect(uuid).toMatch(/^60 00 C2 9[0-9a-f]( [0-9a-f]{2}){4}-[0-9a-f]{2}( [0-9a-f]{2}){7}$/);
    expect(ok(e, 'govc datastore.disk.info -uuid -ds prod-lun01 disks/a.vmdk')).toContain(uuid);
    expect(ok(e, 'govc datastore.disk.info -c -ds prod-lun01 disks/a.vmdk')).toBe('disks/a.vmdk\n');
    // A VM's own disk is a VMDK too (on prod-lun01 the default estate's are thin).
    expect(ok(e, 'govc datastore.disk.info -ds prod-lun01 web-01/web-01.vmdk')).toMatch(/^Name: +web-01\/web-01\.vmdk\n {2}Type: +thin\n/);
  });

  it('fails with the usage unless one VMDK is named, and FileNotFound for a missing one', () => {
    // info.go: f.NArg() != 1 is flag.ErrHelp; govc/test/datastore.bats "datastore.disk.info": no arg and "enoent" fail.
    const e = defaultEstate(1);
    expect(err(e, 'govc datastore.disk.info -ds prod-lun01')).toMatch(/^Usage: govc datastore\.disk\.info \[OPTIONS\] VMDK\n/);
    expect(err(e, 'govc datastore.disk.info -ds prod-lun01 a.vmdk b.vmdk')).toMatch(/^Usage: govc datastore\.disk\.info/);
    // simulator/virtual_disk_manager.go QueryVirtualDiskUuid: "File %s was not found" (FileNotFound).
    expect(err(e, 'govc datastore.disk.info -ds prod-lun01 enoent.vmdk')).toBe('govc: File [prod-lun01] enoent.vmdk was not found');
  });
});

describe('govc datastore.disk.extend', () => {
  it('grows a volume (a thick one takes what it grows by) and never shrinks one', () => {
    // extend.go: ProgressLogger("Extending %s..."); simulator/virtual_disk_manager.go vdmExtendVirtualDisk: a smaller
    // capacity is a FileFault ("cannot shrink disk"), vCenter's "Error caused by file %s"; -size has no default (0: smaller).
    const e = defaultEstate(1);
    ok(e, 'govc datastore.disk.create -ds prod-lun01 -size 10G -d thick disks/data.vmdk');
    expect(ok(e, 'govc datastore.disk.extend -ds prod-lun01 -size 24G disks/data.vmdk')).toMatch(
      new RegExp(`^${STAMP}Extending \\[prod-lun01\\] disks/data\\.vmdk\\.\\.\\.OK\\n$`),
    );
    expect(e.sim.volumes()[0]).toMatchObject({ capacityMiB: 24_576, usedMiB: 24_576 });
    const r = runLine(e, 'govc datastore.disk.extend -ds prod-lun01 -size 5G disks/data.vmdk');
    expect(r.stdout).toMatch(/\.\.\.Error: Error caused by file \[prod-lun01\] disks\/data\.vmdk\n$/);
    expect([r.exitCode, r.stderr]).toEqual([1, 'govc: Error caused by file [prod-lun01] disks/data.vmdk\n']);
    expect(err(e, 'govc datastore.disk.extend -ds prod-lun01 disks/data.vmdk')).toBe('govc: Error caused by file [prod-lun01] disks/data.vmdk');
    expect(e.sim.volumes()[0].capacityMiB).toBe(24_576);
    // The same size is no change, and no error.
    expect(ok(e, 'govc datastore.disk.extend -ds prod-lun01 -size 24G disks/data.vmdk')).toMatch(/\.\.\.OK\n$/);
  });

  it('fails for a missing disk, no room, a VM’s own disk, and with no VMDK named', () => {
    const e = defaultEstate(1);
    ok(e, 'govc datastore.disk.create -ds prod-lun01 -size 10G -d thick disks/data.vmdk');
    expect(err(e, 'govc datastore.disk.extend -ds prod-lun01 -size 20G disks/none.vmdk')).toBe('govc: File [prod-lun01] disks/none.vmdk was not found');
    // NoDiskSpace for what a thick disk would take beyond the free space.
    expect(err(e, 'govc datastore.disk.extend -ds prod-lun01 -size 5T disks/data.vmdk')).toBe("govc: Insufficient disk space on datastore 'prod-lun01'.");
    expect(err(e, 'govc datastore.disk.extend -ds prod-lun01 -size 50G web-01/web-01.vmdk')).toMatch(/use govc vm\.disk\.change -vm web-01 -size SIZE$/);
    // extend.go: f.NArg() == 0 is flag.ErrHelp.
    expect(err(e, 'govc datastore.disk.extend -ds prod-lun01 -size 20G')).toMatch(/^Usage: govc datastore\.disk\.extend \[OPTIONS\] VMDK\n/);
  });
});

describe('govc datastore.rm', () => {
  it('deletes a VMDK, or a folder with all in it, printing nothing; -f ignores a missing file', () => {
    // rm.go: Delete (-t): a .vmdk by DeleteVirtualDisk, else DeleteDatastoreFile (a folder with its files);
    // govc/test/datastore.bats "datastore.rm": not found is a failure, -f makes it none, nothing printed.
    const e = defaultEstate(1);
    ok(e, 'govc datastore.disk.create -ds prod-lun01 -size 10G -d thick disks/a.vmdk');
    ok(e, 'govc datastore.disk.create -ds prod-lun01 disks/b.vmdk');
    ok(e, 'govc datastore.disk.create -ds prod-lun01 top.vmdk');
    const before = Number(free(ok(e, 'govc datastore.info prod-lun01'), 'prod-lun01'));
    expect(ok(e, 'govc datastore.rm -ds prod-lun01 disks/a.vmdk')).toBe('');
    expect(Number(free(ok(e, 'govc datastore.info prod-lun01'), 'prod-lun01'))).toBeCloseTo(before + 10, 1);
    expect(err(e, 'govc datastore.rm -ds prod-lun01 disks/a.vmdk')).toBe('govc: File [prod-lun01] disks/a.vmdk was not found');
    expect(ok(e, 'govc datastore.rm -f -ds prod-lun01 disks/a.vmdk')).toBe('');
    expect(ok(e, 'govc datastore.rm "[prod-lun01] disks"')).toBe('');
    expect(e.sim.volumes().map((v) => v.name)).toEqual(['top.vmdk']);
    // rm.go: f.Args() empty is flag.ErrHelp.
    expect(err(e, 'govc datastore.rm -ds prod-lun01')).toMatch(/^Usage: govc datastore\.rm \[OPTIONS\] FILE\n/);
  });

  it('leaves a VM’s own files alone, saying so', () => {
    const e = defaultEstate(1);
    expect(err(e, 'govc datastore.rm -ds prod-lun01 web-01/web-01.vmdk')).toMatch(/removing web-01's own files is not simulated: .*vm\.destroy web-01$/);
    expect(err(e, 'govc datastore.rm -ds prod-lun01 web-01')).toMatch(/removing web-01's own files is not simulated/);
    expect(ok(e, 'govc datastore.ls -ds prod-lun01 web-01')).toBe('web-01.vmx\nweb-01.vmdk\n');
  });
});

describe('govc datastore.ls with volumes', () => {
  it('lists volumes’ files and folders beside the VMs’ folders, in ls.go’s shape', () => {
    // ls.go: one name a line; -p's "/" after a folder; -l: units.ByteSize, the date, the name (tabwriter(3, 0, 2));
    // a FILE not found as a folder is a pattern (path.Match) in its parent; "file %s/%s was not found".
    const e = defaultEstate(1);
    ok(e, 'govc datastore.disk.create -ds prod-lun01 -size 2G -d thick disks/a.vmdk');
    ok(e, 'govc datastore.disk.create -ds prod-lun01 -size 1G -d thick disks/b.vmdk');
    ok(e, 'govc datastore.disk.create -ds prod-lun01 -size 1G web-01/data.vmdk');
    expect(ok(e, 'govc datastore.ls -ds prod-lun01').split('\n').slice(-3)).toEqual(['batch-01', 'disks', '']);
    expect(ok(e, 'govc datastore.ls -p -ds prod-lun01').split('\n').slice(-2)).toEqual(['disks/', '']);
    expect(ok(e, 'govc datastore.ls -ds prod-lun01 disks')).toBe('a.vmdk\nb.vmdk\n');
    expect(ok(e, 'govc datastore.ls -ds prod-lun01 web-01')).toBe('web-01.vmx\nweb-01.vmdk\ndata.vmdk\n');
    expect(ok(e, 'govc datastore.ls -l "[prod-lun01] disks/a*"')).toMatch(/^2\.0GB {2}\w{3} \w{3} +\d+ \d\d:\d\d:\d\d \d{4} {2}a\.vmdk\n$/);
    // Two folders: a header each, a blank line between.
    expect(ok(e, 'govc datastore.ls -ds prod-lun01 disks web-01/data.vmdk')).toBe('[prod-lun01] disks:\na.vmdk\nb.vmdk\n\n[prod-lun01] web-01:\ndata.vmdk\n');
    expect(err(e, 'govc datastore.ls -ds prod-lun01 disks/c.vmdk')).toBe('govc: file [prod-lun01] disks/c.vmdk was not found');
    expect(err(e, 'govc datastore.ls -ds prod-lun01 nope/c.vmdk')).toBe('govc: File [prod-lun01] nope was not found');
  });
});
