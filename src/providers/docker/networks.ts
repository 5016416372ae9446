// Docker networks, per Docker host as each daemon keeps its own: the three it
// makes itself (bridge, host, none: moby daemon/daemon_unix.go
// configureNetworking) and the user's bridges, with the endpoints of the
// containers on them. Addresses as moby's default IPAM gives them
// (libnetwork/ipamutils/utils.go localScopeDefaultNetworks, ipams/defaultipam):
// the default bridge 172.17.0.0/16, a user's bridge the lowest free of
// 172.18.0.0/16 ... 172.31.0.0/16 and then 192.168.0.0/16 cut into /20s; the
// gateway takes .1 and each endpoint the lowest free address after it. An
// endpoint lives while its container runs (daemon/container_operations.go
// connectToNetwork as it starts, releaseNetwork as it stops). A daemon in a swarm
// also sees the swarm's overlay networks (swarm.ts): a manager all of them, a
// worker ingress and those its containers are on (moby's network list adds the
// cluster's networks only where the node can ask the managers for them).
import { hash32 } from '../../core/prng.js';
import { AddressPool } from '../../network/address-pool.js';
import { type Cidr, cidrText, inCidr, ipText, overlaps, parseCidr, parseIp } from '../../network/ipv4.js';
import { base36, type Swarm, type SwarmState, Swarms, VNI_FIRST } from './swarm.js';

export interface Endpoint {
  /** The container's workload id. */
  readonly container: string;
  /** Its address here (a bridge's), none on host and none. */
  readonly ip?: string;
  readonly mac?: string;
  /** 64 hex digits, new at each start. */
  readonly endpointId: string;
  /** The Docker host the container runs on: an overlay's endpoints are on every node of its swarm. */
  readonly host?: string;
}

export interface DockerNetwork {
  readonly name: string;
  /** 64 hex digits; a swarm's network 25 base-36 characters. */
  readonly id: string;
  /** The network driver: bridge, host, null (none's), or a swarm's overlay. */
  readonly driver: 'bridge' | 'host' | 'null' | 'overlay';
  /** The swarm's ingress network (the routing mesh's), which no container attaches to by itself. */
  readonly ingress?: boolean;
  /** An overlay's VXLAN network identifier (its vxlanid_list option). */
  readonly vni?: number;
  readonly subnet?: Cidr;
  readonly gateway?: string;
  readonly internal: boolean;
  readonly attachable: boolean;
  /** Simulated ms it was made (the daemon's own: 0). */
  readonly created: number;
  readonly pool?: AddressPool;
  /** Its endpoints by container, in the order they joined. */
  readonly endpoints: Map<string, Endpoint>;
}

/** What an estate file keeps of a host's networks. */
export interface DockerNetworkState {
  readonly name: string;
  readonly id: string;
  readonly driver: 'bridge' | 'host' | 'null' | 'overlay';
  readonly ingress?: boolean;
  /** An overlay's VXLAN network identifier (its vxlanid_list option). */
  readonly vni?: number;
  readonly subnet?: string;
  readonly gateway?: string;
  readonly internal: boolean;
  readonly attachable: boolean;
  readonly created: number;
  readonly endpoints: readonly Endpoint[];
}

/** The most networks an estate file holds of a daemon's own, and of a swarm's overlays. */
export const MAX_LOCAL_NETWORKS = 64;
export const MAX_OVERLAYS = 256;

/** The networks a daemon makes itself. */
export const PREDEFINED = ['bridge', 'host', 'none'] as const;

/** The default bridge's block (moby: the first local-scope default pool). */
const DEFAULT_BRIDGE = parseCidr('172.17.0.0/16')!;

/** The blocks a user's bridge is given, in order: 172.18-172.31 as /16s, then 192.168.0.0/16 in /20s. */
const POOLS: readonly Cidr[] = [
  ...Array.from({ length: 14 }, (_, i) => parseCidr(`172.${18 + i}.0.0/16`)!),
  ...Array.from({ length: 16 }, (_, i) => parseCidr(`192.168.${i * 16}.0/20`)!),
];

