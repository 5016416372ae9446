// `router`: hyperpane's own command for the site routers (network/routing.ts),
// which no platform's tool configures: which VLANs of a site's LAN have a
// gateway, and so reach each other, the other sites' routed VLANs and the internet.
import type { SimulationApi } from '../core/simulation-api.js';
import { DEFAULT_ROUTED, isRoutableVlan, type SiteRouter, vlanText } from '../network/routing.js';
import { lanBlock, lanSegment } from '../network/site-lan.js';
import type { Topology } from '../network/topology.js';
import { failure, output } from './exec-result.js';
import type { ExecResult } from './provider.js';

export const ROUTER_USAGE = [
  'usage: router [SITE]                 each site LAN VLAN: its gateway, its network, the hosts and guests on it',
  '       router SITE add VLAN...       give VLANs an interface on the site router: they reach every routed VLAN and the internet',
  '       router SITE remove VLAN...    take it away: the VLAN reaches only itself',
  "  VLAN: 0 (the untagged LAN) or 1-4094; a routed VLAN's gateway is the .1 of its /24. A site router routes its untagged LAN until told otherwise.",
].join('\n');

/** What an estate file keeps: each site whose router routes other than its untagged LAN alone. */
export interface RouterState {
  readonly site: string;
  readonly vlans: readonly number[];
}

const byNumber = (a: number, b: number) => a - b;

export class SiteRouters {
  /** The sites whose routers route other than the default, by site id. */
  readonly routed = new Map<string, Set<number>>();

  constructor(private readonly sim: SimulationApi) {}

  routedOn(site: string): ReadonlySet<number> {
    return this.routed.get(site) ?? DEFAULT_ROUTED;
  }

  /** Each datacenter's router, as the topology reads them. */
  all(): SiteRouter[] {
    return this.sim.sites().flatMap((s, index) => (s.kind === 'datacenter' ? [{ site: s.id, index, routed: this.routedOn(s.id) }] : []));
  }

  state(): RouterState[] {
    return [...this.routed].filter(([site]) => this.sim.sites().some((s) => s.id === site)).map(([site, v]) => ({ site, vlans: [...v].sort(byNumber) }));
  }

  /** Runs `router ...`; `hostsOn` counts a site's physical hosts with an address on its LAN, by VLAN. */
  command(words: readonly string[], topology: () => Topology, hostsOn: (site: string) => ReadonlyMap<number, number> = () => new Map()): ExecResult {
    const [, site, verb, ...rest] = words;
    if (site === '--help' || site === '-h') return output(ROUTER_USAGE);
    const sites = this.sim.sites().filter((s) => s.kind === 'datacenter');
    if (site !== undefined) {
      const known = this.sim.sites().find((s) => s.id === site);
      if (!known) return failure(`router: no site ${site} (the estate's datacenters: ${sites.map((s) => s.id).join(', ') || 'none'})`, 1);
      if (known.kind !== 'datacenter') return failure(`router: ${site} is a cloud region: its virtual networks route their own subnets (az network vnet)`, 1);
    }
    if (verb === undefined || verb === '--help' || verb === '-h')
      return output(verb === undefined ? this.table(site === undefined ? sites.map((s) => s.id) : [site], topology(), hostsOn) : ROUTER_USAGE);
    if (verb !== 'add' && verb !== 'remove') return failure(`router: unknown action ${verb}\n${ROUTER_USAGE}`, 2);
    if (rest.length === 0) return failure(`router: ${verb} needs a VLAN\n${ROUTER_USAGE}`, 2);
    const vlans: number[] = [];
    for (const w of rest) {
      const n = /^\d{1,4}$/.test(w) ? Number(w) : Number.NaN;
      if (!isRoutableVlan(n)) return failure(`router: ${w} is not a VLAN ID a router has an interface on: 0 (the untagged LAN) or 1-4094`, 1);
      if (!vlans.includes(n)) vlans.push(n);
    }
    const now = new Set(this.routedOn(site!));
    const wrong = vlans.find((v) => now.has(v) === (verb === 'add'));
    if (wrong !== undefined) return failure(`router: ${vlanText(site!, wrong)} ${verb === 'add' ? 'is routed already' : 'is not routed'}: nothing changed`, 1);
    for (const v of vlans) verb === 'add' ? now.add(v) : now.delete(v);
    this.routed.set(site!, now);
    const index = this.sim.sites().findIndex((s) => s.id === site);
    return output(
      vlans
        .map((v) =>
          verb === 'add'
            ? `${vlanText(site!, v)} routed: gateway ${lanBlock(index, v)}.1`
            : `${vlanText(site!, v)} no longer routed: its guests reach only each other`,
        )
        .join('\n'),
      true,
    );
  }

  /** Each site's VLANs, routed or with guests on them, in order. */
  private table(siteIds: readonly string[], topo: Topology, hostsOn: (site: string) => ReadonlyMap<number, number>): string {
    const guests = new Map<string, number>();
    for (const n of topo.nics) if (n.up) guests.set(n.segment, (guests.get(n.segment) ?? 0) + 1);
    const inUse = new Map<string, Set<number>>();
    for (const s of topo.segments.values()) if (s.lan) (inUse.get(s.lan.site) ?? inUse.set(s.lan.site, new Set()).get(s.lan.site)!).add(s.lan.vlan);
    const rows: string[][] = [['SITE', 'VLAN', 'GATEWAY', 'NETWORK', 'HOSTS', 'GUESTS']];
    for (const site of siteIds) {
      const index = this.sim.sites().findIndex((s) => s.id === site);
      const routed = this.routedOn(site);
      // The management VLANs carry the hosts' own addresses: listed while there are any, routed or not.
      const hosts = hostsOn(site);
      const vlans = [...new Set([...routed, ...(inUse.get(site) ?? []), ...hosts.keys()])].sort(byNumber);
      if (vlans.length === 0) rows.push([site, 'none', 'none', '-', '0', '0']);
      for (const v of vlans) {
        const block = lanBlock(index, v);
        rows.push([
          site,
          v === 0 ? 'untagged' : String(v),
          routed.has(v) ? `${block}.1` : 'none',
          `${block}.0/24`,
          String(hosts.get(v) ?? 0),
          String(guests.get(lanSegment(site, v)) ?? 0),
        ]);
      }
    }
    if (rows.length === 1) return 'no site LAN VLANs: the estate has no datacenter\n';
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
    return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]! + 2))).join('')).join('\n');
  }
}
