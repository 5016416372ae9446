// Cells every workload pane shares: name, state, host, CPU and memory use, uptime.
// They read the core's tables directly: a pane of 100,000 rows sorts on these.
import { HYPERVISOR_LABEL, type WorkloadKind } from '../../core/model.js';
import type { Simulation } from '../../core/simulation.js';
import { age, mem, pct } from '../format.js';
import { PROVIDER_LABEL } from './labels.js';
import { levelTone, stateTone } from './tones.js';
import type { Column, RowContext } from './types.js';

export const wsim = (ctx: RowContext): Simulation => ctx.estate.sim;
export const wrec = (ctx: RowContext, w: number) => wsim(ctx).workloads.records[w];
export const wstate = (ctx: RowContext, w: number): string => wsim(ctx).workloads.stateOf(w);
export const whost = (ctx: RowContext, w: number): string => {
  const h = wsim(ctx).workloads.host[w];
  return h >= 0 ? wsim(ctx).hosts.records[h].id : '';
};
export const wcpu = (ctx: RowContext, w: number): number => wsim(ctx).workloads.cpuPct[w];
export const wmem = (ctx: RowContext, w: number): number => wsim(ctx).workloads.memPct[w];
export const wuptime = (ctx: RowContext, w: number): number => {
  const since = wsim(ctx).workloads.runningSince[w];
  return since >= 0 ? wsim(ctx).now - since : -1;
};

/** Every live workload of one kind, in table order. */
export function rowsOfKind(ctx: RowContext, kind: WorkloadKind): number[] {
  const wl = wsim(ctx).workloads;
  const out: number[] = [];
  for (let w = 0; w < wl.count; w++) if (wl.records[w].kind === kind && wl.stateOf(w) !== 'deleted') out.push(w);
  return out;
}

export const nameColumn: Column = {
  id: 'name',
  title: 'NAME',
  width: 16,
  flex: true,
  maxWidth: 30,
  drop: 0,
  sort: 'sort.name',
  text: (c, w) => wrec(c, w).name,
};
/** The state as the list shows it: a template is not "stopped" but a template. */
export const wshown = (ctx: RowContext, w: number): string => (wrec(ctx, w).attrs.template === true ? 'template' : wstate(ctx, w));
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
  text: (c, w) => trimNum(wsim(c).workloads.cpuMilli[w] / 1000),
  value: (c, w) => wsim(c).workloads.cpuMilli[w],
};
export const memoryColumn: Column = {
  id: 'mem',
  title: 'MEMORY',
  width: 6,
  align: 'right',
  drop: 4,
  numeric: true,
  text: (c, w) => mem(wsim(c).workloads.memoryMiB[w]),
  value: (c, w) => wsim(c).workloads.memoryMiB[w],
};

function trimNum(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0$/, '');
}

/** Fields every workload pane can filter on. */
export const workloadFields = {
  name: (c: RowContext, w: number) => wrec(c, w).name,
  id: (c: RowContext, w: number) => wrec(c, w).id,
  state: wshown,
  host: whost,
  provider: (c: RowContext, w: number) => wrec(c, w).platform,
  platform: (c: RowContext, w: number) => HYPERVISOR_LABEL[wrec(c, w).platform],
  image: (c: RowContext, w: number) => wrec(c, w).image,
};

/** Each workload's search text, kept between frames and made again only when its state or host moved. */
const searchTexts = new WeakMap<Simulation, { texts: string[]; prints: number[] }>();

/** What a plain-text filter searches in a workload (lower case): name, state, host, image and provider. */
export function workloadSearch(c: RowContext, w: number): string {
  return workloadSearcher(c)(w);
}

export function workloadSearcher(c: RowContext): (w: number) => string {
  const sim = wsim(c);
  const wl = sim.workloads;
  let cache = searchTexts.get(sim);
  if (!cache) searchTexts.set(sim, (cache = { texts: [], prints: [] }));
  const { texts, prints } = cache;
  return (w) => {
    // Names, images and providers do not change; states and hosts do.
    const print = wl.state[w] + 64 * (wl.host[w] + 1);
    if (prints[w] === print) return texts[w];
    const r = wl.records[w];
    const text = `${r.name} ${wl.stateOf(w)} ${whost(c, w)} ${r.image} ${PROVIDER_LABEL[r.platform]}`.toLowerCase();
    prints[w] = print;
    texts[w] = text;
    return text;
  };
}
