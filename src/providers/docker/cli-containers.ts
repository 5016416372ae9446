// docker run, ps, inspect and stats, in docker/cli's words and layouts
// (cli/command/container/{run,create,list,stats,formatter_stats}.go,
// cli/command/formatter/container.go, cli/command/system/inspect.go) and the
// daemon's (moby daemon/list.go, api/types/container).

import { KILLED_AT } from '../../core/commands/act.js';
import { EXIT_KILLED } from '../../core/lifecycle.js';
import { CONTROL_CHARS } from '../../core/validate.js';
import { blockOn } from '../blocking.js';
import { bool, num, str } from '../cli/flags.js';
import { failure } from '../exec-result.js';
import type { ExecResult, ProviderWorkload } from '../provider.js';
import { type DockerCommand, dockerTime, newestFirst, noSuchContainer, ZERO_TIME } from './cli-command.js';
import { daemonError, withHelp } from './cli-usage.js';
import { volumesFull, volumeUsers } from './cli-volume.js';
import {
  aliasRefused,
  endpointsOf,
  joinAtStart,
  joinRefusal,
  membershipsOf,
  membershipsText,
  NETWORKS_ATTR,
  PREDEFINED_NETWORKS,
} from './container-networks.js';
import { DOCKER_BLOCKS } from './defaults.js';
import type { DockerDriver } from './driver.js';
import { formattedList, goContext } from './format-flag.js';
import { dockerTable, truncateId } from './formatter.js';
import { bytesSize, formatF, humanSizeWithPrecision } from './go-units.js';
import { type ImageRef, imageDigest, imageInfo, parseRef, refPath } from './images.js';
import { inspectTemplate } from './inspect-format.js';
import { MAX_MOUNTS_TEXT, MOUNTS_ATTR, type Mount, mountsOf, mountsText, parseVolumeSpec, propagationOf } from './mounts.js';
import type { DockerNetwork } from './networks.js';
import { blockingBinding, heldBindings, namedBindings, PUBLISH_ATTR, portTakenError, publishedPorts } from './ports.js';
import { dockerState, failedStart, NEVER_STARTED, START_ERROR, START_ERROR_AT, shownExitCode } from './status.js';
import { mountpoint, volumeNameProblem } from './volumes.js';

const RESTART_NAMES = ['no', 'always', 'on-failure', 'unless-stopped'];

/** The attribute that keeps the image reference as `docker run` was given it. */
const IMAGE_AS_GIVEN = 'imageAsGiven';

/** The image as the daemon reports it: as given to docker run, or the estate's own reference. */
export function imageShown(c: ProviderWorkload): string {
  return String(c.attrs[IMAGE_AS_GIVEN] ?? c.image);
}

/**
 * --restart as the client parses it (docker/cli opts/parse.go ParseRestartPolicy)
 * and the daemon checks it (moby api/types/container/hostconfig.go ValidateRestartPolicy).
 */
function restartPolicy(text: string | undefined): { name: string; retries: number } | { client: string } | { daemon: string } {
  if (text === undefined || text === '') return { name: 'no', retries: 0 };
  const colon = text.indexOf(':');
  const name = colon < 0 ? text : text.slice(0, colon);
  const count = colon < 0 ? '' : text.slice(colon + 1);
  if (colon >= 0 && name === '') return { client: 'invalid restart policy format: no policy provided before colon' };
  if (count !== '' && !/^[+-]?\d+$/.test(count)) return { client: 'invalid restart policy format: maximum retry count must be an integer' };
  const retries = count === '' ? 0 : Number(count);
  if (!RESTART_NAMES.includes(name))
    return { daemon: `invalid restart policy: unknown policy '${name}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'` };
  if (name !== 'on-failure' && retries !== 0)
    return { daemon: `invalid restart policy: maximum retry count can only be used with 'on-failure'${retries < 0 ? ' and cannot be negative' : ''}` };
  if (retries < 0) return { daemon: 'invalid restart policy: maximum retry count cannot be negative' };
  return { name, retries };
}

/** reference.FamiliarString with the default tag: "nginx:latest", "grafana/grafana:11". */
function familiar(ref: ImageRef): string {
  return `${ref.repository}:${ref.tag}`;
}

