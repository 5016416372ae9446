// The hosts a workload's driver lets the core move it to (HostsFor), as a
// placement request's fields: nothing where its driver sets no limit.
import type { Core } from './state.js';

export function allowedHosts(core: Core, w: number): { hosts?: readonly string[]; hostsWhy?: string } {
  const r = core.workloads.records[w];
  const limit = core.hostsFor.get(r.platform)?.(r.id);
  return limit ? { hosts: limit.hosts, hostsWhy: limit.why } : {};
}
