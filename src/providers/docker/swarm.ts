// Docker swarm mode: daemons joined into swarms, each node a manager or a worker,
// and the swarm's overlay networks, one network across its nodes (VXLAN between
// the hosts), its addresses from one pool whichever node a container runs on.
// As moby/swarmkit makes them: node and network IDs 25 characters of base 36
// (identity/randomid.go NewID); a join token SWMTKN-1-<the root CA's digest, 50
// base-36 characters>-<a secret of 25> (ca/config.go GenerateJoinToken), the
// worker's and the manager's tokens differing only in their secrets; the first
// reachable manager the leader while more than half of the managers are up (Raft's
// quorum), none otherwise; overlay blocks /24s of 10.0.0.0/8, the lowest free, ingress
// taking the first (manager/controlapi/cluster.go inbuiltDefaultAddressPool,
// inbuiltSubnetSize; manager/allocator/network.go allocates ingress first).
import { hash32 } from '../../core/prng.js';
import { type Cidr, overlaps, parseCidr } from '../../network/ipv4.js';
import type { DockerNetwork, DockerNetworkState } from './networks.js';

export type SwarmRole = 'manager' | 'worker';

export interface SwarmNode {
  /** The Docker host it is. */
  readonly host: string;
  readonly id: string;
  role: SwarmRole;
  /** Promoted while down: a manager to be, not yet a member of the managers' Raft group (it joins as it comes up). */
  pending?: boolean;
  /** The address it advertises to the others, IP:PORT (2377 unless said). */
  readonly addr: string;
}

export interface Swarm {
  readonly id: string;
  readonly created: number;
  /** The root CA's digest: the 50 characters its join tokens share. */
  readonly digest: string;
  /** The secrets of its worker's and manager's join tokens (docker swarm join-token --rotate changes one). */
  workerSecret: string;
  managerSecret: string;
  /** Its nodes in the order they joined. */
  readonly nodes: SwarmNode[];
  /** Its overlay networks, ingress first. */
  readonly networks: DockerNetwork[];
  /** The VXLAN ID the next overlay takes: the allocator gives them in turn from 4096, past the 802.1Q VLAN IDs. */
  nextVni: number;
}

/** The first VXLAN ID an overlay takes (libnetwork drivers/overlay/ovmanager vxlanIDStart; SetAnyInRange serial). */
export const VNI_FIRST = 4096;
/** The last (a VNI is 24 bits). */
export const VNI_LAST = 2 ** 24 - 1;

/** What an estate file keeps of a swarm (its networks as DockerNetworkState, with their endpoints). */
export interface SwarmState {
  readonly id: string;
  readonly created: number;
  readonly digest: string;
  readonly workerSecret: string;
  readonly managerSecret: string;
  readonly nodes: readonly { readonly host: string; readonly id: string; readonly role: SwarmRole; readonly addr: string; readonly pending?: boolean }[];
  readonly networks: readonly DockerNetworkState[];
}

// The daemon's refusals (moby daemon/cluster/errors.go; cluster.go errNoManager for a node in no swarm or a worker).
export const NOT_IN_SWARM = 'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.';
export const NOT_MANAGER =
  "This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.";
export const NO_SWARM = 'This node is not part of a swarm';
export const SWARM_EXISTS = 'This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.';

/** swarmkit manager/state/raft/raft.go lostQuorumMessage, as the daemon passes the gRPC error on. */
export const NO_LEADER =
  "rpc error: code = Unknown desc = The swarm does not have a leader. It's possible that too few managers are online. Make sure more than half of the managers are online.";

/** moby daemon/cluster/errors.go errSwarmJoinTimeoutReached. */
export const JOIN_TIMEOUT =
  'Timeout was reached before node joined. The attempt to join the swarm will continue in the background. Use the "docker info" command to see the current swarm status of your node.';

/** The swarm manager's port (cli/command/swarm/opts.go defaultListenAddr 0.0.0.0:2377). */
export const SWARM_PORT = 2377;

/** The pool overlay networks' blocks are cut from, and their size. */
const GLOBAL_POOL = parseCidr('10.0.0.0/8')!;
const OVERLAY_BITS = 24;

/** `length` base-36 characters drawn from a key: swarmkit's random IDs and secrets look so. */
export function base36(key: string, length: number): string {
  let out = '';
  let h = 0x2377;
  for (let round = 1; out.length < length; round++) {
    for (let i = 0; i < key.length; i++) h = hash32(h ^ key.charCodeAt(i), round);
    // Five base-36 digits of each 32-bit draw (36^5 < 2^32), so every digit is as likely as another.
    out += (h % 36 ** 5).toString(36).padStart(5, '0');
  }
  return out.slice(0, length);
}