/** Why a reference does not parse, as distribution/reference normalize.go ParseNormalizedNamed says it. */
export function badReference(image: string): string {
  const slash = image.indexOf('/');
  const first = slash < 0 ? '' : image.slice(0, slash);
  // splitDockerDomain: the first part is a registry if it looks like one (a dot, a colon, localhost, capitals).
  const hasDomain = slash >= 0 && (first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first);
  let remainder = hasDomain ? image.slice(slash + 1) : image;
  if (!hasDomain && !remainder.includes('/')) remainder = `library/${remainder}`;
  const colon = remainder.indexOf(':');
  const remote = colon < 0 ? remainder : remainder.slice(0, colon);
  return remote.toLowerCase() !== remote ? `invalid reference format: repository name (${remote}) must be lowercase` : 'invalid reference format';
}

/** The pull `docker run` does when the image is missing (create.go pullImage), as it prints it on stderr. */
export function pullLines(ref: ImageRef, status: 'new' | 'up to date'): { head: string; tail: string } {
  const head = `${ref.tag}: Pulling from ${refPath(ref)}\n`;
  const tail = `Digest: sha256:${imageDigest(ref)}\nStatus: ${status === 'new' ? 'Downloaded newer image' : 'Image is up to date'} for ${familiar(ref)}\n`;
  return { head, tail };
}

