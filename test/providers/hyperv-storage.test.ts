// The Hyper-V module's storage cmdlets: Get-VMHardDiskDrive's table, Get-VHD's list
// of 19 properties in order (Azure Stack Hub's VHD troubleshooting page; a new
// dynamic VHDX's 32 MiB blocks and 512/4096-byte sectors from New-VHD transcripts),
// Move-VMStorage printing nothing (Microsoft Learn: no -Passthru, no output), and a
// VM its full volume paused shown PausedCritical until Resume-VM (KB 2486243).
import { describe, expect, it } from 'vitest';
import { gib } from '../../src/core/units.js';
import { defaultEstate } from '../default-estate.js';
import { err, ok } from './estate-lines.js';

const VHD = '"C:\\ClusterStorage\\Volume1\\ad-01\\Virtual Hard Disks\\ad-01.vhdx"';

describe('Hyper-V storage cmdlets', () => {
  it('list a VM’s hard disk drive and its VHDX as the module does', () => {
    const e = defaultEstate(1);
    expect(ok(e, 'Get-VMHardDiskDrive -VMName ad-01').split('\n').slice(1, 4)).toEqual([
      'VMName ControllerType ControllerNumber ControllerLocation DiskNumber Path',
      '------ -------------- ---------------- ------------------ ---------- ----',
      'ad-01  IDE            0                0                             C:\\ClusterStorage\\Volume1\\ad-01\\Virtual Hard Disks\\ad-01.vhdx',
    ]);
    const list = ok(e, `Get-VHD -Path ${VHD}`).trim().split('\n');
    expect(list.map((l) => l.split(' :')[0].trim())).toEqual([
      'ComputerName',
      'Path',
      'VhdFormat',
      'VhdType',
      'FileSize',
      'Size',
      'MinimumSize',
      'LogicalSectorSize',
      'PhysicalSectorSize',
      'BlockSize',
      'ParentPath',
      'DiskIdentifier',
      'FragmentationPercentage',
      'Alignment',
      'Attached',
      'DiskNumber',
      'IsPMEMCompatible',
      'AddressAbstractionType',
      'Number',
    ]);
    expect(list).toContain('VhdType                 : Dynamic');
    expect(list).toContain(`Size                    : ${gib(60) * 1024 * 1024}`);
    expect(list).toContain('BlockSize               : 33554432');
    expect(list).toContain('ParentPath              :');
    expect(err(e, 'Get-VHD -Path "C:\\nope.vhdx"')).toMatch(/^Get-VHD : 'C:\\nope\.vhdx' is not an existing virtual hard disk file\./);
  });

  it('moves a VM’s storage to another Cluster Shared Volume, printing nothing, the VM running', () => {
    const e = defaultEstate(1);
    e.sim.addDatastore({ id: 'Volume2', medium: 'san', clusters: ['hyperv-app'], capacityMiB: gib(2048) });
    expect(ok(e, 'Move-VMStorage -VMName ad-01 -DestinationStoragePath "C:\\ClusterStorage\\Volume2\\ad-01"')).toBe('');
    expect(e.sim.diskOn(e.sim.workloadViews().find((w) => w.name === 'ad-01')!.id)?.datastore).toBe('Volume2');
    expect(err(e, 'Move-VMStorage ad-02 "D:\\VMs"')).toMatch(/is not simulated; give a Cluster Shared Volume's path/);
  });

  it("makes a VM's VHD on a Cluster Shared Volume when New-VM's -NewVHDPath is under C:\\ClusterStorage", () => {
    const e = defaultEstate(1);
    ok(e, 'New-VM -Name web9 -MemoryStartupBytes 2GB -NewVHDPath C:\\ClusterStorage\\Volume1\\web9\\web9.vhdx -NewVHDSizeBytes 40GB');
    const id = e.sim.workloadViews().find((w) => w.name === 'web9')!.id;
    expect(e.sim.diskOn(id)).toMatchObject({ datastore: 'Volume1', format: 'thin', capacityMiB: gib(40) });
    expect(err(e, 'New-VM -Name web8 -NewVHDPath C:\\ClusterStorage\\Nope\\web8.vhdx -NewVHDSizeBytes 40GB')).toMatch(
      /The system cannot find the path specified/,
    );
  });
});
