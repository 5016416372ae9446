// The cmdlets about a VM itself: Get-VM, New-VM, Remove-VM, Set-VM, the memory
// cmdlets, Move-VM.
import { MEM } from '../../core/units.js';
import { bool, num, str } from '../cli/flags.js';
import { powershellTable } from '../cli/table.js';
import { output } from '../exec-result.js';
import type { ExecResult, ProviderWorkload } from '../provider.js';
import { arrived, asJob, type Call, type Cmdlet, error, notFound, vmsNamed } from './cmdlet.js';
import { csvAt } from './cmdlets-storage.js';
import { CHECKPOINT_TYPES, type CheckpointType, HYPERV_BLOCKS } from './defaults.js';
import { vmTable } from './format.js';

/** A failure the driver or the core reported, in a record of the cmdlet's. */
function failure(c: Call, message: string, category: string, target?: string): ExecResult {
  return error(c, {
    message,
    category,
    exception: 'VirtualizationException',
    id: category === 'ObjectNotFound' ? 'ObjectNotFound' : 'InvalidParameter',
    ...(target === undefined ? {} : { target }),
  });
}

/** canonical/multipass#4204: what Set-VM says of a change the VM's state does not allow. */
function cannotModify(c: Call, vm: string): ExecResult {
  return error(c, {
    message: `Modifying the properties of '${vm}' failed.\nThe operation cannot be performed while the object is in its current state.`,
    category: 'InvalidOperation',
    exception: 'VirtualizationException',
    id: 'InvalidState',
  });
}

const passthru = (c: Call, text: () => string) => output(bool(c.p, 'Passthru') ? text() : '', true);

function memoryTable(c: Call, vms: readonly ProviderWorkload[]): string {
  const rows = vms.map((vm) => {
    const dm = c.hv.dynamicMemory(vm.id);
    const startup = dm?.startupMiB ?? c.hv.sim.workloadRow(vm.id)!.claim[MEM];
    return [vm.name, dm ? 'True' : 'False', String(dm?.minimumMiB ?? startup), String(startup), String(dm?.maximumMiB ?? startup)];
  });
  // Every column left-aligned, as the Hyper-V module's view prints them (windows-powershell-docs, PSHyperV Get-VMState example piped to Get-VMMemory).
  return powershellTable(['VMName', 'DynamicMemoryEnabled', 'Minimum(M)', 'Startup(M)', 'Maximum(M)'], rows);
}