export const run: DockerCommand = {
  flags: {
    detach: { type: 'boolean', aliases: ['d'] },
    name: { type: 'string' },
    // RAMInBytes: a bare number is bytes, "256m" MiB.
    memory: { type: 'bytes', aliases: ['m'] },
    'memory-reservation': { type: 'bytes' },
    cpus: { type: 'number' },
    'cpu-shares': { type: 'number', aliases: ['c'] },
    restart: { type: 'string' },
    publish: { type: 'string', aliases: ['p'], repeat: true },
    rm: { type: 'boolean' },
    quiet: { type: 'boolean', aliases: ['q'] },
    interactive: { type: 'boolean', aliases: ['i'], ignored: true },
    tty: { type: 'boolean', aliases: ['t'], ignored: true },
    env: { type: 'string', aliases: ['e'], ignored: true, repeat: true },
    volume: { type: 'string', aliases: ['v'], repeat: true },
    mount: { type: 'string', repeat: true },
    // --net is the hidden old spelling (opts.go: flags.MarkHidden("net")).
    network: { type: 'string', aliases: ['net'], repeat: true },
    'network-alias': { type: 'string', aliases: ['net-alias'], repeat: true },
    hostname: { type: 'string', aliases: ['h'] },
    label: { type: 'string', aliases: ['l'], ignored: true, repeat: true },
    entrypoint: { type: 'string', ignored: true },
    workdir: { type: 'string', aliases: ['w'], ignored: true },
    user: { type: 'string', aliases: ['u'] },
    privileged: { type: 'boolean' },
    'health-cmd': { type: 'string', ignored: true },
    platform: { type: 'string', ignored: true },
    pull: { type: 'string', ignored: true },
    'log-driver': { type: 'string', ignored: true },
    init: { type: 'boolean', ignored: true },
  },
  run: (docker, f) => {
    const [image, ...command] = f.positionals;
    const restart = restartPolicy(str(f, 'restart'));
    if ('client' in restart) return withHelp('run', restart.client);
    // opts.go parse: the client refuses --rm with a restart policy before it asks the daemon anything.
    if (bool(f, 'rm') && !('name' in restart && restart.name === 'no')) return withHelp('run', 'conflicting options: cannot specify both --restart and --rm');
    if (f.values.has('mount')) return failure('(hyperpane: --mount is not simulated; -v NAME:/path, -v /path and -v /host/path:/path mount the same)', 125);
    // -v as the client splits it (volumespec.Parse), before it asks the daemon anything.
    // The client keeps -v values in a map (opts.go copts.volumes.GetMap): a spec given twice is one.
    const volumeSpecs = [...new Set((f.values.get('volume') as string[] | undefined) ?? [])].map(parseVolumeSpec);
    const clientBad = volumeSpecs.find((m): m is { client: string } => 'client' in m);
    if (clientBad) return withHelp('run', clientBad.client);
    const ref = parseRef(image);
    if (!ref) return withHelp('run', badReference(image));
    if ('daemon' in restart) return withHelp('run', daemonError(restart.daemon));
    const quiet = bool(f, 'quiet');
    const unable = quiet ? '' : `Unable to find image '${familiar(ref)}' locally\n`;
    // The registry refuses a name it does not have (moby daemon/containerd/image_pull.go).
    if (!imageInfo(ref)) {
      const denied = withHelp('run', daemonError(`pull access denied for ${ref.repository}, repository does not exist or may require 'docker login'`));
      return { ...denied, stderr: unable + denied.stderr };
    }
    // --network "" is the default bridge (opts.go: an empty NetworkMode is "default"); API 1.44 (Docker 25) and later
    // take it more than once (opts/network.go, parseNetworkOpts).
    const terms = ((f.values.get('network') as string[] | undefined) ?? ['']).map((t) => t || 'bridge');
    const special = (t: string) => t === 'host' || t === 'none' || t === 'default' || t.startsWith('container:');
    if (terms.length > 1 && terms.some(special))
      return withHelp('run', 'conflicting options: cannot attach both user-defined and non-user-defined network-modes');
    const twice = terms.find((t, i) => terms.indexOf(t) !== i);
    if (twice !== undefined) return withHelp('run', `network "${twice}" is specified multiple times`);
    const given = (f.values.get('publish') as string[] | undefined) ?? [];
    // opts.go parse: the client refuses published ports in another container's namespace.
    if (terms[0]!.startsWith('container:') && given.length > 0)
      return withHelp('run', 'conflicting options: port publishing and the container type network mode');
    const daemonHost = docker.currentHost();
    // The daemon's own reading of the mounts, as it creates the container: a spec it cannot read, a volume name the
    // local driver refuses, a target given twice (daemon/volumes.go registerMountPoints).
    const specified = volumeSpecs.filter((m): m is Mount => 'type' in m);
    // An anonymous volume on a target another mount has is not made (create_unix.go: HasMountFor): the named ones and
    // binds are registered first, then each anonymous one unless its target is taken by then.
    const named = specified.filter((m) => !m.anonymous);
    const mounts = [...named];
    for (const m of specified) if (m.anonymous && !mounts.some((o) => o.destination === m.destination)) mounts.push(m);
    mounts.sort((a, b) => specified.indexOf(a) - specified.indexOf(b));
    const mountBad = volumeSpecs.find((m): m is { daemon: string } => 'daemon' in m)?.daemon ?? mountProblem(mounts);
    if (mountBad) return withHelp('run', daemonError(mountBad));
    const tooMany = daemonHost === undefined ? undefined : mountsTooBig(docker, daemonHost, mounts);
    if (tooMany) return tooMany;
    const nets = terms.map((t) => (daemonHost === undefined || t.startsWith('container:') ? undefined : docker.networks.findToAttach(daemonHost, t)));
    const ambiguous = nets.findIndex((n) => n !== undefined && 'ambiguous' in n);
    if (ambiguous >= 0)
      return withHelp(
        'run',
        daemonError(`network ${terms[ambiguous]} is ambiguous (${(nets[ambiguous] as { ambiguous: number }).ambiguous} matches found based on ID prefix)`),
      );
    const found = nets as (DockerNetwork | undefined)[];
    // The daemon discards published ports in the host's own namespace, and says so (daemon/create.go's warnings); on
    // none, or only internal networks, there is no gateway to publish through, so nothing is bound.
    const hostMode = found[0]?.driver === 'host';
    const warning = hostMode && given.length > 0 ? 'WARNING: Published ports are discarded when using host network mode\n' : '';
    const unpublished = hostMode || found[0]?.driver === 'null' || terms[0]!.startsWith('container:') || found.every((n) => n?.internal);
    const specs = unpublished ? [] : given;
    // --network-alias names the container on its first network, which must be user-defined (validateEndpointSettings).
    const aliases = (f.values.get('network-alias') as string[] | undefined) ?? [];
    const firstName = found[0]?.name ?? terms[0]!;
    if (aliases.length > 0 && (PREDEFINED_NETWORKS.includes(firstName) || firstName === 'default' || firstName.startsWith('container:')))
      return withHelp('run', daemonError(aliasRefused(firstName === 'default' ? 'bridge' : firstName)));
    const memberships = membershipsText(terms.map((t, i) => ({ name: found[i]?.name ?? t, ...(i === 0 && aliases.length > 0 ? { aliases } : {}) })));
    const missingAt = daemonHost === undefined ? -1 : terms.findIndex((t, i) => !t.startsWith('container:') && !found[i]);
    const missing = missingAt >= 0;
    const netTerm = terms[Math.max(0, missingAt)]!;
    // The daemon creates the container, then sets up its networking as it starts it: a network not there or a port
    // another holds leaves it Created.
    const blocked = daemonHost === undefined ? undefined : blockingBinding(namedBindings(specs), heldBindings(docker, daemonHost));
    // A network it cannot join as it starts: a swarm's overlay made without --attachable, or one with no address left.
    const unjoinable = missing ? undefined : found.map((n) => n && joinRefusal(n)).find((why) => why !== undefined);
    const refusedAt = missing || blocked !== undefined || unjoinable !== undefined;
    const r = docker.run({
      image,
      name: str(f, 'name'),
      ...(refusedAt ? { initialState: 'stopped' as const } : {}),
      memoryLimitMiB: num(f, 'memory'),
      memoryReservationMiB: num(f, 'memory-reservation'),
      cpus: num(f, 'cpus'),
      cpuShares: num(f, 'cpu-shares'),
      restart: restart.name === 'no' ? undefined : (restart.name as 'always' | 'on-failure' | 'unless-stopped'),
      maxRetries: restart.retries || undefined,
      ports: publishedPorts(docker, specs, imageInfo(ref)?.exposed),
      command: command.length > 0 ? command.join(' ') : undefined,
      recorded: f.recorded,
    });
    if (!r.ok) return withHelp('run', daemonError(r.error.message));
    // The daemon keeps the image as it was given ("nginx"): ps and inspect show it so (formatter/container.go Image).
    docker.sim.setAttrs(r.id, {
      ...docker.sim.workloadRow(r.id)!.attrs,
      [IMAGE_AS_GIVEN]: image,
      ...(specs.length > 0 ? { [PUBLISH_ATTR]: specs.join(' ') } : {}),
      [NETWORKS_ATTR]: memberships,
      ...(mounts.length > 0 && daemonHost !== undefined ? { [MOUNTS_ATTR]: mountsText(volumesFor(docker, daemonHost, r.id, mounts)) } : {}),
      ...(str(f, 'hostname') ? { [HOSTNAME_ATTR]: str(f, 'hostname')! } : {}),
      ...(str(f, 'user') !== undefined ? { [USER_ATTR]: str(f, 'user')! } : {}),
      ...(bool(f, 'privileged') ? { [PRIVILEGED_ATTR]: true } : {}),
      ...(refusedAt ? { [NEVER_STARTED]: docker.sim.workloadRow(r.id)!.token } : {}),
    });
    const pulled =
      r.pulled && !quiet
        ? (() => {
            const p = pullLines(ref, 'new');
            return unable + p.head + p.tail;
          })()
        : '';
    const id = r.id;
    const name = id.slice(id.indexOf('/') + 1);
    if (refusedAt) {
      // cli/command/container/run.go: a failed start is the daemon's error with run's help line, status 125; --rm has the daemon remove it.
      const why = missing
        ? `failed to set up container networking: network ${netTerm} not found`
        : (unjoinable ?? portTakenError(name, docker.endpointId(id), blocked!));
      const row = docker.sim.workloadRow(id)!;
      docker.sim.setAttrs(id, { ...row.attrs, [START_ERROR]: why, [START_ERROR_AT]: row.token });
      // --rm: the daemon removes it, and its anonymous volumes with it.
      if (bool(f, 'rm')) removeWithVolumes(docker, id);
      const refused = withHelp('run', daemonError(why));
      return { ...refused, stderr: pulled + warning + refused.stderr, changed: true };
    }
    // Its endpoints are made as it starts, which a run does at once: its address is taken now.
    const joinRefused = joinAtStart(docker, id);
    if (joinRefused) {
      docker.sim.act(id, 'force-stop');
      const row = docker.sim.workloadRow(id)!;
      docker.sim.setAttrs(id, { ...row.attrs, [START_ERROR]: joinRefused, [START_ERROR_AT]: row.token });
      const refused = withHelp('run', daemonError(joinRefused));
      return { ...refused, stderr: pulled + warning + refused.stderr, changed: true };
    }
    const detached = bool(f, 'detach');
    return {
      exitCode: 0,
      stdout: '',
      stderr: pulled + warning,
      changed: true,
      blocking: blockOn(docker.sim, id, DOCKER_BLOCKS.run, `${name} to start`, () => runAnswer(docker, id, name, detached)),
    };
  },
};

