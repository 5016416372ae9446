// vSphere standard port groups through govc, against govmomi: cli/host/portgroup/add.go
// and remove.go (silent on success), info.go (Name / Virtual switch / VLAN ID /
// Active ports), cli/host/vswitch/info.go, cli/vm/network/add.go and change.go
// (govc/test/network.bats: "network 'enoent' not found", "device 'enoent' not
// found", the device looked up before the network), cli/object/ls.go (a relative
// path is the default datacenter's), cli/vm/ip.go; the vim faults' texts
// (AlreadyExists "The specified key, name, or identifier '%s' already exists.",
// InvalidArgument for a VLAN ID outside [0,4095], HostNetworkSystem.UpdatePortGroup's
// documentation); vMotion's CannotAccessNetwork as vCenter words it (pyvmomi#1041,
// apache/cloudstack#5669: "Currently connected network interface 'Network adapter 1'
// uses network 'X', which is not accessible.").
import { describe, expect, it } from 'vitest';
import { estateFromJson } from '../../src/estate/file-read.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { runLine } from '../../src/estate/script.js';
import { defaultEstate } from '../default-estate.js';
import { err, ok } from './estate-lines.js';

describe('govc host.portgroup.*', () => {
  it('an installed host has VM Network and Management Network on vSwitch0, VLAN 0; add puts another there, silently', () => {
    const e = defaultEstate(1);
    expect(ok(e, 'govc host.portgroup.add -host esx-01 -vswitch vSwitch0 -vlan 50 backup')).toBe('');
    const info = ok(e, 'govc host.portgroup.info -host esx-01').split('\n\n');
    expect(info[0]).toMatch(/^Name: +VM Network\nVirtual switch: +vSwitch0\nVLAN ID: +0\nActive ports: +\d+$/);
    expect(info[1]).toMatch(/^Name: +Management Network\n/);
    // The built-in estate's role port groups (web, app, db on VLANs 10, 20, 30), then the new one.
    expect(info[2]).toMatch(/^Name: +web\nVirtual switch: +vSwitch0\nVLAN ID: +10\n/);
    expect(info[5]).toBe('Name:            backup\nVirtual switch:  vSwitch0\nVLAN ID:         50\nActive ports:    0\n');
    expect(ok(e, 'govc host.vswitch.info -host esx-01')).toMatch(/^Name: +vSwitch0\nPortgroup: +VM Network, Management Network, web, app, db, backup\n/);
    expect(ok(e, 'govc ls network')).toBe(
      '/dc-east/network/VM Network\n/dc-east/network/web\n/dc-east/network/app\n/dc-east/network/db\n/dc-east/network/backup\n',
    );
  });

  it('refuses as ESXi does: a name used twice (AlreadyExists), no such vSwitch (NotFound), a VLAN ID outside 0-4095 (InvalidArgument), no -host with many hosts', () => {
    const e = defaultEstate(1);
    expect(err(e, 'govc host.portgroup.add -host esx-01 -vswitch vSwitch0 "VM Network"')).toBe(
      "govc: ServerFaultCode: The specified key, name, or identifier 'VM Network' already exists.",
    );
    expect(err(e, 'govc host.portgroup.add -host esx-01 -vswitch vSwitch9 x')).toBe(
      'govc: ServerFaultCode: The object or item referred to could not be found.',
    );
    expect(err(e, 'govc host.portgroup.add -host esx-01 -vswitch vSwitch0 -vlan 4096 x')).toBe(
      'govc: ServerFaultCode: A specified parameter was not correct: portgrp.vlanId',
    );
    expect(ok(e, 'govc host.portgroup.add -host esx-01 -vswitch vSwitch0 -vlan 4095 trunk')).toBe('');
    expect(err(e, 'govc host.portgroup.add -vswitch vSwitch0 x')).toBe('govc: default host resolves to multiple instances, please specify');
    expect(err(e, 'govc host.portgroup.add -host esx-99 -vswitch vSwitch0 x')).toBe("govc: host 'esx-99' not found");
  });

  it('remove takes a port group away, but not while a VM on the host uses it', () => {
    const e = defaultEstate(1);
    ok(e, 'govc host.portgroup.add -host esx-01 -vswitch vSwitch0 -vlan 50 backup');
    ok(e, 'govc vm.network.change -vm web-01 ethernet-0 backup');
    expect(err(e, 'govc host.portgroup.remove -host esx-01 backup')).toBe("govc: ServerFaultCode: The resource 'backup' is in use.");
    ok(e, 'govc vm.network.change -vm web-01 ethernet-0 web');
    expect(ok(e, 'govc host.portgroup.remove -host esx-01 backup')).toBe('');
    expect(err(e, 'govc host.portgroup.remove -host esx-01 backup')).toBe('govc: ServerFaultCode: The object or item referred to could not be found.');
  });
});

