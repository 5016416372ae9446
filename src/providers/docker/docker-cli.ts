// The docker CLI: the subset this simulation answers, in Docker's own words.
import { RESTART_POLICIES, type RestartPolicy } from '../../core/restart.js';
import { formatMiB } from '../../core/units.js';
import { bool, num, parseFlags, str, type FlagSpec, type ParsedFlags } from '../cli/flags.js';
import { spacedTable } from '../cli/table.js';
import { humanDuration, simIso } from '../common.js';
import { failure, output } from '../exec-result.js';
import type { ExecResult, ProviderWorkload } from '../provider.js';
import type { DockerDriver } from './driver.js';
import { imageId, imageInfo } from './images.js';
import { table } from '../../core/own.js';
import { blockOn, blockOnAll, blockUntilTime, reached, type Until } from '../blocking.js';
import { DOCKER_BLOCKS } from './defaults.js';

type Run = (docker: DockerDriver, f: ParsedFlags) => ExecResult;

interface Command {
  readonly flags: Readonly<Record<string, FlagSpec>>;
  readonly run: Run;
}

const COMMANDS: Readonly<Record<string, Command>> = table<Command>({
  run: {
    flags: {
      detach: { type: 'boolean', aliases: ['d'] },
      name: { type: 'string' },
      memory: { type: 'size', aliases: ['m'] },
      'memory-reservation': { type: 'size' },
      cpus: { type: 'number' },
      'cpu-shares': { type: 'number', aliases: ['c'] },
      restart: { type: 'string' },
      publish: { type: 'string', aliases: ['p'], repeat: true },
      rm: { type: 'boolean' },
      interactive: { type: 'boolean', aliases: ['i'], ignored: true },
      tty: { type: 'boolean', aliases: ['t'], ignored: true },
      env: { type: 'string', aliases: ['e'], ignored: true, repeat: true },
      volume: { type: 'string', aliases: ['v'], ignored: true, repeat: true },
      network: { type: 'string', ignored: true },
      hostname: { type: 'string', ignored: true },
      label: { type: 'string', aliases: ['l'], ignored: true, repeat: true },
      entrypoint: { type: 'string', ignored: true },
      workdir: { type: 'string', aliases: ['w'], ignored: true },
      user: { type: 'string', aliases: ['u'], ignored: true },
      'health-cmd': { type: 'string', ignored: true },
      platform: { type: 'string', ignored: true },
      pull: { type: 'string', ignored: true },
      'log-driver': { type: 'string', ignored: true },
    },
    run: (docker, f) => {
      const [image, ...command] = f.positionals;
      if (!image) return usage('run', '"docker run" requires at least 1 argument.\nSee \'docker run --help\'.\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]');
      const restartText = str(f, 'restart');
      let restart: RestartPolicy | undefined;
      let maxRetries: number | undefined;
      if (restartText !== undefined) {
        const [policy, retries] = restartText.split(':');
        if (!(RESTART_POLICIES as readonly string[]).includes(policy) || (retries !== undefined && (policy !== 'on-failure' || !/^\d+$/.test(retries)))) {
          return failure(`docker: invalid restart policy format: "${restartText}" (use no, on-failure[:max-retries], always or unless-stopped).\nSee 'docker run --help'.`, 125);
        }
        restart = policy === 'no' ? undefined : (policy as RestartPolicy);
        maxRetries = retries === undefined ? undefined : Number(retries);
      }
      if (bool(f, 'rm') && restart) return failure("docker: Conflicting options: --restart and --rm.\nSee 'docker run --help'.", 125);
      const ports = ((f.values.get('publish') as string[] | undefined) ?? []).map((p) => (/^\d+:\d+$/.test(p) ? `0.0.0.0:${p.replace(':', '->')}/tcp` : p)).join(', ');
      const r = docker.run({
        image,
        name: str(f, 'name'),
        memoryLimitMiB: num(f, 'memory'),
        memoryReservationMiB: num(f, 'memory-reservation'),
        cpus: num(f, 'cpus'),
        cpuShares: num(f, 'cpu-shares'),
        restart,
        maxRetries,
        ports,
        command: command.length > 0 ? command.join(' ') : undefined,
        recorded: f.recorded,
      });
      if (!r.ok) {
        const pull = r.error.code === 'no-image' ? `Unable to find image '${image.includes(':') ? image : `${image}:latest`}' locally\n` : '';
        return failure(`${pull}docker: Error response from daemon: ${r.error.message}\nSee 'docker run --help'.`, 125);
      }
      const pulledNote = r.pulled ? `Unable to find image '${image.includes(':') ? image : `${image}:latest`}' locally\n${image.split(':')[1] ?? 'latest'}: Pulling from ${image.includes('/') ? image.split(':')[0] : `library/${image.split(':')[0]}`}\nStatus: Downloaded newer image for ${image.includes(':') ? image : `${image}:latest`}\n` : '';
      // The ID comes once the container runs, the pull included (DOCKER_BLOCKS).
      const id = r.id;
      const name = id.slice(id.indexOf('/') + 1);
      const attached = bool(f, 'detach') ? '' : `(hyperpane: the real docker run without -d stays attached to ${name}'s output until it exits; here it returns once ${name} runs)\n`;
      return { exitCode: 0, stdout: '', stderr: pulledNote, changed: true, blocking: blockOn(docker.sim, id, DOCKER_BLOCKS.run, `${name} to start`, () => ({ exitCode: 0, stdout: docker.containerId(id) + '\n', stderr: attached, changed: true })) };
    },
  },
  ps: {
    flags: { all: { type: 'boolean', aliases: ['a'] }, quiet: { type: 'boolean', aliases: ['q'] }, 'no-trunc': { type: 'boolean' }, size: { type: 'boolean', aliases: ['s'], ignored: true }, filter: { type: 'string', aliases: ['f'], ignored: true } },
    run: (docker, f) => {
      const list = docker.containers().filter((c) => bool(f, 'all') || c.nativeState.startsWith('Up') || c.nativeState.startsWith('Restarting'));
      const id = (c: ProviderWorkload) => (bool(f, 'no-trunc') ? docker.containerId(c.id) : docker.containerId(c.id).slice(0, 12));
      if (bool(f, 'quiet')) return output(list.map(id).join('\n') + (list.length ? '\n' : ''));
      const trunc = (s: string) => (bool(f, 'no-trunc') || s.length <= 20 ? `"${s}"` : `"${s.slice(0, 19)}…"`);
      const rows = list.map((c) => [id(c), c.image, trunc(String(c.attrs.cmd ?? '')), `${humanDuration(docker.sim.now - Number(c.attrs.created ?? 0))} ago`, c.nativeState, String(c.attrs.ports ?? ''), c.name]);
      return output(spacedTable(['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES'], rows) + '\n');
    },
  },
  start: each('start'),
  stop: { ...each('stop'), flags: { time: { type: 'number', aliases: ['t'], ignored: true }, signal: { type: 'string', aliases: ['s'], ignored: true } } },
  restart: { ...each('restart'), flags: { time: { type: 'number', aliases: ['t'], ignored: true } } },
  kill: { ...each('force-stop'), flags: { signal: { type: 'string', aliases: ['s'], ignored: true } } },
  pause: each('pause'),
  unpause: each('resume'),
  rm: {
    flags: { force: { type: 'boolean', aliases: ['f'] }, volumes: { type: 'boolean', aliases: ['v'], ignored: true } },
    run: (docker, f) => eachName(f, 'rm', (name) => {
      const c = docker.find(name);
      if (!c) return `Error response from daemon: No such container: ${name}`;
      if (c.nativeState.startsWith('Up') && !bool(f, 'force')) return `Error response from daemon: cannot remove container "/${c.name}": container is running: stop the container before removing or force remove`;
      const r = docker.perform(c.id, 'delete');
      return r.ok ? undefined : `Error response from daemon: ${r.error.message}`;
    }),
  },
  inspect: {
    flags: { format: { type: 'string', aliases: ['f'], ignored: true }, type: { type: 'string', ignored: true } },
    run: (docker, f) => {
      if (f.positionals.length === 0) return usage('inspect', '"docker inspect" requires at least 1 argument.');
      const found: object[] = [];
      const missing: string[] = [];
      for (const name of f.positionals) {
        const c = docker.find(name);
        if (!c) missing.push(name);
        else found.push(inspect(docker, c));
      }
      const out = JSON.stringify(found, null, 4) + '\n';
      if (missing.length === 0) return output(out);
      return { exitCode: 1, stdout: out, stderr: missing.map((m) => `Error: No such object: ${m}`).join('\n') + '\n', changed: false };
    },
  },
  stats: {
    flags: { 'no-stream': { type: 'boolean' }, all: { type: 'boolean', aliases: ['a'] }, 'no-trunc': { type: 'boolean' }, format: { type: 'string', ignored: true } },
    run: (docker, f) => {
      const names = f.positionals;
      const list = (names.length ? names.map((n) => docker.find(n)).filter((c): c is ProviderWorkload => !!c) : docker.containers()).filter((c) => bool(f, 'all') || names.length > 0 || c.nativeState.startsWith('Up'));
      const host = docker.sim.host(docker.currentHost()!);
      const rows = list.map((c) => {
        const limit = Number(c.attrs.memoryLimitMiB) || host?.memoryMiB || 0;
        const used = (c.memoryPct / 100) * c.memoryMiB;
        const cpuPct = (c.cpuPct * c.cpuMilli) / 1000; // docker stats counts 100% per CPU
        return [docker.containerId(c.id).slice(0, 12), c.name, `${cpuPct.toFixed(2)}%`, `${dockerSize(used)} / ${dockerSize(limit)}`, `${limit ? ((100 * used) / limit).toFixed(2) : '0.00'}%`, '0B / 0B', '0B / 0B', c.nativeState.startsWith('Up') ? '1' : '0'];
      });
      const note = bool(f, 'no-stream') ? '' : '(one sample: this simulation does not stream)\n';
      return output(spacedTable(['CONTAINER ID', 'NAME', 'CPU %', 'MEM USAGE / LIMIT', 'MEM %', 'NET I/O', 'BLOCK I/O', 'PIDS'], rows) + '\n' + note);
    },
  },
  images: {
    flags: { all: { type: 'boolean', aliases: ['a'] }, quiet: { type: 'boolean', aliases: ['q'] }, 'no-trunc': { type: 'boolean', ignored: true } },
    run: (docker, f) => {
      const list = docker.images.list(docker.currentHost() ?? '');
      if (bool(f, 'quiet')) return output(list.map((i) => imageId(i.ref)).join('\n') + (list.length ? '\n' : ''));
      const rows = [...list].reverse().map((i) => [i.ref.repository, i.ref.tag, imageId(i.ref), `${humanDuration(docker.sim.now - i.pulledAt)} ago`, dockerSize(imageInfo(i.ref)?.sizeMiB ?? 0)]);
      return output(spacedTable(['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE'], rows) + '\n');
    },
  },
  pull: {
    flags: { quiet: { type: 'boolean', aliases: ['q'] }, platform: { type: 'string', ignored: true }, 'all-tags': { type: 'boolean', aliases: ['a'], ignored: true } },
    run: (docker, f) => {
      const image = f.positionals[0];
      if (!image) return usage('pull', '"docker pull" requires exactly 1 argument.');
      const r = docker.pull(image);
      if (!r.ok) return failure(`Error response from daemon: ${r.message}`);
      const full = `${r.ref.repository}:${r.ref.tag}`;
      const from = `${r.ref.tag}: Pulling from ${r.ref.repository.includes('/') ? r.ref.repository : `library/${r.ref.repository}`}\n`;
      if (!r.fresh) return output(`${from}Status: Image is up to date for ${full}\n`);
      // The layers download at registry speed before pull returns.
      const done = docker.sim.now + r.pullMs;
      return { exitCode: 0, stdout: from, stderr: '', changed: true, blocking: blockUntilTime(docker.sim, done, `${full} to download`, () => output(`Status: Downloaded newer image for ${full}\n`, true)) };
    },
  },
  context: {
    flags: {},
    run: (docker, f) => {
      const [sub, name] = f.positionals;
      const hosts = docker.hosts().map((h) => h.id);
      if (sub === 'ls' || sub === undefined) {
        const current = docker.currentHost();
        return output(spacedTable(['NAME', 'DESCRIPTION', 'DOCKER ENDPOINT'], hosts.map((h) => [h === current ? `${h} *` : h, 'simulated Docker host', `tcp://${h}:2376`])) + '\n');
      }
      if (sub === 'show') return output(`${docker.currentHost() ?? ''}\n`);
      if (sub === 'use') {
        if (!name || !hosts.includes(name)) return failure(`context "${name ?? ''}" does not exist`);
        docker.context = name;
        return { exitCode: 0, stdout: `${name}\n`, stderr: `Current context is now "${name}"\n`, changed: true };
      }
      return failure(`docker: 'context ${sub}' is not a docker command here (try ls, show, use).`);
    },
  },
});

