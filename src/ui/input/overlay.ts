// Keys for whatever is open over the pane: help, the prompt, command output, a
// confirmation, a picker or a form, each bound by id to the keys the keymap gives
// it (keymap.ts CONTEXT_TABLE, which also gives the footer its hints). An open
// overlay takes every key but ctrl-c, so nothing typed into a dialog reaches the
// list behind it.

import { PLATFORMS } from '../../core/model.js';
import type { Controller } from '../controller.js';
import type { ContextCommandId } from '../keymap.js';
import { editLine, type LineEdit, line } from '../line-edit.js';
import { clampScroll, helpPanel, outputRows, PANEL_CHROME, panelInner } from '../panels.js';
import { PROVIDER_LABEL } from '../panes/labels.js';
import { SCROLL_STEPS } from '../scroll.js';
import type { Overlay } from '../state.js';
import { confirm, perform } from './actions.js';
import { complete } from './completion.js';
import { platformOf, readClone, readRequest, switchProvider, withPreview } from './forms.js';
import { handleLogs } from './logs.js';
import { migrateArgs, migrateCapability } from './pick-preview.js';
import { auditOwn } from './policy.js';
import { runPromptLine } from './prompt-commands.js';

type Of<T extends Overlay['type']> = Extract<Overlay, { type: T }>;

/**
 * What each key of an overlay does, by the ids of its bindings in the keymap
 * (keymap.ts CONTEXT_TABLE): the compiler checks each table names every id of
 * its overlay. A handler says whether it took the key.
 */
type Handlers<T extends Overlay['type']> = { readonly [K in ContextCommandId<T>]: (ctl: Controller, o: Of<T>) => boolean };

export function handleOverlay(ctl: Controller, key: string, input: string): boolean {
  const o = ctl.state.overlay;
  if (!o) return false;
  switch (o.type) {
    case 'help':
      return dispatch(ctl, o, key, HELP) || true;
    case 'output':
      return dispatch(ctl, o, key, OUTPUT) || true;
    case 'prompt':
      return dispatch(ctl, o, key, PROMPT) || typed(ctl, key, input, o.edit, (edit) => ({ ...o, edit, completions: [] }));
    case 'confirm':
      return dispatch(ctl, o, key, CONFIRM) || true;
    case 'pick':
      return dispatch(ctl, o, key, PICK) || true;
    case 'form':
      return dispatch(ctl, o, key, FORM) || typedInForm(ctl, o, key, input);
    case 'logs':
      return handleLogs(ctl, o, key, input);
  }
}

/** The handler of the id the key means in this overlay, if any; whether it took the key. */
function dispatch<T extends Overlay['type']>(ctl: Controller, o: Of<T>, key: string, handlers: Handlers<T>): boolean {
  const id = ctl.keymap.inContext(o.type as T, key);
  return id !== undefined && handlers[id](ctl, o);
}

/** Any other key edits the line being typed; an open overlay takes it either way. */
function typed(ctl: Controller, key: string, input: string, edit: LineEdit, next: (edit: LineEdit) => Overlay): true {
  const edited = editLine(edit, key, input);
  if (edited) ctl.set({ overlay: next(edited) });
  return true;
}

function close(ctl: Controller): true {
  ctl.set({ overlay: undefined });
  return true;
}

function cancel(ctl: Controller): true {
  ctl.set({ overlay: undefined, message: { text: 'cancelled', tone: 'info' } });
  return true;
}

/** How far each of the list's keys scrolls a panel of `page` rows. */
const SCROLLS: Readonly<Record<ContextCommandId<'help' | 'output'>, (page: number) => number>> = { ...SCROLL_STEPS, close: () => 0 };

function scroll(ctl: Controller, o: Of<'help'> | Of<'output'>, id: ContextCommandId<'help' | 'output'>): true {
  // The same rows the panel draws, so the scroll stops at the last screenful (k after G moves at once).
  const total = o.type === 'help' ? helpPanel(ctl).length : outputRows(o.lines, panelInner(ctl.width)).length;
  const page = Math.max(1, ctl.layout().bodyRows - PANEL_CHROME);
  const to = clampScroll(o.scroll + SCROLLS[id](page), total, page);
  if (to !== o.scroll) ctl.set({ overlay: { ...o, scroll: to } });
  return true;
}

const SCROLL: { readonly [K in Exclude<ContextCommandId<'help' | 'output'>, 'close'>]: (ctl: Controller, o: Of<'help'> | Of<'output'>) => boolean } = {
  'move.down': (ctl, o) => scroll(ctl, o, 'move.down'),
  'move.up': (ctl, o) => scroll(ctl, o, 'move.up'),
  'page.down': (ctl, o) => scroll(ctl, o, 'page.down'),
  'page.up': (ctl, o) => scroll(ctl, o, 'page.up'),
  'move.top': (ctl, o) => scroll(ctl, o, 'move.top'),
  'move.bottom': (ctl, o) => scroll(ctl, o, 'move.bottom'),
};

const HELP: Handlers<'help'> = { ...SCROLL, close };
const OUTPUT: Handlers<'output'> = { ...SCROLL, close };

function history(ctl: Controller, o: Of<'prompt'>, step: 1 | -1): true {
  const h = ctl.history;
  const index = Math.max(0, Math.min(h.length, o.history + step));
  ctl.set({ overlay: { ...o, history: index, edit: line(h[index] ?? ''), completions: [] } });
  return true;
}

