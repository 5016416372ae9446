// Properties of placement, checked against an exhaustive reference: the index
// must choose exactly the host a scan of every host would choose.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCloudPool, PLACEMENT_POLICIES, type PlacementPolicy } from '../../src/core/model.js';
import { compareHosts, type PlacementRequest } from '../../src/core/placement/placer.js';
import { countReason, describeAmounts, emptyCounts, type HostRejection, noteHa, type RefusalCounts, summarize } from '../../src/core/placement/reasons.js';
import { hostScore, inverse, score, term, usedFraction } from '../../src/core/placement/score.js';
import { Prng } from '../../src/core/prng.js';
import { Simulation, type WorkloadInput } from '../../src/core/simulation.js';
import { gib, vcpu } from '../../src/core/units.js';
import { must } from './fixtures.js';

interface HostGen {
  cluster: number;
  cores: number;
  memGiB: number;
  diskGiB: number;
  ratio: number;
  state: 'connected' | 'maintenance' | 'failed';
}

const CLUSTERS = [
  { id: 'east-a', site: 'east', platform: 'kvm' as const },
  { id: 'east-b', site: 'east', platform: 'kvm' as const },
  { id: 'west-a', site: 'west', platform: 'kvm' as const },
  { id: 'west-v', site: 'west', platform: 'vmware' as const },
];

function build(hosts: HostGen[], order: number[], haPct: number): Simulation {
  const sim = new Simulation({ seed: 3 });
  // Sites and clusters added against their natural order, in orders that are not their own inverses:
  // the stable order follows neither the order they were added in nor a mix-up of a sort with its ranks.
  for (const id of ['north', 'west', 'east']) must(sim.addSite({ id, kind: 'datacenter' }));
  for (const c of [CLUSTERS[2], CLUSTERS[1], CLUSTERS[3], CLUSTERS[0]])
    must(sim.addCluster({ ...c, ha: c.id === 'east-b' && haPct > 0 ? { kind: 'percentage', cpuPct: haPct, memoryPct: haPct } : undefined }));
  for (const i of order) {
    const h = hosts[i];
    must(
      sim.addHost({
        id: `host-${i}`,
        cluster: CLUSTERS[h.cluster].id,
        cores: h.cores,
        memoryMiB: gib(h.memGiB),
        storageMiB: gib(h.diskGiB),
        ratios: { cpu: h.ratio },
      }),
    );
  }
  for (const i of order) if (hosts[i].state !== 'connected') must(sim.setHostState(`host-${i}`, hosts[i].state));
  return sim;
}

/** Hosts in the stable order, as placer.ts defines it. */
const orders = new WeakMap<Simulation, number[]>();
function stableOrder(sim: Simulation): number[] {
  let order = orders.get(sim);
  if (order) return order;
  order = sim.hosts.records.map((r) => r.index).sort((a, b) => compareHosts(sim, a, b));
  orders.set(sim, order);
  return order;
}

/**
 * A refusal's summary counted the long way, from every host's reasons in the
 * stable order: hosts per reason, and per resource the most free among hosts
 * refused for resources alone (the earliest on a tie).
 */
function countRejections(sim: Simulation, rejections: readonly HostRejection[]): RefusalCounts {
  const counts = emptyCounts();
  const byId = new Map(rejections.map((r) => [r.host, r.reasons]));
  const others = sim.hosts.records.filter((r) => !stableOrder(sim).includes(r.index));
  for (const h of [...stableOrder(sim), ...others.map((r) => r.index)]) {
    const reasons = byId.get(sim.hosts.records[h].id);
    if (!reasons) continue;
    counts.total++;
    const kinds = new Set(reasons.map((x) => x.kind));
    for (const k of kinds) countReason(counts, k);
    const ha = reasons.find((x) => x.kind === 'ha-admission');
    if (ha) noteHa(counts, sim.hosts.records[h].clusterIndex, () => ha.message);
    const short = [...kinds].map((k) => INSUFFICIENT.indexOf(k));
    if (short.includes(-1)) continue;
    for (const r of short) {
      const free = sim.ledger.free(h, r);
      const most = counts.mostFree[r];
      if (!most || free > most.free) counts.mostFree[r] = { free, host: sim.hosts.records[h].id };
    }
  }
  return counts;
}

