// Keys for whatever is open over the pane: help, the prompt, command output, a
// confirmation, a picker or a form. An open overlay takes every key but ctrl-c,
// so nothing typed into a dialog reaches the list behind it.
import { PLATFORMS } from '../../core/model.js';
import type { Controller } from '../controller.js';
import { editLine, line } from '../line-edit.js';
import { PROVIDER_LABEL } from '../panes/labels.js';
import type { Overlay } from '../state.js';
import { confirm, perform } from './actions.js';
import { complete } from './completion.js';
import { platformOf, readClone, readRequest, switchProvider, withPreview } from './forms.js';
import { runPromptLine } from './prompt-commands.js';
import { migrateCapability } from './pick-preview.js';
import { clampScroll, helpPanel, outputRows, PANEL_CHROME, panelInner } from '../panels.js';

type Of<T extends Overlay['type']> = Extract<Overlay, { type: T }>;

export function handleOverlay(ctl: Controller, key: string, input: string): boolean {
  const o = ctl.state.overlay;
  if (!o) return false;
  switch (o.type) {
    case 'help':
      return scrollable(ctl, o, key, ['escape', 'q', '?', 'enter']);
    case 'output':
      return scrollable(ctl, o, key, ['escape', 'q', 'enter']);
    case 'prompt':
      return prompt(ctl, o, key, input);
    case 'confirm':
      return dialog(ctl, o, key);
    case 'pick':
      return pick(ctl, o, key);
    case 'form':
      return form(ctl, o, key, input);
  }
}

function close(ctl: Controller): true {
  ctl.set({ overlay: undefined });
  return true;
}

function scrollable(ctl: Controller, o: Of<'help'> | Of<'output'>, key: string, closers: string[]): boolean {
  if (closers.includes(key)) return close(ctl);
  const id = ctl.keymap.command(key)?.id;
  // The same rows the panel draws, so the scroll stops at the last screenful (k after G moves at once).
  const total = o.type === 'help' ? helpPanel(ctl).length : outputRows(o.lines, panelInner(ctl.width)).length;
  const page = Math.max(1, ctl.layout().bodyRows - PANEL_CHROME);
  const delta = id === 'move.down' ? 1 : id === 'move.up' ? -1 : id === 'page.down' ? page : id === 'page.up' ? -page : id === 'move.top' ? -1e9 : id === 'move.bottom' ? 1e9 : 0;
  const scroll = clampScroll(o.scroll + delta, total, page);
  if (scroll !== o.scroll) ctl.set({ overlay: { ...o, scroll } });
  return true;
}

function prompt(ctl: Controller, o: Of<'prompt'>, key: string, input: string): boolean {
  switch (key) {
    case 'escape':
      return close(ctl);
    case 'enter':
      runPromptLine(ctl, o.edit.text);
      return true;
    case 'tab': {
      const c = complete(ctl, o.edit.text);
      ctl.set({ overlay: { ...o, edit: line(c.text), completions: c.shown } });
      return true;
    }
    case 'up':
    case 'down': {
      const h = ctl.history;
      const index = Math.max(0, Math.min(h.length, o.history + (key === 'up' ? -1 : 1)));
      ctl.set({ overlay: { ...o, history: index, edit: line(h[index] ?? ''), completions: [] } });
      return true;
    }
  }
  const edit = editLine(o.edit, key, input);
  if (edit) ctl.set({ overlay: { ...o, edit, completions: [] } });
  return true;
}

function dialog(ctl: Controller, o: Of<'confirm'>, key: string): boolean {
  switch (key) {
    case 'escape':
    case 'n':
      ctl.set({ overlay: undefined, message: { text: 'cancelled', tone: 'info' } });
      return true;
    case 'y':
      perform(ctl, o.pending);
      return true;
    case 'enter':
      if (o.yes) perform(ctl, o.pending);
      else ctl.set({ overlay: undefined, message: { text: 'cancelled', tone: 'info' } });
      return true;
    case 'left':
    case 'right':
    case 'tab':
    case 'shift+tab':
    case 'h':
    case 'l':
      ctl.set({ overlay: { ...o, yes: !o.yes } });
      return true;
    default:
      return true;
  }
}

