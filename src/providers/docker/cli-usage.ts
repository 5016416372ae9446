// What docker/cli says about its own commands: each command's usage line, short
// description and argument rule (the cobra.Command of cli/command/container/*.go,
// image/list.go, image/pull.go, system/inspect.go, context/*.go), and the words
// of its usage errors, one helper per kind:
//   cmd/docker/docker.go   unknown command          exit 1
//   cli/cobra.go           FlagErrorFunc             exit 125
//   cli/required.go        NoArgs, RequiresMinArgs, RequiresMaxArgs, RequiresRangeArgs, ExactArgs   exit 1
//   cli/command/container/run.go  withHelp ("docker: ..." for run and create)    exit 125
// Every one goes to stderr (cmd/docker/docker.go main prints the error there).
import { table } from '../../core/own.js';
import { failure } from '../exec-result.js';
import type { ExecResult } from '../provider.js';

/** How many arguments a command takes, as cli/required.go (or cobra) checks them. */
export type ArgRule = { none: true } | { min: number } | { max: number } | { exact: number } | { cobraExact: number } | { range: [number, number] };

export interface Usage {
  /** cobra's Use: the usage line after "docker ". */
  readonly use: string;
  readonly short: string;
  readonly aliases?: string;
  readonly args: ArgRule;
}

