// One contract, five drivers: what every provider must do the same way.
import { describe, expect, it } from 'vitest';
import type { Platform } from '../../src/core/model.js';
import { gib, tib } from '../../src/core/units.js';
import { Estate } from '../../src/estate/estate.js';
import { CAPABILITIES } from '../../src/providers/capabilities.js';
import type { CreateRequest, Provider } from '../../src/providers/provider.js';

interface Fixture {
  platform: Platform;
  /** Builds an estate with two hosts (or a region) for this driver. */
  setup(e: Estate): void;
  small: CreateRequest;
  /** Something the estate cannot take: capacity or quota. */
  tooBig: CreateRequest;
  /** The id the small workload gets. */
  id: string;
}

const FIXTURES: Fixture[] = [
  {
    platform: 'vmware',
    setup: (e) => {
      e.sim.addSite({ id: 'dc', kind: 'datacenter' });
      e.sim.addCluster({ id: 'c', site: 'dc', platform: 'vmware' });
      for (const id of ['esx-01', 'esx-02'])
        e.sim.addHost(e.providers.vmware.hostInput({ id, cluster: 'c', cores: 16, memoryMiB: gib(64), storageMiB: tib(2) }));
    },
    small: { name: 'web', vcpus: 2, memoryMiB: gib(4), diskGiB: 20, image: 'ubuntu64Guest' },
    // ESXi powers on a VM beyond physical memory (admission counts reservations); a disk needs the datastore's space.
    tooBig: { name: 'huge', vcpus: 2, memoryMiB: gib(4), diskGiB: 100 * 1024 },
    id: 'web',
  },
  {
    platform: 'hyperv',
    setup: (e) => {
      e.sim.addSite({ id: 'dc', kind: 'datacenter' });
      e.sim.addCluster({ id: 'c', site: 'dc', platform: 'hyperv' });
      for (const id of ['hv-01', 'hv-02']) e.sim.addHost(e.providers.hyperv.hostInput({ id, cluster: 'c', cores: 16, memoryMiB: gib(64), storageMiB: tib(2) }));
    },
    small: { name: 'web', vcpus: 2, memoryMiB: gib(4), diskGiB: 40, powerOn: true },
    tooBig: { name: 'huge', vcpus: 2, memoryMiB: gib(1024), powerOn: true },
    id: 'web',
  },
  {
    platform: 'kvm',
    setup: (e) => {
      e.sim.addSite({ id: 'dc', kind: 'datacenter' });
      e.sim.addCluster({ id: 'c', site: 'dc', platform: 'kvm' });
      for (const id of ['kvm-01', 'kvm-02']) e.sim.addHost(e.providers.kvm.hostInput({ id, cluster: 'c', cores: 16, memoryMiB: gib(64), storageMiB: tib(2) }));
    },
    small: { name: 'web', vcpus: 2, memoryMiB: gib(4), diskGiB: 20, image: 'debian12' },
    // Plain libvirt admits any memory (QEMU backs it on touch); a disk image needs the pool's space.
    tooBig: { name: 'huge', vcpus: 2, memoryMiB: gib(4), diskGiB: 100 * 1024 },
    id: 'web',
  },
  {
    platform: 'docker',
    setup: (e) => {
      e.sim.addSite({ id: 'dc', kind: 'datacenter' });
      e.sim.addCluster({ id: 'c', site: 'dc', platform: 'docker' });
      for (const id of ['docker-01', 'docker-02']) e.sim.addHost({ id, cluster: 'c', cores: 8, memoryMiB: gib(32), storageMiB: tib(1) });
    },
    small: { name: 'web', image: 'nginx:1.27', memoryMiB: 256 },
    // Docker admits anything that fits its CPU count: ask for more CPUs than the host has.
    tooBig: { name: 'huge', image: 'nginx:1.27', vcpus: 64 },
    id: 'docker-01/web',
  },
  {
    platform: 'azure',
    setup: (e) => {
      e.providers.azure.createGroup('rg', 'westeurope');
      e.sim.quotas.define('westeurope/standardESv5Family', 'Standard ESv5 Family vCPUs in westeurope', 2);
    },
    small: { name: 'web', group: 'rg', size: 'Standard_B2s', image: 'Ubuntu2404' },
    tooBig: { name: 'huge', group: 'rg', size: 'Standard_E4s_v5', image: 'Ubuntu2404' },
    id: 'rg/web',
  },
];

function estateFor(f: Fixture, seed = 11): { estate: Estate; provider: Provider } {
  const estate = new Estate({ seed });
  f.setup(estate);
  return { estate, provider: estate.providers.get(f.platform) };
}

