// Every command a person runs from the console passes here: a key's command
// (input/commands.ts), an app command at the prompt (:backup, prompt-commands.ts)
// and a native line (virsh start ...). Each says whether it changes the estate;
// read-only mode refuses those here, before they run, and so does the policy
// point when the user acting may not (a key's action judged as its native
// command, input/policy.ts; a native line at the prompt is judged by the
// registry as it runs, in the platform's words). What a refused command would
// have opened (a dialog, a picker, a form) never opens, so nothing behind it is
// reached either.
import type { Controller } from '../controller.js';

export interface Dispatched<T> {
  /** Whether it changes the estate. */
  readonly changes: boolean;
  /** What read-only mode says when it refuses it. */
  readonly refusal: string;
  /** The policy point's refusal for the user acting, if it refuses (asked only of a command that changes). */
  readonly judge?: () => string | undefined;
  run(): T;
}

/** Runs a command, unless read-only mode refuses it (then `refused` is what the caller gets). */
export function dispatch<T>(ctl: Controller, command: Dispatched<T>, refused: T): T {
  if (ctl.readonly && command.changes) {
    ctl.flash(`read-only: ${command.refusal} (started with --readonly)`, 'error');
    return refused;
  }
  const denied = command.changes ? command.judge?.() : undefined;
  if (denied !== undefined) {
    ctl.flash(denied, 'error');
    return refused;
  }
  return command.run();
}

/** A refusal's words for a command by its description: "stop (shut down) is not allowed". */
export const notAllowed = (what: string) => `${what.charAt(0).toLowerCase()}${what.slice(1)} is not allowed`;
