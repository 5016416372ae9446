// The footer's hints: the keys that work right now, from the keymap (an action
// only where the selected workload's provider supports it now, nothing dangerous
// in read-only mode), or the keys of the overlay that is open.
import type { Controller } from './controller.js';
import { resolveAction } from './input/actions.js';
import { keyLabel } from './keys.js';
import { table } from '../core/own.js';

export interface Hint {
  readonly key: string;
  readonly label: string;
}

const OVERLAY_HINTS: Readonly<Record<string, Hint[]>> = table<Hint[]>({
  help: [{ key: 'j/k', label: 'scroll' }, { key: 'Esc', label: 'close' }],
  output: [{ key: 'j/k', label: 'scroll' }, { key: 'Esc', label: 'close' }],
  prompt: [{ key: 'Enter', label: 'run' }, { key: 'Tab', label: 'complete' }, { key: '↑/↓', label: 'history' }, { key: 'Esc', label: 'cancel' }],
  confirm: [{ key: '←/→', label: 'choose' }, { key: 'Enter', label: 'confirm' }, { key: 'y', label: 'yes' }, { key: 'Esc', label: 'cancel' }],
  pick: [{ key: 'j/k', label: 'move' }, { key: 'Enter', label: 'choose' }, { key: 'Esc', label: 'cancel' }],
  form: [{ key: 'Tab', label: 'next field' }, { key: '←/→', label: 'choice' }, { key: 'Enter', label: 'create' }, { key: 'Esc', label: 'cancel' }],
});

export function hints(ctl: Controller): Hint[] {
  const s = ctl.state;
  if (s.overlay) return OVERLAY_HINTS[s.overlay.type];
  if (s.filterEdit) return [{ key: 'Enter', label: 'keep filter' }, { key: 'Esc', label: 'undo' }, { key: '↑/↓', label: 'move' }];
  const k = (id: string) => keyLabel(ctl.keymap.keyOf(id) ?? '?');
  const out: Hint[] = [{ key: k('help'), label: 'help' }];
  if (s.detail) out.push({ key: k('back'), label: 'back' }, { key: 'j/k', label: 'scroll' });
  else {
    out.push({ key: k('open'), label: 'details' }, { key: k('filter'), label: 'filter' });
    if (s.panes[s.pane].filter) out.push({ key: k('back'), label: 'clear filter' });
    out.push({ key: '</>', label: 'sort' });
  }
  const target = ctl.target();
  if (target?.type === 'workload') {
    for (const c of ctl.keymap.commands) {
      if (!c.capability || (ctl.readonly && c.dangerous)) continue;
      if ('refusal' in resolveAction(ctl, c.id)) continue;
      out.push({ key: keyLabel(c.keys[0]), label: c.description.replace(/ \(.*\)$/, '').toLowerCase() });
    }
  }
  if (target?.type === 'host' && !ctl.readonly) {
    const state = ctl.estate.sim.host(target.id)?.state;
    if (state !== 'failed') out.push({ key: k('host.maintenance'), label: state === 'maintenance' ? 'leave maintenance' : 'maintenance' });
    out.push({ key: k('host.balance'), label: 'balance' });
    out.push(state === 'failed' ? { key: k('host.recover'), label: 'repair' } : { key: k('host.fail'), label: 'fail' });
  }
  if (!ctl.readonly && s.pane !== 'events' && s.pane !== 'hosts') out.push({ key: k('action.new'), label: 'new' });
  out.push({ key: k('command'), label: 'command' }, { key: 'Space', label: s.speed === 0 ? 'run clock' : 'pause' }, { key: k('quit'), label: 'quit' });
  return out;
}