const INSUFFICIENT: string[] = ['insufficient-cpu', 'insufficient-memory', 'insufficient-disk'];

/** The exhaustive reference: every host, every filter, the best score, ties to the stable order. */
function reference(sim: Simulation, req: PlacementRequest): { host: number; score: number } | undefined {
  const { hosts, ledger, topology } = sim;
  const ordered = stableOrder(sim).filter((h) => hosts.records[h].platform === req.platform);
  let best: { host: number; score: number } | undefined;
  for (const h of ordered) {
    const r = hosts.records[h];
    if (!hosts.isConnected(h)) continue;
    if (req.site && topology.sites[r.siteIndex].id !== req.site) continue;
    if (req.cluster && topology.clusters[r.clusterIndex].id !== req.cluster) continue;
    if (req.excludeHosts?.includes(h)) continue;
    if (req.antiAffinityGroup && (sim.groups.hostsOf(req.antiAffinityGroup)?.get(h) ?? 0) > 0) continue;
    if (!ledger.fits(h, req.amounts)) continue;
    if (req.powerOn && sim.ha.refusal(r.clusterIndex, req.amounts)) continue;
    const s = hostScore(req.policy, ledger.used(h, 0), ledger.scale(h, 0), ledger.used(h, 1), ledger.scale(h, 1), req.amounts[0], req.amounts[1]);
    if (!best || s > best.score) best = { host: h, score: s };
  }
  return best;
}

const hostGen: fc.Arbitrary<HostGen> = fc.record({
  cluster: fc.integer({ min: 0, max: CLUSTERS.length - 1 }),
  cores: fc.integer({ min: 1, max: 64 }),
  memGiB: fc.integer({ min: 1, max: 256 }),
  diskGiB: fc.integer({ min: 10, max: 2000 }),
  ratio: fc.constantFrom(1, 2, 4),
  state: fc.constantFrom('connected', 'connected', 'connected', 'connected', 'maintenance', 'failed'),
});

const workloadGen = fc.record({
  cpus: fc.integer({ min: 1, max: 16 }),
  memGiB: fc.integer({ min: 1, max: 64 }),
  diskGiB: fc.integer({ min: 1, max: 200 }),
  policy: fc.constantFrom(...PLACEMENT_POLICIES),
  group: fc.constantFrom(undefined, 'g1', 'g2'),
});

const queryGen = fc.record({
  cpus: fc.integer({ min: 1, max: 32 }),
  memGiB: fc.integer({ min: 1, max: 128 }),
  diskGiB: fc.integer({ min: 1, max: 500 }),
  policy: fc.constantFrom(...PLACEMENT_POLICIES),
  scope: fc.constantFrom<{ site?: string; cluster?: string }>({}, { site: 'east' }, { site: 'west' }, { cluster: 'east-b' }, { cluster: 'west-a' }),
  anti: fc.constantFrom(undefined, 'g1', 'g2'),
  exclude: fc.array(fc.nat({ max: 40 }), { maxLength: 3 }),
  powerOn: fc.boolean(),
  platform: fc.constantFrom('kvm' as const, 'kvm' as const, 'vmware' as const),
});

function preload(sim: Simulation, workloads: { cpus: number; memGiB: number; diskGiB: number; policy: PlacementPolicy; group: string | undefined }[]) {
  workloads.forEach((w, i) => {
    sim.createWorkload({
      id: `w${i}`,
      platform: i % 5 === 4 ? 'vmware' : 'kvm',
      cpuMilli: vcpu(w.cpus),
      memoryMiB: gib(w.memGiB),
      diskMiB: gib(w.diskGiB),
      initialState: 'running',
      placement: { policy: w.policy, antiAffinityGroup: w.group },
    });
  });
}

