// Balancing a cluster, DRS-style: recommendations that cut the spread of host
// loads below what the threshold tolerates, cheapest moves first, and nothing
// when it is already balanced or the threshold is conservative.
import { describe, expect, it } from 'vitest';
import { gib } from '../../src/core/units.js';
import { cluster, must, SHARED, vm } from './fixtures.js';

function lopsided() {
  const sim = cluster([
    { id: 'h1', cpuRatio: 4 },
    { id: 'h2', cpuRatio: 4 },
    { id: 'h3', cpuRatio: 4 },
  ]);
  for (let i = 0; i < 6; i++) must(sim.createWorkload(vm(`busy${i}`, 4, 8, { ...SHARED, host: 'h1', model: 'steady', modelLevel: 0.6 })));
  must(sim.createWorkload(vm('idle', 1, 2, { ...SHARED, host: 'h2', model: 'idle' })));
  sim.advance(5_000);
  return sim;
}

describe('balancing', () => {
  it('recommends moves off the busiest host until the imbalance is within the threshold', () => {
    const sim = lopsided();
    const b = must(sim.recommendBalance('c1', 3));
    expect(b.imbalance).toBeGreaterThan(b.tolerated);
    expect(b.moves.length).toBeGreaterThan(0);
    expect(b.moves.every((m) => m.from === 'h1' && m.to !== 'h1')).toBe(true);
    expect(b.after).toBeLessThan(b.imbalance);
    // Each move lowers the imbalance, one after the other.
    for (const m of b.moves) expect(m.after).toBeLessThan(m.before);
    expect(b.moves[0].costMs).toBeGreaterThan(0);
  });

  it('is more eager at 5 than at 2, and makes no load moves at 1', () => {
    const sim = lopsided();
    const eager = must(sim.recommendBalance('c1', 5)).moves.length;
    const mild = must(sim.recommendBalance('c1', 2)).moves.length;
    expect(eager).toBeGreaterThanOrEqual(mild);
    expect(must(sim.recommendBalance('c1', 1)).moves).toEqual([]);
    expect(sim.recommendBalance('c1', 7).ok).toBe(false);
    expect(sim.recommendBalance('nope').ok).toBe(false);
  });

  it('applies by live migration, and the cluster ends up balanced', () => {
    const sim = lopsided();
    const b = must(sim.recommendBalance('c1', 4));
    const r = sim.applyBalance(b.moves);
    expect(r.refused).toEqual([]);
    sim.advance(120_000);
    const after = must(sim.recommendBalance('c1', 4));
    expect(after.imbalance).toBeLessThan(b.imbalance);
    expect(after.imbalance).toBeLessThanOrEqual(after.tolerated + 0.05);
  });

  it('never recommends a move that does not fit', () => {
    const sim = cluster([{ id: 'h1' }, { id: 'small', memGiB: 8 }]);
    for (let i = 0; i < 3; i++) must(sim.createWorkload(vm(`v${i}`, 4, 16, { ...SHARED, host: 'h1', model: 'steady', modelLevel: 0.8 })));
    sim.advance(5_000);
    const b = must(sim.recommendBalance('c1', 5));
    expect(b.moves).toEqual([]);
    expect(sim.host('small')!.allocated.memoryMiB).toBe(0);
    expect(gib(1)).toBe(1024);
  });
});
