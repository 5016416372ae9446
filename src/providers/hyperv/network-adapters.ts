// A Hyper-V VM's network adapter: the one each VM has ("Network Adapter"), on the
// virtual switch its `switch` attribute names ('' when not connected), tagged
// with the VLAN its `vlan` attribute holds (none: untagged). Its MAC comes from
// the host's dynamic pool, 00-15-5D, two octets of the host and one of the VM
// (KB2804678: 00-15-5D-xx-yy-00 to -FF). Its address, while the VM runs: on an
// external switch, from the site's LAN (network/site-lan.ts, shared with the
// VMs of the other platforms bridged onto it);
// on an internal or private switch there is no DHCP, so Windows gives itself an
// APIPA address in 169.254.0.0/16 (RFC 3927).
import { hashBytes } from '../../network/hash-bytes.js';
import type { LanGuest } from '../../network/site-lan.js';
import type { ProviderWorkload } from '../provider.js';
import type { HypervDriver, VirtualSwitch } from './driver.js';

export const ADAPTER_NAME = 'Network Adapter';
export const VLAN_ATTR = 'vlan';
/** The virtual switch a VM's adapter is connected to, by name. */
export const SWITCH_ATTR = 'switch';

const bytesOf = (key: string, n: number) => hashBytes(key, 0x155d, n);
const hex = (b: number) => b.toString(16).toUpperCase().padStart(2, '0');

/**
 * The adapter's MAC, as Get-VMNetworkAdapter shows it: 12 hex digits, no
 * separators. It is the VM's, kept as it moves (a dynamic MAC is given once, from
 * the pool of the host it was made on); here the three octets after 00-15-5D come
 * from the VM's id, so no two VMs share one however many a host has.
 */
export function adapterMac(vm: string): string {
  const [a, b, c] = bytesOf(vm, 3) as [number, number, number];
  return `00155D${hex(a)}${hex(b)}${hex(c)}`;
}

/** States in which the guest has its address: running, and on both hosts while it live-migrates. */
const HOLDING = new Set(['running', 'migrating', 'stopping']);

/** The switch the VM's adapter is connected to, if any. */
export function switchOf(hv: HypervDriver, vm: Pick<ProviderWorkload, 'attrs'>): VirtualSwitch | undefined {
  const name = String(vm.attrs[SWITCH_ATTR] ?? '');
  return name === '' ? undefined : hv.switchNamed(name);
}

export function vlanOf(vm: Pick<ProviderWorkload, 'attrs'>): number | undefined {
  const v = vm.attrs[VLAN_ATTR];
  return typeof v === 'number' && v >= 1 && v <= 4094 ? v : undefined;
}

/** The VMs whose adapters are on an external switch now, on their site's LAN (network/site-lan.ts). */
export function lanGuests(hv: HypervDriver): LanGuest[] {
  // Each site of the estate its own LAN, numbered in the order the sites were added.
  const sites = new Map(hv.sim.sites().map((s, i) => [s.id, i] as const));
  const out: LanGuest[] = [];
  hv.eachRow((vm) => {
    const host = vm.host;
    if (host === undefined || !HOLDING.has(vm.state) || switchOf(hv, vm)?.type !== 'External') return;
    out.push({ id: vm.id, site: sites.get(hv.sim.host(host)?.site ?? '') ?? 0, vlan: vlanOf(vm) ?? 0, since: hv.sim.now - (vm.uptimeMs ?? 0) });
  });
  return out;
}

/**
 * The address each running, connected VM's guest has: on an external switch the
 * site LAN's DHCP gives it (shared with the other platforms' VMs on that LAN); on
 * an internal or private switch each picks an APIPA address from a hash of its
 * id, the next one up if another VM on that switch of that host has it (RFC 3927
 * 2.2.1: a host probes, and picks again on a conflict).
 */
export function adapterAddresses(hv: HypervDriver): Map<string, string> {
  const lan = hv.siteLan();
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const vm of hv.workloadsBrief()) {
    const sw = switchOf(hv, vm);
    if (!sw || !HOLDING.has(vm.state) || vm.host === undefined) continue;
    if (sw.type === 'External') {
      const ip = lan.get(vm.id);
      if (ip !== undefined) out.set(vm.id, ip);
      continue;
    }
    const [x, y] = bytesOf(vm.id, 2) as [number, number];
    const scope = `${vm.host}/${sw.name}/${vlanOf(vm) ?? 0}`;
    for (let i = 0; i < 65024; i++) {
      const n = (((x << 8) | y) + i) % 65024;
      const ip = `169.254.${1 + Math.floor(n / 256)}.${n % 256}`;
      if (taken.has(`${scope}/${ip}`)) continue;
      taken.add(`${scope}/${ip}`);
      out.set(vm.id, ip);
      break;
    }
  }
  return out;
}
