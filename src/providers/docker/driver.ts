// The Docker driver: containers on Docker hosts (a physical host or a VM of the
// estate), images pulled per host, hard and soft memory limits, CPU limits and
// shares, restart policies, OOM kills. No snapshots and no migration: containers
// are recreated, not moved.

import type { InitialState } from '../../core/commands/create.js';
import type { HostInput } from '../../core/hosts.js';
import { naturalCompare } from '../../core/natural-compare.js';
import { hash32 } from '../../core/prng.js';
import type { RestartPolicy } from '../../core/restart.js';
import { fail, ok, type Result } from '../../core/result.js';
import type { SimulationApi } from '../../core/simulation-api.js';
import { formatMiB } from '../../core/units.js';
import type { WorkloadView } from '../../core/views.js';
import type { TopologyPart } from '../../network/topology.js';
import type { LineAccess } from '../access/line-access.js';
import { localAccess } from '../access/local-access.js';
import type { CapabilityId } from '../capabilities.js';
import { hostOfUri } from '../common.js';
import { DriverBase } from '../driver-base.js';
import { failure } from '../exec-result.js';
import type { CreateRequest, ExecResult, Operation, ProviderWorkload } from '../provider.js';
import { joinAtStart, membershipsText, NETWORKS_ATTR, syncEndpoints } from './container-networks.js';
import { DOCKER_DURATIONS, DOCKER_OVERHEAD, DOCKER_POLICY, MIN_MEMORY_LIMIT_MIB, PULL_MIBPS, WRITABLE_LAYER_MIB } from './defaults.js';
import { DOCKER_COMMANDS, dockerCli } from './docker-cli.js';
import { type ImageRef, ImageStore, imageInfo, parseRef, refText, someImage, tagExists } from './images.js';
import { mountsOf } from './mounts.js';
import { generatedName } from './names.js';
import { type DockerNetworkState, DockerNetworks } from './networks.js';
import { bindAtStart } from './ports.js';
import { dockerStatus, neverStarted, START_ERROR, START_ERROR_AT } from './status.js';
import type { SwarmState } from './swarm.js';
import { dockerTopology } from './topology.js';
import { type DockerVolumeState, DockerVolumes } from './volumes.js';

export interface RunSpec {
  readonly image: string;
  readonly name?: string;
  readonly host?: string;
  readonly memoryLimitMiB?: number;
  readonly memoryReservationMiB?: number;
  readonly cpus?: number;
  readonly cpuShares?: number;
  readonly restart?: RestartPolicy;
  readonly maxRetries?: number;
  readonly ports?: string;
  readonly command?: string;
  readonly initialState?: InitialState;
  /** The image is on the host already (an imported estate's container): it is not looked for in a registry. */
  readonly present?: boolean;
  /** Overrides of the image's usual behaviour (the default estate's busy and idle containers). */
  readonly model?: 'idle' | 'steady' | 'diurnal' | 'bursty';
  /** Flags of docker run the simulation accepted but does not model. */
  readonly recorded?: readonly string[];
  /** What it holds of its host while it runs: a pod's requests, which Kubernetes' scheduler counted (Docker itself reserves nothing). */
  readonly reserve?: { readonly cpuMilli: number; readonly memoryMiB: number };
  /** Labels (a pod's container carries its pod's, as dockershim set them). */
  readonly labels?: Readonly<Record<string, string>>;
  /** The network it joins (the default bridge if not said): a pod's container is in its pod's namespace, not on a Docker network. */
  readonly network?: string;
  /** How long it waits before its own pull or creation can begin (another pull of its image on the host still running). */
  readonly waitMs?: number;
}

/** Errors of docker run, each in the daemon's own words. */
export type RunError = { code: 'no-image' | 'conflict' | 'invalid' | 'no-host' | 'capacity'; message: string };

export class DockerDriver extends DriverBase {
  readonly platform = 'docker';
  readonly name = 'Docker Engine';
  readonly terms = {
    workload: 'container',
    workloads: 'containers',
    host: 'Docker host',
    hosts: 'Docker hosts',
    snapshot: 'snapshot',
    snapshots: 'snapshots',
    group: 'Docker host',
  };
  readonly commands = ['docker'];
  readonly vocabulary = DOCKER_COMMANDS.map((c) => `docker ${c}`);
  readonly examples = [
    'docker ps -a',
    'docker run -d --name web --memory 256m --cpus 1 --restart unless-stopped nginx:1.27',
    'docker stats --no-stream',
    'docker stop web',
    'docker images',
    'docker context use docker-vm-01',
  ];
  readonly supported: readonly CapabilityId[] = ['start', 'stop', 'force-stop', 'restart', 'pause', 'resume', 'delete'];
  images = new ImageStore();
  private nets = new DockerNetworks();

