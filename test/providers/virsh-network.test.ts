// libvirt networks against libvirt's own source: src/network/default.xml.in (the
// default network: virbr0, NAT, 192.168.122.0/24, DHCP .2-.254),
// tools/virsh-network.c (cmdNetworkList, cmdNetworkInfo's "%-15s %s",
// cmdNetworkDHCPLeases), tools/virsh-domain-monitor.c cmdDomIfAddr (its header
// and 79 dashes; "Failed to query for interfaces addresses" and "domain is not
// running" for a shut-off domain, as tp-libvirt's virsh_domifaddr.cfg expects),
// tools/vsh-table.c (the tables), bridge_driver.c networkLookupByName; and
// dnsmasq's address choice (src/dhcp.c address_allocate: the SDBM hash of the MAC
// into the range, then up to a free address; DEFLEASE 3600 s).
import { describe, expect, it } from 'vitest';
import { runLine } from '../../src/estate/script.js';
import { domainMac, LEASE_MS, leases, macHash } from '../../src/providers/kvm/networks.js';
import type { ProviderWorkload } from '../../src/providers/provider.js';
import { defaultEstate } from '../default-estate.js';

const estate = () => defaultEstate(1);

describe("dnsmasq's address choice (dhcp.c address_allocate)", () => {
  it('hashes the MAC into the range: 52:54:00:6c:3c:01 starts at 192.168.122.136, :02 at .137, 52:54:00:12:34:56 at .76', () => {
    // The range .2-.254 holds 253 addresses; the start is range_start + hash % 253.
    const start = (mac: string) => 2 + (macHash(mac) % 253);
    expect(['52:54:00:6c:3c:01', '52:54:00:6c:3c:02', '52:54:00:12:34:56'].map(start)).toEqual([136, 137, 76]);
  });

  it('walks up from a taken address to the next free one, in the order the domains booted, and renews at half the lease', () => {
    const net = {
      name: 'default',
      host: 'h',
      uuid: 'u',
      bridge: 'virbr0',
      forward: 'nat' as const,
      cidr: '192.168.122.0/24',
      gateway: '192.168.122.1',
      dhcp: ['192.168.122.2', '192.168.122.254'] as const,
      active: true,
      autostart: true,
      persistent: true,
    };
    const d = (id: string, uptimeMs: number) => ({ id, name: id, state: 'running', uptimeMs, attrs: {} }) as unknown as ProviderWorkload;
    // Two domains whose MACs hash to the same start: the later one takes the next address.
    const ids: string[] = [];
    const seen = new Map<number, string>();
    for (let i = 0; ids.length < 2 && i < 10_000; i++) {
      const s = macHash(domainMac(`vm${i}`)) % 253;
      const other = seen.get(s);
      if (other) ids.push(other, `vm${i}`);
      seen.set(s, `vm${i}`);
    }
    const [a, b] = ids as [string, string];
    const got = leases(net, [d(b, 1000), d(a, 2000)], 10_000, () => 0);
    const first = got.find((l) => l.domain.id === a)!;
    const second = got.find((l) => l.domain.id === b)!;
    // a booted first (longer up): it has the hashed address, b the next one up.
    const ip = (s: string) => Number(s.split('.')[3]);
    expect(ip(second.ip)).toBe(ip(first.ip) === 254 ? 2 : ip(first.ip) + 1);
    expect(first.expiry).toBe(10_000 - 2000 + LEASE_MS);
  });
});

