// A site's physical LAN, one segment a VLAN, which every on-premises hypervisor's
// VMs bridged onto it share: a Hyper-V external switch, a vSphere port group.
// The addressing plan is the simulation's own: 10.(20 + 16 x site + VLAN / 256).(VLAN mod 256).0/24,
// the site numbered in the order it was added to the estate. Its DHCP gives a
// guest an address drawn from the guest's id in .10-.249, the next one up when
// another guest has it (a DHCP server's pick is its own; drawn from the id, the
// same guest gets the same address on every run). Guests are served in the order
// they came up, so one that starts later never takes a running guest's address;
// a full scope gives none, as an exhausted DHCP pool does.
import { hashBytes } from './hash-bytes.js';
import { parseCidr } from './ipv4.js';
import type { Segment } from './topology.js';

/** The first three octets of a site's LAN for a VLAN (0: untagged). */
export function lanBlock(site: number, vlan: number): string {
  return `10.${(20 + 16 * site + (vlan >> 8)) % 256}.${vlan & 255}`;
}

/** The segment a site's VLAN is, one id for every platform bridged onto it. */
export const lanSegment = (site: string, vlan: number) => `lan/${site}/vlan${vlan}`;

export const lanLabel = (site: string, vlan: number) => `the LAN of ${site}${vlan === 0 ? ' (untagged)' : ` on VLAN ${vlan}`}`;

export interface LanGuest {
  /** The workload's id: what its address is drawn from. */
  readonly id: string;
  /** Its site's index in the estate's order. */
  readonly site: number;
  /** 0 untagged, else 1-4094. */
  readonly vlan: number;
  /** Sim ms since it has held its address (since it came up): the order DHCP served the guests in. */
  readonly since: number;
}

/** The DHCP scope's first host address and how many it hands out (.10-.249). */
const FIRST = 10;
const SPAN = 240;

/** Each guest's address: served in the order they came up (ties by id), a full scope giving none; `reserved` served before them all. */
export function lanAddresses(guests: readonly LanGuest[], reserved: ReadonlyMap<string, string> = new Map()): Map<string, string> {
  const out = new Map<string, string>(reserved);
  const taken = new Map<string, Set<number>>();
  for (const ip of reserved.values()) {
    const at = ip.lastIndexOf('.');
    const scope = ip.slice(0, at);
    (taken.get(scope) ?? taken.set(scope, new Set()).get(scope)!).add(Number(ip.slice(at + 1)));
  }
  const order = [...guests].sort((a, b) => a.since - b.since || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const g of order) {
    const scope = lanBlock(g.site, g.vlan);
    let used = taken.get(scope);
    if (!used) taken.set(scope, (used = new Set()));
    if (used.size >= SPAN) continue;
    const [x, y] = hashBytes(g.id, 0x155d, 2) as [number, number];
    for (let i = 0; i < SPAN; i++) {
      const host = FIRST + ((((x << 8) | y) + i) % SPAN);
      if (used.has(host)) continue;
      used.add(host);
      out.set(g.id, `${scope}.${host}`);
      break;
    }
  }
  return out;
}

/**
 * A VLAN of a site's LAN as the topology has it, from the address of a guest on
 * it; a segment of its own until the site routers join it to others (network/routing.ts).
 */
export function lanSegmentOf(site: string, vlan: number, guestIp: string): Segment {
  const id = lanSegment(site, vlan);
  const block = parseCidr(`${guestIp.split('.').slice(0, 3).join('.')}.0/24`)!;
  return {
    id,
    label: lanLabel(site, vlan),
    platform: 'lan',
    cidr: block,
    domain: id,
    domainLabel: lanLabel(site, vlan),
    localSpace: [block],
    internet: true,
    lan: { site, vlan },
  };
}
