// Hosts: every hypervisor and container host, with load and overcommit.
import { HYPERVISOR_LABEL } from '../../core/model.js';
import type { Simulation } from '../../core/simulation.js';
import { CPU, MEM } from '../../core/units.js';
import { isCloudPool } from '../../estate/counts.js';
import { pct } from '../format.js';
import { levelTone, stateTone } from './tones.js';
import type { PaneDef, RowContext } from './types.js';

const sim = (ctx: RowContext): Simulation => ctx.estate.sim;
const rec = (ctx: RowContext, h: number) => sim(ctx).hosts.records[h];
const cpuPct = (ctx: RowContext, h: number) => sim(ctx).metrics.hostCpuPct[h] ?? 0;
const memPct = (ctx: RowContext, h: number) => sim(ctx).metrics.hostMemPct[h] ?? 0;
/** Allocated vCPUs per physical core: the consolidation ratio vSphere admins watch. */
const cpuRatio = (ctx: RowContext, h: number) => sim(ctx).ledger.used(h, CPU) / Math.max(1, rec(ctx, h).cores * 1000);
/** Memory promised to guests as a share of physical memory: above 100% is overcommit. */
const memAlloc = (ctx: RowContext, h: number) => (100 * sim(ctx).ledger.used(h, MEM)) / Math.max(1, rec(ctx, h).memoryMiB);
/** What the server draws now: idle power plus a share of the rest by CPU load (a VM-backed host draws nothing of its own). */
const power = (ctx: RowContext, h: number) => sim(ctx).metrics.hostPowerW[h] ?? 0;
const cluster = (ctx: RowContext, h: number) => sim(ctx).topology.clusters[rec(ctx, h).clusterIndex].id;
const site = (ctx: RowContext, h: number) => sim(ctx).topology.sites[rec(ctx, h).siteIndex].id;

export const hostsPane: PaneDef = {
  id: 'hosts',
  title: 'Hosts',
  empty: 'No hosts in this estate.',
  // A cloud region's capacity pool is a host to the core, not one a person manages (estate/counts.ts): the Cloud pane shows it.
  rows: (ctx) =>
    sim(ctx)
      .hosts.live()
      .filter((r) => !isCloudPool(r.platform))
      .map((r) => r.index),
  columns: [
    { id: 'name', title: 'NAME', width: 18, flex: true, maxWidth: 30, drop: 0, sort: 'sort.name', text: (c, h) => rec(c, h).id },
    { id: 'hypervisor', title: 'HYPERVISOR', width: 10, drop: 3, sort: 'sort.platform', text: (c, h) => HYPERVISOR_LABEL[rec(c, h).platform] },
    { id: 'cluster', title: 'CLUSTER', width: 16, drop: 2, sort: 'sort.group', text: cluster },
    {
      id: 'state',
      title: 'STATE',
      width: 11,
      drop: 0,
      sort: 'sort.state',
      text: (c, h) => sim(c).hosts.state(h),
      tone: (c, h) => stateTone(sim(c).hosts.state(h)),
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
      text: (c, h) => (rec(c, h).backingWorkload >= 0 ? '-' : `${Math.round(power(c, h))} W`),
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
      text: (c, h) => String(sim(c).hostWorkloads[h] ?? 0),
      value: (c, h) => sim(c).hostWorkloads[h] ?? 0,
    },
  ],
  fields: {
    name: (c, h) => rec(c, h).id,
    host: (c, h) => rec(c, h).id,
    hypervisor: (c, h) => HYPERVISOR_LABEL[rec(c, h).platform],
    provider: (c, h) => rec(c, h).platform,
    cluster,
    site,
    state: (c, h) => sim(c).hosts.state(h),
  },
  search: (c, h) => `${rec(c, h).id} ${HYPERVISOR_LABEL[rec(c, h).platform]} ${cluster(c, h)} ${site(c, h)} ${sim(c).hosts.state(h)}`.toLowerCase(),
  subject: (c, h) => ({ type: 'host', id: rec(c, h).id }),
};
