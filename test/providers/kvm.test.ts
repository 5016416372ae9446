import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/core/simulation.js';
import { gib, tib } from '../../src/core/units.js';
import { tokenize } from '../../src/providers/cli/tokenize.js';
import { NOVA_ALLOCATION_RATIOS } from '../../src/providers/kvm/defaults.js';
import { KvmDriver } from '../../src/providers/kvm/driver.js';

function lab() {
  const sim = new Simulation({ seed: 4 });
  sim.addSite({ id: 'dc', kind: 'datacenter' });
  sim.addCluster({ id: 'lab', site: 'dc', platform: 'kvm' });
  const kvm = new KvmDriver(sim);
  for (const id of ['kvm-01', 'kvm-02']) sim.addHost(kvm.hostInput({ id, cluster: 'lab', cores: 16, memoryMiB: gib(64), storageMiB: tib(2) }));
  const run = (line: string) => {
    const t = tokenize(line);
    if (!t.ok) throw new Error(t.error);
    return kvm.exec(t.words);
  };
  return { sim, kvm, run };
}

describe('KVM driver defaults', () => {
  it("admits without limit, as plain libvirt does; a Nova-managed cluster gives its hosts Nova's ratios (cpu 4, ram 1, disk 1)", () => {
    const { sim, kvm } = lab();
    const h = sim.host('kvm-01')!;
    expect(h.ratios).toEqual({ cpu: Infinity, memory: Infinity, storage: 1 });
    expect(h.capacity).toEqual({ cpuMilli: Infinity, memoryMiB: Infinity, diskMiB: tib(2) });
    sim.addCluster({ id: 'nova', site: sim.topology.sites[0].id, platform: 'kvm', allocationRatios: NOVA_ALLOCATION_RATIOS });
    sim.addHost(kvm.hostInput({ id: 'nova-01', cluster: 'nova', cores: 16, memoryMiB: gib(64), storageMiB: tib(2) }));
    expect(sim.host('nova-01')!.ratios).toEqual({ cpu: 4, memory: 1, storage: 1 });
    expect(sim.host('nova-01')!.capacity).toEqual({ cpuMilli: 64_000, memoryMiB: gib(64) - 512, diskMiB: tib(2) });
  });
});

