// Moving a workload to another host. Live (vMotion, Live Migration, virsh migrate
// --live): the guest keeps running through pre-copy rounds and pauses only for
// the last copy; its claim is held on both hosts while in flight and on one after.
// Cold (the guest off): its disk is copied, which is also how it crosses sites.
// Each host takes part in a limited number of migrations at once.

import { claimTarget, dropTarget, moveToTarget } from '../claims.js';
import { dropMove, onOwnStorage } from '../datastores.js';
import { guestMemoryMiB } from '../dynamic-memory.js';
import { continuePreCopy, dirtyRate, type MigrationPlan, migrationBandwidth, planPreCopy, SITE_LINK_MBPS } from '../migration-plan.js';
import { HYPERVISOR_LABEL, type WorkloadState } from '../model.js';
import { fail, ok, type Result } from '../result.js';
import type { Core } from '../state.js';
import { setState } from '../transitions.js';
import { formatMiB } from '../units.js';
import { dataDisksOf } from '../volumes.js';
import { CLONE_LINKED, linkedClonesOf } from './clone.js';
import { allOn, landMove, storageMovePlan } from './relocate.js';

export interface MigrationInfo {
  readonly workload: number;
  readonly from: number;
  readonly to: number;
  readonly live: boolean;
  readonly startedAt: number;
  readonly endsAt: number;
  readonly plan: MigrationPlan;
  /** The state the workload returns to when it lands. */
  readonly after: WorkloadState;
  readonly token: number;
}

export interface MigrateOptions {
  /** Live (the guest keeps running) or cold; by default live if it runs. */
  readonly live?: boolean;
  /** Overrides of the platform's policy for this one migration: virsh migrate --auto-converge, --timeout N (the guest is paused after N s). */
  readonly autoConverge?: boolean;
  readonly maxDowntimeMs?: number;
  readonly pauseAfterMs?: number;
  /**
   * A disk on the source host's own storage goes along (virsh migrate --copy-storage-all,
   * Move-VM -IncludeStorage, vMotion with a target datastore): copied first, the guest running.
   */
  readonly copyStorage?: boolean;
  /**
   * vMotion with storage: the disk, and its data disks, go to this datastore, which the target host mounts and the
   * source need not (another cluster's): copied first through the target, the guest running, landing with it.
   */
  readonly datastore?: string;
}