const PROMPT: Handlers<'prompt'> = {
  run: (ctl, o) => {
    runPromptLine(ctl, o.edit.text);
    return true;
  },
  complete: (ctl, o) => {
    const c = complete(ctl, o.edit.text);
    ctl.set({ overlay: { ...o, edit: line(c.text), completions: c.shown } });
    return true;
  },
  'history.back': (ctl, o) => history(ctl, o, -1),
  'history.forward': (ctl, o) => history(ctl, o, 1),
  cancel: close,
};

const toggle = (ctl: Controller, o: Of<'confirm'>): true => {
  ctl.set({ overlay: { ...o, yes: !o.yes } });
  return true;
};

const CONFIRM: Handlers<'confirm'> = {
  'choose.left': toggle,
  'choose.right': toggle,
  accept: (ctl, o) => (o.yes ? yes(ctl, o) : cancel(ctl)),
  yes: (ctl, o) => yes(ctl, o),
  cancel,
};

function yes(ctl: Controller, o: Of<'confirm'>): true {
  perform(ctl, o.pending);
  return true;
}

function pickMove(ctl: Controller, o: Of<'pick'>, to: (cursor: number, count: number) => number): true {
  ctl.set({ overlay: { ...o, cursor: Math.max(0, Math.min(o.options.length - 1, to(o.cursor, o.options.length))) } });
  return true;
}

const PICK: Handlers<'pick'> = {
  'move.down': (ctl, o) => pickMove(ctl, o, (c) => c + 1),
  'move.up': (ctl, o) => pickMove(ctl, o, (c) => c - 1),
  'move.top': (ctl, o) => pickMove(ctl, o, () => 0),
  'move.bottom': (ctl, o) => pickMove(ctl, o, (_, n) => n - 1),
  'page.down': (ctl, o) => pickMove(ctl, o, (c) => c + 10),
  'page.up': (ctl, o) => pickMove(ctl, o, (c) => c - 10),
  choose,
  cancel: close,
};

function choose(ctl: Controller, o: Of<'pick'>): boolean {
  const choice = o.options[o.cursor];
  if (!choice) return close(ctl);
  if (!choice.ok) {
    ctl.flash(`${choice.label}: ${choice.detail}`, 'error');
    return true;
  }
  if (o.purpose === 'balance') {
    const moves = choice.id === 'all' ? o.moves : o.moves.filter((m) => m.workload === choice.id);
    const r = ctl.estate.sim.applyBalance(moves);
    const text = r.refused.length
      ? `${r.started.length} migrations started; ${r.refused.length} refused: ${r.refused.join('; ')}`
      : `${r.started.length} migration${r.started.length === 1 ? '' : 's'} started to balance ${o.cluster}`;
    ctl.set({ overlay: undefined, message: { text, tone: r.refused.length ? 'error' : 'info' } });
    if (r.started.length > 0)
      auditOwn(ctl, `:drs ${o.cluster} (${r.started.length} move${r.started.length === 1 ? '' : 's'}: ${r.started.join(', ')})`, o.cluster);
    return true;
  }
  const v = ctl.estate.sim.workload(o.workload);
  if (!v) return close(ctl);
  if (o.purpose === 'revert') {
    confirm(ctl, { kind: 'perform', workload: o.workload, capability: 'revert', args: { snapshot: choice.id } }, `Revert ${v.name} to ${choice.label}?`, [
      'Changes since the snapshot are lost.',
    ]);
    return true;
  }
  perform(ctl, { kind: 'perform', workload: o.workload, capability: migrateCapability(ctl, o.workload), args: migrateArgs(ctl, o.workload, choice.id) });
  return true;
}

function setForm(ctl: Controller, next: Of<'form'>): true {
  ctl.set({ overlay: withPreview(ctl, next) });
  return true;
}

/** left/right cycle a field's fixed choices; in a field without any they move the cursor (not taken here). */
function cycle(ctl: Controller, o: Of<'form'>, step: 1 | -1): boolean {
  const field = o.fields[o.focus];
  if (!field.choices || field.choices.length === 0) return false;
  const i = field.choices.indexOf(field.edit.text);
  const next = field.choices[(i + step + field.choices.length) % field.choices.length];
  if (field.id === 'provider') {
    const platform = PLATFORMS.find((p) => PROVIDER_LABEL[p] === next) ?? platformOf(o);
    ctl.set({ overlay: switchProvider(ctl, o, platform) });
    return true;
  }
  return setForm(ctl, { ...o, fields: o.fields.map((f, k) => (k === o.focus ? { ...f, edit: line(next) } : f)) });
}

const FORM: Handlers<'form'> = {
  'field.next': (ctl, o) => setForm(ctl, { ...o, focus: (o.focus + 1) % o.fields.length }),
  'field.previous': (ctl, o) => setForm(ctl, { ...o, focus: (o.focus + o.fields.length - 1) % o.fields.length }),
  'choice.previous': (ctl, o) => cycle(ctl, o, -1),
  'choice.next': (ctl, o) => cycle(ctl, o, 1),
  submit: (ctl, o) => submit(ctl, o),
  cancel: close,
};

/** Typing in a form's field; a field with fixed choices is chosen with left/right only. */
function typedInForm(ctl: Controller, o: Of<'form'>, key: string, input: string): true {
  const field = o.fields[o.focus];
  if (field.fixed) return true;
  const edit = editLine(field.edit, key, input);
  if (edit) setForm(ctl, { ...o, fields: o.fields.map((f, k) => (k === o.focus ? { ...f, edit } : f)) });
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
