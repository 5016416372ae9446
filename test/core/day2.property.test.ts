// Day-2 operations in any order: migrations, host failures and repairs,
// maintenance mode, power changes, snapshots, time passing. Whatever happens,
// no VM is lost (each is on exactly one host, or in flight between two with a
// claim on each), no migration leaves a second claim behind, and every host's
// usage is the sum of the claims on it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../src/core/simulation.js';
import { RESOURCES } from '../../src/core/units.js';
import { cluster, must, SHARED, vm } from './fixtures.js';

const HOSTS = ['h0', 'h1', 'h2', 'h3'];
const VMS = 8;

const op = fc.oneof(
  fc.record({ kind: fc.constant('migrate' as const), vm: fc.nat(VMS - 1), host: fc.nat(HOSTS.length - 1) }),
  fc.record({ kind: fc.constant('fail' as const), host: fc.nat(HOSTS.length - 1) }),
  fc.record({ kind: fc.constant('repair' as const), host: fc.nat(HOSTS.length - 1) }),
  fc.record({ kind: fc.constant('maintenance' as const), host: fc.nat(HOSTS.length - 1) }),
  fc.record({ kind: fc.constant('exit' as const), host: fc.nat(HOSTS.length - 1) }),
  fc.record({ kind: fc.constantFrom('start' as const, 'stop' as const, 'force-stop' as const), vm: fc.nat(VMS - 1) }),
  fc.record({ kind: fc.constant('snapshot' as const), vm: fc.nat(VMS - 1) }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 120_000 }) }),
);

type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function apply(sim: Simulation, o: Op): void {
  const v = 'vm' in o ? `v${o.vm}` : '';
  const h = 'host' in o ? HOSTS[o.host] : '';
  switch (o.kind) {
    case 'migrate':
      sim.migrate(v, h);
      return;
    case 'fail':
      sim.setHostState(h, 'failed');
      return;
    case 'repair':
      if (sim.host(h)!.state === 'failed') sim.setHostState(h, 'connected');
      return;
    case 'maintenance':
      sim.enterMaintenance(h);
      return;
    case 'exit':
      sim.exitMaintenance(h);
      return;
    case 'snapshot':
      sim.takeSnapshot(v, `s${sim.now}`);
      return;
    case 'advance':
      sim.advance(o.ms);
      return;
    default:
      sim.act(v, o.kind);
  }
}

function checkInvariants(sim: Simulation): void {
  const wl = sim.workloads;
  const used = HOSTS.map(() => new Array<number>(RESOURCES).fill(0));
  for (let w = 0; w < wl.count; w++) {
    const state = wl.stateOf(w);
    if (state === 'deleted') continue;
    // On exactly one host (a failed VM keeps its disk where it was: pending, with its reason logged).
    expect(wl.host[w], `${wl.records[w].id} has no host`).toBeGreaterThanOrEqual(0);
    const inFlight = sim.migrations.has(w);
    expect(state === 'migrating', `${wl.records[w].id} is ${state}`).toBe(inFlight);
    if (inFlight) expect(wl.host2[w]).not.toBe(wl.host[w]);
    else expect([wl.claimId2[w], wl.host2[w]]).toEqual([-1, -1]);
    for (const [claim, host] of [
      [wl.claimId[w], wl.host[w]],
      [wl.claimId2[w], wl.host2[w]],
    ]) {
      if (claim < 0) continue;
      expect(sim.ledger.hostOfClaim(claim)).toBe(host);
      sim.ledger.claimAmounts(claim).forEach((a, r) => {
        used[host][r] += a;
      });
    }
  }
  HOSTS.forEach((_, h) => {
    for (let r = 0; r < RESOURCES; r++) expect(sim.ledger.used(h, r)).toBe(used[h][r]);
  });
}

describe('day-2 operations, in any order', () => {
  it("lose no VM, leave no double claim, and keep every host's usage the sum of its claims", () => {
    // What the runs went through, so the property is known to have met each case.
    const seen = { inFlight: 0, maintenance: 0, failed: 0, haRestarted: 0 };
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const sim = cluster(
          HOSTS.map((id) => ({ id, cpuRatio: 4 })),
          { ha: { kind: 'percentage', cpuPct: 0, memoryPct: 0 } },
        );
        // Most on the shared datastore (they migrate, evacuate and restart elsewhere), one on its host's own storage.
        for (let i = 0; i < VMS; i++) must(sim.createWorkload(vm(`v${i}`, 2, 8, { model: 'steady', modelLevel: 0.4, ...(i === 0 ? {} : SHARED) })));
        for (const o of ops) {
          apply(sim, o);
          checkInvariants(sim);
          seen.inFlight += sim.migrations.size > 0 ? 1 : 0;
          seen.maintenance += HOSTS.some((h) => sim.host(h)!.state === 'maintenance') ? 1 : 0;
          seen.failed += HOSTS.some((h) => sim.host(h)!.state === 'failed') ? 1 : 0;
        }
        seen.haRestarted += sim.log.all().filter((e) => e.kind === 'ha.restarted').length;
        sim.advance(3_600_000);
        checkInvariants(sim);
      }),
      { numRuns: 150 },
    );
    expect(
      Object.values(seen).every((n) => n > 10),
      JSON.stringify(seen),
    ).toBe(true);
  });
});