  /** Each daemon's networks and the endpoints on them, and the swarms (whose IDs are drawn from the simulation's generator). */
  get networks(): DockerNetworks {
    return this.nets;
  }

  set networks(n: DockerNetworks) {
    this.nets = n;
    n.swarms.draw = () => this.sim.rng.int(0, 2 ** 30);
  }
  /** Each daemon's volumes (the local driver's). */
  volumes = new DockerVolumes();
  /** A Docker host's own address, the one its swarm node advertises (the registry knows the estate's addresses). */
  nodeAddress: (host: string) => string | undefined = () => undefined;
  /** The Docker host the CLI talks to (docker context use); the first one if unset. */
  context: string | undefined;

  constructor(sim: SimulationApi) {
    super(sim);
    sim.setPlatformPolicy('docker', DOCKER_POLICY);
    this.networks = this.nets;
    // The daemon binds a container's published ports as it starts it: a person's start, the console's, a restart policy's.
    sim.guardStarts('docker', (id, automatic) => {
      const c = this.workload(id);
      if (!c) return undefined;
      // Its restore after a restart starts only containers that ran before (moby daemon/daemon.go, HasBeenStartedBefore).
      const row = this.sim.workloadRow(id)!;
      if (automatic && neverStarted(row)) return 'it was never started, and the daemon starts again only containers that ran';
      const refused = bindAtStart(this, c) ?? joinAtStart(this, id);
      // The daemon keeps why on the container (daemon/start.go SetError): docker inspect's State.Error.
      if (refused !== undefined) this.sim.setAttrs(id, { ...this.sim.workloadRow(id)!.attrs, [START_ERROR]: refused, [START_ERROR_AT]: row.token });
      return refused;
    });
  }

  hostInput(input: HostInput): HostInput {
    return input;
  }

  /** The Docker host the CLI talks to now. */
  currentHost(): string | undefined {
    if (this.context && this.hosts().some((h) => h.id === this.context)) return this.context;
    return this.hosts()
      .map((h) => h.id)
      .sort(naturalCompare)[0];
  }

  /** Each Docker host's containers by workload index (deleted ones too): filled a new workload at a time, as a container never changes host. */
  private readonly onHost = new Map<string, number[]>();
  private indexed = 0;

  /**
   * The IDs of the containers on `host` that are not deleted, oldest first: the
   * ports a start must check are those of one host's containers, not a walk of
   * every workload of the estate for each start. By index, since a name freed by
   * docker rm may be taken again (a new workload of the same ID).
   */
  containerIdsOn(host: string): string[] {
    const row = this.sim.workloadCursor();
    const out: string[] = [];
    for (const w of this.indicesOn(host)) if (row.at(w).state !== 'deleted') out.push(row.id);
    return out;
  }

  private indicesOn(host: string): readonly number[] {
    const row = this.sim.workloadCursor();
    for (; this.indexed < this.sim.workloadCount; this.indexed++) {
      row.at(this.indexed);
      if (row.platform !== 'docker') continue;
      // A container's ID is its host's and its name: HOST/NAME (run).
      const at = row.id.indexOf('/');
      const h = at < 0 ? row.host : row.id.slice(0, at);
      if (h === undefined) continue;
      let list = this.onHost.get(h);
      if (!list) this.onHost.set(h, (list = []));
      list.push(this.indexed);
    }
    return this.onHost.get(host) ?? [];
  }

  /** The containers on `host` (the CLI's daemon if not said), oldest first: from the host's own list, not a walk of the estate. */
  containers(host = this.currentHost()): ProviderWorkload[] {
    if (host === undefined) return [];
    const row = this.sim.workloadCursor();
    const out: ProviderWorkload[] = [];
    for (const w of this.indicesOn(host)) if (row.at(w).state !== 'deleted') out.push(this.present(row.view()));
    return out;
  }

  /** By name or by (a prefix of at least 4 of) its ID, on one Docker host, as the CLI finds them. */
  find(nameOrId: string, host = this.currentHost()): ProviderWorkload | undefined {
    const list = this.containers(host);
    return list.find((c) => c.name === nameOrId) ?? (nameOrId.length >= 4 ? list.find((c) => this.containerId(c.id).startsWith(nameOrId)) : undefined);
  }