export function migrate(core: Core, id: string, targetId: string, options: MigrateOptions = {}): Result<MigrationInfo> {
  const { workloads: wl, hosts } = core;
  const w = wl.indexOf(id);
  if (w === undefined || wl.stateOf(w) === 'deleted') return fail('not-found', `no workload named ${id}`);
  const to = hosts.indexOf(targetId);
  if (to === undefined) return fail('not-found', `no host named ${targetId}`);
  const from = wl.host[w];
  const record = wl.records[w];
  const state = wl.stateOf(w);
  const live = options.live ?? state === 'running';
  const target = hosts.records[to];
  if (record.kind === 'container') return fail('unsupported', `${id} is a container: containers are recreated elsewhere, not migrated`);
  if (from < 0) return fail('invalid-state', `${id} is not on any host`);
  if (to === from) return fail('invalid-input', `${id} is already on ${targetId}`);
  if (target.platform !== record.platform)
    return fail('invalid-input', `${targetId} runs ${HYPERVISOR_LABEL[target.platform]}, ${id} needs ${HYPERVISOR_LABEL[record.platform]}`);
  if (!hosts.isConnected(to)) return fail('invalid-state', `${targetId} is ${hosts.state(to) === 'maintenance' ? 'in maintenance mode' : 'failed'}`);
  if (live && state !== 'running') return fail('invalid-state', `cannot live-migrate ${id}: it is ${state}`);
  if (!live && state !== 'stopped' && state !== 'suspended') return fail('invalid-state', `cannot cold-migrate ${id} while it is ${state}: power it off first`);
  if (!live && hosts.state(from) === 'failed') return fail('invalid-state', `${id}'s host ${hosts.records[from].id} has failed`);
  const base = core.policies[record.platform].migration;
  const policy = {
    ...base,
    ...(options.autoConverge ? { throttle: 'auto-converge' as const } : {}),
    ...(options.maxDowntimeMs === undefined ? {} : { maxDowntimeMs: options.maxDowntimeMs }),
  };
  for (const h of [from, to]) {
    const busy = inFlight(core, h);
    if (busy >= policy.maxConcurrent)
      return fail('invalid-state', `${hosts.records[h].id} already has ${busy} migration${busy === 1 ? '' : 's'} in flight, its limit`);
  }
  const store = core.datastores;
  const ds = store.of(w);
  const moving = withStorage(core, w, id, to, options.datastore);
  if (!moving.ok) return moving;
  const dsTo = moving.value?.to;
  if (dsTo === undefined && ds >= 0 && !store.sees(hosts, ds, to))
    return fail(
      'invalid-input',
      `${targetId} does not mount datastore ${core.datastores.records[ds].name}, where ${id}'s disk is: move the disk to a datastore it mounts first`,
    );
  if (core.datastores.moves.has(w)) return fail('invalid-state', `cannot migrate ${id} while its disk is being moved`);
  // Its data disks: each on a datastore the target mounts; one on the source's own storage is not copied here.
  for (const v of dsTo === undefined ? dataDisksOf(core, w) : []) {
    if (v.ds < 0)
      return fail(
        'invalid-state',
        `${id}'s data disk ${v.name} is on ${hosts.records[v.host].id}'s own storage, which ${targetId} cannot see: ` +
          "detach it, or move it to a shared datastore with the VM first (hyperpane copies only a VM's own disk across)",
        undefined,
        { ownStorage: hosts.records[v.host].id },
      );
    if (!core.datastores.sees(hosts, v.ds, to))
      return fail(
        'invalid-input',
        `${targetId} does not mount datastore ${core.datastores.records[v.ds].name}, where ${id}'s data disk ${v.name} is: move the disk to a datastore it mounts first`,
      );
  }
  const crossSite = target.siteIndex !== hosts.records[from].siteIndex;
  if (live && crossSite)
    return fail(
      'invalid-state',
      `${id} cannot move live to ${targetId}: it is in another site (${core.topology.sites[target.siteIndex].id}), with no shared storage or stretched network; ` +
        'power it off for a cold migration, which copies its disk across',
    );
  // On the source's own storage the disk must go too: a live move copies it first only when asked to.
  const ownDisk = onOwnStorage(core, w) && dsTo === undefined;
  if (live && ownDisk && !options.copyStorage)
    return fail(
      'invalid-state',
      `${id}'s disk is on ${hosts.records[from].id}'s own storage, which ${targetId} cannot see: move its storage with it, or put it on a shared datastore`,
      undefined,
      { ownStorage: hosts.records[from].id },
    );
  const crossCluster = target.clusterIndex !== hosts.records[from].clusterIndex;
  if (crossCluster && linkedClonesOf(core, w).length > 0)
    return fail(
      'invalid-state',
      `${id} has linked clones (${linkedClonesOf(core, w).join(', ')}) sharing its disk in ${core.topology.clusters[hosts.records[from].clusterIndex].id}: it stays in that cluster`,
    );
  if (crossCluster && record.attrs[CLONE_LINKED] === true)
    return fail(
      'invalid-input',
      `${id} is a linked clone: its parent disk is in ${core.topology.clusters[hosts.records[from].clusterIndex].id}, so it stays in that cluster`,
    );
  if (live && crossCluster) {
    const refusal = core.ha.refusal(target.clusterIndex, record.claim);
    if (refusal) return fail('admission-control', refusal);
  }

  // Between sites the disk crosses the WAN link, not the hosts' NICs.
  const bandwidth = migrationBandwidth(Math.min(hosts.records[from].nicMbps, target.nicMbps, crossSite ? SITE_LINK_MBPS : Infinity), policy.bandwidthShare);
  const guest = guestMemoryMiB(wl, w);
  const memory = live
    ? planPreCopy({
        memoryMiB: guest,
        dirtyMiBps: dirtyRate(guest, wl.cpuPct[w]),
        bandwidthMiBps: bandwidth,
        maxDowntimeMs: policy.maxDowntimeMs,
        throttle: policy.throttle,
        maxPasses: policy.maxPasses,
        pauseAfterMs: options.pauseAfterMs,
      })
    : undefined;
  // A disk on a datastore the target mounts stays where it is; one on the source's own storage is copied across, and
  // with a datastore named, the disks go there at what the link and the datastores allow.
  const copy = moving.value ? diskCopy(moving.value.copyMiB, Math.min(bandwidth, moving.value.mbps)) : ownDisk ? diskCopy(wl.diskMiB[w], bandwidth) : undefined;
  const plan: MigrationPlan = memory && copy ? withDiskFirst(copy, memory) : (memory ?? copy ?? register());
  const claimed = claimTarget(core, w, to, moving.value !== undefined);
  if (!claimed.ok) return claimed;
  const token = ++wl.token[w];
  const totalMs = Math.max(1, Math.round(plan.totalMs));
  if (moving.value) {
    // Room held on the target datastore while the disks copy, as a Storage vMotion holds it; it lands with the migration.
    const { to: target, copyMiB } = moving.value;
    store.moves.set(w, {
      workload: w,
      from: ds,
      to: target,
      startedAt: core.clock.now,
      endsAt: core.clock.now + totalMs,
      token: ++store.seq,
      reservedMiB: copyMiB,
      withMigration: true,
    });
    store.used[target] += copyMiB;
  }
  const info: MigrationInfo = { workload: w, from, to, live, startedAt: core.clock.now, endsAt: core.clock.now + totalMs, plan, after: state, token };
  core.migrations.set(w, info);
  // A guest that dirties memory faster than the link sends it, with nothing to slow it, does not converge:
  // QEMU goes on passing over its memory until it does (its load falls) or the migration is cancelled.
  const rate = dirtyRate(guestMemoryMiB(wl, w), wl.cpuPct[w]);
  const toStore = moving.value ? `, copying ${formatMiB(moving.value.copyMiB)} of disk to datastore ${store.records[moving.value.to].name}` : '';
  const how = !live
    ? moving.value
      ? `cold${toStore}`
      : ownDisk
        ? `cold, copying ${formatMiB(wl.diskMiB[w])} of disk`
        : `cold, its disk staying on datastore ${core.datastores.records[ds].name}`
    : plan.converged
      ? `live, ${moving.value ? `${toStore.slice(2)} first, then ` : copy ? `copying ${formatMiB(wl.diskMiB[w])} of disk first, then ` : ''}${rounds(memory!.rounds.length)}${
          plan.throttle > 0 ? `, CPU throttled ${Math.round(plan.throttle * 100)}% to converge` : ''
        }`
      : `live, not converging: it dirties ${formatMiB(rate)}/s and the link moves ${formatMiB(bandwidth)}/s, so pre-copy goes on until the guest slows down or the migration is cancelled`;
  setState(core, w, 'migrating', state, `to ${targetId} (${how}${plan.converged ? `, about ${seconds(totalMs)}` : ''})`);
  core.clock.schedule(totalMs, { type: 'migration', workload: w, token });
  core.changed();
  return ok(info);
}

