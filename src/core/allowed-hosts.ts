// The hosts the core may move a workload to by itself: those its driver allows
// (HostsFor) that mount its datastore, if its disk is on one, as a placement
// request's fields: nothing where neither sets a limit.
import { mountingHosts } from './datastores.js';
import type { Core } from './state.js';

export function allowedHosts(core: Core, w: number): { hosts?: readonly string[]; hostsWhy?: string } {
  const r = core.workloads.records[w];
  const limit = core.hostsFor.get(r.platform)?.(r.id);
  const ds = core.datastores.of(w);
  if (ds < 0) return limit ? { hosts: limit.hosts, hostsWhy: limit.why } : {};
  const { hosts, datastores } = core;
  const mount = `datastore ${datastores.records[ds].name}`;
  const sees = (id: string) => {
    const h = hosts.indexOf(id);
    return h !== undefined && datastores.sees(hosts, ds, h);
  };
  return limit ? { hosts: limit.hosts.filter(sees), hostsWhy: `${limit.why} or ${mount}` } : { hosts: mountingHosts(core, ds), hostsWhy: mount };
}
