// The estate's networks as every platform contributes them, in one shape the
// reachability check reads: segments (a subnet, a Docker network, a libvirt
// network, a port group), the NICs on them, and the ways in from outside
// (public addresses, published ports). A driver says what its platform would:
// which segments route to each other, which reach the internet, which rules sit
// where; the check itself knows no platform.
import type { Cidr } from './ipv4.js';
import type { CompiledRules, SecurityRule } from './security-rules.js';

/** A named rule set where it applies: "NSG web-nsg on subnet web". */
export interface RuleSet {
  /** How a verdict names where it was decided ("NSG web-nsg (subnet web)"). */
  readonly label: string;
  readonly rules: CompiledRules;
  /** How a verdict names a rule of it, where not as Azure does ("securityRules/NAME (PRIORITY) ACCESS"). */
  readonly ruleText?: (rule: SecurityRule, isDefault: boolean) => string;
}

export interface Segment {
  /** Unique across the estate. */
  readonly id: string;
  /** The platform's word for it and its name: "subnet shop-vnet/web", "Docker network backend on docker-01". */
  readonly label: string;
  /** Whose it is: a platform's, or 'lan' for a site's LAN, which several platforms' VMs share. */
  readonly platform: string;
  readonly cidr?: Cidr;
  /**
   * Segments with one routing domain reach each other: an Azure VNet's subnets
   * (its system routes), one Docker bridge network alone (Docker isolates bridge
   * networks from each other), a site's VLAN.
   */
  readonly domain: string;
  /** What the domain is called in a verdict ("VNet shop-vnet"). */
  readonly domainLabel: string;
  /** Addresses the VirtualNetwork tag covers when a rule is read for this segment (an Azure VNet's address space). */
  readonly localSpace: readonly Cidr[];
  /** Whether traffic from it reaches the internet (SNAT, masquerade), or why not. */
  readonly internet: true | string;
  /** A subnet's network security group. */
  readonly rules?: RuleSet;
  /** How names of its NICs resolve there: a DNS server that answers for them, or why none does. */
  readonly names?: { readonly resolver: string } | { readonly none: string };
  /** A site LAN's VLAN: the site routers decide its domain and its way out (network/routing.ts). */
  readonly lan?: { readonly site: string; readonly vlan: number };
  /** The router's address on it, where one routes it. */
  readonly gateway?: string;
}

export interface Nic {
  readonly name: string;
  readonly workloadId: string;
  readonly workloadName: string;
  readonly segment: string;
  readonly ip: string;
  /** Whether it carries traffic now: its workload runs. */
  readonly up: boolean;
  /** Why not, in the platform's words ("VM deallocated"). */
  readonly state: string;
  /** The NIC's own network security group. */
  readonly rules?: RuleSet;
  /**
   * How its traffic to other networks leaves, where a host masquerades it (a NAT network's, a Docker bridge's, a
   * pod's node): the host, and the host's own address and the segment it is on (unset where the host has none).
   */
  readonly egress?: { readonly via: string; readonly ip?: string; readonly segment?: string };
  /** A public address that reaches it straight from the internet. */
  readonly publicIp?: string;
  /**
   * Set when that address lets nothing in until a security group on the NIC or
   * its subnet allows it (an Azure Standard SKU public IP): why, in a sentence.
   */
  readonly publicIpClosed?: string;
}

/** A way in from outside to a NIC's port: a Docker published port, a NAT rule. */
export interface Forward {
  readonly label: string;
  /** The address the outside sends to, if it is one of the estate's (a Docker host's own has none here). */
  readonly ip?: string;
  readonly port: number;
  readonly protocol: 'Tcp' | 'Udp';
  readonly nic: Nic;
  readonly targetPort: number;
  /** Set when it lets nothing in until a security group on the NIC or its subnet allows it (an Azure Standard load balancer): why. */
  readonly closed?: string;
  /** The segment its address is on, where it is a private one (an on-premises load balancer's VIP on a site LAN). */
  readonly segment?: string;
}

/** A workload that has a network but no address now: it is not running, or (noAddress) its network gives it none. */
export interface Offline {
  readonly workloadId: string;
  readonly workloadName: string;
  /** Its state in the platform's words ("shut off", "Off"). */
  readonly state: string;
  /** Set when it runs but has no address: why (its network is not on its host, its DHCP scope is full). */
  readonly noAddress?: string;
}

/** What an address of the estate that no NIC or way in answers on is, and why nothing answers there, for a protocol and port. */
export type Known = (protocol: string, port: number) => string;

export interface Topology {
  readonly segments: ReadonlyMap<string, Segment>;
  readonly nics: readonly Nic[];
  readonly forwards: readonly Forward[];
  readonly offline: readonly Offline[];
  /** Addresses the estate has that answer nothing here (a Service with no endpoint, a router, a host): what each is. */
  readonly known?: ReadonlyMap<string, Known>;
}

/** What each driver gives the topology. */
export interface TopologyPart {
  readonly segments: readonly Segment[];
  readonly nics: readonly Nic[];
  readonly forwards?: readonly Forward[];
  readonly offline?: readonly Offline[];
}

export function topologyOf(parts: readonly TopologyPart[]): Topology {
  return {
    segments: new Map(parts.flatMap((p) => p.segments.map((s) => [s.id, s] as const))),
    nics: parts.flatMap((p) => p.nics),
    forwards: parts.flatMap((p) => p.forwards ?? []),
    offline: parts.flatMap((p) => p.offline ?? []),
  };
}