describe('placement properties', () => {
  it('chooses exactly what an exhaustive scan chooses, passing every filter; fails only when no host passes', () => {
    fc.assert(
      fc.property(
        fc.array(hostGen, { minLength: 1, maxLength: 40 }),
        fc.array(workloadGen, { maxLength: 60 }),
        fc.array(queryGen, { minLength: 1, maxLength: 5 }),
        fc.constantFrom(0, 25, 60),
        (hosts, workloads, queries, ha) => {
          const sim = build(
            hosts,
            hosts.map((_, i) => i),
            ha,
          );
          preload(sim, workloads);
          for (const q of queries) {
            const req: PlacementRequest = {
              platform: q.platform,
              amounts: [vcpu(q.cpus), gib(q.memGiB), gib(q.diskGiB)],
              policy: q.policy,
              ...q.scope,
              antiAffinityGroup: q.anti,
              excludeHosts: q.exclude,
              powerOn: q.powerOn,
            };
            const got = sim.place(req);
            const want = reference(sim, req);
            if (!want) {
              expect(got.ok).toBe(false);
              if (!got.ok) {
                // Every host of the request's kind (a cloud pool is no host to a VM) has at least one reason, and it is a sentence.
                const considered = sim.hosts.records.filter((r) => isCloudPool(r.platform) === isCloudPool(req.platform));
                const rejections = got.rejections();
                expect(rejections.map((r) => r.host).sort()).toEqual(considered.map((r) => r.id).sort());
                for (const r of rejections) for (const reason of r.reasons) expect(reason.message.length).toBeGreaterThan(5);
                // The summary counts what the per-host list says, host by host.
                expect(got.message).toContain(`0/${considered.length} host`);
                // Counted from the index, it says exactly what counting the per-host list says.
                expect(got.message).toBe(`No host can take ${describeAmounts(req.amounts)}: ${summarize(countRejections(sim, rejections), req.amounts)}`);
              }
            } else {
              expect(got.ok).toBe(true);
              if (got.ok) {
                expect(sim.hosts.records[got.host].id).toBe(sim.hosts.records[want.host].id);
                expect(got.score).toBe(want.score);
                expect(got.score).toBeGreaterThanOrEqual(0);
                expect(got.score).toBeLessThanOrEqual(100);
              }
            }
            // With a seeded tie-break the host may differ, but never its score.
            const random = sim.place({ ...req, tieBreak: 'random' });
            expect(random.ok).toBe(got.ok);
            if (random.ok && got.ok) expect(random.score).toBe(got.score);
            // A request for named hosts is counted host by host: its summary says the same as every host's reasons.
            const named = sim.place({ ...req, hosts: sim.hosts.records.filter((_, i) => i % 3 === q.exclude.length % 3).map((r) => r.id) });
            if (!named.ok)
              expect(named.message).toBe(
                `No host can take ${describeAmounts(req.amounts)}: ${summarize(countRejections(sim, named.rejections()), req.amounts)}`,
              );
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('matches the exhaustive scan on a large estate as it fills up', () => {
    // Clusters of a few host models each, as real clusters are bought.
    const rng = new Prng(11);
    const models = [
      { cores: 16, memGiB: 128, ratio: 4 },
      { cores: 32, memGiB: 256, ratio: 2 },
      { cores: 48, memGiB: 384, ratio: 4 },
      { cores: 64, memGiB: 512, ratio: 1 },
    ];
    const hosts: HostGen[] = Array.from({ length: 3000 }, (_, i) => {
      const cluster = Math.floor(i / 1000);
      const m = models[(cluster + (rng.next() < 0.8 ? 0 : 1)) % models.length];
      return { cluster, ...m, diskGiB: 4000, state: rng.next() < 0.05 ? 'maintenance' : 'connected' };
    });
    const sim = build(
      hosts,
      hosts.map((_, i) => i),
      0,
    );
    for (let i = 0; i < 3000; i++) {
      const policy = PLACEMENT_POLICIES[i % 4];
      const req: PlacementRequest = { platform: 'kvm', amounts: [vcpu(rng.int(1, 16)), gib(rng.int(1, 64)), gib(50)], policy };
      const got = sim.place(req);
      const want = reference(sim, req);
      expect(got.ok ? got.host : -1).toBe(want ? want.host : -1);
      if (got.ok)
        must(
          sim.createWorkload({
            id: `big-${i}`,
            platform: 'kvm',
            cpuMilli: req.amounts[0],
            memoryMiB: req.amounts[1],
            diskMiB: req.amounts[2],
            initialState: 'running',
            placement: { policy },
          }),
        );
    }
  });

  it('gives the same placements whatever order the hosts and the batch of workloads come in', () => {
    fc.assert(
      fc.property(
        fc.array(hostGen, { minLength: 1, maxLength: 25 }).chain((hosts) =>
          fc.tuple(
            fc.constant(hosts),
            fc.shuffledSubarray(
              hosts.map((_, i) => i),
              { minLength: hosts.length },
            ),
          ),
        ),
        fc.array(workloadGen, { maxLength: 40 }).chain((ws) =>
          fc.tuple(
            fc.constant(ws),
            fc.shuffledSubarray(
              ws.map((_, i) => i),
              { minLength: ws.length },
            ),
          ),
        ),
        ([hosts, hostOrder], [workloads, batchOrder]) => {
          const inputs: WorkloadInput[] = workloads.map((w, i) => ({
            id: `w${i}`,
            platform: 'kvm',
            cpuMilli: vcpu(w.cpus),
            memoryMiB: gib(w.memGiB),
            diskMiB: gib(w.diskGiB),
            initialState: 'running',
            placement: { policy: w.policy, antiAffinityGroup: w.group },
          }));
          const run = (order: number[], batch: number[]) => {
            const sim = build(hosts, order, 25);
            const results = sim.createMany(batch.map((i) => inputs[i]));
            const placed = new Map<string, string>();
            results.forEach((r, k) => {
              placed.set(inputs[batch[k]].id, r.ok ? r.value.host : `refused: ${r.error.message}`);
            });
            return [...placed.entries()].sort();
          };
          expect(run(hostOrder, batchOrder)).toEqual(
            run(
              hosts.map((_, i) => i),
              workloads.map((_, i) => i),
            ),
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('score properties', () => {
  const frac = fc.record({ used: fc.integer({ min: 0, max: 1000 }), cap: fc.integer({ min: 1, max: 1000 }) }).filter((x) => x.used <= x.cap);
  const fractions = (c: { used: number; cap: number }, m: { used: number; cap: number }, rc: number, rm: number) => [
    usedFraction(c.used, c.cap) + term(rc, inverse(c.cap)),
    usedFraction(m.used, m.cap) + term(rm, inverse(m.cap)),
  ];

  it('stays in [0, 100]; LeastAllocated never rises and MostAllocated never falls as the request grows', () => {
    fc.assert(
      fc.property(frac, frac, fc.nat(500), fc.nat(500), fc.nat(500), fc.nat(500), (c, m, a, b, da, db) => {
        const small = fractions(c, m, a, b);
        const large = fractions(c, m, a + da, b + db);
        if (large[0] > 1 || large[1] > 1) return true; // would not fit
        for (const policy of PLACEMENT_POLICIES) {
          for (const f of [small, large]) {
            const s = score(policy, f[0], f[1]);
            expect(s).toBeGreaterThanOrEqual(0);
            expect(s).toBeLessThanOrEqual(100);
          }
        }
        expect(score('spread', large[0], large[1])).toBeLessThanOrEqual(score('spread', small[0], small[1]));
        expect(score('best-fit', large[0], large[1])).toBeGreaterThanOrEqual(score('best-fit', small[0], small[1]));
        // The host score the index uses agrees with the mean-of-fractions definition (to rounding).
        const exact = hostScore('spread', c.used, c.cap, m.used, m.cap, a, b);
        expect(Math.abs(exact - score('spread', small[0], small[1]))).toBeLessThanOrEqual(1);
        return true;
      }),
    );
  });

  it('scores 100 for balanced when the fractions are equal, and less once they differ by a point', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (x, y) => {
        expect(score('balanced', x, x)).toBe(100);
        // Scores are whole numbers: a gap under 0.01 (half a point of std) still rounds to 100.
        if (Math.abs(x - y) >= 0.0101) expect(score('balanced', x, y)).toBeLessThan(100);
      }),
    );
  });

  it('is a whole number', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PLACEMENT_POLICIES), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (p, x, y) => {
        expect(Number.isInteger(score(p, x, y))).toBe(true);
      }),
    );
  });
});
