// virsh net-list, net-info, net-dhcp-leases and domifaddr, laid out as virsh lays
// them out. Sources: libvirt tools/virsh-network.c (cmdNetworkList: active
// networks unless --all or --inactive, sorted with vshStrcasecmp, a vshTable of
// Name, State, Autostart, Persistent; cmdNetworkInfo's "%-15s %s" lines;
// cmdNetworkDHCPLeases: a vshTable of Expiry Time ("%Y-%m-%d %H:%M:%S"), MAC
// address, Protocol, IP address (address/prefix), Hostname, Client ID or DUID,
// sorted by MAC, "-" for an empty field), tools/virsh-domain-monitor.c
// (cmdDomIfAddr: " %-10s %-20s %-8s     %s" and 79 dashes, rows " %-10s %-17s
// %-12s %s/%d"; "Failed to query for interfaces addresses"), src/util/virerror.c
// ("Network not found: %s", "Requested operation is not valid: %s"), and
// src/network/bridge_driver.c networkLookupByName ("no network with matching name '%s'").
import { naturalCompare } from '../../core/natural-compare.js';
import { bool } from '../cli/flags.js';
import { virshTable } from '../cli/table.js';
import { SIM_EPOCH_MS } from '../common.js';
import type { ExecResult } from '../provider.js';
import { type LibvirtNetwork, leases, prefixOf } from './networks.js';
import { caseless, isActive, lookupDomain, noDomain, printed, type Virsh, type VirshCommand, virshError } from './virsh-common.js';

/** The host a network command talks to: -c's, or (a local qemu:///system) the first KVM host. */
function hostOf(v: Virsh): string | undefined {
  return (
    v.host ??
    v.kvm
      .hosts()
      .map((h) => h.id)
      .sort(naturalCompare)[0]
  );
}

function network(v: Virsh, name: string): LibvirtNetwork | ExecResult {
  const host = hostOf(v);
  const net = host === undefined ? undefined : v.kvm.networksOn(host).find((n) => n.name === name);
  return net ?? virshError(`failed to get network '${name}'`, `Network not found: no network with matching name '${name}'`);
}

const isError = (x: object): x is ExecResult => 'exitCode' in x;

/** g_date_time_format(..., "%Y-%m-%d %H:%M:%S") of a sim time, the host's clock in UTC. */
function stamp(ms: number): string {
  return new Date(SIM_EPOCH_MS + ms).toISOString().slice(0, 19).replace('T', ' ');
}

export const NETWORK_COMMANDS: Readonly<Record<string, VirshCommand>> = {
  'net-list': {
    flags: {
      all: { type: 'boolean' },
      inactive: { type: 'boolean' },
      persistent: { type: 'boolean', ignored: true },
      transient: { type: 'boolean', ignored: true },
      autostart: { type: 'boolean', ignored: true },
      'no-autostart': { type: 'boolean', ignored: true },
      name: { type: 'boolean' },
      uuid: { type: 'boolean' },
    },
    operands: [],
    run: (v, _o, f) => {
      const host = hostOf(v);
      // Every network here is active: --inactive lists none.
      const list = (host === undefined || bool(f, 'inactive') ? [] : v.kvm.networksOn(host)).sort((a, b) => caseless(a.name, b.name));
      if (bool(f, 'name')) return printed(list.map((n) => `${n.name}\n`).join(''));
      if (bool(f, 'uuid')) return printed(list.map((n) => `${n.uuid}\n`).join(''));
      return printed(
        `${virshTable(
          ['Name', 'State', 'Autostart', 'Persistent'],
          list.map((n) => [n.name, 'active', 'yes', 'yes']),
          v.quiet,
        )}\n`,
      );
    },
  },
  'net-info': {
    flags: { network: { type: 'string' } },
    operands: ['network'],
    run: (v, o) => {
      const n = network(v, o.network);
      if (isError(n)) return n;
      const line = (label: string, value: string) => `${label.padEnd(15)} ${value}\n`;
      return printed(
        line('Name:', n.name) +
          line('UUID:', n.uuid) +
          line('Active:', 'yes') +
          line('Persistent:', 'yes') +
          line('Autostart:', 'yes') +
          line('Bridge:', n.bridge),
      );
    },
  },
  'net-dhcp-leases': {
    flags: { network: { type: 'string' }, mac: { type: 'string' } },
    operands: ['network'],
    run: (v, o, f) => {
      const n = network(v, o.network);
      if (isError(n)) return n;
      const mac = f.values.get('mac') as string | undefined;
      if (mac !== undefined && !/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i.test(mac))
        return virshError(`Failed to get leases info for ${n.name}`, `invalid MAC address: ${mac}`);
      const now = v.kvm.sim.now;
      const rows = leases(n, v.kvm.domainsOn(n.host), now, (d) => v.kvm.domainId(d.id) - 1)
        .filter((l) => l.expiry > now && (mac === undefined || l.mac === mac.toLowerCase()))
        .sort((a, b) => caseless(a.mac, b.mac))
        .map((l) => [stamp(l.expiry), l.mac, 'ipv4', `${l.ip}/${prefixOf(n)}`, l.domain.name, `01:${l.mac}`]);
      return printed(`${virshTable(['Expiry Time', 'MAC address', 'Protocol', 'IP address', 'Hostname', 'Client ID or DUID'], rows, v.quiet)}\n`);
    },
  },
  domifaddr: {
    flags: { domain: { type: 'string' }, interface: { type: 'string' }, full: { type: 'boolean' }, source: { type: 'string' } },
    operands: ['domain'],
    run: (v, o, f) => {
      const d = lookupDomain(v.kvm, o.domain);
      if (!d) return noDomain(o.domain);
      const source = (f.values.get('source') as string | undefined) ?? 'lease';
      if (!['lease', 'agent', 'arp'].includes(source)) return virshError(`Unknown data source '${source}'`);
      if (!isActive(d.nativeState) || d.host === undefined)
        return virshError('Failed to query for interfaces addresses', 'Requested operation is not valid: domain is not running');
      // No guest agent runs in these guests (tp-libvirt virsh_domifaddr.cfg's text for one not connected).
      if (source === 'agent') return virshError('Failed to query for interfaces addresses', 'Guest agent is not responding: QEMU guest agent is not connected');
      const want = f.values.get('interface') as string | undefined;
      const rows = v.kvm
        .networksOn(d.host)
        .flatMap((n) => leases(n, v.kvm.domainsOn(n.host), v.kvm.sim.now, (d) => v.kvm.domainId(d.id) - 1).map((l) => [n, l] as const))
        // The lease source reads dnsmasq's leases, expired ones left out (bridge_driver.c networkGetDHCPLeases).
        .filter(([, l]) => l.domain.id === d.id && l.expiry > v.kvm.sim.now && (want === undefined || l.iface === want))
        .map(([n, l]) => ` ${l.iface.padEnd(10)} ${l.mac.padEnd(17)}    ${'ipv4'.padEnd(12)} ${l.ip}/${prefixOf(n)}\n`);
      return printed(` ${'Name'.padEnd(10)} ${'MAC address'.padEnd(20)} ${'Protocol'.padEnd(8)}     Address\n${'-'.repeat(79)}\n${rows.join('')}`);
    },
  },
};