export const USAGES: Readonly<Record<string, Usage>> = table<Usage>({
  run: {
    use: 'run [OPTIONS] IMAGE [COMMAND] [ARG...]',
    short: 'Create and run a new container from an image',
    aliases: 'docker container run, docker run',
    args: { min: 1 },
  },
  ps: {
    use: 'ps [OPTIONS]',
    short: 'List containers',
    aliases: 'docker container ls, docker container list, docker container ps, docker ps',
    args: { none: true },
  },
  start: {
    use: 'start [OPTIONS] CONTAINER [CONTAINER...]',
    short: 'Start one or more stopped containers',
    aliases: 'docker container start, docker start',
    args: { min: 1 },
  },
  stop: {
    use: 'stop [OPTIONS] CONTAINER [CONTAINER...]',
    short: 'Stop one or more running containers',
    aliases: 'docker container stop, docker stop',
    args: { min: 1 },
  },
  restart: {
    use: 'restart [OPTIONS] CONTAINER [CONTAINER...]',
    short: 'Restart one or more containers',
    aliases: 'docker container restart, docker restart',
    args: { min: 1 },
  },
  kill: {
    use: 'kill [OPTIONS] CONTAINER [CONTAINER...]',
    short: 'Kill one or more running containers',
    aliases: 'docker container kill, docker kill',
    args: { min: 1 },
  },
  pause: {
    use: 'pause CONTAINER [CONTAINER...]',
    short: 'Pause all processes within one or more containers',
    aliases: 'docker container pause, docker pause',
    args: { min: 1 },
  },
  unpause: {
    use: 'unpause CONTAINER [CONTAINER...]',
    short: 'Unpause all processes within one or more containers',
    aliases: 'docker container unpause, docker unpause',
    args: { min: 1 },
  },
  rm: {
    use: 'rm [OPTIONS] CONTAINER [CONTAINER...]',
    short: 'Remove one or more containers',
    aliases: 'docker container rm, docker container remove, docker rm',
    args: { min: 1 },
  },
  inspect: { use: 'inspect [OPTIONS] NAME|ID [NAME|ID...]', short: 'Return low-level information on Docker objects', args: { min: 1 } },
  logs: { use: 'logs [OPTIONS] CONTAINER', short: 'Fetch the logs of a container', aliases: 'docker container logs, docker logs', args: { exact: 1 } },
  port: {
    use: 'port CONTAINER [PRIVATE_PORT[/PROTO]]',
    short: 'List port mappings or a specific mapping for the container',
    aliases: 'docker container port, docker port',
    args: { range: [1, 2] },
  },
  stats: {
    use: 'stats [OPTIONS] [CONTAINER...]',
    short: 'Display a live stream of container(s) resource usage statistics',
    aliases: 'docker container stats, docker stats',
    args: { min: 0 },
  },
  images: { use: 'images [OPTIONS] [REPOSITORY[:TAG]]', short: 'List images', aliases: 'docker image ls, docker image list, docker images', args: { max: 1 } },
  pull: { use: 'pull [OPTIONS] NAME[:TAG|@DIGEST]', short: 'Download an image from a registry', aliases: 'docker image pull, docker pull', args: { exact: 1 } },
  context: { use: 'context', short: 'Manage contexts', args: { none: true } },
  'context ls': { use: 'ls [OPTIONS]', short: 'List contexts', aliases: 'docker context ls, docker context list', args: { none: true } },
  'context show': { use: 'show', short: 'Print the name of the current context', args: { none: true } },
  'context use': { use: 'use CONTEXT', short: 'Set the default docker context', args: { cobraExact: 1 } },
  // cli/command/network/*.go
  network: { use: 'network', short: 'Manage networks', args: { none: true } },
  'network ls': { use: 'ls [OPTIONS]', short: 'List networks', aliases: 'docker network ls, docker network list', args: { none: true } },
  'network create': { use: 'create [OPTIONS] NETWORK', short: 'Create a network', args: { exact: 1 } },
  'network rm': {
    use: 'rm NETWORK [NETWORK...]',
    short: 'Remove one or more networks',
    aliases: 'docker network rm, docker network remove',
    args: { min: 1 },
  },
  'network inspect': { use: 'inspect [OPTIONS] NETWORK [NETWORK...]', short: 'Display detailed information on one or more networks', args: { min: 1 } },
  'network connect': { use: 'connect [OPTIONS] NETWORK CONTAINER', short: 'Connect a container to a network', args: { exact: 2 } },
  'network disconnect': { use: 'disconnect [OPTIONS] NETWORK CONTAINER', short: 'Disconnect a container from a network', args: { exact: 2 } },
  // cli/command/system/*.go
  system: { use: 'system COMMAND', short: 'Manage Docker', args: { none: true } },
  'system df': { use: 'df [OPTIONS]', short: 'Show docker disk usage', args: { none: true } },
  // cli/command/volume/*.go
  volume: { use: 'volume COMMAND', short: 'Manage volumes', args: { none: true } },
  'volume create': { use: 'create [OPTIONS] [VOLUME]', short: 'Create a volume', args: { max: 1 } },
  'volume ls': { use: 'ls [OPTIONS]', short: 'List volumes', aliases: 'docker volume ls, docker volume list', args: { none: true } },
  'volume inspect': { use: 'inspect [OPTIONS] VOLUME [VOLUME...]', short: 'Display detailed information on one or more volumes', args: { min: 1 } },
  'volume rm': {
    use: 'rm [OPTIONS] VOLUME [VOLUME...]',
    short: 'Remove one or more volumes',
    aliases: 'docker volume rm, docker volume remove',
    args: { min: 1 },
  },
  'volume prune': { use: 'prune [OPTIONS]', short: 'Remove unused local volumes', args: { none: true } },
  // cli/command/swarm/*.go, cli/command/node/*.go
  swarm: { use: 'swarm', short: 'Manage Swarm', args: { none: true } },
  'swarm init': { use: 'init [OPTIONS]', short: 'Initialize a swarm', args: { none: true } },
  'swarm join': { use: 'join [OPTIONS] HOST:PORT', short: 'Join a swarm as a node and/or manager', args: { exact: 1 } },
  'swarm join-token': { use: 'join-token [OPTIONS] (worker|manager)', short: 'Manage join tokens', args: { exact: 1 } },
  'swarm leave': { use: 'leave [OPTIONS]', short: 'Leave the swarm', args: { none: true } },
  node: { use: 'node', short: 'Manage Swarm nodes', args: { none: true } },
  'node ls': { use: 'ls [OPTIONS]', short: 'List nodes in the swarm', aliases: 'docker node ls, docker node list', args: { none: true } },
  'node promote': { use: 'promote NODE [NODE...]', short: 'Promote one or more nodes to manager in the swarm', args: { min: 1 } },
  'node demote': { use: 'demote NODE [NODE...]', short: 'Demote one or more nodes from manager in the swarm', args: { min: 1 } },
  'node rm': {
    use: 'rm [OPTIONS] NODE [NODE...]',
    short: 'Remove one or more nodes from the swarm',
    aliases: 'docker node rm, docker node remove',
    args: { min: 1 },
  },
});

