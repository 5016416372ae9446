// Replication to another site (Hyper-V Replica, vSphere Replication): a VM gets
// a replica at the other site, a powered-off copy on a host there, seeded by
// copying its disk over the link between the sites and then brought up to date
// every recovery point interval (RPO) while the source runs. A failover powers
// the replica on from its last recovery point: whatever the source wrote since
// is lost, and the failover says how much. The replica's settings are attributes,
// so estate files keep them.

import { copyableAttrs } from '../copy-attrs.js';
import { footprint } from '../datastores.js';
import { migrationBandwidth, SITE_LINK_MBPS } from '../migration-plan.js';
import { fail, ok, type Result } from '../result.js';
import type { Core } from '../state.js';
import { setHostState } from '../transitions.js';
import { formatMiB } from '../units.js';
import { act } from './act.js';
import { createWorkload } from './create.js';
import { note } from './note.js';

export const REPLICA_OF = 'replicaOf';
export const REPLICA_RPO = 'replicaRpoMs';
/** When the replica last matched its source: its recovery point; -1 until the first copy is in. */
export const REPLICA_SYNCED = 'replicaSyncedAt';
/** Which replication this is: a sync event of an earlier replica of the same name finds a different one. */
export const REPLICA_GEN = 'replicaGen';
/** On a source that was failed over: the replica that took over (HA and restarts leave it alone). */
export const FAILED_OVER_TO = 'failedOverTo';

/** Hyper-V Replica's default replication frequency. */
export const DEFAULT_RPO_MS = 5 * 60_000;
/**
 * The recovery point intervals replication takes: 30 s to 24 h. vSphere Replication takes
 * 5 to 1440 minutes (VMware's Add-VrmsReplication, -recoveryPointObjective); the shorter
 * floor lets a lesson show recovery points pass in seconds of a tape.
 */
export const MIN_RPO_MS = 30_000;
export const MAX_RPO_MS = 24 * 3_600_000;

/** A replica's recovery point interval, as the file or :replicate set it, within the range. */
function rpoOf(attrs: Readonly<Record<string, unknown>>): number {
  const rpo = Number(attrs[REPLICA_RPO]);
  return Number.isFinite(rpo) ? Math.min(MAX_RPO_MS, Math.max(MIN_RPO_MS, rpo)) : DEFAULT_RPO_MS;
}

/** States in which a source is not running anywhere. */
const OFF = ['stopped', 'suspended', 'deallocated', 'failed', 'deleted'];

export interface FailoverReport {
  readonly replica: string;
  readonly source: string;
  /** Sim ms of the source's changes the replica does not have. */
  readonly lostMs: number;
  readonly recoveryPoint: number;
}

