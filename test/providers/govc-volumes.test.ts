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
    // ds.Path(arg): a "[DS] path" is sent as it is, so it names its own datastore whatever -ds resolved to.
    expect(ok(e, 'govc datastore.disk.info -ds prod-nfs01 -d "[prod-lun01] disks/b.vmdk"')).toBe(
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
    expect(ok(e, 'govc datastore.rm -ds prod-lun01 "[prod-lun01] disks"')).toBe('');
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

describe('govc -size in Go’s int64 (units/size.go)', () => {
  it('fails as strconv.ParseInt does for digits past int64, before anything else is looked at', () => {
    // units/size.go ByteSize.Set: strconv.ParseInt(m[1], 10, 64) and its *NumError; cli/command.go prints the flag
    // package's "invalid value %q for flag -%s: %v" after "govc: ".
    const e = defaultEstate(1);
    const outOfRange = 'govc: invalid value "99999999999999999999" for flag -size: strconv.ParseInt: parsing "99999999999999999999": value out of range';
    expect(err(e, 'govc datastore.disk.create -ds prod-nfs01 -size 99999999999999999999 big.vmdk')).toBe(outOfRange);
    // The flags are parsed before Run: no VMDK and no datastore yet.
    expect(err(e, 'govc datastore.disk.create -size 99999999999999999999')).toBe(outOfRange);
    // ParseInt is given the digits alone.
    expect(err(e, 'govc datastore.disk.create -ds prod-nfs01 -size 99999999999999999999G big.vmdk')).toBe(
      'govc: invalid value "99999999999999999999G" for flag -size: strconv.ParseInt: parsing "99999999999999999999": value out of range',
    );
    ok(e, 'govc datastore.disk.create -ds prod-nfs01 -size 1G d.vmdk');
    expect(err(e, 'govc datastore.disk.extend -ds prod-nfs01 -size 99999999999999999999 d.vmdk')).toBe(outOfRange);
    ok(e, 'govc vm.disk.create -vm web-01 -ds prod-lun01 -name web-01/data -size 1G');
    expect(err(e, 'govc vm.disk.create -vm web-01 -ds prod-lun01 -name web-01/big -size 99999999999999999999')).toBe(outOfRange);
    expect(err(e, 'govc vm.disk.change -vm web-01 -disk.name disk-1000-1 -size 99999999999999999999')).toBe(outOfRange);
    // One past the largest int64 (2^63 - 1) is out of range; the largest parses (a disk past 1 EiB, FileTooLarge below).
    expect(err(e, 'govc datastore.disk.create -ds prod-nfs01 -size 9223372036854775808 x.vmdk')).toMatch(
      /strconv\.ParseInt: parsing "9223372036854775808": value out of range$/,
    );
    expect(err(e, 'govc datastore.disk.create -ds prod-nfs01 -size 9223372036854775807 x.vmdk')).toMatch(/^govc: File \[prod-nfs01\] x\.vmdk is larger than/);
    expect(e.sim.volumes().map((v) => [v.name, v.capacityMiB])).toEqual([
      ['d.vmdk', 1024],
      ['web-01/data.vmdk', 1024],
    ]);
  });

  it('wraps a unit’s product as int64 multiplication does; a disk past 1 EiB is FileTooLarge; 1 EiB is made and saved', () => {
    // size.go: *b *= ByteSize(EB) wraps silently: 8E is -2^63, so CapacityKb is negative (InvalidArgument, as create.go sends it).
    const e = defaultEstate(1);
    expect(err(e, 'govc datastore.disk.create -ds prod-nfs01 -size 8E neg.vmdk')).toBe('govc: A specified parameter was not correct: spec.capacityKb');
    // 2 EiB is a valid int64, past the largest disk kept here (1 EiB): vSphere's FileTooLarge, the task's error.
    const r = runLine(e, 'govc datastore.disk.create -ds prod-nfs01 -size 2E huge.vmdk');
    expect(r.stdout).toMatch(
      /Creating \[prod-nfs01\] huge\.vmdk\.\.\.Error: File \[prod-nfs01\] huge\.vmdk is larger than the maximum size supported by datastore 'prod-nfs01'\n$/,
    );
    expect([r.exitCode, r.stderr]).toEqual([1, "govc: File [prod-nfs01] huge.vmdk is larger than the maximum size supported by datastore 'prod-nfs01'\n"]);
    ok(e, 'govc datastore.disk.create -ds prod-nfs01 -size 1E big.vmdk');
    expect(e.sim.volumes().map((v) => [v.name, v.capacityMiB])).toEqual([['big.vmdk', 2 ** 40]]);
    // Grown past it: the same fault, no core wording.
    ok(e, 'govc datastore.disk.create -ds prod-nfs01 -size 1G small.vmdk');
    expect(err(e, 'govc datastore.disk.extend -ds prod-nfs01 -size 2E small.vmdk')).toBe(
      "govc: File [prod-nfs01] small.vmdk is larger than the maximum size supported by datastore 'prod-nfs01'",
    );
    // 8E wraps negative: smaller than the disk, ExtendVirtualDisk's FileFault.
    expect(err(e, 'govc datastore.disk.extend -ds prod-nfs01 -size 8E small.vmdk')).toBe('govc: Error caused by file [prod-nfs01] small.vmdk');
    expect(e.sim.volumes().map((v) => [v.name, v.capacityMiB])).toEqual([
      ['big.vmdk', 2 ** 40],
      ['small.vmdk', 1024],
    ]);
  });
});

describe('govc sizes below a KB (CapacityKb = bytes / 1024)', () => {
  it('makes a disk of -size 100 as vcsim does (0 KB: here the smallest disk, 1 MiB), and extends only by whole KB', () => {
    // create.go: CapacityKb = int64(Bytes) / 1024, 0 for 100 bytes; simulator/virtual_disk_manager.go vdmCreateVirtualDisk
    // makes it (an extent of 0 sectors), with no fault. The core keeps whole MiB, so it is 1 MiB here like any disk under one.
    const e = defaultEstate(1);
    expect(ok(e, 'govc datastore.disk.create -ds prod-lun01 -size 100 tiny.vmdk')).toMatch(/Creating \[prod-lun01\] tiny\.vmdk\.\.\.OK\n$/);
    expect(e.sim.volumes()[0]).toMatchObject({ name: 'tiny.vmdk', capacityMiB: 1 });
    // extend.go: NewCapacityKb = int64(Bytes / 1024): 1 GiB and 1000 bytes is 1 GiB in KB, the disk's size, so no change.
    ok(e, 'govc datastore.disk.create -ds prod-lun01 -size 1G data.vmdk');
    expect(ok(e, 'govc datastore.disk.extend -ds prod-lun01 -size 1073742824 data.vmdk')).toMatch(/\.\.\.OK\n$/);
    expect(e.sim.volumes()[1].capacityMiB).toBe(1024);
    // One more KB grows it (to the next whole MiB here).
    ok(e, 'govc datastore.disk.extend -ds prod-lun01 -size 1048577K data.vmdk');
    expect(e.sim.volumes()[1].capacityMiB).toBe(1025);
  });
});

describe('govc datastore resolution (cli/flags/datastore.go), one rule for every command', () => {
  it('needs -ds among several datastores even when the argument is "[DS] path", which then names its own datastore', () => {
    // create.go, info.go, extend.go, rm.go: cmd.Datastore() first (-ds, else find/finder.go DatastoreOrDefault:
    // DefaultMultipleFoundError), then ds.Path(arg) (object/datastore.go: a "[DS] path" is kept as it is).
    const e = defaultEstate(1);
    const several = 'govc: default datastore resolves to multiple instances, please specify';
    expect(err(e, 'govc datastore.disk.create "[prod-nfs01] d2.vmdk"')).toBe(several);
    expect(err(e, 'govc datastore.disk.info "[prod-nfs01] d2.vmdk"')).toBe(several);
    expect(err(e, 'govc datastore.disk.extend -size 2G "[prod-nfs01] d2.vmdk"')).toBe(several);
    expect(err(e, 'govc datastore.rm "[prod-nfs01] d2.vmdk"')).toBe(several);
    expect(e.sim.volumes()).toEqual([]);
    // With -ds, the path's datastore is the one written to; the task names the path as sent.
    expect(ok(e, 'govc datastore.disk.create -ds prod-lun01 -size 1G "[prod-nfs01] d2.vmdk"')).toMatch(/Creating \[prod-nfs01\] d2\.vmdk\.\.\.OK\n$/);
    expect(e.sim.volumes().map((v) => [v.datastoreName, v.name])).toEqual([['prod-nfs01', 'd2.vmdk']]);
    // DatastoreFlag.Datastore: a -ds that is a datastore path ("[DS] dir") names DS.
    expect(ok(e, 'govc datastore.disk.info -ds "[prod-nfs01] some/dir" d2.vmdk')).toMatch(/^Name: +d2\.vmdk\n/);
    // A path whose datastore the datacenter has not: the server's InvalidDatastorePath.
    expect(err(e, 'govc datastore.disk.info -ds prod-lun01 "[nope] d2.vmdk"')).toBe("govc: Invalid datastore path '[nope] d2.vmdk'.");
    // datastore.ls alone takes the datastore from its arguments (DatastoreFlag.Args), as before.
    expect(ok(e, 'govc datastore.ls "[prod-nfs01]"')).toBe('d2.vmdk\n');
    // DatastorePath.String: "[DS]" alone, with no trailing space, for no path.
    expect(err(e, 'govc datastore.rm -ds prod-nfs01 ""')).toBe('govc: Cannot delete file [prod-nfs01]');
  });

  it('resolves vm.disk.create’s and vm.disk.attach’s -ds the same way: no fallback to the VM’s datastore', () => {
    // cli/vm/disk/create.go and attach.go: cmd.Datastore() as every command does; then CreateDisk(.., ds.Path(name)).
    const e = defaultEstate(1);
    const several = 'govc: default datastore resolves to multiple instances, please specify';
    expect(err(e, 'govc vm.disk.create -vm web-01 -name web-01/data -size 1G')).toBe(several);
    ok(e, 'govc datastore.disk.create -ds prod-nfs01 -size 1G shared.vmdk');
    expect(err(e, 'govc vm.disk.attach -vm web-01 -disk shared.vmdk')).toBe(several);
    expect(err(e, 'govc vm.disk.attach -vm web-01 -disk "[prod-nfs01] shared.vmdk"')).toBe(several);
    expect(e.sim.dataDisks('web-01')).toEqual([]);
    // With -ds, a "[DS] path" names its own datastore.
    expect(ok(e, 'govc vm.disk.attach -vm web-01 -ds prod-lun01 -link=false -disk "[prod-nfs01] shared.vmdk"')).toBe('');
    ok(e, 'govc vm.disk.create -vm web-01 -ds prod-lun01 -name "[prod-nfs01] web-01/logs" -size 1G');
    expect(e.sim.dataDisks('web-01').map((v) => [v.datastoreName, v.name])).toEqual([
      ['prod-nfs01', 'shared.vmdk'],
      ['prod-nfs01', 'web-01/logs.vmdk'],
    ]);
    expect(ok(e, 'govc device.info -vm web-01 disk-1000-2')).toMatch(/ {2}File: +\[prod-nfs01\] web-01\/logs\.vmdk\n$/);
  });
});

describe('govc and a data disk’s lock (FileLocked)', () => {
  it('refuses datastore.disk.extend of a powered-on VM’s data disk; powered off (or suspended) it grows', () => {
    // vSphere's FileLocked, "Unable to access file %s since it is locked" (vm.disk.attach's word for a disk in use):
    // the running VM has the VMDK open. extend.go's ProgressLogger prints it as the task's error.
    const e = defaultEstate(1);
    ok(e, 'govc vm.disk.create -vm web-01 -ds prod-lun01 -name web-01/data1 -size 1G');
    const r = runLine(e, 'govc datastore.disk.extend -ds prod-lun01 -size 2G web-01/data1.vmdk');
    expect(r.stdout).toMatch(
      /Extending \[prod-lun01\] web-01\/data1\.vmdk\.\.\.Error: Unable to access file \[prod-lun01\] web-01\/data1\.vmdk since it is locked\n$/,
    );
    expect([r.exitCode, r.stderr]).toEqual([1, 'govc: Unable to access file [prod-lun01] web-01/data1.vmdk since it is locked\n']);
    expect(e.sim.dataDisks('web-01')[0].capacityMiB).toBe(1024);
    // A suspended VM's VMX process has exited, and its locks with it.
    ok(e, 'govc vm.power -suspend web-01');
    ok(e, 'govc datastore.disk.extend -ds prod-lun01 -size 2G web-01/data1.vmdk');
    ok(e, 'govc vm.power -on web-01');
    expect(err(e, 'govc datastore.disk.extend -ds prod-lun01 -size 3G web-01/data1.vmdk')).toMatch(/since it is locked$/);
    ok(e, 'govc vm.power -off web-01');
    ok(e, 'govc datastore.disk.extend -ds prod-lun01 -size 3G web-01/data1.vmdk');
    expect(e.sim.dataDisks('web-01')[0].capacityMiB).toBe(3072);
  });

  it('refuses datastore.rm of a data disk: locked while its VM runs, and not simulated while it is off', () => {
    const e = defaultEstate(1);
    ok(e, 'govc vm.disk.create -vm web-01 -ds prod-lun01 -name web-01/data1 -size 1G');
    expect(err(e, 'govc datastore.rm -ds prod-lun01 web-01/data1.vmdk')).toBe('govc: Unable to access file [prod-lun01] web-01/data1.vmdk since it is locked');
    // A folder with a locked disk in it: nothing of it goes.
    ok(e, 'govc datastore.disk.create -ds prod-lun01 -size 1G disks/a.vmdk');
    ok(e, 'govc datastore.disk.create -ds prod-lun01 -size 1G disks/b.vmdk');
    ok(e, 'govc vm.disk.attach -vm web-02 -ds prod-lun01 -link=false -disk disks/b.vmdk');
    expect(err(e, 'govc datastore.rm -ds prod-lun01 disks')).toBe('govc: Unable to access file [prod-lun01] disks/b.vmdk since it is locked');
    // Powered off, vSphere deletes the file and leaves the VM a disk with none; the core keeps no such disk, so it says how to take it off.
    ok(e, 'govc vm.power -off web-01');
    expect(err(e, 'govc datastore.rm -ds prod-lun01 web-01/data1.vmdk')).toBe(
      'govc: deleting [prod-lun01] web-01/data1.vmdk, a data disk of web-01, is not simulated (vSphere would leave web-01 a disk with no file): ' +
        'take it off first with govc device.remove -vm web-01 -keep disk-1000-1',
    );
    expect(e.sim.volumes().map((v) => v.name)).toEqual(['web-01/data1.vmdk', 'disks/a.vmdk', 'disks/b.vmdk']);
    ok(e, 'govc device.remove -vm web-01 -keep disk-1000-1');
    expect(ok(e, 'govc datastore.rm -ds prod-lun01 web-01/data1.vmdk')).toBe('');
  });
});
