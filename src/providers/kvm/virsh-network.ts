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
import { bool } from '../cli/flags.js';
import { virshTable } from '../cli/table.js';
import { SIM_EPOCH_MS, stableUuid } from '../common.js';
import type { ExecResult } from '../provider.js';
import { parseNetworkXml } from './network-xml.js';
import { type LibvirtNetwork, leases, prefixOf } from './networks.js';
import { caseless, isActive, lookupDomain, noDomain, printed, type Virsh, type VirshCommand, virshError } from './virsh-common.js';

/** The host a network command talks to: -c's, or (a local qemu:///system) the driver's local host. */
const hostOf = (v: Virsh): string | undefined => v.host ?? v.kvm.localHost();

function network(v: Virsh, name: string): LibvirtNetwork | ExecResult {
  const host = hostOf(v);
  // The host's own list, so a command that changes the network changes what is kept.
  const net = host === undefined || v.kvm.networksOn(host).length === 0 ? undefined : v.kvm.editNetworks(host).find((n) => n.name === name);
  return net ?? virshError(`failed to get network '${name}'`, `Network not found: no network with matching name '${name}'`);
}

const isError = (x: object): x is ExecResult => 'exitCode' in x;
const yes = (b: boolean) => (b ? 'yes' : 'no');

/** The lowest virbrN no network of the host uses (bridge_driver.c networkFindUnusedBridgeName). */
function freeBridge(nets: readonly LibvirtNetwork[]): string | undefined {
  for (let i = 0; i < 256; i++) if (!nets.some((n) => n.bridge === `virbr${i}`)) return `virbr${i}`;
  return undefined;
}

/** net-define FILE: a persistent, inactive network from its XML (virNetworkObjAssignDefLocked's checks). */
function define(v: Virsh, file: string): ExecResult {
  const host = hostOf(v);
  const failed = `Failed to define network from ${file}`;
  if (host === undefined) return virshError(failed, 'this estate has no KVM host');
  const read = v.kvm.readFile?.(file);
  if (!read) return virshError(`Failed to read file '${file}' to define network`, 'files cannot be read here');
  if (!read.ok)
    return virshError(
      `Failed to read file '${file}' to define network`,
      /does not exist/.test(read.message) ? `Failed to open file '${file}': No such file or directory` : read.message,
    );
  const xml = parseNetworkXml(read.text);
  if (typeof xml === 'string') return virshError(failed, xml);
  const nets = v.kvm.networksOn(host);
  const same = nets.find((n) => n.name === xml.name);
  if (xml.name.length > 253) return virshError(failed, `XML error: network name '${xml.name.slice(0, 20)}...' is longer than 253 characters`);
  // A definition without a <uuid> is given a new one, so it is never the existing network's (virNetworkObjAssignDefLocked).
  const uuid = xml.uuid ?? (same ? '' : stableUuid(`${host}/network/${xml.name}`));
  if (same && same.uuid !== uuid) return virshError(failed, `operation failed: network '${xml.name}' already exists with uuid ${same.uuid}`);
  const other = nets.find((n) => n.uuid === uuid && n.name !== xml.name);
  if (other) return virshError(failed, `operation failed: network '${other.name}' is already defined with uuid ${uuid}`);
  const bridge = xml.bridge ?? same?.bridge ?? freeBridge(nets);
  if (bridge === undefined) return virshError(failed, 'internal error: Bridge generation exceeded max id 256');
  if (bridge.length > 15) return virshError(failed, `XML error: bridge name '${bridge}' is longer than 15 characters (IFNAMSIZ)`);
  if (xml.forward !== 'bridge' && nets.some((n) => n !== same && n.bridge === bridge))
    return virshError(failed, `internal error: bridge name '${bridge}' already in use.`);
  const list = v.kvm.editNetworks(host);
  const made: LibvirtNetwork = {
    name: xml.name,
    host,
    uuid,
    bridge,
    forward: xml.forward,
    ...(xml.ip ? { cidr: xml.ip.cidr, gateway: xml.ip.gateway, ...(xml.ip.dhcp ? { dhcp: xml.ip.dhcp } : {}) } : {}),
    // Redefining an active network changes its next start; here the new definition is taken at once (a simplification).
    active: same?.active ?? false,
    autostart: same?.autostart ?? false,
    persistent: true,
  };
  if (same) list[list.indexOf(same)] = made;
  else list.push(made);
  return printed(`Network ${xml.name} defined from ${file}\n`, true);
}