describe('govc vm.network.* and the VMs addresses', () => {
  it('a VM on a port group has an address on its site LAN on its VLAN (10.20.10.0/24 for VLAN 10 of the first site; 10.20.50.0/24 on VLAN 50)', () => {
    const e = defaultEstate(1);
    expect(ok(e, 'govc vm.ip web-01')).toMatch(/^10\.20\.10\.\d+\n$/);
    ok(e, 'govc host.portgroup.add -host esx-01 -vswitch vSwitch0 -vlan 50 backup');
    ok(e, 'govc vm.network.change -vm web-01 ethernet-0 backup');
    expect(ok(e, 'govc vm.ip web-01')).toMatch(/^10\.20\.50\.\d+\n$/);
    expect(ok(e, 'govc vm.info -r web-01')).toMatch(/\n {2}Network: +backup\n$/);
  });

  it('VLANs are separate segments: web-01 on VLAN 50, which no router routes, reaches nothing; a second adapter or a gateway gives it a way', () => {
    const e = defaultEstate(1);
    expect(runLine(e, 'reach web-01 db-01 5432').exitCode).toBe(0);
    ok(e, 'govc host.portgroup.add -host esx-01 -vswitch vSwitch0 -vlan 50 backup');
    ok(e, 'govc vm.network.change -vm web-01 ethernet-0 backup');
    const r = runLine(e, 'reach web-01 db-01 5432');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain(
      'decided by: no route from the LAN of dc-east on VLAN 50 to the LAN of dc-east on VLAN 30: VLAN 50 of dc-east has no gateway: no router has an interface on it (router dc-east add 50)',
    );
    expect(runLine(e, 'reach web-01 internet 443').stdout).toContain(
      'decided by: the LAN of dc-east on VLAN 50 has no way to the internet (VLAN 50 of dc-east has no gateway',
    );
    // A gateway on the site router routes it to every routed VLAN; taken away, it is alone again.
    expect(ok(e, 'router dc-east add 50')).toBe('VLAN 50 of dc-east routed: gateway 10.20.50.1\n');
    expect(runLine(e, 'reach web-01 db-01 5432').stdout).toContain(
      'routed by the site routers: the LAN of dc-east on VLAN 50 -> gateway 10.20.50.1 -> the LAN of dc-east on VLAN 30',
    );
    ok(e, 'router dc-east remove 50');
    expect(runLine(e, 'reach web-01 db-01 5432').exitCode).toBe(1);
    // A second adapter on the db port group puts it on db-01's own segment.
    ok(e, 'govc vm.network.add -vm web-01 -net db');
    expect(ok(e, 'govc vm.ip -a web-01')).toMatch(/^10\.20\.50\.\d+,10\.20\.30\.\d+\n$/);
    expect(runLine(e, 'reach web-01 db-01 5432').stdout).toContain('same segment: the LAN of dc-east on VLAN 30');
  });

  it('a vSphere VM and a Hyper-V VM on one site LAN and VLAN share it (one DHCP, distinct addresses)', () => {
    const e = defaultEstate(1);
    expect(e.sim.host(e.sim.workload('ad-01')!.host!)!.site).toBe('dc-east');
    ok(e, 'Set-VMNetworkAdapterVlan -VMName ad-01 -Access -VlanId 10');
    const r = runLine(e, 'reach web-01 ad-01 tcp/389');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('same segment: the LAN of dc-east on VLAN 10');
    const addresses = [...r.stdout.matchAll(/\((10\.\d+\.\d+\.\d+)\)/g)].map((m) => m[1]);
    expect(new Set(addresses).size).toBe(2);
  });

  it('errors in govc words: no such network, no such device (looked up first), a bad adapter type', () => {
    const e = defaultEstate(1);
    expect(err(e, 'govc vm.network.add -vm web-01 -net enoent')).toBe("govc: network 'enoent' not found");
    expect(err(e, 'govc vm.network.change -vm web-01 -net enoent enoent')).toBe("govc: device 'enoent' not found");
    expect(err(e, 'govc vm.network.change -vm web-01 -net enoent ethernet-0')).toBe("govc: network 'enoent' not found");
    expect(err(e, 'govc vm.network.add -vm web-01 -net.adapter e2000 -net "VM Network"')).toBe("govc: unknown ethernet card type 'e2000'");
  });

  it('vMotion goes only to a host with a port group of each adapter network: CannotAccessNetwork otherwise', () => {
    const e = defaultEstate(1);
    ok(e, 'govc host.portgroup.add -host esx-01 -vswitch vSwitch0 -vlan 50 backup');
    ok(e, 'govc vm.network.change -vm web-01 ethernet-0 backup');
    const r = runLine(e, 'govc vm.migrate -host esx-02 web-01');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe("govc: Currently connected network interface 'Network adapter 1' uses network 'backup', which is not accessible.\n");
    expect(e.sim.workload('web-01')!.host).toBe('esx-01');
    ok(e, 'govc host.portgroup.add -host esx-02 -vswitch vSwitch0 -vlan 50 backup');
    expect(runLine(e, 'govc vm.migrate -host esx-02 web-01').exitCode).toBe(0);
    expect(e.sim.workload('web-01')!.host).toBe('esx-02');
  });

  it('HA restarts a VM only on a host with its port group, and says why where none has one', () => {
    const e = defaultEstate(1);
    for (const h of ['esx-01', 'esx-03']) ok(e, `govc host.portgroup.add -host ${h} -vswitch vSwitch0 -vlan 50 backup`);
    ok(e, 'govc vm.network.change -vm web-01 ethernet-0 backup');
    expect(e.sim.workload('web-01')!.host).toBe('esx-01');
    e.sim.setHostState('esx-01', 'failed');
    ok(e, 'sleep 5m');
    expect(e.sim.workload('web-01')).toMatchObject({ host: 'esx-03', state: 'running' });
    // With its only other host gone too, it waits: no host with its port group can take it.
    e.sim.setHostState('esx-03', 'failed');
    ok(e, 'sleep 5m');
    expect(e.sim.workload('web-01')!.state).not.toBe('running');
    expect(JSON.stringify(e.sim.log.forSubject('web-01', 50).map((x) => x.message))).toContain('lack the port group web-01 uses (backup)');
  });

  it('maintenance mode moves a VM only to a host with its port group', () => {
    const e = defaultEstate(1);
    for (const h of ['esx-01', 'esx-04']) ok(e, `govc host.portgroup.add -host ${h} -vswitch vSwitch0 -vlan 50 backup`);
    ok(e, 'govc vm.network.change -vm web-01 ethernet-0 backup');
    ok(e, 'govc host.maintenance.enter esx-01');
    expect(e.sim.workload('web-01')!.host).toBe('esx-04');
  });

  it('an estate file keeps each host port groups and each VM adapters', () => {
    const e = defaultEstate(1);
    ok(e, 'govc host.portgroup.add -host esx-01 -vswitch vSwitch0 -vlan 50 backup');
    ok(e, 'govc vm.network.change -vm web-01 ethernet-0 backup');
    const back = estateFromJson(JSON.parse(JSON.stringify(estateToFile(e))));
    if (!back.ok) throw new Error(back.error.message);
    expect(runLine(back.value, 'govc host.portgroup.info -host esx-01').stdout).toBe(runLine(e, 'govc host.portgroup.info -host esx-01').stdout);
    expect(runLine(back.value, 'govc vm.ip web-01').stdout).toBe(runLine(e, 'govc vm.ip web-01').stdout);
  });
});