describe('virsh net-list, net-info, net-dhcp-leases and domifaddr', () => {
  it('lists the default network as a fresh libvirt install has it', () => {
    const e = estate();
    expect(runLine(e, 'virsh net-list --all').stdout).toBe(
      [' Name      State    Autostart   Persistent', '--------------------------------------------', ' default   active   yes         yes', '', ''].join('\n'),
    );
    expect(runLine(e, 'virsh net-list --inactive').stdout).toBe([' Name   State   Autostart   Persistent', '-'.repeat(40), '', ''].join('\n'));
    // Under -q the header is neither printed nor measured (tools/vsh-table.c vshTableGetColumnsWidths skips it when !header).
    expect(runLine(e, 'virsh -q net-list').stdout).toBe(' default   active   yes   yes\n');
    expect(runLine(e, 'virsh -q list').stdout.split('\n')[0]).toBe(' 14   ci-runner-01   running');
    expect(runLine(e, 'virsh net-info default').stdout).toMatch(
      /^Name: {11}default\nUUID: {11}[0-9a-f-]{36}\nActive: {9}yes\nPersistent: {5}yes\nAutostart: {6}yes\nBridge: {9}virbr0\n\n$/,
    );
    expect(runLine(e, 'virsh net-info nope')).toMatchObject({
      exitCode: 1,
      stderr: "error: failed to get network 'nope'\nerror: Network not found: no network with matching name 'nope'\n\n",
    });
  });

  it("shows each running guest's lease, address/prefix, and its address on its tap device; none for a shut-off domain", () => {
    const e = estate();
    const leasesText = runLine(e, 'virsh -c qemu+ssh://kvm-03/system net-dhcp-leases default').stdout.split('\n');
    expect(leasesText[0]!.trim().split(/\s{2,}/)).toEqual(['Expiry Time', 'MAC address', 'Protocol', 'IP address', 'Hostname', 'Client ID or DUID']);
    const row = leasesText.find((l) => l.includes(' dev-01 '))!;
    const [, expiry, mac, ip] = /^ (\S+ \S+) +(\S+) +ipv4 +(\S+)/.exec(row)!;
    expect(mac).toMatch(/^52:54:00(:[0-9a-f]{2}){3}$/);
    expect(ip).toMatch(/^192\.168\.122\.\d+\/24$/);
    // Booted at 0, an hour ago: renewed at half-hours, the lease runs an hour from the last renewal.
    expect(expiry).toBe('2026-01-01 02:00:00');
    // The tap device's number is the domain's own (libvirt's counter only goes up: a name is not reused as others stop).
    const ifaddr = runLine(e, 'virsh domifaddr dev-01').stdout.split('\n');
    expect(ifaddr.slice(0, 2)).toEqual([' Name       MAC address          Protocol     Address', '-'.repeat(79)]);
    expect(ifaddr[2]).toMatch(new RegExp(`^ vnet\\d+ +${mac}    ipv4         ${ip}$`));
    expect(ifaddr[2]!.indexOf('52:54')).toBe(12);
    expect(ifaddr.slice(3)).toEqual(['', '']);
    // Paused, a guest renews nothing: two hours on its lease has run out and is not listed.
    runLine(e, 'virsh suspend dev-01');
    runLine(e, 'sleep 2h');
    expect(runLine(e, 'virsh -c qemu+ssh://kvm-03/system net-dhcp-leases default').stdout).not.toContain(' dev-01 ');
    expect(runLine(e, 'virsh domifaddr dev-01').stdout.split('\n').length).toBe(4);
    runLine(e, 'virsh destroy dev-01');
    expect(runLine(e, 'virsh domifaddr dev-01').stderr).toBe(
      'error: Failed to query for interfaces addresses\nerror: Requested operation is not valid: domain is not running\n\n',
    );
  });

  it("reach: guests of one host's NAT network reach each other; a guest on another host is not reachable through NAT", () => {
    const e = estate();
    // The CI runners are on kvm-01's and kvm-02's default networks; migrated, ci-runner-02 joins kvm-01's.
    expect(runLine(e, 'virsh migrate --live --copy-storage-all ci-runner-02 qemu+ssh://kvm-01/system').exitCode).toBe(0);
    runLine(e, 'sleep 5m');
    const same = runLine(e, 'reach ci-runner-01 ci-runner-02 22');
    expect(same.stdout).toContain('same segment: libvirt network default on kvm-01');
    const other = runLine(e, 'reach dev-01 ci-runner-01 22');
    expect(other.stdout).toContain('decided by: no route from libvirt network default on kvm-03 to libvirt network default on kvm-01');
    // NAT hides a guest from the LAN: monitoring, bridged onto dc-west's LAN, has no way in.
    expect(runLine(e, 'reach monitoring dev-01 22').stdout).toContain(
      'decided by: no route from the LAN of dc-west (untagged) to libvirt network default on kvm-03',
    );
    // A domain shut off has no address: reach says so, and a matrix shows it as a row and a column of X.
    runLine(e, 'virsh destroy dev-01');
    expect(runLine(e, 'reach dev-01 ci-runner-01 22').stderr).toBe('reach: dev-01 is not running (shut off): it has no address\n');
    expect(runLine(e, 'reach --matrix 22 dev-01 ci-runner-01').stdout).toContain('dev-01        -       X');
  });
});
