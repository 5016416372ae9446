// virsh tells the truth: its words, its layout, and when it returns.
// Sources, for each expectation below: libvirt tests/virshtestdata/lifecycle.out
// (list layout and rule, "error: Domain is already active", dominfo lines, the
// word typed in "Domain '3' is being shutdown", the blank line after each
// command), snapshot.out (snapshot messages, --tree drawing, sorted names,
// NAME\tPARENT), info-default.out (nodeinfo), script-friendly-options.out
// (list --name, domstate --reason); tools/virsh-domain.c (cmdStart,
// cmdManagedSave, cmdMigrate, cmdDomjobinfo, cmdDomjobabort), tools/vsh.c
// (vshCommandRun, vshTreePrint), tools/vsh-table.c, src/qemu/qemu_driver.c
// (qemuDomainResume, qemuDomainAbortJob), src/qemu/qemu_domainjob.c
// (QEMU_JOB_WAIT_TIME), src/qemu/qemu_migration.c ("migration out job: canceled
// by client").
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/core/simulation.js';
import { gib, tib } from '../../src/core/units.js';
import { runLine } from '../../src/estate/script.js';
import { loadEstate, saveEstate } from '../../src/estate/store.js';
import { returned } from '../../src/providers/blocking.js';
import { tokenize } from '../../src/providers/cli/tokenize.js';
import { KvmDriver } from '../../src/providers/kvm/driver.js';
import { defaultEstate } from '../default-estate.js';

function lab() {
  const sim = new Simulation({ seed: 4 });
  sim.addSite({ id: 'dc', kind: 'datacenter' });
  sim.addCluster({ id: 'lab', site: 'dc', platform: 'kvm' });
  const kvm = new KvmDriver(sim);
  for (const id of ['kvm-01', 'kvm-02']) sim.addHost(kvm.hostInput({ id, cluster: 'lab', cores: 32, memoryMiB: gib(256), storageMiB: tib(4) }));
  // An NFS storage pool both hosts mount (virt-install --disk pool=nfs): live migration moves memory only.
  sim.addDatastore({ id: 'nfs', medium: 'nas', clusters: ['lab'], capacityMiB: tib(10) });
  const run = (line: string) => {
    const t = tokenize(line);
    if (!t.ok) throw new Error(t.error);
    return returned(sim, kvm.exec(t.words));
  };
  return { sim, kvm, run };
}

