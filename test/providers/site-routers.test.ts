// The site routers (network/routing.ts): a VLAN of a site's LAN is a broadcast
// domain of its own, left only through a router interface on it, its default
// gateway (IEEE 802.1Q; Cisco, "Configure InterVLAN Routing on Layer 3 Switches").
// router is hyperpane's own command, so its words are checked against themselves;
// what it decides is checked through reach, on the built-in estate's role VLANs.
import { describe, expect, it } from 'vitest';
import { estateFromJson } from '../../src/estate/file-read.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { buildScaleEstate, HOSTS_PER_CLUSTER } from '../../src/estate/presets/scale.js';
import { scaleManagementVlan, scaleVmVlans } from '../../src/estate/presets/scale-networks.js';
import { runLine } from '../../src/estate/script.js';
import { defaultEstate, presetEstate } from '../default-estate.js';
import { decided, err, ok } from './estate-lines.js';

describe('router: the site routers and their VLANs', () => {
  it('lists each VLAN of each datacenter: its gateway (the .1), its block, the hosts (on the untagged LAN) and guests on it', () => {
    const e = defaultEstate(1);
    expect(ok(e, 'router')).toBe(
      [
        'SITE     VLAN      GATEWAY     NETWORK        HOSTS  GUESTS',
        'dc-east  untagged  10.20.0.1   10.20.0.0/24   8      0',
        'dc-east  10        10.20.10.1  10.20.10.0/24  0      3',
        'dc-east  20        10.20.20.1  10.20.20.0/24  0      3',
        'dc-east  30        10.20.30.1  10.20.30.0/24  0      3',
        'dc-east  40        10.20.40.1  10.20.40.0/24  0      4',
        'dc-west  untagged  10.36.0.1   10.36.0.0/24   3      2',
        '',
      ].join('\n'),
    );
    // The untagged LAN carries the hosts: listed, routed or not.
    const e2 = defaultEstate(1);
    ok(e2, 'router dc-east remove 0');
    expect(ok(e2, 'router dc-east')).toContain('dc-east  untagged  none        10.20.0.0/24   8      0\n');
    // A VLAN with guests and no gateway is listed, its gateway none.
    ok(e, 'Set-VMNetworkAdapterVlan -VMName ad-01 -Access -VlanId 99');
    expect(ok(e, 'router dc-east')).toContain('dc-east  99        none        10.20.99.0/24  0      1\n');
  });

  it('a table of cases: same VLAN, routed VLANs, across sites, a VLAN without a gateway, NAT, the internet', () => {
    const e = defaultEstate(1);
    const cases: [string, string][] = [
      ['reach web-01 web-02 80', 'nothing on the path filters tcp/80'],
      ['reach web-01 app-01 8080', 'nothing on the path filters tcp/8080'],
      ['reach monitoring db-01 9100', 'nothing on the path filters tcp/9100'],
      ['reach sql-01 internet 443', 'nothing on the path filters tcp/443'],
      // NAT takes it out through its host, as the host's address on dc-west's LAN, and the routers on to dc-east.
      ['reach ci-runner-01 web-01 80', 'nothing on the path filters tcp/80'],
      ['reach web-01 ci-runner-01 22', 'no route from the LAN of dc-east on VLAN 10 to libvirt network default on kvm-01'],
      ['reach ci-runner-01 internet 443', 'nothing on the path filters tcp/443'],
    ];
    for (const [line, want] of cases) expect(decided(e, line), line).toBe(want);
    expect(runLine(e, 'reach web-01 db-01 5432').stdout).toContain(
      '3. pass   routed by the site routers: the LAN of dc-east on VLAN 10 -> gateway 10.20.10.1 -> the LAN of dc-east on VLAN 30\n',
    );
    expect(runLine(e, 'reach monitoring app-01 9100').stdout).toContain(
      'routed by the site routers: the LAN of dc-west (untagged) -> gateway 10.36.0.1, over the link from dc-west to dc-east -> the LAN of dc-east on VLAN 20',
    );
    // Taken off the router, the db VLAN reaches only itself: not the web tier, not the internet.
    expect(ok(e, 'router dc-east remove 30')).toBe('VLAN 30 of dc-east no longer routed: its guests reach only each other\n');
    expect(decided(e, 'reach web-01 db-01 5432')).toBe(
      'no route from the LAN of dc-east on VLAN 10 to the LAN of dc-east on VLAN 30: VLAN 30 of dc-east has no gateway: no router has an interface on it (router dc-east add 30)',
    );
    expect(decided(e, 'reach db-01 internet 443')).toBe(
      'the LAN of dc-east on VLAN 30 has no way to the internet (VLAN 30 of dc-east has no gateway: no router has an interface on it (router dc-east add 30))',
    );
    expect(decided(e, 'reach db-01 db-02 5432')).toBe('nothing on the path filters tcp/5432');
    expect(decided(e, 'reach sql-01 db-02 5432')).toBe('nothing on the path filters tcp/5432');
    ok(e, 'router dc-east add 30');
    expect(decided(e, 'reach web-01 db-01 5432')).toBe('nothing on the path filters tcp/5432');
  });

  it("NAT goes out as its host, by way of the host's own VLAN: unrouted, it goes nowhere, and reach says why", () => {
    const e = defaultEstate(1);
    ok(e, 'router dc-west remove 0');
    const why =
      'kvm-01 masquerades it onto the LAN of dc-west (untagged): the untagged LAN of dc-west has no gateway: no router has an interface on it (router dc-west add 0)';
    expect(decided(e, 'reach ci-runner-01 internet 443')).toBe(`libvirt network default on kvm-01 has no way to the internet: ${why}`);
    expect(decided(e, 'reach ci-runner-01 web-01 80')).toBe(`no route from libvirt network default on kvm-01 to the LAN of dc-east on VLAN 10: ${why}`);
  });

  it('hosts on an unrouted management VLAN with no guest on it: their NAT still goes nowhere, and reach says why', () => {
    const file = JSON.parse(JSON.stringify(estateToFile(defaultEstate(1))));
    file.clusters.find((c: { id: string }) => c.id === 'kvm-lab').managementVlan = 7;
    const r = estateFromJson(file);
    if (!r.ok) throw new Error(r.error.message);
    const e = r.value;
    // The domains bridged onto the hosts' own VLAN are stopped: nothing but the hosts is on it.
    for (const vm of ['monitoring', 'dockervm-01']) ok(e, `virsh destroy ${vm}`);
    expect(ok(e, 'router dc-west')).toContain('dc-west  7         none       10.36.7.0/24  3      0\n');
    const why =
      'kvm-01 masquerades it onto the LAN of dc-west on VLAN 7: VLAN 7 of dc-west has no gateway: no router has an interface on it (router dc-west add 7)';
    expect(decided(e, 'reach ci-runner-01 internet 443')).toBe(`libvirt network default on kvm-01 has no way to the internet: ${why}`);
    ok(e, 'router dc-west add 7');
    expect(decided(e, 'reach ci-runner-01 internet 443')).toBe('nothing on the path filters tcp/443');
  });

  it("a routed VLAN with no guest yet is a segment: a load balancer's VIP may stand on it", () => {
    const e = defaultEstate(1);
    expect(ok(e, 'router dc-east add 60')).toBe('VLAN 60 of dc-east routed: gateway 10.20.60.1\n');
    expect(ok(e, 'lb create front --vip 10.20.60.250:80 --server web-01 --server web-02')).toBe(
      'created front: 10.20.60.250:80 on the LAN of dc-east on VLAN 60, 2 servers\n',
    );
    expect(runLine(e, 'reach app-01 10.20.60.250 80').exitCode).toBe(0);
    ok(e, 'router dc-east remove 60');
    expect(decided(e, 'reach app-01 10.20.60.250 80')).toBe('no route to 10.20.60.250: it is on no network of the estate now');
    // traffic agrees: no client reaches a frontend on no network, however healthy its servers.
    const t = runLine(e, 'traffic front 10');
    expect(t.exitCode).toBe(1);
    expect(t.stdout).toContain('  10 requests: 0 answered, 10 failed (10.20.60.250 is on no network of the estate now: no client reaches it)\n');
    // A guest on VLAN 60 brings the segment back, but with no gateway only its own guests reach the VIP.
    ok(e, 'Set-VMNetworkAdapterVlan -VMName ad-01 -Access -VlanId 60');
    expect(decided(e, 'reach app-01 10.20.60.250 80')).toMatch(
      /^no route from the LAN of dc-east on VLAN 20 to 10\.20\.60\.250 on the LAN of dc-east on VLAN 60: VLAN 60/,
    );
    expect(runLine(e, 'reach ad-01 10.20.60.250 80').exitCode).toBe(0);
  });

  it('says what is wrong: no such site, a cloud region, a VLAN ID out of range, twice, not routed, an unknown action', () => {
    const e = defaultEstate(1);
    expect(err(e, 'router nowhere')).toBe("router: no site nowhere (the estate's datacenters: dc-east, dc-west)");
    expect(err(e, 'router westeurope add 10')).toBe('router: westeurope is a cloud region: its virtual networks route their own subnets (az network vnet)');
    for (const bad of ['4095', '-1', '10.5', 'ten', '00004095'])
      expect(err(e, `router dc-east add ${bad}`)).toBe(`router: ${bad} is not a VLAN ID a router has an interface on: 0 (the untagged LAN) or 1-4094`);
    expect(err(e, 'router dc-east add 50 10')).toBe('router: VLAN 10 of dc-east is routed already: nothing changed');
    expect(ok(e, 'router dc-east')).not.toContain(' 50 ');
    expect(err(e, 'router dc-west remove 7')).toBe('router: VLAN 7 of dc-west is not routed: nothing changed');
    expect(err(e, 'router dc-east flip 3', 2)).toMatch(/^router: unknown action flip\nusage: router \[SITE\]/);
    expect(err(e, 'router dc-east add', 2)).toMatch(/^router: add needs a VLAN\n/);
    expect(ok(e, 'router --help')).toMatch(/^usage: router \[SITE\]/);
    expect(ok(e, 'router dc-east --help')).toMatch(/^usage: router \[SITE\]/);
  });

  it('an estate file keeps the routed VLANs; a file naming no such site, a region or a VLAN twice is refused', () => {
    const e = defaultEstate(1);
    ok(e, 'router dc-west add 5');
    ok(e, 'router dc-east remove 0');
    const file = JSON.parse(JSON.stringify(estateToFile(e)));
    expect(file.providers.routers).toEqual([
      { site: 'dc-east', vlans: [10, 20, 30, 40] },
      { site: 'dc-west', vlans: [0, 5] },
    ]);
    const back = estateFromJson(file);
    if (!back.ok) throw new Error(back.error.message);
    expect(runLine(back.value, 'router').stdout).toBe(runLine(e, 'router').stdout);
    const refused = (routers: unknown) => {
      const r = estateFromJson({ ...file, providers: { ...file.providers, routers } });
      return r.ok ? 'accepted' : r.error.message;
    };
    expect(refused([{ site: 'nowhere', vlans: [1] }])).toContain('providers.routers[0].site: no site nowhere');
    expect(refused([{ site: 'westeurope', vlans: [1] }])).toContain('westeurope is a cloud region');
    expect(refused([{ site: 'dc-east', vlans: [1, 1] }])).toContain('providers.routers[0].vlans: a VLAN is listed twice');
    expect(refused([{ site: 'dc-east', vlans: [4095] }])).toContain('providers.routers');
  });
});

