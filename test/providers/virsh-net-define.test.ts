// libvirt networks defined, started, stopped and undefined, against libvirt's
// source: tools/virsh-network.c (cmdNetworkDefine "Network %s defined from %s",
// cmdNetworkStart "Network %s started", cmdNetworkDestroy "Network %s destroyed",
// cmdNetworkUndefine "Network %s has been undefined", cmdNetworkAutostart "Network
// %s marked as autostarted"), src/network/bridge_driver.c (networkStartNetwork
// "network is already active", networkDestroy "network '%s' is not active",
// networkUndefine: an active network stays, transient; networkFindUnusedBridgeName
// virbr%d), src/conf/virnetworkobj.c ("network '%s' already exists with uuid %s"),
// bridge_driver_linux.c networkCheckRouteCollision ("Network is already in use by
// interface %s"), docs/formatnetwork.rst (no <forward>: isolated, "The guests can
// talk to each other, and the host OS, but cannot reach any other machines on the
// LAN"; forward mode bridge: on the host's LAN, no <ip> allowed).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estateFromJson } from '../../src/estate/file-read.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { runLine } from '../../src/estate/script.js';
import { parseNetworkXml } from '../../src/providers/kvm/network-xml.js';
import { defaultEstate } from '../default-estate.js';

const dir = mkdtempSync(join(tmpdir(), 'hp-net-'));
function file(name: string, xml: string): string {
  const path = join(dir, name);
  writeFileSync(path, xml);
  return path;
}
const ISOLATED = `<network>
  <name>isolated</name>
  <ip address='192.168.100.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.168.100.128' end='192.168.100.254'/>
    </dhcp>
  </ip>
</network>
`;
const install = (name: string, net: string) =>
  `virt-install --name ${name} --memory 1024 --os-variant debian12 --disk size=10 --import --noautoconsole --network ${net}`;

