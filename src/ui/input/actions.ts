// Actions on the selected workload. An action is bound only where its provider
// supports it now; a dangerous one asks first, showing the native command that
// does the same, with Cancel chosen. (Read-only mode refuses them all before
// they get here: input/dispatch.ts.)
import { returned } from '../../providers/blocking.js';
import { CAPABILITIES, type CapabilityId } from '../../providers/capabilities.js';
import type { Provider } from '../../providers/provider.js';
import type { Controller } from '../controller.js';
import type { CommandId } from '../keymap.js';
import type { Pending } from '../state.js';
import { createCommand } from './create-command.js';
import { cloneForm, newForm, snapshotForm } from './forms.js';
import { hostCommand, performHost } from './host-commands.js';
import { migrateOptions } from './migrate-options.js';
import { runPodAction } from './pod-actions.js';
import { actionRefusal, authorizeLine } from './policy.js';

/** The provider and capability an action key means for the target, or why it means nothing. */
export function resolveAction(ctl: Controller, commandId: CommandId): { provider: Provider; workload: string; capability: CapabilityId } | { refusal: string } {
  const command = ctl.keymap.byId(commandId);
  if (!command.capability) return { refusal: `${commandId} is not an action` };
  const target = ctl.target();
  if (!target) return { refusal: 'nothing selected' };
  const label = command.description;
  if (target.type !== 'workload') return { refusal: `${label} applies to VMs, containers and cloud VMs, not to hosts` };
  const v = ctl.estate.sim.workload(target.id);
  if (!v || v.state === 'deleted') return { refusal: `${target.id} no longer exists` };
  const provider = ctl.estate.providers.get(v.platform);
  const available = provider.capabilities(v.id).map((c) => c.id);
  let capability = command.capability;
  // One key migrates: live while running, cold while stopped, as the platform allows.
  if (capability === 'live-migrate' && !available.includes('live-migrate') && available.includes('migrate')) capability = 'migrate';
  // One key for templates: mark one, or turn a template back into a VM.
  if (capability === 'mark-template' && available.includes('mark-vm')) capability = 'mark-vm';
  if (!provider.supported.includes(capability))
    return { refusal: `${provider.name} cannot ${CAPABILITIES[capability].label.toLowerCase()} a ${provider.terms.workload}` };
  if (!available.includes(capability) && v.attrs.template === true && (capability === 'start' || capability === 'restart'))
    return { refusal: `${v.name} is a template: c deploys a VM from it, T makes it a VM again` };
  if (!available.includes(capability)) return { refusal: `${CAPABILITIES[capability].label} is not available: ${v.name} is ${v.state}` };
  return { provider, workload: v.id, capability };
}

export function runAction(ctl: Controller, commandId: Extract<CommandId, `action.${string}`>): boolean {
  if (runPodAction(ctl, commandId)) return true;
  if (commandId === 'action.new') {
    ctl.set({ overlay: newForm(ctl) });
    return true;
  }
  const r = resolveAction(ctl, commandId);
  if ('refusal' in r) {
    ctl.flash(r.refusal, 'error');
    return true;
  }
  const { provider, workload, capability } = r;
  const name = ctl.estate.sim.workload(workload)!.name;
  if (capability === 'snapshot') {
    ctl.set({ overlay: snapshotForm(ctl, provider, workload) });
    return true;
  }
  if (capability === 'clone') {
    ctl.set({ overlay: cloneForm(ctl, provider, workload) });
    return true;
  }
  if (capability === 'revert') {
    const tree = ctl.estate.sim.workloadRow(workload)!.snapshots;
    const options = [...tree.list].reverse().map((s) => ({
      id: s.name,
      label: s.name,
      detail: `${s.power}${s.withMemory ? ', with memory' : ''}${tree.current === s.name ? ' (current)' : ''}`,
      ok: true,
    }));
    ctl.set({ overlay: { type: 'pick', purpose: 'revert', workload, title: `Revert ${name} to which ${provider.terms.snapshot}?`, options, cursor: 0 } });
    return true;
  }
  if (capability === 'live-migrate' || capability === 'migrate') {
    const options = migrateOptions(ctl.estate.sim, workload);
    const verb = capability === 'live-migrate' ? 'Live migrate' : 'Migrate (cold)';
    ctl.set({
      overlay: {
        type: 'pick',
        purpose: 'migrate',
        workload,
        title: `${verb} ${name} to which ${provider.terms.host}?`,
        options,
        cursor: Math.max(
          0,
          options.findIndex((o) => o.ok),
        ),
      },
    });
    return true;
  }
  const pending: Pending = { kind: 'perform', workload, capability };
  if (CAPABILITIES[capability].dangerous) confirm(ctl, pending, `${CAPABILITIES[capability].label} ${name}?`, consequences(ctl, workload, capability));
  else perform(ctl, pending);
  return true;
}

