// Published ports, as `docker run -p` reads them ([ip:][hostPort:]containerPort[/proto])
// and `docker ps` shows them (docker/cli cli/command/formatter/container.go
// DisplayablePorts: sorted by container port, then address, IPv4 before IPv6;
// a port published on the same number is grouped, "0.0.0.0:80->80/tcp"; exposed
// ports not published show bare, "6379/tcp"). A port published without an
// address is bound on 0.0.0.0 and [::] both, as the daemon does on a host with IPv6.
//
// A host port is held from the container's start until it exits (moby
// daemon/container_operations.go releaseNetwork sets NetworkSettings.Ports to
// nil and the bridge driver releases the ports), so `docker ps` shows no PORTS
// for a container that is not running, and a port one running container holds
// refuses another's start with the port allocator's words (moby
// daemon/libnetwork/portallocator/portallocator.go, ErrPortAlreadyAllocated).
import type { WorkloadRow } from '../../core/workload-row.js';
import type { ProviderWorkload } from '../provider.js';
import type { DockerDriver } from './driver.js';
import { imageInfo, parseRef } from './images.js';

/** A host address and port a container binds while it runs. */
export interface Binding {
  readonly ip: string;
  readonly port: number;
  readonly proto: string;
}

/**
 * The attribute that keeps what `docker run -p` was given (its specs, space
 * separated), so each start binds them again; the PORTS text (`ports`) is what
 * they came to.
 */
export const PUBLISH_ATTR = 'publish';

/** Sim states in which a container holds its ports: started and not yet exited, or being created by a docker run that starts it. */
const HOLDING = new Set(['provisioning', 'booting', 'running', 'stopping', 'paused', 'migrating']);

/** Whether the container holds its ports against others' (a run creating it counts: it is about to start). */
export function holdsPorts(c: WorkloadRow): boolean {
  return HOLDING.has(c.state) && !c.restarting;
}

/** Whether the container binds its published ports now (docker ps then shows them). */
export function bindsPorts(c: WorkloadRow): boolean {
  return c.state !== 'provisioning' && holdsPorts(c);
}

/** One -p spec read, or undefined if it is not one the daemon would take. */
function readSpec(spec: string): { ip?: string; host?: number; container: number; proto: string } | undefined {
  const m = /^(?:(\[[0-9a-fA-F:]+\]|\d+\.\d+\.\d+\.\d+):)?(?:(\d*):)?(\d+)(?:\/(tcp|udp|sctp))?$/.exec(spec);
  if (!m) return undefined;
  const [, ip, host, container, proto = 'tcp'] = m;
  return { ip: ip?.replace(/^\[|\]$/g, ''), host: host ? Number(host) : undefined, container: Number(container), proto };
}

/** The host ports the specs name (not those the daemon picks), on each address they are bound to. */
export function namedBindings(specs: readonly string[]): Binding[] {
  const out: Binding[] = [];
  for (const spec of specs) {
    const s = readSpec(spec);
    if (s?.host === undefined) continue;
    for (const ip of s.ip ? [s.ip] : ANY) out.push({ ip, port: s.host, proto: s.proto });
  }
  // IPv4 before IPv6, as the bridge driver sorts them (cmpPortBinding). Since 28.3 the allocator takes 0.0.0.0 and
  // :: in one request and names whichever it meets first in a Go map, so either may be named; this names IPv4's.
  return out.sort((a, b) => family(a.ip) - family(b.ip));
}

/** Where a port published without an address is bound. */
const ANY = ['0.0.0.0', '::'];

function family(ip: string): number {
  return ip.includes(':') ? 6 : 4;
}

/** A binding and the container port it reaches. */
export interface Mapping extends Binding {
  readonly privatePort: number;
}

/**
 * The bindings a PORTS text shows ("0.0.0.0:8080->80/tcp", "[::]:80-81->80-81/tcp"),
 * in its order (IPv4 before IPv6 for each container port); bare exposed ports bind nothing.
 */
