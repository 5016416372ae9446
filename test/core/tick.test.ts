import { describe, expect, it } from 'vitest';
import { HOST_HISTORY_LENGTH, WORKLOAD_HISTORY_LENGTH } from '../../src/core/metrics.js';
import type { UtilizationModel } from '../../src/core/model.js';
import { DAY_MS } from '../../src/core/utilization.js';
import { cluster, must, vm } from './fixtures.js';

function cpuSamples(model: UtilizationModel, ticks: number, level?: number): number[] {
  const sim = cluster([{ id: 'h1', cores: 64 }]);
  must(sim.createWorkload(vm('w', 2, 4, { model, modelLevel: level, overhead: 0 })));
  const out: number[] = [];
  for (let i = 0; i < ticks; i++) {
    sim.advance(sim.tickMs);
    out.push(sim.workload('w')!.cpuPct);
  }
  return out;
}

describe('utilisation models', () => {
  it('idle stays in low single digits', () => {
    const xs = cpuSamples('idle', 200);
    expect(Math.max(...xs)).toBeLessThan(8);
  });

  it('steady stays near its level', () => {
    const xs = cpuSamples('steady', 200, 0.5);
    expect(Math.min(...xs)).toBeGreaterThan(40);
    expect(Math.max(...xs)).toBeLessThan(60);
  });

  it('bursty is mostly low with bursts above 60%', () => {
    const xs = cpuSamples('bursty', 2000, 0.1);
    const high = xs.filter((x) => x >= 60).length;
    expect(high).toBeGreaterThan(50);
    expect(high).toBeLessThan(800);
    expect(xs.filter((x) => x < 20).length).toBeGreaterThan(1000);
  });

  it('diurnal peaks by day and drops at night', () => {
    const sim = cluster([{ id: 'h1', cores: 64 }]);
    must(sim.createWorkload(vm('w', 2, 4, { model: 'diurnal', modelLevel: 0.8, modelPhase: 0, overhead: 0 })));
    const at = (ms: number) => {
      sim.advanceTo(ms);
      return sim.workload('w')!.cpuPct;
    };
    const midnight = at(DAY_MS);
    const noon = at(DAY_MS + DAY_MS / 2);
    expect(noon).toBeGreaterThan(60);
    expect(midnight).toBeLessThan(15);
  });
});

describe('contention', () => {
  it('shows CPU ready when busy vCPUs outnumber the cores, and shares the cores out', () => {
    // 4 cores, ratio 4: room for 16 vCPUs; four 4-vCPU VMs at full tilt demand 16 cores' worth.
    const sim = cluster([{ id: 'h1', cores: 4, cpuRatio: 4 }]);
    for (const id of ['a', 'b', 'c', 'd']) must(sim.createWorkload(vm(id, 4, 2, { model: 'steady', modelLevel: 1, overhead: 0 })));
    sim.advance(5 * sim.tickMs);
    const h = sim.host('h1')!;
    expect(h.cpuPct).toBeCloseTo(100, 5);
    expect(h.readyPct).toBeGreaterThan(60);
    for (const id of ['a', 'b', 'c', 'd']) expect(sim.workload(id)!.cpuPct).toBeLessThan(30);
  });

  it('shows no ready time while vCPUs fit in the cores', () => {
    const sim = cluster([{ id: 'h1', cores: 16 }]);
    for (const id of ['a', 'b']) must(sim.createWorkload(vm(id, 4, 2, { model: 'steady', modelLevel: 1 })));
    sim.advance(5 * sim.tickMs);
    expect(sim.host('h1')!.readyPct).toBe(0);
  });

  it('shows memory pressure when active memory exceeds what the host has', () => {
    // Memory overcommitted 2:1; at noon diurnal guests use 60-80% of their memory: 4 x 8 GiB x 0.6 > 16 GiB.
    const over = cluster([]);
    must(over.addHost({ id: 'm', cluster: 'c1', cores: 32, memoryMiB: 16 * 1024, storageMiB: 100_000, ratios: { memory: 2 } }));
    for (const id of ['a', 'b', 'c', 'd']) must(over.createWorkload(vm(id, 1, 8, { model: 'diurnal', modelPhase: 0, overhead: 0 })));
    over.advanceTo(DAY_MS / 2);
    expect(over.host('m')!.pressurePct).toBeGreaterThan(15);
    expect(over.host('m')!.memoryPct).toBeCloseTo(100, 5);
  });

  it("counts VM overhead on top of the guest's own demand", () => {
    const sim = cluster([{ id: 'h1', cores: 64 }]);
    must(sim.createWorkload(vm('a', 8, 2, { model: 'steady', modelLevel: 0.5, overhead: 0.2 })));
    sim.advance(5 * sim.tickMs);
    const guest = (sim.workload('a')!.cpuPct / 100) * 8;
    const host = (sim.host('h1')!.cpuPct / 100) * 64;
    expect(host).toBeCloseTo(guest * 1.2, 5);
  });
});

describe('metric history', () => {
  it('keeps a fixed number of samples however long the simulation runs', () => {
    const sim = cluster([{ id: 'h1' }]);
    must(sim.createWorkload(vm('w', 1, 1)));
    sim.advance(500 * sim.tickMs);
    expect(sim.metrics.hostHistory.read(0, 0)).toHaveLength(HOST_HISTORY_LENGTH);
    expect(sim.metrics.workloadHistory.read(0, 0)).toHaveLength(WORKLOAD_HISTORY_LENGTH);
  });

  it('returns samples oldest first, the newest being the current value', () => {
    const sim = cluster([{ id: 'h1' }]);
    must(sim.createWorkload(vm('w', 1, 1, { model: 'steady', modelLevel: 0.4 })));
    sim.advance(10 * sim.tickMs);
    const cpu = sim.metrics.workloadHistory.read(0, 0);
    expect(cpu).toHaveLength(10);
    expect(cpu[9]).toBeCloseTo(sim.workload('w')!.cpuPct, 1);
  });
});
