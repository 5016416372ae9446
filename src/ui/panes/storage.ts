// Storage: the shared datastores as a tree (datastore -> the disks on it) with
// capacity, provisioned, used and free, and I/O (IOPS, share, latency); a
// datastore over vCenter's usage alarm thresholds, or full, is toned, and so are
// a congested datastore's I/O and its noisy neighbour. `enter` on a disk opens its VM.
import { formatMiB } from '../../core/units.js';
import { type StorageLine, storageLines } from './storage-tree.js';
import { lineTone } from './tones.js';
import type { Column, PaneDef, RowContext } from './types.js';

const at = (c: RowContext, i: number): StorageLine => storageLines(c.estate)[i]!;

/** A column of sizes: shown as people write them, sorted by the MiB, largest first. */
function size(id: string, title: string, width: number, drop: number, of: (l: StorageLine) => number): Column {
  return { id, title, width, align: 'right', numeric: true, drop, text: (c, i) => formatMiB(of(at(c, i))), value: (c, i) => of(at(c, i)) };
}

export const storagePane: PaneDef = {
  id: 'storage',
  title: 'Storage',
  empty: 'No shared datastores. VM disks are on their hosts’ own storage (see the Hosts pane).',
  rows: (ctx) => storageLines(ctx.estate).map((_, i) => i),
  columns: [
    { id: 'name', title: 'DATASTORE', width: 28, flex: true, maxWidth: 50, drop: 0, text: (c, i) => at(c, i).tree },
    { id: 'type', title: 'TYPE', width: 8, drop: 3, text: (c, i) => at(c, i).type },
    size('capacity', 'CAPACITY', 10, 2, (l) => l.capacityMiB),
    size('provisioned', 'PROVISIONED', 12, 1, (l) => l.provisionedMiB),
    size('used', 'USED', 10, 0, (l) => l.usedMiB),
    {
      id: 'pct',
      title: 'USED%',
      width: 6,
      align: 'right',
      numeric: true,
      drop: 1,
      text: (c, i) => `${Math.floor(at(c, i).usedPct)}%`,
      value: (c, i) => at(c, i).usedPct,
    },
    {
      id: 'state',
      title: 'STATE',
      width: 27,
      drop: 0,
      text: (c, i) => at(c, i).state,
      tone: (c, i) => lineTone(at(c, i).tone),
    },
    {
      id: 'iops',
      title: 'IOPS',
      width: 7,
      align: 'right',
      numeric: true,
      drop: 2,
      text: (c, i) => String(at(c, i).iops),
      value: (c, i) => at(c, i).iops,
    },
    {
      // A datastore: what is asked of it against its limit; a disk: its share of its datastore's I/O.
      id: 'io',
      title: 'IO%',
      width: 5,
      align: 'right',
      numeric: true,
      drop: 3,
      text: (c, i) => `${Math.round(at(c, i).ioPct)}%`,
      value: (c, i) => at(c, i).ioPct,
      tone: (c, i) => (at(c, i).ioHot ? 'severity.warn' : undefined),
    },
    {
      id: 'latency',
      title: 'LATENCY',
      width: 8,
      align: 'right',
      numeric: true,
      drop: 2,
      text: (c, i) => (at(c, i).iops > 0 ? `${at(c, i).latencyMs.toFixed(1)}ms` : '-'),
      value: (c, i) => at(c, i).latencyMs,
      tone: (c, i) => (at(c, i).ioHot ? 'severity.warn' : undefined),
    },
    { id: 'mounts', title: 'MOUNTED BY', width: 16, drop: 5, text: (c, i) => at(c, i).mounts },
    { id: 'platform', title: 'PLATFORM', width: 9, drop: 4, text: (c, i) => at(c, i).platform },
  ],
  fields: {
    name: (c, i) => at(c, i).workloadName ?? at(c, i).tree,
    datastore: (c, i) => at(c, i).datastore,
    ds: (c, i) => at(c, i).datastore,
    workload: (c, i) => at(c, i).workloadName ?? '',
    type: (c, i) => at(c, i).type,
    format: (c, i) => (at(c, i).kind === 'datastore' ? '' : at(c, i).type),
    state: (c, i) => at(c, i).state,
    cluster: (c, i) => at(c, i).mounts,
    platform: (c, i) => at(c, i).platform,
    kind: (c, i) => at(c, i).kind,
  },
  search: (c, i) => {
    const l = at(c, i);
    return `${l.tree} ${l.type} ${l.state} ${l.platform} ${l.datastore}`.toLowerCase();
  },
  subject: (c, i) => {
    const id = at(c, i).workloadId;
    return id === undefined ? undefined : { type: 'workload', id };
  },
};
