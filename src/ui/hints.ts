// The footer's hints: the keys that work right now, from the keymap (an action
// only where the selected workload's provider supports it now, nothing that
// changes the estate in read-only mode), or the keys of the overlay that is open, from the bindings
// that dispatch them. Each hint carries its command's footer rank from the keymap
// table: on a narrow terminal the highest ranks give way first, so the selected
// object's main actions stay.
import type { Controller } from './controller.js';
import { cells } from './format.js';
import { resolveAction } from './input/actions.js';
import { refusedNow } from './input/commands.js';
import type { CommandId, Context, FooterRank } from './keymap.js';
import { keyLabel } from './keys.js';

export interface Hint {
  readonly key: string;
  readonly label: string;
  readonly rank: FooterRank;
}

/** An overlay's or the filter's hints: its own bindings' (keymap.ts CONTEXT_TABLE), all always shown. */
const contextHints = (ctl: Controller, context: Context): Hint[] => ctl.keymap.contextHints(context).map((h) => ({ ...h, rank: 1 }));

export function hints(ctl: Controller): Hint[] {
  const s = ctl.state;
  if (s.overlay) return contextHints(ctl, s.overlay.type);
  if (s.filterEdit) return contextHints(ctl, 'filter');
  const k = (id: CommandId) => keyLabel(ctl.keymap.keyOf(id) ?? '?');
  /** A command's hint: its first key and footer word, unless told otherwise. */
  const hint = (id: CommandId, label?: string, key?: string): Hint => {
    const footer = ctl.keymap.byId(id).footer;
    return { key: key ?? k(id), label: label ?? footer?.label ?? id, rank: footer?.rank ?? 5 };
  };
  const out: Hint[] = [hint('help')];
  // Nothing read-only mode would refuse is offered (input/dispatch.ts refuses it).
  const offer = (id: CommandId, label?: string) => {
    if (!refusedNow(ctl, id)) out.push(hint(id, label));
  };
  // Esc stops a jump of the clock or a wait for a command before it closes anything.
  if (s.jump) out.push(hint('back', 'stop the jump'));
  else if (s.detail) out.push(hint('back'));
  else if (s.running) out.push(hint('back', 'stop waiting'));
  else if (s.panes[s.pane].filter) out.push(hint('back', 'clear filter'));
  if (s.detail && ctl.layout().listRows === 0) out.push(hint('detail.down', 'scroll', `${k('move.down')}/${k('move.up')}`));
  else {
    if (s.detail) out.push(hint('detail.down', 'scroll details', `${k('detail.down')}/${k('detail.up')}`));
    else out.push(s.pane === 'capacity' ? hint('open', 'outlook') : s.pane === 'alarms' ? hint('open', 'acknowledge') : hint('open'));
    out.push(hint('filter'), hint('sort.next', 'sort', `${k('sort.previous')}/${k('sort.next')}`));
  }
  const target = ctl.target();
  if (s.pane === 'networks' && target?.type === 'workload') offer('network.reach');
  if (target?.type === 'workload') {
    for (const c of ctl.keymap.commands) {
      if (!c.capability || !c.footer) continue;
      const r = resolveAction(ctl, c.id);
      if ('refusal' in r) continue;
      offer(c.id, r.capability === 'mark-vm' ? 'make a VM' : undefined);
    }
    if (ctl.estate.sim.workload(target.id)?.kind === 'vm') offer('workload.backup');
  }
  if (target?.type === 'host') {
    const state = ctl.estate.sim.host(target.id)?.state;
    if (state !== 'failed') offer('host.maintenance', state === 'maintenance' ? 'leave maintenance' : undefined);
    offer('host.balance');
    offer(state === 'failed' ? 'host.recover' : 'host.fail');
  }
  if (s.pane === 'hosts') offer('pane.capacity');
  if (!['events', 'audit', 'posture', 'alarms', 'capacity', 'power', 'hosts', 'kubernetes', 'networks', 'storage'].includes(s.pane)) offer('action.new');
  offer('command');
  offer('clock.pause', s.speed === 0 ? 'run clock' : 'pause');
  offer('quit');
  return out;
}

/** The cells a hint takes in the footer: key, space, label, two spaces. */
export const hintWidth = (h: Hint) => cells(h.key) + cells(h.label) + 3;

/**
 * The hints that fit `width`, in their order: rank by rank (1 first), each hint
 * that still fits is kept, so the least important give way first.
 */
export function fitHints(all: readonly Hint[], width: number): Hint[] {
  const kept = new Set<Hint>();
  let used = 0;
  for (let rank = 1; rank <= 5; rank++) {
    for (const h of all) {
      if (h.rank !== rank || used + hintWidth(h) > width) continue;
      kept.add(h);
      used += hintWidth(h);
    }
  }
  return all.filter((h) => kept.has(h));
}
