// Which networks a container is on and the address it has on each: the names
// it was run or connected with (attribute `networks`, a JSON list, as a name may
// hold any character; the default bridge when none), and the addresses its last
// start was given (attribute `addresses`, a JSON object of name to address).
// An endpoint, and so an address, exists while the container runs: the
// daemon makes them as it starts it and deletes them as it stops (moby
// daemon/container_operations.go connectToNetwork, releaseNetwork).
import type { WorkloadRow } from '../../core/workload-row.js';
import type { ProviderWorkload } from '../provider.js';
import type { DockerDriver } from './driver.js';
import { addressIn, type DockerNetwork, subnetSize } from './networks.js';

export const NETWORKS_ATTR = 'networks';
export const ADDRESSES_ATTR = 'addresses';

/** Sim states in which a container has its endpoints (started, not exited). */
const RUNNING = new Set(['booting', 'running', 'stopping', 'paused', 'migrating']);

/** The names of the networks a container is on, in the order it joined them. */
export function networksOf(c: { readonly attrs: ProviderWorkload['attrs'] }): string[] {
  const names = parsed(c.attrs[NETWORKS_ATTR]);
  return Array.isArray(names) ? names.filter((x): x is string => typeof x === 'string') : ['bridge'];
}

export function networksText(names: readonly string[]): string {
  return JSON.stringify(names);
}

/** Its address on each network, as its last start (or connect) gave them. */
export function addressesOf(c: { readonly attrs: ProviderWorkload['attrs'] }): Map<string, string> {
  const value = parsed(c.attrs[ADDRESSES_ATTR]);
  const out = new Map<string, string>();
  if (value && typeof value === 'object' && !Array.isArray(value))
    for (const [name, ip] of Object.entries(value)) if (typeof ip === 'string') out.set(name, ip);
  return out;
}

export function addressesText(addresses: ReadonlyMap<string, string>): string {
  return JSON.stringify(Object.fromEntries(addresses));
}

/** An attribute's JSON, or undefined where it holds none (a hand-written file's). */
function parsed(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** Whether the container has its endpoints now (it runs). */
export function hasEndpoints(row: WorkloadRow): boolean {
  return RUNNING.has(row.state) && !row.restarting;
}

/**
 * The running containers on `host` attached to `network`, with their addresses
 * there, oldest first; `starting` counts those a docker run is creating too
 * (their addresses are theirs already).
 */
export function endpointsOn(docker: DockerDriver, host: string, network: DockerNetwork, starting = false): { id: string; name: string; ip?: string }[] {
  const out: { id: string; name: string; ip?: string }[] = [];
  for (const id of docker.containerIdsOn(host)) {
    const row = docker.sim.workloadRow(id);
    if (!row || !(hasEndpoints(row) || (starting && row.state === 'provisioning')) || !networksOf(row).includes(network.name)) continue;
    out.push({ id, name: row.name, ip: addressesOf(row).get(network.name) });
  }
  return out;
}

/** The lowest free address of a bridge for a new endpoint (after the gateway's .1), or undefined when it is full. */
export function freeAddress(docker: DockerDriver, host: string, network: DockerNetwork, except?: string): string | undefined {
  if (!network.subnet) return undefined;
  const taken = new Set(
    endpointsOn(docker, host, network, true)
      .filter((e) => e.id !== except)
      .map((e) => e.ip),
  );
  if (network.gateway) taken.add(network.gateway);
  const size = subnetSize(network.subnet);
  // The subnet's own address and its broadcast are reserved (defaultipam newPoolData).
  for (let offset = 1; offset < size - 1; offset++) {
    const ip = addressIn(network.subnet, offset);
    if (!taken.has(ip)) return ip;
  }
  return undefined;
}

/**
 * Joins a starting container to its networks: why it cannot (a network gone
 * since: "network NAME not found"), or the addresses it gets. Nothing is kept
 * here; the caller keeps them once the start goes on.
 */
export function endpointsAtStart(docker: DockerDriver, c: ProviderWorkload): { error: string } | { addresses: Map<string, string> } {
  const addresses = new Map<string, string>();
  const host = c.host;
  if (host === undefined) return { addresses };
  for (const name of networksOf(c)) {
    // Another container's network namespace (--network container:NAME) is not simulated: it has no endpoint of its own.
    if (name.startsWith('container:')) continue;
    const network = docker.networks.find(host, name);
    if (!network) return { error: `network ${name} not found` };
    if (network.driver !== 'bridge') continue;
    const ip = freeAddress(docker, host, network, c.id);
    // libnetwork's allocator out of addresses (ipamapi ErrNoAvailableIPs).
    if (!ip) return { error: 'no available addresses on this pool' };
    addresses.set(name, ip);
  }
  return { addresses };
}
