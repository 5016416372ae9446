// govc's commands for a VM's disks and devices on the default estate's vCenter
// (web-01.. on prod-lun01, which the cluster vsphere-prod shares; prod-nfs01 too;
// each ESXi host's own datastore1 (N)), checked against govmomi: cli/vm/disk/
// {create,attach,change}.go, cli/device/{ls,info,remove}.go,
// object/virtual_device_list.go, object/virtual_machine.go, simulator/esx/
// virtual_device.go, simulator/virtual_machine.go and govc/test/{vm,device}.bats.
import { describe, expect, it } from 'vitest';
import { runLine } from '../../src/estate/script.js';
import { isReadOnlyCommand } from '../../src/providers/access/looking.js';
import { defaultEstate } from '../default-estate.js';
import { err, ok } from './estate-lines.js';

/** OutputFlag.Log's stamp, "[02-01-06 15:04:05] ". */
const STAMP = String.raw`\[\d\d-\d\d-\d\d \d\d:\d\d:\d\d\] `;
const CREATING = new RegExp(`^${STAMP}Creating disk\\n$`);
/** device.ls's names, one a line. */
const names = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split(/\s+/)[0]);

describe('govc vm.disk.create', () => {
  it('makes [DS] NAME.vmdk on -ds’s datastore, thin and 10G by default, attaches it and logs "Creating disk"', () => {
    // create.go: Bytes.Set("10G"); cmd.Log("Creating disk\n") (OutputFlag.Log: the stamp); CreateDisk(controller, ds, ds.Path(cmd.Name)):
    // ".vmdk" added (object/virtual_device_list.go), ThinProvisioned true unless -thick. govc/test/vm.bats "vm.disk.create empty vm": -name "$vm/$name".
    const e = defaultEstate(1);
    expect(ok(e, 'govc vm.disk.create -vm web-01 -ds prod-lun01 -name web-01/data')).toMatch(CREATING);
    expect(e.sim.dataDisks('web-01')).toEqual([
      {
        name: 'web-01/data.vmdk',
        datastore: 'prod-lun01',
        datastoreName: 'prod-lun01',
        format: 'thin',
        capacityMiB: 10_240,
        usedMiB: 0,
        attachedTo: 'web-01',
        io: expect.objectContaining({ iops: expect.any(Number) }),
      },
    ]);
    expect(ok(e, 'govc datastore.ls -ds prod-lun01 web-01')).toBe('web-01.vmx\nweb-01.vmdk\ndata.vmdk\n');
    // -thick (lazily zeroed), -thick -eager; -eager alone is ignored (create.go: only under cmd.Thick). A name ending .vmdk keeps it.
    ok(e, 'govc vm.disk.create -vm web-01 -ds prod-lun01 -name web-01/logs.vmdk -size 2G -thick');
    ok(e, 'govc vm.disk.create -vm web-01 -ds prod-lun01 -name web-01/db -size 1G -thick -eager');
    ok(e, 'govc vm.disk.create -vm web-01 -ds prod-nfs01 -name scratch -size 512M -eager');
    expect(e.sim.dataDisks('web-01').map((v) => [v.datastoreName, v.name, v.format, v.capacityMiB])).toEqual([
      ['prod-lun01', 'web-01/data.vmdk', 'thin', 10_240],
      ['prod-lun01', 'web-01/logs.vmdk', 'thick', 2048],
      ['prod-lun01', 'web-01/db.vmdk', 'eager', 1024],
      ['prod-nfs01', 'scratch.vmdk', 'thin', 512],
    ]);
    // units/size.go: -size 1K is 1 KiB (device.bats "device.scsi slots"); a disk holds whole MiB here, so it rounds up.
    ok(e, 'govc vm.disk.create -vm web-02 -ds prod-lun01 -name web-02/tiny -size 1K');
    expect(e.sim.dataDisks('web-02')[0].capacityMiB).toBe(1);
  });

  it('puts a disk of a VM on its host’s own storage on that host’s datastore1 (N); another host’s it cannot open', () => {
    // cli/flags/datastore.go: -ds is any datastore of the datacenter; the VM's host must reach it (CannotAccessFile "Unable to access file %s").
    const e = defaultEstate(1);
    ok(e, 'govc vm.create -ds "datastore1 (1)" -on=false lab');
    ok(e, 'govc vm.disk.create -vm lab -ds "datastore1 (1)" -name lab/data -size 4G -thick');
    const [v] = e.sim.dataDisks('lab');
    expect(v).toMatchObject({ name: 'lab/data.vmdk', format: 'thick', capacityMiB: 4096 });
    expect(v.host).toBe(e.sim.workload('lab')?.host);
    expect(ok(e, 'govc datastore.ls -ds "datastore1 (1)" lab')).toBe('lab.vmx\nlab.vmdk\ndata.vmdk\n');
    const r = runLine(e, 'govc vm.disk.create -vm lab -ds "datastore1 (2)" -name lab/other');
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([1, expect.stringMatching(CREATING), 'govc: Unable to access file [datastore1 (2)] lab/other.vmdk\n']);
    expect(e.sim.volumes().map((x) => x.name)).toEqual(['lab/data.vmdk']);
  });

  it('checks its flags in create.go’s order, and words the controller’s failures as FindDiskController does', () => {
    const e = defaultEstate(1);
    // create.go Run: the name first, then the VM (none: "please specify a vm"), the datastore, the controller, the mode.
    expect(err(e, 'govc vm.disk.create -vm web-01')).toBe('govc: please specify a disk name');
    expect(err(e, 'govc vm.disk.create -name x')).toBe('govc: please specify a vm');
    expect(err(e, 'govc vm.disk.create -vm nope -name x')).toBe("govc: vm 'nope' not found");
    expect(err(e, 'govc vm.disk.create -vm web-01 -ds nope -name x')).toBe("govc: datastore 'nope' not found");
    expect(err(e, 'govc vm.disk.create -vm web-01 -ds prod-lun01 -name x -mode bogus')).toBe('govc: please specify a valid disk mode');
    expect(err(e, 'govc vm.disk.create -vm web-01 -ds prod-lun01 -name x -size 1X')).toBe('govc: invalid value "1X" for flag -size: invalid byte value');
    // object/virtual_device_list.go FindDiskController and FindNVMEController/FindSATAController; a name no controller has.
    expect(err(e, 'govc vm.disk.create -vm web-01 -ds prod-lun01 -name x -controller nvme')).toBe('govc: no available NVME controller');
    expect(err(e, 'govc vm.disk.create -vm web-01 -ds prod-lun01 -name x -controller sata')).toBe('govc: no available SATA or AHCI controller');
    expect(err(e, 'govc vm.disk.create -vm web-01 -ds prod-lun01 -name x -controller lsilogic-1000')).toBe('govc: lsilogic-1000 is not a valid controller');
    expect(err(e, 'govc vm.disk.create -vm web-01 -ds prod-lun01 -name x -controller ide')).toMatch(/IDE controller are not simulated/);
    // The SCSI controller by its name, and a -mode of VirtualDiskMode's, are fine.
    ok(e, 'govc vm.disk.create -vm web-01 -ds prod-lun01 -name web-01/x -size 1G -controller pvscsi-1000 -mode independent_persistent');
    expect(e.sim.volumes()).toHaveLength(1);
  });

  it('says "Disk already present" for one of the VM’s disks, and fails as vCenter does for a file that is there or no room', () => {
    const e = defaultEstate(1);
    ok(e, 'govc vm.disk.create -vm web-01 -ds prod-lun01 -name web-01/data -size 1G');
    // create.go: devices.SelectByBackingInfo(disk.Backing) finds it: cmd.Log("Disk already present\n"), no error. The VM's own disk too.
    expect(ok(e, 'govc vm.disk.create -vm web-01 -ds prod-lun01 -name web-01/data -size 1G')).toMatch(new RegExp(`^${STAMP}Disk already present\\n$`));
    expect(ok(e, 'govc vm.disk.create -vm web-01 -ds prod-lun01 -name web-01/web-01')).toMatch(/Disk already present/);
    // Another VM's file: the reconfigure's FileAlreadyExists, after the log line.
    let r = runLine(e, 'govc vm.disk.create -vm web-02 -ds prod-lun01 -name web-01/data -size 1G');
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([
      1,
      expect.stringMatching(CREATING),
      'govc: Cannot complete the operation because the file or folder [prod-lun01] web-01/data.vmdk already exists\n',
    ]);
    // NoDiskSpace for a thick disk beyond the free space; nothing is left of it.
    r = runLine(e, 'govc vm.disk.create -vm web-02 -ds prod-lun01 -name web-02/big -size 2T -thick');
    expect([r.exitCode, r.stderr]).toEqual([1, "govc: Insufficient disk space on datastore 'prod-lun01'.\n"]);
    expect(e.sim.volumes().map((v) => v.name)).toEqual(['web-01/data.vmdk']);
  });

  it('refuses a template (NotSupported) and numbers units past the controller’s own 7, 15 devices at most', () => {
    const e = defaultEstate(1);
    ok(e, 'govc vm.power -off batch-01');
    ok(e, 'sleep 2m');
    ok(e, 'govc vm.markastemplate batch-01');
    expect(err(e, 'govc vm.disk.create -vm batch-01 -ds prod-lun01 -name batch-01/data')).toBe('govc: The operation is not supported on the object.');
    // newUnitNumber: the SCSI controller's own unit (7) is skipped; PickController: fewer than 15 devices (device.bats "device.scsi slots").
    for (let i = 1; i <= 14; i++) ok(e, `govc vm.disk.create -vm web-01 -ds prod-lun01 -name web-01/d${i} -size 1M`);
    const disks = names(ok(e, 'govc device.ls -vm web-01 disk-*'));
    expect(disks).toEqual(['disk-1000-0', ...[1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15].map((u) => `disk-1000-${u}`)]);
    expect(err(e, 'govc vm.disk.create -vm web-01 -ds prod-lun01 -name web-01/d15 -size 1M')).toBe('govc: no available SCSI controller');
  });
});