describe('virsh words (libvirt tests/virshtestdata)', () => {
  it('list: active domains by ID, then the rest by name; a rule of each column plus 3; a blank line after', () => {
    const { sim, run } = lab();
    for (const n of ['web', 'Alpha', 'db']) run(`virt-install --name ${n} --memory 1024 --disk size=5 --os-variant debian12 --import --noautoconsole`);
    run('virsh destroy web');
    run('virsh destroy Alpha');
    sim.advance(60_000);
    expect(run('virsh list --all').stdout).toBe(
      ' Id   Name    State\n------------------------\n 3    db      running\n -    Alpha   shut off\n -    web     shut off\n\n',
    );
    expect(run('virsh list --name --all').stdout).toBe('db\nAlpha\nweb\n\n');
  });

  it('start of a running domain: "Domain is already active", no "Failed to start" line; lifecycle messages name the word typed', () => {
    const { run } = lab();
    run('virt-install --name fv0 --memory 1024 --disk size=5 --os-variant debian12 --import --noautoconsole');
    const again = run('virsh start fv0');
    expect([again.exitCode, again.stdout, again.stderr]).toEqual([1, '', 'error: Domain is already active\n\n']);
    // By ID: shutdown names the ID it was given, as lifecycle.out's "Domain '3' is being shutdown".
    expect(run('virsh shutdown 1').stdout).toBe("Domain '1' is being shutdown\n\n");
    expect(run('virsh shutdown nope').stderr).toBe("error: failed to get domain 'nope'\n\n");
  });

  it('dominfo in %-15s lines; an inactive domain keeps its memory and loses its ID', () => {
    const { run } = lab();
    run('virt-install --name fc4 --memory 2048 --vcpus 2 --disk size=5 --os-variant debian12 --import --noautoconsole');
    run('virsh destroy fc4');
    const info = run('virsh dominfo fc4').stdout;
    expect(info).toMatch(
      new RegExp(
        [
          String.raw`^Id: {13}-\n`,
          String.raw`Name: {11}fc4\n`,
          String.raw`UUID: {11}[0-9a-f-]{36}\n`,
          String.raw`OS Type: {8}hvm\n`,
          String.raw`State: {10}shut off\n`,
          String.raw`CPU\(s\): {9}2\n`,
          String.raw`Max memory: {5}2097152 KiB\n`,
          String.raw`Used memory: {4}2097152 KiB\n`,
          String.raw`Persistent: {5}yes\n`,
          String.raw`Autostart: {6}disable\n`,
          String.raw`Managed save: {3}no\n`,
        ].join(''),
      ),
    );
    expect(info.endsWith('\n\n')).toBe(true);
  });

  it('resume of a running domain is refused; suspend of a paused one is not', () => {
    const { run } = lab();
    run('virt-install --name a --memory 1024 --disk size=5 --os-variant debian12 --import --noautoconsole');
    expect(run('virsh resume a').stderr).toBe("error: Failed to resume domain 'a'\nerror: Requested operation is not valid: domain is already running\n\n");
    expect(run('virsh suspend a').stdout).toBe("Domain 'a' suspended\n\n");
    expect(run('virsh suspend a').stdout).toBe("Domain 'a' suspended\n\n");
    expect(run('virsh domstate a --reason').stdout).toBe('paused (user)\n\n');
  });

  it('snapshots: created (no newline of its own), reverted, deleted; listed by name; the tree as vshTreePrint draws it', () => {
    const { run } = lab();
    run('virt-install --name test --memory 1024 --disk size=5 --os-variant debian12 --import --noautoconsole');
    // snapshot.in's fan-out: s1 > s3 > (s2, s6 > (s4, s5)), s1 > s7 > s8.
    for (const l of ['s1', 's3', 's2', '-s3', 's6', 's5', '-s6', 's4', '-s1', 's7', 's8']) {
      if (l.startsWith('-')) expect(run(`virsh snapshot-revert test ${l.slice(1)}`).stdout).toBe(`Domain snapshot ${l.slice(1)} reverted\n\n`);
      else expect(run(`virsh snapshot-create-as test ${l}`).stdout).toBe(`Domain snapshot ${l} created\n`);
    }
    expect(run('virsh snapshot-create-as test s1').stderr).toBe('error: operation failed: domain moment s1 already exists\n\n');
    expect(run('virsh snapshot-list test --tree').stdout).toBe(
      [
        's1',
        '  |',
        '  +- s3',
        '  |   |',
        '  |   +- s2',
        '  |   +- s6',
        '  |       |',
        '  |       +- s4',
        '  |       +- s5',
        '  |         ',
        '  +- s7',
        '      |',
        '      +- s8',
        '        ',
        '',
        '',
      ].join('\n'),
    );
    expect(run('virsh snapshot-list test --leaves --name').stdout).toBe('s2\ns4\ns5\ns8\n\n');
    expect(run('virsh snapshot-list test --parent --no-leaves --name').stdout).toBe('s1\ns3\ts1\ns6\ts3\ns7\ts1\n\n');
    expect(run('virsh snapshot-list test --from s3 --name').stdout).toBe('s2\ns6\n\n');
    expect(run('virsh snapshot-delete test s6 --children-only').stdout).toBe('Domain snapshot s6 children deleted\n\n');
    expect(run('virsh snapshot-delete test s7').stdout).toBe('Domain snapshot s7 deleted\n\n');
    expect(run('virsh snapshot-revert test ghost').stderr).toBe("error: Domain snapshot not found: no domain snapshot with matching name 'ghost'\n\n");
  });

  it('nodeinfo in %-20s lines, for the host virsh is connected to', () => {
    const { run } = lab();
    expect(run('virsh -c qemu+ssh://kvm-02/system nodeinfo').stdout).toBe(
      'CPU model:           x86_64\nCPU(s):              32\nCPU socket(s):       1\nCore(s) per socket:  32\nThread(s) per core:  1\nNUMA cell(s):        1\nMemory size:         268435456 KiB\n\n',
    );
  });

  it('mistakes caught before running print no blank line; those found while running do', () => {
    const { run } = lab();
    expect(run('virsh frobnicate').stderr).toMatch(/^error: unknown command: 'frobnicate'\n/);
    expect(run('virsh start').stderr).toBe("error: command 'start' requires <domain> option\n");
    expect(run('virsh list --bogus').stderr).toBe("error: command 'list' doesn't support option --bogus\n");
    expect(run('virsh dominfo --domain').stderr).toBe('error: expected syntax: --domain <string>\n');
    expect(run('virsh undefine ghost').stderr).toBe("error: failed to get domain 'ghost'\n\n");
  });
});

