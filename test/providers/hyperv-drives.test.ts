// The Hyper-V module's drive cmdlets over data disks (virtual hard disks New-VHD made, attached to
// a VM): Add-, Remove-, Get- and Set-VMHardDiskDrive, and what Get-VHD and Remove-Item say of an
// attached disk. Each case names where its expected words come from; src/providers/hyperv/
// cmdlets-drives.ts lists the sources in full. The default estate's Hyper-V VMs (sql-01 on hv-03,
// ad-01 on hv-01, ...) are generation 1 and running, their own VHDX on the CSV Volume1 of the
// cluster hyperv-app.
import { describe, expect, it } from 'vitest';
import type { Estate } from '../../src/estate/estate.js';
import { estateFromJson } from '../../src/estate/file-read.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { runLine } from '../../src/estate/script.js';
import { isReadOnlyCommand } from '../../src/providers/access/looking.js';
import { defaultEstate } from '../default-estate.js';
import { err, ok } from './estate-lines.js';

const DATA = 'C:\\ClusterStorage\\Volume1\\Disks\\data01.vhdx';
const LOGS = 'C:\\ClusterStorage\\Volume1\\Disks\\logs01.vhdx';
const SQL = 'C:\\ClusterStorage\\Volume1\\sql-01\\Virtual Hard Disks\\sql-01.vhdx';
const SQL_ID = '18C59459-74DC-1FA3-8710-7B2D0EAAF75B';

/** A Get-VMHardDiskDrive table's rows, each cut into its cells. */
const rows = (table: string) =>
  table
    .trim()
    .split('\n')
    .slice(2)
    .map((l) => l.split(/\s+/));

/** A list view's properties, by name. */
function props(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .trim()
      .split('\n')
      .map((l) => /^(\S+)\s+:\s?(.*)$/.exec(l)!)
      .map((m) => [m[1], m[2]]),
  );
}

const attached = (e: Estate, path: string) => props(ok(e, `Get-VHD -Path ${path} | fl Attached`)).Attached;

function withDisks(...paths: string[]): Estate {
  const e = defaultEstate(1);
  for (const p of paths) ok(e, `New-VHD -Path ${p} -SizeBytes 10GB`);
  return e;
}

function stopped(e: Estate, vm: string): void {
  ok(e, `Stop-VM -Name ${vm} -TurnOff`);
  e.sim.advance(60_000);
}

