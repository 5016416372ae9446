// Building a native command's answer.
import type { ExecResult } from './provider.js';

export function output(stdout: string, changed = false): ExecResult {
  return { exitCode: 0, stdout: stdout.endsWith('\n') || stdout === '' ? stdout : `${stdout}\n`, stderr: '', changed };
}

export function failure(stderr: string, exitCode = 1, changed = false): ExecResult {
  return { exitCode, stdout: '', stderr: stderr.endsWith('\n') ? stderr : `${stderr}\n`, changed };
}
