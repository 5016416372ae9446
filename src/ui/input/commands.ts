// What each command of the keymap does, by its id: a table the compiler checks
// is complete (a command added to keymap.ts without a line here does not build,
// nor does a line for an id the keymap lacks). Each says whether it changes the
// estate (input/dispatch.ts refuses those in read-only mode); run() says whether
// it took the key (false: the key goes on, as esc with nothing to close).

import { PLATFORMS } from '../../core/model.js';
import type { Controller } from '../controller.js';
import type { CommandId } from '../keymap.js';
import { resolveAction, runAction } from './actions.js';
import { createCommand } from './create-command.js';
import { dispatch, notAllowed } from './dispatch.js';
import { runDr } from './dr-commands.js';
import { openHelp, openPrompt, pauseOrResume, reachFrom, stepPane, switchPane } from './global.js';
import { runHostAction } from './host-actions.js';
import { hostCommand } from './host-commands.js';
import { openLogs } from './logs.js';
import { back, detailScroll, filter, move, open, sort } from './pane.js';
import { showObject } from './pod-actions.js';
import { actionRefusal, ownRefusal } from './policy.js';

export interface KeyCommand {
  /** Whether it changes the estate (read-only mode refuses it and hides it). */
  readonly changes: boolean;
  /** The policy point's refusal for the user acting, on what it would act on now (`record`: write it to the audit trail). */
  readonly judge?: (ctl: Controller, record: boolean) => string | undefined;
  run(ctl: Controller): boolean;
}

const looks = (run: (ctl: Controller) => boolean): KeyCommand => ({ changes: false, run });
const changes = (run: (ctl: Controller) => boolean, judge?: KeyCommand['judge']): KeyCommand => ({ changes: true, run, ...(judge ? { judge } : {}) });
/** A workload action is judged as its native command on the target ("x" on dev-01 as "virsh shutdown dev-01"). */
const action = (id: Extract<CommandId, `action.${string}`>) =>
  changes(
    (ctl) => runAction(ctl, id),
    (ctl, record) => {
      const r = resolveAction(ctl, id);
      return 'refusal' in r ? undefined : actionRefusal(ctl, r.provider.nativeCommand(r.workload, r.capability), record);
    },
  );
const onHost = (id: Extract<CommandId, `host.${string}`>) =>
  changes(
    (ctl) => runHostAction(ctl, id),
    (ctl, record) => {
      const t = ctl.target();
      const host = t?.type === 'host' ? ctl.estate.sim.host(t.id) : undefined;
      if (!host) return undefined;
      if (id === 'host.balance') return ownRefusal(ctl, 'run :drs', record);
      const act =
        id === 'host.maintenance' ? (host.state === 'maintenance' ? 'exit-maintenance' : 'enter-maintenance') : id === 'host.fail' ? 'fail' : 'recover';
      return actionRefusal(ctl, hostCommand(ctl, host.id, act), record);
    },
  );
const sortBy = (id: Extract<CommandId, `sort.${string}`>) => looks((ctl) => sort(ctl, id));
const pane = (id: Parameters<typeof switchPane>[1]) =>
  looks((ctl) => {
    switchPane(ctl, id);
    return true;
  });

