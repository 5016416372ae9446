// The logs view's keys: l opens the selected workload's log (:logs NAME... several
// at once), / filters (text marks each match; /regex/ keeps the lines it
// matches), f follows the newest line, the list's keys scroll, esc closes.

import type { Controller } from '../controller.js';
import type { ContextCommandId } from '../keymap.js';
import { editLine, line } from '../line-edit.js';
import { logArgs } from '../log-args.js';
import { logRows } from '../log-rows.js';
import { clampScroll, PANEL_CHROME, SCROLL_STEPS } from '../scroll.js';
import type { Overlay } from '../state.js';

type Logs = Extract<Overlay, { type: 'logs' }>;

/** l: the selected workload's log. */
export function openLogs(ctl: Controller): boolean {
  const target = ctl.target();
  if (target?.type !== 'workload') {
    ctl.flash('select a VM or a container to read its log (in the Kubernetes pane, a pod)');
    return true;
  }
  showLogs(ctl, [target.id]);
  return true;
}

/** Opens the logs view on these workloads (and pods, by their kubectl logs arguments), following. */
export function showLogs(ctl: Controller, workloads: readonly string[], kubectl?: readonly string[]): void {
  ctl.set({ overlay: { type: 'logs', workloads, ...(kubectl ? { kubectl } : {}), filter: '', follow: true, scroll: 0 } });
}

/**
 * `docker logs -f NAME` and `kubectl logs -f ...` at the prompt: the line is checked as written without
 * its -f (a mistake answers as the tool would), then the logs view follows it, as the terminal would.
 * False when the line is not one of those.
 */
export function followLogs(ctl: Controller, line: string): boolean {
  const words = line.trim().split(/\s+/);
  const tool = words[0];
  if (words[1] !== 'logs' || (tool !== 'docker' && tool !== 'kubectl')) return false;
  const args = logArgs(tool, words.slice(2));
  if (args.follow !== true) return false;
  // The view stamps each line itself: kubectl's own stamps and prefixes are left to it.
  const rest = tool === 'kubectl' ? args.rest.filter((w) => w !== '--prefix' && !w.startsWith('--timestamps')) : args.rest;
  const probe = ctl.estate.providers.exec(`${tool} logs --tail 0 ${rest.join(' ')}`);
  const name = args.positionals[0];
  const id = tool === 'docker' && name !== undefined ? ctl.estate.providers.docker.find(name)?.id : undefined;
  if (probe.exitCode !== 0 || (tool === 'docker' && id === undefined)) {
    const said = probe.exitCode !== 0 ? probe.stderr : `Error response from daemon: No such container: ${name ?? ''}\n`;
    ctl.set({ overlay: { type: 'output', title: `$ ${line.trim()}`, lines: said.replace(/\n$/, '').split('\n'), scroll: 0, failed: true } });
    return true;
  }
  if (tool === 'kubectl') showLogs(ctl, [], [rest.join(' ')]);
  else showLogs(ctl, [id!]);
  return true;
}

/** Rows the view has room for. */
export const logRoom = (ctl: Controller) => Math.max(1, ctl.layout().bodyRows - PANEL_CHROME);

/** The first row shown: the last screenful while following, else where it was scrolled to. */
export function firstRow(ctl: Controller, o: Logs, total: number): number {
  return o.follow ? Math.max(0, total - logRoom(ctl)) : clampScroll(o.scroll, total, logRoom(ctl));
}

const STEPS: Readonly<Record<Exclude<ContextCommandId<'logs'>, 'filter' | 'follow' | 'close'>, (page: number) => number>> = SCROLL_STEPS;

/** A key in the logs view: typing the filter, or one of its bindings. */
export function handleLogs(ctl: Controller, o: Logs, key: string, input: string): boolean {
  if (o.edit) {
    if (key === 'enter') ctl.set({ overlay: { ...o, filter: o.edit.text, edit: undefined, scroll: 0 } });
    else if (key === 'escape') ctl.set({ overlay: { ...o, edit: undefined } });
    else {
      const edited = editLine(o.edit, key, input);
      if (edited) ctl.set({ overlay: { ...o, edit: edited } });
    }
    return true;
  }
  const id = ctl.keymap.inContext('logs', key);
  if (id === undefined) return true;
  if (id === 'close') ctl.set({ overlay: undefined });
  else if (id === 'filter') ctl.set({ overlay: { ...o, edit: line(o.filter) } });
  else if (id === 'follow') ctl.set({ overlay: { ...o, follow: !o.follow, scroll: firstRow(ctl, o, total(ctl, o)) } });
  else {
    const n = total(ctl, o);
    const page = logRoom(ctl);
    const to = clampScroll(firstRow(ctl, o, n) + STEPS[id](page), n, page);
    // Scrolling up stops following; reaching the bottom (G) follows again, as k9s's autoscroll does.
    ctl.set({ overlay: { ...o, scroll: to, follow: id === 'move.bottom' } });
  }
  return true;
}

const total = (ctl: Controller, o: Logs) => logRows(ctl.estate, o.workloads, o.filter, o.kubectl).rows.length;