/** The clock says a migration is done (unless it was called off meanwhile). */
export function migrationDue(core: Core, w: number, token: number): void {
  const info = core.migrations.get(w);
  if (!info || info.token !== token) return;
  if (!info.plan.converged) return carryOn(core, info);
  core.migrations.delete(w);
  const from = core.hosts.records[info.from].id;
  const move = core.datastores.moves.get(w);
  if (move?.withMigration) landMove(core, w, move);
  moveToTarget(core, w);
  const detail = info.live ? `in ${seconds(info.plan.totalMs)}, downtime ${Math.round(info.plan.downtimeMs)} ms` : `in ${seconds(info.plan.totalMs)}`;
  setState(core, w, info.after, undefined, `migrated from ${from} ${detail}`);
  core.migrationSlotFreed(info.from);
}

/**
 * A live migration that had not converged by the end of its plan goes on from
 * there, with the guest's dirty rate as it is now: it converges once the guest
 * slows down enough, else it is planned again (QEMU has no limit on passes).
 */
function carryOn(core: Core, info: MigrationInfo): void {
  const wl = core.workloads;
  const w = info.workload;
  const policy = core.policies[wl.records[w].platform].migration;
  const bandwidth = migrationBandwidth(Math.min(core.hosts.records[info.from].nicMbps, core.hosts.records[info.to].nicMbps), policy.bandwidthShare);
  // Only a migration with nothing to slow its guest is left unconverged (a throttle, a pass limit or --timeout all end it).
  const plan = continuePreCopy(
    {
      memoryMiB: guestMemoryMiB(wl, w),
      dirtyMiBps: dirtyRate(guestMemoryMiB(wl, w), wl.cpuPct[w]),
      bandwidthMiBps: bandwidth,
      maxDowntimeMs: policy.maxDowntimeMs,
      throttle: 'none',
    },
    info.plan,
  );
  const endsAt = info.startedAt + Math.max(1, Math.round(plan.totalMs));
  core.migrations.set(w, { ...info, plan, endsAt });
  core.clock.schedule(Math.max(1, endsAt - core.clock.now), { type: 'migration', workload: w, token: info.token });
  core.changed();
}