export const KEY_COMMANDS: { readonly [K in CommandId]: KeyCommand } = {
  'move.down': looks((ctl) => move(ctl, 'move.down')),
  'move.up': looks((ctl) => move(ctl, 'move.up')),
  'move.top': looks((ctl) => move(ctl, 'move.top')),
  'move.bottom': looks((ctl) => move(ctl, 'move.bottom')),
  'page.down': looks((ctl) => move(ctl, 'page.down')),
  'page.up': looks((ctl) => move(ctl, 'page.up')),
  open: looks(open),
  'detail.down': looks((ctl) => detailScroll(ctl, 'detail.down')),
  'detail.up': looks((ctl) => detailScroll(ctl, 'detail.up')),
  back: looks(back),
  'pane.next': looks((ctl) => stepPane(ctl, 1)),
  'pane.previous': looks((ctl) => stepPane(ctl, -1)),
  'pane.hosts': pane('hosts'),
  'pane.vms': pane('vms'),
  'pane.containers': pane('containers'),
  'pane.cloud': pane('cloud'),
  'pane.events': pane('events'),
  'pane.kubernetes': pane('kubernetes'),
  'pane.networks': pane('networks'),
  'pane.storage': pane('storage'),
  'pane.capacity': pane('capacity'),
  'network.reach': looks(reachFrom),
  filter: looks(filter),
  'sort.next': sortBy('sort.next'),
  'sort.previous': sortBy('sort.previous'),
  'sort.reverse': sortBy('sort.reverse'),
  'sort.name': sortBy('sort.name'),
  'sort.state': sortBy('sort.state'),
  'sort.cpu': sortBy('sort.cpu'),
  'sort.memory': sortBy('sort.memory'),
  'sort.host': sortBy('sort.host'),
  'sort.age': sortBy('sort.age'),
  'sort.platform': sortBy('sort.platform'),
  'sort.group': sortBy('sort.group'),
  'sort.count': sortBy('sort.count'),
  command: looks(openPrompt),
  help: looks(openHelp),
  quit: looks((ctl) => {
    ctl.quit();
    return true;
  }),
  // The clock is the console's, not the estate's to keep: read-only mode lets it run.
  'clock.pause': looks(pauseOrResume),
  'clock.faster': looks((ctl) => {
    ctl.stepSpeed(1);
    return true;
  }),
  'clock.slower': looks((ctl) => {
    ctl.stepSpeed(-1);
    return true;
  }),
  'action.start': action('action.start'),
  'action.stop': action('action.stop'),
  'action.force-stop': action('action.force-stop'),
  'action.restart': action('action.restart'),
  'action.pause': action('action.pause'),
  'action.resume': action('action.resume'),
  'action.suspend': action('action.suspend'),
  'action.snapshot': action('action.snapshot'),
  'action.revert': action('action.revert'),
  'action.clone': action('action.clone'),
  'action.template': action('action.template'),
  'action.migrate': action('action.migrate'),
  'action.deallocate': action('action.deallocate'),
  'action.delete': action('action.delete'),
  // n: offered while the user may create somewhere (judged as each platform's create command; the form's submit is judged again).
  'action.new': changes(
    (ctl) => runAction(ctl, 'action.new'),
    (ctl) => {
      const refusals = PLATFORMS.map((platform) =>
        actionRefusal(ctl, createCommand(ctl.estate, platform, { name: 'new', group: ctl.estate.providers.azure.groups.values().next().value?.name }), false),
      );
      return refusals.every((r) => r !== undefined) ? refusals[0] : undefined;
    },
  ),
  'k8s.describe': looks((ctl) => showObject(ctl, 'describe')),
  'k8s.yaml': looks((ctl) => showObject(ctl, 'yaml')),
  logs: looks((ctl) => (ctl.state.pane === 'kubernetes' || ctl.state.pane.startsWith('k8s-') ? showObject(ctl, 'logs') : openLogs(ctl))),
  'workload.backup': changes(
    (ctl) => {
      const t = ctl.target();
      if (t?.type !== 'workload') ctl.flash('Back up: select a VM', 'error');
      else runDr(ctl, 'backup', [t.id]);
      return true;
    },
    (ctl, record) => ownRefusal(ctl, 'run :backup', record),
  ),
  'host.maintenance': onHost('host.maintenance'),
  'host.balance': onHost('host.balance'),
  'host.fail': onHost('host.fail'),
  'host.recover': onHost('host.recover'),
};

/** A key that names a command of the keymap: its command run; false if it names none, or the command let it go. */
export function runKey(ctl: Controller, key: string): boolean {
  const command = ctl.keymap.command(key);
  if (!command) return false;
  const { changes, run, judge } = KEY_COMMANDS[command.id];
  return dispatch(ctl, { changes, refusal: notAllowed(command.description), judge: () => judge?.(ctl, true), run: () => run(ctl) }, true);
}

/** Whether read-only mode refuses a key's command (and so the help leaves it out). */
export const refusedReadOnly = (ctl: Controller, id: CommandId) => ctl.readonly && KEY_COMMANDS[id].changes;

/** Whether a key's command would be refused now, by read-only mode or the policy point (the footer leaves it out). */
export const refusedNow = (ctl: Controller, id: CommandId) =>
  refusedReadOnly(ctl, id) || (KEY_COMMANDS[id].changes && KEY_COMMANDS[id].judge?.(ctl, false) !== undefined);
