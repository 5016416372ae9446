// The hosts the core may move a workload to by itself: those its driver allows
// (HostsFor) that mount its datastore, if its disk is on one, and can open its
// data disks, as a placement request's fields: nothing where none sets a limit.
import { mountingHosts } from './datastores.js';
import type { Core } from './state.js';
import { dataDisksOf } from './volumes.js';

/** `dataDisks`: false for what goes without them (a clone takes its source's own disk only). */
export function allowedHosts(core: Core, w: number, dataDisks = true): { hosts?: readonly string[]; hostsWhy?: string } {
  const found = diskHosts(core, w);
  const data = dataDisks ? dataDiskLimit(core, w) : undefined;
  if (!data) return found;
  if (!found.hosts) return data;
  const keep = new Set(data.hosts);
  // A host left out lacks one or the other: say both, as either.
  return { hosts: found.hosts.filter((h) => keep.has(h)), hostsWhy: `${found.hostsWhy} or ${data.hostsWhy}` };
}

/** Where VM w's data disks let it go: the hosts that mount every datastore they are on, or the one host whose own storage holds one. */
function dataDiskLimit(core: Core, w: number): { hosts: readonly string[]; hostsWhy: string } | undefined {
  const disks = dataDisksOf(core, w);
  if (disks.length === 0) return undefined;
  const own = disks.find((v) => v.ds < 0);
  if (own) return { hosts: [core.hosts.records[own.host].id], hostsWhy: `its data disk ${own.name} on ${core.hosts.records[own.host].id}'s own storage` };
  const stores = [...new Set(disks.map((v) => v.ds))];
  const hosts = mountingHosts(core, stores[0]).filter((id) => stores.every((ds) => core.datastores.sees(core.hosts, ds, core.hosts.indexOf(id)!)));
  return { hosts, hostsWhy: `datastore${stores.length === 1 ? '' : 's'} ${stores.map((ds) => core.datastores.records[ds].name).join(', ')} of its data disks` };
}

function diskHosts(core: Core, w: number): { hosts?: readonly string[]; hostsWhy?: string } {
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