export function bindingsShown(ports: string): Mapping[] {
  const out: Mapping[] = [];
  for (const m of ports.matchAll(/(?:\[([0-9a-fA-F:]+)\]|(\d+\.\d+\.\d+\.\d+)):(\d+)(?:-(\d+))?->(\d+)(?:-\d+)?\/(tcp|udp|sctp)/g)) {
    const ip = m[1] ?? m[2];
    const first = Number(m[3]);
    const last = m[4] === undefined ? first : Number(m[4]);
    // A run is grouped only where host and container ports are the same numbers (displayablePorts).
    for (let port = first; port <= last; port++) out.push({ ip, port, proto: m[6], privatePort: Number(m[5]) + (port - first) });
  }
  return out;
}

/** The ports the containers on `host` hold now, but for container `except`. */
export function heldBindings(docker: DockerDriver, host: string, except?: string): Binding[] {
  const out: Binding[] = [];
  for (const id of docker.containerIdsOn(host)) {
    if (id === except) continue;
    const row = docker.sim.workloadRow(id);
    if (row && holdsPorts(row)) out.push(...bindingsShown(String(row.attrs.ports ?? '')));
  }
  return out;
}

/**
 * The held binding that stops `wanted` from binding, if any; each wanted one is
 * held from then on, so a container that names one port twice meets itself, as
 * the bridge driver's second request to the allocator does. Since moby 28.3
 * (portallocator "always check for ports allocated for 0.0.0.0/::") an address
 * and its family's any-address clash both ways; two other addresses do not.
 */
export function blockingBinding(wanted: readonly Binding[], held: readonly Binding[]): Binding | undefined {
  const taken = [...held];
  for (const w of wanted) {
    const h = taken.find(
      (x) => x.proto === w.proto && x.port === w.port && (x.ip === w.ip || (family(x.ip) === family(w.ip) && (ANY.includes(x.ip) || ANY.includes(w.ip)))),
    );
    if (h) return h;
    taken.push(w);
  }
  return undefined;
}

/** The -p specs a container was run with (none for one made another way). */
export function publishSpecs(c: ProviderWorkload): string[] | undefined {
  const specs = c.attrs[PUBLISH_ATTR];
  return typeof specs === 'string' ? specs.split(' ').filter((x) => x !== '') : undefined;
}

/**
 * Why container `c` cannot bind its published ports as it starts (the daemon's
 * words), or undefined; when it can, the ports the daemon picks for it (-p 80)
 * are picked again, as each start does. A container from a file saved before
 * its specs were kept binds what its PORTS text says.
 */
export function bindAtStart(docker: DockerDriver, c: ProviderWorkload): string | undefined {
  const specs = publishSpecs(c);
  const wanted = specs ? namedBindings(specs) : bindingsShown(String(c.attrs.ports ?? ''));
  // Most containers publish nothing: the host's other containers are read only for one that does.
  const blocking = wanted.length > 0 && c.host !== undefined ? blockingBinding(wanted, heldBindings(docker, c.host, c.id)) : undefined;
  if (blocking) return portTakenError(c.name, docker.endpointId(c.id), blocking);
  if (specs?.some((s) => readSpec(s)?.host === undefined)) {
    const ports = publishedPorts(docker, specs, imageInfo(parseRef(c.image) ?? { repository: '', tag: '' })?.exposed, c.host, c.id);
    if (ports !== c.attrs.ports) docker.sim.setAttrs(c.id, { ...c.attrs, ports });
  }
  return undefined;
}

/**
 * The daemon's refusal to start a container whose port is held (moby 28.0.1 and
 * later: daemon/start_linux.go wraps libnetwork's endpoint error, endpoint.go
 * programExternalConnectivity). `endpoint` is the endpoint's own 64-hex ID, new at every attempt.
 */
export function portTakenError(name: string, endpoint: string, held: Binding): string {
  return (
    'failed to set up container networking: ' +
    `driver failed programming external connectivity on endpoint ${name} (${endpoint}): ` +
    `Bind for ${held.ip}:${held.port} failed: port is already allocated`
  );
}

export interface PortEntry {
  readonly ip?: string;
  readonly publicPort?: number;
  readonly privatePort: number;
  readonly proto: string;
}

/** The first port of the daemon's ephemeral range (the kernel's ip_local_port_range, 32768-60999 by default). */
const EPHEMERAL_FIRST = 32768;

