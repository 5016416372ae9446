// A workload pane's rows: every live workload of its kind, in table order.
import { describe, expect, it } from 'vitest';
import { buildDefaultEstate } from '../../src/estate/presets/default.js';
import { rowsOfKind } from '../../src/ui/panes/workload-cells.js';

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