/** Calls off a migration in flight (a host failed, the workload was deleted): the target claim goes. */
export function abortMigration(core: Core, w: number, why: string): void {
  const info = core.migrations.get(w);
  if (!info) return;
  core.migrations.delete(w);
  dropTarget(core, w);
  // The disks' copy with it stops too: the room held on the target datastore goes.
  if (core.datastores.moves.get(w)?.withMigration) dropMove(core, w);
  core.workloads.token[w]++;
  core.log.append({
    kind: 'migration.aborted',
    subjectType: 'workload',
    subjectId: core.workloads.records[w].id,
    severity: 'warning',
    message: `Migration of ${core.workloads.records[w].name} to ${core.hosts.records[info.to].id} aborted: ${why}`,
  });
  if (core.hosts.isConnected(info.from) || core.hosts.state(info.from) === 'maintenance') setState(core, w, info.after, undefined, 'migration aborted');
  core.migrationSlotFreed(info.from);
}

/** Migrations a host takes part in now, as source or target. */
export function inFlight(core: Core, host: number): number {
  let n = 0;
  for (const m of core.migrations.values()) if (m.from === host || m.to === host) n++;
  return n;
}

/** What a vMotion with storage moves (migrate's `datastore`, relocate.ts storageMovePlan); undefined if none is named, or all is there. */
function withStorage(
  core: Core,
  w: number,
  id: string,
  to: number,
  datastore: string | undefined,
): Result<{ to: number; copyMiB: number; mbps: number } | undefined> {
  if (datastore === undefined) return ok(undefined);
  const { datastores: store, hosts } = core;
  const target = store.indexOf(datastore);
  if (target === undefined) return fail('not-found', `no datastore named ${datastore}`);
  const name = store.records[target].name;
  if (core.workloads.records[w].kind !== 'vm') return fail('unsupported', `${id} is not a VM: only a VM's disk moves between datastores`);
  if (!store.sees(hosts, target, to)) return fail('invalid-input', `${hosts.records[to].id} does not mount datastore ${name}`);
  if (store.moves.has(w)) return fail('invalid-state', `cannot migrate ${id} while its disk is being moved`);
  if (allOn(core, w, target)) return ok(undefined);
  const plan = storageMovePlan(core, w, id, target);
  if (!plan.ok) return plan;
  const { copyMiB, mbps } = plan.value;
  return ok({ to: target, copyMiB, mbps });
}

/** The disk copied first, the guest running (its writes mirrored to the copy), then memory's pre-copy rounds. */
function withDiskFirst(copy: MigrationPlan, memory: MigrationPlan): MigrationPlan {
  return { ...memory, rounds: [...copy.rounds, ...memory.rounds], totalMs: copy.totalMs + memory.totalMs };
}

/** A powered-off VM whose disk the target already sees: nothing is copied, it is registered there within the tick. */
function register(): MigrationPlan {
  return { rounds: [], downtimeMs: 0, totalMs: 1000, throttle: 0, converged: true };
}

function diskCopy(diskMiB: number, bandwidthMiBps: number): MigrationPlan {
  const ms = (diskMiB / bandwidthMiBps) * 1000;
  return { rounds: [{ sentMiB: diskMiB, ms }], downtimeMs: 0, totalMs: ms, throttle: 0, converged: true };
}

function rounds(n: number): string {
  return `${n} pre-copy round${n === 1 ? '' : 's'}`;
}

function seconds(ms: number): string {
  return ms >= 120_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`;
}
