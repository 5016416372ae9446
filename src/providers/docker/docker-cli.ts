// The docker CLI: the subset this simulation answers, in Docker's own words.
// Parsing as docker/cli does it: global flags up to the command
// (cli/cobra.go HandleGlobalFlags), then the command's flags anywhere among its
// arguments, except for `docker run`, whose options end at the image (run.go
// SetInterspersed(false)); errors worded by cli-usage.ts; the commands
// themselves in cli-containers.ts, cli-lifecycle.ts, cli-images.ts and cli-context.ts.
import { table } from '../../core/own.js';
import { type FlagResult, type FlagSpec, parseFlags } from '../cli/flags.js';
import type { ExecResult } from '../provider.js';
import { type DockerCommand, NO_DAEMON } from './cli-command.js';
import { inspect, run, stats } from './cli-containers.js';
import { context, contextProblem } from './cli-context.js';
import { images, pull } from './cli-images.js';
import { kill, pause, restart, rm, start, stop, unpause } from './cli-lifecycle.js';
import { logs } from './cli-logs.js';
import { network } from './cli-network.js';
import { port } from './cli-port.js';
import { ps } from './cli-ps.js';
import { node, swarm } from './cli-swarm.js';
import { system } from './cli-system.js';
import { argsError, flagError, help, unknownCommand, unknownSubcommand } from './cli-usage.js';
import { volume } from './cli-volume.js';
import type { DockerDriver } from './driver.js';

const COMMANDS: Readonly<Record<string, DockerCommand>> = table<DockerCommand>({
  run,
  ps,
  start,
  stop,
  restart,
  kill,
  pause,
  unpause,
  rm,
  inspect,
  logs,
  port,
  stats,
  images,
  pull,
  context,
  network,
  swarm,
  node,
  volume,
  system,
});

/** The root command's flags this simulation reads (cli/flags/options.go: -H/--host, -c/--context). */
const GLOBAL_FLAGS: Readonly<Record<string, FlagSpec>> = { host: { type: 'string', aliases: ['H'] }, context: { type: 'string', aliases: ['c'] } };

/** How a flag failed, in pflag's words (spf13/pflag errors.go). */
function pflagMessage(r: Extract<FlagResult, { ok: false }>, specs: Readonly<Record<string, FlagSpec>>): string {
  const long = r.flag.startsWith('--');
  const letters = r.flag.slice(1);
  if (r.kind === 'missing-value') return long ? `flag needs an argument: ${r.flag}` : `flag needs an argument: '${letters.slice(-1)}' in ${r.flag}`;
  if (r.kind !== 'bad-value') {
    if (long) return `unknown flag: ${r.flag}`;
    const shorthands = new Set(Object.values(specs).flatMap((s) => (s.aliases ?? []).filter((a) => a.length === 1)));
    const bad = [...letters].find((l) => !shorthands.has(l)) ?? letters[0];
    return `unknown shorthand flag: '${bad}' in ${r.flag}`;
  }
  const name = long ? r.flag.slice(2) : (Object.keys(specs).find((n) => specs[n].aliases?.includes(letters)) ?? letters);
  const spec = specs[name];
  const short = spec?.aliases?.find((a) => a.length === 1);
  const shown = short ? `-${short}, --${name}` : `--${name}`;
  return `invalid argument ${JSON.stringify(r.detail ?? '')} for ${JSON.stringify(shown)} flag: ${cause(name, spec, r.detail ?? '')}`;
}

/** Why a value does not parse, as each flag's type says it (strconv, go-units RAMInBytes, opts.NanoCPUs). */
function cause(name: string, spec: FlagSpec | undefined, value: string): string {
  if (spec?.type === 'boolean') return `strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`;
  if (spec?.type === 'size' || spec?.type === 'bytes')
    return /[0-9.]/.test(value) ? `invalid suffix: '${value.replace(/^[\d.\s]+/, '').toLowerCase()}'` : `invalid size: '${value}'`;
  if (name === 'cpus') return `failed to parse ${value} as a rational number`;
  return `strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`;
}

/** The daemon a command talks to, or why it cannot be reached. */
function daemon(docker: DockerDriver, host: string | undefined, contextName: string | undefined): { host: string } | { error: ExecResult } {
  const fail = (stderr: string): { error: ExecResult } => ({ error: { exitCode: 1, stdout: '', stderr: `${stderr}\n`, changed: false } });
  if (contextName !== undefined) {
    const problem = contextProblem(docker, contextName);
    if (problem) return fail(problem);
    host = contextName;
  }
  // A context whose host is gone (its VM deleted) still names it: nothing answers there, and no other daemon stands in.
  const gone = host === undefined && docker.context !== undefined && !docker.hosts().some((x) => x.id === docker.context) ? docker.context : undefined;
  const target = host ?? gone ?? docker.currentHost();
  if (target === undefined) return fail(NO_DAEMON);
  const h = docker.hosts().find((x) => x.id === target);
  if (!h || h.state === 'failed') return fail(`Cannot connect to the Docker daemon at tcp://${target}:2376. Is the docker daemon running?`);
  return { host: target };
}

