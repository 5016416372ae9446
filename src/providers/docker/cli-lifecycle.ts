// docker start, stop, restart, kill, pause, unpause and rm: each container named
// in turn, the names that worked on stdout and the daemon's errors on stderr, in
// the words of docker/cli cli/command/container/{start,stop,restart,kill,pause,
// unpause,rm}.go and of the daemon (moby daemon/{start,stop,kill,pause,unpause,
// delete}.go, daemon/container/container.go GetRunningTask). start, stop and
// restart return once every container got there (DOCKER_BLOCKS); the rest at once.
import type { Action } from '../../core/lifecycle.js';
import { blockOnAll, reached } from '../blocking.js';
import { bool, type ParsedFlags, str } from '../cli/flags.js';
import type { ExecResult, ProviderWorkload } from '../provider.js';
import { type DockerCommand, noSuchContainer, parseSignal, signalEffect } from './cli-command.js';
import { forgetVolumes } from './cli-containers.js';
import { daemonError, flagError } from './cli-usage.js';
import { DEFAULT_STOP_TIMEOUT_S, DOCKER_BLOCKS } from './defaults.js';
import type { DockerDriver } from './driver.js';
import { mountsOf } from './mounts.js';
import { dockerState } from './status.js';

/** What one name came to: printed, or an error; and the container to wait for, if any. */
type Outcome = { ok: true; wait?: string } | { ok: false; error: string };

const done = (wait?: string): Outcome => ({ ok: true, wait });
const refused = (error: string): Outcome => ({ ok: false, error });

/** The daemon's state word for a container, as its checks read it. */
function stateOf(docker: DockerDriver, c: ProviderWorkload) {
  return dockerState(docker.sim.workloadRow(c.id)!);
}

/** Runs a lifecycle action through the core; a refusal becomes the daemon's error. */
function act(docker: DockerDriver, c: ProviderWorkload, action: Action, killAfterMs?: number): Outcome {
  const r = docker.sim.act(c.id, action, killAfterMs === undefined ? undefined : { killAfterMs });
  if (!r.ok) return refused(daemonError(r.error.message));
  return done(r.value.length > 0 ? c.id : undefined);
}

/**
 * restart of a container that is not running: a start (the core asks the
 * driver, which binds its published ports), its refusal in the daemon's restart
 * words (moby daemon/restart.go: "Cannot restart container %s: %v").
 */
function startForRestart(docker: DockerDriver, c: ProviderWorkload, name: string): Outcome {
  const r = docker.sim.act(c.id, 'start');
  if (!r.ok) return refused(daemonError(`Cannot restart container ${name}: ${r.error.message}`));
  return done(r.value.length > 0 ? c.id : undefined);
}

/** The "Cannot connect" a client gets from a daemon that went down under it. */
function hostDown(docker: DockerDriver, id: string): string | undefined {
  const c = docker.sim.workload(id);
  const host = c?.host === undefined ? undefined : docker.sim.host(c.host);
  return host && host.state === 'failed' ? `Cannot connect to the Docker daemon at tcp://${host.id}:2376. Is the docker daemon running?` : undefined;
}

/**
 * Each name in turn; stdout the names that worked, stderr the errors, exit 1 if
 * any failed. `block` waits for the containers acted on; `summary` adds start's
 * last line ("failed to start containers: a, b").
 */
function each(
  docker: DockerDriver,
  f: ParsedFlags,
  verb: string,
  one: (name: string, c: ProviderWorkload) => Outcome,
  opts: { block?: boolean; summary?: (failed: string[]) => string; prefix?: string } = {},
): ExecResult {
  const names: string[] = [];
  const waits: (string | undefined)[] = [];
  const errors: string[] = [];
  const failed: string[] = [];
  for (const name of f.positionals) {
    const c = docker.find(name);
    const r = c ? one(name, c) : refused(noSuchContainer(name));
    if (r.ok) {
      names.push(name);
      waits.push(r.wait);
    } else {
      errors.push(r.error);
      failed.push(name);
    }
  }
  const answer = (): ExecResult => {
    // A name is printed when its container got there; one whose daemon went down meanwhile is an error.
    const out: string[] = [];
    const late: string[] = [];
    names.forEach((n, i) => {
      const down = waits[i] === undefined ? undefined : hostDown(docker, waits[i]!);
      if (down) {
        late.push(down);
        failed.push(n);
      } else out.push(n);
    });
    const errs = [...errors, ...late];
    const summary = failed.length && opts.summary ? [opts.summary(failed)] : [];
    return {
      exitCode: errs.length ? 1 : 0,
      stdout: out.map((n) => `${n}\n`).join(''),
      stderr: (opts.prefix ?? '') + [...errs, ...summary].map((e) => `${e}\n`).join(''),
      changed: names.length > 0,
    };
  };
  const ids = waits.filter((w): w is string => w !== undefined);
  if (!opts.block) return answer();
  const until = DOCKER_BLOCKS[verb as 'start' | 'stop' | 'restart'];
  if (ids.every((id) => reached(docker.sim, id, until))) return answer();
  const what = ids.length === 1 ? names[waits.indexOf(ids[0])] : `${ids.length} containers`;
  return { exitCode: 0, stdout: '', stderr: '', changed: true, blocking: blockOnAll(docker.sim, ids, until, `${what} to ${verb}`, answer) };
}

