// The tick's disk writes: a guest running from a snapshot writes into its running
// delta, which grows at its write rate (busier guests write more) up to the size
// of its disk, and claims that disk on its host. A host that runs out of disk
// for it pauses the guest, as vSphere stuns a VM whose datastore is full.
import { resizeClaim } from './claims.js';
import { codeOf, WORKLOAD_STATES } from './model.js';
import { WRITE_MIBPS_PER_VCPU } from './snapshots.js';
import type { Core } from './state.js';
import { cancelPlan, setState } from './transitions.js';
import { DISK } from './units.js';

const RUNNING = codeOf(WORKLOAD_STATES, 'running');

export function snapshotWrites(core: Core): void {
  const wl = core.workloads;
  const seconds = core.tickMs / 1000;
  for (const [w, tree] of core.snapshots.entries()) {
    if (wl.state[w] !== RUNNING || wl.host[w] < 0) continue;
    const room = wl.diskMiB[w] - tree.runningMiB;
    const written = tree.carryMiB + (wl.cpuMilli[w] / 1000) * (wl.cpuPct[w] / 100) * WRITE_MIBPS_PER_VCPU * seconds;
    // Claims are whole MiB: the fraction waits for the next tick.
    const wrote = Math.min(room, Math.floor(written));
    tree.carryMiB = wrote < room ? written - wrote : 0;
    if (!(wrote > 0)) continue;
    const claim = wl.records[w].claim;
    const grown = resizeClaim(core, w, [claim[0], claim[1], claim[DISK] + wrote]);
    if (grown.ok) {
      tree.runningMiB += wrote;
      continue;
    }
    const host = core.hosts.records[wl.host[w]].id;
    cancelPlan(core, w);
    setState(core, w, 'paused', undefined, `no disk left on ${host} for its snapshot delta`);
  }
}
