// Actions on the selected host: maintenance mode (its VMs move off first), and
// the simulation's own failure and repair. Each names the native command that
// does the same where the platform has one; entering maintenance and failing a
// host ask first, with Cancel chosen. (Read-only mode refuses them before they
// get here: input/dispatch.ts.)
import { runSim } from '../../estate/scenario/run.js';
import type { Controller } from '../controller.js';
import type { CommandId } from '../keymap.js';
import type { Pending } from '../state.js';
import { confirm } from './actions.js';
import { openBalance } from './balance.js';

export type HostAction = 'enter-maintenance' | 'exit-maintenance' | 'fail' | 'recover';

/** What the native command is, where the platform has one; the prompt's :sim otherwise. */
export function hostCommand(ctl: Controller, host: string, action: HostAction): string {
  const platform = ctl.estate.sim.host(host)?.platform;
  if (action === 'enter-maintenance' && platform === 'vmware') return `govc host.maintenance.enter ${host}`;
  if (action === 'exit-maintenance' && platform === 'vmware') return `govc host.maintenance.exit ${host}`;
  if (action === 'enter-maintenance' && platform === 'hyperv') return `Suspend-ClusterNode -Name ${host} -Drain`;
  if (action === 'exit-maintenance' && platform === 'hyperv') return `Resume-ClusterNode -Name ${host}`;
  return `:sim ${action} host ${host}`;
}

export function runHostAction(ctl: Controller, commandId: Extract<CommandId, `host.${string}`>): boolean {
  const command = ctl.keymap.byId(commandId);
  const target = ctl.target();
  if (target?.type !== 'host') {
    ctl.flash(`${command.description.replace(/ \(.*\)$/, '')}: select a host (1 opens the Hosts pane)`, 'error');
    return true;
  }
  const host = ctl.estate.sim.host(target.id);
  if (!host) {
    ctl.flash(`${target.id} no longer exists`, 'error');
    return true;
  }
  if (commandId === 'host.balance') {
    openBalance(ctl, host.cluster);
    return true;
  }
  let action: HostAction;
  if (commandId === 'host.maintenance') action = host.state === 'maintenance' ? 'exit-maintenance' : 'enter-maintenance';
  else if (commandId === 'host.fail') action = 'fail';
  else action = 'recover';
  const pending: Pending = { kind: 'host', host: host.id, action };
  if (action === 'enter-maintenance') {
    const moving = runningVms(ctl, host.id);
    confirm(ctl, pending, `Put ${host.id} in maintenance mode?`, [moving.length ? `Its running VMs move off it first: ${moving.join(', ')}.` : 'No VM runs on it.', 'Nothing new is placed on it until it leaves.']);
  } else if (action === 'fail') {
    confirm(ctl, pending, `Fail ${host.id}?`, ['A simulated failure: everything on it goes down at once.', 'HA, where its cluster has it, restarts its VMs elsewhere.']);
  } else performHost(ctl, pending);
  return true;
}

export function performHost(ctl: Controller, pending: Extract<Pending, { kind: 'host' }>): void {
  const problem = runSim(ctl.estate, [pending.action, 'host', pending.host]);
  const done: Record<HostAction, string> = {
    'enter-maintenance': `${pending.host} is entering maintenance mode`,
    'exit-maintenance': `${pending.host} left maintenance mode`,
    fail: `${pending.host} failed (simulated)`,
    recover: `${pending.host} is repaired`,
  };
  ctl.set({ overlay: undefined, message: problem ? { text: problem, tone: 'error' } : { text: done[pending.action], tone: 'info' } });
}

function runningVms(ctl: Controller, host: string): string[] {
  const wl = ctl.estate.sim.workloads;
  const h = ctl.estate.sim.hosts.indexOf(host);
  const out: string[] = [];
  for (let w = 0; w < wl.count; w++) if (wl.host[w] === h && wl.stateOf(w) === 'running' && wl.records[w].kind === 'vm') out.push(wl.records[w].name);
  return out;
}
