// The host's side: virtual switches, Get-VMHost, and Failover Clustering's node
// pause and resume (the FailoverClusters module, whose records differ from the
// Hyper-V module's: NotSpecified, ClusterCmdletException, the cmdlet's name as
// error id and its own class, as Microsoft Learn's Storage Replica known issues
// show for Move-ClusterGroup).
import { bool, str } from '../cli/flags.js';
import { powershellTable } from '../cli/table.js';
import { output } from '../exec-result.js';
import type { ExecResult } from '../provider.js';
import { type Call, type Cmdlet, error } from './cmdlet.js';
import { HYPERV_BLOCKS, HYPERV_BLOCKS_WITH_WAIT, SWITCH_TYPES, type SwitchType } from './defaults.js';

function switchError(c: Call, message: string, target: string): ExecResult {
  return error(c, { message, category: 'InvalidArgument', target, exception: 'VirtualizationException', id: 'InvalidParameter' });
}

const switchTable = (list: readonly { name: string; type: string; adapter?: string }[]) =>
  powershellTable(
    ['Name', 'SwitchType', 'NetAdapterInterfaceDescription'],
    list.map((s) => [s.name, s.type, s.adapter ?? '']),
  );

function clusterError(c: Call, message: string): ExecResult {
  return error(c, { message, category: 'NotSpecified', exception: 'ClusterCmdletException', id: c.inv.cmdlet });
}

/** Windows names are case-insensitive. */
function node(c: Call, name: string): string | undefined {
  return c.hv.hosts().find((h) => h.id.toLowerCase() === name.toLowerCase())?.id;
}

/** The node table Suspend- and Resume-ClusterNode print: Name and State (Microsoft Learn: Suspend-ClusterNode examples). */
const nodeTable = (name: string, state: string) => output(powershellTable(['Name', 'State'], [[name, state]]), true);

/** Whether a drained node's VMs have all moved off it (or stopped, or gone, so will not move). */
function drained(c: Call, name: string, moving: readonly string[]): boolean {
  return moving.every((id) => {
    const v = c.hv.sim.workload(id);
    return !v || v.state === 'deleted' || (v.state !== 'migrating' && (v.host !== name || v.state !== 'running'));
  });
}

export const HOST_CMDLETS: Record<string, Cmdlet> = {
  'get-vmswitch': {
    params: { Name: { type: 'string' } },
    positional: ['Name'],
    run: (c) => {
      const name = str(c.p, 'Name');
      const list = [...c.hv.switches.values()].filter((s) => name === undefined || s.name.toLowerCase() === name.toLowerCase());
      if (name !== undefined && list.length === 0) return switchError(c, `Hyper-V was unable to find a virtual switch with name "${name}".`, name);
      return output(list.length ? switchTable(list) : '');
    },
  },
  'new-vmswitch': {
    params: {
      Name: { type: 'string' },
      SwitchType: { type: 'string' },
      NetAdapterName: { type: 'string' },
      AllowManagementOS: { type: 'boolean', valued: true, ignored: true },
    },
    positional: ['Name'],
    required: ['Name'],
    run: (c) => {
      const name = str(c.p, 'Name')!;
      const typeText = str(c.p, 'SwitchType') ?? (str(c.p, 'NetAdapterName') ? 'External' : undefined);
      const type = SWITCH_TYPES.find((t) => t.toLowerCase() === (typeText ?? '').toLowerCase());
      if (!type)
        return switchError(c, `Parameter set cannot be resolved: give -SwitchType Internal or Private, or -NetAdapterName for an external switch.`, name);
      const r = c.hv.addSwitch(name, type as SwitchType, str(c.p, 'NetAdapterName'));
      if (!r.ok) return switchError(c, r.error.message, name);
      return output(switchTable([r.value]), true);
    },
  },
  'get-vmhost': {
    params: {},
    positional: [],
    run: (c) =>
      output(
        powershellTable(
          ['Name', 'LogicalProcessorCount', 'MemoryCapacity(M)', 'State'],
          c.hv.hosts().map((h) => [h.id, String(h.cores), String(h.memoryMiB), h.state]),
          [false, true, true, false],
        ),
      ),
  },
  // Failover Clustering's node drain: its roles (VMs) live-migrate to the other nodes first.
  'suspend-clusternode': {
    params: {
      Name: { type: 'string' },
      Drain: { type: 'boolean' },
      Wait: { type: 'boolean' },
      ForceDrain: { type: 'boolean', ignored: true },
      TargetNode: { type: 'string', ignored: true },
      Cluster: { type: 'string', ignored: true },
    },
    positional: ['Name'],
    required: ['Name'],
    type: 'Microsoft.FailoverClusters.PowerShell.SuspendClusterNodeCommand',
    run: (c) => {
      const name = node(c, str(c.p, 'Name')!);
      if (!name) return clusterError(c, `The cluster node '${str(c.p, 'Name')}' was not found.`);
      if (!bool(c.p, 'Drain')) return clusterError(c, `Pausing ${name} without -Drain would leave its VMs running there: this simulation drains (add -Drain)`);
      const r = c.hv.sim.enterMaintenance(name);
      if (!r.ok) return clusterError(c, r.error.message);
      const answer = () => nodeTable(name, 'Paused');
      // Without -Wait the drain is started and the cmdlet returns; with it, once the roles have moved (HYPERV_BLOCKS).
      const wait = bool(c.p, 'Wait') ? HYPERV_BLOCKS_WITH_WAIT['suspend-clusternode'] : HYPERV_BLOCKS['suspend-clusternode'];
      const done = () => wait !== 'drained' || drained(c, name, r.value.moving);
      return done() ? answer() : { ...output('', true), blocking: { waitingFor: `${name} to drain`, done, answer } };
    },
  },
  'resume-clusternode': {
    params: { Name: { type: 'string' }, Failback: { type: 'string', ignored: true }, Cluster: { type: 'string', ignored: true } },
    positional: ['Name', 'Failback'],
    required: ['Name'],
    type: 'Microsoft.FailoverClusters.PowerShell.ResumeClusterNodeCommand',
    run: (c) => {
      const name = node(c, str(c.p, 'Name')!);
      if (!name) return clusterError(c, `The cluster node '${str(c.p, 'Name')}' was not found.`);
      const r = c.hv.sim.exitMaintenance(name);
      if (!r.ok) return clusterError(c, r.error.message);
      return nodeTable(name, 'Up');
    },
  },
};