function each(capability: 'start' | 'stop' | 'restart' | 'force-stop' | 'pause' | 'resume'): Command {
  return {
    flags: {},
    run: (docker, f) =>
      eachName(f, capability === 'force-stop' ? 'kill' : capability, (name) => {
        const c = docker.find(name);
        if (!c) return `Error response from daemon: No such container: ${name}`;
        const id = docker.containerId(c.id);
        const up = c.nativeState.startsWith('Up');
        const paused = c.state === 'paused';
        // What docker does with a container not in the state the verb expects.
        if (capability === 'start' && up) return undefined;
        if (capability === 'stop' && !up) return undefined;
        if (capability === 'restart' && !up) return failIf(docker.perform(c.id, 'start'));
        if (capability === 'force-stop' && !up) return `Error response from daemon: Cannot kill container: ${name}: Container ${id} is not running`;
        if (capability === 'pause' && paused) return `Error response from daemon: cannot pause container ${id}: container is already paused`;
        if (capability === 'pause' && !up) return `Error response from daemon: Container ${id} is not running`;
        if (capability === 'resume' && !paused) return `Error response from daemon: Container ${id} is not paused`;
        return failIf(docker.perform(c.id, capability));
      }, docker, capability === 'start' || capability === 'stop' || capability === 'restart' ? DOCKER_BLOCKS[capability] : undefined),
  };
}