/** Host ports published on `host` (the current one if not said) by any container but `except`, from their PORTS text. */
function usedHostPorts(docker: DockerDriver, host?: string, except?: string): Set<number> {
  const used = new Set<number>();
  const on = host ?? docker.currentHost();
  for (const id of on === undefined ? [] : docker.containerIdsOn(on)) {
    const row = docker.sim.workloadRow(id);
    if (id !== except && row && row.state !== 'deleted') for (const m of String(row.attrs.ports ?? '').matchAll(/:(\d+)->/g)) used.add(Number(m[1]));
  }
  return used;
}

/**
 * The PORTS text for a container publishing `specs` from an image exposing
 * `exposed` on `host` (the current one if not said); unreadable specs are kept as
 * typed. A port left to the daemon (-p 80) is the first from 32768 no other
 * container on the host has (stopped ones too: a cautious pick, not the allocator's round).
 */
export function publishedPorts(docker: DockerDriver, specs: readonly string[], exposed: readonly number[] = [], host?: string, except?: string): string {
  const entries: PortEntry[] = [];
  const used = usedHostPorts(docker, host, except);
  // The container's own named ports are its: a port picked for it must not be one of them.
  for (const spec of specs) {
    const named = readSpec(spec)?.host;
    if (named !== undefined) used.add(named);
  }
  const raw: string[] = [];
  for (const spec of specs) {
    const s = readSpec(spec);
    if (!s) {
      raw.push(spec);
      continue;
    }
    let publicPort = s.host;
    if (publicPort === undefined) {
      publicPort = EPHEMERAL_FIRST;
      while (used.has(publicPort)) publicPort++;
    }
    used.add(publicPort);
    for (const a of s.ip ? [s.ip] : ANY) entries.push({ ip: a, publicPort, privatePort: s.container, proto: s.proto });
  }
  for (const p of exposed) if (!entries.some((e) => e.privatePort === p && e.proto === 'tcp')) entries.push({ privatePort: p, proto: 'tcp' });
  return [...displayablePorts(entries), ...raw].join(', ');
}

function ipOrder(ip: string | undefined): string {
  if (ip === undefined) return '';
  // netip.Addr.Less: IPv4 before IPv6, then by bytes.
  return ip.includes(':')
    ? `6${ip}`
    : `4${ip
        .split('.')
        .map((o) => o.padStart(3, '0'))
        .join('.')}`;
}

/** Go's net.JoinHostPort: an IPv6 address in brackets. */
export function joinHostPort(ip: string, port: string): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** DisplayablePorts: grouped runs of ports first, then the mappings to other host ports. */
export function displayablePorts(entries: readonly PortEntry[]): string[] {
  const sorted = [...entries].sort(
    (a, b) =>
      a.privatePort - b.privatePort ||
      ipOrder(a.ip).localeCompare(ipOrder(b.ip)) ||
      (a.publicPort ?? 0) - (b.publicPort ?? 0) ||
      a.proto.localeCompare(b.proto),
  );
  const groups = new Map<string, { first: number; last: number }>();
  const result: string[] = [];
  const mappings: string[] = [];
  const form = (key: string, g: { first: number; last: number }) => {
    const [a, b] = key.split('/');
    const ip = b === undefined ? undefined : a;
    const proto = b ?? a;
    const range = g.first === g.last ? String(g.first) : `${g.first}-${g.last}`;
    return `${ip === undefined ? range : `${joinHostPort(ip, range)}->${range}`}/${proto}`;
  };
  for (const e of sorted) {
    if (e.ip !== undefined && e.publicPort !== e.privatePort) {
      mappings.push(`${joinHostPort(e.ip, String(e.publicPort ?? 0))}->${e.privatePort}/${e.proto}`);
      continue;
    }
    // Keys of the "ip/proto" or "proto" shape, split back on the last slash.
    const key = e.ip === undefined ? e.proto : `${e.ip}/${e.proto}`;
    const g = groups.get(key);
    if (!g) groups.set(key, { first: e.privatePort, last: e.privatePort });
    else if (e.privatePort === g.last + 1) g.last = e.privatePort;
    else {
      result.push(form(key, g));
      groups.set(key, { first: e.privatePort, last: e.privatePort });
    }
  }
  for (const [key, g] of groups) result.push(form(key, g));
  return [...result, ...mappings];
}
