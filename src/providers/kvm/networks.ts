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
import { ipText, parseCidr, parseIp } from '../../network/ipv4.js';
import type { ProviderWorkload } from '../provider.js';

export interface LibvirtNetwork {
  readonly name: string;
  readonly host: string;
  readonly uuid: string;
  readonly bridge: string;
  readonly forward: 'nat' | 'route' | 'bridge' | 'isolated';
  readonly cidr: string;
  readonly gateway: string;
  readonly dhcp: readonly [string, string];
}

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
  const lo = parseIp(net.dhcp[0])!;
  const hi = parseIp(net.dhcp[1])!;
  const size = hi - lo + 1;
  const gateway = parseIp(net.gateway);
  const taken = new Set<number>();
  const booted = (d: ProviderWorkload) => now - (d.uptimeMs ?? 0);
  // A domain has its NIC while its QEMU process runs: running, paused, shutting down, and on both hosts while it migrates.
  const running = domains
    .filter((d) => d.uptimeMs !== undefined && HOLDING.has(d.state))
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

export const prefixOf = (net: LibvirtNetwork) => parseCidr(net.cidr)!.bits;
