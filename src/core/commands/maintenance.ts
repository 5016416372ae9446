// Maintenance mode. A host entering it evacuates its running VMs by live
// migration to the rest of its cluster, as many at a time as its platform
// migrates at once, the largest first; nothing new is placed on it meanwhile.
// Before it starts, every VM must have somewhere to go (checked by claiming
// their room on the other hosts together, then letting go): if one has not, the
// host stays as it is and the refusal lists each VM and why. Powered-off and
// suspended VMs stay, as vSphere leaves them by default. The queue is the host's
// own running VMs, so a saved estate carries on evacuating after a load.

import { allowedHosts } from '../allowed-hosts.js';
import { hostAmounts } from '../claims.js';
import { onOwnStorage } from '../datastores.js';
import { guestMemoryMiB } from '../dynamic-memory.js';
import { naturalCompare } from '../natural-compare.js';
import { fail, ok, type Result } from '../result.js';
import type { Core } from '../state.js';
import { setHostState } from '../transitions.js';
import { inFlight, migrate } from './migrate.js';

export interface Evacuation {
  /** The VMs that will move, largest first. */
  readonly moving: readonly string[];
}

const TRANSIENT = ['provisioning', 'booting', 'stopping', 'migrating'];

export function enterMaintenance(core: Core, id: string): Result<Evacuation> {
  const h = core.hosts.indexOf(id);
  if (h === undefined) return fail('not-found', `no host named ${id}`);
  const state = core.hosts.state(h);
  if (state === 'maintenance') return fail('invalid-state', `${id} is already in maintenance mode`);
  if (state === 'failed') return fail('invalid-state', `${id} has failed: repair it first`);
  const wl = core.workloads;
  const blocked: string[] = [];
  const moving: number[] = [];
  for (let w = 0; w < wl.count; w++) {
    if (wl.host[w] !== h && wl.host2[w] !== h) continue;
    const s = wl.stateOf(w);
    const r = wl.records[w];
    if (s === 'deleted' || s === 'stopped' || s === 'suspended' || s === 'deallocated' || s === 'failed') continue;
    if (r.kind !== 'vm') blocked.push(`${r.name}: a ${r.kind === 'container' ? 'container' : 'cloud VM'} cannot be migrated; stop it first`);
    else if (TRANSIENT.includes(s) || wl.host2[w] === h) blocked.push(`${r.name}: it is ${s}; wait for it to finish`);
    else if (s === 'paused') blocked.push(`${r.name}: it is paused; resume or stop it first`);
    else if (core.datastores.moves.has(w)) blocked.push(`${r.name}: its disk is being moved; wait for it to finish`);
    else if (onOwnStorage(core, w)) blocked.push(`${r.name}: its disk is on ${id}'s own storage; move it to a shared datastore or power it off`);
    else moving.push(w);
  }
  moving.sort((a, b) => guestMemoryMiB(wl, b) - guestMemoryMiB(wl, a) || naturalCompare(wl.records[a].id, wl.records[b].id));
  blocked.push(...unplaceable(core, h, moving));
  if (blocked.length > 0) {
    return fail(
      'insufficient-capacity',
      `${id} cannot enter maintenance mode: ${blocked.length} ${blocked.length === 1 ? 'workload' : 'workloads'} could not move (${blocked.join('; ')})`,
      blocked,
    );
  }
  setHostState(core, h, 'maintenance', moving.length > 0 ? `moving ${moving.length} running VM${moving.length === 1 ? '' : 's'} off it` : 'nothing runs on it');
  evacuate(core, h);
  core.changed();
  return ok({ moving: moving.map((w) => wl.records[w].id) });
}

export function exitMaintenance(core: Core, id: string): Result<void> {
  const h = core.hosts.indexOf(id);
  if (h === undefined) return fail('not-found', `no host named ${id}`);
  if (core.hosts.state(h) !== 'maintenance') return fail('invalid-state', `${id} is not in maintenance mode`);
  setHostState(core, h, 'connected');
  core.changed();
  return ok(undefined);
}

