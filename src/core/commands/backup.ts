// Taking backups to a target and restoring them (see backups.ts for the model).
import { type BackupJob, type BackupTarget, type PointSpec, type RestorePoint, SOURCE_READ_MIBPS } from '../backups.js';
import { resizeClaim } from '../claims.js';
import { copyableAttrs } from '../copy-attrs.js';
import { recharge } from '../datastores.js';
import { followVmSize } from '../nested-size.js';
import { fail, ok, type Result } from '../result.js';
import type { Core } from '../state.js';
import { cancelPlan, runPlan } from '../transitions.js';
import { formatMiB } from '../units.js';
import { badCount, badId, firstOf } from '../validate.js';
import { type Created, createWorkload } from './create.js';
import { note } from './note.js';

export function addBackupTarget(core: Core, input: { id: string; site: string; capacityMiB: number; throughputMiBps: number }): Result<BackupTarget> {
  const bad = firstOf(
    badId('backup target', input.id),
    badCount(`backup target ${input.id} capacity`, input.capacityMiB, { min: 1, integer: true }),
    badCount(`backup target ${input.id} throughput`, input.throughputMiBps, { min: 1 }),
  );
  if (bad) return fail('invalid-input', bad);
  if (core.backups.target(input.id)) return fail('duplicate-id', `a backup target named ${input.id} exists`);
  if (core.topology.siteIndex(input.site) === undefined) return fail('not-found', `no site named ${input.site}`);
  const t: BackupTarget = { id: input.id, site: input.site, capacityMiB: input.capacityMiB, throughputMiBps: input.throughputMiBps, usedMiB: 0 };
  core.backups.targets.push(t);
  note(core, 'backup.target-added', 'site', input.site, `Backup target ${t.id} added at ${t.site}: ${formatMiB(t.capacityMiB)}, ${t.throughputMiBps} MiB/s`);
  return ok(t);
}

function specOf(core: Core, w: number): PointSpec {
  const wl = core.workloads;
  const r = wl.records[w];
  return {
    platform: r.platform,
    name: r.name,
    cpuMilli: wl.cpuMilli[w],
    memoryMiB: wl.memoryMiB[w],
    diskMiB: wl.diskMiB[w],
    image: r.image,
    attrs: r.attrs,
    durations: r.durations,
    overhead: wl.overhead[w],
    model: wl.modelOf(w),
    modelLevel: wl.modelLevel[w],
    ...(wl.dynamic.has(w) ? { dynamicMemory: { ...wl.dynamic.get(w)! } } : {}),
  };
}

/** Starts a backup of a VM to a target; it keeps `retention` restore points of that VM there. */
export function backup(core: Core, id: string, targetId: string, retention = 7): Result<BackupJob> {
  const wl = core.workloads;
  const w = wl.indexOf(id);
  if (w === undefined || wl.stateOf(w) === 'deleted') return fail('not-found', `no workload named ${id}`);
  const r = wl.records[w];
  if (r.kind !== 'vm')
    return fail(
      'unsupported',
      `${r.name} is ${r.kind === 'container' ? 'a container: back up its volumes, not its image' : 'a cloud VM: the cloud backs it up (Azure Backup)'}`,
    );
  const state = wl.stateOf(w);
  if (state === 'provisioning' || state === 'failed' || state === 'migrating') return fail('invalid-state', `cannot back up ${r.name} while it is ${state}`);
  const target = core.backups.target(targetId);
  if (!target) return fail('not-found', `no backup target named ${targetId} (targets: ${core.backups.targets.map((t) => t.id).join(', ') || 'none'})`);
  if (!(Number.isInteger(retention) && retention >= 1 && retention <= 1000))
    return fail('invalid-input', `retention must be 1 to 1000 restore points, got ${retention}`);
  if (core.backups.jobOf(r.id)) return fail('invalid-state', `a backup of ${r.name} is already running`);
  const size = wl.diskMiB[w];
  // The oldest points over the retention go once this one is in; it must fit before that.
  const incoming = core.backups.jobs.filter((j) => j.target === target.id).reduce((a, j) => a + j.spec.diskMiB, 0);
  const free = target.capacityMiB - target.usedMiB - incoming;
  if (size > free)
    return fail(
      'insufficient-capacity',
      `${target.id} has ${formatMiB(Math.max(0, free))} free${incoming ? ' (counting the backups under way)' : ''}; a backup of ${r.name} needs ${formatMiB(size)}`,
    );
  const ms = Math.max(1000, Math.round((size / Math.min(target.throughputMiBps, SOURCE_READ_MIBPS)) * 1000));
  // Jobs have their own numbers: a workload's token belongs to its lifecycle plans.
  const token = ++core.backups.seq;
  const job: BackupJob = { workload: r.id, target: target.id, startedAt: core.clock.now, endsAt: core.clock.now + ms, retention, token, spec: specOf(core, w) };
  core.backups.jobs.push(job);
  core.clock.schedule(ms, { type: 'backup', vm: r.id, token });
  note(core, 'backup.started', 'workload', r.id, `Backup of ${r.name} to ${target.id} started: ${formatMiB(size)}, about ${Math.round(ms / 1000)} s`);
  return ok(job);
}