function failIf(r: { ok: true } | { ok: false; error: { message: string } }): string | undefined {
  return r.ok ? undefined : `Error response from daemon: ${r.error.message}`;
}

/**
 * Runs an action on each named container; prints each name that worked, each
 * error that did not. With `until`, the names come once every container acted on
 * has got there (docker start, stop and restart return then: DOCKER_BLOCKS).
 */
function eachName(f: ParsedFlags, verb: string, act: (name: string) => string | undefined, docker?: DockerDriver, until?: Until): ExecResult {
  if (f.positionals.length === 0) return usage(verb, `"docker ${verb}" requires at least 1 argument.`);
  const out: string[] = [];
  const errors: string[] = [];
  const ids: string[] = [];
  for (const name of f.positionals) {
    const error = act(name);
    if (error) errors.push(error);
    else {
      out.push(name);
      const c = docker?.find(name);
      if (c) ids.push(c.id);
    }
  }
  const r = { exitCode: errors.length ? 1 : 0, stdout: out.map((n) => n + '\n').join(''), stderr: errors.map((e) => e + '\n').join(''), changed: out.length > 0 };
  if (!docker || !until || ids.every((id) => reached(docker.sim, id, until))) return r;
  return { ...r, stdout: '', blocking: blockOnAll(docker.sim, ids, until, `${ids.length === 1 ? out[0] : `${ids.length} containers`} to ${verb}`, () => ({ ...r, stderr: '' })) };
}

