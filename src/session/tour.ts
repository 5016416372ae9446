// The guided tour: demo/tour.tape, and the rules its console keeps. What the
// tour does is the tour's, not the user's: the speeds it sets, the commands it
// types (the prompt's history) and any theme are never saved to the settings,
// and it cannot write estate files; from the hand-over on, what the user does is
// saved as ever. (Playing it live in a terminal is the --demo mode, cli/demo.ts.)
import { packagePath } from '../config/package-root.js';
import type { Controller, ControllerOptions } from '../ui/controller.js';

export const TOUR_TAPE = packagePath('demo', 'tour.tape');

/** What the console does with the user's settings and files. */
export type ConsoleHooks = Pick<ControllerOptions, 'onSave' | 'onOpen' | 'onSettings' | 'history'>;

/**
 * The hooks the tour's console runs with: until `handOver`, settings are not
 * saved and estate files not written (the tour's speeds, theme and typed commands
 * are not the user's); then the user's own hooks, and the prompt's history back to
 * the user's own, so the tour's lines are neither recalled nor saved with theirs.
 */
export function tourConsole(user: ConsoleHooks): { hooks: ConsoleHooks; handOver(controller: Controller): void } {
  let handed = false;
  const refused = { ok: false, message: 'the tour does not write files: esc leaves it, then :w saves' };
  return {
    hooks: {
      history: user.history,
      onSettings: (patch) => {
        if (handed) user.onSettings?.(patch);
      },
      onSave: (file, options) => (handed && user.onSave ? user.onSave(file, options) : refused),
      onOpen: (file) => (handed && user.onOpen ? user.onOpen(file) : refused),
    },
    handOver(controller) {
      handed = true;
      controller.history.splice(0, controller.history.length, ...(user.history ?? []));
    },
  };
}
