// Docker networks, per Docker host as each daemon keeps its own: the three it
// makes itself (bridge, host, none: moby daemon/daemon_unix.go
// configureNetworking) and the user's bridges. Addresses as moby's default IPAM
// gives them (daemon/libnetwork/ipamutils/utils.go localScopeDefaultNetworks,
// ipams/defaultipam): the default bridge 172.17.0.0/16, then the lowest free of
// 172.18.0.0/16 ... 172.31.0.0/16 and 192.168.0.0/16 cut into /20s; the gateway
// takes .1 and each endpoint the lowest free address after it.
import { hash32 } from '../../core/prng.js';

export interface DockerNetwork {
  readonly name: string;
  /** 64 hex digits. */
  readonly id: string;
  /** The network driver: bridge, host or null (none's). */
  readonly driver: 'bridge' | 'host' | 'null';
  /** A bridge's subnet and gateway ("172.18.0.0/16", "172.18.0.1"). */
  readonly subnet?: string;
  readonly gateway?: string;
  readonly internal: boolean;
  readonly attachable: boolean;
  /** Simulated ms it was made (the daemon's own: 0). */
  readonly created: number;
}

/** The networks a daemon makes itself, in the order `docker network ls` sorts them. */
export const PREDEFINED = ['bridge', 'host', 'none'] as const;

/** The default bridge's addresses (moby: the first local-scope default pool). */
const DEFAULT_BRIDGE = { subnet: '172.17.0.0/16', gateway: '172.17.0.1' };

/** The pools a user's bridge is given a subnet from, in order: 172.18-172.31 as /16s, then 192.168.0.0/16 in /20s. */
function pools(): { subnet: string; gateway: string }[] {
  const out: { subnet: string; gateway: string }[] = [];
  for (let b = 18; b <= 31; b++) out.push({ subnet: `172.${b}.0.0/16`, gateway: `172.${b}.0.1` });
  for (let c = 0; c < 256; c += 16) out.push({ subnet: `192.168.${c}.0/20`, gateway: `192.168.${c}.1` });
  return out;
}

/** A stable 64-hex ID for a name on a host, as a daemon's random one would look (stringid.GenerateRandomID). */
export function networkId(host: string, name: string, created: number): string {
  let h = 0x9e3779b9;
  const key = `${host}\u0000${name}\u0000${created}`;
  const words: string[] = [];
  for (let k = 0; k < 8; k++) {
    for (let i = 0; i < key.length; i++) h = hash32(h ^ key.charCodeAt(i), k + 1);
    words.push(h.toString(16).padStart(8, '0'));
  }
  return words.join('');
}

export class NetworkStore {
  /** Each host's own networks (the user's), in the order they were made. */
  private readonly byHost = new Map<string, DockerNetwork[]>();

  /** Every network on `host`: the daemon's three, then the user's. */
  list(host: string): DockerNetwork[] {
    const own = (name: string, driver: DockerNetwork['driver'], addresses?: { subnet: string; gateway: string }): DockerNetwork => ({
      name,
      id: networkId(host, name, 0),
      driver,
      ...(addresses ?? {}),
      internal: false,
      attachable: false,
      created: 0,
    });
    return [own('bridge', 'bridge', DEFAULT_BRIDGE), own('host', 'host'), own('none', 'null'), ...(this.byHost.get(host) ?? [])];
  }

  /** By name, by full ID, or by a prefix of its ID (moby daemon/network.go FindNetwork: name, then ID, then prefix). */
  find(host: string, term: string): DockerNetwork | undefined {
    const all = this.list(host);
    return all.find((n) => n.name === term) ?? all.find((n) => n.id === term) ?? (term !== '' ? all.find((n) => n.id.startsWith(term)) : undefined);
  }

  /** A user's bridge on `host`, on the lowest free pool; undefined when every pool is taken. */
  create(host: string, name: string, options: { internal: boolean; attachable: boolean; created: number }): DockerNetwork | undefined {
    const mine = this.byHost.get(host) ?? [];
    const used = new Set(mine.map((n) => n.subnet));
    const free = pools().find((p) => !used.has(p.subnet));
    if (!free) return undefined;
    const network: DockerNetwork = { name, id: networkId(host, name, options.created), driver: 'bridge', ...free, ...options };
    this.byHost.set(host, [...mine, network]);
    return network;
  }

  remove(host: string, id: string): void {
    this.byHost.set(
      host,
      (this.byHost.get(host) ?? []).filter((n) => n.id !== id),
    );
  }

  toJSON(): Record<string, DockerNetwork[]> {
    return Object.fromEntries([...this.byHost].filter(([, list]) => list.length > 0).map(([host, list]) => [host, list.map((n) => ({ ...n }))]));
  }

  static fromJSON(data: Record<string, readonly DockerNetwork[]>): NetworkStore {
    const store = new NetworkStore();
    for (const [host, list] of Object.entries(data))
      store.byHost.set(
        host,
        list.map((n) => ({ ...n })),
      );
    return store;
  }
}

/** The address `offset` after a subnet's own (a /16 or /20 of IPv4). */
export function addressIn(subnet: string, offset: number): string {
  const [base] = subnet.split('/');
  const n = base.split('.').reduce((acc, o) => acc * 256 + Number(o), 0) + offset;
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** How many addresses a subnet has. */
export function subnetSize(subnet: string): number {
  return 2 ** (32 - Number(subnet.split('/')[1]));
}
