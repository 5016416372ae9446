// govc's datastore commands over the simulation's shared datastores, checked
// against govmomi: cli/datastore/info.go (tabwriter(2, 0, 2, ' '), "%.1f GB" of
// GiB, Remote only for NAS), cli/datastore/ls.go (names, "-l": units.ByteSize,
// "Mon Jan 2 15:04:05 2006"), find/error.go ("datastore '%s' not found"),
// cli/vm/migrate.go ("migrating %s... " with the moref; "no argument"),
// cli/vm/question.go ("No pending question"; "Question:", "Possible answers:"),
// cli/vm/create.go (thin unless -thick), and vmware/vic#6163's vmware.log for
// the out-of-space question (msg.hbacommon.outofspace).
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/core/simulation.js';
import { gib, tib } from '../../src/core/units.js';
import { tokenize } from '../../src/providers/cli/tokenize.js';
import { VmwareDriver } from '../../src/providers/vmware/driver.js';
import { byteSize } from '../../src/providers/vmware/govc-storage.js';

function vcenter() {
  const sim = new Simulation({ seed: 6 });
  sim.addSite({ id: 'dc-east', kind: 'datacenter' });
  sim.addCluster({ id: 'prod', site: 'dc-east', platform: 'vmware' });
  const vmw = new VmwareDriver(sim);
  for (const id of ['esx-01', 'esx-02']) sim.addHost(vmw.hostInput({ id, cluster: 'prod', cores: 32, memoryMiB: gib(256), storageMiB: tib(2) }));
  sim.addDatastore({ id: 'lun01', medium: 'san', clusters: ['prod'], capacityMiB: gib(100) });
  sim.addDatastore({ id: 'nfs01', medium: 'nas', clusters: ['prod'], capacityMiB: tib(1) });
  const run = (line: string) => {
    const t = tokenize(line);
    if (!t.ok) throw new Error(t.error);
    return vmw.exec(t.words);
  };
  // Lets blocking commands finish on the virtual clock.
  const settle = (line: string, ms = 3_600_000) => {
    const r = run(line);
    if (!r.blocking) return r;
    for (let t = 0; t < ms && !r.blocking.done(); t += 1000) sim.advance(1000);
    return r.blocking.answer();
  };
  return { sim, vmw, run, settle };
}

