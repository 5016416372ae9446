// Keys of the pane in view: moving through the list, opening and closing
// details, filtering, sorting, and actions on the selected object. With the
// details beside or below the list, j/k move in the list as in k9s and the
// details follow the selection (J/K scroll them); with the details taking the
// whole body, j/k scroll them.
import type { Controller } from '../controller.js';
import { line } from '../line-edit.js';
import { paneDef } from '../panes/index.js';
import { moveCursor, type PaneState } from '../state.js';
import { runAction } from './actions.js';
import { runHostAction } from './host-actions.js';
import { runDr } from './dr-commands.js';

export function handlePane(ctl: Controller, key: string): boolean {
  const command = ctl.keymap.command(key);
  if (!command) return false;
  const id = command.id;
  if (id.startsWith('action.')) return runAction(ctl, id);
  if (id.startsWith('host.')) return runHostAction(ctl, id);
  if (id === 'workload.backup') {
    const t = ctl.target();
    if (t?.type !== 'workload') ctl.flash('Back up: select a VM', 'error');
    else runDr(ctl, 'backup', [t.id]);
    return true;
  }
  if (id.startsWith('sort.')) return sort(ctl, id);
  if (ctl.state.detail && (ctl.layout().listRows === 0 || id === 'back' || id === 'open' || id.startsWith('detail.'))) return detailKey(ctl, id);
  if (id.startsWith('detail.')) {
    ctl.flash(`${ctl.keymap.byId(id)?.description}: open them first (${ctl.keymap.keyOf('open') ?? 'enter'})`);
    return true;
  }
  const s = ctl.state;
  const p = s.panes[s.pane];
  const count = ctl.rows().rows.length;
  const page = Math.max(1, ctl.layout().listRows);
  const move = (to: number) => ctl.set((st) => ({ ...st, panes: { ...st.panes, [st.pane]: moveCursor(p, to, count, page) } }));
  switch (id) {
    case 'move.down':
      move(p.cursor + 1);
      return true;
    case 'move.up':
      move(p.cursor - 1);
      return true;
    case 'move.top':
      move(0);
      return true;
    case 'move.bottom':
      move(count - 1);
      return true;
    case 'page.down':
      move(p.cursor + page);
      return true;
    case 'page.up':
      move(p.cursor - page);
      return true;
    case 'open': {
      const subject = ctl.selected();
      if (!subject) ctl.flash('nothing selected');
      else if (!exists(ctl, subject)) ctl.flash(`${subject.id} no longer exists`, 'error');
      else ctl.set({ detail: subject, detailScroll: 0 });
      return true;
    }
    case 'back':
      if (p.filter) {
        ctl.set((st) => ({ ...st, panes: { ...st.panes, [st.pane]: { ...p, filter: '', cursor: 0, top: 0 } } }));
        return true;
      }
      return false;
    case 'filter':
      ctl.set({ filterEdit: { edit: line(p.filter), before: p.filter } });
      return true;
    default:
      return false;
  }
}

function exists(ctl: Controller, subject: { type: string; id: string }): boolean {
  return subject.type === 'host' ? ctl.estate.sim.host(subject.id) !== undefined : ctl.estate.sim.workload(subject.id)?.state !== undefined;
}

/** Keys for the details: all of them when the details take the whole body, else enter, esc and J/K. */
function detailKey(ctl: Controller, id: string): boolean {
  const scroll = ctl.state.detailScroll;
  const page = Math.max(1, (ctl.layout().detail?.rows ?? 12) - 2);
  switch (id) {
    case 'move.down':
    case 'detail.down':
      ctl.set({ detailScroll: scroll + 1 });
      return true;
    case 'move.up':
    case 'detail.up':
      ctl.set({ detailScroll: Math.max(0, scroll - 1) });
      return true;
    case 'page.down':
      ctl.set({ detailScroll: scroll + page });
      return true;
    case 'page.up':
      ctl.set({ detailScroll: Math.max(0, scroll - page) });
      return true;
    case 'move.top':
      ctl.set({ detailScroll: 0 });
      return true;
    case 'back':
      ctl.set({ detail: undefined, detailScroll: 0 });
      return true;
    case 'open':
      return true;
    case 'filter':
      ctl.flash('close the details (esc) to filter the list');
      return true;
    default:
      return false;
  }
}

/** Shift+letter picks a column (again: reverses); < and > step through the columns; ! reverses. */
function sort(ctl: Controller, id: string): boolean {
  const pane = paneDef(ctl.state.pane);
  const p = ctl.state.panes[ctl.state.pane];
  const sortable = pane.columns.filter((c) => c.sort);
  const current = p.sort;
  let next: PaneState['sort'];
  if (id === 'sort.reverse') {
    if (!current) return flashNoSort(ctl);
    next = { ...current, desc: !current.desc };
  } else if (id === 'sort.next' || id === 'sort.previous') {
    const i = sortable.findIndex((c) => c.id === current?.column);
    const step = id === 'sort.next' ? 1 : -1;
    const column = sortable[(i + step + sortable.length) % sortable.length] ?? sortable[0];
    if (!column) return flashNoSort(ctl);
    next = { column: column.id, desc: column.numeric ?? false };
  } else {
    const column = pane.columns.find((c) => c.sort === id);
    if (!column) {
      ctl.flash(`${pane.title} has no column for ${ctl.keymap.byId(id)?.description.toLowerCase() ?? id}`);
      return true;
    }
    next = current?.column === column.id ? { column: column.id, desc: !current.desc } : { column: column.id, desc: column.numeric ?? false };
  }
  const title = pane.columns.find((c) => c.id === next!.column)?.title ?? next.column;
  ctl.set((s) => ({ ...s, panes: { ...s.panes, [s.pane]: { ...p, sort: next, cursor: 0, top: 0 } }, message: { text: `sorted by ${title} ${next!.desc ? 'descending' : 'ascending'}`, tone: 'info' } }));
  return true;
}

function flashNoSort(ctl: Controller): boolean {
  ctl.flash('this pane is in its natural order; sort first (< or >)');
  return true;
}
