// Hosts: every hypervisor and container host, with load and overcommit.
import type { HostRow } from '../../core/host-row.js';
import { HYPERVISOR_LABEL } from '../../core/model.js';
import type { SimulationApi } from '../../core/simulation-api.js';
import { CPU, MEM } from '../../core/units.js';
import { isCloudPool } from '../../estate/counts.js';
import { pct } from '../format.js';
import { levelTone, stateTone } from './tones.js';
import type { PaneDef, RowContext } from './types.js';

const cursors = new WeakMap<SimulationApi, HostRow>();

/** Host h, read through its simulation's cursor (see wrow): read what a cell needs at once. */
function hrow(ctx: RowContext, h: number): HostRow {
  const sim = ctx.estate.sim;
  let cursor = cursors.get(sim);
  if (cursor === undefined) cursors.set(sim, (cursor = sim.hostCursor()));
  return cursor.at(h);
}

const cpuPct = (ctx: RowContext, h: number) => hrow(ctx, h).cpuPct;
const memPct = (ctx: RowContext, h: number) => hrow(ctx, h).memoryPct;
/** Allocated vCPUs per physical core: the consolidation ratio vSphere admins watch. */
const cpuRatio = (ctx: RowContext, h: number) => {
  const row = hrow(ctx, h);
  return row.used(CPU) / Math.max(1, row.cores * 1000);
};
/** Memory promised to guests as a share of physical memory: above 100% is overcommit. */
const memAlloc = (ctx: RowContext, h: number) => {
  const row = hrow(ctx, h);
  return (100 * row.used(MEM)) / Math.max(1, row.memoryMiB);
};
/** What the server draws now: idle power plus a share of the rest by CPU load (a VM-backed host draws nothing of its own). */
const power = (ctx: RowContext, h: number) => hrow(ctx, h).powerW;
const cluster = (ctx: RowContext, h: number) => hrow(ctx, h).cluster;
const site = (ctx: RowContext, h: number) => hrow(ctx, h).site;
const state = (ctx: RowContext, h: number) => hrow(ctx, h).state;
const id = (ctx: RowContext, h: number) => hrow(ctx, h).id;

export const hostsPane: PaneDef = {
  id: 'hosts',
  title: 'Hosts',
  empty: 'No hosts in this estate.',
  // A cloud region's capacity pool is a host to the core, not one a person manages (estate/counts.ts): the Cloud pane shows it.
  rows: (ctx) => {
    const sim = ctx.estate.sim;
    const row = sim.hostCursor();
    const out: number[] = [];
    for (let h = 0; h < sim.hostCount; h++) if (!row.at(h).removed && !isCloudPool(row.platform)) out.push(h);
    const seen = ctx.estate.providers.visibility();
    return seen ? out.filter((h) => seen.hosts.has(row.at(h).id)) : out;
  },
  columns: [
    { id: 'name', title: 'NAME', width: 18, flex: true, maxWidth: 30, drop: 0, sort: 'sort.name', text: id },
    { id: 'hypervisor', title: 'HYPERVISOR', width: 10, drop: 3, sort: 'sort.platform', text: (c, h) => HYPERVISOR_LABEL[hrow(c, h).platform] },
    { id: 'cluster', title: 'CLUSTER', width: 16, drop: 2, sort: 'sort.group', text: cluster },
    {
      id: 'state',
      title: 'STATE',
      width: 11,
      drop: 0,
      sort: 'sort.state',
      text: state,
      tone: (c, h) => stateTone(state(c, h)),
    },
    {
      id: 'cpu',
      title: 'CPU%',
      width: 5,
      align: 'right',
      drop: 0,
      sort: 'sort.cpu',
      numeric: true,
      text: (c, h) => pct(cpuPct(c, h)),
      value: cpuPct,
      tone: (c, h) => levelTone(cpuPct(c, h)),
    },
    {
      id: 'memory',
      title: 'MEM%',
      width: 5,
      align: 'right',
      drop: 0,
      sort: 'sort.memory',
      numeric: true,
      text: (c, h) => pct(memPct(c, h)),
      value: memPct,
      tone: (c, h) => levelTone(memPct(c, h)),
    },
    {
      id: 'vcpu-ratio',
      title: 'VCPU:CORE',
      width: 9,
      align: 'right',
      drop: 4,
      numeric: true,
      text: (c, h) => `${cpuRatio(c, h).toFixed(1)}:1`,
      value: cpuRatio,
      tone: (c, h) => (cpuRatio(c, h) > 4 ? 'severity.warn' : undefined),
    },
    {
      id: 'mem-alloc',
      title: 'MEM ALLOC',
      width: 9,
      align: 'right',
      drop: 1,
      numeric: true,
      text: (c, h) => pct(memAlloc(c, h)),
      value: memAlloc,
      tone: (c, h) => (memAlloc(c, h) > 100 ? 'severity.warn' : undefined),
    },
    {
      id: 'power',
      title: 'POWER',
      width: 7,
      align: 'right',
      drop: 5,
      numeric: true,
      text: (c, h) => (hrow(c, h).backingWorkload !== undefined ? '-' : `${Math.round(power(c, h))} W`),
      value: power,
    },
    {
      id: 'vms',
      title: 'VMS',
      width: 4,
      align: 'right',
      drop: 1,
      sort: 'sort.count',
      numeric: true,
      text: (c, h) => String(hrow(c, h).workloads),
      value: (c, h) => hrow(c, h).workloads,
    },
  ],
  fields: {
    name: id,
    host: id,
    hypervisor: (c, h) => HYPERVISOR_LABEL[hrow(c, h).platform],
    provider: (c, h) => hrow(c, h).platform,
    cluster,
    site,
    state,
  },
  search: (c, h) => {
    const row = hrow(c, h);
    return `${row.id} ${HYPERVISOR_LABEL[row.platform]} ${row.cluster} ${row.site} ${row.state}`.toLowerCase();
  },
  subject: (c, h) => ({ type: 'host', id: id(c, h) }),
};
