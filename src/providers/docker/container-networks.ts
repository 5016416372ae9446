// Which networks a container is on, and its endpoints there. A container keeps
// the networks it was run or connected with (attribute `networks`, a JSON list
// of {name, id}: the daemon's EndpointSettings keep the NetworkID once the
// container has joined, so a network removed and made again under the same name
// is not the one it joined: "network <old id> not found" at its next start).
// Its endpoints, and so its addresses, exist while it runs (ports.ts holdsPorts:
// the daemon sets both up as it starts it and releases both as it stops).
import type { WorkloadRow } from '../../core/workload-row.js';
import type { DockerDriver } from './driver.js';
import type { DockerNetwork, Endpoint } from './networks.js';
import { holdsPorts } from './ports.js';

export const NETWORKS_ATTR = 'networks';

export interface Membership {
  readonly name: string;
  /** The network's ID once the container has joined it. */
  readonly id?: string;
  /** Its network-scoped aliases (docker run --network-alias, docker network connect --alias): names the network's DNS answers for it. */
  readonly aliases?: readonly string[];
}

/** The networks every daemon has: the default bridge, host and none. Any other is user-defined, with the embedded DNS. */
export const PREDEFINED_NETWORKS: readonly string[] = ['bridge', 'host', 'none'];

/** The daemon's refusal of an alias on a network that is not user-defined (daemon/network.go validateEndpointSettings). */
export const aliasRefused = (network: string) =>
  `invalid config for network ${network}: invalid endpoint settings:\nnetwork-scoped alias is supported only for containers in user defined networks`;

/** The networks a container is on, in the order it joined them; the default bridge when none were said. */
export function membershipsOf(attrs: Readonly<Record<string, string | number | boolean>>): Membership[] {
  const raw = attrs[NETWORKS_ATTR];
  if (typeof raw !== 'string') return [{ name: 'bridge' }];
  try {
    const list: unknown = JSON.parse(raw);
    if (!Array.isArray(list)) return [{ name: 'bridge' }];
    return list.flatMap((m): Membership[] =>
      m && typeof m === 'object' && typeof m.name === 'string'
        ? [
            {
              name: m.name,
              ...(typeof m.id === 'string' ? { id: m.id } : {}),
              ...(Array.isArray(m.aliases) ? { aliases: m.aliases.filter((a: unknown): a is string => typeof a === 'string') } : {}),
            },
          ]
        : [],
    );
  } catch {
    return [{ name: 'bridge' }];
  }
}

export const membershipsText = (list: readonly Membership[]): string => JSON.stringify(list);

/** The network a membership names now: by the ID it joined, or by name if it never has (an overlay of its host's swarm too). */
function networkOf(docker: DockerDriver, host: string, m: Membership): DockerNetwork | undefined {
  const all = docker.networks.attachable(host);
  return m.id !== undefined ? all.find((n) => n.id === m.id) : all.find((n) => n.name === m.name);
}

/** Another container's namespace (--network container:NAME) has no endpoint of its own. */
const shared = (m: Membership) => m.name.startsWith('container:');

/**
 * Joins a starting container to its networks, each the lowest free address: why
 * it cannot (a network gone: "network NAME not found"; one out of addresses), or
 * undefined when it has joined them all (and, when `record`, keeps their IDs on
 * it: a start does; catching up on one that was running already does not write
 * to the container, so a save that catches up changes nothing it has written).
 */
export function joinAtStart(docker: DockerDriver, id: string, record = true): string | undefined {
  const row = docker.sim.workloadRow(id);
  const host = row?.host;
  if (!row || host === undefined) return undefined;
  // Addresses of containers that have stopped since are free again before this one takes its own.
  if (record) releaseStopped(docker, host);
  const list = membershipsOf(row.attrs);
  const joined: Membership[] = [];
  const made: DockerNetwork[] = [];
  const refuse = (why: string) => {
    for (const n of made) docker.networks.leave(n, id);
    return `failed to set up container networking: ${why}`;
  };
  for (const m of list) {
    if (shared(m)) {
      joined.push(m);
      continue;
    }
    const n = networkOf(docker, host, m);
    if (!n) return refuse(`network ${m.id ?? m.name} not found`);
    const refused = joinRefusal(n, m.name);
    if (refused !== undefined || !docker.networks.join(n, id, docker.sim.now, host)) {
      for (const x of made) docker.networks.leave(x, id);
      return refused ?? `failed to set up container networking: ${noAddresses(n)}`;
    }
    made.push(n);
    joined.push({ name: n.name, id: n.id, ...(m.aliases?.length ? { aliases: m.aliases } : {}) });
  }
  const text = membershipsText(joined);
  if (record && text !== row.attrs[NETWORKS_ATTR]) docker.sim.setAttrs(id, { ...docker.sim.workloadRow(id)!.attrs, [NETWORKS_ATTR]: text });
  return undefined;
}

/**
 * A swarm's overlay made without --attachable takes only its services' tasks: a
 * container by itself is refused as it starts (swarmkit resourceapi/allocator.go
 * AttachNetwork, wrapped by moby daemon/cluster/networks.go attachContainer).
 */
export const notAttachable = (name: string) =>
  `Could not attach to network ${name}: rpc error: code = PermissionDenied desc = network ${name} not manually attachable`;

/** A full pool's refusal (ipamapi.ErrNoAvailableIPs, as the daemon words it). */
export const noAddresses = (n: DockerNetwork) => `no available IPv4 addresses on this network's address pools: ${n.name} (${n.id})`;

/** Why a starting container cannot join `n` (named as it was given): an overlay for services only, or a full pool. */
export function joinRefusal(n: DockerNetwork, given = n.name): string | undefined {
  if (n.driver === 'overlay' && !n.attachable) return notAttachable(given);
  if (n.pool !== undefined && n.pool.inUse >= n.pool.capacity) return `failed to set up container networking: ${noAddresses(n)}`;
  return undefined;
}

/** Whether a container has its endpoints now (started and not exited, or being created by a run that starts it). */
export const hasEndpoints = (row: WorkloadRow): boolean => holdsPorts(row);

/**
 * Brings a host's endpoints up to date with its containers: those of containers
 * that no longer run are released, and a running container with none (started
 * before the daemon was first asked: a built-in estate, an older file) joins its
 * networks, oldest container first.
 */
export function syncEndpoints(docker: DockerDriver, host: string): void {
  const nets = docker.networks.list(host);
  releaseStopped(docker, host);
  for (const id of docker.containerIdsOn(host)) {
    const row = docker.sim.workloadRow(id)!;
    if (!hasEndpoints(row)) continue;
    if (nets.some((n) => n.endpoints.has(id))) continue;
    if (membershipsOf(row.attrs).every(shared)) continue;
    joinAtStart(docker, id, false);
  }
}

/** Releases the endpoints of the containers on `host` that no longer run (the daemon's releaseNetwork as each stops). */
function releaseStopped(docker: DockerDriver, host: string): void {
  for (const n of docker.networks.list(host))
    for (const container of [...n.endpoints.keys()]) {
      const row = docker.sim.workloadRow(container);
      if (!row || row.state === 'deleted' || !hasEndpoints(row)) docker.networks.leave(n, container);
    }
}

/** A container's endpoints, by network, after bringing them up to date. */
export function endpointsOf(docker: DockerDriver, host: string, id: string): [DockerNetwork, Endpoint][] {
  syncEndpoints(docker, host);
  return docker.networks.endpointsOf(host, id);
}