/** The clock says a backup is done: its restore point is kept, and the oldest beyond the retention go. */
export function backupDue(core: Core, workload: string, token: number): void {
  const i = core.backups.jobs.findIndex((j) => j.workload === workload && j.token === token);
  if (i < 0) return;
  const [job] = core.backups.jobs.splice(i, 1);
  const target = core.backups.target(job.target);
  if (!target) return;
  const n = (core.backups.counters.get(workload) ?? 0) + 1;
  core.backups.counters.set(workload, n);
  const point: RestorePoint = { id: `${workload}-${n}`, workload, target: target.id, takenAt: job.startedAt, sizeMiB: job.spec.diskMiB, spec: job.spec };
  core.backups.points.push(point);
  target.usedMiB += point.sizeMiB;
  const kept = core.backups.points.filter((p) => p.workload === workload && p.target === target.id).sort((a, b) => a.takenAt - b.takenAt);
  const expired = kept.slice(0, Math.max(0, kept.length - job.retention));
  for (const p of expired) {
    core.backups.points.splice(core.backups.points.indexOf(p), 1);
    target.usedMiB -= p.sizeMiB;
  }
  note(
    core,
    'backup.completed',
    'workload',
    workload,
    `Backup ${point.id} of ${job.spec.name} on ${target.id}: ${formatMiB(point.sizeMiB)}, ` +
      `${Math.min(kept.length, job.retention)} restore point${Math.min(kept.length, job.retention) === 1 ? '' : 's'} kept` +
      `${expired.length ? `, ${expired.map((p) => p.id).join(', ')} expired` : ''}`,
  );
}

export interface RestoreOptions {
  /** Restore as a new VM with this name; otherwise in place, over the VM (which must be powered off). */
  readonly asNew?: string;
  /** Where a new VM goes (a site, for a restore into another datacenter). */
  readonly site?: string;
}

export function restore(core: Core, pointId: string, options: RestoreOptions = {}): Result<Created> {
  const point = core.backups.point(pointId);
  if (!point) return fail('not-found', `no restore point named ${pointId}`);
  const target = core.backups.target(point.target);
  const ms = Math.max(1000, Math.round((point.sizeMiB / (target?.throughputMiBps ?? SOURCE_READ_MIBPS)) * 1000));
  const s = point.spec;
  if (options.asNew !== undefined) {
    const created = createWorkload(core, {
      id: options.asNew,
      platform: s.platform,
      cpuMilli: s.cpuMilli,
      // With Dynamic Memory, as it was set: its startup memory, its range and buffer.
      memoryMiB: s.dynamicMemory ? s.dynamicMemory.startupMiB : s.memoryMiB,
      ...(s.dynamicMemory ? { dynamicMemory: s.dynamicMemory } : {}),
      diskMiB: s.diskMiB,
      image: s.image,
      attrs: { ...copyableAttrs(s.attrs), restoredFrom: point.id },
      durations: s.durations,
      overhead: s.overhead,
      model: s.model,
      modelLevel: s.modelLevel,
      placement: { policy: 'spread', site: options.site },
      powerOn: false,
      provisionMs: ms,
    });
    if (created.ok)
      note(
        core,
        'backup.restored',
        'workload',
        options.asNew,
        `${options.asNew} is being restored from ${point.id} (${s.name} as it was ${clock(point.takenAt)}), about ${Math.round(ms / 1000)} s`,
      );
    return created;
  }
  const wl = core.workloads;
  const w = wl.indexOf(point.workload);
  if (point.orphan || w === undefined || wl.stateOf(w) === 'deleted')
    return fail('not-found', `the VM ${point.id} came from was deleted: restore it as a new VM (give a new name)`);
  const state = wl.stateOf(w);
  if (state !== 'stopped' && state !== 'failed')
    return fail('invalid-state', `power ${s.name} off to restore it in place (it is ${state}), or restore it as a new VM`);
  if (wl.host[w] < 0 || !core.hosts.isConnected(wl.host[w]))
    return fail('invalid-state', `${s.name}'s host is not connected: restore it as a new VM elsewhere (--as NAME)`);
  const r = wl.records[w];
  // Dynamic Memory stays as it is set now: the VM's memory is its maximum, its claim within its range.
  const dm = wl.dynamic.get(w);
  const memory = dm ? dm.startupMiB : s.memoryMiB;
  const grown = resizeClaim(core, w, [s.cpuMilli, memory, Math.max(0, s.diskMiB + (r.claim[2] - wl.diskMiB[w]))], s.diskMiB);
  if (!grown.ok) return fail('insufficient-capacity', `cannot restore ${s.name} in place: ${grown.error.message}`, grown.error.details, grown.error.facts);
  wl.cpuMilli[w] = s.cpuMilli;
  wl.memoryMiB[w] = dm ? dm.maximumMiB : s.memoryMiB;
  wl.diskMiB[w] = s.diskMiB;
  recharge(core, w);
  followVmSize(core, w);
  cancelPlan(core, w);
  const steps = runPlan(core, w, [
    { state: 'provisioning', ms },
    { state: 'stopped', ms: 0 },
  ]);
  note(
    core,
    'backup.restored',
    'workload',
    r.id,
    `${s.name} is being restored in place from ${point.id} (as it was ${clock(point.takenAt)}); what changed since is gone`,
  );
  return ok({ id: r.id, host: core.hosts.records[wl.host[w]].id, score: 100, steps });
}

function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `at ${pad(Math.floor(s / 3600) % 24)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}
