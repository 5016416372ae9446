// Typing a filter: every key edits it and the list follows live; enter keeps it,
// esc puts back the one before. Its keys are bound by id in the keymap
// (keymap.ts CONTEXT_TABLE, which gives the footer its hints too).
import type { Controller } from '../controller.js';
import type { ContextCommandId } from '../keymap.js';
import { editLine } from '../line-edit.js';

const FILTER: { readonly [K in ContextCommandId<'filter'>]: (ctl: Controller, f: NonNullable<Controller['state']['filterEdit']>) => boolean } = {
  keep: (ctl, f) => {
    const pane = ctl.state.pane;
    const error = ctl.rows().filterError;
    ctl.set((s) => ({
      ...s,
      filterEdit: undefined,
      panes: { ...s.panes, [pane]: { ...s.panes[pane], filter: error ? f.before : f.edit.text.trim(), cursor: 0, top: 0 } },
    }));
    if (error) ctl.flash(`filter not applied: ${error}`, 'error');
    return true;
  },
  undo: (ctl, f) => {
    const pane = ctl.state.pane;
    ctl.set((s) => ({ ...s, filterEdit: undefined, panes: { ...s.panes, [pane]: { ...s.panes[pane], filter: f.before, cursor: 0, top: 0 } } }));
    return true;
  },
  // Not taken: the key goes on to the list, so a person can move while filtering.
  'move.down': () => false,
  'move.up': () => false,
  // Tab would leave the pane: while a filter is typed it does nothing.
  stay: () => true,
};

export function handleFilterEdit(ctl: Controller, key: string, input: string): boolean {
  const f = ctl.state.filterEdit;
  if (!f) return false;
  const id = ctl.keymap.inContext('filter', key);
  if (id !== undefined) return FILTER[id](ctl, f);
  const edit = editLine(f.edit, key, input);
  if (!edit) return false;
  const pane = ctl.state.pane;
  ctl.set((s) => ({ ...s, filterEdit: { ...f, edit }, panes: { ...s.panes, [pane]: { ...s.panes[pane], cursor: 0, top: 0 } } }));
  return true;
}
