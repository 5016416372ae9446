// A workload pane's rows: every live workload of its kind, in table order.
import { describe, expect, it } from 'vitest';
import { buildDefaultEstate } from '../../src/estate/presets/default.js';
import { memoryColumn, rowsOfKind, wmem } from '../../src/ui/panes/workload-cells.js';

describe('rowsOfKind', () => {
  it('lists each kind in table order and leaves deleted workloads out', () => {
    const estate = buildDefaultEstate(1, 0);
    const ctx = { estate, events: [] };
    const ids = (kind: 'vm' | 'container' | 'cloud-vm') => rowsOfKind(ctx, kind).map((w) => estate.sim.workloadRow(w)!.id);
    const views = estate.sim.workloadViews();
    const expected = (kind: string) => views.filter((v) => v.kind === kind).map((v) => v.id);
    for (const kind of ['vm', 'container', 'cloud-vm'] as const) expect(ids(kind), kind).toEqual(expected(kind));
    expect(ids('container')).toContain('docker-01/redis');

    const del = estate.sim.act('docker-01/redis', 'delete');
    expect(del.ok).toBe(true);
    expect(ids('container')).not.toContain('docker-01/redis');
    expect(ids('container')).toEqual(
      estate.sim
        .workloadViews()
        .filter((v) => v.kind === 'container')
        .map((v) => v.id),
    );
    // The list is exactly as long as what it holds: no holes where a deleted workload was.
    const list = rowsOfKind(ctx, 'container');
    expect(Array.from(list).every((w) => Number.isInteger(w))).toBe(true); // Array.from reads a hole as undefined
  });
});

describe('the memory columns', () => {
  it('show a Dynamic Memory VM as Hyper-V Manager does: what it is assigned, and its use of that', () => {
    const estate = buildDefaultEstate(1, 0);
    const ctx = { estate, events: [] };
    const { sim, providers } = estate;
    const w = sim.workloadRow('ad-01')!.index;
    expect(memoryColumn.text(ctx, w)).toBe('8G');
    const stop = sim.act('ad-01', 'force-stop');
    expect(stop.ok).toBe(true);
    expect(providers.exec('Set-VMMemory -VMName ad-01 -DynamicMemoryEnabled $true').exitCode).toBe(0);
    expect(sim.act('ad-01', 'start').ok).toBe(true);
    sim.advance(600_000);
    const row = sim.workloadRow('ad-01')!;
    // Its maximum is Hyper-V's default 1 TB; it is assigned its demand and buffer, a share of its 8 GiB startup.
    expect(row.memoryMiB).toBe(1_048_576);
    expect(row.claim[1]).toBeLessThan(8192);
    expect(memoryColumn.value?.(ctx, w)).toBe(row.claim[1]);
    expect(wmem(ctx, w)).toBeCloseTo((row.memoryPct * 1_048_576) / row.claim[1], 6);
    expect(wmem(ctx, w)).toBeGreaterThan(50);
  });
});
