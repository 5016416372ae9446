// Lifecycle actions on a workload (start, stop, pause, ...), and raising its claim to power it on.
import { setClaim } from '../claims.js';
import { planFor, planLevel, refusal, type Action } from '../lifecycle.js';
import { fail, ok, type Result } from '../result.js';
import type { Core } from '../state.js';
import { runPlan, type ScheduledStep } from '../transitions.js';
import { CLAIM_FULL, type ClaimLevel } from '../workloads.js';

/** Runs a lifecycle action and returns the steps it scheduled. */
export function act(core: Core, id: string, action: Action): Result<ScheduledStep[]> {
  const w = core.workloads.indexOf(id);
  if (w === undefined) return fail('not-found', `no workload named ${id}`);
  const record = core.workloads.records[w];
  const state = core.workloads.stateOf(w);
  const refused = refusal(action, record.kind, state, record.name);
  if (refused) return fail(refused.code, refused.message);
  const plan = planFor(action, state, record.durations, core.rng);
  const needed = planLevel(record.kind, plan);
  if (needed > core.workloads.level[w]) {
    const claimed = claimForPowerOn(core, w, needed);
    if (!claimed.ok) return claimed;
  }
  const steps = runPlan(core, w, plan);
  core.changed();
  return ok(steps);
}

/** Raises a workload's claim to power it on: on its host if that host can take it, else wherever placement finds room. */
export function claimForPowerOn(core: Core, w: number, level: ClaimLevel): Result<void> {
  const record = core.workloads.records[w];
  const host = core.workloads.host[w];
  const powerOn = level === CLAIM_FULL && record.kind === 'vm';
  if (host >= 0 && core.hosts.isConnected(host)) {
    const refusal = powerOn ? core.ha.refusal(core.hosts.records[host].clusterIndex, record.claim) : undefined;
    if (refusal) return fail('admission-control', refusal);
    return setClaim(core, w, level);
  }
  const outcome = core.placer.place({ platform: record.platform, amounts: record.claim, powerOn, label: record.name, ...record.placement });
  if (!outcome.ok) return fail('insufficient-capacity', outcome.message, outcome.rejections.flatMap((r) => r.reasons.map((x) => x.message)));
  return setClaim(core, w, level, outcome.host);
}