describe('govc vm.disk.attach', () => {
  it('attaches a standalone VMDK; a missing one fails in vm.bats’s words, with -link and without', () => {
    // govc/test/vm.bats "vm.disk.attach": -link=false -disk enoent.vmdk is "File [DS] enoent.vmdk was not found";
    // with the default -link (a child disk of it), "Invalid configuration for device '0'.".
    const e = defaultEstate(1);
    expect(err(e, 'govc vm.disk.attach -vm web-01 -ds prod-lun01 -link=false -disk enoent.vmdk')).toBe('govc: File [prod-lun01] enoent.vmdk was not found');
    expect(err(e, 'govc vm.disk.attach -vm web-01 -ds prod-lun01 -disk enoent.vmdk')).toBe("govc: Invalid configuration for device '0'.");
    ok(e, 'govc datastore.disk.create -ds prod-nfs01 -size 5G shared.vmdk');
    // CreateDisk adds ".vmdk"; nothing is printed.
    expect(ok(e, 'govc vm.disk.attach -vm web-01 -ds prod-nfs01 -disk shared')).toBe('');
    expect(e.sim.dataDisks('web-01').map((v) => v.name)).toEqual(['shared.vmdk']);
    expect(ok(e, 'govc device.ls -vm web-01 disk-1000-1')).toBe('disk-1000-1  VirtualDisk  5,242,880 KB\n');
  });

  it('fails for a disk in use, a VM’s own disk, another host’s storage, and gives the usage with no VM', () => {
    const e = defaultEstate(1);
    ok(e, 'govc datastore.disk.create -ds prod-lun01 -size 1G data.vmdk');
    ok(e, 'govc vm.disk.attach -vm web-01 -ds prod-lun01 -disk data.vmdk');
    // One VM at a time here: vSphere's FileLocked.
    expect(err(e, 'govc vm.disk.attach -vm web-02 -ds prod-lun01 -disk data.vmdk')).toBe(
      'govc: Unable to access file [prod-lun01] data.vmdk since it is locked',
    );
    expect(err(e, 'govc vm.disk.attach -vm web-02 -ds prod-lun01 -disk web-01/web-01.vmdk')).toMatch(/attaching web-01's own disk to a VM is not simulated/);
    ok(e, 'govc datastore.disk.create -ds "datastore1 (3)" -size 1G local.vmdk');
    expect(err(e, 'govc vm.disk.attach -vm web-02 -ds "datastore1 (3)" -disk local.vmdk')).toBe('govc: Unable to access file [datastore1 (3)] local.vmdk');
    // attach.go: vm == nil is flag.ErrHelp.
    expect(err(e, 'govc vm.disk.attach -disk data.vmdk')).toMatch(/^Usage: govc vm\.disk\.attach \[OPTIONS\]\n/);
  });
});

describe('govc vm.disk.attach -link (its default)', () => {
  it('never deletes the VMDK it attached: device.remove and vm.destroy leave it, as they would leave a child delta’s parent', () => {
    // cli/vm/disk/attach.go: -link (true) makes devices.ChildDisk(disk), a delta whose parent is the VMDK named;
    // remove.go's FileOperation destroy and Destroy_Task delete the child, not the parent. The child is not modelled here.
    const e = defaultEstate(1);
    ok(e, 'govc datastore.disk.create -ds prod-lun01 -size 1G shared.vmdk');
    ok(e, 'govc vm.disk.attach -vm web-01 -ds prod-lun01 -disk shared.vmdk');
    expect(ok(e, 'govc device.remove -vm web-01 disk-1000-1')).toBe('');
    expect(e.sim.volumes().map((v) => [v.name, v.attachedTo])).toEqual([['shared.vmdk', undefined]]);
    // Linked again, then the VM destroyed: the parent stays; a disk attached with -link=false goes with the VM.
    ok(e, 'govc vm.disk.attach -vm batch-01 -ds prod-lun01 -disk shared.vmdk');
    ok(e, 'govc datastore.disk.create -ds prod-lun01 -size 1G flat.vmdk');
    ok(e, 'govc vm.disk.attach -vm batch-01 -ds prod-lun01 -link=false -disk flat.vmdk');
    ok(e, 'govc vm.destroy batch-01');
    ok(e, 'sleep 2m');
    expect(e.sim.volumes().map((v) => [v.name, v.attachedTo])).toEqual([['shared.vmdk', undefined]]);
  });

  it('refuses to grow a linked disk (a delta disk does not grow: InvalidDeviceOperation), and keeps its link across a save', () => {
    const e = defaultEstate(1);
    ok(e, 'govc datastore.disk.create -ds prod-lun01 -size 1G shared.vmdk');
    ok(e, 'govc vm.disk.attach -vm web-01 -ds prod-lun01 -disk shared.vmdk');
    expect(err(e, 'govc vm.disk.change -vm web-01 -disk.name disk-1000-1 -size 2G')).toBe(
      "govc: error resizing main disk\nLogged Item:  Invalid operation for device '0'.",
    );
    expect(e.sim.volumes()[0].capacityMiB).toBe(1024);
    // The link is in the VM's diskUnits attribute, which the estate file keeps.
    expect(JSON.parse(String(e.sim.workload('web-01')?.attrs.diskUnits))).toEqual([['prod-lun01', 'shared.vmdk', 1, true]]);
  });
});

describe('govc device.ls', () => {
  it('lists the devices ESXi gives a VM, its disk and adapters, then the disks added later, through tabwriter(3, 0, 2)', () => {
    // cli/device/ls.go; the set, labels and order as simulator/esx/virtual_device.go and device.ls of vCenter VMs have them;
    // a disk's summary numberToString(CapacityInKB, ',') + " KB" (simulator/virtual_machine.go); web-01's disk is 40 GiB.
    const e = defaultEstate(1);
    ok(e, 'govc vm.disk.create -vm web-01 -ds prod-lun01 -name web-01/data -size 20G');
    expect(ok(e, 'govc device.ls -vm web-01')).toBe(
      [
        'ide-200       VirtualIDEController       IDE 0',
        'ide-201       VirtualIDEController       IDE 1',
        'ps2-300       VirtualPS2Controller       PS2 controller 0',
        'pci-100       VirtualPCIController       PCI controller 0',
        'sio-400       VirtualSIOController       SIO controller 0',
        'keyboard-600  VirtualKeyboard            Keyboard',
        'pointing-700  VirtualPointingDevice      Pointing device; Device',
        'video-500     VirtualMachineVideoCard    Video card',
        'vmci-12000    VirtualMachineVMCIDevice   Device on the virtual machine PCI bus that provides support for the virtual machine communication interface',
        'pvscsi-1000   ParaVirtualSCSIController  VMware paravirtual SCSI',
        'cdrom-3000    VirtualCdrom               Remote device',
        'disk-1000-0   VirtualDisk                41,943,040 KB',
        'ethernet-0    VirtualE1000               web',
        'disk-1000-1   VirtualDisk                20,971,520 KB',
        '',
      ].join('\n'),
    );
  });

  it('matches names and path.Match patterns, fails for none; -boot, -json; the usage with no VM', () => {
    // info.go match: "device '%s' not found" (device.bats "device.match": enoent-* fails); ls.go: -boot lists the boot order's (none set).
    const e = defaultEstate(1);
    expect(ok(e, 'govc device.ls -vm web-01 ethernet-*')).toBe('ethernet-0  VirtualE1000  web\n');
    expect(names(ok(e, 'govc device.ls -vm web-01 ide-20? disk-*'))).toEqual(['ide-200', 'ide-201', 'disk-1000-0']);
    expect(err(e, 'govc device.ls -vm web-01 enoent-*')).toBe("govc: device 'enoent-*' not found");
    expect(ok(e, 'govc device.ls -vm web-01 -boot')).toBe('');
    // OutputFlag.WriteResult: -json, indented two spaces (GOVC_INDENT's default).
    expect(JSON.parse(ok(e, 'govc device.ls -vm web-01 -json disk-*'))).toEqual({
      devices: [{ name: 'disk-1000-0', type: 'VirtualDisk', summary: '41,943,040 KB' }],
    });
    expect(ok(e, 'govc device.ls -vm web-01 -json cdrom-3000')).toMatch(/^\{\n {2}"devices": \[\n {4}\{\n {6}"name": "cdrom-3000",/);
    expect(err(e, 'govc device.ls')).toMatch(/^Usage: govc device\.ls \[OPTIONS\]\n/);
    expect(err(e, 'govc device.ls -vm nope')).toBe("govc: vm 'nope' not found");
  });
});

describe('govc device.info', () => {
  it('shows a disk’s controller, unit and file, an adapter’s connection and MAC, a controller’s devices (tabwriter(2, 0, 2))', () => {
    // cli/device/info.go infoResult.Write; govc/test/vm.bats "vm.create linked scsi disk": "Controller: ...", "File: [DS] $vm/${vm}.vmdk".
    const e = defaultEstate(1);
    ok(e, 'govc vm.disk.create -vm web-01 -ds prod-lun01 -name web-01/data -size 20G');
    const text = ok(e, 'govc device.info -vm web-01 disk-1000-1 pvscsi-1000 ethernet-0');
    const lines = text.split('\n');
    expect(lines.slice(0, 14)).toEqual([
      'Name:               disk-1000-1',
      '  Type:             VirtualDisk',
      '  Label:            Hard disk 2',
      '  Summary:          20,971,520 KB',
      '  Key:              2001',
      '  Controller:       pvscsi-1000',
      '  Unit number:      1',
      '  File:             [prod-lun01] web-01/data.vmdk',
      'Name:               pvscsi-1000',
      '  Type:             ParaVirtualSCSIController',
      '  Label:            SCSI controller 0',
      '  Summary:          VMware paravirtual SCSI',
      '  Key:              1000',
      '  Devices:          disk-1000-0, disk-1000-1',
    ]);
    expect(lines.slice(14, 25)).toEqual([
      'Name:               ethernet-0',
      '  Type:             VirtualE1000',
      '  Label:            Network adapter 1',
      '  Summary:          web',
      '  Key:              4000',
      '  Controller:       pci-100',
      '  Unit number:      7',
      '  Connected:        true',
      '  Start connected:  true',
      '  Guest control:    true',
      '  Status:           ok',
    ]);
    expect(lines[25]).toMatch(/^ {2}MAC Address: {6}00:50:56:[89ab][0-9a-f]:[0-9a-f]{2}:[0-9a-f]{2}$/);
    expect(lines[26]).toBe('  Address type:     assigned');
    // The VM's own disk: "Hard disk 1", key 2000, its VMDK in its folder.
    expect(ok(e, 'govc device.info -vm web-01 disk-1000-0')).toMatch(/Label: +Hard disk 1\n(?:.*\n)* {2}File: +\[prod-lun01\] web-01\/web-01\.vmdk\n$/);
  });

  it('fails as device.bats "device.info" has it: an unknown device or network, a device not on -net', () => {
    const e = defaultEstate(1);
    expect(err(e, 'govc device.info -vm web-01 ide-20000')).toBe("govc: device 'ide-20000' not found");
    expect(err(e, 'govc device.info -vm web-01 -net enoent')).toBe("govc: network 'enoent' not found");
    expect(err(e, 'govc device.info -vm web-01 -net web ide-200')).toBe("govc: device 'ide-200' not found");
    expect(ok(e, 'govc device.info -vm web-01 -net web').match(/MAC Address/g)).toHaveLength(1);
  });
});

describe('govc device.remove', () => {
  it('takes a data disk off and deletes its VMDK; -keep keeps the file, which attaches again; the others keep their names', () => {
    // remove.go: RemoveDevice(ctx, keepFiles, ...): FileOperation destroy unless -keep (vm.disk.attach's example: "device.remove -keep disk-*").
    const e = defaultEstate(1);
    ok(e, 'govc vm.disk.create -vm web-01 -ds prod-lun01 -name web-01/a -size 1G');
    ok(e, 'govc vm.disk.create -vm web-01 -ds prod-lun01 -name web-01/b -size 1G');
    ok(e, 'govc vm.disk.create -vm web-01 -ds prod-lun01 -name web-01/c -size 1G');
    expect(ok(e, 'govc device.remove -vm web-01 disk-1000-1')).toBe('');
    expect(e.sim.volumes().map((v) => v.name)).toEqual(['web-01/b.vmdk', 'web-01/c.vmdk']);
    // Device names are by unit, which stays: b is still disk-1000-2.
    expect(names(ok(e, 'govc device.ls -vm web-01 disk-*'))).toEqual(['disk-1000-0', 'disk-1000-2', 'disk-1000-3']);
    ok(e, 'govc device.remove -vm web-01 -keep disk-1000-2');
    expect(e.sim.volumes().map((v) => [v.name, v.attachedTo])).toEqual([
      ['web-01/b.vmdk', undefined],
      ['web-01/c.vmdk', 'web-01'],
    ]);
    // The kept file attaches to another VM; the freed unit is taken again.
    ok(e, 'govc vm.disk.attach -vm web-02 -ds prod-lun01 -link=false -disk web-01/b.vmdk');
    ok(e, 'govc vm.disk.create -vm web-01 -ds prod-lun01 -name web-01/d -size 1G');
    expect(ok(e, 'govc device.ls -vm web-01 disk-*')).toBe(
      'disk-1000-0  VirtualDisk  41,943,040 KB\ndisk-1000-3  VirtualDisk  1,048,576 KB\ndisk-1000-1  VirtualDisk  1,048,576 KB\n',
    );
  });

  it('fails for no such device, refuses the VM’s own disk and devices that are not data disks, and gives the usage with no VM', () => {
    const e = defaultEstate(1);
    ok(e, 'govc vm.disk.create -vm web-01 -ds prod-lun01 -name web-01/a -size 1G');
    expect(err(e, 'govc device.remove -vm web-01 enoent-*')).toBe("govc: device 'enoent-*' not found");
    expect(err(e, 'govc device.remove -vm web-01 disk-1000-0')).toMatch(/removing disk-1000-0 \(web-01's own disk\) is not simulated/);
    // disk-* takes in the VM's own disk too: refused whole, nothing removed.
    expect(err(e, 'govc device.remove -vm web-01 disk-*')).toMatch(/removing disk-1000-0 .* is not simulated/);
    expect(err(e, 'govc device.remove -vm web-01 cdrom-3000')).toMatch(/removing cdrom-3000 \(VirtualCdrom\) is not simulated/);
    expect(e.sim.dataDisks('web-01')).toHaveLength(1);
    expect(err(e, 'govc device.remove disk-1000-1')).toMatch(/^Usage: govc device\.remove \[OPTIONS\] DEVICE\.\.\.\n/);
    // Each DEVICE in turn: what came off before a failure stays off.
    const r = runLine(e, 'govc device.remove -vm web-01 disk-1000-1 enoent');
    expect([r.exitCode, r.stderr, r.changed]).toEqual([1, "govc: device 'enoent' not found\n", true]);
    expect(e.sim.volumes()).toEqual([]);
  });
});

describe('data disks and Storage vMotion', () => {
  it('keeps a data disk’s name when vm.migrate -ds moves it with its VM, its file then on the new datastore', () => {
    // Units are the VM's (newUnitNumber assigns one when a disk is added); a relocation moves the files, not the devices.
    const e = defaultEstate(1);
    ok(e, 'govc vm.disk.create -vm web-01 -ds prod-lun01 -name web-01/a -size 1G');
    ok(e, 'govc vm.disk.create -vm web-01 -ds prod-lun01 -name web-01/b -size 1G');
    ok(e, 'govc device.remove -vm web-01 disk-1000-1');
    ok(e, 'govc vm.migrate -ds prod-nfs01 web-01');
    expect(e.sim.dataDisks('web-01').map((v) => v.datastoreName)).toEqual(['prod-nfs01']);
    expect(ok(e, 'govc device.info -vm web-01 disk-1000-2')).toMatch(/ {2}File: +\[prod-nfs01\] web-01\/b\.vmdk\n$/);
  });
});

describe('govc vm.disk.change with data disks', () => {
  it('picks the disk by -disk.* values (none: every disk, too many), grows a data disk, never shrinks one', () => {
    // change.go FindDisk: "no disk found using the given values", "the given disk values match multiple disks";
    // vm.bats "vm.disk.create": -disk.name of a created disk grows it, a smaller -size fails (cannot shrink disk).
    const e = defaultEstate(1);
    ok(e, 'govc vm.disk.create -vm web-01 -ds prod-lun01 -name web-01/data -size 10G');
    expect(err(e, 'govc vm.disk.change -vm web-01 -size 60G')).toBe('govc: the given disk values match multiple disks');
    expect(err(e, 'govc vm.disk.change -vm web-01 -disk.name disk-1000-9 -size 60G')).toBe('govc: no disk found using the given values');
    expect(ok(e, 'govc vm.disk.change -vm web-01 -disk.name disk-1000-1 -size 20G')).toBe('');
    expect(e.sim.dataDisks('web-01')[0].capacityMiB).toBe(20_480);
    expect(err(e, 'govc vm.disk.change -vm web-01 -disk.label "Hard disk 2" -size 5G')).toBe(
      "govc: error resizing main disk\nLogged Item:  Invalid operation for device '0'.",
    );
    ok(e, 'govc vm.disk.change -vm web-01 -disk.filePath "[prod-lun01] web-01/data.vmdk" -size 30G');
    expect(e.sim.dataDisks('web-01')[0].capacityMiB).toBe(30_720);
    // The VM's own disk, picked by its key, is vm.disk.change's as before.
    ok(e, 'govc vm.disk.change -vm web-01 -disk.key 2000 -size 50G');
    expect(e.sim.workload('web-01')?.diskMiB).toBe(51_200);
  });
});

describe('govc vm.destroy with data disks', () => {
  it('deletes the VM’s data disks with it (Destroy_Task deletes its files); a disk taken off first stays', () => {
    const e = defaultEstate(1);
    ok(e, 'govc vm.disk.create -vm batch-01 -ds prod-lun01 -name batch-01/data -size 1G');
    ok(e, 'govc vm.disk.create -vm batch-01 -ds prod-nfs01 -name keep -size 1G');
    ok(e, 'govc device.remove -vm batch-01 -keep disk-1000-2');
    ok(e, 'govc vm.power -off batch-01');
    ok(e, 'sleep 2m');
    ok(e, 'govc vm.destroy batch-01');
    expect(e.sim.volumes().map((v) => v.name)).toEqual(['keep.vmdk']);
  });
});

describe('read-only mode', () => {
  it('lets device.ls and device.info run, and refuses the disk commands that change the estate', () => {
    expect(isReadOnlyCommand('govc device.ls -vm web-01')).toBe(true);
    expect(isReadOnlyCommand('govc device.info -vm web-01 disk-*')).toBe(true);
    for (const line of [
      'govc vm.disk.create -vm web-01 -ds prod-lun01 -name d',
      'govc vm.disk.attach -vm web-01 -disk d.vmdk',
      'govc device.remove -vm web-01 disk-1000-1',
    ])
      expect(isReadOnlyCommand(line), line).toBe(false);
  });
});
