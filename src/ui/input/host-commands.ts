// What an action on a host does, and the native command that does the same where
// the platform has one (shown in its dialog): maintenance mode, and the
// simulation's own failure and repair.
import { runSim } from '../../estate/scenario/run.js';
import type { Controller } from '../controller.js';
import type { Pending } from '../state.js';
import { actionRefusal, authorizeLine } from './policy.js';

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

export function performHost(ctl: Controller, pending: Extract<Pending, { kind: 'host' }>): void {
  const line = hostCommand(ctl, pending.host, pending.action);
  const denied = actionRefusal(ctl, line);
  if (denied !== undefined) {
    ctl.set({ overlay: undefined, message: { text: denied, tone: 'error' } });
    return;
  }
  const gate = authorizeLine(ctl, line);
  const problem = runSim(ctl.estate, [pending.action, 'host', pending.host], true);
  ctl.estate.providers.audit(line, pending.host, gate.as, problem ? 'failed' : 'succeeded', problem ?? '', !problem);
  const done: Record<HostAction, string> = {
    'enter-maintenance': `${pending.host} is entering maintenance mode`,
    'exit-maintenance': `${pending.host} left maintenance mode`,
    fail: `${pending.host} failed (simulated)`,
    recover: `${pending.host} is repaired`,
  };
  ctl.set({ overlay: undefined, message: problem ? { text: problem, tone: 'error' } : { text: done[pending.action], tone: 'info' } });
}