describe('review mends: addresses kept, hosts checked, limits', () => {
  it("a guest that comes up later never takes a running guest's address (DHCP serves them in the order they came up)", () => {
    const e = defaultEstate(1);
    const before = ok(e, 'govc vm.ip -a web-01 web-02 web-03 app-01 app-02 db-01 db-02 batch-01');
    for (let i = 0; i < 20; i++) ok(e, `govc vm.create -on=true -c 1 -m 512 -host esx-01 late-${i}`);
    ok(e, 'sleep 5m');
    expect(ok(e, 'govc vm.ip -a web-01 web-02 web-03 app-01 app-02 db-01 db-02 batch-01')).toBe(before);
    const all = ok(e, `govc vm.ip ${Array.from({ length: 20 }, (_, i) => `late-${i}`).join(' ')}`)
      .trim()
      .split('\n');
    expect(new Set([...before.trim().split('\n'), ...all]).size).toBe(28);
  });

  it('an adapter goes only to a port group its VM host has; a powered-off VM migrates cold whatever its networks; a VM has at most 10 NICs', () => {
    const e = defaultEstate(1);
    ok(e, 'govc host.portgroup.add -host esx-01 -vswitch vSwitch0 -vlan 50 backup');
    // web-02 is on esx-02, which has no "app".
    expect(err(e, 'govc vm.network.change -vm web-02 ethernet-0 backup')).toBe(
      "govc: Currently connected network interface 'Network adapter 1' uses network 'backup', which is not accessible.",
    );
    ok(e, 'govc vm.network.change -vm web-01 ethernet-0 backup');
    ok(e, 'govc vm.power -off web-01');
    expect(runLine(e, 'govc vm.migrate -host esx-02 web-01').exitCode).toBe(0);
    for (let i = 1; i < 10; i++) ok(e, 'govc vm.network.add -vm db-01 -net "VM Network"');
    expect(err(e, 'govc vm.network.add -vm db-01 -net "VM Network"')).toBe(
      'govc: ServerFaultCode: Number of virtual devices exceeds the maximum for a given controller.',
    );
  });
});
