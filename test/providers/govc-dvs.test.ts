// vSphere distributed switches through govc, against govmomi: cli/dvs/create.go
// ("adding %s to folder %s... "), cli/dvs/add.go ("adding %d hosts to dvs %s... ";
// "%s is already a member of %s" on stderr, the host skipped; "%s (%T) is not of
// type %T" for a -dvs that is no switch), cli/dvs/portgroup/add.go and spec.go
// ("adding %s portgroup to dvs %s... "; earlyBinding, 128 ports, VLAN 0 by
// default), find/error.go ("network '%s' not found"), vim25/progress/loger.go (a
// task's line: "[02-01-06 15:04:05] " + prefix + "OK" or "Error: " + message),
// the DuplicateName fault as vCenter words it (govmomi#1927: "The name 'X'
// already exists."); vcsim's uplink port group name (simulator/folder.go: the
// switch's name + "-DVUplinks-" + its number).
import { describe, expect, it } from 'vitest';
import { estateFromJson } from '../../src/estate/file-read.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { runLine } from '../../src/estate/script.js';
import { defaultEstate } from '../default-estate.js';
import { ok } from './estate-lines.js';

type E = ReturnType<typeof defaultEstate>;
const run = (e: E, line: string) => runLine(e, line);
const STAMP = String.raw`\[\d\d-\d\d-\d\d \d\d:\d\d:\d\d\] `;

/** A switch on every ESXi host of dc-east with a port group on VLAN 70. */
function withDmz(): E {
  const e = defaultEstate(1);
  ok(e, 'govc dvs.create DSwitch');
  ok(e, 'govc dvs.add -dvs DSwitch vsphere-prod');
  ok(e, 'govc dvs.portgroup.add -dvs DSwitch -vlan 70 dmz');
  return e;
}

describe('govc dvs.create, dvs.add, dvs.portgroup.add', () => {
  it("each prints its task's line; the switch, its uplinks and its port groups are in the datacenter's network folder", () => {
    const e = defaultEstate(1);
    expect(ok(e, 'govc dvs.create DSwitch')).toMatch(new RegExp(`^${STAMP}adding DSwitch to folder /dc-east/network\\.\\.\\. OK\\n$`));
    expect(ok(e, 'govc dvs.add -dvs DSwitch esx-01 esx-02')).toMatch(new RegExp(`^${STAMP}adding 2 hosts to dvs /dc-east/network/DSwitch\\.\\.\\. OK\\n$`));
    expect(ok(e, 'govc dvs.portgroup.add -dvs DSwitch -vlan 70 dmz')).toMatch(
      new RegExp(`^${STAMP}adding dmz portgroup to dvs /dc-east/network/DSwitch\\.\\.\\. OK\\n$`),
    );
    expect(ok(e, 'govc ls network')).toBe(
      [
        '/dc-east/network/VM Network',
        '/dc-east/network/web',
        '/dc-east/network/app',
        '/dc-east/network/db',
        '/dc-east/network/DSwitch',
        '/dc-east/network/DSwitch-DVUplinks-21',
        '/dc-east/network/dmz',
        '',
      ].join('\n'),
    );
    // A host's own commands show its standard switch only.
    expect(ok(e, 'govc host.portgroup.info -host esx-01')).not.toContain('dmz');
  });

  it('a host that is a member already is said on stderr and skipped; a cluster path adds each of its hosts', () => {
    const e = defaultEstate(1);
    ok(e, 'govc dvs.create DSwitch');
    ok(e, 'govc dvs.add -dvs DSwitch esx-01');
    const r = run(e, 'govc dvs.add -dvs DSwitch /dc-east/host/vsphere-prod');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('/dc-east/host/vsphere-prod/esx-01 is already a member of /dc-east/network/DSwitch\n');
    expect(r.stdout).toMatch(/adding 3 hosts to dvs \/dc-east\/network\/DSwitch\.\.\. OK\n$/);
    const again = run(e, 'govc dvs.add -dvs DSwitch esx-02');
    expect(again).toMatchObject({ exitCode: 0, stdout: '', stderr: '/dc-east/host/vsphere-prod/esx-02 is already a member of /dc-east/network/DSwitch\n' });
  });

  it('says what is wrong in govc words: a name taken (the task fails), no such switch, a network that is no switch, a bad VLAN, usage', () => {
    const e = withDmz();
    const dup = run(e, 'govc dvs.create DSwitch');
    expect(dup.exitCode).toBe(1);
    expect(dup.stdout).toMatch(new RegExp(`^${STAMP}adding DSwitch to folder /dc-east/network\\.\\.\\. Error: The name 'DSwitch' already exists\\.\\n$`));
    expect(dup.stderr).toBe("govc: The name 'DSwitch' already exists.\n");
    expect(run(e, 'govc dvs.portgroup.add -dvs DSwitch web').stderr).toBe("govc: The name 'web' already exists.\n");
    expect(run(e, 'govc dvs.portgroup.add -dvs nope x').stderr).toBe("govc: network 'nope' not found\n");
    expect(run(e, 'govc dvs.portgroup.add x').stderr).toBe("govc: network '' not found\n");
    expect(run(e, 'govc dvs.portgroup.add -dvs web x').stderr).toBe('govc: web (*object.Network) is not of type *object.DistributedVirtualSwitch\n');
    expect(run(e, 'govc dvs.add -dvs dmz esx-01').stderr).toBe(
      'govc: dmz (*object.DistributedVirtualPortgroup) is not of type *object.DistributedVirtualSwitch\n',
    );
    expect(run(e, 'govc dvs.add -dvs DSwitch esx-99').stderr).toBe("govc: host 'esx-99' not found\n");
    expect(run(e, 'govc dvs.portgroup.add -dvs DSwitch -vlan 4095 y').stderr).toBe(
      'govc: A specified parameter was not correct: spec.defaultPortConfig.vlan.vlanId\n',
    );
    expect(run(e, 'govc dvs.create').stderr).toMatch(/^Usage: govc dvs\.create \[OPTIONS\] DVS\n/);
    expect(run(e, 'govc dvs.add -dvs DSwitch').stderr).toMatch(/^Usage: govc dvs\.add \[OPTIONS\] HOST\.\.\.\n/);
  });
});