/** --timeout/-t and the deprecated --time of stop and restart (cobra IntVarP), as ms to wait before the kill, or an error to print. */
function stopTimeout(verb: 'stop' | 'restart', f: ParsedFlags): { ms: number; warning: string } | { error: ExecResult } {
  const timeout = str(f, 'timeout');
  const time = str(f, 'time');
  // pflag prints the deprecation as it parses (flag.go: "Flag --%s has been deprecated, %s").
  const warning = time !== undefined ? 'Flag --time has been deprecated, use --timeout instead\n' : '';
  for (const [flag, raw] of [
    ['-t, --timeout', timeout],
    ['--time', time],
  ] as const) {
    if (raw !== undefined && parseGoInt(raw) === undefined)
      return {
        error: withWarning(warning, flagError(verb, `invalid argument "${raw}" for "${flag}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`)),
      };
  }
  if (timeout !== undefined && time !== undefined)
    return {
      error: withWarning(warning, { exitCode: 1, stdout: '', stderr: 'conflicting options: cannot specify both --timeout and --time\n', changed: false }),
    };
  const given = timeout ?? time;
  const seconds = given === undefined ? DEFAULT_STOP_TIMEOUT_S : parseGoInt(given)!;
  return { ms: seconds < 0 ? -1 : seconds * 1000, warning };
}

function withWarning(warning: string, r: ExecResult): ExecResult {
  return { ...r, stderr: warning + r.stderr };
}

/** strconv.ParseInt(s, 0, 64) for the values people type: decimal, 0x hex, 0 octal. */
function parseGoInt(s: string): number | undefined {
  const m = /^([+-]?)(?:0[xX]([0-9a-fA-F]+)|0([0-7]+)|(\d+))$/.exec(s);
  if (!m) return undefined;
  const n = m[2] ? parseInt(m[2], 16) : m[3] ? parseInt(m[3], 8) : Number(m[4]);
  return m[1] === '-' ? -n : n;
}

/**
 * How stop's --signal ends the container: a KILL at once, anything else as its
 * stop signal (then the kill at the deadline). A bad one is the daemon's error,
 * wrapped as ContainerStop ("cannot stop container: web: ...") and
 * ContainerRestart ("Cannot restart container web: ...") wrap it (moby
 * daemon/stop.go, daemon/restart.go).
 */
function stopSignal(f: ParsedFlags): { kill: boolean } | { error: (name: string) => string } {
  const raw = str(f, 'signal');
  if (raw === undefined || raw === '') return { kill: false };
  const s = parseSignal(raw);
  return 'error' in s ? { error: (wrap) => daemonError(`${wrap}: ${s.error}`) } : { kill: s.signal === 'KILL' };
}

export const start: DockerCommand = {
  flags: {
    attach: { type: 'boolean', aliases: ['a'], ignored: true },
    interactive: { type: 'boolean', aliases: ['i'], ignored: true },
    'detach-keys': { type: 'string', ignored: true },
  },
  run: (docker, f) =>
    each(
      docker,
      f,
      'start',
      (_name, c) => {
        // Running, paused or restarting is Running to the daemon: nothing to do (304 Not Modified).
        const s = stateOf(docker, c);
        if (s === 'running' || s === 'paused' || s === 'restarting') return done();
        if (c.state === 'provisioning') return done(c.id);
        // The core asks the driver as it starts it: a published port another container holds refuses it.
        return act(docker, c, 'start');
      },
      { block: true, summary: (failed) => `failed to start containers: ${failed.join(', ')}` },
    ),
};

export const stop: DockerCommand = {
  flags: { timeout: { type: 'string', aliases: ['t'] }, time: { type: 'string' }, signal: { type: 'string', aliases: ['s'] } },
  run: (docker, f) => {
    const t = stopTimeout('stop', f);
    if ('error' in t) return t.error;
    const sig = stopSignal(f);
    return each(
      docker,
      f,
      'stop',
      (name, c) => {
        const s = stateOf(docker, c);
        if (s !== 'running' && s !== 'paused' && s !== 'restarting') return done(); // already stopped: 304 Not Modified
        if ('error' in sig) return refused(sig.error(`cannot stop container: ${name}`));
        // A restarting container waits out its back-off: stopping it calls the restart off.
        if (s === 'restarting') return act(docker, c, 'stop');
        if (c.state === 'stopping') return done(c.id); // a stop under way: wait for it
        if (sig.kill) return act(docker, c, 'force-stop');
        return act(docker, c, 'stop', t.ms);
      },
      { block: true, prefix: t.warning },
    );
  },
};

