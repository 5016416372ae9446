// Typing a filter: every key edits it and the list follows live; enter keeps it,
// esc puts back the one before.
import type { Controller } from '../controller.js';
import { editLine } from '../line-edit.js';

export function handleFilterEdit(ctl: Controller, key: string, input: string): boolean {
  const f = ctl.state.filterEdit;
  if (!f) return false;
  const pane = ctl.state.pane;
  if (key === 'escape') {
    ctl.set((s) => ({ ...s, filterEdit: undefined, panes: { ...s.panes, [pane]: { ...s.panes[pane], filter: f.before, cursor: 0, top: 0 } } }));
    return true;
  }
  if (key === 'enter') {
    const error = ctl.rows().filterError;
    ctl.set((s) => ({ ...s, filterEdit: undefined, panes: { ...s.panes, [pane]: { ...s.panes[pane], filter: error ? f.before : f.edit.text.trim(), cursor: 0, top: 0 } } }));
    if (error) ctl.flash(`filter not applied: ${error}`, 'error');
    return true;
  }
  const edit = editLine(f.edit, key, input);
  if (edit) {
    ctl.set((s) => ({ ...s, filterEdit: { ...f, edit }, panes: { ...s.panes, [pane]: { ...s.panes[pane], cursor: 0, top: 0 } } }));
    return true;
  }
  // Keys that do not edit (arrows up and down, tab) fall through, so a person can move while filtering.
  return key === 'tab' || key === 'shift+tab';
}