export function replicate(core: Core, id: string, siteId: string, rpoMs = DEFAULT_RPO_MS): Result<{ replica: string; host: string; seedMs: number }> {
  const wl = core.workloads;
  const w = wl.indexOf(id);
  if (w === undefined || wl.stateOf(w) === 'deleted') return fail('not-found', `no workload named ${id}`);
  const r = wl.records[w];
  if (r.kind !== 'vm') return fail('unsupported', `${r.name} is not a VM: only VMs are replicated`);
  const site = core.topology.siteIndex(siteId);
  if (site === undefined) return fail('not-found', `no site named ${siteId}`);
  if (wl.host[w] < 0) return fail('invalid-state', `${r.name} is not on any host`);
  if (core.hosts.records[wl.host[w]].siteIndex === site) return fail('invalid-input', `${r.name} is already at ${siteId}: replicate it to another site`);
  if (!(Number.isFinite(rpoMs) && rpoMs >= MIN_RPO_MS && rpoMs <= MAX_RPO_MS))
    return fail('invalid-input', `the recovery point interval must be from 30 s to 24 h, got ${rpoMs} ms`);
  const replicaId = `${id}-replica`;
  if (wl.indexOf(replicaId) !== undefined && wl.stateOf(wl.indexOf(replicaId)!) !== 'deleted')
    return fail('duplicate-id', `${r.name} is already replicated (${replicaId})`);
  const gen = ++core.backups.seq;
  const seedMs = Math.max(1000, Math.round((wl.diskMiB[w] / migrationBandwidth(SITE_LINK_MBPS, 0.8)) * 1000));
  // Its disk goes to a datastore the site's clusters of its platform share, where there is one with room (as vSphere
  // Replication asks for a target datastore), so that HA there can restart it; else to its host's own storage.
  const p = core.datastores.disks.get(w);
  const written = p ? footprint(core, w, p)[0] : wl.diskMiB[w];
  const target = core.datastores.records.find(
    (d) =>
      core.topology.clusters[d.clusters[0]].siteIndex === site &&
      d.clusters.some((c) => core.topology.clusters[c].platform === r.platform) &&
      core.datastores.free(d.index) >= written,
  );
  const created = createWorkload(core, {
    id: replicaId,
    platform: r.platform,
    cpuMilli: wl.cpuMilli[w],
    // A replica has its source's configuration: with Dynamic Memory, its startup memory and its range.
    memoryMiB: wl.dynamic.get(w)?.startupMiB ?? wl.memoryMiB[w],
    ...(wl.dynamic.has(w) ? { dynamicMemory: wl.dynamic.get(w) } : {}),
    diskMiB: wl.diskMiB[w],
    image: r.image,
    durations: r.durations,
    overhead: wl.overhead[w],
    model: wl.modelOf(w),
    modelLevel: wl.modelLevel[w],
    placement: { policy: 'spread', site: siteId },
    powerOn: false,
    provisionMs: seedMs,
    ...(target ? { datastore: { id: target.id, format: 'thin', allocatedMiB: Math.min(written, wl.diskMiB[w]) } } : {}),
    attrs: { ...copyableAttrs(r.attrs), [REPLICA_OF]: id, [REPLICA_RPO]: rpoMs, [REPLICA_SYNCED]: -1, [REPLICA_GEN]: gen },
  });
  if (!created.ok) return fail(created.error.code, `no room for a replica of ${r.name} at ${siteId}: ${created.error.message}`, created.error.details);
  core.clock.schedule(seedMs, { type: 'replica-sync', replica: replicaId, gen });
  note(
    core,
    'replication.enabled',
    'workload',
    id,
    `${r.name} replicates to ${replicaId} on ${created.value.host} at ${siteId}, every ${Math.round(rpoMs / 60_000)} min; ` +
      `seeding ${formatMiB(wl.diskMiB[w])} takes about ${Math.round(seedMs / 1000)} s`,
  );
  return ok({ replica: replicaId, host: created.value.host, seedMs });
}

/** A replica is brought up to date (if its source is up and it is still a replica), then again after its RPO. */
export function replicaSyncDue(core: Core, replicaId: string, gen: number): void {
  const wl = core.workloads;
  const w = wl.indexOf(replicaId);
  if (w === undefined || wl.stateOf(w) === 'deleted') return;
  const r = wl.records[w];
  const source = String(r.attrs[REPLICA_OF] ?? '');
  if (!source || r.attrs[REPLICA_GEN] !== gen) return; // failed over, or another replication of the same name
  const s = wl.indexOf(source);
  const up = s !== undefined && wl.host[s] >= 0 && core.hosts.isConnected(wl.host[s]) && wl.stateOf(s) !== 'failed' && wl.stateOf(s) !== 'deleted';
  if (up) r.attrs = { ...r.attrs, [REPLICA_SYNCED]: core.clock.now };
  core.clock.schedule(rpoOf(r.attrs), { type: 'replica-sync', replica: replicaId, gen });
}

