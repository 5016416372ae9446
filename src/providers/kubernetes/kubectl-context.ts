// What a kubectl command runs with: the cluster of the current (or --context)
// context, the namespace (-n, or "default"), its parsed flags, the time, and
// standard input for `-f -`; and the ways it answers.
import type { Cluster } from '../../orchestrator/cluster.js';
import { parseSelector, type Requirement } from '../../orchestrator/labels.js';
import type { Context } from '../../orchestrator/runtime.js';
import { type FlagSpec, type ParsedFlags, str } from '../cli/flags.js';
import type { ExecResult } from '../provider.js';
import type { KubernetesDriver } from './driver.js';

export interface Kctl {
  readonly driver: KubernetesDriver;
  readonly cluster: Cluster;
  readonly namespace: string;
  /** -n was given (an object's own namespace must then agree with it). */
  readonly namespaceGiven: boolean;
  readonly flags: ParsedFlags;
  readonly stdin?: string;
  readonly ctx: Context;
  readonly now: number;
}

export interface KubectlCommand {
  readonly flags: Readonly<Record<string, FlagSpec>>;
  /** What `--help` says it does, in a line. */
  readonly short: string;
  run(k: Kctl): ExecResult;
}

export function ok(stdout: string, stderr = ''): ExecResult {
  return { exitCode: 0, stdout, stderr, changed: false };
}

/** kubectl's error exit: "error: ..." (cmdutil.CheckErr), status 1. */
export function error(message: string, stdout = ''): ExecResult {
  return { exitCode: 1, stdout, stderr: `error: ${message}\n`, changed: false };
}

export function usage(command: string, message: string): ExecResult {
  return { exitCode: 1, stdout: '', stderr: `error: ${message}\nSee 'kubectl ${command} -h' for help and examples\n`, changed: false };
}

/** -l's selector, read once for every command that takes it; its parse error as kubectl gives it. */
export function selectorFlag(k: Kctl): { ok: true; value: Requirement[] } | { ok: false; result: ExecResult } {
  const sel = str(k.flags, 'selector');
  if (sel === undefined) return { ok: true, value: [] };
  const parsed = parseSelector(sel);
  return parsed.ok ? parsed : { ok: false, result: error(parsed.error) };
}
