// libvirt's networks on each KVM host: the `default` network every libvirt
// install defines (src/network/default.xml.in: bridge virbr0, <forward/> which
// is NAT, 192.168.122.1/24, DHCP from .2 to .254), active, autostarted and
// persistent as distributions ship it. Each domain has one NIC on its host's
// default network: a MAC of QEMU's prefix 52:54:00 (virCapabilitiesSetMacPrefix)
// and, while it runs, an address from dnsmasq, which does not hand out the lowest
// free address but hashes the MAC into the range and walks up from there to a free
// one (dnsmasq src/dhcp.c address_allocate, SDBM hash; libvirt sets no
// dhcp-sequential-ip). Leases last dnsmasq's default hour (config.h DEFLEASE
// 3600), renewed by the guest at half-time (RFC 2131 4.4.5, T1 = 0.5 x lease).
import { hashBytes } from '../../network/hash-bytes.js';
import { inCidr, ipText, parseCidr, parseIp } from '../../network/ipv4.js';
import type { LanGuest } from '../../network/site-lan.js';
import type { ProviderWorkload } from '../provider.js';
import type { KvmDriver } from './driver.js';

export interface LibvirtNetwork {
  readonly name: string;
  readonly host: string;
  readonly uuid: string;
  /** The bridge device: libvirt's own (virbrN), or the host's existing one a bridge-mode network names (br0). */
  readonly bridge: string;
  readonly forward: 'nat' | 'route' | 'bridge' | 'isolated';
  /** Its IPv4 network and the host's address on it; none on a bridge-mode network (the LAN's). */
  readonly cidr?: string;
  readonly gateway?: string;
  readonly dhcp?: readonly [string, string];
  active: boolean;
  autostart: boolean;
  persistent: boolean;
}

/** The libvirt network a domain's NIC is on: its `network` attribute, else the default network (as virt-install picks it). */
export const NETWORK_ATTR = 'network';
export const networkOf = (d: { attrs?: Readonly<Record<string, unknown>> }) =>
  typeof d.attrs?.[NETWORK_ATTR] === 'string' ? (d.attrs[NETWORK_ATTR] as string) : 'default';
/** An attachment straight to a host bridge (virt-install --network bridge=br0): the NIC is on the site's LAN. */
export const isHostBridge = (attachment: string) => attachment.startsWith('bridge=');

export interface Lease {
  readonly domain: ProviderWorkload;
  readonly mac: string;
  readonly ip: string;
  /** Sim ms the lease runs out. */
  readonly expiry: number;
  /** The host's tap device for the NIC (vnetN). */
  readonly iface: string;
}

/** dnsmasq's default lease time (config.h DEFLEASE), in ms. */
export const LEASE_MS = 3_600_000;

/** The default network of a host, as default.xml.in defines it. */
export function defaultNetwork(host: string, uuid: (key: string) => string): LibvirtNetwork {
  return {
    name: 'default',
    host,
    uuid: uuid(`${host}/network/default`),
    bridge: 'virbr0',
    forward: 'nat',
    cidr: '192.168.122.0/24',
    gateway: '192.168.122.1',
    dhcp: ['192.168.122.2', '192.168.122.254'],
    active: true,
    autostart: true,
    persistent: true,
  };
}

/** A domain's NIC's MAC: 52:54:00 and three bytes drawn from its id (libvirt draws them at random when it defines the domain). */
export function domainMac(id: string): string {
  return ['52', '54', '00', ...hashBytes(id, 0x5254, 3).map((b) => b.toString(16).padStart(2, '0'))].join(':');
}

/** dnsmasq's hash of a client's hardware address (dhcp.c address_allocate: j = b + (j << 6) + (j << 16) - j over its bytes). */
export function macHash(mac: string): number {
  let j = 0;
  for (const b of mac.split(':').map((x) => Number.parseInt(x, 16))) j = (b + (j << 6) + (j << 16) - j) >>> 0;
  return j === 0 ? 1 : j;
}

/**
 * The leases of the running domains on a network: each the address its MAC
 * hashes to in the DHCP range, or the next free one up from it (wrapping; .0 and
 * .255 and the gateway never), given out in the order the domains booted; the
 * tap devices numbered in the same order.
 */
