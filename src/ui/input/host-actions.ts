// Keys for the selected host: maintenance mode (its VMs move off first), the
// simulation's own failure and repair, balancing its cluster. Entering maintenance
// and failing a host ask first, with Cancel chosen (what each then does, and the
// native command doing the same: host-commands.ts). Read-only mode refuses them
// before they get here (input/dispatch.ts).
import type { Controller } from '../controller.js';
import type { CommandId } from '../keymap.js';
import type { Pending } from '../state.js';
import { confirm } from './actions.js';
import { openBalance } from './balance.js';
import { type HostAction, performHost } from './host-commands.js';

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
    confirm(ctl, pending, `Put ${host.id} in maintenance mode?`, [
      moving.length ? `Its running VMs move off it first: ${moving.join(', ')}.` : 'No VM runs on it.',
      'Nothing new is placed on it until it leaves.',
    ]);
  } else if (action === 'fail') {
    confirm(ctl, pending, `Fail ${host.id}?`, [
      'A simulated failure: everything on it goes down at once.',
      'HA, where its cluster has it, restarts its VMs elsewhere.',
    ]);
  } else performHost(ctl, pending);
  return true;
}

function runningVms(ctl: Controller, host: string): string[] {
  const sim = ctl.estate.sim;
  const h = sim.hostRow(host)?.index;
  const out: string[] = [];
  if (h === undefined) return out;
  const row = sim.workloadCursor();
  for (let w = 0; w < sim.workloadCount; w++) if (row.at(w).hostIndex === h && row.state === 'running' && row.kind === 'vm') out.push(row.name);
  return out;
}
