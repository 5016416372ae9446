// Capacity: each cluster's demand against its usable capacity (less the HA
// reserve), its trend and when it runs out, the busiest first (observe/
// capacity.ts, what `capacity` prints). A view of the Hosts tab (:capacity, or
// o); enter on a cluster opens its outlook: the charts and a consolidation plan.

import type { Token } from '../../config/theme-tokens.js';
import { formatDurationMs } from '../../core/duration.js';
import { type ClusterCapacity, capacityReport, headroomUse } from '../../observe/capacity.js';
import { pct } from '../format.js';
import type { Column, PaneDef, RowContext } from './types.js';

/**
 * A report a view reads, worked out again only when it is out of date: on a change of the estate, or after ten
 * seconds of the clock (what it reads moves by the minute). The caption and each cell read the same one.
 */
export function reportCache<T>(compute: (sim: RowContext['estate']['sim']) => T): (c: RowContext) => T {
  const cache = new WeakMap<RowContext['estate'], { readonly key: string; readonly value: T }>();
  return (c) => {
    const sim = c.estate.sim;
    const key = `${sim.version - sim.advanced}:${Math.floor(sim.now / 10_000)}`;
    const hit = cache.get(c.estate);
    if (hit?.key === key) return hit.value;
    const value = compute(sim);
    cache.set(c.estate, { key, value });
    return value;
  };
}

/** The clusters' capacity, busiest first. */
export const clustersOf: (c: RowContext) => readonly ClusterCapacity[] = reportCache(capacityReport);
const at = (c: RowContext, i: number) => clustersOf(c)[i];

/** The sooner of CPU's and memory's forecast. */
export const soonest = (x: ClusterCapacity, k: 'aggressiveMs' | 'conservativeMs') => Math.min(x.forecast.cpu[k], x.forecast.memory[k]);

/** "in 3d 4h", "now", "not on this trend". */
export function runsOut(ms: number): string {
  if (ms === 0) return 'now';
  return Number.isFinite(ms) ? `in ${formatDurationMs(ms)}` : 'not on this trend';
}

/** Red at or past usable capacity, yellow past 80% of it. */
function tone(x: ClusterCapacity): Token | undefined {
  const use = headroomUse(x);
  return use >= 1 ? 'severity.critical' : use >= 0.8 ? 'severity.warn' : undefined;
}

const trend = (x: ClusterCapacity) => {
  const d = x.forecast.cpu.perDay;
  return d === undefined ? 'n/a' : `${d >= 0 ? '+' : ''}${d.toFixed(1)}%/d`;
};

/** A resource's demand as a share of its usable capacity, sortable by it. */
function demandColumn(resource: 'cpu' | 'memory', title: string): Column {
  return {
    id: resource,
    title,
    width: 10,
    drop: 0,
    align: 'right',
    sort: resource === 'cpu' ? 'sort.cpu' : 'sort.memory',
    numeric: true,
    text: (c, i) => pct(at(c, i).demandPct[resource]),
    value: (c, i) => at(c, i).demandPct[resource],
  };
}

export const capacityPane: PaneDef = {
  id: 'capacity',
  title: 'Capacity',
  empty: 'No cluster of hosts: capacity is planned for the hosts you run (a cloud region has no ceiling to plan).',
  rows: (ctx) => clustersOf(ctx).map((_, i) => i),
  caption: (ctx) => {
    const list = clustersOf(ctx);
    return list.length > 0 ? `busiest ${list[0].cluster} at ${pct(100 * headroomUse(list[0]))} of usable` : '';
  },
  columns: [
    { id: 'cluster', title: 'CLUSTER', width: 16, drop: 0, sort: 'sort.name', text: (c, i) => at(c, i).cluster, tone: (c, i) => tone(at(c, i)) },
    { id: 'site', title: 'SITE', width: 10, drop: 3, sort: 'sort.group', text: (c, i) => at(c, i).site },
    { id: 'hosts', title: 'HOSTS', width: 5, drop: 4, align: 'right', numeric: true, text: (c, i) => String(at(c, i).hosts), value: (c, i) => at(c, i).hosts },
    demandColumn('cpu', 'CPU DEMAND'),
    demandColumn('memory', 'MEM DEMAND'),
    {
      id: 'usable',
      title: 'USABLE',
      width: 11,
      drop: 2,
      text: (c, i) => `${pct(at(c, i).usablePct.cpu)} / ${pct(at(c, i).usablePct.memory)}`,
    },
    {
      id: 'use',
      title: 'OF USABLE',
      width: 9,
      drop: 1,
      align: 'right',
      sort: 'sort.state',
      numeric: true,
      text: (c, i) => pct(100 * headroomUse(at(c, i))),
      value: (c, i) => headroomUse(at(c, i)),
      tone: (c, i) => tone(at(c, i)),
    },
    { id: 'trend', title: 'CPU TREND', width: 10, drop: 2, align: 'right', text: (c, i) => trend(at(c, i)) },
    {
      id: 'runs-out',
      title: 'RUNS OUT (CONSERVATIVE)',
      width: 24,
      flex: true,
      drop: 0,
      sort: 'sort.age',
      numeric: true,
      text: (c, i) => runsOut(soonest(at(c, i), 'conservativeMs')),
      // Soonest first on the first press: the numeric sort puts the largest first, so the value is its negative.
      value: (c, i) => -soonest(at(c, i), 'conservativeMs'),
    },
    { id: 'vcpu', title: 'VCPU:CORE', width: 9, drop: 3, align: 'right', text: (c, i) => at(c, i).vcpuPerCore.toFixed(2) },
  ],
  fields: {
    name: (c, i) => at(c, i).cluster,
    cluster: (c, i) => at(c, i).cluster,
    site: (c, i) => at(c, i).site,
    platform: (c, i) => at(c, i).platform,
  },
  search: (c, i) => `${at(c, i).cluster} ${at(c, i).site} ${at(c, i).platform}`.toLowerCase(),
  subject: () => undefined,
};
