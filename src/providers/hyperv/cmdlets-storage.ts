// The Hyper-V module's storage cmdlets over the simulation's disks: each VM's one
// VHDX, on a Cluster Shared Volume (a shared datastore its cluster mounts:
// C:\ClusterStorage\<volume>\<VM>\Virtual Hard Disks\<VM>.vhdx) or on its host's
// own storage (Hyper-V's default C:\ProgramData\Microsoft\Windows\Virtual Hard
// Disks). Sources: Microsoft Learn's Get-VMHardDiskDrive, Get-VHD and
// Move-VMStorage pages (windows-powershell-docs docset winserver2025-ps/Hyper-V:
// Move-VMStorage has no -Passthru and prints nothing; -Name's alias VMName), the
// Get-VHD list's 19 properties in order as Azure Stack Hub's VHD troubleshooting
// page prints them (a new dynamic VHDX: 32 MiB blocks, 512/4096-byte sectors), and
// Get-VMHardDiskDrive's columns as transcripts show them.
import { bool, str } from '../cli/flags.js';
import { powershellList, powershellTable } from '../cli/table.js';
import { stableUuid } from '../common.js';
import { output } from '../exec-result.js';
import type { ProviderWorkload } from '../provider.js';
import { asJob, type Cmdlet, error, vmsNamed } from './cmdlet.js';
import { DEFAULT_GENERATION } from './defaults.js';
import type { HypervDriver } from './driver.js';
import { vmGuid } from './format.js';

/** Hyper-V's default folder for virtual hard disks on a host's own storage. */
const LOCAL_VHDS = 'C:\\ProgramData\\Microsoft\\Windows\\Virtual Hard Disks';
/** A VHDX's default block size (New-VHD: 32 MiB for VHDX) and its file's smallest size (a new dynamic VHDX is 4 MiB). */
const BLOCK_BYTES = 33_554_432;
const HEADER_BYTES = 4_194_304;
const MIB = 1_048_576;

interface Vhd {
  readonly path: string;
  readonly dynamic: boolean;
  readonly sizeBytes: number;
  readonly fileBytes: number;
}

/** A VM's VHDX: where it is, its type, its size and what its file takes. */
function vhdOf(hv: HypervDriver, vm: ProviderWorkload): Vhd {
  const disk = hv.sim.diskOn(vm.id);
  const sizeBytes = vm.diskMiB * MIB;
  if (!disk) return { path: `${LOCAL_VHDS}\\${vm.name}.vhdx`, dynamic: false, sizeBytes, fileBytes: sizeBytes + HEADER_BYTES };
  const dynamic = disk.format === 'thin';
  return {
    path: `C:\\ClusterStorage\\${disk.datastoreName}\\${vm.name}\\Virtual Hard Disks\\${vm.name}.vhdx`,
    dynamic,
    sizeBytes,
    fileBytes: (dynamic ? disk.usedMiB * MIB : sizeBytes) + HEADER_BYTES,
  };
}

function vhdList(hv: HypervDriver, vm: ProviderWorkload): string {
  const v = vhdOf(hv, vm);
  return powershellList([
    ['ComputerName', (vm.host ?? '').toUpperCase()],
    ['Path', v.path],
    ['VhdFormat', 'VHDX'],
    ['VhdType', v.dynamic ? 'Dynamic' : 'Fixed'],
    ['FileSize', String(v.fileBytes)],
    ['Size', String(v.sizeBytes)],
    ['MinimumSize', ''],
    ['LogicalSectorSize', '512'],
    ['PhysicalSectorSize', '4096'],
    ['BlockSize', v.dynamic ? String(BLOCK_BYTES) : '0'],
    ['ParentPath', ''],
    ['DiskIdentifier', stableUuid(`vhd:${vm.id}`).toUpperCase()],
    ['FragmentationPercentage', '0'],
    ['Alignment', '1'],
    ['Attached', vm.nativeState === 'Off' || vm.nativeState === 'Saved' ? 'False' : 'True'],
    ['DiskNumber', ''],
    ['IsPMEMCompatible', 'False'],
    ['AddressAbstractionType', 'None'],
    ['Number', ''],
  ]);
}