/**
 * What `docker run` prints when it returns. Detached: the ID, once the container
 * runs (run.go prints it as ContainerStart returns; a container that exits at
 * once still got its ID printed). Attached: nothing of its own; the real one
 * streams the container's output until it exits and returns its exit code.
 */
function runAnswer(docker: DockerDriver, id: string, name: string, detached: boolean): ExecResult {
  const c = docker.sim.workload(id);
  const fullId = docker.containerId(id);
  const host = c?.host === undefined ? undefined : docker.sim.host(c.host);
  if (!c || c.state === 'deleted')
    return { ...withHelp('run', daemonError(`No such container: ${fullId}`)), stdout: detached ? `${fullId}\n` : '', changed: true };
  if (c.state === 'failed' || host?.state === 'failed')
    return {
      ...withHelp('run', `Cannot connect to the Docker daemon at tcp://${c.host}:2376. Is the docker daemon running?`),
      stdout: detached ? `${fullId}\n` : '',
      changed: true,
    };
  if (detached) return { exitCode: 0, stdout: `${fullId}\n`, stderr: '', changed: true };
  if (c.state === 'stopped') {
    const code = Math.max(0, docker.sim.workloadRow(id)!.exitCode);
    return { exitCode: code, stdout: '', stderr: '', changed: true };
  }
  return {
    exitCode: 0,
    stdout: '',
    stderr: `(hyperpane: without -d, docker run stays attached to ${name}'s output until it exits; this simulation has no output to show and returns once ${name} runs)\n`,
    changed: true,
  };
}