/** What else an action takes with it, said in the dialog before it is confirmed. */
function consequences(ctl: Controller, workload: string, capability: CapabilityId): string[] {
  const sim = ctl.estate.sim;
  const id = sim.workloadRow(workload)?.backs;
  if (id === undefined) return [];
  const containers = sim.workloadViews().filter((v) => v.host === id).length;
  const what = `the Docker host ${id}${containers ? ` and its ${containers} container${containers === 1 ? '' : 's'}` : ''}`;
  if (capability === 'delete') return [`It runs ${what}: they are deleted with it.`];
  if (capability === 'stop' || capability === 'force-stop' || capability === 'restart') return [`It runs ${what}: they go down with it.`];
  return [];
}

/**
 * :w [FILE] and :w! [FILE]. A save that would replace a file this estate was not
 * read from asks first (Cancel chosen); a file another program changed since is
 * not replaced unless forced.
 */
export function saveTo(ctl: Controller, file: string | undefined, force: boolean): void {
  if (!ctl.options.onSave) {
    ctl.set({ overlay: undefined, message: { text: 'saving is not available here', tone: 'error' } });
    return;
  }
  const r = ctl.options.onSave(file, { force });
  if (r.ask && file !== undefined) {
    ctl.set({
      overlay: {
        type: 'confirm',
        title: `Replace ${file}?`,
        lines: [r.ask],
        command: `:w! ${file}`,
        pending: { kind: 'save', file },
        yes: false,
        danger: true,
      },
    });
    return;
  }
  ctl.set({ overlay: undefined });
  ctl.flash(r.message, r.ok ? 'info' : 'error');
}

/** Opens the confirmation dialog for a pending action; Cancel is chosen. */
export function confirm(ctl: Controller, pending: Pending, title: string, lines: readonly string[]): void {
  const command =
    pending.kind === 'perform'
      ? ctl.estate.providers.get(ctl.estate.sim.workload(pending.workload)!.platform).nativeCommand(pending.workload, pending.capability, pending.args)
      : pending.kind === 'host'
        ? hostCommand(ctl, pending.host, pending.action)
        : pending.kind === 'save'
          ? `:w! ${pending.file}`
          : pending.kind === 'native'
            ? // Several lines (a posture fix) are shown one a line by the caller; one is the command itself.
              pending.line.includes('\n')
              ? ''
              : pending.line
            : '';
  ctl.set({ overlay: { type: 'confirm', title, lines, command, pending, yes: false, danger: true } });
}

/** Runs a pending action and says what happened. */
export function perform(ctl: Controller, pending: Pending): void {
  if (pending.kind === 'host') return performHost(ctl, pending);
  if (pending.kind === 'save') return saveTo(ctl, pending.file, true);
  if (pending.kind === 'native') {
    // A posture fix is several lines: each in order, through the policy point as any line, stopping at one that fails.
    const lines = pending.line.split('\n');
    // Each returns when the real one would (maintenance mode once the VMs are off), as exec's lines do, so the
    // next starts after it: the clock moves on meanwhile.
    const one = (line: string) => (lines.length > 1 ? returned(ctl.estate.sim, ctl.estate.providers.exec(line)) : ctl.estate.providers.exec(line));
    let r = one(lines[0]);
    for (const line of lines.slice(1)) {
      if (r.exitCode !== 0) break;
      r = one(line);
    }
    const said = (r.exitCode === 0 ? r.stdout || (lines.length > 1 ? `done: ${lines.length} commands` : '') : r.stderr).trim().split('\n')[0] ?? '';
    ctl.set({ overlay: undefined, message: { text: said, tone: r.exitCode === 0 ? 'info' : 'error' } });
    ctl.estate.sim.changed();
    return;
  }
  const providers = ctl.estate.providers;
  // The policy point judges the action as the native command it stands for, which the audit trail records.
  const line =
    pending.kind === 'perform'
      ? providers.get(ctl.estate.sim.workload(pending.workload)?.platform ?? 'vmware').nativeCommand(pending.workload, pending.capability, pending.args)
      : createCommand(ctl.estate, pending.platform, pending.request);
  const denied = actionRefusal(ctl, line);
  if (denied !== undefined) {
    ctl.set({ overlay: ctl.state.overlay?.type === 'form' ? ctl.state.overlay : undefined, message: { text: denied, tone: 'error' } });
    return;
  }
  const gate = authorizeLine(ctl, line);
  const r =
    pending.kind === 'perform'
      ? providers.get(ctl.estate.sim.workload(pending.workload)?.platform ?? 'vmware').perform(pending.workload, pending.capability, pending.args)
      : providers.get(pending.platform).create(pending.request);
  providers.audit(line, gate.object, gate.as, r.ok ? 'succeeded' : 'failed', r.ok ? r.value.message : r.error.message, r.ok);
  // A form that fails stays open with what was typed; anything else closes.
  const keep = !r.ok && ctl.state.overlay?.type === 'form';
  ctl.set({
    overlay: keep ? ctl.state.overlay : undefined,
    message: r.ok ? { text: r.value.message, tone: 'info' } : { text: r.error.message, tone: 'error' },
  });
  ctl.estate.sim.changed();
}