/** Where each VM would go, claimed together so they do not all count on the same free room; what cannot go, and why. */
function unplaceable(core: Core, host: number, vms: readonly number[]): string[] {
  const wl = core.workloads;
  const cluster = core.topology.clusters[core.hosts.records[host].clusterIndex].id;
  const held: number[] = [];
  const out: string[] = [];
  for (const w of vms) {
    const r = wl.records[w];
    const outcome = core.placer.place({
      platform: r.platform,
      amounts: hostAmounts(core, w, r.claim),
      policy: 'spread',
      cluster,
      excludeHosts: [host],
      antiAffinityGroup: r.placement.antiAffinityGroup,
      label: r.name,
      ...allowedHosts(core, w),
    });
    if (!outcome.ok) {
      const self = core.hosts.records[host].id;
      out.push(
        `${r.name}: ${
          outcome
            .rejections()
            .filter((x) => x.host !== self)
            // Another hypervisor's hosts were never candidates: naming each of them buries the reasons that matter.
            .flatMap((x) => x.reasons.filter((m) => m.kind !== 'incompatible').map((m) => m.message))
            .join(', ') || outcome.message
        }`,
      );
      continue;
    }
    held.push(core.ledger.claim(outcome.host, hostAmounts(core, w, r.claim)));
  }
  for (const id of held) if (id >= 0) core.ledger.release(id);
  return out;
}

/**
 * Moves the next running VMs off a host in maintenance mode, up to its platform's
 * migrations at once. Called when it enters, and each time one of its migrations
 * ends; says so when the last has gone.
 */
/** Goes on with every host that is being evacuated: a migration ending anywhere may free the room or the slot one waits for. */
export function evacuateAll(core: Core): void {
  for (let h = 0; h < core.hosts.count; h++) if (core.hosts.state(h) === 'maintenance') evacuate(core, h, false);
}

export function evacuate(core: Core, host: number, announce = true): void {
  if (core.hosts.state(host) !== 'maintenance') return;
  const wl = core.workloads;
  const h = core.hosts.records[host];
  const limit = core.policies[h.platform].migration.maxConcurrent;
  const queue: number[] = [];
  for (let w = 0; w < wl.count; w++) if (wl.host[w] === host && wl.stateOf(w) === 'running' && wl.records[w].kind === 'vm') queue.push(w);
  queue.sort((a, b) => guestMemoryMiB(wl, b) - guestMemoryMiB(wl, a) || naturalCompare(wl.records[a].id, wl.records[b].id));
  const cluster = core.topology.clusters[h.clusterIndex];
  for (const w of queue) {
    if (inFlight(core, host) >= limit) break;
    const r = wl.records[w];
    // Hosts at their own migration limit cannot take one now; the next migration to end tries again.
    const busy = cluster.hosts.filter((x) => x !== host && inFlight(core, x) >= limit);
    const outcome = core.placer.place({
      platform: r.platform,
      amounts: hostAmounts(core, w, r.claim),
      policy: 'spread',
      cluster: cluster.id,
      excludeHosts: [host, ...busy],
      antiAffinityGroup: r.placement.antiAffinityGroup,
      label: r.name,
      ...allowedHosts(core, w),
    });
    if (!outcome.ok && busy.length > 0) break;
    const moved = outcome.ok ? migrate(core, r.id, core.hosts.records[outcome.host].id, { live: true }) : undefined;
    if (!moved?.ok) {
      const why = moved ? moved.error.message : outcome.ok ? '' : outcome.message;
      core.log.append({
        kind: 'host.evacuation-failed',
        subjectType: 'workload',
        subjectId: r.id,
        severity: 'warning',
        message: `${r.name} could not leave ${h.id}: ${why}`,
      });
    }
  }
  if (announce && queue.length === 0 && inFlight(core, host) === 0) {
    core.log.append({
      kind: 'host.evacuated',
      subjectType: 'host',
      subjectId: h.id,
      severity: 'info',
      message: `${h.id} is in maintenance mode: no VM runs on it`,
    });
  }
}
