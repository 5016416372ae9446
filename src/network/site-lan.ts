// A site's physical LAN, one segment a VLAN, which every on-premises hypervisor's
// VMs bridged onto it share: a Hyper-V external switch, a vSphere port group.
// The addressing plan is the simulation's own: 10.(20 + 16 x site + VLAN / 256).(VLAN mod 256).0/24,
// the site numbered in the order it was added to the estate. Its DHCP gives a
// guest an address drawn from the guest's id in .10-.249, the next one up when
// another guest has it (a DHCP server's pick is its own; drawn from the id, the
// same guest gets the same address on every run).
import { hashBytes } from './hash-bytes.js';

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
}

/** The DHCP scope's first host address and how many it hands out (.10-.249). */
const FIRST = 10;
const SPAN = 240;

/** Each guest's address, in the order given: a guest listed earlier keeps its pick when a later one would take it. A full scope gives none. */
export function lanAddresses(guests: readonly LanGuest[]): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const g of guests) {
    const scope = lanBlock(g.site, g.vlan);
    const [x, y] = hashBytes(g.id, 0x155d, 2) as [number, number];
    for (let i = 0; i < SPAN; i++) {
      const ip = `${scope}.${FIRST + ((((x << 8) | y) + i) % SPAN)}`;
      if (taken.has(ip)) continue;
      taken.add(ip);
      out.set(g.id, ip);
      break;
    }
  }
  return out;
}