export const VM_CMDLETS: Record<string, Cmdlet> = {
  'get-vm': {
    params: { Name: { type: 'string', aliases: ['VMName'] } },
    positional: ['Name'],
    run: (c) => {
      const name = str(c.p, 'Name');
      const vms = name === undefined ? c.hv.workloads() : vmsNamed(c, name);
      if (!Array.isArray(vms)) return vms;
      return output(vms.length ? vmTable(c.hv, vms) : '');
    },
  },
  'new-vm': {
    params: {
      Name: { type: 'string', aliases: ['VMName'] },
      MemoryStartupBytes: { type: 'bytes' },
      Generation: { type: 'number' },
      SwitchName: { type: 'string' },
      NewVHDPath: { type: 'string' },
      NewVHDSizeBytes: { type: 'bytes' },
      VHDPath: { type: 'string', ignored: true },
      NoVHD: { type: 'boolean' },
      Path: { type: 'string', ignored: true },
      BootDevice: { type: 'string', ignored: true },
      Version: { type: 'string', ignored: true },
      Force: { type: 'boolean', ignored: true },
    },
    positional: ['Name', 'MemoryStartupBytes', 'Generation'],
    asJob: true,
    run: (c) => {
      const name = str(c.p, 'Name') ?? 'New Virtual Machine';
      const generation = num(c.p, 'Generation');
      // [ValidateRange(1, 2)] (Microsoft Learn: New-VM -Generation); PowerShell's own ValidateRange words.
      if (generation !== undefined && (generation < 1 || generation > 2)) {
        const message =
          generation > 2
            ? `The ${generation} argument is greater than the maximum allowed range of 2. Supply an argument that is less than or equal to 2 and then try the command again.`
            : `The ${generation} argument is less than the minimum allowed range of 1. Supply an argument that is greater than or equal to 1 and then try the command again.`;
        return error(c, {
          message: `Cannot validate argument on parameter 'Generation'. ${message}`,
          category: 'InvalidData',
          exception: 'ParameterBindingValidationException',
          id: 'ParameterArgumentValidationError',
          at: c.at('Generation'),
        });
      }
      // A new VHD under C:\ClusterStorage\<volume> is on that Cluster Shared Volume, dynamic (New-VM's VHDX is); else on the host's own disk.
      const vhdPath = str(c.p, 'NewVHDPath');
      const volume = bool(c.p, 'NoVHD') || vhdPath === undefined ? undefined : /^c:\\clusterstorage\\([^\\]+)\\/i.exec(vhdPath)?.[1];
      const csv = volume === undefined ? undefined : c.hv.sim.datastoreViews().find((d) => d.name.toLowerCase() === volume.toLowerCase());
      if (volume !== undefined && !csv)
        return failure(c, `The system failed to create '${vhdPath}': The system cannot find the path specified. (0x80070003).`, 'InvalidArgument', name);
      const r = c.hv.create({
        name,
        ...(csv ? { datastore: { id: csv.id, format: 'thin' } } : {}),
        memoryMiB: num(c.p, 'MemoryStartupBytes'),
        generation,
        switchName: str(c.p, 'SwitchName'),
        diskGiB: bool(c.p, 'NoVHD') ? 0 : (num(c.p, 'NewVHDSizeBytes') ?? 127 * 1024) / 1024,
        recorded: c.p.recorded,
      });
      if (!r.ok) return failure(c, r.error.message, r.error.code === 'duplicate-id' ? 'ResourceExists' : 'InvalidArgument', name);
      const done = output(vmTable(c.hv, [c.hv.vm(name)!]), true);
      return bool(c.p, 'AsJob') ? asJob(c, done) : done;
    },
  },
  'remove-vm': {
    params: { Name: { type: 'string', aliases: ['VMName'] }, Force: { type: 'boolean' } },
    positional: ['Name'],
    required: ['Name'],
    asJob: true,
    passthru: true,
    run: (c) => {
      const vm = c.hv.vm(str(c.p, 'Name')!);
      if (!vm) return notFound(c, str(c.p, 'Name')!);
      if (!bool(c.p, 'Force'))
        return failure(
          c,
          `Confirm: Are you sure you want to remove the virtual machine "${vm.name}"? This session is not interactive: add -Force.`,
          'OperationStopped',
          vm.name,
        );
      if (vm.state !== 'stopped' && vm.state !== 'failed' && vm.state !== 'suspended')
        return error(c, {
          message: `The operation cannot be performed while the virtual machine '${vm.name}' is in its current state (${vm.nativeState}). Turn it off first.`,
          category: 'InvalidOperation',
          exception: 'VirtualizationException',
          id: 'InvalidState',
        });
      const before = vmTable(c.hv, [vm]);
      const r = c.hv.perform(vm.id, 'delete');
      if (!r.ok) return failure(c, r.error.message, 'InvalidOperation', vm.name);
      const done = passthru(c, () => before);
      return bool(c.p, 'AsJob') ? asJob(c, done) : done;
    },
  },
  'set-vm': {
    params: {
      Name: { type: 'string', aliases: ['VMName'] },
      CheckpointType: { type: 'string' },
      ProcessorCount: { type: 'number' },
      MemoryStartupBytes: { type: 'bytes' },
      AutomaticStartAction: { type: 'string', ignored: true },
      AutomaticStopAction: { type: 'string', ignored: true },
      Notes: { type: 'string', ignored: true },
    },
    positional: ['Name'],
    required: ['Name'],
    passthru: true,
    run: (c) => {
      const vm = c.hv.vm(str(c.p, 'Name')!);
      if (!vm) return notFound(c, str(c.p, 'Name')!);
      const type = str(c.p, 'CheckpointType');
      if (type !== undefined) {
        const valid = CHECKPOINT_TYPES.find((t) => t.toLowerCase() === type.toLowerCase());
        if (!valid)
          return error(c, {
            message:
              `Cannot bind parameter 'CheckpointType'. Cannot convert value "${type}" to type "Microsoft.HyperV.PowerShell.CheckpointType". ` +
              `Error: "Unable to match the identifier name ${type} to a valid enumerator name. ` +
              `Specify one of the following enumerator names and try again:\n${CHECKPOINT_TYPES.join(', ')}"`,
            category: 'InvalidArgument',
            exception: 'ParameterBindingException',
            id: 'CannotConvertArgumentNoMessage',
            at: c.at('CheckpointType'),
          });
        c.hv.setCheckpointType(vm.name, valid as CheckpointType);
      }
      const cpus = num(c.p, 'ProcessorCount');
      const startup = num(c.p, 'MemoryStartupBytes');
      if (cpus !== undefined) {
        const r = c.hv.perform(vm.id, 'resize', { vcpus: cpus });
        if (!r.ok) return r.error.code === 'invalid-state' ? cannotModify(c, vm.name) : failure(c, r.error.message, 'InvalidOperation', vm.name);
      }
      if (startup !== undefined) {
        const r = c.hv.setMemory(vm.name, { startupMiB: startup });
        if (!r.ok) return r.error.code === 'invalid-state' ? cannotModify(c, vm.name) : failure(c, r.error.message, 'InvalidOperation', vm.name);
      }
      return passthru(c, () => vmTable(c.hv, [c.hv.vm(vm.name)!]));
    },
  },
  'set-vmmemory': {
    params: {
      VMName: { type: 'string' },
      DynamicMemoryEnabled: { type: 'boolean', valued: true },
      MinimumBytes: { type: 'bytes' },
      MaximumBytes: { type: 'bytes' },
      StartupBytes: { type: 'bytes' },
      Buffer: { type: 'number' },
      Priority: { type: 'number', ignored: true },
    },
    positional: ['VMName'],
    required: ['VMName'],
    passthru: true,
    run: (c) => {
      const buffer = num(c.p, 'Buffer');
      if (buffer !== undefined && !(buffer >= 5 && buffer <= 2000))
        return error(c, {
          message: `Cannot validate argument on parameter 'Buffer'. The ${buffer} argument is outside the range of 5 to 2000.`,
          category: 'InvalidData',
          exception: 'ParameterBindingValidationException',
          id: 'ParameterArgumentValidationError',
          at: c.at('Buffer'),
        });
      const name = str(c.p, 'VMName')!;
      const r = c.hv.setMemory(name, {
        dynamic: c.p.values.has('DynamicMemoryEnabled') ? bool(c.p, 'DynamicMemoryEnabled') : undefined,
        minimumMiB: num(c.p, 'MinimumBytes'),
        maximumMiB: num(c.p, 'MaximumBytes'),
        startupMiB: num(c.p, 'StartupBytes'),
        bufferPct: buffer,
      });
      if (!r.ok) return r.error.code === 'not-found' ? notFound(c, name, 'VMName') : failure(c, r.error.message, 'InvalidOperation', name);
      return passthru(c, () => memoryTable(c, [c.hv.vm(name)!]));
    },
  },
  'get-vmmemory': {
    params: { VMName: { type: 'string' } },
    positional: ['VMName'],
    required: ['VMName'],
    run: (c) => {
      const vms = vmsNamed(c, str(c.p, 'VMName')!, 'VMName');
      if (!Array.isArray(vms)) return vms;
      return output(vms.length ? memoryTable(c, vms) : '');
    },
  },
  'move-vm': {
    params: {
      Name: { type: 'string', aliases: ['VMName'] },
      DestinationHost: { type: 'string' },
      IncludeStorage: { type: 'boolean' },
      DestinationStoragePath: { type: 'string' },
    },
    positional: ['Name', 'DestinationHost'],
    required: ['Name', 'DestinationHost'],
    asJob: true,
    passthru: true,
    run: (c) => {
      const vm = c.hv.vm(str(c.p, 'Name')!);
      if (!vm) return notFound(c, str(c.p, 'Name')!);
      const target = str(c.p, 'DestinationHost')!;
      const host = c.hv.hosts().find((h) => h.id.toLowerCase() === target.toLowerCase());
      if (!host) return failure(c, `The operation failed because the computer '${target}' could not be found.`, 'ObjectNotFound', target);
      // Shared-nothing live migration: -IncludeStorage copies a VHD on the source's own storage along, or, with a
      // -DestinationStoragePath on a Cluster Shared Volume the destination mounts, every VHD there (to another cluster).
      const path = str(c.p, 'DestinationStoragePath');
      const csv = path === undefined || !bool(c.p, 'IncludeStorage') ? undefined : csvAt(c.hv, path);
      const r = c.hv.perform(vm.id, vm.nativeState === 'Running' ? 'live-migrate' : 'migrate', {
        targetHost: host.id,
        copyStorage: bool(c.p, 'IncludeStorage'),
        ...(csv ? { targetDatastore: csv.id } : {}),
      });
      if (!r.ok)
        return failure(c, `Virtual machine migration operation for '${vm.name}' failed at migration source. ${r.error.message}`, 'InvalidOperation', vm.name);
      if (bool(c.p, 'AsJob')) return asJob(c, output('', true));
      // Move-VM returns once the VM runs on the destination (HYPERV_BLOCKS).
      const answer = () => passthru(c, () => vmTable(c.hv, [c.hv.vm(vm.name) ?? vm]));
      const done = () => arrived(c.hv, vm.id, HYPERV_BLOCKS['move-vm']);
      return done() ? answer() : { ...output('', true), blocking: { waitingFor: `${vm.name} to move to ${host.id}`, done, answer } };
    },
  },
};
