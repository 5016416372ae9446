// Networks: the estate's topology as a tree (routing domain -> segment -> NIC ->
// workload, then the load balancers, their rules and backends), each network's
// address block and the rules on it. `enter` on a NIC opens its workload; `w`
// asks reach from it (the prompt opens with ":reach NAME ").
import { type NetLine, networkLines } from './network-tree.js';
import { lineTone } from './tones.js';
import type { PaneDef, RowContext } from './types.js';

/** A line as it stands now: a backend's health read at the clock's time. */
const at = (c: RowContext, i: number): NetLine => {
  const l = networkLines(c.estate)[i]!;
  return l.at ? { ...l, ...l.at(c.estate.sim.now) } : l;
};

export const networksPane: PaneDef = {
  id: 'networks',
  title: 'Networks',
  empty: 'No networks. Try :docker network create backend, or :az network vnet create -g shop-rg -n vnet1 --address-prefixes 10.1.0.0/16',
  rows: (ctx) => networkLines(ctx.estate).map((_, i) => i),
  columns: [
    { id: 'name', title: 'NETWORK', width: 36, flex: true, maxWidth: 70, drop: 0, text: (c, i) => at(c, i).tree },
    { id: 'address', title: 'ADDRESS', width: 18, drop: 0, text: (c, i) => at(c, i).address },
    {
      id: 'state',
      title: 'STATE',
      width: 12,
      drop: 1,
      text: (c, i) => at(c, i).state,
      tone: (c, i) => lineTone(at(c, i).tone),
    },
    { id: 'rules', title: 'RULES', width: 30, drop: 2, text: (c, i) => at(c, i).rules },
    { id: 'platform', title: 'PLATFORM', width: 10, drop: 3, text: (c, i) => at(c, i).platform },
  ],
  fields: {
    name: (c, i) => at(c, i).workloadName ?? at(c, i).tree,
    workload: (c, i) => at(c, i).workloadName ?? '',
    address: (c, i) => at(c, i).address,
    ip: (c, i) => at(c, i).address,
    state: (c, i) => at(c, i).state,
    platform: (c, i) => at(c, i).platform,
    kind: (c, i) => at(c, i).kind,
  },
  search: (c, i) => {
    const l = at(c, i);
    return `${l.tree} ${l.address} ${l.state} ${l.rules} ${l.platform}`.toLowerCase();
  },
  subject: (c, i) => {
    const id = at(c, i).workloadId;
    return id === undefined ? undefined : { type: 'workload', id };
  },
};