/** Runs `docker ARGS...`: global flags, then one command. */
export function dockerCli(docker: DockerDriver, args: readonly string[]): ExecResult {
  let i = 0;
  let host: string | undefined;
  let contextName: string | undefined;
  while (i < args.length && args[i].startsWith('-') && args[i] !== '-') {
    const [flag, inline] = args[i].includes('=') ? [args[i].slice(0, args[i].indexOf('=')), args[i].slice(args[i].indexOf('=') + 1)] : [args[i], undefined];
    const key = flag.replace(/^--?/, '');
    const name = Object.keys(GLOBAL_FLAGS).find((n) => n === key || GLOBAL_FLAGS[n].aliases?.includes(key));
    if (!name || (flag.startsWith('--') ? key.length === 1 : key.length > 1)) {
      const r = parseFlags([args[i]], GLOBAL_FLAGS, 'gnu');
      return flagError(undefined, pflagMessage(r.ok ? { ok: false, kind: 'unknown', flag } : r, GLOBAL_FLAGS));
    }
    const value = inline ?? args[++i];
    if (value === undefined) return flagError(undefined, pflagMessage({ ok: false, kind: 'missing-value', flag }, GLOBAL_FLAGS));
    if (name === 'host') host = value.replace(/^tcp:\/\//, '').replace(/:\d+$/, '');
    else contextName = value;
    i++;
  }
  // cli/command/cli.go: -H and --context name the daemon two ways.
  if (host !== undefined && contextName !== undefined)
    return { exitCode: 1, stdout: '', stderr: 'conflicting options: cannot specify both --host and --context\n', changed: false };
  const name = args[i];
  if (!name)
    return {
      exitCode: 0,
      stdout: `Usage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n\nCommands here: ${Object.keys(COMMANDS).join(', ')}\n`,
      stderr: '',
      changed: false,
    };
  const top = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!top) return unknownCommand(name);
  let rest = args.slice(i + 1);
  // A management command's subcommand has flags of its own (docker network rm -f is --force, ls -f --filter).
  let key = name;
  let cmd = top;
  if (top.subcommands) {
    const sub = rest[0];
    if (sub === undefined) return { ...help(name), stdout: '', stderr: help(name).stdout };
    if (sub === '--help') return help(name);
    if (sub === '-h') return { ...help(name), stderr: 'Flag shorthand -h has been deprecated, use --help\n' };
    if (sub.startsWith('-')) {
      const bad = parseFlags([sub], {}, 'gnu');
      return flagError(name, bad.ok ? `unknown flag: ${sub}` : pflagMessage(bad, {}));
    }
    const canonical = top.subcommandAliases?.[sub] ?? sub;
    const next = Object.hasOwn(top.subcommands, canonical) ? top.subcommands[canonical] : undefined;
    if (!next) return unknownSubcommand(name, sub);
    key = `${name} ${canonical}`;
    cmd = next;
    rest = rest.slice(1);
  }
  // Options end at the image in `docker run`: what follows is the container's command.
  const cut = name === 'run' ? firstPositional(rest, cmd.flags) : rest.indexOf('--') < 0 ? rest.length : rest.indexOf('--');
  const options = rest.slice(0, cut);
  if (options.includes('--help')) return help(key);
  // The persistent -h is deprecated (cli/cobra.go MarkShorthandDeprecated); `docker run -h` is its --hostname.
  if (name !== 'run' && options.includes('-h')) {
    const h = help(key);
    return { ...h, stderr: 'Flag shorthand -h has been deprecated, use --help\n' };
  }
  const parsed = parseFlags(rest.slice(0, name === 'run' ? cut : rest.length), cmd.flags, 'gnu');
  if (!parsed.ok) return flagError(key, pflagMessage(parsed, cmd.flags));
  if (name === 'run') parsed.value.positionals.push(...rest.slice(cut));
  if (name !== 'context') {
    const wrong = argsError(key, parsed.value.positionals.length);
    if (wrong) return wrong;
  }
  if (name === 'context' && host === undefined && contextName === undefined) return cmd.run(docker, parsed.value);
  const target = daemon(docker, host, contextName);
  if ('error' in target) return target.error;
  const previous = docker.context;
  docker.context = target.host;
  try {
    return cmd.run(docker, parsed.value);
  } finally {
    // `docker context use` under -H sets the context for good; otherwise -H is for this command only.
    if (docker.context === target.host) docker.context = previous;
  }
}

/** Index of the first word that is not an option or an option's value. */
function firstPositional(args: readonly string[], flags: Readonly<Record<string, FlagSpec>>): number {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') return i;
    if (!a.startsWith('-') || a === '-') return i;
    if (a.includes('=')) continue;
    const key = a.replace(/^--?/, '');
    if (!a.startsWith('--') && key.length > 1) {
      // A bundle of shorthands (-dit): the last one may take the next word as its value.
      const last = Object.values(flags).find((s) => s.aliases?.includes(key.slice(-1)));
      if (last && last.type !== 'boolean') i++;
      continue;
    }
    const spec = flags[key] ?? Object.values(flags).find((s) => s.aliases?.includes(key));
    if (spec && spec.type !== 'boolean') i++;
  }
  return args.length;
}

export const DOCKER_COMMANDS = Object.keys(COMMANDS);

/** Each command's flags and the root command's, for completion in the console's prompt. */
export const DOCKER_FLAGS: Readonly<Record<string, Readonly<Record<string, FlagSpec>>>> = Object.fromEntries(
  Object.entries(COMMANDS).map(([n, c]) => [n, c.flags]),
);
export { GLOBAL_FLAGS as DOCKER_GLOBAL_FLAGS };
