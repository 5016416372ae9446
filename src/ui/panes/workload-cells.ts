// Cells every workload pane shares: name, state, host, CPU and memory use, uptime.
// They read the core through one cursor per simulation (a WorkloadRow moved from
// row to row): a pane of 100,000 rows sorts on these, and allocates nothing per row.
import { HYPERVISOR_LABEL, type WorkloadKind } from '../../core/model.js';
import type { SimulationApi } from '../../core/simulation-api.js';
import type { WorkloadRow } from '../../core/workload-row.js';
import { age, mem, pct } from '../format.js';
import { PROVIDER_LABEL } from './labels.js';
import { levelTone, stateTone } from './tones.js';
import type { Column, RowContext } from './types.js';

export const wsim = (ctx: RowContext): SimulationApi => ctx.estate.sim;

const cursors = new WeakMap<SimulationApi, WorkloadRow>();

/** Workload w, read through its simulation's cursor: read what a cell needs at once, the next call moves it. */
export function wrow(ctx: RowContext, w: number): WorkloadRow {
  const sim = ctx.estate.sim;
  let cursor = cursors.get(sim);
  if (cursor === undefined) cursors.set(sim, (cursor = sim.workloadCursor()));
  return cursor.at(w);
}

export const wstate = (ctx: RowContext, w: number): string => wrow(ctx, w).state;
export const whost = (ctx: RowContext, w: number): string => wrow(ctx, w).host ?? '';
export const wcpu = (ctx: RowContext, w: number): number => wrow(ctx, w).cpuPct;
/**
 * Its memory use in percent of its memory. A Hyper-V VM with Dynamic Memory has as
 * much as it is assigned (what its guest sees), so its use is of that, as its memory
 * column shows it (wmemory).
 */
export const wmem = (ctx: RowContext, w: number): number => {
  const r = wrow(ctx, w);
  const memory = r.memoryMiB;
  return (r.memoryPct * memory) / Math.max(1, r.guestMemoryMiB);
};
/** Its memory: its size, or with Dynamic Memory what it is assigned now (Hyper-V Manager's Assigned Memory). */
export const wmemory = (ctx: RowContext, w: number): number => wrow(ctx, w).guestMemoryMiB;
export const wuptime = (ctx: RowContext, w: number): number => wrow(ctx, w).uptimeMs ?? -1;

/**
 * Every live workload of one kind, in table order. Counted first, then written
 * into a list of that length: grown a push at a time, the list of a million VMs
 * took about 100 ms to make (20 ms for 200,000), counted first about 40 (8 ms for
 * 200,000), and the live console makes it again every second while the clock runs.
 */
export function rowsOfKind(ctx: RowContext, kind: WorkloadKind): number[] {
  const sim = wsim(ctx);
  const row = sim.workloadCursor();
  const n = sim.workloadCount;
  // (The test is written out twice: through a closure, 200,000 rows took 9.5 ms against 8.3.)
  let count = 0;
  for (let w = 0; w < n; w++) if (row.at(w).kind === kind && row.state !== 'deleted') count++;
  const out = new Array<number>(count);
  for (let w = 0, k = 0; k < count; w++) if (row.at(w).kind === kind && row.state !== 'deleted') out[k++] = w;
  // Only what the user acting may see (vSphere's System.View, Azure's read, a host's local group).
  const seen = ctx.estate.providers.visibility();
  return seen ? out.filter((w) => seen.workloads.has(row.at(w).id)) : out;
}

export const nameColumn: Column = {
  id: 'name',
  title: 'NAME',
  width: 16,
  flex: true,
  maxWidth: 30,
  drop: 0,
  sort: 'sort.name',
  text: (c, w) => wrow(c, w).name,
};
/** The state as the list shows it: a template is not "stopped" but a template. */
export const wshown = (ctx: RowContext, w: number): string => {
  const row = wrow(ctx, w);
  return row.template ? 'template' : row.state;
};
export const stateColumn: Column = {
  id: 'state',
  title: 'STATE',
  width: 12,
  drop: 0,
  sort: 'sort.state',
  text: wshown,
  tone: (c, w) => stateTone(wstate(c, w)),
};
export const hostColumn: Column = { id: 'host', title: 'HOST', width: 14, drop: 2, sort: 'sort.host', text: whost };
export const cpuColumn: Column = {
  id: 'cpu',
  title: 'CPU%',
  width: 5,
  align: 'right',
  drop: 0,
  sort: 'sort.cpu',
  numeric: true,
  text: (c, w) => pct(wcpu(c, w)),
  value: wcpu,
  tone: (c, w) => levelTone(wcpu(c, w)),
};
export const memColumn: Column = {
  id: 'memory',
  title: 'MEM%',
  width: 5,
  align: 'right',
  drop: 1,
  sort: 'sort.memory',
  numeric: true,
  text: (c, w) => pct(wmem(c, w)),
  value: wmem,
  tone: (c, w) => levelTone(wmem(c, w)),
};
export const uptimeColumn: Column = {
  id: 'uptime',
  title: 'UPTIME',
  width: 7,
  align: 'right',
  drop: 3,
  sort: 'sort.age',
  numeric: true,
  text: (c, w) => (wuptime(c, w) < 0 ? '-' : age(wuptime(c, w))),
  value: wuptime,
};
export const vcpuColumn: Column = {
  id: 'vcpu',
  title: 'VCPU',
  width: 4,
  align: 'right',
  drop: 4,
  numeric: true,
  text: (c, w) => trimNum(wrow(c, w).cpuMilli / 1000),
  value: (c, w) => wrow(c, w).cpuMilli,
};
export const memoryColumn: Column = {
  id: 'mem',
  title: 'MEMORY',
  width: 6,
  align: 'right',
  drop: 4,
  numeric: true,
  text: (c, w) => mem(wmemory(c, w)),
  value: wmemory,
};

function trimNum(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0$/, '');
}

/** Fields every workload pane can filter on. */
export const workloadFields = {
  name: (c: RowContext, w: number) => wrow(c, w).name,
  id: (c: RowContext, w: number) => wrow(c, w).id,
  state: wshown,
  host: whost,
  provider: (c: RowContext, w: number) => wrow(c, w).platform,
  platform: (c: RowContext, w: number) => HYPERVISOR_LABEL[wrow(c, w).platform],
  image: (c: RowContext, w: number) => wrow(c, w).image,
};

/** Each workload's search text, kept between frames and made again only when its state or host moved. */
const searchTexts = new WeakMap<SimulationApi, { texts: string[]; prints: number[] }>();

/** What a plain-text filter searches in a workload (lower case): name, state, host, image and provider. */
export function workloadSearch(c: RowContext, w: number): string {
  return workloadSearcher(c)(w);
}

export function workloadSearcher(c: RowContext): (w: number) => string {
  const sim = wsim(c);
  const row = sim.workloadCursor();
  let cache = searchTexts.get(sim);
  if (!cache) searchTexts.set(sim, (cache = { texts: [], prints: [] }));
  const { texts, prints } = cache;
  return (w) => {
    row.at(w);
    // Names, images and providers do not change; states and hosts do.
    const print = row.stateCode + 64 * (row.hostIndex + 1);
    if (prints[w] === print) return texts[w];
    const text = `${row.name} ${row.state} ${row.host ?? ''} ${row.image} ${PROVIDER_LABEL[row.platform]}`.toLowerCase();
    prints[w] = print;
    texts[w] = text;
    return text;
  };
}
