// Containers: docker ps across every container host, physical or a VM.

import { portsShown } from '../../providers/docker/ports-shown.js';
import { mem } from '../format.js';
import { levelTone } from './tones.js';
import type { PaneDef, RowContext } from './types.js';
import { cpuColumn, hostColumn, nameColumn, rowsOfKind, stateColumn, workloadFields, workloadSearch, workloadSearcher, wrow } from './workload-cells.js';

const used = (c: RowContext, w: number) => {
  const row = wrow(c, w);
  return (row.memoryPct / 100) * row.memoryMiB;
};
const limit = (c: RowContext, w: number) => wrow(c, w).memLimitMiB;
/** Use against the hard limit where there is one, else against the host's memory. */
const usedPct = (c: RowContext, w: number) => (limit(c, w) > 0 ? (100 * used(c, w)) / limit(c, w) : 0);

export const containersPane: PaneDef = {
  id: 'containers',
  title: 'Containers',
  empty: 'No containers. Try :docker run -d --name web nginx',
  rows: (ctx) => rowsOfKind(ctx, 'container'),
  columns: [
    nameColumn,
    { id: 'image', title: 'IMAGE', width: 16, drop: 3, sort: 'sort.platform', text: (c, w) => wrow(c, w).image },
    hostColumn,
    stateColumn,
    cpuColumn,
    {
      id: 'mem-limit',
      title: 'MEM/LIMIT',
      width: 11,
      align: 'right',
      drop: 1,
      sort: 'sort.memory',
      numeric: true,
      text: (c, w) => `${mem(used(c, w))}/${limit(c, w) > 0 ? mem(limit(c, w)) : '-'}`,
      value: used,
      tone: (c, w) => levelTone(usedPct(c, w)),
    },
    {
      // docker ps's PORTS, IPv4 only (each mapping is published on :: as well): what reaches the container from outside.
      id: 'ports',
      title: 'PORTS',
      width: 22,
      drop: 4,
      text: (c, w) => {
        const v = c.estate.providers.docker.workload(wrow(c, w).id);
        return v
          ? portsShown(c.estate.providers.docker, v)
              .split(', ')
              .filter((p) => !p.startsWith('[::]'))
              .join(', ')
          : '';
      },
    },
    {
      id: 'restarts',
      title: 'RESTARTS',
      width: 8,
      align: 'right',
      drop: 2,
      sort: 'sort.count',
      numeric: true,
      text: (c, w) => String(wrow(c, w).restartCount),
      value: (c, w) => wrow(c, w).restartCount,
      tone: (c, w) => (wrow(c, w).restartCount > 0 ? 'severity.warn' : undefined),
    },
  ],
  fields: workloadFields,
  search: workloadSearch,
  searcher: workloadSearcher,
  subject: (c, w) => ({ type: 'workload', id: wrow(c, w).id }),
};