/** Why the daemon refuses a container's mounts: a volume name the local driver refuses, or a target twice. */
function mountProblem(mounts: readonly Mount[]): string | undefined {
  for (const m of mounts) {
    const bad = m.type === 'volume' && m.source !== '' ? volumeNameProblem(m.source) : undefined;
    if (bad) return `create ${m.source}: ${bad}`;
  }
  const seen = new Set<string>();
  for (const m of mounts) {
    if (seen.has(m.destination)) return `Duplicate mount point: ${m.destination}`;
    seen.add(m.destination);
  }
  return undefined;
}

/** Why an estate file could not hold a container's mounts or its host's volumes (the daemon sets no such limits), or undefined. */
function mountsTooBig(docker: DockerDriver, host: string, mounts: readonly Mount[]): ExecResult | undefined {
  if (mounts.some((m) => CONTROL_CHARS.test(m.source) || CONTROL_CHARS.test(m.destination)))
    return failure("(hyperpane: a mount's paths here have no control characters)", 125);
  // As kept: an anonymous volume's name is 64 characters once the daemon gives it one.
  if (mountsText(mounts.map((m) => (m.anonymous ? { ...m, source: '0'.repeat(64) } : m))).length > MAX_MOUNTS_TEXT)
    return failure(`(hyperpane: a container's mounts here are at most ${MAX_MOUNTS_TEXT} characters of -v specs; fewer or shorter ones)`, 125);
  const fresh =
    mounts.filter((m) => m.anonymous).length +
    new Set(mounts.filter((m) => m.type === 'volume' && !m.anonymous && !docker.volumes.find(host, m.source)).map((m) => m.source)).size;
  const full = fresh > 0 ? volumesFull(docker, host, fresh) : undefined;
  // run's own refusals end with its status, 125.
  return full ? { ...full, exitCode: 125 } : undefined;
}

/** Removes a container, and the volumes it had made without names (run --rm). */
function removeWithVolumes(docker: DockerDriver, id: string): void {
  const row = docker.sim.workloadRow(id);
  // Read before the removal: a row is a view of the workload as it is now.
  const host = row?.host;
  const mounts = row ? mountsOf(row.attrs) : [];
  docker.sim.act(id, 'delete');
  if (host !== undefined) forgetVolumes(docker, host, mounts, id);
}

