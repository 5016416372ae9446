// The consolidation planner (core/consolidate.ts) on the consolidation sample:
// eight KVM servers with one lightly used app each.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEstate } from '../../src/estate/store.js';

function sample() {
  const r = loadEstate(join(import.meta.dirname, '../../demo/consolidation.json'));
  if (!r.ok) throw new Error(r.error.message);
  const { sim } = r.value;
  sim.advance(10 * 60_000); // ten minutes of history
  return sim;
}

describe('planConsolidation', () => {
  it('packs the eight apps onto two hosts within 75% and frees six', () => {
    const sim = sample();
    const r = sim.planConsolidation('rack-a', 75);
    if (!r.ok) throw new Error(r.error.message);
    const plan = r.value;
    expect(plan.freed).toHaveLength(6);
    expect(plan.hosts.filter((h) => h.keep)).toHaveLength(2);
    expect(plan.moves).toHaveLength(6);
    expect(plan.utilisationAfterPct).toBeGreaterThan(plan.utilisationBeforePct * 3);
    // Six hosts at their idle draw switched off: at least 6 x 160 W saved, less what the two busier hosts add.
    expect(plan.wattsBefore - plan.wattsAfter).toBeGreaterThan(6 * 160 - 2 * (380 - 160));
    for (const h of plan.hosts.filter((x) => x.keep)) expect(h.cpuAfterPct).toBeLessThanOrEqual(75);
  });

  it('applied, it starts the moves one at a time per host (libvirt) and ends with six empty hosts', () => {
    const sim = sample();
    const plan = sim.planConsolidation('rack-a', 75);
    if (!plan.ok) throw new Error(plan.error.message);
    const r = sim.applyConsolidation(plan.value.moves);
    expect(r.refused).toEqual([]);
    expect(r.started.length + r.waiting.length).toBe(6);
    expect(r.waiting.length).toBeGreaterThan(0);
    sim.advance(10 * 60_000);
    const empty = sim
      .hostViews()
      .filter((h) => h.workloads === 0)
      .map((h) => h.id);
    expect(empty.sort()).toEqual([...plan.value.freed].sort());
  });

  it('a target so low nothing fits frees nothing and says so', () => {
    const sim = sample();
    const r = sim.planConsolidation('rack-a', 1);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.freed).toEqual([]);
    expect(r.value.notes[0]).toMatch(/do not fit within 1%/);
  });

  it('refuses an unknown cluster and a target out of range', () => {
    const sim = sample();
    expect(sim.planConsolidation('nope').ok).toBe(false);
    const bad = sim.planConsolidation('rack-a', 150);
    expect(!bad.ok && bad.error.message).toMatch(/above 0 and at most 100/);
  });
});