function pick(ctl: Controller, o: Of<'pick'>, key: string): boolean {
  if (key === 'escape' || key === 'q') return close(ctl);
  const id = ctl.keymap.command(key)?.id;
  const n = o.options.length;
  const to = id === 'move.down' ? o.cursor + 1 : id === 'move.up' ? o.cursor - 1 : id === 'move.top' ? 0 : id === 'move.bottom' ? n - 1 : id === 'page.down' ? o.cursor + 10 : id === 'page.up' ? o.cursor - 10 : undefined;
  if (to !== undefined) {
    ctl.set({ overlay: { ...o, cursor: Math.max(0, Math.min(n - 1, to)) } });
    return true;
  }
  if (key !== 'enter') return true;
  const choice = o.options[o.cursor];
  if (!choice) return close(ctl);
  if (!choice.ok) {
    ctl.flash(`${choice.label}: ${choice.detail}`, 'error');
    return true;
  }
  if (o.purpose === 'balance') {
    const moves = choice.id === 'all' ? o.moves : o.moves.filter((m) => m.workload === choice.id);
    const r = ctl.estate.sim.applyBalance(moves);
    const text = r.refused.length ? `${r.started.length} migrations started; ${r.refused.length} refused: ${r.refused.join('; ')}` : `${r.started.length} migration${r.started.length === 1 ? '' : 's'} started to balance ${o.cluster}`;
    ctl.set({ overlay: undefined, message: { text, tone: r.refused.length ? 'error' : 'info' } });
    return true;
  }
  const v = ctl.estate.sim.workload(o.workload);
  if (!v) return close(ctl);
  if (o.purpose === 'revert') {
    confirm(ctl, { kind: 'perform', workload: o.workload, capability: 'revert', args: { snapshot: choice.id } }, `Revert ${v.name} to ${choice.label}?`, ['Changes since the snapshot are lost.']);
    return true;
  }
  perform(ctl, { kind: 'perform', workload: o.workload, capability: migrateCapability(ctl, o.workload), args: { targetHost: choice.id } });
  return true;
}

function form(ctl: Controller, o: Of<'form'>, key: string, input: string): boolean {
  const field = o.fields[o.focus];
  const set = (next: Of<'form'>) => ctl.set({ overlay: withPreview(ctl, next) });
  switch (key) {
    case 'escape':
      return close(ctl);
    case 'tab':
    case 'down':
      set({ ...o, focus: (o.focus + 1) % o.fields.length });
      return true;
    case 'shift+tab':
    case 'up':
      set({ ...o, focus: (o.focus + o.fields.length - 1) % o.fields.length });
      return true;
    case 'enter':
      return submit(ctl, o);
  }
  if ((key === 'left' || key === 'right') && field.choices && field.choices.length > 0) {
    const i = field.choices.indexOf(field.edit.text);
    const next = field.choices[(i + (key === 'right' ? 1 : -1) + field.choices.length) % field.choices.length];
    if (field.id === 'provider') {
      const platform = PLATFORMS.find((p) => PROVIDER_LABEL[p] === next) ?? platformOf(o);
      ctl.set({ overlay: switchProvider(ctl, o, platform) });
      return true;
    }
    set({ ...o, fields: o.fields.map((f, k) => (k === o.focus ? { ...f, edit: line(next) } : f)) });
    return true;
  }
  if (field.fixed) return true; // chosen with left/right only
  const edit = editLine(field.edit, key, input);
  if (edit) set({ ...o, fields: o.fields.map((f, k) => (k === o.focus ? { ...f, edit } : f)) });
  return true;
}

function submit(ctl: Controller, o: Of<'form'>): boolean {
  if (o.purpose === 'clone') {
    const args = readClone(o);
    if ('error' in args) ctl.flash(args.error, 'error');
    else perform(ctl, { kind: 'perform', workload: o.workload!, capability: 'clone', args });
    return true;
  }
  if (o.purpose === 'snapshot') {
    const name = o.fields[0].edit.text.trim();
    if (!name) {
      ctl.flash('Name: required', 'error');
      return true;
    }
    perform(ctl, { kind: 'perform', workload: o.workload!, capability: 'snapshot', args: { snapshot: name } });
    return true;
  }
  const request = readRequest(o);
  if ('error' in request) {
    ctl.flash(request.error, 'error');
    return true;
  }
  perform(ctl, { kind: 'create', platform: platformOf(o), request });
  return true;
}