/** A removed container's volumes that it had made without a name and no other container uses go too (daemon/delete.go removeMountPoints). */
export function forgetVolumes(docker: DockerDriver, host: string, mounts: readonly Mount[], removed: string): void {
  for (const m of mounts) {
    const v = m.type === 'volume' && m.anonymous ? docker.volumes.find(host, m.source) : undefined;
    // The removed container itself may still be on its way out (a deletion waits for its creation to end).
    if (v && volumeUsers(docker, host, v.name).every((id) => id === removed)) docker.volumes.remove(host, v);
  }
}

/** A new container's volumes: a named one made if the host has none of that name, an anonymous one made with a random name. */
function volumesFor(docker: DockerDriver, host: string, container: string, mounts: readonly Mount[]): Mount[] {
  return mounts.map((m, i) => {
    if (m.type !== 'volume') return m;
    const name = m.source !== '' ? m.source : docker.volumes.anonymousName(host, `${container}\u0000${docker.sim.now}\u0000${i}`);
    // The daemon is given no labels or options for it (inspect shows null).
    docker.volumes.ensure(host, name, { created: docker.sim.now, anonymous: m.source === '' });
    return { ...m, source: name };
  });
}

/** inspect's Mounts (api/types/container MountPoint): a volume's name, driver and mountpoint; a bind's host path, rprivate. */
function mountsShown(c: ProviderWorkload): object[] {
  return mountsOf(c.attrs).map((m) =>
    m.type === 'volume'
      ? { Type: 'volume', Name: m.source, Source: mountpoint(m.source), Destination: m.destination, Driver: 'local', Mode: m.mode, RW: m.rw, Propagation: '' }
      : { Type: 'bind', Source: m.source, Destination: m.destination, Mode: m.mode, RW: m.rw, Propagation: propagationOf(m) },
  );
}

/** `docker inspect` of a container: the Engine API's InspectResponse, the fields the simulation has, in its order. */
function inspectOne(docker: DockerDriver, c: ProviderWorkload): object {
  const row = docker.sim.workloadRow(c.id)!;
  const state = dockerState(row);
  const running = state === 'running' || state === 'paused' || state === 'restarting';
  const [path, ...args] = String(c.attrs.cmd ?? '').split(' ');
  const [policy, retries] = String(c.attrs.restart ?? 'no').split(':');
  const code = running && state !== 'restarting' ? 0 : shownExitCode(row);
  const finished = state === 'exited' || state === 'restarting' ? row.sinceMs : -1;
  // The daemon resets OOMKilled when the container starts; a kill someone asked for (docker kill, a stop's deadline) is not one.
  const oom = !running && code === EXIT_KILLED && Number(c.attrs[KILLED_AT] ?? -1) !== row.sinceMs;
  const ref = parseRef(c.image) ?? { repository: c.image, tag: 'latest' };
  return {
    Id: docker.containerId(c.id),
    Created: dockerTime(Number(c.attrs.created ?? 0)),
    Path: path,
    Args: args,
    State: {
      Status: state,
      Running: running,
      Paused: state === 'paused',
      Restarting: state === 'restarting',
      OOMKilled: oom,
      Dead: false,
      Pid: running && state !== 'restarting' ? 1000 + (row.index % 60000) : 0,
      ExitCode: code,
      Error: failedStart(row) ?? '',
      StartedAt: row.runningSince >= 0 ? dockerTime(row.runningSince) : ZERO_TIME,
      FinishedAt: finished >= 0 ? dockerTime(finished) : ZERO_TIME,
    },
    Image: `sha256:${imageDigest(ref)}`,
    Name: `/${c.name}`,
    RestartCount: row.restartCount,
    HostConfig: {
      RestartPolicy: { Name: policy, MaximumRetryCount: retries ? Number(retries) : 0 },
      CpuShares: row.shares === 1024 ? 0 : row.shares,
      Memory: Number(c.attrs.memoryLimitMiB ?? 0) * 1048576,
      NanoCpus: Math.round(Number(c.attrs.cpus ?? 0) * 1e9),
      MemoryReservation: Number(c.attrs.memoryReservationMiB ?? 0) * 1048576,
      NetworkMode: membershipsOf(c.attrs)[0]?.name ?? 'bridge',
      Privileged: c.attrs[PRIVILEGED_ATTR] === true,
    },
    Mounts: mountsShown(c),
    Config: { Hostname: hostnameOf(docker, c), User: containerUser(c), Image: imageShown(c), Cmd: args.length ? [path, ...args] : [path] },
    NetworkSettings: { Networks: networksShown(docker, c) },
  };
}

