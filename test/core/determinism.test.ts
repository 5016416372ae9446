import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../src/core/simulation.js';
import { buildDefaultEstate } from '../../src/estate/presets/default.js';

const build = (seed: number) => buildDefaultEstate(seed).sim;

function script(sim: Simulation): void {
  sim.advance(90_000);
  sim.act('web-01', 'restart');
  sim.act('db-02', 'stop');
  sim.createWorkload({ id: 'late', platform: 'kvm', cpuMilli: 2000, memoryMiB: 4096, diskMiB: 20_480, model: 'bursty' });
  sim.advance(60_000);
  sim.setHostState('esx-02', 'failed');
  sim.advance(600_000);
}

function fingerprint(sim: Simulation) {
  return {
    log: sim.log.all().map((e) => `${e.at} ${e.kind} ${e.message}`),
    hosts: sim.hostViews().map((h) => [h.id, h.state, h.cpuPct, h.memoryPct, h.readyPct, h.powerW]),
    workloads: sim.workloadViews().map((w) => [w.id, w.state, w.host, w.cpuPct, w.memoryPct]),
    history: sim.metrics.hostHistory.read(0, 0),
    rng: sim.rng.state(),
  };
}

describe('determinism', () => {
  it('the same seed and commands give the same estate, log and metrics, bit for bit', () => {
    const a = build(7);
    const b = build(7);
    script(a);
    script(b);
    expect(fingerprint(a)).toEqual(fingerprint(b));
  });

  it('another seed gives another run', () => {
    const a = build(7);
    const b = build(8);
    script(a);
    script(b);
    expect(fingerprint(a).workloads).not.toEqual(fingerprint(b).workloads);
  });

  it('advancing in one step or in many gives the same result', () => {
    const a = build(3);
    const b = build(3);
    a.advance(300_000);
    for (let i = 0; i < 300; i++) b.advance(1000);
    expect(fingerprint(a)).toEqual(fingerprint(b));
  });
});
