// The tick's disk writes into snapshots: a guest running from a snapshot writes
// into its running delta, which grows at its write rate (busier guests write
// more) up to the size of its disk, and claims that disk where the disk is (its
// host, or its datastore). Where there is no room the guest pauses until there
// is (storage-writes.ts), as vSphere stuns a VM whose datastore is full.
import { resizeClaim } from './claims.js';
import { codeOf, WORKLOAD_STATES } from './model.js';
import type { Core } from './state.js';
import { stun, writtenMiB } from './storage-writes.js';
import { DISK } from './units.js';

const RUNNING = codeOf(WORKLOAD_STATES, 'running');

export function snapshotWrites(core: Core): void {
  const wl = core.workloads;
  for (const [w, tree] of core.snapshots.entries()) {
    if (wl.state[w] !== RUNNING || wl.host[w] < 0) continue;
    const room = wl.diskMiB[w] - tree.runningMiB;
    const written = writtenMiB(core, w, tree.carryMiB);
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
    const ds = core.datastores.of(w);
    const where = ds >= 0 ? `datastore ${core.datastores.records[ds].name}` : core.hosts.records[wl.host[w]].id;
    stun(core, w, wrote, `no disk left on ${where} for its snapshot delta`);
  }
}