  /** A container's 64-hex ID, stable for it. */
  containerId(id: string): string {
    let h = 0x811c9dc5;
    const words: string[] = [];
    for (let k = 0; k < 8; k++) {
      for (let i = 0; i < id.length; i++) h = hash32(h ^ id.charCodeAt(i), k);
      words.push(h.toString(16).padStart(8, '0'));
    }
    return words.join('');
  }

  /**
   * The 64-hex ID of the network endpoint a start of container `id` makes: new at
   * each start (libnetwork network.go CreateEndpoint, stringid.GenerateRandomID,
   * which draws again when the first 12 digits are all decimal); here a hash of
   * the container and the simulated time, so a replay prints the same.
   */
  endpointId(id: string): string {
    for (let salt = 0; ; salt++) {
      const hex = this.containerId(`${id}\u0000endpoint\u0000${this.sim.now}\u0000${salt}`);
      if (!/^\d{12}/.test(hex)) return hex;
    }
  }

  /** What an estate file keeps of the daemons' networks (their endpoints brought up to date first), when there is any. */
  networksState(): { networks?: Record<string, DockerNetworkState[]>; swarms?: SwarmState[] } {
    // Every daemon's: a container that runs has its endpoints whether or not anyone asked about networks yet.
    for (const host of this.hosts()) syncEndpoints(this, host.id);
    const all = this.networks.state();
    const kept = Object.fromEntries(Object.entries(all).filter(([host]) => this.sim.host(host) !== undefined));
    // A node whose host is gone (its VM deleted) stays, Down, until a manager removes it (docker node rm), as swarmkit keeps it.
    const swarms = this.networks.swarmState();
    return { ...(Object.keys(kept).length > 0 ? { networks: kept } : {}), ...(swarms.length > 0 ? { swarms } : {}) };
  }

  /** What an estate file keeps of the daemons' volumes (a host that is gone took its volumes with it), when there are any. */
  volumesState(): { volumes?: Record<string, DockerVolumeState[]> } {
    const kept = Object.fromEntries(Object.entries(this.volumes.state()).filter(([host]) => this.sim.host(host) !== undefined));
    return Object.keys(kept).length > 0 ? { volumes: kept } : {};
  }

  /** Docker's part of the estate's network topology. */
  topology(): TopologyPart {
    return dockerTopology(this);
  }

  status(id: string): string {
    return dockerStatus(this.sim.workloadRow(id)!, this.sim.now);
  }

