// The prompt's disaster-recovery commands: :backup, :restore, :replicate,
// :failover and :backups (targets and restore points), each saying what it did
// or why it could not.

import { parseDurationMs } from '../../core/duration.js';
import { formatMiB } from '../../core/units.js';
import type { Controller } from '../controller.js';
import { simClock } from '../format.js';
import { auditOwn } from './policy.js';

/** Each says whether it changes the estate (read-only mode refuses those: input/dispatch.ts). */
export const DR_COMMANDS = [
  {
    name: 'backup',
    args: 'VM [TARGET] [KEEP]',
    description: 'back a VM up to a target (default: the one at its site), keeping KEEP restore points (7)',
    changes: true,
  },
  { name: 'restore', args: 'POINT [NEW-NAME] [SITE]', description: 'restore a restore point in place (VM off), or as a new VM', changes: true },
  { name: 'replicate', args: 'VM SITE [RPO]', description: 'replicate a VM to another site, a recovery point every RPO (5m)', changes: true },
  { name: 'failover', args: 'SITE|REPLICA', description: "bring replicas up at the other site (a site's, or one), saying what was lost", changes: true },
  { name: 'backups', args: '[VM]', description: 'backup targets and restore points', changes: false },
] as const;

export type DrCommand = (typeof DR_COMMANDS)[number]['name'];

export function runDr(ctl: Controller, name: DrCommand, args: string[]): void {
  const sim = ctl.estate.sim;
  const before = sim.version - sim.advanced;
  drCommand(ctl, name, args);
  // Each change it made is on the audit trail (the B key's backup, as :backup).
  if (sim.version - sim.advanced !== before) auditOwn(ctl, `:${[name, ...args].join(' ')}`, args[0] ?? '');
}

function drCommand(ctl: Controller, name: DrCommand, args: string[]): void {
  const sim = ctl.estate.sim;
  const say = (r: { ok: boolean; error?: { message: string } }, done: string) =>
    ctl.flash(r.ok ? done : (r.error?.message ?? 'failed'), r.ok ? 'info' : 'error');
  switch (name) {
    case 'backup': {
      const [vm, target, keep] = args;
      if (!vm) return ctl.flash(':backup takes a VM, and if you like a target and how many restore points to keep', 'error');
      const t = target ?? defaultTarget(ctl, vm);
      if (!t) return ctl.flash(`no backup target: :backups lists them`, 'error');
      const r = sim.backup(vm, t, keep === undefined ? undefined : Number(keep));
      return say(r, r.ok ? `backing ${vm} up to ${t}: about ${Math.round((r.value.endsAt - r.value.startedAt) / 1000)} s` : '');
    }
    case 'restore': {
      const [point, asNew, site] = args;
      if (!point) return ctl.flash(':restore takes a restore point (:backups lists them)', 'error');
      const r = sim.restore(point, { ...(asNew ? { asNew } : {}), ...(site ? { site } : {}) });
      return say(r, r.ok ? `restoring ${point} ${asNew ? `as ${asNew} on ${r.value.host}` : 'in place'}` : '');
    }
    case 'replicate': {
      const [vm, site, rpo] = args;
      if (!vm || !site) return ctl.flash(':replicate takes a VM and the site to replicate it to', 'error');
      const ms = rpo === undefined ? undefined : parseDurationMs(rpo);
      if (rpo !== undefined && ms === undefined) return ctl.flash(`:replicate: not a duration: ${rpo} (like 5m or 30s)`, 'error');
      const r = sim.replicate(vm, site, ms);
      return say(r, r.ok ? `${vm} replicates to ${r.value.replica} on ${r.value.host}; seeding takes about ${Math.round(r.value.seedMs / 1000)} s` : '');
    }
    case 'failover': {
      const [what] = args;
      if (!what) return ctl.flash(':failover takes a site (all its replicated VMs) or a replica', 'error');
      if (sim.site(what) !== undefined) {
        const r = sim.failoverSite(what);
        if (!r.ok) return ctl.flash(r.error.message, 'error');
        const lines = [
          ...r.value.reports.map(
            (x) =>
              `${x.source.padEnd(20)} → ${x.replica.padEnd(28)} recovery point ${simClock(x.recoveryPoint)}, ${Math.round(x.lostMs / 1000)} s of changes lost`,
          ),
          ...r.value.refused.map((x) => `not failed over: ${x}`),
        ];
        ctl.set({
          overlay: {
            type: 'output',
            title: `:failover ${what}: ${r.value.reports.length} VM${r.value.reports.length === 1 ? '' : 's'} up at the other site`,
            lines: lines.length ? lines : ['no replicated VMs at this site'],
            scroll: 0,
            failed: r.value.refused.length > 0,
          },
        });
        return;
      }
      const r = sim.failover(what);
      return say(r, r.ok ? `${what} is up in place of ${r.value.source}; ${Math.round(r.value.lostMs / 1000)} s of changes lost` : '');
    }
    case 'backups': {
      const targets = sim.backupTargets();
      const lines = [
        ...targets.map(
          (t) => `${t.id.padEnd(16)} at ${t.site.padEnd(10)} ${formatMiB(t.usedMiB)} of ${formatMiB(t.capacityMiB)} used, ${t.throughputMiBps} MiB/s`,
        ),
        '',
        ...sim
          .restorePoints()
          .filter((p) => !args[0] || p.workload === args[0])
          .map((p) => `${p.id.padEnd(20)} ${p.workload.padEnd(16)} ${simClock(p.takenAt)}  ${formatMiB(p.sizeMiB).padStart(8)}  on ${p.target}`),
        ...sim
          .backupJobs()
          .filter((j) => !args[0] || j.workload === args[0])
          .map((j) => `${`(${j.workload})`.padEnd(20)} backing up to ${j.target}, done ${simClock(j.endsAt)}`),
      ];
      ctl.set({
        overlay: { type: 'output', title: ':backups', lines: targets.length ? lines : ['no backup targets in this estate'], scroll: 0, failed: false },
      });
    }
  }
}

/** The target at the VM's site, else the first. */
function defaultTarget(ctl: Controller, vm: string): string | undefined {
  const sim = ctl.estate.sim;
  const site = sim.workload(vm)?.host ? sim.host(sim.workload(vm)!.host!)?.site : undefined;
  const targets = sim.backupTargets();
  return (targets.find((t) => t.site === site) ?? targets[0])?.id;
}
