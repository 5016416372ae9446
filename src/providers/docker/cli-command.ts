// What each docker command of the simulation is: its flags and what it does, and
// the pieces several commands share (signals, container timestamps, the
// not-found error).

import type { FlagSpec, ParsedFlags } from '../cli/flags.js';
import { SIM_EPOCH_MS } from '../common.js';
import { failure } from '../exec-result.js';
import type { ExecResult, ProviderWorkload } from '../provider.js';
import { daemonError } from './cli-usage.js';
import type { DockerDriver } from './driver.js';

export interface DockerCommand {
  readonly flags: Readonly<Record<string, FlagSpec>>;
  /** Runs with flags parsed and the argument count checked (cli-usage.ts USAGES). */
  readonly run: (docker: DockerDriver, f: ParsedFlags) => ExecResult;
  /** A management command's subcommands, each with its own flags ("network" holds "ls", "rm"). */
  readonly subcommands?: Readonly<Record<string, DockerCommand>>;
  /** Other names of subcommands (list for ls, remove for rm). */
  readonly subcommandAliases?: Readonly<Record<string, string>>;
}

/** What the client says when no daemon answers (docker/client: ErrorConnectionFailed). */
export const NO_DAEMON = 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?';

/** Runs `go` on the host of the daemon the command talks to (docker-cli.ts picked it), or says there is none. */
export function withDaemon(docker: DockerDriver, go: (host: string) => ExecResult): ExecResult {
  const host = docker.currentHost();
  return host === undefined ? failure(NO_DAEMON, 1) : go(host);
}

/** A subcommand that runs on the daemon's host (network, volume). */
export const onDaemon = (flags: DockerCommand['flags'], run: (docker: DockerDriver, host: string, f: ParsedFlags) => ExecResult): DockerCommand => ({
  flags,
  run: (docker, f) => withDaemon(docker, (host) => run(docker, host, f)),
});

/** The daemon's answer for a name or ID it does not know (moby daemon/container/view.go). */
export function noSuchContainer(name: string): string {
  return daemonError(`No such container: ${name}`);
}

/**
 * A signal as the daemon reads it (moby/sys/signal ParseSignal: a number, or a
 * name with or without "SIG", any case), or an error in its words.
 */
export function parseSignal(raw: string): { signal: string } | { error: string } {
  if (/^[+-]?\d+$/.test(raw)) {
    const n = Number(raw);
    if (n === 0) return { error: `invalid signal: ${raw}` };
    return { signal: NUMBERED[n] ?? String(n) };
  }
  const name = raw.toUpperCase().replace(/^SIG/, '');
  return SIGNALS.includes(name) ? { signal: name } : { error: `invalid signal: ${raw}` };
}

/** signal_linux.go SignalMap (the real-time signals left out). */
const SIGNALS = [
  'ABRT',
  'ALRM',
  'BUS',
  'CHLD',
  'CLD',
  'CONT',
  'FPE',
  'HUP',
  'ILL',
  'INT',
  'IO',
  'IOT',
  'KILL',
  'PIPE',
  'POLL',
  'PROF',
  'PWR',
  'QUIT',
  'SEGV',
  'STKFLT',
  'STOP',
  'SYS',
  'TERM',
  'TRAP',
  'TSTP',
  'TTIN',
  'TTOU',
  'URG',
  'USR1',
  'USR2',
  'VTALRM',
  'WINCH',
  'XCPU',
  'XFSZ',
];
/** Linux signal numbers of the signals the simulation tells apart. */
const NUMBERED: Readonly<Record<number, string>> = { 1: 'HUP', 2: 'INT', 3: 'QUIT', 9: 'KILL', 15: 'TERM' };

/**
 * What a signal does to a container's main process here: KILL kills it at once;
 * TERM, INT and QUIT make it shut down as its stop signal does (the official
 * images' processes exit on them); any other is delivered and changes nothing
 * the simulation models (nginx reloads on HUP, for instance).
 */
export function signalEffect(signal: string): 'kill' | 'stop' | 'none' {
  if (signal === 'KILL') return 'kill';
  return signal === 'TERM' || signal === 'INT' || signal === 'QUIT' ? 'stop' : 'none';
}

/** A time as the Engine API writes it: RFC 3339 in UTC with only the fraction it needs (Go's time.RFC3339Nano). */
export function dockerTime(simMs: number): string {
  const iso = new Date(SIM_EPOCH_MS + simMs).toISOString();
  return iso.replace(/\.(\d+)Z$/, (_, frac: string) => (/^0+$/.test(frac) ? 'Z' : `.${frac.replace(/0+$/, '')}Z`));
}

/**
 * Go's time.Time String() in UTC (the client's zone here): 2026-01-01 00:00:00 +0000 UTC, the fraction of a
 * second after the seconds when there is one (trailing zeros dropped); `wholeSeconds` as time.Unix(sec, 0) gives it.
 */
export function goTimeString(simMs: number, wholeSeconds = false): string {
  const iso = new Date(SIM_EPOCH_MS + (wholeSeconds ? Math.floor(simMs / 1000) * 1000 : simMs)).toISOString();
  const fraction = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 19).replace('T', ' ')}${fraction ? `.${fraction}` : ''} +0000 UTC`;
}

/** The zero time.Time, as a container never started or never finished shows it. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

/** Containers newest first, as the daemon lists them (moby daemon/list.go byCreatedDescending). */
export function newestFirst(list: readonly ProviderWorkload[]): ProviderWorkload[] {
  return list
    .map((c, i) => ({ c, i, at: Number(c.attrs.created ?? 0) }))
    .sort((a, b) => b.at - a.at || b.i - a.i)
    .map((x) => x.c);
}
