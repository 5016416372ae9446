// A disk's own IOPS limit, set in each platform's words, caps what the core serves it.
// virsh blkdeviotune: libvirt's tools/virsh-domain.c (cmdBlkdeviotune, "%-15s: %s"),
// src/qemu/qemu_driver.c (the 20 fields in BLOCK_IOTUNE_ASSIGN order, the total and
// read/write exclusion), src/qemu/qemu_domain.c ("disk '%s' not found in domain"), and an
// ops note's real output of a CentOS 7 host (group_name empty, then drive-virtio-disk0).
// Set-VMHardDiskDrive -MaximumIOPS: normalized 8 KB IOPS (windows-powershell-docs,
// Set-VMHardDiskDrive.md); Get-VMHardDiskDrive | Format-List as the Storage QoS overview
// prints it (windowsserverdocs storage-qos-overview.md), QoSPolicyID the empty GUID (hashicorp/vagrant's captured
// drive); the module's SetVMHardDiskDrive as decompiled (every drive FindDrives matches, none without a word).
import { describe, expect, it } from 'vitest';
import { runLine } from '../../src/estate/script.js';
import { defaultEstate } from '../default-estate.js';
import { err, ok } from './estate-lines.js';

describe('virsh blkdeviotune', () => {
  it('prints the 20 throttle fields, sets total_iops_sec quietly, and the core caps the disk there', () => {
    const e = defaultEstate(1);
    e.sim.advance(5000);
    const before = e.sim.diskIo('dev-01')!;
    expect(before.iops).toBeGreaterThan(0);
    const fresh = ok(e, 'virsh blkdeviotune dev-01 vda').trimEnd().split('\n');
    expect(fresh).toHaveLength(20);
    expect(fresh.slice(0, 4)).toEqual(['total_bytes_sec: 0', 'read_bytes_sec : 0', 'write_bytes_sec: 0', 'total_iops_sec : 0']);
    expect(fresh[13]).toBe('group_name     : ');
    expect(fresh[19]).toBe('write_iops_sec_max_length: 0');

    const limit = Math.max(1, Math.floor(before.iops / 2));
    expect(ok(e, `virsh blkdeviotune dev-01 vda --total-iops-sec ${limit} --live`)).toBe('\n'); // only the blank line after every command (tools/vsh.c)
    const after = ok(e, 'virsh blkdeviotune dev-01 /var/lib/libvirt/images/dev-01.qcow2').split('\n');
    expect(after[3]).toBe(`total_iops_sec : ${limit}`);
    expect(after[13]).toBe('group_name     : drive-virtio-disk0');
    e.sim.advance(5000);
    expect(e.sim.diskIo('dev-01')).toMatchObject({ iops: limit, limitIops: limit });
    ok(e, 'virsh blkdeviotune dev-01 vda --total-iops-sec 0');
    expect(e.sim.diskIo('dev-01')!.limitIops).toBeUndefined();
  });

  it('refuses what libvirt refuses, and says what it does not simulate', () => {
    const e = defaultEstate(1);
    expect(err(e, 'virsh blkdeviotune dev-01 vdz')).toBe(
      "error: Unable to get block I/O throttle parameters\nerror: invalid argument: disk 'vdz' not found in domain",
    );
    expect(err(e, 'virsh blkdeviotune dev-01 vda --total-iops-sec 5 --read-iops-sec 3')).toBe(
      'error: Unable to change block I/O throttle\nerror: invalid argument: total and read/write of iops_sec cannot be set at the same time',
    );
    expect(err(e, 'virsh blkdeviotune dev-01 vda --total-iops-sec lots')).toBe('error: Unable to parse integer parameter');
    expect(err(e, 'virsh blkdeviotune dev-01 vda --total-bytes-sec 1000')).toMatch(/simulates --total-iops-sec only .* not --total-bytes-sec/);
    expect(err(e, 'virsh blkdeviotune nope vda')).toBe("error: failed to get domain 'nope'");
    ok(e, 'virsh destroy dev-01');
    expect(err(e, 'virsh blkdeviotune dev-01 vda --live')).toBe(
      'error: Unable to get number of block I/O throttle parameters\nerror: Requested operation is not valid: domain is not running',
    );
    expect(err(e, 'virsh blkdeviotune dev-01 vdb')).toBe(
      "error: Unable to get block I/O throttle parameters\nerror: invalid argument: disk 'vdb' was not found in the domain config",
    );
    // A shut-off domain's config is read with neither --live nor --config.
    // 20 fields, then the blank line virsh prints after every command (tools/vsh.c vshCommandRun).
    expect(ok(e, 'virsh blkdeviotune dev-01 vda').split('\n')).toHaveLength(22);
  });
});