describe('virsh net-define, net-start, net-destroy, net-undefine, net-autostart', () => {
  it('defines a persistent network, inactive until started, on the next free virbrN', () => {
    const e = defaultEstate(1);
    const path = file('isolated.xml', ISOLATED);
    expect(runLine(e, `virsh net-define ${path}`).stdout).toBe(`Network isolated defined from ${path}\n\n`);
    expect(runLine(e, 'virsh net-list --all').stdout).toBe(
      ' Name       State      Autostart   Persistent\n-----------------------------------------------\n default    active     yes         yes\n isolated   inactive   no          yes\n\n',
    );
    expect(runLine(e, 'virsh net-list').stdout).not.toContain('isolated');
    expect(runLine(e, 'virsh net-start isolated').stdout).toBe('Network isolated started\n\n');
    expect(runLine(e, 'virsh net-autostart isolated').stdout).toBe('Network isolated marked as autostarted\n\n');
    expect(runLine(e, 'virsh net-info isolated').stdout).toMatch(
      /^Name: {11}isolated\nUUID: {11}[0-9a-f-]{36}\nActive: {9}yes\nPersistent: {5}yes\nAutostart: {6}yes\nBridge: {9}virbr1\n\n$/,
    );
  });

  it('refuses as libvirt does: started twice, destroyed twice, defined again with another uuid, a second network on the same subnet', () => {
    const e = defaultEstate(1);
    runLine(e, `virsh net-define ${file('i1.xml', ISOLATED)}`);
    runLine(e, 'virsh net-start isolated');
    expect(runLine(e, 'virsh net-start isolated').stderr).toBe(
      'error: Failed to start network isolated\nerror: Requested operation is not valid: network is already active\n\n',
    );
    const uuid = /UUID: +(\S+)/.exec(runLine(e, 'virsh net-info isolated').stdout)![1];
    const other = file('i2.xml', ISOLATED.replace('<name>isolated</name>', '<name>isolated</name><uuid>11111111-2222-3333-4444-555555555555</uuid>'));
    expect(runLine(e, `virsh net-define ${other}`).stderr).toBe(
      `error: Failed to define network from ${other}\nerror: operation failed: network 'isolated' already exists with uuid ${uuid}\n\n`,
    );
    runLine(e, `virsh net-define ${file('twin.xml', ISOLATED.replace('<name>isolated</name>', '<name>twin</name>'))}`);
    expect(runLine(e, 'virsh net-start twin').stderr).toBe(
      'error: Failed to start network twin\nerror: internal error: Network is already in use by interface virbr1\n\n',
    );
    runLine(e, 'virsh net-destroy isolated');
    expect(runLine(e, 'virsh net-destroy isolated').stderr).toBe(
      "error: Failed to destroy network isolated\nerror: Requested operation is not valid: network 'isolated' is not active\n\n",
    );
  });

  it('says what is wrong with a definition: not a network, no name, an <ip> on a bridge-mode network', () => {
    expect(parseNetworkXml('<domain/>')).toBe("XML error: Expecting root element 'network' and a well-formed document");
    expect(parseNetworkXml('<network><forward/></network>')).toBe('missing name information');
    expect(parseNetworkXml("<network><name>b</name><forward mode='bridge'/><bridge name='br0'/><ip address='10.0.0.1'/></network>")).toBe(
      "unsupported configuration: Unsupported <ip> element in network b with forward mode='bridge'",
    );
    expect(parseNetworkXml("<network><name>n</name><forward/><ip address='10.9.0.1' prefix='24'/></network>")).toEqual({
      name: 'n',
      forward: 'nat',
      ip: { cidr: '10.9.0.0/24', gateway: '10.9.0.1' },
    });
    const e = defaultEstate(1);
    expect(runLine(e, 'virsh net-define /nonexistent/x.xml').stderr).toBe(
      "error: Failed to read file '/nonexistent/x.xml' to define network\nerror: Failed to open file '/nonexistent/x.xml': No such file or directory\n\n",
    );
  });

  it('an isolated network: its guests reach each other and nothing outside; a domain on it does not start while it is down', () => {
    const e = defaultEstate(1);
    runLine(e, `virsh net-define ${file('iso.xml', ISOLATED)}`);
    expect(runLine(e, install('iso1', 'network=isolated')).stderr).toBe("ERROR    Requested operation is not valid: network 'isolated' is not active\n");
    runLine(e, 'virsh net-start isolated');
    expect(runLine(e, install('iso1', 'network=isolated')).exitCode).toBe(0);
    expect(runLine(e, install('iso2', 'network=isolated')).exitCode).toBe(0);
    runLine(e, 'sleep 1m');
    expect(runLine(e, 'virsh net-dhcp-leases isolated').stdout).toMatch(/192\.168\.100\.\d+\/24 +iso1 /);
    expect(runLine(e, 'reach iso1 iso2 22').exitCode).toBe(0);
    expect(runLine(e, 'reach iso1 internet 443').stdout).toContain(
      'decided by: libvirt network isolated on kvm-01 has no way to the internet (an isolated network has no way out)',
    );
    expect(runLine(e, 'reach dev-01 iso1 22').exitCode).toBe(1);
    runLine(e, 'virsh destroy iso1');
    runLine(e, 'virsh net-destroy isolated');
    expect(runLine(e, 'virsh start iso1').stderr).toBe(
      "error: Failed to start domain 'iso1'\nerror: Requested operation is not valid: network 'isolated' is not active\n\n",
    );
  });

  it('undefining an active network leaves it running, transient; destroying it then removes it', () => {
    const e = defaultEstate(1);
    runLine(e, `virsh net-define ${file('u.xml', ISOLATED)}`);
    runLine(e, 'virsh net-start isolated');
    expect(runLine(e, 'virsh net-undefine isolated').stdout).toBe('Network isolated has been undefined\n\n');
    expect(runLine(e, 'virsh net-list --all').stdout).toContain(' isolated   active   no          no\n');
    expect(runLine(e, 'virsh net-autostart isolated').stderr).toBe(
      'error: failed to mark network isolated as autostarted\nerror: Requested operation is not valid: cannot set autostart for transient network\n\n',
    );
    runLine(e, 'virsh net-destroy isolated');
    expect(runLine(e, 'virsh net-list --all').stdout).not.toContain('isolated');
  });

  it('a bridge-mode network, and virt-install --network bridge=br0, put a guest on its site LAN beside the other platforms VMs', () => {
    const e = defaultEstate(1);
    runLine(e, `virsh net-define ${file('br.xml', "<network><name>lan</name><forward mode='bridge'/><bridge name='br0'/></network>")}`);
    runLine(e, 'virsh net-start lan');
    expect(runLine(e, install('br1', 'network=lan')).exitCode).toBe(0);
    expect(runLine(e, install('br2', 'bridge=br0')).exitCode).toBe(0);
    runLine(e, 'sleep 1m');
    const site = e.sim.host(e.sim.workload('br1')!.host!)!.site;
    const r = runLine(e, 'reach br1 br2 22');
    expect(r.stdout).toContain(`same segment: the LAN of ${site} (untagged)`);
    // No dnsmasq of libvirt's serves a bridge: the LAN's DHCP does.
    expect(runLine(e, 'virsh net-dhcp-leases lan').stdout).not.toContain('br1');
  });

  it('an estate file keeps each host networks', () => {
    const e = defaultEstate(1);
    runLine(e, `virsh net-define ${file('k.xml', ISOLATED)}`);
    runLine(e, 'virsh net-start isolated');
    const back = estateFromJson(JSON.parse(JSON.stringify(estateToFile(e))));
    if (!back.ok) throw new Error(back.error.message);
    expect(runLine(back.value, 'virsh net-list --all').stdout).toBe(runLine(e, 'virsh net-list --all').stdout);
  });
});

describe('review mends: libvirt networks follow their domains', () => {
  it('a domain does not live-migrate to a host without its network (libvirt fails on the destination)', () => {
    const e = defaultEstate(1);
    runLine(e, `virsh net-define ${file('m.xml', ISOLATED)}`);
    runLine(e, 'virsh net-start isolated');
    expect(runLine(e, install('g1', 'network=isolated')).exitCode).toBe(0);
    runLine(e, 'sleep 1m');
    const r = runLine(e, 'virsh migrate --live g1 qemu+ssh://kvm-02/system');
    expect(r.stderr).toBe("error: Network not found: no network with matching name 'isolated'\n\n");
    expect(e.sim.workload('g1')!.host).toBe('kvm-01');
  });

  it('virt-install takes --network default and its options in any order; net-define of an existing name with no uuid fails', () => {
    const e = defaultEstate(1);
    expect(runLine(e, install('d1', 'default')).exitCode).toBe(0);
    runLine(e, `virsh net-define ${file('o.xml', ISOLATED)}`);
    runLine(e, 'virsh net-start isolated');
    expect(runLine(e, install('d2', 'model=virtio,network=isolated')).exitCode).toBe(0);
    const again = file('again.xml', ISOLATED);
    expect(runLine(e, `virsh net-define ${again}`).stderr).toMatch(
      /^error: Failed to define network from \S+\nerror: operation failed: network 'isolated' already exists with uuid [0-9a-f-]{36}\n/,
    );
  });
});
