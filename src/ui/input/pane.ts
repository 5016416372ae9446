// Keys of the pane in view: moving through the list, opening and closing
// details, filtering and sorting. With the details beside or below the list,
// j/k move in the list as in k9s and the details follow the selection (J/K
// scroll them); with the details taking the whole body, j/k scroll them.
// input/commands.ts binds these to their command ids.

import { stateText } from '../../observe/alarms.js';
import type { Controller } from '../controller.js';
import type { CommandId } from '../keymap.js';
import { line } from '../line-edit.js';
import { alarmAt } from '../panes/alarms.js';
import { paneDef } from '../panes/index.js';
import { k8sList } from '../panes/k8s-lists.js';
import { ownerTree } from '../panes/k8s-tree.js';
import { moveCursor, type PaneState } from '../state.js';
import { confirm } from './actions.js';
import { openOutlook } from './outlook.js';

/** The details take the whole body: the list's keys scroll them. */
const detailsOnly = (ctl: Controller) => ctl.state.detail !== undefined && ctl.layout().listRows === 0;

export type MoveId = 'move.down' | 'move.up' | 'move.top' | 'move.bottom' | 'page.down' | 'page.up';

/** j/k, g/G, page keys: the cursor in the list, or the details when they take the whole body. */
export function move(ctl: Controller, id: MoveId): boolean {
  if (detailsOnly(ctl)) return scrollDetails(ctl, id);
  const s = ctl.state;
  const p = s.panes[s.pane];
  const count = ctl.rows().rows.length;
  const page = Math.max(1, ctl.layout().listRows);
  const to: Record<MoveId, number> = {
    'move.down': p.cursor + 1,
    'move.up': p.cursor - 1,
    'move.top': 0,
    'move.bottom': count - 1,
    'page.down': p.cursor + page,
    'page.up': p.cursor - page,
  };
  ctl.set((st) => ({ ...st, panes: { ...st.panes, [st.pane]: moveCursor(p, to[id], count, page) } }));
  return true;
}

/** J/K: the details scroll (once they are open). */
export function detailScroll(ctl: Controller, id: 'detail.down' | 'detail.up'): boolean {
  if (ctl.state.detail) return scrollDetails(ctl, id);
  ctl.flash(`${ctl.keymap.byId(id).description}: open them first (${ctl.keymap.keyOf('open') ?? 'enter'})`);
  return true;
}

export function open(ctl: Controller): boolean {
  if (ctl.state.detail) return true;
  // A deployment opens its owner tree: ReplicaSets, pods, nodes and the hosts under them.
  if (ctl.state.pane === 'k8s-deployments') {
    const row = ctl.rows().rows[ctl.state.panes[ctl.state.pane].cursor];
    if (row === undefined) return true;
    const { cluster, item } = k8sList(ctl.rowContext(), 'Deployment')[row];
    ctl.set({
      overlay: {
        type: 'output',
        title: `${item.metadata.name}: owners and what runs it`,
        lines: ownerTree(ctl.estate, cluster, item),
        scroll: 0,
        failed: false,
      },
    });
    return true;
  }
  // A finding of the posture asks to run its fix.
  if (ctl.state.pane === 'posture') return openFix(ctl);
  if (ctl.state.pane === 'alarms') return answerAlarm(ctl);
  if (ctl.state.pane === 'capacity') return openOutlook(ctl);
  const subject = ctl.selected();
  if (!subject) ctl.flash('nothing selected');
  else if (!exists(ctl, subject)) ctl.flash(`${subject.id} no longer exists`, 'error');
  else ctl.set({ detail: subject, detailScroll: 0 });
  return true;
}

/** Enter on a posture finding: its fix's commands in a dialog (Cancel chosen), run in order on yes. */
function openFix(ctl: Controller): boolean {
  const row = ctl.rows().rows[ctl.state.panes.posture.cursor];
  const f = row === undefined ? undefined : ctl.estate.providers.posture().findings[row];
  if (!f) return true;
  if (!f.fix) {
    ctl.flash(`${f.resource}: no one command fixes this; ${f.finding ?? ''}`, 'error');
    return true;
  }
  confirm(ctl, { kind: 'native', line: f.fix.join('\n') }, `Fix ${f.resource}?`, [f.finding ?? '', '', ...f.fix.map((l) => `$ ${l}`)]);
  return true;
}