/** 64 hex digits drawn from a key, as the daemon's random IDs look (stringid.GenerateRandomID, which draws again when the first 12 are all decimal). */
export function hexId(key: string): string {
  for (let salt = 0; ; salt++) {
    let h = 0x9e3779b9 ^ salt;
    const words: string[] = [];
    for (let k = 0; k < 8; k++) {
      for (let i = 0; i < key.length; i++) h = hash32(h ^ key.charCodeAt(i), k + 1);
      words.push((h >>> 0).toString(16).padStart(8, '0'));
    }
    const hex = words.join('');
    if (!/^\d{12}/.test(hex)) return hex;
  }
}

/** A random-looking MAC with the locally administered bit set and the multicast bit clear (libnetwork GenerateRandomMAC, moby 28 and later). */
function macFrom(hex: string): string {
  const bytes = [0, 2, 4, 6, 8, 10].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  bytes[0] = (bytes[0]! & 0xfe) | 0x02;
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** A bridge's pool: the network's own address, the gateway's .1 and the broadcast kept back (defaultipam newPoolData). */
function bridgePool(subnet: Cidr, gateway?: string): AddressPool {
  // A gateway given elsewhere than .1 leaves .1 to containers and takes its own address out of the pool.
  const pool = new AddressPool(subnet, gateway === undefined ? 2 : 1, 1);
  if (gateway !== undefined) pool.claim(gateway);
  return pool;
}

function network(
  host: string,
  name: string,
  driver: DockerNetwork['driver'],
  subnet: Cidr | undefined,
  o: { internal: boolean; attachable: boolean; created: number; gateway?: string; salt?: number; id?: string; ingress?: boolean; vni?: number },
): DockerNetwork {
  return {
    name,
    id: o.id ?? hexId(`${host}\u0000network\u0000${name}\u0000${o.created}${o.salt ? `\u0000${o.salt}` : ''}`),
    driver,
    ...(o.ingress ? { ingress: true } : {}),
    ...(o.vni !== undefined ? { vni: o.vni } : {}),
    ...(subnet ? { subnet, gateway: o.gateway ?? ipText(subnet.base + 1), pool: bridgePool(subnet, o.gateway) } : {}),
    internal: o.internal,
    attachable: o.attachable,
    created: o.created,
    endpoints: new Map(),
  };
}

export class DockerNetworks {
  private readonly byHost = new Map<string, DockerNetwork[]>();
  /** The swarms the daemons are in, and their overlay networks. */
  swarms = new Swarms();

  /**
   * Every network `host`'s daemon has: its own three first, then the user's in
   * the order they were made, then the overlays of its swarm it sees.
   */
  list(host: string): DockerNetwork[] {
    const own = this.local(host);
    const at = this.swarms.of(host);
    if (!at) return own;
    const seen = at.node.role === 'manager' ? at.swarm.networks : at.swarm.networks.filter((n) => n.ingress || this.hasEndpointOn(n, host));
    return [...own, ...seen];
  }

  private hasEndpointOn(n: DockerNetwork, host: string): boolean {
    for (const e of n.endpoints.values()) if (e.host === host) return true;
    return false;
  }

  /**
   * A network a container on `host` may be attached to by name or ID: one the
   * daemon has, or any overlay of its swarm (a worker asks the managers for it:
   * swarmkit resourceapi AttachNetwork looks it up by ID, then by name).
   */
  findToAttach(host: string, term: string): DockerNetwork | { ambiguous: number } | undefined {
    const here = this.find(host, term);
    if (here) return here;
    const swarm = this.swarms.of(host)?.swarm.networks ?? [];
    return swarm.find((n) => n.id === term) ?? swarm.find((n) => n.name === term);
  }

  /** How many networks the daemon has of its own (its three, the user's, docker_gwbridge). */
  localCount(host: string): number {
    return this.local(host).length;
  }

  /** The networks a container on `host` may be on: the daemon's and every overlay of its swarm. */
  attachable(host: string): DockerNetwork[] {
    const at = this.swarms.of(host);
    return at ? [...this.local(host), ...at.swarm.networks] : this.local(host);
  }

  /** A new overlay network of `host`'s swarm, on the block asked for or the lowest free /24 of the swarm's pool; undefined when none is left. */
  createOverlay(
    host: string,
    name: string,
    o: { internal: boolean; attachable: boolean; created: number; subnet?: Cidr; gateway?: string },
  ): DockerNetwork | undefined {
    const at = this.swarms.of(host);
    const block = o.subnet ?? (at && Swarms.freeBlock(at.swarm));
    if (!at || !block) return undefined;
    const made = network(host, name, 'overlay', block, {
      ...o,
      id: this.swarms.newId(`${at.swarm.id}\u0000network\u0000${name}\u0000${o.created}`),
      vni: at.swarm.nextVni++,
    });
    at.swarm.networks.push(made);
    return made;
  }

  /** The ingress network a new swarm makes (swarmkit manager.go newIngressNetwork), on its pool's first block. */
  static ingress(swarm: Swarm, created: number): DockerNetwork {
    return network('', 'ingress', 'overlay', Swarms.freeBlock(swarm), {
      internal: false,
      attachable: false,
      created,
      ingress: true,
      id: base36(`${swarm.id}\u0000ingress`, 25),
      vni: swarm.nextVni++,
    });
  }

  /** The daemon's own networks and the user's local ones. */
  private local(host: string): DockerNetwork[] {
    let list = this.byHost.get(host);
    if (!list) {
      const own = { internal: false, attachable: false, created: 0 };
      list = [
        network(host, 'bridge', 'bridge', DEFAULT_BRIDGE, own),
        network(host, 'host', 'host', undefined, own),
        network(host, 'none', 'null', undefined, own),
      ];
      this.byHost.set(host, list);
    }
    return list;
  }

  /** The hosts whose daemons have been asked about their networks. */
  hosts(): string[] {
    return [...this.byHost.keys()];
  }

  /**
   * By name, by full ID, or by a unique prefix of its ID (moby daemon/network.go
   * FindNetwork: an exact name, then an exact ID, then a prefix; a prefix two IDs
   * share is ambiguous).
   */
  find(host: string, term: string): DockerNetwork | { ambiguous: number } | undefined {
    const all = this.list(host);
    const exact = all.find((n) => n.name === term) ?? all.find((n) => n.id === term);
    if (exact || term === '') return exact;
    const prefixed = all.filter((n) => n.id.startsWith(term));
    return prefixed.length > 1 ? { ambiguous: prefixed.length } : prefixed[0];
  }

  /**
   * A user's bridge on the block asked for, or the lowest no network of the host
   * has; undefined when every block is taken. Its ID is new: never one a
   * container still names (`inUse`), as the daemon's random IDs never repeat.
   */
  create(
    host: string,
    name: string,
    o: { internal: boolean; attachable: boolean; created: number; subnet?: Cidr; gateway?: string },
    inUse: (id: string) => boolean = () => false,
  ): DockerNetwork | undefined {
    const list = this.local(host);
    const used = new Set(list.flatMap((n) => (n.subnet ? [cidrText(n.subnet)] : [])));
    const free = o.subnet ?? POOLS.find((p) => !used.has(cidrText(p)));
    if (!free) return undefined;
    let made = network(host, name, 'bridge', free, o);
    for (let salt = 1; inUse(made.id) || list.some((n) => n.id === made.id); salt++) made = network(host, name, 'bridge', free, { ...o, salt });
    list.push(made);
    return made;
  }

  remove(host: string, n: DockerNetwork): void {
    const list = n.driver === 'overlay' ? this.swarms.of(host)?.swarm.networks : this.local(host);
    if (list?.includes(n)) list.splice(list.indexOf(n), 1);
  }

  /**
   * A container's endpoint on a network as it starts or is connected: its
   * address the lowest free (none on host and none), an endpoint ID and MAC new
   * each time. Undefined when the block is full (ipamapi.ErrNoAvailableIPs).
   */
  join(n: DockerNetwork, container: string, now: number, host?: string): Endpoint | undefined {
    this.leave(n, container);
    const ip = n.pool?.take();
    if (n.pool && ip === undefined) return undefined;
    const endpointId = hexId(`${n.id}\u0000${container}\u0000${now}`);
    const e: Endpoint = {
      container,
      endpointId,
      ...(ip ? { ip, mac: macFrom(hexId(`${endpointId}\u0000mac`)) } : {}),
      ...(n.driver === 'overlay' && host !== undefined ? { host } : {}),
    };
    n.endpoints.set(container, e);
    return e;
  }

  leave(n: DockerNetwork, container: string): void {
    const e = n.endpoints.get(container);
    if (!e) return;
    if (e.ip) n.pool?.release(e.ip);
    n.endpoints.delete(container);
  }

  /** The endpoints of a container on `host`, by network. */
  endpointsOf(host: string, container: string): [DockerNetwork, Endpoint][] {
    return this.list(host).flatMap((n) => {
      const e = n.endpoints.get(container);
      return e ? [[n, e] as [DockerNetwork, Endpoint]] : [];
    });
  }

  state(): Record<string, DockerNetworkState[]> {
    const out: Record<string, DockerNetworkState[]> = {};
    for (const [host, list] of this.byHost) {
      // A daemon with only its own three networks and no endpoints is what any daemon starts as: nothing to keep.
      if (!list.some((n) => n.endpoints.size > 0 || !(PREDEFINED as readonly string[]).includes(n.name))) continue;
      out[host] = list.map(networkState);
    }
    return out;
  }

  /** The swarms, their nodes and their overlay networks, as an estate file keeps them. */
  swarmState(): SwarmState[] {
    return this.swarms.list.map((s) => ({
      id: s.id,
      created: s.created,
      digest: s.digest,
      workerSecret: s.workerSecret,
      managerSecret: s.managerSecret,
      nodes: s.nodes.map((n) => ({ host: n.host, id: n.id, role: n.role, addr: n.addr, ...(n.pending ? { pending: true } : {}) })),
      networks: s.networks.map(networkState),
    }));
  }

  /**
   * Reads a file's networks back, or says what in them does not hold together:
   * names and IDs unique on a host, the daemon's own three with their drivers,
   * bridges on blocks from /8 to /30 that overlap no other, each address in its
   * block and no one else's; a swarm's nodes each a host in no other swarm (its
   * managers may all be gone: its workers stay in it), its networks overlays with ingress first.
   */
  static fromState(state: Readonly<Record<string, readonly DockerNetworkState[]>>, swarms: readonly SwarmState[] = []): DockerNetworks | string[] {
    const out = new DockerNetworks();
    const problems: string[] = [];
    const OWN: Readonly<Record<string, DockerNetwork['driver']>> = { bridge: 'bridge', host: 'host', none: 'null' };
    for (const [host, list] of Object.entries(state)) {
      const made: DockerNetwork[] = [];
      for (const [i, n] of list.entries()) {
        const at = `providers.docker.networks.${host}[${i}]`;
        if (OWN[n.name] !== undefined && OWN[n.name] !== n.driver) problems.push(`${at}.driver: the daemon's ${n.name} network is ${OWN[n.name]}`);
        if (OWN[n.name] === undefined && n.driver !== 'bridge') problems.push(`${at}.driver: a user's network here is a bridge`);
        const net = readNetwork(host, n, at, made, problems);
        if (net) made.push(net);
      }
      for (const p of PREDEFINED)
        if (!list.some((n) => n.name === p)) problems.push(`providers.docker.networks.${host}: the daemon's own ${p} network is missing`);
      out.byHost.set(host, made);
    }
    const inSwarm = new Set<string>();
    const ids = new Set<string>();
    const once = (id: string, where: string) => {
      if (ids.has(id)) problems.push(`${where}: ${id} is another swarm's or node's ID`);
      ids.add(id);
    };
    for (const [i, s] of swarms.entries()) {
      const at = `providers.docker.swarms[${i}]`;
      once(s.id, `${at}.id`);
      for (const [j, n] of s.nodes.entries()) once(n.id, `${at}.nodes[${j}].id`);
      // The next VXLAN ID is the one after the last given (the allocator's serial order).
      const swarm: Swarm = {
        ...s,
        nodes: s.nodes.map((n) => ({ ...n })),
        networks: [],
        nextVni: Math.max(VNI_FIRST - 1, ...s.networks.map((n) => n.vni ?? 0)) + 1,
      };
      for (const [j, n] of s.nodes.entries()) {
        if (inSwarm.has(n.host)) problems.push(`${at}.nodes[${j}].host: ${n.host} is a node of another swarm already`);
        inSwarm.add(n.host);
      }
      for (const [j, n] of s.networks.entries()) {
        const where = `${at}.networks[${j}]`;
        if (n.driver !== 'overlay') problems.push(`${where}.driver: a swarm's network is an overlay`);
        if ((j === 0) !== (n.ingress === true)) problems.push(`${where}.ingress: a swarm's first network, and only that, is its ingress`);
        if (n.vni === undefined || s.networks.some((m, k) => k < j && m.vni === n.vni)) problems.push(`${where}.vni: each overlay has a VXLAN ID of its own`);
        const net = readNetwork('', n, where, swarm.networks, problems);
        if (net) swarm.networks.push(net);
      }
      out.swarms.list.push(swarm);
    }
    return problems.length ? problems : out;
  }
}

/** A network as an estate file keeps it, in the file's own field order. */
function networkState(n: DockerNetwork): DockerNetworkState {
  return {
    name: n.name,
    id: n.id,
    driver: n.driver,
    ...(n.ingress ? { ingress: true } : {}),
    ...(n.vni !== undefined ? { vni: n.vni } : {}),
    ...(n.subnet ? { subnet: cidrText(n.subnet) } : {}),
    ...(n.subnet && n.gateway !== ipText(n.subnet.base + 1) ? { gateway: n.gateway } : {}),
    internal: n.internal,
    attachable: n.attachable,
    created: n.created,
    endpoints: [...n.endpoints.values()].map((e) => ({
      container: e.container,
      ...(e.ip !== undefined ? { ip: e.ip } : {}),
      ...(e.mac !== undefined ? { mac: e.mac } : {}),
      endpointId: e.endpointId,
      ...(e.host !== undefined ? { host: e.host } : {}),
    })),
  };
}

/** A file's network, checked against those read before it (`made`), or undefined when its block is no block at all. */
function readNetwork(host: string, n: DockerNetworkState, at: string, made: readonly DockerNetwork[], problems: string[]): DockerNetwork | undefined {
  if (made.some((m) => m.name === n.name)) problems.push(`${at}.name: ${n.name} is used twice${host ? ` on ${host}` : ''}`);
  if (made.some((m) => m.id === n.id)) problems.push(`${at}.id: ${n.id} is used twice${host ? ` on ${host}` : ''}`);
  const subnet = n.subnet === undefined ? undefined : parseCidr(n.subnet, true);
  if (n.subnet !== undefined && (!subnet || subnet.bits < 8 || subnet.bits > 30)) {
    problems.push(`${at}.subnet: ${n.subnet} is not a CIDR block from /8 to /30`);
    return undefined;
  }
  const addressed = n.driver === 'bridge' || n.driver === 'overlay';
  if (addressed !== (subnet !== undefined)) problems.push(`${at}.subnet: a bridge or an overlay has a subnet, and only they`);
  const clash = subnet && made.find((m) => m.subnet && overlaps(m.subnet, subnet));
  if (clash) problems.push(`${at}.subnet: ${n.subnet} overlaps ${clash.name}'s`);
  if (n.gateway !== undefined && (!subnet || parseIp(n.gateway) === undefined || !inCidr(parseIp(n.gateway)!, subnet)))
    problems.push(`${at}.gateway: ${n.gateway} is not an address of ${n.subnet ?? 'its subnet'}`);
  const net = network(host, n.name, n.driver, subnet, {
    internal: n.internal,
    attachable: n.attachable,
    created: n.created,
    id: n.id,
    ...(n.ingress ? { ingress: true } : {}),
    ...(n.vni !== undefined ? { vni: n.vni } : {}),
    ...(n.gateway !== undefined ? { gateway: n.gateway } : {}),
  });
  for (const [j, e] of n.endpoints.entries()) {
    // Whether the container is the host's is the estate's to say (estate/provider-state.ts): ids need not name their host.
    if (net.endpoints.has(e.container)) problems.push(`${at}.endpoints[${j}].container: ${e.container} twice`);
    else if (e.ip !== undefined && (!net.pool || net.pool.claim(e.ip) !== undefined))
      problems.push(`${at}.endpoints[${j}].ip: ${e.ip} is not a free address of ${n.subnet ?? 'a network without addresses'}`);
    else if ((n.driver === 'overlay') !== (e.host !== undefined))
      problems.push(`${at}.endpoints[${j}].host: an overlay's endpoint names its host, and only an overlay's`);
    else net.endpoints.set(e.container, { ...e });
  }
  return net;
}
