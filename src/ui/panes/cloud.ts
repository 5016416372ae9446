// Cloud: the Azure-like VMs, in resource groups and regions, with what they cost
// (compute and disks).
import { money } from '../format.js';
import { stateTone } from './tones.js';
import type { PaneDef, RowContext } from './types.js';
import { nameColumn, rowsOfKind, workloadFields, workloadSearch, wrow, wstate } from './workload-cells.js';

const attr = (key: string) => (c: RowContext, w: number) => String(wrow(c, w).attrs[key] ?? '');
const group = attr('resourceGroup');
const region = attr('location');
const size = attr('size');
/** What the VM has cost: its compute while allocated, and its disks all the while (deallocated included). */
const cost = (c: RowContext, w: number) => wrow(c, w).cost + c.estate.providers.azure.diskCost(wrow(c, w).id).soFar;

/** Azure's power states ("VM running", "VM deallocated") through its driver. */
function powerState(c: RowContext, w: number): string {
  return c.estate.providers.azure.workload(wrow(c, w).id)?.nativeState ?? wstate(c, w);
}

export const cloudPane: PaneDef = {
  id: 'cloud',
  title: 'Cloud',
  empty: 'No cloud VMs. Try :az vm create -g demo-rg -n vm1 --image Ubuntu2204 --size Standard_B1s',
  rows: (ctx) => rowsOfKind(ctx, 'cloud-vm'),
  columns: [
    nameColumn,
    { id: 'group', title: 'RESOURCE GROUP', width: 14, drop: 2, sort: 'sort.group', text: group },
    { id: 'region', title: 'REGION', width: 12, drop: 3, sort: 'sort.host', text: region },
    { id: 'size', title: 'SIZE', width: 15, drop: 1, sort: 'sort.platform', text: size },
    { id: 'power', title: 'POWER STATE', width: 16, drop: 0, sort: 'sort.state', text: powerState, value: wstate, tone: (c, w) => stateTone(wstate(c, w)) },
    { id: 'cost', title: 'COST', width: 8, align: 'right', drop: 0, sort: 'sort.count', numeric: true, text: (c, w) => money(cost(c, w)), value: cost },
    // Its NIC's public IP, as az vm list -d shows publicIps.
    { id: 'public-ip', title: 'PUBLIC IP', width: 15, drop: 4, text: (c, w) => c.estate.providers.azure.addresses(wrow(c, w).id).publicIps.join(',') },
  ],
  fields: { ...workloadFields, group, rg: group, 'resource-group': group, region, location: region, size },
  search: (c, w) => `${workloadSearch(c, w)} ${group(c, w)} ${region(c, w)} ${size(c, w)}`.toLowerCase(),
  subject: (c, w) => ({ type: 'workload', id: wrow(c, w).id }),
};