describe('virt-install and virsh', () => {
  it('defines a domain, lists it, and walks it through its lifecycle', () => {
    const { sim, run } = lab();
    const made = run(
      'virt-install --name lab-01 --memory 2048 --vcpus 2 --disk size=20 --os-variant debian12 --import --graphics none --noautoconsole --network bridge=br0',
    );
    expect(made.exitCode).toBe(0);
    expect(made.stdout).toContain('Domain creation completed.\n');
    // --network is simulated now: bridge=br0 puts the NIC on the site's LAN (virsh-network.test.ts).
    expect(made.stderr).toBe('');
    expect(sim.workload('lab-01')!.host).toBe('kvm-01');
    // virt-install defines the domain and starts it: it is running (its guest still booting).
    expect(run('virsh list').stdout).toBe(` Id   Name     State\n${'-'.repeat(5 + 9 + 10)}\n 1    lab-01   running\n\n`);
    expect(sim.workload('lab-01')!.state).toBe('booting');
    sim.advance(120_000);
    expect(run('virsh list').stdout).toBe(` Id   Name     State\n${'-'.repeat(5 + 9 + 10)}\n 1    lab-01   running\n\n`);
    expect(run('virsh shutdown lab-01').stdout).toBe("Domain 'lab-01' is being shutdown\n\n");
    expect(run('virsh list --all').stdout).toContain('lab-01   in shutdown');
    sim.advance(60_000);
    expect(run('virsh list --all').stdout).toContain(' -    lab-01   shut off');
    const again = run('virsh shutdown lab-01');
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toBe("error: Failed to shutdown domain 'lab-01'\nerror: Requested operation is not valid: domain is not running\n\n");
    expect(run('virsh start lab-01').stdout).toBe("Domain 'lab-01' started\n\n");
  });

  it("reports dominfo in virsh's layout", () => {
    const { sim, run } = lab();
    run('virt-install --name web --memory 4096 --vcpus 2 --disk size=20 --os-variant ubuntu24.04 --import --noautoconsole');
    sim.advance(120_000);
    const info = run('virsh dominfo web').stdout;
    expect(info).toMatch(/^Id: {13}1\nName: {11}web\nUUID: {11}[0-9a-f-]{36}\nOS Type: {8}hvm\nState: {10}running\nCPU\(s\): {9}2\n/);
    expect(info).toContain('Max memory:     4194304 KiB');
  });

  it('snapshots, lists, reverts and refuses to undefine a domain with snapshots', () => {
    const { sim, run } = lab();
    run('virt-install --name db --memory 1024 --vcpus 1 --disk size=10 --os-variant rhel9.4 --import --noautoconsole');
    sim.advance(120_000);
    expect(run('virsh snapshot-create-as db before-upgrade').stdout).toBe('Domain snapshot before-upgrade created\n');
    run('virsh snapshot-create-as db after-upgrade --description "patched"');
    // Sorted by name (virshSnapSorter), not in the order taken.
    const list = run('virsh snapshot-list db').stdout;
    expect(list).toBe(
      ' Name             Creation Time               State\n' +
        `${'-'.repeat(17 + 28 + 10)}\n` +
        ' after-upgrade    2026-01-01 00:02:00 +0000   running\n' +
        ' before-upgrade   2026-01-01 00:02:00 +0000   running\n\n',
    );
    expect(run('virsh snapshot-list db --tree').stdout).toBe('before-upgrade\n  |\n  +- after-upgrade\n    \n\n');
    expect(run('virsh snapshot-revert db before-upgrade').exitCode).toBe(0);
    run('virsh destroy db');
    expect(run('virsh undefine db').stderr).toBe(
      "error: Failed to undefine domain 'db'\nerror: Requested operation is not valid: cannot delete inactive domain with 2 snapshots\n\n",
    );
    expect(run('virsh undefine db --snapshots-metadata').stdout).toBe("Domain 'db' has been undefined\n\n");
    expect(run('virsh list --all').stdout).not.toContain('db');
  });

  it('migrates live to another host', () => {
    const { sim, run } = lab();
    run('virt-install --name app --memory 2048 --vcpus 2 --disk size=10 --os-variant debian12 --import --noautoconsole --connect qemu:///system');
    sim.advance(120_000);
    const m = run('virsh migrate --live --copy-storage-all app qemu+ssh://kvm-02/system --verbose');
    expect(m.exitCode).toBe(0);
    expect(m.blocking).toBeDefined();
    sim.advance(60_000);
    expect(m.blocking!.done()).toBe(true);
    expect(m.blocking!.answer().stderr).toBe('Migration: [100 %]\n');
    expect(sim.workload('app')!.host).toBe('kvm-02');
  });

  it("answers mistakes in virsh's words, with a hint", () => {
    const { run } = lab();
    expect(run('virsh frobnicate').stderr).toMatch(/^error: unknown command: 'frobnicate'\nhint: this simulation's virsh knows: list, start, /);
    expect(run('virsh start').stderr).toBe("error: command 'start' requires <domain> option\n");
    expect(run('virsh start nope').stderr).toBe("error: failed to get domain 'nope'\n\n");
    expect(run('virsh list --bogus').stderr).toBe("error: command 'list' doesn't support option --bogus\n");
    expect(run('virt-install --name x --memory 512 --disk size=1 --import').stderr).toContain('--os-variant/--osinfo OS name is required');
    expect(run('virt-install --name x --memory lots --disk size=1 --import --os-variant generic').exitCode).toBe(2);
  });
});