describe('virsh returns when the real one returns', () => {
  it('start returns once QEMU runs (the guest still booting); from a managed save, once the memory is loaded', () => {
    const { sim, run } = lab();
    run('virt-install --name app --memory 4096 --disk size=5 --os-variant debian12 --import --noautoconsole');
    sim.advance(120_000);
    run('virsh destroy app');
    let t = sim.now;
    expect(run('virsh start app').stdout).toBe("Domain 'app' started\n\n");
    expect(sim.now).toBe(t);
    expect(sim.workload('app')!.state).toBe('booting');
    sim.advance(120_000);
    t = sim.now;
    // managedsave watches the save job: KVM writes the memory in 5-15 s here.
    expect(run('virsh managedsave app').stdout).toBe("\nDomain 'app' state saved by libvirt\n\n");
    expect(sim.now - t).toBeGreaterThanOrEqual(5000);
    expect(sim.workload('app')!.state).toBe('suspended');
    t = sim.now;
    expect(run('virsh start app').stdout).toBe("Domain 'app' started\n\n");
    expect(sim.now - t).toBeGreaterThanOrEqual(2000);
    expect(sim.workload('app')!.state).toBe('running');
  });

  it('shutdown and reboot return at once: the guest gets there afterwards', () => {
    const { sim, run } = lab();
    run('virt-install --name app --memory 4096 --disk size=5 --os-variant debian12 --import --noautoconsole');
    sim.advance(120_000);
    const t = sim.now;
    expect(run('virsh shutdown app').stdout).toBe("Domain 'app' is being shutdown\n\n");
    expect(sim.now).toBe(t);
    expect(run('virsh list --all').stdout).toContain(' 1    app    in shutdown\n');
  });

  it('migrate waits for the migration; --verbose ends its progress line at 100 %', () => {
    const { sim, run } = lab();
    run('virt-install --name app --memory 4096 --disk size=5 --os-variant debian12 --import --noautoconsole --connect qemu+ssh://kvm-01/system');
    sim.advance(120_000);
    // Its disk is in kvm-01's own default pool: QEMU on kvm-02 cannot open it (libvirt storage_source.c's words)
    // unless the disk is copied along.
    expect(run('virsh migrate --live app qemu+ssh://kvm-02/system').stderr).toBe(
      "error: Cannot access storage file '/var/lib/libvirt/images/app.qcow2' (as uid:107, gid:107): No such file or directory\n\n",
    );
    const t = sim.now;
    const m = run('virsh migrate --live --copy-storage-all --verbose app qemu+ssh://kvm-02/system');
    expect([m.exitCode, m.stdout, m.stderr]).toEqual([0, '', 'Migration: [100 %]\n']);
    expect(sim.now).toBeGreaterThan(t);
    expect(sim.workload('app')!.host).toBe('kvm-02');
    expect(run('virsh migrate --live app qemu+ssh://kvm-09/system').stderr).toBe(
      'error: End of file while reading data: ssh: Could not resolve hostname kvm-09: Name or service not known: Input/output error\n\n',
    );
  });
});

