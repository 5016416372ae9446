// Lifecycle actions on a workload (start, stop, pause, ...), and raising its claim to power it on.
import { claimForPowerOn } from '../claims.js';
import { isPoweredOn, planFor, planLevel, refusal, type Action } from '../lifecycle.js';
import { CLAIM_FULL } from '../workloads.js';
import { fail, ok, type Result } from '../result.js';
import type { Core } from '../state.js';
import { runPlan, type ScheduledStep } from '../transitions.js';
import { linkedClonesOf } from './clone.js';
import { isTemplate } from './template.js';

/** Runs a lifecycle action and returns the steps it scheduled. */
export function act(core: Core, id: string, action: Action): Result<ScheduledStep[]> {
  const w = core.workloads.indexOf(id);
  if (w === undefined) return fail('not-found', `no workload named ${id}`);
  const record = core.workloads.records[w];
  const state = core.workloads.stateOf(w);
  const refused = refusal(action, record.kind, state, record.name);
  if (refused) return fail(refused.code, refused.message);
  if (action === 'start' && typeof record.attrs.replicaOf === 'string' && record.attrs.replicaOf) return fail('invalid-state', `${record.name} is a replica of ${record.attrs.replicaOf}: fail it over to start it`);
  if (action === 'start' && typeof record.attrs.failedOverTo === 'string') return fail('invalid-state', `${record.name} was failed over to ${record.attrs.failedOverTo}, which runs in its place: starting it too would run two copies`);
  if ((action === 'start' || action === 'restart') && isTemplate(core, w)) return fail('invalid-state', `${record.name} is a template: deploy a VM from it by cloning it, or make it a VM again`);
  if (action === 'delete') {
    const clones = linkedClonesOf(core, w);
    if (clones.length > 0) return fail('invalid-state', `cannot delete ${record.name}: linked clones share its disk (${clones.join(', ')}); delete them first`);
  }
  const plan = planFor(action, state, record.durations, core.rng);
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
  const steps = runPlan(core, w, plan);
  core.changed();
  return ok(steps);
}
