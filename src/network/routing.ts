// The site routers. Each VLAN of a site's LAN is a broadcast domain of its own
// (IEEE 802.1Q), and traffic leaves it only through a router with an interface on
// it, the VLAN's default gateway: inter-VLAN routing, a layer-3 switch's VLAN
// interface or a router's subinterface (Cisco, "Configure InterVLAN Routing on
// Layer 3 Switches"). Here each site has one router; its address on a routed
// VLAN is the .1 of the VLAN's /24 (network/site-lan.ts keeps .1-.9 out of DHCP),
// and the sites' routers are joined over the link between the sites (the one
// replication copies over), so every routed VLAN of the estate reaches every
// other. A VLAN without a gateway reaches nothing beyond itself: not another
// VLAN, not the internet. The routers filter nothing here; the guests' own
// firewalls and the load balancers do.
import { ipText } from './ipv4.js';
import { lanBlock, lanSegment, lanSegmentOf } from './site-lan.js';
import type { Segment, Topology } from './topology.js';

/** The domain every routed VLAN is in. */
export const ROUTED_DOMAIN = 'lan/routed';

/** A VLAN ID a router can have an interface on: 0 (the untagged LAN) or 1-4094 (4095 is a port group's trunk, not a VLAN). */
export const isRoutableVlan = (n: number) => Number.isInteger(n) && n >= 0 && n <= 4094;

/** What a site's router routes until told otherwise: its untagged LAN, as a flat network comes. */
export const DEFAULT_ROUTED: ReadonlySet<number> = new Set([0]);

/** A VLAN as people say it. */
export const vlanText = (site: string, vlan: number) => (vlan === 0 ? `the untagged LAN of ${site}` : `VLAN ${vlan} of ${site}`);

/** The router's address on a LAN segment: the .1 of its block. */
export function gatewayOf(segment: Segment): string | undefined {
  return segment.cidr ? ipText(segment.cidr.base + 1) : undefined;
}

/** A datacenter's router: the site, its index in the estate (its LAN's addressing), the VLANs it routes. */
export interface SiteRouter {
  readonly site: string;
  readonly index: number;
  readonly routed: ReadonlySet<number>;
  /** The VLANs its physical hosts' own addresses are on (their management networks), routed or not. */
  readonly hostVlans?: ReadonlySet<number>;
}

/**
 * The topology with each site LAN segment routed, or kept to itself, as its
 * site's router has it; a routed VLAN with no guest on it yet is a segment too
 * (the router's interface is on it, and a VIP may stand there), and so is one
 * with hosts' own addresses on it (their NAT leaves through it).
 */
export function routeLans(topo: Topology, routers: readonly SiteRouter[]): Topology {
  const bySite = new Map(routers.map((r) => [r.site, r] as const));
  const routedOn = (site: string) => bySite.get(site)?.routed ?? DEFAULT_ROUTED;
  const unused = routers.flatMap((r) =>
    [...new Set([...r.routed, ...(r.hostVlans ?? [])])]
      .filter((v) => !topo.segments.has(lanSegment(r.site, v)))
      .map((v) => lanSegmentOf(r.site, v, `${lanBlock(r.index, v)}.0`)),
  );
  let lans = unused.length > 0;
  const segments = new Map<string, Segment>();
  for (const s of [...topo.segments.values(), ...unused]) {
    if (!s.lan) {
      segments.set(s.id, s);
      continue;
    }
    lans = true;
    const { site, vlan } = s.lan;
    const gateway = gatewayOf(s);
    segments.set(
      s.id,
      routedOn(site).has(vlan) && gateway !== undefined
        ? { ...s, domain: ROUTED_DOMAIN, domainLabel: 'the site routers', gateway }
        : { ...s, internet: `${vlanText(site, vlan)} has no gateway: no router has an interface on it (router ${site} add ${vlan})` },
    );
  }
  return lans ? { ...topo, segments } : topo;
}