/**
 * Enter on an alarm: acknowledge it, or (acknowledged already) reset a vCenter alarm to green or close an Azure
 * alert; asked first, then run as `alarms ack ID` / `alarms reset ID` through the policy point like any line.
 */
function answerAlarm(ctl: Controller): boolean {
  const row = ctl.rows().rows[ctl.state.panes.alarms.cursor];
  if (row === undefined) return true;
  const a = alarmAt({ estate: ctl.estate, events: [] }, row);
  if (!a || a.endedAt !== undefined || a.closedBy !== undefined) {
    ctl.flash(a ? `alarm ${a.id} is ${stateText(a).toLowerCase()}` : 'nothing selected');
    return true;
  }
  const ack = a.acknowledgedBy === undefined;
  const what = ack ? 'Acknowledge' : a.definition.family === 'azure' ? 'Close' : 'Reset to green';
  const line = `alarms ${ack ? 'ack' : 'reset'} ${a.id}`;
  confirm(ctl, { kind: 'native', line }, `${what} alarm ${a.id}?`, [`${a.definition.name} on ${a.subjectName}: ${stateText(a)}`, '', `$ ${line}`]);
  return true;
}

/** Esc: closes the details, else clears the filter; not taken when there is neither. */
export function back(ctl: Controller): boolean {
  if (ctl.state.detail) {
    ctl.set({ detail: undefined, detailScroll: 0 });
    return true;
  }
  const p = ctl.state.panes[ctl.state.pane];
  if (!p.filter) return false;
  ctl.set((st) => ({ ...st, panes: { ...st.panes, [st.pane]: { ...p, filter: '', cursor: 0, top: 0 } } }));
  return true;
}

export function filter(ctl: Controller): boolean {
  if (detailsOnly(ctl)) {
    ctl.flash('close the details (esc) to filter the list');
    return true;
  }
  const p = ctl.state.panes[ctl.state.pane];
  ctl.set({ filterEdit: { edit: line(p.filter), before: p.filter } });
  return true;
}

function exists(ctl: Controller, subject: { type: string; id: string }): boolean {
  return subject.type === 'host' ? ctl.estate.sim.host(subject.id) !== undefined : ctl.estate.sim.workload(subject.id)?.state !== undefined;
}

/** The details scrolled by a key; G has no bottom to go to there (the details' length is the view's to know). */
function scrollDetails(ctl: Controller, id: MoveId | 'detail.down' | 'detail.up'): boolean {
  const scroll = ctl.state.detailScroll;
  const page = Math.max(1, (ctl.layout().detail?.rows ?? 12) - 2);
  const to: Record<MoveId | 'detail.down' | 'detail.up', number | undefined> = {
    'move.down': scroll + 1,
    'detail.down': scroll + 1,
    'move.up': Math.max(0, scroll - 1),
    'detail.up': Math.max(0, scroll - 1),
    'page.down': scroll + page,
    'page.up': Math.max(0, scroll - page),
    'move.top': 0,
    'move.bottom': undefined,
  };
  const next = to[id];
  if (next === undefined) return false;
  ctl.set({ detailScroll: next });
  return true;
}

/** Shift+letter picks a column (again: reverses); < and > step through the columns; ! reverses. */
export function sort(ctl: Controller, id: Extract<CommandId, `sort.${string}`>): boolean {
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
      ctl.flash(`${pane.title} has no column for ${ctl.keymap.byId(id).description.toLowerCase()}`);
      return true;
    }
    next = current?.column === column.id ? { column: column.id, desc: !current.desc } : { column: column.id, desc: column.numeric ?? false };
  }
  const title = pane.columns.find((c) => c.id === next!.column)?.title ?? next.column;
  ctl.set((s) => ({
    ...s,
    panes: { ...s.panes, [s.pane]: { ...p, sort: next, cursor: 0, top: 0 } },
    message: { text: `sorted by ${title} ${next!.desc ? 'descending' : 'ascending'}`, tone: 'info' },
  }));
  return true;
}

function flashNoSort(ctl: Controller): boolean {
  ctl.flash('this pane is in its natural order; sort first (< or >)');
  return true;
}
