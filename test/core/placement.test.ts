import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/core/simulation.js';
import { gib, vcpu } from '../../src/core/units.js';
import { cluster, must, vm } from './fixtures.js';

const request = (cpus: number, memGiB: number, policy: 'first-fit' | 'best-fit' | 'spread' | 'balanced') => ({
  platform: 'kvm' as const,
  amounts: [vcpu(cpus), gib(memGiB), gib(10)] as const,
  policy,
});

describe('placement policies', () => {
  // h1 is the most loaded, h3 the least; h2 is loaded on CPU only.
  function loaded() {
    const sim = cluster([{ id: 'h1' }, { id: 'h2' }, { id: 'h3' }]);
    must(sim.createWorkload(vm('a', 8, 32, { host: 'h1' })));
    must(sim.createWorkload(vm('b', 8, 4, { host: 'h2' })));
    return sim;
  }

  it('first-fit takes the first host in stable order that fits', () => {
    const sim = loaded();
    const out = sim.place(request(2, 4, 'first-fit'));
    expect(out.ok && sim.hosts.records[out.host].id).toBe('h1');
    const big = sim.place(request(2, 40, 'first-fit'));
    expect(big.ok && sim.hosts.records[big.host].id).toBe('h2');
  });

  it('best-fit (MostAllocated) packs onto the fullest host', () => {
    const sim = loaded();
    const out = sim.place(request(2, 4, 'best-fit'));
    expect(out.ok && sim.hosts.records[out.host].id).toBe('h1');
    // 100 x mean((8+2)/16, (32+4)/64)
    expect(out.ok && out.score).toBe(Math.round(100 * ((10 / 16 + 36 / 64) / 2)));
  });

  it('spread (LeastAllocated) picks the emptiest host', () => {
    const sim = loaded();
    const out = sim.place(request(2, 4, 'spread'));
    expect(out.ok && sim.hosts.records[out.host].id).toBe('h3');
    expect(out.ok && out.score).toBe(Math.round(100 * (1 - (2 / 16 + 4 / 64) / 2)));
  });

  it('balanced picks the host whose CPU and memory fractions end up closest', () => {
    const sim = loaded();
    // On h2 (8/16 CPU, 4/64 memory), a memory-heavy request evens it out: (8+1)/16 vs (4+28)/64.
    const out = sim.place(request(1, 28, 'balanced'));
    expect(out.ok && sim.hosts.records[out.host].id).toBe('h2');
    expect(out.ok && out.score).toBe(Math.round(100 * (1 - Math.abs(9 / 16 - 32 / 64) / 2)));
  });

  it('scores 100 for balanced when the fractions are equal', () => {
    const sim = cluster([{ id: 'h1' }]);
    const out = sim.place(request(4, 16, 'balanced'));
    expect(out.ok && out.score).toBe(100);
  });
});

