// A container host that runs inside a VM of the estate is that VM's guest: when
// the VM is deleted, the host and every container on it go with it, as a Docker
// engine and its containers go with the disk of the VM they ran in. The host
// leaves the estate (its name, its cluster, every list and the saved file), so
// nothing is left pointing at a VM that no longer exists.
import { setClaim } from './claims.js';
import { abortMigration } from './commands/migrate.js';
import type { Core } from './state.js';
// transitions.ts calls this and this calls it back (setState): functions only, so the cycle is safe.
import { cancelPlan, setState } from './transitions.js';
import { CLAIM_NONE } from './workloads.js';

export function retireNestedHost(core: Core, host: number, vmName: string): void {
  const { hosts, workloads: wl } = core;
  const h = hosts.records[host];
  let containers = 0;
  for (let w = 0; w < wl.count; w++) {
    if (wl.host[w] !== host && wl.host2[w] !== host) continue;
    if (wl.stateOf(w) === 'deleted') continue;
    if (core.migrations.has(w)) abortMigration(core, w, `${h.id} is gone`);
    cancelPlan(core, w);
    setState(core, w, 'deleted', undefined, `its host ${h.id} went with the VM ${vmName}`);
    setClaim(core, w, CLAIM_NONE);
    containers++;
  }
  const cluster = core.topology.clusters[h.clusterIndex];
  const at = cluster.hosts.indexOf(host);
  if (at >= 0) cluster.hosts.splice(at, 1);
  hosts.remove(host);
  core.workloads.backs[h.backingWorkload] = -1;
  core.placer.hostReshaped(h.platform);
  core.log.append({
    kind: 'host.removed',
    subjectType: 'host',
    subjectId: h.id,
    severity: 'warning',
    message: `${h.id} is gone: it ran inside the VM ${vmName}, which was deleted${containers ? ` (${containers} container${containers === 1 ? '' : 's'} with it)` : ''}`,
  });
}