describe('VMs on distributed port groups', () => {
  it("an adapter on one is on the site LAN on its VLAN; it goes only where the VM's host is a member", () => {
    const e = defaultEstate(1);
    ok(e, 'govc dvs.create DSwitch');
    ok(e, 'govc dvs.add -dvs DSwitch esx-01 esx-02');
    ok(e, 'govc dvs.portgroup.add -dvs DSwitch -vlan 70 dmz');
    const host = e.sim.workload('web-01')!.host!;
    expect(['esx-01', 'esx-02']).toContain(host);
    ok(e, 'govc vm.network.change -vm web-01 -net dmz ethernet-0');
    expect(ok(e, 'govc vm.ip web-01')).toMatch(/^10\.20\.70\.\d+\n$/);
    expect(run(e, 'reach web-01 app-01 80').stdout).toContain('VLAN 70 of dc-east has no gateway');
    ok(e, 'router dc-east add 70');
    expect(run(e, 'reach web-01 app-01 80').exitCode).toBe(0);
    // A VM on a host outside the switch cannot be put on it.
    const outside = ['web-02', 'web-03', 'app-01', 'app-02', 'db-01', 'db-02', 'batch-01'].find(
      (n) => !['esx-01', 'esx-02'].includes(e.sim.workload(n)!.host!),
    )!;
    expect(run(e, `govc vm.network.change -vm ${outside} -net dmz ethernet-0`).stderr).toBe(
      "govc: Currently connected network interface 'Network adapter 1' uses network 'dmz', which is not accessible.\n",
    );
  });

  it('vMotion goes to a member host, never to one outside the switch; HA restarts it only on members', () => {
    const e = defaultEstate(1);
    ok(e, 'govc dvs.create DSwitch');
    ok(e, 'govc dvs.add -dvs DSwitch esx-01 esx-03');
    ok(e, 'govc dvs.portgroup.add -dvs DSwitch -vlan 70 dmz');
    const vm = ['web-01', 'web-02', 'web-03', 'app-01', 'app-02', 'db-01', 'db-02', 'batch-01'].find((n) => e.sim.workload(n)!.host === 'esx-01')!;
    ok(e, `govc vm.network.change -vm ${vm} -net dmz ethernet-0`);
    const refused = run(e, `govc vm.migrate -host esx-02 ${vm}`);
    expect(refused.stderr).toBe("govc: Currently connected network interface 'Network adapter 1' uses network 'dmz', which is not accessible.\n");
    e.sim.setHostState('esx-01', 'failed');
    ok(e, 'sleep 5m');
    expect(e.sim.workload(vm)).toMatchObject({ host: 'esx-03', state: 'running' });
  });

  it("a clone of a VM on one goes to a member host; a standard port group may not take a distributed one's name", () => {
    const e = defaultEstate(1);
    ok(e, 'govc dvs.create DSwitch');
    ok(e, 'govc dvs.add -dvs DSwitch esx-03');
    ok(e, 'govc dvs.portgroup.add -dvs DSwitch -vlan 70 dmz');
    const vm = ['web-01', 'web-02', 'web-03', 'app-01', 'app-02', 'db-01', 'db-02', 'batch-01'].find((n) => e.sim.workload(n)!.host === 'esx-03')!;
    ok(e, `govc vm.network.change -vm ${vm} -net dmz ethernet-0`);
    for (let i = 1; i <= 3; i++) run(e, `govc vm.clone -vm ${vm} copy-${i}`);
    ok(e, 'sleep 10m');
    for (let i = 1; i <= 3; i++) expect(e.sim.workload(`copy-${i}`)?.host).toBe('esx-03');
    expect(run(e, 'govc host.portgroup.add -host esx-01 -vswitch vSwitch0 -vlan 99 dmz').stderr).toBe(
      "govc: ServerFaultCode: The specified key, name, or identifier 'dmz' already exists.\n",
    );
    expect(run(e, 'govc dvs.portgroup.add -dvs DSwitch -nports 60001 big').stderr).toBe('govc: A specified parameter was not correct: spec.numPorts\n');
  });

  it('an estate file keeps the switches, their members and port groups; a file whose switch is missing is refused', () => {
    const e = withDmz();
    const file = JSON.parse(JSON.stringify(estateToFile(e)));
    expect(file.providers.vmware.dvSwitches).toEqual([{ name: 'DSwitch', dc: 'dc-east', key: 21, hosts: ['esx-01', 'esx-02', 'esx-03', 'esx-04'] }]);
    expect(file.providers.vmware.dvPortGroups).toEqual([{ name: 'dmz', dvs: 'DSwitch', vlan: 70, type: 'earlyBinding', ports: 128 }]);
    const back = estateFromJson(file);
    if (!back.ok) throw new Error(back.error.message);
    expect(runLine(back.value, 'govc ls network').stdout).toBe(runLine(e, 'govc ls network').stdout);
    const broken = estateFromJson({ ...file, providers: { ...file.providers, vmware: { ...file.providers.vmware, dvSwitches: [] } } });
    expect(broken.ok ? 'accepted' : broken.error.message).toContain('providers.vmware.dvPortGroups[0].dvs: no distributed switch DSwitch');
  });
});