describe('govc datastores', () => {
  it('lists shared datastores, then each host’s own as vCenter names them (datastore1, datastore1 (1))', () => {
    const { run } = vcenter();
    expect(run('govc ls /dc-east/datastore').stdout).toBe(
      ['/dc-east/datastore/lun01', '/dc-east/datastore/nfs01', '/dc-east/datastore/datastore1', '/dc-east/datastore/datastore1 (1)', ''].join('\n'),
    );
  });

  it('prints datastore.info as govc does: GiB to one decimal, Remote only for NFS', () => {
    const { run } = vcenter();
    run('govc vm.create -c 2 -m 2048 -disk 40GB -thick -ds lun01 db');
    const out = run('govc datastore.info lun01 nfs01').stdout;
    expect(out).toMatch(
      new RegExp(
        [
          String.raw`^Name: {8}lun01\n`,
          String.raw` {2}Path: {6}/dc-east/datastore/lun01\n`,
          String.raw` {2}Type: {6}VMFS\n`,
          String.raw` {2}URL: {7}ds:///vmfs/volumes/[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{12}/\n`,
          String.raw` {2}Capacity: {2}100\.0 GB\n`,
          String.raw` {2}Free: {6}60\.0 GB\n`,
          String.raw`Name: {8}nfs01\n`,
        ].join(''),
      ),
    );
    expect(out).toMatch(/ {2}Type: {6}NFS\n.*\n {2}Capacity: {2}1024\.0 GB\n {2}Free: {6}1024\.0 GB\n {2}Remote: {4}nas\.dc-east:\/nfs01\n$/);
    const missing = run('govc datastore.info nope');
    expect([missing.exitCode, missing.stderr]).toEqual([1, "govc: datastore 'nope' not found\n"]);
  });

  it('makes a VM’s disk thin unless -thick, and lists its folder with datastore.ls', () => {
    const { run, sim } = vcenter();
    expect(run('govc vm.create -c 2 -m 2048 -disk 40GB -on=false -ds lun01 web').exitCode).toBe(0);
    expect(sim.diskOn('web')).toMatchObject({ datastore: 'lun01', format: 'thin', usedMiB: 0, provisionedMiB: gib(40) });
    run('govc vm.create -c 2 -m 2048 -disk 10GB -on=false -thick -eager -ds nfs01 db');
    expect(sim.diskOn('db')).toMatchObject({ datastore: 'nfs01', format: 'eager', usedMiB: gib(10) });
    expect(run('govc datastore.ls -ds lun01').stdout).toBe('web\n');
    expect(run('govc datastore.ls -ds lun01 -p').stdout).toBe('web/\n');
    const long = run('govc datastore.ls -l -ds nfs01 db').stdout.split('\n');
    expect(long[0]).toMatch(/^3\.0KB {3}\w{3} /);
    expect(long[1]).toMatch(/^10\.0GB {2}\w{3} \w{3} \d{1,2} \d\d:\d\d:\d\d \d{4} {2}db\.vmdk$/);
    expect(run('govc datastore.ls -ds nfs01 nope').stderr).toBe('govc: file [nfs01] ./nope was not found\n');
    expect(run('govc datastore.ls').stderr).toBe('govc: default datastore resolves to multiple instances, please specify\n');
    const full = run('govc vm.create -c 2 -m 2048 -disk 200GB -thick -ds lun01 big');
    expect([full.exitCode, full.stderr]).toEqual([1, "govc: Insufficient disk space on datastore 'lun01'.\n"]);
  });

  it('units.ByteSize as govc prints it (units/size_test.go)', () => {
    expect([12, 1024, 10 * 2 ** 20, 2 ** 40].map(byteSize)).toEqual(['12B', '1.0KB', '10.0MB', '1.0TB']);
  });

  it('moves a disk with vm.migrate -ds (Storage vMotion), and refuses what is not there', () => {
    const { run, settle, sim } = vcenter();
    run('govc vm.create -c 2 -m 2048 -disk 20GB -thick -ds lun01 app');
    sim.advance(120_000);
    const r = settle('govc vm.migrate -ds nfs01 app');
    expect(r.stdout).toMatch(/^\[\d\d-\d\d-\d\d \d\d:\d\d:\d\d\] migrating VirtualMachine:vm-\d+\.\.\. OK\n$/);
    expect(sim.diskOn('app')?.datastore).toBe('nfs01');
    expect(sim.workload('app')?.state).toBe('running');
    expect(run('govc vm.migrate -ds nope app').stderr).toBe("govc: datastore 'nope' not found\n");
    expect(run('govc vm.migrate -ds lun01').stderr).toBe('govc: no argument\n');
  });

  it('moves a VM to another cluster with its disk in one vm.migrate -host -ds (vMotion with storage)', () => {
    // cli/vm/migrate.go: -host and -ds in one RelocateSpec, "migrating %s... " and OK when the task ends. vCenter's
    // "Change both compute resource and storage": the disk copied through the target host, the guest running.
    const { run, settle, sim, vmw } = vcenter();
    sim.addCluster({ id: 'dr', site: 'dc-east', platform: 'vmware' });
    sim.addHost(vmw.hostInput({ id: 'esx-09', cluster: 'dr', cores: 32, memoryMiB: gib(256), storageMiB: tib(2) }));
    sim.addDatastore({ id: 'dr-lun01', medium: 'san', clusters: ['dr'], capacityMiB: gib(100) });
    run('govc vm.create -c 2 -m 2048 -disk 20GB -thick -ds lun01 app');
    sim.advance(120_000);
    // Without -ds the target cannot open the disk: vCenter's refusal, as the core words it.
    expect(settle('govc vm.migrate -host esx-09 app').stderr).toMatch(/esx-09 does not mount datastore lun01/);
    const r = settle('govc vm.migrate -host esx-09 -ds dr-lun01 app');
    expect(r.stdout).toMatch(/^\[\d\d-\d\d-\d\d \d\d:\d\d:\d\d\] migrating VirtualMachine:vm-\d+\.\.\. OK\n$/);
    expect(sim.workload('app')).toMatchObject({ host: 'esx-09', state: 'running' });
    expect(sim.diskOn('app')?.datastore).toBe('dr-lun01');
    expect(sim.datastoreViews().find((d) => d.id === 'lun01')!.usedMiB).toBe(0);
    // A datastore the target does not mount is refused before anything moves.
    expect(settle('govc vm.migrate -host esx-01 -ds dr-lun01 app').stderr).toMatch(/esx-01 does not mount datastore dr-lun01/);
    expect(sim.workload('app')?.host).toBe('esx-09');
  });

  it('asks the out-of-space question of a VM its full datastore paused, and Retry resumes it', () => {
    const { run, sim } = vcenter();
    run('govc vm.create -c 8 -m 2048 -disk 90GB -ds lun01 writer');
    run('govc vm.create -c 2 -m 2048 -disk 30GB -thick -ds lun01 filler');
    sim.setLoad('writer', 1);
    expect(run('govc vm.question -vm writer').stdout).toBe('No pending question\n');
    sim.advance(4 * 3_600_000);
    expect(sim.workload('writer')?.state).toBe('paused');
    expect(run('govc vm.question -vm writer').stdout).toBe(
      "Question:\nmsg.hbacommon.outofspace:There is no more space for virtual disk 'writer.vmdk'. " +
        'You might be able to continue this session by freeing disk space on the relevant volume, and clicking Retry. ' +
        'Click Cancel to terminate this session.\n\nPossible answers:\n0) Retry\n1) Cancel\n',
    );
    expect(run('govc vm.question -vm writer -answer 7').stderr).toBe('govc: A specified parameter was not correct: answer\n');
    run('govc vm.destroy filler');
    sim.advance(60_000);
    expect(run('govc vm.question -vm writer -answer 0').exitCode).toBe(0);
    sim.advance(10_000);
    expect(sim.workload('writer')?.state).toBe('running');
    expect(run('govc vm.question -vm writer').stdout).toBe('No pending question\n');
  });

  it('asks the question about a data disk that filled its datastore, naming that disk’s file', () => {
    const { run, sim } = vcenter();
    sim.addDatastore({ id: 'tiny', medium: 'san', clusters: ['prod'], capacityMiB: gib(1) });
    run('govc vm.create -c 8 -m 2048 -disk 20GB -thick -ds lun01 db');
    sim.advance(120_000);
    expect(run('govc vm.disk.create -vm db -ds tiny -name db/data -size 10G').exitCode).toBe(0);
    sim.setLoad('db', 1);
    sim.advance(3_600_000);
    expect(sim.workload('db')?.state).toBe('paused');
    expect(run('govc vm.question -vm db').stdout).toMatch(/^Question:\nmsg\.hbacommon\.outofspace:There is no more space for virtual disk 'data\.vmdk'\./);
  });

  it('datastore.info -H: the datastores every host named mounts; patterns match names (cli/datastore/info.go)', () => {
    const { run } = vcenter();
    expect(run('govc datastore.info -H').stderr).toMatch(/^Usage: govc datastore.info/);
    const both = run('govc datastore.info -H esx-01 esx-02').stdout;
    expect(both.match(/^Name: +(.*)$/gm)).toEqual(['Name:        lun01', 'Name:        nfs01']);
    expect(run('govc datastore.info -H esx-01').stdout.match(/^Name: +(.*)$/gm)).toEqual([
      'Name:        lun01',
      'Name:        nfs01',
      'Name:        datastore1',
    ]);
    expect(run('govc datastore.info -H esx-09').stderr).toBe("govc: object 'esx-09' not found\n");
    expect(run("govc datastore.info 'datastore1*'").stdout.match(/^Name: +(.*)$/gm)).toEqual(['Name:        datastore1', 'Name:        datastore1 (1)']);
    expect(run('govc datastore.info -dc nowhere').stderr).toBe("govc: datacenter 'nowhere' not found\n");
  });

  it('datastore.ls: a header per folder when there are several, tabwriter columns, a missing name in its folder (cli/datastore/ls.go)', () => {
    const { run } = vcenter();
    run('govc vm.create -c 1 -m 1024 -disk 1GB -on=false -ds lun01 a');
    run('govc vm.create -c 1 -m 1024 -disk 1GB -on=false -ds lun01 b');
    expect(run('govc datastore.ls -ds lun01 a b').stdout).toBe('[lun01] a:\na.vmx\na.vmdk\n\n[lun01] b:\nb.vmx\nb.vmdk\n');
    expect(run('govc datastore.ls -l -ds lun01').stdout).toMatch(/^0B {2}\w{3} \w{3} +\d+ [\d:]+ \d{4} {2}a\n0B {2}/);
    expect(run('govc datastore.ls -ds lun01 a/a.nvram').stderr).toBe('govc: file [lun01] a/a.nvram was not found\n');
  });

  it('vm.migrate -ds with -host fails the task, not OK, when the host cannot take the VM', () => {
    const { run, settle, sim } = vcenter();
    run('govc vm.create -c 2 -m 2048 -disk 10GB -ds lun01 app');
    sim.advance(120_000);
    run('govc host.maintenance.enter esx-02');
    const r = settle('govc vm.migrate -ds nfs01 -host esx-02 app');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/migrating VirtualMachine:vm-\d+\.\.\. Error: esx-02 is in maintenance mode\n$/);
    expect(sim.diskOn('app')?.datastore).toBe('lun01');
  });

  it('vm.disk.change grows a disk and never shrinks it (cli/vm/disk/change.go; vCenter InvalidDeviceOperation, govmomi#3464)', () => {
    const { run, sim } = vcenter();
    run('govc vm.create -c 2 -m 2048 -disk 40GB -ds lun01 app');
    expect(run('govc vm.disk.change -vm app -size 60G').exitCode).toBe(0);
    expect(sim.diskOn('app')).toMatchObject({ provisionedMiB: gib(60), usedMiB: 0 });
    expect(run('govc vm.disk.change -vm app -size 20G').stderr).toBe("govc: error resizing main disk\nLogged Item:  Invalid operation for device '0'.\n");
    expect(run('govc vm.disk.change -vm app -disk.key 2001 -size 80G').stderr).toBe('govc: no disk found using the given values\n');
    expect(run('govc vm.disk.change -vm app -disk.label "Hard disk 1" -size 80G').exitCode).toBe(0);
    expect(run('govc vm.disk.change -size 80G').stderr).toMatch(/^Usage: govc vm.disk.change/);
    run('govc vm.create -c 2 -m 2048 -disk 40GB -thick -ds lun01 fat');
    expect(run('govc vm.disk.change -vm fat -size 110G').stderr).toBe(
      "govc: error resizing main disk\nLogged Item:  Insufficient disk space on datastore 'lun01'.\n",
    );
  });

  it('vm.disk.change refuses a disk with snapshots, one being moved and a malformed size, as vCenter and units.ByteSize do', () => {
    const { run, sim } = vcenter();
    run('govc vm.create -c 2 -m 2048 -disk 40GB -on=false -ds lun01 app');
    expect(run('govc vm.disk.change -vm app -size 1.5G').stderr).toBe('govc: invalid value "1.5G" for flag -size: invalid byte value\n');
    run('govc snapshot.create -vm app s1');
    expect(run('govc vm.disk.change -vm app -size 50G').stderr).toBe("govc: error resizing main disk\nLogged Item:  Invalid operation for device '0'.\n");
    run('govc snapshot.remove -vm app s1');
    expect(run('govc vm.disk.change -vm app -size 50GiB').exitCode).toBe(0);
    expect(sim.diskOn('app')?.capacityMiB).toBe(gib(50));
    run('govc vm.migrate -ds nfs01 app');
    expect(run('govc vm.disk.change -vm app -size 60G').stderr).toBe(
      'govc: error resizing main disk\nLogged Item:  The operation is not allowed in the current state.\n',
    );
  });
});