describe('Set-VMHardDiskDrive -MaximumIOPS', () => {
  it('caps the drive in normalized 8 KB IOPS, shown by Get-VMHardDiskDrive | Format-List, quiet without -Passthru', () => {
    const e = defaultEstate(1);
    e.sim.advance(5000);
    const asked = e.sim.diskIo('sql-01')!.demandIops;
    expect(asked).toBeGreaterThan(20);
    expect(ok(e, 'Set-VMHardDiskDrive -VMName sql-01 -MaximumIOPS 20 -MinimumIOPS 10')).toBe('');
    e.sim.advance(5000);
    expect(e.sim.diskIo('sql-01')).toMatchObject({ iops: 20, limitIops: 20 });
    const list = ok(e, 'Get-VMHardDiskDrive -VMName sql-01 | Format-List').split('\n');
    expect(list[0]).toBe('');
    expect(list.slice(1, 6)).toEqual([
      'Path                          : C:\\ClusterStorage\\Volume1\\sql-01\\Virtual Hard Disks\\sql-01.vhdx',
      'DiskNumber                    :',
      'MaximumIOPS                   : 20',
      'MinimumIOPS                   : 10',
      'QoSPolicyID                   : 00000000-0000-0000-0000-000000000000',
    ]);
    expect(list.map((l) => l.split(' :')[0].trim()).slice(6, 19)).toEqual([
      'SupportPersistentReservations',
      'ControllerLocation',
      'ControllerNumber',
      'ControllerType',
      'PoolName',
      'Name',
      'Id',
      'VMId',
      'VMName',
      'VMSnapshotId',
      'VMSnapshotName',
      'ComputerName',
      'IsDeleted',
    ]);
    expect(ok(e, 'Get-VMHardDiskDrive sql-01 | fl *IOPS').trim().split('\n')).toEqual(['MaximumIOPS : 20', 'MinimumIOPS : 10']);
    // 0 is no limit (Msvm_StorageAllocationSettingData).
    expect(ok(e, 'Set-VMHardDiskDrive sql-01 -MaximumIOPS 0 -Passthru').split('\n').slice(1, 4)).toEqual([
      'VMName ControllerType ControllerNumber ControllerLocation DiskNumber Path',
      '------ -------------- ---------------- ------------------ ---------- ----',
      'sql-01 IDE            0                0                             C:\\ClusterStorage\\Volume1\\sql-01\\Virtual Hard Disks\\sql-01.vhdx',
    ]);
    expect(e.sim.diskIo('sql-01')!.limitIops).toBeUndefined();
  });

  it('refuses a reservation above the limit and a negative count, does nothing at a drive it does not have, and refuses pipelines it does not answer', () => {
    const e = defaultEstate(1);
    ok(e, 'Set-VMHardDiskDrive sql-01 -MaximumIOPS 100');
    // Msvm_StorageAllocationSettingData's rule in the simulator's words (no capture of the module's), marked as such.
    expect(err(e, 'Set-VMHardDiskDrive sql-01 -MinimumIOPS 500')).toMatch(
      /^Set-VMHardDiskDrive : hyperpane: The minimum IOPS \(500\) .* limit must be greater than or equal to the reservation/,
    );
    expect(err(e, 'Set-VMHardDiskDrive sql-01 -MaximumIOPS 1000000001')).toMatch(
      /^Set-VMHardDiskDrive : hyperpane: MaximumIOPS of 1000000001 is more than Hyper-V takes/,
    );
    expect(err(e, 'Set-VMHardDiskDrive sql-01 -MaximumIOPS -1')).toMatch(/Cannot convert value "-1" to type "System.UInt64"/);
    // A PowerShell number literal: 1KB is 1024 (about_Numeric_Literals' multiplier suffixes).
    ok(e, 'Set-VMHardDiskDrive sql-01 -MaximumIOPS 1KB');
    expect(e.sim.diskIo('sql-01')!.limitIops).toBe(1024);
    ok(e, 'Set-VMHardDiskDrive sql-01 -MaximumIOPS 100');
    // SetVMHardDiskDrive (decompiled) sets what FindDrives matches: at a location with no drive, nothing, and no word.
    expect(runLine(e, 'Set-VMHardDiskDrive sql-01 SCSI 0 1 -MaximumIOPS 5')).toMatchObject({ exitCode: 0, stdout: '', stderr: '', changed: false });
    expect(err(e, 'Set-VMHardDiskDrive nope -MaximumIOPS 5')).toMatch(/unable to find a virtual machine with name "nope"/);
    expect(err(e, 'Get-VM | Stop-VM')).toMatch(/answers one pipeline, a cmdlet's output piped to Format-List/);
    expect(err(e, 'Get-VM | Format-List')).toMatch(/formats Get-VMHardDiskDrive, Get-VHD as a list; not Get-VM/);
    expect(e.sim.diskIo('sql-01')!.limitIops).toBe(100);
  });
});