export function leases(net: LibvirtNetwork, domains: readonly ProviderWorkload[], now: number, tapOf: (d: ProviderWorkload) => number): Lease[] {
  // An inactive network runs no dnsmasq; one without <dhcp> hands out nothing.
  if (!net.active || !net.dhcp || net.gateway === undefined) return [];
  const lo = parseIp(net.dhcp[0])!;
  const hi = parseIp(net.dhcp[1])!;
  const size = hi - lo + 1;
  const gateway = parseIp(net.gateway);
  const taken = new Set<number>();
  const booted = (d: ProviderWorkload) => now - (d.uptimeMs ?? 0);
  // A domain has its NIC while its QEMU process runs: running, paused, shutting down, and on both hosts while it migrates.
  const running = domains
    .filter((d) => d.uptimeMs !== undefined && HOLDING.has(d.state) && networkOf(d) === net.name)
    .sort((a, b) => booted(a) - booted(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const out: Lease[] = [];
  for (const d of running) {
    const mac = domainMac(d.id);
    const start = lo + (macHash(mac) % size);
    let ip: number | undefined;
    for (let i = 0; i < size; i++) {
      const a = lo + ((start - lo + i) % size);
      const last = a & 255;
      if (taken.has(a) || a === gateway || last === 0 || last === 255) continue;
      ip = a;
      break;
    }
    if (ip === undefined) continue; // dnsmasq: "no address available"; the guest has none
    taken.add(ip);
    // Granted as it booted, renewed every half lease since.
    // A paused guest renews nothing: its lease runs out an hour after its last renewal before the pause.
    const until = d.state === 'paused' ? d.sinceMs : now;
    const renewed = booted(d) + Math.floor(Math.max(0, until - booted(d)) / (LEASE_MS / 2)) * (LEASE_MS / 2);
    // libvirt numbers tap devices from a counter that only goes up; the domain's own number stands in for it, so a
    // domain's device keeps its name while others stop (a position among the running ones did not).
    out.push({ domain: d, mac, ip: ipText(ip), expiry: renewed + LEASE_MS, iface: `vnet${tapOf(d)}` });
  }
  return out;
}

const HOLDING = new Set(['running', 'paused', 'stopping', 'migrating']);

export const prefixOf = (net: LibvirtNetwork) => (net.cidr ? parseCidr(net.cidr)!.bits : 24);

/** The VLAN a host's own bridge is on: its cluster's management VLAN (the host's uplink port's), 0 untagged. */
export function hostVlan(kvm: KvmDriver, host: string): number {
  const h = kvm.sim.host(host);
  return h ? (kvm.sim.cluster(h.cluster)?.managementVlan ?? 0) : 0;
}

/** The running domains on a bridge-mode network: on their site's LAN, on their host's own VLAN (network/site-lan.ts). */
export function bridgedGuests(kvm: KvmDriver): LanGuest[] {
  const sites = new Map(kvm.sim.sites().map((s, i) => [s.id, i] as const));
  const out: LanGuest[] = [];
  kvm.eachRow((d) => {
    const host = d.host;
    if (host === undefined || !HOLDING.has(d.state)) return;
    const attached = networkOf(d);
    const net = kvm.networksOn(host).find((n) => n.name === attached);
    if (isHostBridge(attached) || (net?.active && net.forward === 'bridge'))
      out.push({ id: d.id, site: sites.get(kvm.sim.host(host)?.site ?? '') ?? 0, vlan: hostVlan(kvm, host), since: kvm.sim.now - (d.uptimeMs ?? 0) });
  });
  return out;
}

/** What in a file's network does not hold together: its host, its addresses, a name, bridge or uuid another network has. */
export function libvirtNetworkProblems(n: LibvirtNetwork, host: string, before: readonly LibvirtNetwork[]): string[] {
  const out: string[] = [];
  if (n.host !== host) out.push(`its host is ${n.host}, but it is listed under ${host}`);
  if (before.some((b) => b.name === n.name)) out.push(`${n.name} is named twice`);
  if (before.some((b) => b.uuid === n.uuid)) out.push(`uuid ${n.uuid} is another network's`);
  if (n.forward !== 'bridge' && before.some((b) => b.bridge === n.bridge && b.forward !== 'bridge')) out.push(`bridge ${n.bridge} is another network's`);
  if (n.forward === 'bridge' && n.cidr !== undefined) out.push('a bridge-mode network has no addresses of its own');
  if (n.forward !== 'bridge' && n.cidr !== undefined) {
    const block = parseCidr(n.cidr, true);
    const gw = n.gateway === undefined ? undefined : parseIp(n.gateway);
    if (!block) out.push(`cidr ${n.cidr} is not a CIDR block`);
    else if (gw === undefined || !inCidr(gw, block)) out.push(`gateway ${n.gateway ?? '(none)'} is not an address of ${n.cidr}`);
    else if (n.dhcp?.some((a) => parseIp(a) === undefined || !inCidr(parseIp(a)!, block))) out.push(`dhcp range ${n.dhcp.join('-')} is not inside ${n.cidr}`);
  }
  if (!n.persistent && n.autostart) out.push('a transient network cannot autostart');
  return out;
}