export const STORAGE_CMDLETS: Readonly<Record<string, Cmdlet>> = {
  'get-vmharddiskdrive': {
    params: { VMName: { type: 'string' }, ControllerType: { type: 'string', ignored: true } },
    positional: ['VMName'],
    required: ['VMName'],
    run: (c) => {
      const vms = vmsNamed(c, str(c.p, 'VMName')!, 'VMName');
      if (!Array.isArray(vms)) return vms;
      // Generation 2 boots from SCSI; generation 1 from IDE.
      const rows = vms.map((vm) => {
        const ide = Number(vm.attrs.generation ?? DEFAULT_GENERATION) === 1;
        return [vm.name, ide ? 'IDE' : 'SCSI', '0', '0', '', vhdOf(c.hv, vm).path];
      });
      return output(rows.length ? powershellTable(['VMName', 'ControllerType', 'ControllerNumber', 'ControllerLocation', 'DiskNumber', 'Path'], rows) : '');
    },
  },
  'get-vhd': {
    params: { Path: { type: 'string', aliases: ['FullName'] }, VMId: { type: 'string' } },
    positional: ['Path'],
    // The VHD cmdlets are the Microsoft.Vhd.PowerShell assembly's (New-VHD's errors end ...Cmdlets.NewVhd, MSLab#386).
    type: 'Microsoft.Vhd.PowerShell.Cmdlets.GetVhd',
    run: (c) => {
      const path = str(c.p, 'Path');
      const vmId = str(c.p, 'VMId');
      const vm = c.hv
        .workloads()
        .find(
          (v) => (path !== undefined && vhdOf(c.hv, v).path.toLowerCase() === path.toLowerCase()) || (vmId !== undefined && vmGuidOf(v) === vmId.toLowerCase()),
        );
      if (!vm)
        return error(c, {
          message: `'${path ?? vmId ?? ''}' is not an existing virtual hard disk file.`,
          category: 'InvalidArgument',
          exception: 'VirtualizationException',
          id: 'InvalidParameter',
        });
      return output(`\n${vhdList(c.hv, vm)}\n\n`);
    },
  },
  'move-vmstorage': {
    params: { Name: { type: 'string', aliases: ['VMName'] }, DestinationStoragePath: { type: 'string' } },
    positional: ['Name', 'DestinationStoragePath'],
    required: ['Name', 'DestinationStoragePath'],
    asJob: true,
    run: (c) => {
      const vms = vmsNamed(c, str(c.p, 'Name')!);
      if (!Array.isArray(vms)) return vms;
      const vm = vms[0];
      if (!vm) return output('');
      const dest = str(c.p, 'DestinationStoragePath')!;
      // C:\ClusterStorage\<volume>\...: the Cluster Shared Volume of that name; anywhere else is a host's own disk.
      const volume = /^c:\\clusterstorage\\([^\\]+)/i.exec(dest)?.[1];
      const ds = volume === undefined ? undefined : c.hv.sim.datastoreViews().find((d) => d.name.toLowerCase() === volume.toLowerCase());
      if (!ds)
        return error(c, {
          message: `The operation failed: moving '${vm.name}' to '${dest}' is not simulated; give a Cluster Shared Volume's path (C:\\ClusterStorage\\<volume>\\...).`,
          category: 'InvalidArgument',
          exception: 'VirtualizationException',
          id: 'InvalidParameter',
        });
      const r = c.hv.sim.relocateStorage(vm.id, ds.id);
      if (!r.ok)
        return error(c, {
          message: `Virtual machine migration operation for '${vm.name}' failed at migration source.\n${r.error.message}`,
          category: 'InvalidOperation',
          exception: 'VirtualizationException',
          id: 'InvalidOperation',
        });
      if (bool(c.p, 'AsJob')) return asJob(c, output('', true));
      // It returns once the storage has moved (the VM running all along).
      const done = () => !c.hv.sim.diskMoving(vm.id);
      return done()
        ? output('', true)
        : { ...output('', true), blocking: { waitingFor: `${vm.name}'s storage to move to ${ds.name}`, done, answer: () => output('', true) } };
    },
  },
};

/** A VM's id as Get-VM shows it (its GUID), lower case. */
function vmGuidOf(vm: ProviderWorkload): string {
  return vmGuid(vm.name).toLowerCase();
}