  run(spec: RunSpec): { ok: true; id: string; pulled: boolean; pullMs: number } | { ok: false; error: RunError } {
    const host = spec.host ?? this.currentHost();
    const hostView = host === undefined ? undefined : this.sim.host(host);
    if (hostView?.platform !== 'docker')
      return {
        ok: false,
        error: { code: 'no-host', message: `Cannot connect to the Docker daemon at ${host ?? 'unix:///var/run/docker.sock'}. Is the docker daemon running?` },
      };
    const ref = parseRef(spec.image);
    if (!ref) return { ok: false, error: { code: 'invalid', message: `invalid reference format: repository name (${spec.image}) must be lowercase` } };
    // An imported container's image is on its host already, whatever registry it came from.
    const info = imageInfo(ref) ?? (spec.present ? someImage() : undefined);
    if (!info)
      return {
        ok: false,
        error: {
          code: 'no-image',
          message: `pull access denied for ${ref.repository}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`,
        },
      };
    if (!spec.present && !tagExists(ref))
      return {
        ok: false,
        error: { code: 'no-image', message: `manifest for ${refText(ref)} not found: manifest unknown: manifest unknown` },
      };
    if (hostView.state !== 'connected')
      return { ok: false, error: { code: 'no-host', message: `Cannot connect to the Docker daemon at tcp://${host}:2376. Is the docker daemon running?` } };
    const taken = (n: string) => {
      const state = this.sim.workloadRow(`${host}/${n}`)?.state;
      return state !== undefined && state !== 'deleted';
    };
    const name = spec.name ?? generatedName(this.sim.rng, taken);
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name))
      return { ok: false, error: { code: 'invalid', message: `Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed` } };
    if (taken(name))
      return {
        ok: false,
        error: {
          code: 'conflict',
          message:
            `Conflict. The container name "/${name}" is already in use by container "${this.containerId(`${host}/${name}`)}". ` +
            'You have to remove (or rename) that container to be able to reuse that name.',
        },
      };
    if (spec.memoryLimitMiB !== undefined && spec.memoryLimitMiB < MIN_MEMORY_LIMIT_MIB)
      return { ok: false, error: { code: 'invalid', message: 'Minimum memory limit allowed is 6MB' } };
    if (spec.memoryLimitMiB !== undefined && spec.memoryReservationMiB !== undefined && spec.memoryReservationMiB > spec.memoryLimitMiB) {
      return { ok: false, error: { code: 'invalid', message: 'Minimum memory limit can not be less than memory reservation limit, see usage' } };
    }
    if (spec.cpus !== undefined && !(spec.cpus >= 0.01 && spec.cpus <= hostView.cores)) {
      return {
        ok: false,
        error: { code: 'invalid', message: `Range of CPUs is from 0.01 to ${hostView.cores.toFixed(2)}, as there are only ${hostView.cores} CPUs available` },
      };
    }
    // A missing image is pulled first, at registry speed (an imported container's is there already).
    const pulled = !spec.present && !this.images.has(host!, ref);
    const pullMs = (pulled ? pullTime(info.sizeMiB) : 0) + (spec.waitMs ?? 0);
    this.images.add(host!, ref, this.sim.now);
    const r = this.sim.createWorkload({
      id: `${host}/${name}`,
      name,
      platform: 'docker',
      host,
      // A pod's container can use at least what it requested (a request past the image's usual CPUs, with no limit).
      cpuMilli: Math.max(Math.round((spec.cpus ?? info.cpus) * 1000), spec.reserve?.cpuMilli ?? 0),
      memoryMiB: info.workingSetMiB,
      diskMiB: WRITABLE_LAYER_MIB,
      // Docker has no admission control: --memory is a cgroup limit the kernel enforces by
      // OOM-killing, --memory-reservation a soft limit it reclaims towards under pressure;
      // neither is checked against the host at start (Docker docs, "Resource constraints").
      // A container claims only its writable layer.
      claim: [spec.reserve?.cpuMilli ?? 0, spec.reserve?.memoryMiB ?? 0, WRITABLE_LAYER_MIB],
      image: refText(ref),
      model: spec.model ?? info.model,
      initialState: spec.initialState,
      overhead: DOCKER_OVERHEAD,
      shares: spec.cpuShares ?? DOCKER_POLICY.defaultShares,
      memoryLimitMiB: spec.memoryLimitMiB,
      restart: spec.restart ? { policy: spec.restart, maxRetries: spec.maxRetries } : undefined,
      durations: { ...DOCKER_DURATIONS, provision: [DOCKER_DURATIONS.provision[0] + pullMs, DOCKER_DURATIONS.provision[1] + pullMs] },
      attrs: {
        created: this.sim.now,
        cmd: spec.command ?? info.cmd,
        ports: spec.ports ?? '',
        restart: spec.restart ? `${spec.restart}${spec.maxRetries ? `:${spec.maxRetries}` : ''}` : 'no',
        cpus: spec.cpus ?? 0,
        memoryLimitMiB: spec.memoryLimitMiB ?? 0,
        memoryReservationMiB: spec.memoryReservationMiB ?? 0,
        ...(spec.recorded?.length ? { recorded: spec.recorded.join(' ') } : {}),
        ...(spec.network ? { [NETWORKS_ATTR]: membershipsText([{ name: spec.network }]) } : {}),
        ...(spec.labels
          ? {
              labels: Object.entries(spec.labels)
                .map(([k, v]) => `${k}=${v}`)
                .join(','),
            }
          : {}),
      },
    });
    if (!r.ok) return { ok: false, error: { code: 'capacity', message: r.error.message } };
    return { ok: true, id: `${host}/${name}`, pulled, pullMs };
  }

  /** docker pull: the image lands on the current host, and how long its download takes. */
  pull(image: string): { ok: true; ref: ImageRef; fresh: boolean; pullMs: number } | { ok: false; message: string } {
    const host = this.currentHost();
    const ref = parseRef(image);
    if (!ref) return { ok: false, message: `invalid reference format: repository name (${image}) must be lowercase` };
    if (!imageInfo(ref))
      return {
        ok: false,
        message: `pull access denied for ${ref.repository}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`,
      };
    if (!tagExists(ref)) return { ok: false, message: `manifest for ${refText(ref)} not found: manifest unknown: manifest unknown` };
    if (!host) return { ok: false, message: 'no Docker host in this estate' };
    const fresh = !this.images.has(host, ref);
    this.images.add(host, ref, this.sim.now);
    return { ok: true, ref, fresh, pullMs: fresh ? pullTime(imageInfo(ref)!.sizeMiB) : 0 };
  }

  create(request: CreateRequest): Result<Operation> {
    const r = this.run({
      image: request.image ?? 'nginx:latest',
      name: request.name,
      host: request.host ?? request.group,
      memoryLimitMiB: request.memoryMiB,
      cpus: request.vcpus,
      initialState: request.initialState,
      model: request.model,
    });
    if (!r.ok)
      return fail(r.error.code === 'conflict' ? 'duplicate-id' : r.error.code === 'capacity' ? 'insufficient-capacity' : 'invalid-input', r.error.message);
    return ok({ message: `Container ${request.name} started${r.pulled ? ' (image pulled first)' : ''}`, steps: [] });
  }

  nativeCommand(id: string, capability: CapabilityId): string {
    const c = this.workload(id);
    const name = c?.name ?? id;
    const host = c?.host && c.host !== this.currentHost() ? `-H ${c.host} ` : '';
    const verb: Partial<Record<CapabilityId, string>> = {
      start: 'start',
      stop: 'stop',
      'force-stop': 'kill',
      restart: 'restart',
      pause: 'pause',
      resume: 'unpause',
      delete: 'rm -f',
    };
    return `docker ${host}${verb[capability] ?? capability} ${name}`;
  }

  exec(argv: readonly string[]): ExecResult {
    return dockerCli(this, argv.slice(1));
  }

  /**
   * Docker's access is the daemon host's docker group: the host -H/--context names before the
   * command, else the current context's.
   */
  lineAccess(argv: readonly string[]): LineAccess | undefined {
    let named: string | undefined;
    let i = 1;
    for (; i < argv.length && argv[i].startsWith('-'); i++) {
      const [flag, inline] = argv[i].split(/=(.*)/s);
      if (!['-H', '--host', '-c', '--context'].includes(flag)) continue;
      const value = inline ?? argv[++i];
      named = value?.includes('://') ? hostOfUri(value) : value || undefined;
    }
    // docker context: the client's own settings, no daemon's. Using one needs the group on the host it names (the
    // next lines go to that daemon); listing or showing them needs none.
    if (argv[i] === 'context') {
      const target = argv[i + 1] === 'use' ? argv[i + 2] : undefined;
      if (target === undefined || !this.hosts().some((h) => h.id === target))
        return { requests: [], changes: false, object: 'docker context', refuse: () => failure('') };
      return localAccess('docker', [target], argv, target, () => failure(`permission denied while trying to connect to the docker API at ssh://${target}`));
    }
    const host = named ?? this.currentHost();
    if (host === undefined) return undefined;
    const socket = named === undefined ? 'unix:///var/run/docker.sock' : (argv.find((w) => w.includes('://')) ?? host);
    return localAccess('docker', [host], argv, host, () => failure(`permission denied while trying to connect to the docker API at ${socket}`));
  }

  protected nativeState(w: WorkloadView): string {
    return this.status(w.id);
  }

  protected groupOf(w: WorkloadView): string {
    return w.host ?? w.id.split('/')[0];
  }

  protected override details(w: WorkloadView): Record<string, string> {
    const a = w.attrs;
    return {
      Image: w.image,
      Restart: String(a.restart ?? 'no'),
      'Memory limit': a.memoryLimitMiB ? formatMiB(Number(a.memoryLimitMiB)) : 'none',
      'CPU limit': a.cpus ? `${a.cpus} CPUs` : 'none',
      // Its volumes and bind mounts as -v gave them: SOURCE:TARGET, read-only ones marked.
      ...(mountsOf(a).length > 0
        ? {
            Mounts: mountsOf(a)
              .map((m) => `${m.type === 'volume' && m.anonymous ? '(anonymous)' : m.source}:${m.destination}${m.rw ? '' : ' (ro)'}`)
              .join(', '),
          }
        : {}),
    };
  }
}

/** How long an image of this size takes to download, at registry speed. */
export function pullTime(sizeMiB: number): number {
  return Math.round((sizeMiB / PULL_MIBPS) * 1000);
}
