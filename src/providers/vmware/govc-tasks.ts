// How govc runs vSphere tasks: one object after another, each started and (as a
// rule) waited for before the next, with a line saying how it went.
// Sources: govmomi cli/vm/power.go (Fprintf "Powering on %s... ", then "OK\n"
// once the task is done; with -force an error is printed as "Error: %s\n" and
// the next VM goes on, else it ends the command), cli/command.go (Run: a
// command's error on stderr as "govc: %s\n", exit 1), cli/flags/output.go
// (OutputFlag.Log: each progress line opens with time.Now().Format("[02-01-06
// 15:04:05] ")), vim25/progress/loger.go (the logger's last line: the prefix
// then "OK\n" or "Error: %s\n"; it redraws the line with "\r" while it runs, so
// only that last line is left to read: a line of its own here).

import type { Blocking } from '../blocking.js';
import { clockOf, SIM_EPOCH_MS, two } from '../common.js';
import type { ExecResult } from '../provider.js';

export interface Task {
  /** "Powering on VirtualMachine:vm-1000... ": printed before the task runs, or (logged) with its outcome. */
  readonly prefix: string;
  /** A progress logger's line (vm.clone, vm.migrate, host.maintenance.*): printed whole when the task ends, with the time. */
  readonly logged?: boolean;
  /** Starts it: why it could not, or whether it has finished (polled as simulated time passes), or why it failed on the way. */
  start(): { readonly error: string } | { readonly finished: () => boolean | { readonly error: string } };
}

/** OutputFlag.Log's time stamp, "[02-01-06 15:04:05] " (day-month-year), in simulated time. */
export function logStamp(simMs: number): string {
  const d = new Date(SIM_EPOCH_MS + simMs);
  return `[${two(d.getUTCDate())}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCFullYear() % 100)} ${clockOf(d)}] `;
}

/**
 * Runs `tasks` in turn, each waited for before the next, as govc's loops do.
 * What is printed before the first wait comes at once; the rest when the last
 * task ends. With `force` an error is printed and the next task goes on.
 */
export function runTasks(tasks: readonly Task[], now: () => number, waitingFor: string, force = false): ExecResult {
  let out = '';
  let next = 0;
  let running: { task: Task; finished: () => boolean | { readonly error: string } } | undefined;
  let error: string | undefined;
  let changed = false;
  // Starts tasks until one is still running, an error ends the command, or none are left; true when the command is over.
  const advance = (): boolean => {
    for (;;) {
      if (running) {
        const done = running.finished();
        if (done === false) return false;
        const failed = done === true ? undefined : done.error;
        out += running.task.logged
          ? `${logStamp(now())}${running.task.prefix}${failed === undefined ? 'OK' : `Error: ${failed}`}\n`
          : failed === undefined
            ? 'OK\n'
            : `Error: ${failed}\n`;
        running = undefined;
        if (failed !== undefined && !force) {
          error = failed;
          return true;
        }
      }
      if (error !== undefined || next >= tasks.length) return true;
      const task = tasks[next++];
      if (!task.logged) out += task.prefix;
      const r = task.start();
      if ('error' in r) {
        if (task.logged) out += `${logStamp(now())}${task.prefix}Error: ${r.error}\n`;
        else if (force) out += `Error: ${r.error}\n`;
        if (force) continue;
        error = r.error;
        return true;
      }
      changed = true;
      running = { task, finished: r.finished };
    }
  };
  const result = (from: number): ExecResult => ({
    exitCode: error === undefined ? 0 : 1,
    stdout: out.slice(from),
    stderr: error === undefined ? '' : `govc: ${error}\n`,
    changed,
  });
  if (advance()) return result(0);
  const shown = out.length;
  const blocking: Blocking = { waitingFor, done: advance, answer: () => result(shown) };
  return { exitCode: 0, stdout: out, stderr: '', changed, blocking };
}