/** The root command's usage line (cmd/docker/docker.go: Use). */
const ROOT_USE = 'docker [OPTIONS] COMMAND [ARG...]';

/** "docker context ls": the command path of a command named by its key. */
function path(key: string): string {
  return `docker ${key}`;
}

/** cobra's UseLine: the parent's path and the command's Use (docker disables the flags suffix). */
function usageLine(key: string): string {
  const parent = key.includes(' ') ? path(key.slice(0, key.lastIndexOf(' '))) : 'docker';
  return `${parent} ${USAGES[key].use}`;
}

/** `docker psx`: the root command's own error (cmd/docker/docker.go RunE). */
export function unknownCommand(name: string): ExecResult {
  return failure(`docker: unknown command: docker ${name}\n\nRun 'docker --help' for more information`, 1);
}

/**
 * A flag error (pflag's words: "unknown flag: --x", "unknown shorthand flag: 'x' in -x",
 * "flag needs an argument: --name", "invalid argument ...") with the command's usage:
 * cli/cobra.go FlagErrorFunc, a StatusError with code 125. No "docker: " prefix.
 */
export function flagError(key: string | undefined, error: string): ExecResult {
  const use = key === undefined ? ROOT_USE : usageLine(key);
  const cmd = key === undefined ? 'docker' : path(key);
  return failure(`${error}\n\nUsage:  ${use}\n\nRun '${cmd} --help' for more information`, 125);
}

/** The argument check of cli/required.go (or cobra's ExactArgs), or undefined if the count is right. */
export function argsError(key: string, count: number): ExecResult | undefined {
  const rule = USAGES[key].args;
  const cmd = path(key);
  const tail = (verb: 'See' | 'Run') => `\n\nUsage:  ${usageLine(key)}\n\n${verb} '${cmd} --help' for more information`;
  const plural = (n: number) => (n === 1 ? 'argument' : 'arguments');
  if ('none' in rule) return count === 0 ? undefined : failure(`docker: '${cmd}' accepts no arguments${tail('Run')}`, 1);
  if ('min' in rule) return count >= rule.min ? undefined : failure(`docker: '${cmd}' requires at least ${rule.min} ${plural(rule.min)}${tail('See')}`, 1);
  if ('max' in rule) return count <= rule.max ? undefined : failure(`docker: '${cmd}' requires at most ${rule.max} ${plural(rule.max)}${tail('Run')}`, 1);
  if ('range' in rule) {
    const [least, most] = rule.range;
    if (count >= least && count <= most) return undefined;
    return failure(`docker: '${cmd}' requires at least ${least} and at most ${most} ${plural(most)}${tail('Run')}`, 1);
  }
  if ('exact' in rule) return count === rule.exact ? undefined : failure(`docker: '${cmd}' requires ${rule.exact} ${plural(rule.exact)}${tail('Run')}`, 1);
  return count === rule.cobraExact ? undefined : failure(`accepts ${rule.cobraExact} arg(s), received ${count}`, 1);
}

/** A management command given an unknown subcommand (cli/required.go NoArgs on a command with subcommands). */
export function unknownSubcommand(key: string, word: string): ExecResult {
  return failure(`docker: unknown command: ${path(key)} ${word}\n\nUsage:  ${usageLine(key)}\n\nRun '${path(key)} --help' for more information`, 1);
}

/** run.go withHelp: what `docker run` says of an error, exit 125 (toStatusError). */
export function withHelp(key: 'run', error: string, code = 125): ExecResult {
  return failure(`docker: ${error}\n\nRun '${path(key)} --help' for more information`, code);
}

/** The client's wording of an error the daemon returned (moby client/request.go). */
export function daemonError(message: string): string {
  return `Error response from daemon: ${message}`;
}

/** `docker CMD --help`: the head of cobra's usage template (cli/cobra.go usageTemplate), to stdout. */
export function help(key: string): ExecResult {
  const u = USAGES[key];
  const aliases = u.aliases ? `\nAliases:\n  ${u.aliases}\n` : '';
  const note = '\n(hyperpane: the options of this command are listed at https://docs.docker.com/reference/cli/docker/)\n';
  return { exitCode: 0, stdout: `Usage:  ${usageLine(key)}\n\n${u.short}\n${aliases}${note}`, stderr: '', changed: false };
}
