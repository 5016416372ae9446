// Building a native command's answer.
import type { ExecResult } from './provider.js';

export function output(stdout: string, changed = false): ExecResult {
  return { exitCode: 0, stdout: stdout.endsWith('\n') || stdout === '' ? stdout : `${stdout}\n`, stderr: '', changed };
}

export function failure(stderr: string, exitCode = 1, changed = false): ExecResult {
  return { exitCode, stdout: '', stderr: stderr.endsWith('\n') ? stderr : `${stderr}\n`, changed };
}

/** Whether a value is a command's answer already (an error to pass on), rather than what a step worked out. */
export const isExecResult = (x: unknown): x is ExecResult => typeof x === 'object' && x !== null && 'exitCode' in x;