describe('a live migration QEMU cannot converge', () => {
  /** A 64 GiB guest at full load dirties ~3.3 GiB/s; 10 GbE at 80% moves ~0.95 GiB/s. */
  function busy() {
    const l = lab();
    l.run(
      'virt-install --name big --memory 65536 --vcpus 8 --disk pool=nfs,size=20 --os-variant debian12 --import --noautoconsole --connect qemu+ssh://kvm-01/system',
    );
    l.sim.setLoad('big', 1);
    l.sim.advance(120_000);
    return l;
  }

  it('keeps going: virsh migrate keeps waiting, the domain keeps its claim on both hosts, domjobinfo shows the passes', () => {
    const { sim, kvm, run } = busy();
    const first = kvm.exec(['virsh', 'migrate', '--live', 'big', 'qemu+ssh://kvm-02/system']);
    expect(first.blocking).toBeDefined();
    sim.advance(3 * 3_600_000);
    expect(first.blocking!.done()).toBe(false);
    expect(sim.workload('big')!.state).toBe('migrating');
    expect(sim.host('kvm-02')!.allocated.memoryMiB).toBeGreaterThanOrEqual(65536);
    const info = run('virsh domjobinfo big').stdout;
    expect(info).toMatch(/^Job type: {9}Unbounded {3}\nOperation: {8}Outgoing migration\nTime elapsed: {5}\d+ +ms\n/);
    expect(Number(/Iteration: +(\d+)/.exec(info)![1])).toBeGreaterThan(100);
    expect(info).toContain('Memory total:     64.000 GiB\n');
    expect(info).not.toContain('Auto converge throttle');
  });

  it('domjobabort calls it off: migrate then fails as libvirt says, the domain runs on where it was', () => {
    const { sim, kvm, run } = busy();
    const first = kvm.exec(['virsh', 'migrate', '--live', 'big', 'qemu+ssh://kvm-02/system']);
    sim.advance(600_000);
    expect(run('virsh domjobabort big').stdout).toBe('\n');
    expect(first.blocking!.done()).toBe(true);
    expect(first.blocking!.answer().stderr).toBe('error: operation aborted: migration out job: canceled by client\n\n');
    expect(sim.workload('big')!.state).toBe('running');
    expect(sim.workload('big')!.host).toBe('kvm-01');
    expect(sim.host('kvm-02')!.allocated.memoryMiB).toBe(0);
    expect(run('virsh domjobabort big').stderr).toBe('error: Requested operation is not valid: no job is active on the domain\n\n');
  });

  it('converges once the guest slows down', () => {
    const { sim, kvm } = busy();
    const first = kvm.exec(['virsh', 'migrate', '--live', 'big', 'qemu+ssh://kvm-02/system']);
    sim.advance(3_600_000);
    sim.setLoad('big', 0);
    sim.advance(3_600_000);
    expect(first.blocking!.done()).toBe(true);
    expect(sim.workload('big')!.host).toBe('kvm-02');
  });

  it('--auto-converge throttles the guest until it does; --timeout pauses it after N s', () => {
    const auto = busy();
    const t = auto.sim.now;
    expect(auto.run('virsh migrate --live --auto-converge big qemu+ssh://kvm-02/system').exitCode).toBe(0);
    expect(auto.sim.workload('big')!.host).toBe('kvm-02');
    expect(auto.sim.now - t).toBeLessThan(3_600_000);
    const timed = busy();
    const u = timed.sim.now;
    expect(timed.run('virsh migrate --live --timeout 120 big qemu+ssh://kvm-02/system').exitCode).toBe(0);
    expect(timed.sim.workload('big')!.host).toBe('kvm-02');
    expect(timed.sim.now - u).toBeLessThan(600_000);
  });

  it("a shutdown waits 30 s for the migration's lock, then fails; destroy is let through and ends the migration", () => {
    const { sim, kvm, run } = busy();
    const first = kvm.exec(['virsh', 'migrate', '--live', 'big', 'qemu+ssh://kvm-02/system']);
    sim.advance(60_000);
    const t = sim.now;
    const down = run('virsh shutdown big');
    expect(sim.now - t).toBe(30_000);
    expect(down.stderr).toBe(
      "error: Failed to shutdown domain 'big'\nerror: Timed out during operation: cannot acquire state change lock (held by monitor=remoteDispatchDomainMigratePerform3Params)\n\n",
    );
    expect(run('virsh destroy big').stdout).toBe("Domain 'big' destroyed\n\n");
    expect(first.blocking!.done()).toBe(true);
    expect(first.blocking!.answer().stderr).toBe('error: Requested operation is not valid: domain is not running\n\n');
  });

  it('is saved mid-flight and carries on after a load', () => {
    const estate = defaultEstate(1);
    const kvmHosts = estate.providers.kvm.hosts().map((h) => h.id);
    expect(
      runLine(
        estate,
        `virt-install --name big --memory 65536 --vcpus 8 --disk size=20 --os-variant debian12 --import --noautoconsole --connect qemu+ssh://${kvmHosts[0]}/system`,
      ).exitCode,
    ).toBe(0);
    estate.sim.setLoad('big', 1);
    estate.sim.advance(120_000);
    estate.providers.exec(`virsh migrate --live --copy-storage-all big qemu+ssh://${kvmHosts[1]}/system`);
    estate.sim.advance(1_800_000);
    const file = join(mkdtempSync(join(tmpdir(), 'hyperpane-virsh-')), 'lab.json');
    const saved = saveEstate(estate, file);
    expect(saved.ok, saved.ok ? '' : saved.message).toBe(true);
    const back = loadEstate(file);
    if (!back.ok) throw new Error(back.error.message);
    expect(back.value.sim.workload('big')!.state).toBe('migrating');
    back.value.sim.setLoad('big', 0);
    back.value.sim.advance(3_600_000);
    expect(back.value.sim.workload('big')!.host).toBe(kvmHosts[1]);
  });
});