describe('placement filters and reasons', () => {
  it('explains every host when nothing fits, in the words the UI shows', () => {
    const sim = cluster([{ id: 'esx-01' }, { id: 'esx-02' }, { id: 'esx-03', memGiB: 16 }]);
    must(sim.setHostState('esx-02', 'maintenance'));
    must(sim.createWorkload(vm('w', 1, 10, { host: 'esx-03' })));
    const out = sim.place({ ...request(2, 8, 'spread'), hosts: ['esx-02', 'esx-03'] });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    const byHost = Object.fromEntries(out.rejections().map((r) => [r.host, r.reasons.map((x) => x.message)]));
    expect(byHost['esx-01']).toEqual(['esx-01 is not among the requested hosts']);
    expect(byHost['esx-02']).toEqual(['esx-02 is in maintenance mode']);
    expect(byHost['esx-03']).toEqual(['Insufficient memory: needs 8 GiB, esx-03 has 6 GiB free']);
    // kube-scheduler's kind of summary (FitError.Error): counts of each reason, most common first.
    expect(out.message).toBe(
      'No host can take 2 vCPU, 8 GiB memory, 10 GiB disk: 0/3 hosts are available: 1 has too little memory (needs 8 GiB, ' +
        'most free 6 GiB on esx-03), 1 is in maintenance mode, 1 is outside the requested scope',
    );
  });

  it('names the earliest host in the stable order when several have the most free', () => {
    // Hosts added out of order: the stable order (by id within a cluster) decides, not the order they came in.
    const sim = cluster([{ id: 'h3' }, { id: 'h1' }, { id: 'h2' }]);
    for (const h of ['h3', 'h1', 'h2']) must(sim.createWorkload(vm(`w-${h}`, 12, 8, { host: h })));
    const out = sim.place(request(8, 4, 'first-fit'));
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.message).toContain('3 have too little CPU (needs 8 vCPU, most free 4 vCPU on h1)');
  });

  it('takes sites, clusters and hosts in their natural order, not the order they were added in', () => {
    const sim = new Simulation();
    // Added in orders that are not their own inverses, so a sort confused with its ranks shows too.
    for (const site of ['dc-10', 'dc-2', 'dc-9']) must(sim.addSite({ id: site, kind: 'datacenter' }));
    for (const [id, site] of [
      ['c-10', 'dc-9'],
      ['c-9', 'dc-9'],
      ['c-1', 'dc-10'],
      ['c-2', 'dc-2'],
    ])
      must(sim.addCluster({ id, site, platform: 'kvm' }));
    for (const [id, cluster] of [
      ['h-1', 'c-1'],
      ['h-10', 'c-9'],
      ['h-9', 'c-9'],
      ['h-2', 'c-10'],
      ['h-3', 'c-2'],
    ])
      must(sim.addHost({ id, cluster, cores: 8, memoryMiB: gib(32), storageMiB: gib(100) }));
    // dc-2, dc-9, dc-10; in dc-9, c-9 before c-10; in c-9, h-9 before h-10.
    const hosts = ['a', 'b', 'c', 'd', 'e'].map((id) => {
      const out = sim.place(request(8, 32, 'first-fit'));
      if (!out.ok) throw new Error(out.message);
      must(sim.createWorkload(vm(id, 8, 32, { host: sim.hosts.records[out.host].id })));
      return sim.hosts.records[out.host].id;
    });
    expect(hosts).toEqual(['h-3', 'h-9', 'h-10', 'h-2', 'h-1']);
  });

  it('names the hypervisor a host runs when it is the wrong one', () => {
    const sim = new Simulation();
    must(sim.addSite({ id: 's', kind: 'datacenter' }));
    must(sim.addCluster({ id: 'v', site: 's', platform: 'vmware' }));
    must(sim.addHost({ id: 'esx-01', cluster: 'v', cores: 8, memoryMiB: gib(32), storageMiB: gib(100) }));
    const out = sim.place(request(1, 1, 'spread'));
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.rejections()[0].reasons[0].message).toBe('Incompatible hypervisor: esx-01 runs ESXi, the workload needs KVM');
  });

  it('never places on a failed or maintenance host', () => {
    const sim = cluster([{ id: 'h1' }, { id: 'h2' }]);
    must(sim.setHostState('h1', 'failed'));
    for (const policy of ['first-fit', 'best-fit', 'spread', 'balanced'] as const) {
      const out = sim.place(request(1, 1, policy));
      expect(out.ok && sim.hosts.records[out.host].id).toBe('h2');
    }
    must(sim.setHostState('h2', 'maintenance'));
    expect(sim.place(request(1, 1, 'spread')).ok).toBe(false);
    must(sim.setHostState('h2', 'connected'));
    expect(sim.place(request(1, 1, 'spread')).ok).toBe(true);
  });

  it('keeps anti-affinity members on different hosts and affinity members together', () => {
    const sim = cluster([{ id: 'h1' }, { id: 'h2' }, { id: 'h3' }]);
    const anti = ['a1', 'a2', 'a3'].map((id) => must(sim.createWorkload(vm(id, 1, 1, { placement: { policy: 'best-fit', antiAffinityGroup: 'web' } }))).host);
    expect(new Set(anti).size).toBe(3);
    const fourth = sim.createWorkload(vm('a4', 1, 1, { placement: { policy: 'best-fit', antiAffinityGroup: 'web' } }));
    expect(fourth.ok).toBe(false);
    // The per-host list, worked out when asked for.
    if (!fourth.ok)
      expect(sim.placer.lastRefusal!.rejections().flatMap((r) => r.reasons.map((x) => x.message))).toContain(
        'Anti-affinity group web: h1 already runs a member',
      );
    if (!fourth.ok) expect(fourth.error.message).toMatch(/0\/3 hosts are available: 3 break an anti-affinity rule$/);
    const together = ['b1', 'b2', 'b3'].map((id) => must(sim.createWorkload(vm(id, 1, 1, { placement: { policy: 'spread', affinityGroup: 'db' } }))).host);
    expect(new Set(together).size).toBe(1);
  });

  it('keeps a placement inside the requested cluster or site', () => {
    const sim = new Simulation();
    must(sim.addSite({ id: 'east', kind: 'datacenter' }));
    must(sim.addSite({ id: 'west', kind: 'datacenter' }));
    must(sim.addCluster({ id: 'e1', site: 'east', platform: 'kvm' }));
    must(sim.addCluster({ id: 'w1', site: 'west', platform: 'kvm' }));
    must(sim.addHost({ id: 'e-01', cluster: 'e1', cores: 8, memoryMiB: gib(32), storageMiB: gib(100) }));
    must(sim.addHost({ id: 'w-01', cluster: 'w1', cores: 64, memoryMiB: gib(512), storageMiB: gib(100) }));
    const east = sim.place({ ...request(1, 1, 'spread'), site: 'east' });
    expect(east.ok && sim.hosts.records[east.host].id).toBe('e-01');
    const west = sim.place({ ...request(1, 1, 'first-fit'), cluster: 'w1' });
    expect(west.ok && sim.hosts.records[west.host].id).toBe('w-01');
    const nowhere = sim.place({ ...request(1, 1, 'spread'), cluster: 'nope' });
    expect(nowhere.ok).toBe(false);
  });

  it('breaks ties by the stable host order, or by a seeded rotation that repeats for the same seed', () => {
    const ids = Array.from({ length: 16 }, (_, i) => ({ id: `h${i + 1}` }));
    const stable = cluster(ids).place(request(1, 1, 'spread'));
    expect(stable.ok && stable.host).toBe(0);
    const pick = (seed: number) => {
      const sim = cluster(ids, { seed });
      const out = sim.place({ ...request(1, 1, 'spread'), tieBreak: 'random' });
      return out.ok ? sim.hosts.records[out.host].id : undefined;
    };
    expect(pick(5)).toBe(pick(5));
    const picks = new Set([1, 2, 3, 4, 5, 6, 7, 8].map(pick));
    expect(picks.size).toBeGreaterThan(1);
  });
});