/** Moves the clock on until the workload settles (no transition in flight). */
function settle(estate: Estate, id: string): void {
  for (let i = 0; i < 60 && estate.sim.workload(id)?.target !== undefined; i++) estate.sim.advance(10_000);
}

describe.each(FIXTURES)('the $platform driver keeps the provider contract', (f) => {
  it('creates a workload that shows in its inventory, on one of its hosts, with events', () => {
    const { estate, provider } = estateFor(f);
    const r = provider.create(f.small);
    expect(r.ok, !r.ok ? r.error.message : '').toBe(true);
    settle(estate, f.id);
    const w = provider.workload(f.id);
    expect(w).toBeDefined();
    expect(w!.platform).toBe(f.platform);
    expect(provider.workloads().map((x) => x.id)).toContain(f.id);
    expect(typeof w!.nativeState).toBe('string');
    expect(estate.sim.log.all().some((e) => e.subjectId === f.id)).toBe(true);
  });

  it('starts, stops and deletes, freeing what the workload held', () => {
    const { estate, provider } = estateFor(f);
    provider.create(f.small);
    settle(estate, f.id);
    if (provider.workload(f.id)!.state !== 'running') expect(provider.perform(f.id, 'start').ok).toBe(true);
    settle(estate, f.id);
    expect(provider.workload(f.id)!.state).toBe('running');
    const stop = provider.perform(f.id, 'stop');
    expect(stop.ok).toBe(true);
    if (stop.ok) expect(stop.value.steps.length).toBeGreaterThan(0);
    settle(estate, f.id);
    expect(provider.workload(f.id)!.state).toBe('stopped');
    expect(provider.perform(f.id, 'delete').ok).toBe(true);
    expect(provider.workload(f.id)).toBeUndefined();
    expect(estate.sim.ledger.liveClaims).toBe(0);
  });

  it("offers only capabilities it supports, and only those the workload's state allows", () => {
    const { estate, provider } = estateFor(f);
    provider.create(f.small);
    settle(estate, f.id);
    const now = provider.capabilities(f.id);
    for (const c of now) {
      expect(provider.supported).toContain(c.id);
      expect(c).toEqual(CAPABILITIES[c.id]);
    }
    const state = provider.workload(f.id)!.state;
    if (state === 'running') expect(now.map((c) => c.id)).not.toContain('start');
    expect(provider.nativeCommand(f.id, 'delete')).toMatch(new RegExp(`^(${provider.commands.map((c) => c.replace(/[-]/g, '\\-')).join('|')})\\b`));
  });

  it('takes and reverts a snapshot where it supports them, and refuses where it does not', () => {
    const { estate, provider } = estateFor(f);
    provider.create(f.small);
    settle(estate, f.id);
    const r = provider.perform(f.id, 'snapshot', { snapshot: 'first' });
    if (!provider.supported.includes('snapshot')) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('unsupported');
      return;
    }
    expect(r.ok, !r.ok ? r.error.message : '').toBe(true);
    expect(provider.perform(f.id, 'revert', { snapshot: 'first' }).ok).toBe(true);
    expect(estate.sim.snapshots.of(estate.sim.workloads.indexOf(f.id)!).list.map((s) => s.name)).toEqual(['first']);
  });

  it('refuses what the estate cannot take, with a sentence, and changes nothing', () => {
    const { estate, provider } = estateFor(f);
    provider.create(f.small);
    const before = estate.sim.ledger.liveClaims;
    const r = provider.create(f.tooBig);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(['insufficient-capacity', 'quota-exceeded', 'admission-control', 'invalid-input']).toContain(r.error.code);
      expect(r.error.message.length).toBeGreaterThan(20);
    }
    expect(estate.sim.ledger.liveClaims).toBe(before);
    expect(provider.workload(f.tooBig.name)).toBeUndefined();
  });

  it('answers the same way for the same seed and the same commands', () => {
    const run = () => {
      const { estate, provider } = estateFor(f, 5);
      provider.create(f.small);
      estate.sim.advance(200_000);
      provider.perform(f.id, 'restart');
      estate.sim.advance(200_000);
      return JSON.stringify({ w: provider.workloads(), log: estate.sim.log.all() });
    };
    expect(run()).toBe(run());
  });

  it("answers an unknown command in its platform's words, never with a crash", () => {
    const { provider } = estateFor(f);
    const r = provider.exec([provider.commands[0], 'definitely-not-a-subcommand']);
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr.length).toBeGreaterThan(10);
  });
});