/** docker run --hostname, kept on the container. */
const HOSTNAME_ATTR = 'hostname';
/** docker run --user and --privileged, kept on the container. */
export const USER_ATTR = 'user';
export const PRIVILEGED_ATTR = 'privileged';

/** Config.User: as run --user gave it, else the image's USER ('' when neither: root). */
export function containerUser(c: ProviderWorkload): string {
  const given = c.attrs[USER_ATTR];
  if (typeof given === 'string') return given;
  const ref = parseRef(c.image);
  return (ref && imageInfo(ref)?.user) ?? '';
}

/** The container's hostname: as run --hostname gave it, else its short ID (the daemon's default). */
function hostnameOf(docker: DockerDriver, c: ProviderWorkload): string {
  const given = c.attrs[HOSTNAME_ATTR];
  return typeof given === 'string' && given !== '' ? given : truncateId(docker.containerId(c.id));
}

/**
 * NetworkSettings.Networks (api/types/network EndpointSettings, the fields the
 * simulation has): each network the container is on, its endpoint's address,
 * gateway and MAC while it runs; a stopped container keeps the entry with them
 * empty (daemon/container_operations.go releaseNetwork clears the endpoint's part).
 */
function networksShown(docker: DockerDriver, c: ProviderWorkload): Record<string, object> {
  if (c.host === undefined) return {};
  const held = new Map(endpointsOf(docker, c.host, c.id).map(([n, e]) => [n.name, [n, e] as const]));
  const out: Record<string, object> = {};
  for (const m of membershipsOf(c.attrs)) {
    if (m.name.startsWith('container:')) continue;
    const [n, e] = held.get(m.name) ?? [undefined, undefined];
    // The embedded DNS's names for it on a user-defined network: its name, its aliases, its short ID and hostname
    // (daemon/container_operations.go buildEndpointDNSNames, deduplicated); none on the default bridge.
    const shortId = truncateId(docker.containerId(c.id));
    const dns = PREDEFINED_NETWORKS.includes(m.name) ? null : [...new Set([c.name, ...(m.aliases ?? []), shortId, hostnameOf(docker, c)])];
    out[m.name] = {
      Aliases: m.aliases?.length ? [...m.aliases] : null,
      MacAddress: e?.mac ?? '',
      NetworkID: n?.id ?? m.id ?? '',
      EndpointID: e?.endpointId ?? '',
      Gateway: e?.ip && n?.gateway ? n.gateway : '',
      IPAddress: e?.ip ?? '',
      IPPrefixLen: e?.ip && n?.subnet ? n.subnet.bits : 0,
      DNSNames: dns,
    };
  }
  return out;
}

export const inspect: DockerCommand = {
  flags: {
    format: { type: 'string', aliases: ['f'] },
    type: { type: 'string', ignored: true },
    size: { type: 'boolean', aliases: ['s'], ignored: true },
  },
  run: (docker, f) => {
    const template = inspectTemplate(str(f, 'format') ?? '');
    if (typeof template === 'string') return failure(template, 64);
    const found: object[] = [];
    const errors: string[] = [];
    for (const name of f.positionals) {
      const c = docker.find(name);
      if (c) found.push(inspectOne(docker, c));
      // system/inspect.go inspectAll: nothing of any type by that name.
      else errors.push(`error: no such object: ${name}`);
    }
    const { stdout, failed } = template(found);
    errors.push(...failed);
    return { exitCode: errors.length ? 1 : 0, stdout, stderr: errors.map((e) => `${e}\n`).join(''), changed: false };
  },
};