/** The network attachment task a container by itself on an overlay is (swarmkit resourceapi AttachNetwork: a task of its own). */
export const attachmentTask = (n: DockerNetwork, container: string) => base36(`${n.id}\u0000task\u0000${container}`, 25);

export const joinToken = (s: Swarm, role: SwarmRole) => `SWMTKN-1-${s.digest}-${role === 'manager' ? s.managerSecret : s.workerSecret}`;

/** A token's parts, or undefined when it is not one (ca/config.go ParseJoinToken: SWMTKN, version 1, a 50-character digest, a 25-character secret). */
export function parseJoinToken(token: string): { digest: string; secret: string } | undefined {
  const m = /^SWMTKN-1-([0-9a-z]{50})-([0-9a-z]{25})$/.exec(token);
  return m ? { digest: m[1]!, secret: m[2]! } : undefined;
}

export class Swarms {
  readonly list: Swarm[] = [];

  /** The swarm a host's daemon is part of, and its node there. */
  of(host: string): { swarm: Swarm; node: SwarmNode } | undefined {
    for (const swarm of this.list) {
      const node = swarm.nodes.find((n) => n.host === host);
      if (node) return { swarm, node };
    }
    return undefined;
  }

  /**
   * The leader: the first reachable manager, while more than half of the managers in the Raft group are reachable
   * (its quorum); none otherwise. A node promoted while down joins the group once it is up.
   */
  static leader(s: Swarm, down: (n: SwarmNode) => boolean): SwarmNode | undefined {
    for (const n of s.nodes) if (n.pending && !down(n)) delete n.pending;
    const managers = s.nodes.filter((n) => n.role === 'manager' && !n.pending);
    const up = managers.filter((n) => !down(n));
    return up.length * 2 > managers.length ? up[0] : undefined;
  }

  /**
   * A draw from the simulation's seeded generator (the driver sets it): swarmkit's IDs, CA and secrets are
   * random, so a swarm made again, or after the estate was saved and opened, is a new one with new tokens.
   */
  draw: () => number = () => 0;

  /** A new 25-character ID (identity.NewID's shape), drawn. */
  newId(key: string): string {
    return base36(`${key}\u0000${this.draw()}`, 25);
  }

  /** A new swarm with `host` its one manager and the ingress network (`ingress` made by the caller, who knows networks). */
  init(host: string, addr: string, now: number, ingress: (swarm: Swarm) => DockerNetwork): Swarm {
    const key = `${host}\u0000swarm\u0000${now}\u0000${this.draw()}`;
    const swarm: Swarm = {
      id: base36(`${key}\u0000id`, 25),
      created: now,
      digest: base36(`${key}\u0000ca`, 50),
      workerSecret: base36(`${key}\u0000worker`, 25),
      managerSecret: base36(`${key}\u0000manager`, 25),
      nodes: [],
      networks: [],
      nextVni: VNI_FIRST,
    };
    this.list.push(swarm);
    this.join(swarm, host, 'manager', addr, now);
    swarm.networks.push(ingress(swarm));
    return swarm;
  }

  join(swarm: Swarm, host: string, role: SwarmRole, addr: string, now: number): SwarmNode {
    const node: SwarmNode = { host, id: this.newId(`${swarm.id}\u0000node\u0000${host}\u0000${now}`), role, addr };
    swarm.nodes.push(node);
    return node;
  }

  /** Takes a node out of its swarm (it left, or was removed); a swarm with no node left is gone. */
  remove(swarm: Swarm, node: SwarmNode): void {
    swarm.nodes.splice(swarm.nodes.indexOf(node), 1);
    if (swarm.nodes.length === 0) this.list.splice(this.list.indexOf(swarm), 1);
  }

  /** The lowest /24 of 10.0.0.0/8 no overlay of the swarm has, or undefined when all are taken. */
  static freeBlock(s: Swarm): Cidr | undefined {
    const size = 2 ** (32 - OVERLAY_BITS);
    for (let base = GLOBAL_POOL.base; base < GLOBAL_POOL.base + 2 ** (32 - GLOBAL_POOL.bits); base += size) {
      const block: Cidr = { base, bits: OVERLAY_BITS };
      if (!s.networks.some((n) => n.subnet && overlaps(n.subnet, block))) return block;
    }
    return undefined;
  }
}