function inspect(docker: DockerDriver, c: ProviderWorkload): object {
  const w = docker.sim.workloads.indexOf(c.id)!;
  const wl = docker.sim.workloads;
  const running = c.nativeState.startsWith('Up');
  const [policy, retries] = String(c.attrs.restart ?? 'no').split(':');
  return {
    Id: docker.containerId(c.id),
    Created: simIso(Number(c.attrs.created ?? 0)),
    Path: String(c.attrs.cmd ?? '').split(' ')[0],
    State: {
      Status: c.state === 'paused' ? 'paused' : running ? 'running' : wl.restarting[w] ? 'restarting' : c.state === 'provisioning' ? 'created' : 'exited',
      Running: running,
      Paused: c.state === 'paused',
      Restarting: wl.restarting[w] === 1,
      OOMKilled: wl.exitCode[w] === 137,
      ExitCode: Math.max(0, wl.exitCode[w]),
      StartedAt: wl.runningSince[w] >= 0 ? simIso(wl.runningSince[w]) : '0001-01-01T00:00:00Z',
    },
    Image: `sha256:${imageId({ repository: c.image.split(':')[0], tag: c.image.split(':')[1] ?? 'latest' })}`,
    Name: `/${c.name}`,
    RestartCount: wl.restartCount[w],
    HostConfig: {
      Memory: Number(c.attrs.memoryLimitMiB) * 1048576,
      MemoryReservation: Number(c.attrs.memoryReservationMiB) * 1048576,
      NanoCpus: Math.round(Number(c.attrs.cpus) * 1e9),
      CpuShares: wl.shares[w] === 1024 ? 0 : wl.shares[w],
      RestartPolicy: { Name: policy, MaximumRetryCount: retries ? Number(retries) : 0 },
    },
    Config: { Hostname: docker.containerId(c.id).slice(0, 12), Image: c.image, Cmd: String(c.attrs.cmd ?? '').split(' ') },
    Node: { Name: c.host ?? '' },
  };
}