/** g_date_time_format(..., "%Y-%m-%d %H:%M:%S") of a sim time, the host's clock in UTC. */
function stamp(ms: number): string {
  return new Date(SIM_EPOCH_MS + ms).toISOString().slice(0, 19).replace('T', ' ');
}

export const NETWORK_COMMANDS: Readonly<Record<string, VirshCommand>> = {
  'net-define': {
    flags: { file: { type: 'string' }, validate: { type: 'boolean', ignored: true } },
    operands: ['file'],
    run: (v, o) => define(v, o.file),
  },
  'net-start': {
    flags: { network: { type: 'string' } },
    operands: ['network'],
    run: (v, o) => {
      const n = network(v, o.network);
      if (isError(n)) return n;
      if (n.active) return virshError(`Failed to start network ${n.name}`, 'Requested operation is not valid: network is already active');
      // bridge_driver_linux.c networkCheckRouteCollision: another interface already routes the same network.
      const clash = n.cidr === undefined ? undefined : v.kvm.networksOn(n.host).find((x) => x !== n && x.active && x.cidr === n.cidr);
      if (clash) return virshError(`Failed to start network ${n.name}`, `internal error: Network is already in use by interface ${clash.bridge}`);
      n.active = true;
      return printed(`Network ${n.name} started\n`, true);
    },
  },
  'net-destroy': {
    flags: { network: { type: 'string' } },
    operands: ['network'],
    run: (v, o) => {
      const n = network(v, o.network);
      if (isError(n)) return n;
      if (!n.active) return virshError(`Failed to destroy network ${n.name}`, `Requested operation is not valid: network '${n.name}' is not active`);
      n.active = false;
      // A transient network is gone once destroyed.
      if (!n.persistent) {
        v.kvm.forgetNetwork(n);
      }
      // Its running domains keep their NICs, cut off: their leases go with dnsmasq (leases() hands out none).
      return printed(`Network ${n.name} destroyed\n`, true);
    },
  },
  'net-undefine': {
    flags: { network: { type: 'string' } },
    operands: ['network'],
    run: (v, o) => {
      const n = network(v, o.network);
      if (isError(n)) return n;
      if (!n.persistent) return virshError(`Failed to undefine network ${n.name}`, "Requested operation is not valid: can't undefine transient network");
      // An active network keeps running, transient now, its autostart gone (networkUndefine).
      if (n.active) {
        n.persistent = false;
        n.autostart = false;
      } else {
        v.kvm.forgetNetwork(n);
      }
      return printed(`Network ${n.name} has been undefined\n`, true);
    },
  },
  'net-autostart': {
    flags: { network: { type: 'string' }, disable: { type: 'boolean' } },
    operands: ['network'],
    run: (v, o, f) => {
      const n = network(v, o.network);
      if (isError(n)) return n;
      const disable = bool(f, 'disable');
      if (!n.persistent)
        return virshError(
          `failed to ${disable ? 'unmark' : 'mark'} network ${n.name} as autostarted`,
          'Requested operation is not valid: cannot set autostart for transient network',
        );
      n.autostart = !disable;
      return printed(`Network ${n.name} ${disable ? 'unmarked' : 'marked'} as autostarted\n`, true);
    },
  },
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
      // Active networks unless --all or --inactive (cmdNetworkList's default filter).
      const want = (n: LibvirtNetwork) => (bool(f, 'all') ? true : bool(f, 'inactive') ? !n.active : n.active);
      const list = (host === undefined ? [] : v.kvm.networksOn(host).filter(want)).sort((a, b) => caseless(a.name, b.name));
      if (bool(f, 'name')) return printed(list.map((n) => `${n.name}\n`).join(''));
      if (bool(f, 'uuid')) return printed(list.map((n) => `${n.uuid}\n`).join(''));
      return printed(
        `${virshTable(
          ['Name', 'State', 'Autostart', 'Persistent'],
          list.map((n) => [n.name, n.active ? 'active' : 'inactive', yes(n.autostart), yes(n.persistent)]),
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
          line('Active:', yes(n.active)) +
          line('Persistent:', yes(n.persistent)) +
          line('Autostart:', yes(n.autostart)) +
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
