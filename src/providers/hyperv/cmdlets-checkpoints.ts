// Checkpoints: Checkpoint-VM, Get-VMSnapshot, Restore-VMSnapshot,
// Remove-VMSnapshot (and their -VMCheckpoint names). Each is done when it
// returns and takes no simulated time here (HYPERV_BLOCKS).
import { bool, str } from '../cli/flags.js';
import { powershellTable } from '../cli/table.js';
import { output } from '../exec-result.js';
import type { ExecResult, ProviderWorkload } from '../provider.js';
import { asJob, type Call, type Cmdlet, error, notFound, vmsNamed } from './cmdlet.js';
import { defaultCheckpointName, psDate } from './format.js';

/** The Get-VMSnapshot table, for some or all of a VM's checkpoints (also what -Passthru prints). */
function snapshotTable(c: Call, vms: readonly ProviderWorkload[], only?: string): string {
  const rows: string[][] = [];
  for (const vm of vms) {
    for (const s of c.hv.sim.workloadRow(vm.id)!.snapshots.list) {
      if (only !== undefined && s.name.toLowerCase() !== only.toLowerCase()) continue;
      rows.push([vm.name, s.name, s.withMemory ? 'Standard' : 'Production', psDate(s.createdAt), s.parent ?? '']);
    }
  }
  return rows.length ? powershellTable(['VMName', 'Name', 'SnapshotType', 'CreationTime', 'ParentSnapshotName'], rows) : '';
}

function checkpointNotFound(c: Call, name: string, vm: string): ExecResult {
  return error(c, {
    message: `Hyper-V was unable to find a checkpoint with name "${name}" for virtual machine "${vm}".`,
    category: 'ObjectNotFound',
    target: name,
    exception: 'VirtualizationException',
    id: 'ObjectNotFound',
  });
}

/** What a cmdlet prints when it is done: -Passthru's object, or a job with -AsJob. */
function finish(c: Call, passthru: () => string): ExecResult {
  const done = output(bool(c.p, 'Passthru') ? passthru() : '', true);
  return bool(c.p, 'AsJob') ? asJob(c, done) : done;
}

const BY_VM = { VMName: { type: 'string' }, Name: { type: 'string' } } as const;

export const CHECKPOINT_CMDLETS: Record<string, Cmdlet> = {
  'checkpoint-vm': {
    params: { Name: { type: 'string', aliases: ['VMName'] }, SnapshotName: { type: 'string', aliases: ['CheckpointName'] } },
    positional: ['Name', 'SnapshotName'],
    required: ['Name'],
    asJob: true,
    passthru: true,
    run: (c) => {
      const vm = c.hv.vm(str(c.p, 'Name')!);
      if (!vm) return notFound(c, str(c.p, 'Name')!);
      if (vm.attrs.checkpointType === 'Disabled')
        return error(c, {
          message: `Checkpoint operation failed: checkpoints are disabled for '${vm.name}'.`,
          category: 'InvalidOperation',
          exception: 'VirtualizationException',
          id: 'InvalidState',
        });
      const name = str(c.p, 'SnapshotName') ?? defaultCheckpointName(vm.name, c.hv.sim.now);
      const r = c.hv.perform(vm.id, 'snapshot', { snapshot: name });
      if (!r.ok)
        return error(c, {
          message: r.error.message,
          category: 'InvalidOperation',
          target: vm.name,
          exception: 'VirtualizationException',
          id: 'InvalidParameter',
        });
      return finish(c, () => snapshotTable(c, [vm], name));
    },
  },
  'get-vmsnapshot': {
    params: { VMName: { type: 'string', aliases: ['VM'] }, Name: { type: 'string' } },
    positional: ['VMName', 'Name'],
    run: (c) => {
      const vmName = str(c.p, 'VMName');
      const vms = vmName === undefined ? c.hv.workloads() : vmsNamed(c, vmName, 'VMName');
      if (!Array.isArray(vms)) return vms;
      return output(snapshotTable(c, vms, str(c.p, 'Name')));
    },
  },
  'restore-vmsnapshot': {
    params: BY_VM,
    positional: ['Name'],
    required: ['VMName', 'Name'],
    asJob: true,
    passthru: true,
    run: (c) => {
      const vm = c.hv.vm(str(c.p, 'VMName')!);
      if (!vm) return notFound(c, str(c.p, 'VMName')!, 'VMName');
      const name = str(c.p, 'Name')!;
      const r = c.hv.perform(vm.id, 'revert', { snapshot: name });
      if (!r.ok)
        return r.error.code === 'not-found'
          ? checkpointNotFound(c, name, vm.name)
          : error(c, { message: r.error.message, category: 'InvalidOperation', exception: 'VirtualizationException', id: 'InvalidState' });
      return finish(c, () => snapshotTable(c, [vm], name));
    },
  },
  'remove-vmsnapshot': {
    params: { ...BY_VM, IncludeAllChildSnapshots: { type: 'boolean', ignored: true } },
    positional: ['VMName', 'Name'],
    required: ['VMName', 'Name'],
    asJob: true,
    passthru: true,
    run: (c) => {
      const vm = c.hv.vm(str(c.p, 'VMName')!);
      if (!vm) return notFound(c, str(c.p, 'VMName')!, 'VMName');
      const name = str(c.p, 'Name')!;
      const before = snapshotTable(c, [vm], name);
      const r = c.hv.perform(vm.id, 'delete-snapshot', { snapshot: name });
      if (!r.ok) return checkpointNotFound(c, name, vm.name);
      return finish(c, () => before);
    },
  },
};