/** Docker's sizes: "24.5MiB", "1.953GiB", "188MB" for images. */
function dockerSize(mib: number): string {
  if (mib >= 1024) return `${(mib / 1024).toFixed(3)}GiB`;
  if (mib >= 1) return `${mib.toFixed(mib >= 100 ? 0 : 1)}MiB`;
  return `${Math.round(mib * 1024)}KiB`;
}

function usage(verb: string, text: string): ExecResult {
  return failure(`docker: ${text.startsWith('"') ? text : text}${text.includes('See') ? '' : `\nSee 'docker ${verb} --help'.`}`, 1);
}

const GLOBAL_FLAGS = ['-H', '--host', '--context', '-c'];

/** Runs `docker ARGS...`: global flags, then one command. */
export function dockerCli(docker: DockerDriver, args: readonly string[]): ExecResult {
  let i = 0;
  let host: string | undefined;
  while (i < args.length && args[i].startsWith('-')) {
    const flag = args[i].split('=')[0];
    if (!GLOBAL_FLAGS.includes(flag)) return failure(`unknown flag: ${flag}\nSee 'docker --help'.`, 125);
    const value = args[i].includes('=') ? args[i].slice(args[i].indexOf('=') + 1) : args[++i];
    host = value?.replace(/^tcp:\/\//, '').replace(/:\d+$/, '');
    i++;
  }
  const name = args[i];
  if (!name) return output(`Usage:  docker [OPTIONS] COMMAND\n\nCommands here: ${Object.keys(COMMANDS).join(', ')}\n`);
  const cmd = COMMANDS[name];
  if (!cmd) return failure(`docker: '${name}' is not a docker command.\nSee 'docker --help'\nhint: this simulation's docker knows: ${Object.keys(COMMANDS).join(', ')}`, 1);
  const rest = args.slice(i + 1);
  // Options end at the image in `docker run`: what follows is the container's command.
  const cut = name === 'run' ? firstPositional(rest, cmd.flags) : rest.length;
  const parsed = parseFlags(rest.slice(0, cut), cmd.flags, 'gnu');
  if (!parsed.ok) {
    if (parsed.kind === 'unknown') return failure(`unknown flag: ${parsed.flag}\nSee 'docker ${name} --help'.`, 125);
    if (parsed.kind === 'missing-value') return failure(`flag needs an argument: ${parsed.flag}\nSee 'docker ${name} --help'.`, 125);
    return failure(`invalid argument "${parsed.detail}" for "${parsed.flag}" flag\nSee 'docker ${name} --help'.`, 125);
  }
  parsed.value.positionals.push(...rest.slice(cut));
  if (host !== undefined) {
    if (!docker.hosts().some((h) => h.id === host)) return failure(`Cannot connect to the Docker daemon at tcp://${host}:2376. Is the docker daemon running?`);
    const previous = docker.context;
    docker.context = host;
    try {
      return cmd.run(docker, parsed.value);
    } finally {
      docker.context = previous;
    }
  }
  return cmd.run(docker, parsed.value);
}

/** Index of the first word that is not an option or an option's value. */
function firstPositional(args: readonly string[], flags: Readonly<Record<string, FlagSpec>>): number {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('-') || a === '-') return i;
    if (a.includes('=') || a.startsWith('--') === false && a.length > 2) continue;
    const key = a.replace(/^--?/, '');
    const spec = flags[key] ?? Object.values(flags).find((s) => s.aliases?.includes(key));
    if (spec && spec.type !== 'boolean') i++;
  }
  return args.length;
}

export const DOCKER_COMMANDS = Object.keys(COMMANDS);