/** container/formatter_stats.go: the default table, the headers, and statsContext's fields (from the row's cells). */
const STATS_LIST = {
  type: '*container.statsContext',
  defaultTable: 'table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}',
  headers: {
    Container: 'CONTAINER',
    Name: 'NAME',
    ID: 'CONTAINER ID',
    CPUPerc: 'CPU %',
    MemUsage: 'MEM USAGE / LIMIT',
    MemPerc: 'MEM %',
    NetIO: 'NET I/O',
    BlockIO: 'BLOCK I/O',
    PIDs: 'PIDS',
  },
};

/** A container's stats context: Container is what was asked for (a name given, or the whole ID). */
function statsContext(docker: DockerDriver, c: ProviderWorkload, container: string, trunc: boolean): Record<string, unknown> {
  const [ID, Name, CPUPerc, MemUsage, MemPerc, NetIO, BlockIO, PIDs] = statsRow(docker, c, trunc);
  return goContext({ BlockIO, CPUPerc, Container: container, ID, MemPerc, MemUsage, Name, NetIO, PIDs });
}

/** One row of `docker stats` (formatter_stats.go): sizes by go-units, percentages with two decimals. */
function statsRow(docker: DockerDriver, c: ProviderWorkload, trunc: boolean): string[] {
  const state = dockerState(docker.sim.workloadRow(c.id)!);
  const id = trunc ? truncateId(docker.containerId(c.id)) : docker.containerId(c.id);
  // A container that does not run reports zeros (the daemon's stats of a stopped container).
  if (state !== 'running' && state !== 'paused') return [id, c.name, '0.00%', '0B / 0B', '0.00%', '0B / 0B', '0B / 0B', '0'];
  const host = c.host === undefined ? undefined : docker.sim.host(c.host);
  const limit = (Number(c.attrs.memoryLimitMiB) || host?.memoryMiB || 0) * 1048576;
  const used = (c.memoryPct / 100) * c.memoryMiB * 1048576;
  // stats_helpers.go calculateCPUPercentUnix: 100% per CPU in use.
  const cpu = state === 'paused' ? 0 : (c.cpuPct * c.cpuMilli) / 1000;
  const io = `${humanSizeWithPrecision(0, 3)} / ${humanSizeWithPrecision(0, 3)}`;
  return [id, c.name, `${formatF(cpu, 2)}%`, `${bytesSize(used)} / ${bytesSize(limit)}`, `${formatF(limit ? (100 * used) / limit : 0, 2)}%`, io, io, '1'];
}

export const stats: DockerCommand = {
  flags: {
    'no-stream': { type: 'boolean' },
    all: { type: 'boolean', aliases: ['a'] },
    'no-trunc': { type: 'boolean' },
    format: { type: 'string' },
  },
  run: (docker, f) => {
    const names = f.positionals;
    let list: ProviderWorkload[];
    if (names.length) {
      const missing = names.filter((n) => !docker.find(n));
      if (missing.length) return { exitCode: 1, stdout: '', stderr: missing.map((n) => `${noSuchContainer(n)}\n`).join(''), changed: false };
      list = names.map((n) => docker.find(n)!);
    } else {
      list = newestFirst(docker.containers()).filter(
        (c) => bool(f, 'all') || ['running', 'paused', 'restarting'].includes(dockerState(docker.sim.workloadRow(c.id)!)),
      );
    }
    const noStream = bool(f, 'no-stream');
    // stats.go: with --no-stream and nothing to show, nothing at all is printed, not even the header.
    if (list.length === 0 && noStream) return { exitCode: 0, stdout: '', stderr: '', changed: false };
    const note = noStream ? '' : '(hyperpane: the real docker stats redraws this every half second until interrupted; here it shows one sample)\n';
    const format = str(f, 'format') ?? '';
    if (format !== '') {
      const shown = formattedList(
        format,
        list.map((c, i) => statsContext(docker, c, names[i] ?? docker.containerId(c.id), !bool(f, 'no-trunc'))),
        STATS_LIST,
      );
      return shown.exitCode === 0 ? { ...shown, stderr: note } : shown;
    }
    const table = dockerTable(
      ['CONTAINER ID', 'NAME', 'CPU %', 'MEM USAGE / LIMIT', 'MEM %', 'NET I/O', 'BLOCK I/O', 'PIDS'],
      list.map((c) => statsRow(docker, c, !bool(f, 'no-trunc'))),
    );
    return { exitCode: 0, stdout: table, stderr: note, changed: false };
  },
};