/** Brings a replica up in place of its source, from its last recovery point. */
export function failover(core: Core, replicaId: string): Result<FailoverReport> {
  const wl = core.workloads;
  const w = wl.indexOf(replicaId);
  if (w === undefined || wl.stateOf(w) === 'deleted') return fail('not-found', `no replica named ${replicaId}`);
  const r = wl.records[w];
  const source = r.attrs[REPLICA_OF];
  if (typeof source !== 'string') return fail('invalid-input', `${r.name} is not a replica`);
  const synced = Number(r.attrs[REPLICA_SYNCED]);
  if (!(synced >= 0)) return fail('invalid-state', `${r.name} is still seeding: it has no recovery point yet`);
  const s = wl.indexOf(source);
  const alive = s !== undefined && !OFF.includes(wl.stateOf(s)) && wl.host[s] >= 0 && core.hosts.state(wl.host[s]) !== 'failed';
  // Two copies must never run at once: the source has to be down, or shut down for a planned failover.
  if (alive) return fail('invalid-state', `${source} is ${wl.stateOf(s!)}: shut it down first for a planned failover`);
  const before = r.attrs;
  const { [REPLICA_OF]: _o, [REPLICA_RPO]: _r, [REPLICA_SYNCED]: _s, [REPLICA_GEN]: _g, ...rest } = r.attrs;
  r.attrs = { ...rest, failedOverFrom: source, recoveryPoint: synced };
  const started = act(core, replicaId, 'start');
  if (!started.ok) {
    r.attrs = before;
    return started;
  }
  if (s !== undefined && wl.stateOf(s) !== 'deleted') wl.records[s].attrs = { ...wl.records[s].attrs, [FAILED_OVER_TO]: replicaId };
  const lostMs = core.clock.now - synced;
  core.log.append({
    kind: 'replication.failover',
    subjectType: 'workload',
    subjectId: replicaId,
    severity: 'warning',
    message: `${replicaId} takes over from ${source}, from its recovery point ${Math.round(lostMs / 1000)} s ago: the changes made since are lost`,
  });
  core.changed();
  return ok({ replica: replicaId, source, lostMs, recoveryPoint: synced });
}

/** Every host at a site fails at once (a power cut, a flood): the drill's first half. */
export function failSite(core: Core, siteId: string): Result<number> {
  const site = core.topology.siteIndex(siteId);
  if (site === undefined) return fail('not-found', `no site named ${siteId}`);
  let n = 0;
  for (let h = 0; h < core.hosts.count; h++) {
    if (core.hosts.records[h].siteIndex !== site || core.hosts.state(h) === 'failed') continue;
    setHostState(core, h, 'failed', `site ${siteId} is down`);
    n++;
  }
  core.log.append({
    kind: 'site.failed',
    subjectType: 'site',
    subjectId: siteId,
    severity: 'critical',
    message: `Site ${siteId} is down: ${n} host${n === 1 ? '' : 's'} failed`,
  });
  core.changed();
  return ok(n);
}

/** Fails over every replica whose source is at the site: the drill's second half, with what each lost. */
export function failoverSite(core: Core, siteId: string): Result<{ reports: FailoverReport[]; refused: string[] }> {
  const site = core.topology.siteIndex(siteId);
  if (site === undefined) return fail('not-found', `no site named ${siteId}`);
  const wl = core.workloads;
  const reports: FailoverReport[] = [];
  const refused: string[] = [];
  for (let w = 0; w < wl.count; w++) {
    const source = wl.records[w].attrs[REPLICA_OF];
    if (typeof source !== 'string' || wl.stateOf(w) === 'deleted') continue;
    const s = wl.indexOf(source);
    if (s === undefined || wl.host[s] < 0 || core.hosts.records[wl.host[s]].siteIndex !== site) continue;
    const r = failover(core, wl.records[w].id);
    if (r.ok) reports.push(r.value);
    else refused.push(`${wl.records[w].id}: ${r.error.message}`);
  }
  const worst = reports.reduce((a, x) => Math.max(a, x.lostMs), 0);
  core.log.append({
    kind: 'site.failover',
    subjectType: 'site',
    subjectId: siteId,
    severity: 'warning',
    message:
      `Failover of ${siteId}: ${reports.length} VM${reports.length === 1 ? '' : 's'} up at the other site, at most ${Math.round(worst / 1000)} s of changes lost` +
      `${refused.length ? `; ${refused.length} could not fail over` : ''}`,
  });
  return ok({ reports, refused });
}