describe("the presets' networks", () => {
  it("the enterprise estate: tiers on their VLANs; a database failed over to dc-dr comes up on its port group there, on dc-dr's LAN", () => {
    const e = presetEstate('enterprise');
    expect(decided(e, 'reach app-001 db-01 5432')).toBe('nothing on the path filters tcp/5432');
    expect(runLine(e, 'govc vm.ip db-01').stdout).toMatch(/^10\.20\.30\.\d+\n$/);
    expect(runLine(e, 'reach win-001 svc-001 443').stdout).toContain('on the LAN of dc-prod on VLAN 40');
    // The replicas' first copies (2 TB each over the link) are in within seven hours (1 Gbit/s); a planned failover, the sources shut down.
    runLine(e, 'sleep 7h');
    for (let i = 1; i <= 4; i++) runLine(e, `govc vm.power -off db-0${i}`);
    const r = e.sim.failoverSite('dc-prod');
    if (!r.ok) throw new Error(r.error.message);
    const db01 = e.sim.workloadViews().find((w) => w.name === 'db-01')!.id;
    expect(r.value.refused).toEqual([]);
    const replica = r.value.reports.find((x) => x.source === db01)!.replica;
    runLine(e, 'sleep 5m');
    const name = e.sim.workload(replica)!.name;
    // Another site, another LAN: the address changes as a VM brought up at another site's VLAN gets that VLAN's.
    expect(runLine(e, `govc vm.ip ${name}`).stdout).toMatch(/^10\.36\.30\.\d+\n$/);
    expect(decided(e, `reach app-001 ${name} 5432`)).toBe('nothing on the path filters tcp/5432');
  });

  it("the scale estate: each cluster's hosts on a management VLAN of their own, its VMs on four VM VLANs; every one addressed and routed", () => {
    // 32 clusters, 256 hosts a site: more than one /24's 240 addresses, so an untagged LAN could not hold even the hosts.
    const e = buildScaleEstate({ hosts: 32 * 32, workloads: 2_048 });
    const lan = e.providers.siteLan();
    const hosts = e.sim.hostCursor();
    const unaddressed: string[] = [];
    for (let h = 0; h < e.sim.hostCount; h++) if (!lan.has(`host/${hosts.at(h).id}`)) unaddressed.push(hosts.id);
    expect(unaddressed).toEqual([]);
    const vms = e.sim.workloadViews().filter((w) => w.platform === 'vmware' || w.platform === 'hyperv');
    expect(vms.length).toBe(1_536);
    const topo = e.providers.topology();
    const onLan = new Set(topo.nics.filter((n) => topo.segments.get(n.segment)?.lan).map((n) => n.workloadId));
    expect(vms.filter((w) => !onLan.has(w.id)).map((w) => w.name)).toEqual([]);
    const table = runLine(e, 'router dc-ams').stdout;
    // The first cluster of dc-ams: its 32 hosts on VLAN 100, its VMs on 900-903; every VLAN routed.
    expect(table).toContain('dc-ams  100       10.20.100.1  10.20.100.0/24  32     0\n');
    expect(table).toMatch(/dc-ams {2}900 {7}10\.23\.132\.1 {2}10\.23\.132\.0\/24 {2}0 {6}\d+\n/);
    expect(table).not.toContain(' none ');
    // A VM of one cluster reaches a Hyper-V VM of another site, over the routers.
    const vmw = vms.find((w) => w.platform === 'vmware')!;
    const hv = vms.find((w) => w.platform === 'hyperv' && e.sim.host(w.host!)!.site !== e.sim.host(vmw.host!)!.site)!;
    expect(decided(e, `reach ${vmw.name} ${hv.name} 443`)).toBe('nothing on the path filters tcp/443');
    // A KVM guest on its host's NAT leaves as its host, from the host's own management VLAN; ESXi's vmk0 is on its cluster's too.
    const kvm = e.sim.workloadViews().find((w) => w.platform === 'kvm' && w.state === 'running')!;
    const kvmHost = e.sim.host(kvm.host!)!;
    const mgmt = e.sim.cluster(kvmHost.cluster)!.managementVlan;
    expect(mgmt).toBeGreaterThanOrEqual(100);
    expect(runLine(e, `reach ${kvm.name} ${vmw.name} 443`).stdout).toContain(`onto the LAN of ${kvmHost.site} on VLAN ${mgmt}\n`);
    const esx = e.sim.host(vmw.host!)!;
    expect(runLine(e, `govc host.portgroup.info -host ${esx.id}`).stdout).toMatch(
      new RegExp(`Name: +Management Network\\n(.*\\n)*?VLAN ID: +${e.sim.cluster(esx.cluster)!.managementVlan}\\n`),
    );
    // The file keeps each cluster's management VLAN; one out of 802.1Q's range is refused.
    const file = JSON.parse(JSON.stringify(estateToFile(e)));
    expect(file.clusters[0].managementVlan).toBe(100);
    const back = estateFromJson(file);
    if (!back.ok) throw new Error(back.error.message);
    expect(runLine(back.value, 'router dc-ams').stdout).toBe(table);
    file.clusters[0].managementVlan = 4095;
    const bad = estateFromJson(file);
    expect(bad.ok ? 'accepted' : bad.error.message).toContain('clusters[0].managementVlan');
  });

  it("the huge estate's clusters fit 802.1Q: every site's VLANs distinct and within 1-4094; one more cluster than fits is refused", () => {
    const perSite = Math.ceil(Math.ceil(100_000 / HOSTS_PER_CLUSTER) / 4);
    const all = Array.from({ length: perSite }, (_, k) => [scaleManagementVlan(k), ...scaleVmVlans(k)]).flat();
    expect(new Set(all).size).toBe(all.length);
    expect(Math.min(...all)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...all)).toBeLessThanOrEqual(4094);
    expect(() => scaleVmVlans(799)).toThrow(/would need VLANs past 4094/);
  });

  it('the small office: every VM on the office LAN, untagged', () => {
    const e = presetEstate('small-office');
    expect(runLine(e, 'router').stdout).toContain('office  untagged  10.20.0.1  10.20.0.0/24  2      5\n');
    expect(runLine(e, 'reach files accounting 445').stdout).toContain('same segment: the LAN of office (untagged)');
  });
});