export const restart: DockerCommand = {
  flags: { timeout: { type: 'string', aliases: ['t'] }, time: { type: 'string' }, signal: { type: 'string', aliases: ['s'] } },
  run: (docker, f) => {
    const t = stopTimeout('restart', f);
    if ('error' in t) return t.error;
    const sig = stopSignal(f);
    return each(
      docker,
      f,
      'restart',
      (name, c) => {
        if ('error' in sig && (c.state === 'running' || c.state === 'paused')) return refused(sig.error(`Cannot restart container ${name}`));
        const kill = 'kill' in sig && sig.kill;
        if (c.state === 'running' && !kill) return act(docker, c, 'restart', t.ms);
        if (c.state === 'paused') {
          // The daemon unpauses a paused container so it gets the stop signal (moby daemon/kill.go), then stops and starts it.
          const resumed = act(docker, c, 'resume');
          return resumed.ok ? act(docker, c, 'restart', kill ? 0 : t.ms) : resumed;
        }
        if (c.state === 'running' || c.state === 'booting' || c.state === 'stopping') {
          // Killed (with -s KILL, or mid-start or mid-stop, which the simulation cannot stop twice), then started.
          const killed = act(docker, c, 'force-stop');
          return killed.ok ? act(docker, c, 'start') : killed;
        }
        if (c.state === 'provisioning') return done(c.id);
        return startForRestart(docker, c, name);
      },
      { block: true, prefix: t.warning },
    );
  },
};

export const kill: DockerCommand = {
  flags: { signal: { type: 'string', aliases: ['s'] } },
  run: (docker, f) => {
    const raw = str(f, 'signal');
    const parsed = raw === undefined || raw === '' ? { signal: 'KILL' } : parseSignal(raw);
    return each(docker, f, 'kill', (_name, c) => {
      if ('error' in parsed) return refused(daemonError(parsed.error));
      const s = stateOf(docker, c);
      const id = docker.containerId(c.id);
      // A restarting container is Running to the daemon: the kill calls its restart off (kill.go: ExitOnNext).
      if (s === 'restarting') return act(docker, c, 'force-stop');
      if (s !== 'running' && s !== 'paused') return refused(daemonError(`container ${id} is not running`));
      const effect = signalEffect(parsed.signal);
      if (effect === 'kill') return act(docker, c, 'force-stop');
      if (effect === 'stop' && c.state !== 'stopping') {
        // The process shuts down on it, in its own time; kill does not wait (kill.go killWithSignal).
        const r = act(docker, c, 'stop', -1);
        return r.ok ? done() : r;
      }
      return done();
    });
  },
};

export const pause: DockerCommand = {
  flags: {},
  run: (docker, f) =>
    each(docker, f, 'pause', (_name, c) => {
      const s = stateOf(docker, c);
      const id = docker.containerId(c.id);
      if (s === 'paused') return refused(daemonError(`container ${id} is already paused`));
      if (s === 'restarting') return refused(daemonError(`Container ${id} is restarting, wait until the container is running`));
      if (s !== 'running') return refused(daemonError(`container ${id} is not running`));
      const r = act(docker, c, 'pause');
      return r.ok ? done() : r;
    }),
};

export const unpause: DockerCommand = {
  flags: {},
  run: (docker, f) =>
    each(docker, f, 'unpause', (_name, c) => {
      if (c.state !== 'paused') return refused(daemonError(`Container ${docker.containerId(c.id)} is not paused`));
      const r = act(docker, c, 'resume');
      return r.ok ? done() : r;
    }),
};

export const rm: DockerCommand = {
  flags: {
    force: { type: 'boolean', aliases: ['f'] },
    volumes: { type: 'boolean', aliases: ['v'] },
    link: { type: 'boolean', aliases: ['l'], ignored: true },
  },
  run: (docker, f) => {
    if (f.positionals.some((n) => n === '')) return { exitCode: 1, stdout: '', stderr: 'container name cannot be empty\n', changed: false };
    return each(docker, f, 'rm', (name, c) => {
      const s = stateOf(docker, c);
      // moby daemon/delete.go cleanupContainer: a running container goes only with --force (killed, then removed).
      const cannot = (why: string) => refused(daemonError(`cannot remove container ${JSON.stringify(name)}: ${why}`));
      if (!bool(f, 'force')) {
        if (s === 'paused') return cannot('container is paused and must be unpaused first');
        if (s === 'running' || s === 'restarting') return cannot(`container is ${s}: stop the container before removing or force remove`);
      }
      const mounts = mountsOf(c.attrs);
      const host = c.host;
      const r = act(docker, c, 'delete');
      // -v: "Remove anonymous volumes associated with the container": those it had made without a name, not one it
      // mounted by name, nor one another container uses.
      if (r.ok && bool(f, 'volumes') && host !== undefined) forgetVolumes(docker, host, mounts, c.id);
      return r.ok ? done() : r;
    });
  },
};
