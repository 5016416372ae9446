// VMs: the guests of the three hypervisors, side by side.
import { PROVIDER_LABEL } from './labels.js';
import type { PaneDef } from './types.js';
import {
  cpuColumn,
  hostColumn,
  memColumn,
  memoryColumn,
  nameColumn,
  rowsOfKind,
  stateColumn,
  uptimeColumn,
  vcpuColumn,
  workloadFields,
  workloadSearch,
  workloadSearcher,
  wrow,
} from './workload-cells.js';

export const vmsPane: PaneDef = {
  id: 'vms',
  title: 'VMs',
  empty: 'No VMs. Press n to create one.',
  rows: (ctx) => rowsOfKind(ctx, 'vm'),
  columns: [
    nameColumn,
    stateColumn,
    { id: 'provider', title: 'PROVIDER', width: 8, drop: 3, sort: 'sort.platform', text: (c, w) => PROVIDER_LABEL[wrow(c, w).platform] },
    hostColumn,
    vcpuColumn,
    memoryColumn,
    cpuColumn,
    memColumn,
    uptimeColumn,
  ],
  fields: workloadFields,
  search: workloadSearch,
  searcher: workloadSearcher,
  subject: (c, w) => ({ type: 'workload', id: wrow(c, w).id }),
};
