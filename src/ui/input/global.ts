// Keys that work wherever the focus is (after overlays and the pane had their
// turn): panes, the prompt, help, quit and the clock.
import type { Controller } from '../controller.js';
import { line } from '../line-edit.js';
import { PANE_IDS, type PaneId } from '../panes/types.js';

export function switchPane(ctl: Controller, pane: PaneId): void {
  ctl.set((s) => ({ ...s, pane, detail: undefined, detailScroll: 0, filterEdit: undefined }));
}

export function handleGlobal(ctl: Controller, key: string): boolean {
  const command = ctl.keymap.command(key);
  if (!command) return false;
  const s = ctl.state;
  const i = PANE_IDS.indexOf(s.pane);
  switch (command.id) {
    case 'pane.next':
      switchPane(ctl, PANE_IDS[(i + 1) % PANE_IDS.length]);
      return true;
    case 'pane.previous':
      switchPane(ctl, PANE_IDS[(i + PANE_IDS.length - 1) % PANE_IDS.length]);
      return true;
    case 'pane.hosts':
    case 'pane.vms':
    case 'pane.containers':
    case 'pane.cloud':
    case 'pane.events':
      switchPane(ctl, command.id.slice('pane.'.length) as PaneId);
      return true;
    case 'command':
      ctl.set({ overlay: { type: 'prompt', edit: line(), history: ctl.history.length, completions: [] } });
      return true;
    case 'help':
      ctl.set({ overlay: { type: 'help', scroll: 0 } });
      return true;
    case 'quit':
      ctl.quit();
      return true;
    case 'clock.pause':
      ctl.setSpeed(s.speed === 0 ? s.resumeSpeed : 0);
      ctl.flash(s.speed === 0 ? `clock running at ${s.resumeSpeed}x` : 'clock paused (space resumes)');
      return true;
    case 'clock.faster':
      ctl.stepSpeed(1);
      return true;
    case 'clock.slower':
      ctl.stepSpeed(-1);
      return true;
    default:
      return false;
  }
}
