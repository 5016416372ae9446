// Power: each site's draw and what it costs, on-premises and cloud side by side
// (observe/energy.ts, what `power` prints), each with a bar against the
// costliest site. A view of the Hosts tab (:power).

import { powerReport, type SitePower } from '../../observe/energy.js';
import { bar } from '../chart-text.js';
import { money } from '../format.js';
import { reportCache } from './capacity.js';
import type { PaneDef, RowContext } from './types.js';

const sites: (c: RowContext) => readonly SitePower[] = reportCache(powerReport);
const at = (c: RowContext, i: number) => sites(c)[i];
const most = (c: RowContext, k: 'costPerMonth' | 'facilityWatts') => Math.max(1e-9, ...sites(c).map((s) => s[k]));

export const powerPane: PaneDef = {
  id: 'power',
  title: 'Power',
  empty: 'No site draws power or bills yet.',
  rows: (ctx) => sites(ctx).map((_, i) => i),
  caption: (ctx) => `${money(sites(ctx).reduce((a, s) => a + s.costPerMonth, 0))} a month`,
  columns: [
    { id: 'site', title: 'SITE', width: 12, drop: 0, sort: 'sort.name', text: (c, i) => at(c, i).site },
    { id: 'kind', title: 'KIND', width: 10, drop: 3, sort: 'sort.group', text: (c, i) => at(c, i).kind },
    { id: 'hosts', title: 'HOSTS', width: 5, drop: 4, align: 'right', numeric: true, text: (c, i) => String(at(c, i).hosts), value: (c, i) => at(c, i).hosts },
    {
      id: 'watts',
      title: 'FACILITY W',
      width: 24,
      drop: 1,
      numeric: true,
      text: (c, i) => `${bar((100 * at(c, i).facilityWatts) / most(c, 'facilityWatts'), 12)} ${Math.round(at(c, i).facilityWatts)}`,
      value: (c, i) => at(c, i).facilityWatts,
    },
    { id: 'pue', title: 'PUE', width: 5, drop: 3, align: 'right', text: (c, i) => (at(c, i).kind === 'region' ? '-' : at(c, i).pue.toFixed(2)) },
    {
      id: 'kwh',
      title: 'KWH/MONTH',
      width: 9,
      drop: 2,
      align: 'right',
      numeric: true,
      text: (c, i) => String(Math.round(at(c, i).kWhPerMonth)),
      value: (c, i) => at(c, i).kWhPerMonth,
    },
    { id: 'vms', title: 'CLOUD VMS', width: 9, drop: 3, align: 'right', text: (c, i) => (at(c, i).kind === 'region' ? String(at(c, i).billedVms) : '-') },
    {
      id: 'cost',
      title: 'COST/MONTH',
      width: 24,
      flex: true,
      drop: 0,
      sort: 'sort.count',
      numeric: true,
      text: (c, i) => `${bar((100 * at(c, i).costPerMonth) / most(c, 'costPerMonth'), 12)} ${money(at(c, i).costPerMonth)}`,
      value: (c, i) => at(c, i).costPerMonth,
    },
  ],
  fields: { name: (c, i) => at(c, i).site, site: (c, i) => at(c, i).site, kind: (c, i) => at(c, i).kind },
  search: (c, i) => `${at(c, i).site} ${at(c, i).kind}`.toLowerCase(),
  subject: () => undefined,
};
