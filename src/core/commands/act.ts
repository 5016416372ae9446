// Lifecycle actions on a workload (start, stop, pause, ...), and raising its claim to power it on.
import { claimForPowerOn } from '../claims.js';
import { type Action, cutStop, EXIT_KILLED, isPoweredOn, planFor, planLevel, refusal } from '../lifecycle.js';
import { fail, ok, type Result } from '../result.js';
import type { Core } from '../state.js';
import { runPlan, type ScheduledStep } from '../transitions.js';
import { CLAIM_FULL } from '../workloads.js';
import { linkedClonesOf } from './clone.js';
import { isTemplate } from './template.js';

export interface ActOptions {
  /** A deadline for a stop's shutdown (docker stop --timeout): a workload still stopping then is killed. Negative: none. */
  readonly killAfterMs?: number;
}

/** Runs a lifecycle action and returns the steps it scheduled. */
export function act(core: Core, id: string, action: Action, options: ActOptions = {}): Result<ScheduledStep[]> {
  const w = core.workloads.indexOf(id);
  if (w === undefined) return fail('not-found', `no workload named ${id}`);
  const record = core.workloads.records[w];
  const state = core.workloads.stateOf(w);
  // A container waiting out its restart back-off still counts as running to Docker: stopping or killing it ends the wait.
  if ((action === 'stop' || action === 'force-stop') && state === 'stopped' && core.workloads.restarting[w]) return ok(cancelRestart(core, w));
  const refused = refusal(action, record.kind, state, record.name);
  if (refused) return fail(refused.code, refused.message, undefined, { state });
  if (action === 'start' && typeof record.attrs.replicaOf === 'string' && record.attrs.replicaOf)
    return fail('invalid-state', `${record.name} is a replica of ${record.attrs.replicaOf}: fail it over to start it`);
  if (action === 'start' && typeof record.attrs.failedOverTo === 'string')
    return fail(
      'invalid-state',
      `${record.name} was failed over to ${record.attrs.failedOverTo}, which runs in its place: starting it too would run two copies`,
    );
  if ((action === 'start' || action === 'restart') && isTemplate(core, w))
    return fail('invalid-state', `${record.name} is a template: deploy a VM from it by cloning it, or make it a VM again`);
  if (action === 'delete') {
    const clones = linkedClonesOf(core, w);
    if (clones.length > 0) return fail('invalid-state', `cannot delete ${record.name}: linked clones share its disk (${clones.join(', ')}); delete them first`);
  }
  // The driver's say as it powers on (Docker binds the container's published ports); a running one restarting keeps its own.
  if ((action === 'start' || action === 'restart') && !isPoweredOn(state)) {
    const guarded = core.startGuards.get(record.platform)?.(record.id, false);
    if (guarded !== undefined) return fail('invalid-state', guarded, undefined, { state, guard: record.platform });
  }
  const plan = planFor(action, state, record.durations, core.rng);
  const killed = options.killAfterMs !== undefined && cutStop(plan, options.killAfterMs);
  const needed = planLevel(record.kind, plan);
  // Powering on needs a host that is up, even where the claim is held already (a stopped cloud VM keeps its allocation).
  const host = core.workloads.host[w];
  const onDownHost = needed === CLAIM_FULL && host >= 0 && !core.hosts.isConnected(host) && !isPoweredOn(state);
  if (needed > core.workloads.level[w] || onDownHost) {
    const claimed = claimForPowerOn(core, w, needed);
    if (!claimed.ok) return claimed;
  }
  // A person stopping a container is remembered: restart policies honour it.
  if (action === 'stop' || action === 'force-stop') core.workloads.userStopped[w] = 1;
  if (action === 'start' || action === 'restart') core.workloads.userStopped[w] = 0;
  // A container's exit code is how its process ended: on its own after the stop signal, or killed
  // (and when, so a kill someone asked for is not taken for the kernel's OOM kill).
  if (record.kind === 'container' && (action === 'stop' || action === 'restart' || action === 'force-stop')) {
    const kill = action === 'force-stop' || killed;
    core.workloads.exitCode[w] = kill ? EXIT_KILLED : 0;
    if (kill) record.attrs = { ...record.attrs, [KILLED_AT]: core.clock.now + (action === 'force-stop' ? 0 : plan[0].ms) };
  }
  const steps = runPlan(core, w, plan);
  core.changed();
  return ok(steps);
}

/** The attribute that says when a container was last killed on request (docker kill, a stop's deadline). */
export const KILLED_AT = 'killedAt';

/** Calls off a pending restart: the workload stays stopped (since its exit), as a person asked. */
function cancelRestart(core: Core, w: number): ScheduledStep[] {
  const wl = core.workloads;
  wl.restarting[w] = 0;
  wl.token[w]++; // the scheduled restart is stale from here
  wl.userStopped[w] = 1;
  core.log.append({
    kind: 'workload.stopped',
    subjectType: 'workload',
    subjectId: wl.records[w].id,
    severity: 'info',
    message: `${wl.records[w].name} will not restart: it was stopped while waiting to`,
  });
  core.changed();
  return [];
}