describe('Add-VMHardDiskDrive', () => {
  it('hot-adds a VHDX to a running VM’s SCSI controller, quietly, and Get-VMHardDiskDrive lists it after the VM’s own drive', () => {
    // Microsoft Learn Add-VMHardDiskDrive (Example 2: -ControllerType SCSI -ControllerNumber 0; OUTPUTS None without
    // -PassThru); Msvm_DiskDrive: SCSI disks are added while the VM runs. A generation 1 VM's SCSI 0:0 is free (its
    // own disk is on IDE 0:0). The table's columns as hyperv-storage.test.ts has them.
    const e = withDisks(DATA);
    expect(ok(e, `Add-VMHardDiskDrive -VMName sql-01 -ControllerType SCSI -ControllerNumber 0 -Path ${DATA}`)).toBe('');
    expect(e.sim.dataDisks('sql-01')).toMatchObject([{ name: 'Disks\\data01.vhdx', datastore: 'Volume1', attachedTo: 'sql-01' }]);
    expect(rows(ok(e, 'Get-VMHardDiskDrive -VMName sql-01'))).toEqual([
      ['sql-01', 'IDE', '0', '0', ...SQL.split(' ')],
      ['sql-01', 'SCSI', '0', '0', DATA],
    ]);
    // Get-VHD: Attached while its VM has it open, not once the VM is off (the Get-VHD page's Attached).
    expect(attached(e, DATA)).toBe('True');
    stopped(e, 'sql-01');
    expect(attached(e, DATA)).toBe('False');
  });

  it('writes the drive with -Passthru, and its record as Format-List prints it', () => {
    // -Passthru "Passes the added Microsoft.HyperV.PowerShell.HardDiskDrive object through" (Microsoft Learn); a drive's
    // Name and Id as a captured HardDiskDrive shows them (hashicorp/vagrant's Hyper-V disk tests:
    // "Hard Drive on SCSI controller number 0 at location 0", Id Microsoft:<VM>\<controller>\<number>\<location>\D).
    const e = withDisks(DATA, LOGS);
    ok(e, `Add-VMHardDiskDrive sql-01 SCSI -Path ${DATA}`);
    const out = ok(e, `Add-VMHardDiskDrive sql-01 SCSI -Path ${LOGS} -Passthru`);
    expect(out.split('\n').slice(0, 3)).toEqual([
      '',
      'VMName ControllerType ControllerNumber ControllerLocation DiskNumber Path',
      '------ -------------- ---------------- ------------------ ---------- ----',
    ]);
    expect(rows(out)).toEqual([['sql-01', 'SCSI', '0', '1', LOGS]]);
    const record = props(ok(e, 'Get-VMHardDiskDrive -VMName sql-01 -ControllerType SCSI -ControllerLocation 1 | Format-List'));
    expect(record).toMatchObject({
      Path: LOGS,
      MaximumIOPS: '0',
      ControllerLocation: '1',
      ControllerNumber: '0',
      ControllerType: 'SCSI',
      Name: 'Hard Drive on SCSI controller number 0 at location 1',
      VMName: 'sql-01',
      ComputerName: 'HV-03',
    });
    expect(record.Id).toMatch(new RegExp(`^Microsoft:${SQL_ID}\\\\[0-9A-F-]{36}\\\\0\\\\1\\\\D$`));
    // The VM's own drive is named the same way.
    expect(props(ok(e, 'Get-VMHardDiskDrive sql-01 -ControllerType IDE | fl Name')).Name).toBe('Hard Drive on IDE controller number 0 at location 0');
  });

  it('gives a drive no QoS policy (the empty GUID), and an IDE drive’s Id the IDE controllers’ fixed GUID', () => {
    // hashicorp/vagrant's captured HardDiskDrive: "QoSPolicyID": "00000000-0000-0000-0000-000000000000". The Storage QoS
    // overview's Format-List (windowsserverdocs storage-qos-overview.md): an IDE drive's Id
    // Microsoft:<VM>\83F8638B-8DCA-4152-9EDA-2CA8B33039B4\0\0\D, the same controller GUID in every VM; a SCSI controller's is its own.
    const e = withDisks(DATA);
    ok(e, `Add-VMHardDiskDrive sql-01 SCSI -Path ${DATA}`);
    const [ide, scsi] = ok(e, 'Get-VMHardDiskDrive sql-01 | fl QoSPolicyID,Id').trim().split('\n\n').map(props);
    expect(ide).toEqual({ QoSPolicyID: '00000000-0000-0000-0000-000000000000', Id: `Microsoft:${SQL_ID}\\83F8638B-8DCA-4152-9EDA-2CA8B33039B4\\0\\0\\D` });
    expect(scsi.QoSPolicyID).toBe('00000000-0000-0000-0000-000000000000');
    expect(scsi.Id).toMatch(new RegExp(`^Microsoft:${SQL_ID}\\\\[0-9A-F-]{36}\\\\0\\\\0\\\\D$`));
    expect(scsi.Id).not.toContain('83F8638B');
    expect(props(ok(e, 'Get-VMHardDiskDrive ad-01 | fl Id')).Id).toMatch(/\\83F8638B-8DCA-4152-9EDA-2CA8B33039B4\\0\\0\\D$/);
  });

  it('tries IDE first without -ControllerType: refused on a running generation 1 VM, the first free IDE location once it is off', () => {
    // Microsoft Learn -ControllerType: "If not specified, IDE is attempted first"; VMDriveController.FindControllerVacancy: the
    // first controller with a vacancy (IDE 0, IDE 1, then SCSI), the location asked for on the first controller where it is
    // free. Msvm_DiskDrive: "Disks can only be added to or removed from the virtual IDE controller when the virtual machine is
    // offline"; the words as Azure Local's docs print WMI's failure for a DVD drive on a running generation 1 VM
    // ("Failed to add device 'Synthetic DVD Drive'." / "'<VM>' failed to add device ... (Virtual machine ID <ID>)").
    const e = withDisks(DATA, LOGS);
    const refused = err(e, `Add-VMHardDiskDrive -VMName sql-01 -Path ${DATA}`);
    expect(refused.split('\n').slice(0, 2)).toEqual([
      "Add-VMHardDiskDrive : Failed to add device 'Synthetic Disk Drive'.",
      `'sql-01' failed to add device 'Synthetic Disk Drive'. (Virtual machine ID ${SQL_ID})`,
    ]);
    expect(refused).toContain('    + FullyQualifiedErrorId : OperationFailed,Microsoft.HyperV.PowerShell.Commands.AddVMHardDiskDrive');
    expect(refused).toMatch(/hint: an IDE controller takes disks only while its VM is off; sql-01 is Running/);
    expect(e.sim.dataDisks('sql-01')).toEqual([]);
    stopped(e, 'sql-01');
    ok(e, `Add-VMHardDiskDrive -VMName sql-01 -Path ${DATA}`);
    // Location 0 is taken on IDE 0 (the VM's own disk): the first controller where it is free, IDE 1.
    ok(e, `Add-VMHardDiskDrive -VMName sql-01 -ControllerType IDE -ControllerLocation 0 -Path ${LOGS}`);
    expect(rows(ok(e, 'Get-VMHardDiskDrive sql-01')).map((r) => r.slice(1, 4))).toEqual([
      ['IDE', '0', '0'],
      ['IDE', '0', '1'],
      ['IDE', '1', '0'],
    ]);
  });

  it('gives a generation 2 VM SCSI only: IDE refused in the module’s words, the next SCSI location after its own disk', () => {
    // VirtualMachineBase.GetDriveControllers throws VMIdeController_Generation2NotSupported, which
    // dsccommunity/HyperVDsc#125 prints: "Generation 2 virtual machines do not support IDE.", InvalidArgument, InvalidParameter.
    const e = withDisks(DATA);
    ok(e, 'New-VM -Name app-09 -MemoryStartupBytes 1GB -Generation 2');
    expect(err(e, `Add-VMHardDiskDrive app-09 IDE -Path ${DATA}`).split('\n')).toEqual([
      'Add-VMHardDiskDrive : Generation 2 virtual machines do not support IDE.',
      'At line:1 char:1',
      `+ Add-VMHardDiskDrive app-09 IDE -Path ${DATA}`,
      `+ ${'~'.repeat(`Add-VMHardDiskDrive app-09 IDE -Path ${DATA}`.length)}`,
      '    + CategoryInfo          : InvalidArgument: (:) [Add-VMHardDiskDrive], VirtualizationException',
      '    + FullyQualifiedErrorId : InvalidParameter,Microsoft.HyperV.PowerShell.Commands.AddVMHardDiskDrive',
    ]);
    expect(rows(ok(e, `Add-VMHardDiskDrive app-09 -Path ${DATA} -Passthru`))).toEqual([['app-09', 'SCSI', '0', '1', DATA]]);
    expect(err(e, 'Get-VMHardDiskDrive app-09 -ControllerType IDE')).toMatch(/^Get-VMHardDiskDrive : Generation 2 virtual machines do not support IDE\./);
  });

  it('refuses a path that is no virtual hard disk, and one a running VM has open, as the module’s record prints them', () => {
    // MicrosoftDocs/windows-powershell-docs#2286, a real Add-VMHardDiskDrive record: "'test' failed to add resources to 'test'.",
    // "An unexpected error occurred: <reason>", "'test' failed to add resources. (Virtual machine ID ...)", "'<disk>' encountered
    // an unexpected error: <reason> (Virtual machine ID ...)"; NotSpecified, OperationFailed. Windows' reasons 0x80070002
    // (ERROR_FILE_NOT_FOUND) and 0x80070020 (ERROR_SHARING_VIOLATION).
    const e = withDisks(DATA);
    const missing = err(e, 'Add-VMHardDiskDrive ad-01 SCSI -Path C:\\ClusterStorage\\Volume1\\Disks\\nope.vhdx');
    expect(missing.split('\n').slice(0, 4)).toEqual([
      "Add-VMHardDiskDrive : 'ad-01' failed to add resources to 'ad-01'.",
      'An unexpected error occurred: The system cannot find the file specified. (0x80070002).',
      "'ad-01' failed to add resources. (Virtual machine ID AA5268B4-C951-83F6-EB0C-1CF0F2C9656E)",
      "'nope' encountered an unexpected error: The system cannot find the file specified. (0x80070002). (Virtual machine ID AA5268B4-C951-83F6-EB0C-1CF0F2C9656E)",
    ]);
    expect(missing).toContain('    + CategoryInfo          : NotSpecified: (:) [Add-VMHardDiskDrive], VirtualizationException');
    // In use: attached to sql-01, which runs; then the VM's own VHDX of another running VM.
    ok(e, `Add-VMHardDiskDrive sql-01 SCSI -Path ${DATA}`);
    expect(err(e, `Add-VMHardDiskDrive ad-01 SCSI -Path ${DATA}`).split('\n')[1]).toBe(
      'An unexpected error occurred: The process cannot access the file because it is being used by another process. (0x80070020).',
    );
    expect(err(e, `Add-VMHardDiskDrive ad-01 SCSI -Path '${SQL}'`)).toMatch(/'sql-01' encountered an unexpected error: The process cannot access the file/);
    // Held by a VM that is off: Hyper-V would take it (nothing has it open); the core attaches a disk to one VM at a time.
    stopped(e, 'sql-01');
    expect(err(e, `Add-VMHardDiskDrive ad-01 SCSI -Path ${DATA}`)).toBe(
      `Add-VMHardDiskDrive: '${DATA}' is a data disk of sql-01; hyperpane attaches a virtual hard disk to one VM at a time (Remove-VMHardDiskDrive it there first).`,
    );
    expect(e.sim.dataDisks('ad-01')).toEqual([]);
  });

  it('finds nothing its VM’s host cannot open: another host’s own disk, a CSV its cluster does not mount (with a hint)', () => {
    // Add-VMHardDiskDrive -AllowUnverifiedPaths: "no error is to be thrown if the specified path is not verified as accessible by
    // the cluster. This parameter is applicable to clustered virtual machines." (Microsoft Learn; the check is
    // ClusterUtilities.EnsureClusterPathValid, its words the simulator's, so marked "hyperpane: "). Past it, a path the VM's host does not have is
    // Windows' 0x80070002, as above (the core: a host opens its own disks and the CSVs its cluster mounts).
    const e = defaultEstate(1);
    ok(e, 'New-VHD -Path D:\\VHDs\\local.vhdx -SizeBytes 1GB -ComputerName hv-03');
    expect(err(e, 'Add-VMHardDiskDrive ad-01 SCSI -Path D:\\VHDs\\local.vhdx')).toMatch(
      /^Add-VMHardDiskDrive : hyperpane: The path 'D:\\VHDs\\local\.vhdx' is not on storage that cluster 'hyperv-app' can verify: ad-01 is a clustered virtual machine\./,
    );
    const elsewhere = err(e, 'Add-VMHardDiskDrive ad-01 SCSI -Path D:\\VHDs\\local.vhdx -AllowUnverifiedPaths');
    expect(elsewhere).toMatch(/The system cannot find the file specified\. \(0x80070002\)/);
    expect(elsewhere.split('\n').at(-1)).toBe(
      "hint: D:\\VHDs\\local.vhdx is on hv-03's own storage; ad-01 runs on hv-01, which opens a Cluster Shared Volume its cluster mounts, or its own disks.",
    );
    // sql-01 runs on hv-03, whose own disk it is.
    expect(rows(ok(e, 'Add-VMHardDiskDrive sql-01 SCSI -Path D:\\VHDs\\local.vhdx -AllowUnverifiedPaths -Passthru'))).toEqual([
      ['sql-01', 'SCSI', '0', '0', 'D:\\VHDs\\local.vhdx'],
    ]);
    // A VMware datastore seen as a CSV path from a Hyper-V host: not mounted by hyperv-app.
    ok(e, 'govc datastore.disk.create -ds prod-lun01 -size 1G data.vmdk');
    expect(err(e, 'Add-VMHardDiskDrive ad-01 SCSI -Path C:\\ClusterStorage\\prod-lun01\\data.vmdk').split('\n').at(-1)).toBe(
      'hint: C:\\ClusterStorage\\prod-lun01\\data.vmdk is on prod-lun01, which the cluster of hv-01 does not mount; ' +
        'ad-01 runs on hv-01, which opens a Cluster Shared Volume its cluster mounts, or its own disks.',
    );
  });

  it('says when no location is vacant, and what it does not simulate', () => {
    // FindControllerVacancy: ObjectNotFound (CannotFindVacantControllerLocation; its words the simulator's, marked "hyperpane: ") when no controller
    // that matches has the location; SCSI controller 0 only is simulated, with 64 locations (VMScsiController).
    const e = withDisks(DATA);
    const none = err(e, `Add-VMHardDiskDrive sql-01 SCSI 1 -Path ${DATA}`);
    expect(none.split('\n')[0]).toBe("Add-VMHardDiskDrive : hyperpane: Hyper-V could not find a vacant location on SCSI controller 1 of 'sql-01'.");
    expect(none).toContain('    + CategoryInfo          : ObjectNotFound: (:) [Add-VMHardDiskDrive], VirtualizationException');
    expect(err(e, `Add-VMHardDiskDrive sql-01 SCSI 0 64 -Path ${DATA}`)).toMatch(/vacant location on SCSI controller 0 at location 64/);
    expect(err(e, 'Add-VMHardDiskDrive sql-01 -DiskNumber 2')).toBe('Add-VMHardDiskDrive: pass-through disks (-DiskNumber) are not simulated.');
    expect(err(e, 'Add-VMHardDiskDrive sql-01 SCSI')).toMatch(/a drive with no disk in it is not simulated; give -Path/);
    expect(err(e, `Add-VMHardDiskDrive sql-01 SCSI -Path ${DATA} -MaximumIOPS 500`)).toMatch(/a data disk's Storage QoS \(-MaximumIOPS\) is not simulated/);
    // An enum's binding error (PowerShell's EnumSingleTypeConverter; the enum IDE = 0, SCSI = 1, PMEM = 2).
    expect(err(e, `Add-VMHardDiskDrive sql-01 Floppy -Path ${DATA}`).split('\n').slice(0, 2)).toEqual([
      'Add-VMHardDiskDrive : Cannot bind parameter \'ControllerType\'. Cannot convert value "Floppy" to type "Microsoft.HyperV.PowerShell.ControllerType". ' +
        'Error: "Unable to match the identifier name Floppy to a valid enumerator name. Specify one of the following enumerator names and try again:',
      'IDE, SCSI, PMEM"',
    ]);
    expect(e.sim.dataDisks('sql-01')).toEqual([]);
  });
});

describe('Remove-VMHardDiskDrive', () => {
  it('detaches the data disk at a location and keeps its file; the others keep their locations; -Passthru writes the drive', () => {
    // Microsoft Learn Remove-VMHardDiskDrive (Example 1: -ControllerType IDE -ControllerNumber 1 -ControllerLocation 0); the
    // module's RemoveVMHardDiskDrive writes the HardDiskDrive it removed with -Passthru. The VHDX stays on disk (Remove-Item
    // deletes it), as hashicorp/vagrant's remove_disk_drive.ps1 shows by removing the file itself afterwards.
    const e = withDisks(DATA, LOGS);
    ok(e, `Add-VMHardDiskDrive sql-01 SCSI -Path ${DATA}`);
    ok(e, `Add-VMHardDiskDrive sql-01 SCSI -Path ${LOGS}`);
    expect(rows(ok(e, 'Remove-VMHardDiskDrive -VMName sql-01 -ControllerType SCSI -ControllerNumber 0 -ControllerLocation 0 -Passthru'))).toEqual([
      ['sql-01', 'SCSI', '0', '0', DATA],
    ]);
    expect(rows(ok(e, 'Get-VMHardDiskDrive sql-01')).map((r) => r.slice(1, 4).concat(r.at(-1)!))).toEqual([
      ['IDE', '0', '0', 'Disks\\sql-01.vhdx'],
      ['SCSI', '0', '1', LOGS],
    ]);
    expect(attached(e, DATA)).toBe('False');
    // The freed location is the first vacant one again.
    expect(rows(ok(e, `Add-VMHardDiskDrive sql-01 SCSI -Path ${DATA} -Passthru`))).toEqual([['sql-01', 'SCSI', '0', '0', DATA]]);
  });

  it('does nothing, quietly, at a location with no drive; refuses the VM’s own disk and an IDE disk of a running VM', () => {
    // RemoveVMHardDiskDrive removes what VirtualMachineBase.FindDrives matches, and nothing when nothing does. Msvm_DiskDrive: IDE
    // disks are removed only while the VM is offline (the words as Add's, with "remove"). Removing a VM's own disk is not simulated.
    const e = withDisks(DATA);
    const before = JSON.stringify(estateToFile(e));
    const r = runLine(e, 'Remove-VMHardDiskDrive sql-01 SCSI 0 5');
    expect(r).toMatchObject({ exitCode: 0, stdout: '', stderr: '', changed: false });
    expect(JSON.stringify(estateToFile(e))).toBe(before);
    expect(err(e, 'Remove-VMHardDiskDrive sql-01 IDE 0 0')).toBe(
      "Remove-VMHardDiskDrive: the drive on IDE controller 0 at location 0 is sql-01's own virtual hard disk; removing it is not simulated " +
        "(hyperpane keeps a VM's own disk with its VM; its data disks can be removed).",
    );
    stopped(e, 'sql-01');
    ok(e, `Add-VMHardDiskDrive sql-01 IDE 0 1 -Path ${DATA}`);
    ok(e, 'Start-VM -Name sql-01');
    expect(err(e, 'Remove-VMHardDiskDrive sql-01 IDE 0 1').split('\n')[0]).toBe("Remove-VMHardDiskDrive : Failed to remove device 'Synthetic Disk Drive'.");
    expect(e.sim.dataDisks('sql-01')).toHaveLength(1);
    // All four are mandatory in the VMName set (Microsoft Learn: Required True).
    expect(err(e, 'Remove-VMHardDiskDrive sql-01 SCSI')).toMatch(/missing mandatory parameters: ControllerNumber ControllerLocation\./);
  });
});

describe('Set-VMHardDiskDrive with data disks', () => {
  it('sets every drive FindDrives matches: QoS on the VM’s own, a data disk’s limit not simulated, nothing at a location with no drive', () => {
    // The module's SetVMHardDiskDrive as decompiled: EnumerateOperands is every drive VirtualMachineBase.FindDrives matches (no
    // controller parameter: all the VM's drives), ProcessOneOperand each on its own; none matched, nothing done and nothing
    // written (as RemoveVMHardDiskDrive). The core limits a VM's own disk only (disk-iops.test.ts): a data disk's QoS is said
    // not simulated, the own drive still set.
    const e = withDisks(DATA);
    ok(e, `Add-VMHardDiskDrive sql-01 SCSI -Path ${DATA}`);
    expect(err(e, 'Set-VMHardDiskDrive sql-01 SCSI 0 0 -MaximumIOPS 500')).toBe(
      `Set-VMHardDiskDrive: the drive on SCSI controller 0 at location 0 of sql-01 is a data disk (${DATA}); ` +
        "hyperpane simulates Storage QoS (-MaximumIOPS, -MinimumIOPS) on a VM's own disk only.",
    );
    expect(e.sim.diskIo('sql-01')!.limitIops).toBeUndefined();
    const before = JSON.stringify(estateToFile(e));
    expect(runLine(e, 'Set-VMHardDiskDrive sql-01 SCSI 0 3 -MaximumIOPS 500')).toMatchObject({ exitCode: 0, stdout: '', stderr: '', changed: false });
    expect(JSON.stringify(estateToFile(e))).toBe(before);
    expect(ok(e, 'Set-VMHardDiskDrive sql-01 IDE 0 0 -MaximumIOPS 500')).toBe('');
    expect(e.sim.diskIo('sql-01')!.limitIops).toBe(500);
    // No controller parameter: both drives. The own one takes the reservation; the data disk's is refused as not simulated.
    const both = runLine(e, 'Set-VMHardDiskDrive sql-01 -MinimumIOPS 100 -Passthru');
    expect(both.exitCode).toBe(1);
    expect(both.stderr).toBe(
      `Set-VMHardDiskDrive: the drive on SCSI controller 0 at location 0 of sql-01 is a data disk (${DATA}); ` +
        "hyperpane simulates Storage QoS (-MaximumIOPS, -MinimumIOPS) on a VM's own disk only.\n",
    );
    expect(rows(both.stdout)).toEqual([['sql-01', 'IDE', '0', '0', ...SQL.split(' ')]]);
    expect(ok(e, 'Get-VMHardDiskDrive sql-01 | fl *IOPS').trim().split('\n')).toEqual([
      'MaximumIOPS : 500',
      'MinimumIOPS : 100',
      '',
      'MaximumIOPS : 0',
      'MinimumIOPS : 0',
    ]);
    // With nothing to set, -Passthru writes every drive matched, the data disk's too.
    expect(rows(ok(e, 'Set-VMHardDiskDrive sql-01 -Passthru')).map((r) => [r[1], r[3]])).toEqual([
      ['IDE', '0'],
      ['SCSI', '0'],
    ]);
  });

  it('answers the module’s other parameters as not simulated, not as parameters it lacks', () => {
    // Set-VMHardDiskDrive.md: -Path at position 4 (Example 1), -ToControllerType/-ToControllerNumber/-ToControllerLocation
    // (Example 2), -QoSPolicyID, -QoSPolicy, -SupportPersistentReservations ([bool]), -OverrideCacheAttributes,
    // -AllowUnverifiedPaths, -DiskNumber, -ResourcePoolName (the decompiled SetVMHardDiskDrive declares each).
    const e = withDisks(DATA);
    for (const line of [
      `Set-VMHardDiskDrive sql-01 IDE 0 0 ${DATA}`,
      `Set-VMHardDiskDrive -VMName sql-01 -Path ${DATA}`,
      'Set-VMHardDiskDrive sql-01 SCSI 0 0 -ToControllerLocation 3',
      'Set-VMHardDiskDrive sql-01 -ToControllerType SCSI -ToControllerNumber 0',
      'Set-VMHardDiskDrive sql-01 -QoSPolicyID 00000000-0000-0000-0000-000000000000',
      'Set-VMHardDiskDrive sql-01 -QoSPolicy x',
      'Set-VMHardDiskDrive sql-01 -SupportPersistentReservations $true',
      'Set-VMHardDiskDrive sql-01 -OverrideCacheAttributes WriteCacheEnabled',
      'Set-VMHardDiskDrive sql-01 -AllowUnverifiedPaths',
      'Set-VMHardDiskDrive sql-01 -DiskNumber 2',
      'Set-VMHardDiskDrive sql-01 -ResourcePoolName pool',
    ])
      expect(err(e, line), line).toMatch(/^Set-VMHardDiskDrive: .* not simulated/);
    expect(err(e, 'Set-VMHardDiskDrive sql-01 SCSI 0 0 -ToControllerLocation 3')).toMatch(/moving a drive to another controller location/);
    expect(err(e, 'Set-VMHardDiskDrive sql-01 -Bogus 1')).toMatch(/A parameter cannot be found that matches parameter name 'Bogus'/);
  });

  it('with a wildcard, writes a failing VM’s error and still sets the others', () => {
    // SelectManyWithLogging over the VMs, then each drive on its own: a VM whose drives cannot be found (IDE on generation 2:
    // "Generation 2 virtual machines do not support IDE.", dsccommunity/HyperVDsc#125) is written and the rest go on.
    const e = defaultEstate(1);
    ok(e, 'New-VM -Name sql-09 -MemoryStartupBytes 1GB -Generation 2');
    const r = runLine(e, 'Set-VMHardDiskDrive sql-* IDE 0 0 -MaximumIOPS 300');
    expect(r.exitCode).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('Set-VMHardDiskDrive : Generation 2 virtual machines do not support IDE.');
    expect(e.sim.diskIo('sql-01')!.limitIops).toBe(300);
  });
});

describe('a data disk’s location and file', () => {
  it('keeps its location in the VM’s settings, through a saved and reloaded estate', () => {
    // The core keeps no controller locations; the VM keeps them (driveSlots) and the estate file keeps the VM's settings.
    const e = withDisks(DATA, LOGS);
    ok(e, `Add-VMHardDiskDrive sql-01 SCSI 0 7 -Path ${DATA}`);
    ok(e, `Add-VMHardDiskDrive sql-01 SCSI -Path ${LOGS}`);
    const before = ok(e, 'Get-VMHardDiskDrive sql-01');
    expect(rows(before).map((r) => r[3])).toEqual(['0', '0', '7']);
    const back = estateFromJson(JSON.parse(JSON.stringify(estateToFile(e))));
    if (!back.ok) throw new Error(back.error.message);
    expect(ok(back.value, 'Get-VMHardDiskDrive sql-01')).toBe(before);
  });

  it('is held open by its running VM: Remove-Item refuses it as Windows does, and removes it once detached', () => {
    // Remove-Item's RemoveFileSystemItemIOError with .NET's sharing violation, as hyperv-vhd.test.ts has it for a VM's own VHDX.
    const e = withDisks(DATA);
    ok(e, `Add-VMHardDiskDrive sql-01 SCSI -Path ${DATA}`);
    expect(err(e, `Remove-Item ${DATA}`).split('\n')[0]).toBe(
      `Remove-Item : Cannot remove item ${DATA}: The process cannot access the file '${DATA}' because it is being used by another process.`,
    );
    ok(e, 'Remove-VMHardDiskDrive sql-01 SCSI 0 0');
    expect(ok(e, `Remove-Item ${DATA}`)).toBe('');
    expect(e.sim.volumes({ datastore: 'Volume1' })).toEqual([]);
  });

  it('of a VM that is off: Remove-Item says removing it is not simulated, as a hyperpane note, and keeps it', () => {
    // Windows would delete the file (an off VM holds no handle); the core keeps a data disk while it is attached, so the
    // simulator says so in its own words rather than pass the core's on as PowerShell's.
    const e = withDisks(DATA);
    ok(e, `Add-VMHardDiskDrive sql-01 SCSI -Path ${DATA}`);
    stopped(e, 'sql-01');
    expect(err(e, `Remove-Item ${DATA}`)).toBe(
      `Remove-Item: hyperpane: removing '${DATA}', a data disk of sql-01, is not simulated (sql-01 is Off: Windows would delete the file, ` +
        'which nothing holds open); Remove-VMHardDiskDrive it from sql-01 first.',
    );
    expect(e.sim.dataDisks('sql-01')).toHaveLength(1);
  });

  it('is changed only outside read-only mode', () => {
    // src/providers/access/looking.ts: Get- cmdlets look; Add- and Remove- change (native-lines.ts runs them both ways).
    expect(isReadOnlyCommand('Get-VMHardDiskDrive -VMName sql-01')).toBe(true);
    expect(isReadOnlyCommand(`Add-VMHardDiskDrive -VMName sql-01 -ControllerType SCSI -Path ${DATA}`)).toBe(false);
    expect(isReadOnlyCommand('Remove-VMHardDiskDrive -VMName sql-01 -ControllerType SCSI -ControllerNumber 0 -ControllerLocation 0')).toBe(false);
  });
});
