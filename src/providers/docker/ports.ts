// Published ports, as `docker run -p` reads them ([ip:][hostPort:]containerPort[/proto])
// and `docker ps` shows them (docker/cli cli/command/formatter/container.go
// DisplayablePorts: sorted by container port, then address, IPv4 before IPv6;
// a port published on the same number is grouped, "0.0.0.0:80->80/tcp"; exposed
// ports not published show bare, "6379/tcp"). A port published without an
// address is bound on 0.0.0.0 and [::] both, as the daemon does on a host with IPv6.
import type { DockerDriver } from './driver.js';

export interface PortEntry {
  readonly ip?: string;
  readonly publicPort?: number;
  readonly privatePort: number;
  readonly proto: string;
}

/** The first port of the daemon's ephemeral range (the kernel's ip_local_port_range, 32768-60999 by default). */
const EPHEMERAL_FIRST = 32768;

/** Host ports already published on the current host (read back from the containers' PORTS text). */
function usedHostPorts(docker: DockerDriver): Set<number> {
  const used = new Set<number>();
  for (const c of docker.containers()) for (const m of String(c.attrs.ports ?? '').matchAll(/:(\d+)->/g)) used.add(Number(m[1]));
  return used;
}

/** The PORTS text for a container publishing `specs` from an image exposing `exposed`; unreadable specs are kept as typed. */
export function publishedPorts(docker: DockerDriver, specs: readonly string[], exposed: readonly number[] = []): string {
  const entries: PortEntry[] = [];
  const used = usedHostPorts(docker);
  const raw: string[] = [];
  for (const spec of specs) {
    const m = /^(?:(\[[0-9a-fA-F:]+\]|\d+\.\d+\.\d+\.\d+):)?(?:(\d*):)?(\d+)(?:\/(tcp|udp|sctp))?$/.exec(spec);
    if (!m) {
      raw.push(spec);
      continue;
    }
    const [, ip, host, container, proto = 'tcp'] = m;
    let publicPort = host ? Number(host) : undefined;
    if (publicPort === undefined) {
      publicPort = EPHEMERAL_FIRST;
      while (used.has(publicPort)) publicPort++;
    }
    used.add(publicPort);
    const ips = ip ? [ip.replace(/^\[|\]$/g, '')] : ['0.0.0.0', '::'];
    for (const a of ips) entries.push({ ip: a, publicPort, privatePort: Number(container), proto });
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

function joinHostPort(ip: string, port: string): string {
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
