// Keys that work wherever the focus is (after overlays and the pane had their
// turn): panes, the prompt, help, quit and the clock. input/commands.ts binds
// them to their command ids.
import type { Controller } from '../controller.js';
import { line } from '../line-edit.js';
import { tabOf } from '../panes/index.js';
import { type PaneId, TAB_IDS } from '../panes/types.js';

export function switchPane(ctl: Controller, pane: PaneId): void {
  ctl.set((s) => ({ ...s, pane, detail: undefined, detailScroll: 0, filterEdit: undefined }));
}

/** tab and shift+tab: the next or previous pane, round the end. */
export function stepPane(ctl: Controller, step: 1 | -1): boolean {
  const i = TAB_IDS.indexOf(tabOf(ctl.state.pane) as (typeof TAB_IDS)[number]);
  switchPane(ctl, TAB_IDS[(i + step + TAB_IDS.length) % TAB_IDS.length]);
  return true;
}

export function openPrompt(ctl: Controller): boolean {
  ctl.set({ overlay: { type: 'prompt', edit: line(), history: ctl.history.length, completions: [] } });
  return true;
}

/** In the Networks pane, the prompt opened on ":reach NAME " for the selected workload: the user adds where to and the port. */
export function reachFrom(ctl: Controller): boolean {
  if (ctl.state.pane !== 'networks') return false;
  const subject = ctl.selected();
  const w = subject?.type === 'workload' ? ctl.estate.sim.workload(subject.id) : undefined;
  if (!w) {
    ctl.flash('select a NIC or a backend: reach asks from its workload');
    return true;
  }
  ctl.set({ overlay: { type: 'prompt', edit: line(`reach ${w.id} `), history: ctl.history.length, completions: [] } });
  return true;
}

export function openHelp(ctl: Controller): boolean {
  ctl.set({ overlay: { type: 'help', scroll: 0 } });
  return true;
}

export function pauseOrResume(ctl: Controller): boolean {
  const s = ctl.state;
  ctl.setSpeed(s.speed === 0 ? s.resumeSpeed : 0);
  ctl.flash(s.speed === 0 ? `clock running at ${s.resumeSpeed}x` : 'clock paused (space resumes)');
  return true;
}
