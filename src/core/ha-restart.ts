// HA restarts (vSphere HA, a Hyper-V failover cluster): when a host of an HA
// cluster fails, its VMs are restarted on the cluster's other hosts once the
// failure is declared, highest restart priority first, as far as capacity goes.
// Admission control is what kept room for this; the restarts themselves are not
// refused by it, as in vSphere. A VM with no room stays failed on its host, with
// the reason logged, and is tried again (vSphere HA's retries: 2, 4, 8, 16 minutes
// later); one left over comes back on its own host when that host returns. A VM
// whose disk is on the failed host's own storage (no shared datastore) cannot be
// opened by any other host: HA leaves it, as vSphere HA protects only VMs on
// datastores other hosts see.
import { allowedHosts } from './allowed-hosts.js';
import { hostAmounts, setClaim } from './claims.js';
import { onOwnStorage } from './datastores.js';
import { planFor } from './lifecycle.js';
import { naturalCompare } from './natural-compare.js';
import { fail, ok, type Result } from './result.js';
import type { Core } from './state.js';
import { runPlan } from './transitions.js';
import { CLAIM_FULL } from './workloads.js';

/** A VM's restart priority (the attribute drivers and files set); medium when unset. */
export const HA_PRIORITY_ATTR = 'haPriority';
export const HA_PRIORITIES = ['disabled', 'lowest', 'low', 'medium', 'high', 'highest'] as const;
export type HaPriority = (typeof HA_PRIORITIES)[number];

/** Heartbeats missed, isolation checked, the host declared dead: about 20 s in vSphere. */
export const HA_DETECT_MS = 20_000;
/** When failed restarts are tried again, after the first attempt. */
export const HA_RETRY_MS = [120_000, 240_000, 480_000, 960_000] as const;

export function priorityOf(core: Core, w: number): HaPriority {
  const p = core.workloads.records[w].attrs[HA_PRIORITY_ATTR];
  return typeof p === 'string' && (HA_PRIORITIES as readonly string[]).includes(p) ? (p as HaPriority) : 'medium';
}

/** Whether HA looks after the VMs on this host. */
export function haProtects(core: Core, host: number): boolean {
  return core.topology.clusters[core.hosts.records[host].clusterIndex].haRestart;
}

/** The VMs HA should restart from a failed host, in the order it restarts them. */
export function haCandidates(core: Core, host: number): number[] {
  const wl = core.workloads;
  const out: number[] = [];
  for (let w = 0; w < wl.count; w++) {
    if (wl.host[w] !== host || wl.records[w].kind !== 'vm' || wl.stateOf(w) !== 'failed') continue;
    if (priorityOf(core, w) === 'disabled') continue;
    if (typeof wl.records[w].attrs.failedOverTo === 'string') continue; // its replica runs in its place
    // Its disk is on the failed host's own storage: no other host can open it.
    if (onOwnStorage(core, w)) continue;
    out.push(w);
  }
  const rank = (w: number) => HA_PRIORITIES.indexOf(priorityOf(core, w));
  return out.sort((a, b) => rank(b) - rank(a) || naturalCompare(wl.records[a].id, wl.records[b].id));
}

/** The failed VMs of a host whose disks are on its own storage, by name: HA leaves them until the host is back. */
function strandedOn(core: Core, host: number): string[] {
  const wl = core.workloads;
  const out: string[] = [];
  for (let w = 0; w < wl.count; w++) if (wl.host[w] === host && wl.stateOf(w) === 'failed' && onOwnStorage(core, w)) out.push(wl.records[w].name);
  return out.sort(naturalCompare);
}

/** A host of an HA cluster has just failed: its VMs will be restarted once the failure is declared. */
export function haHostFailed(core: Core, host: number): void {
  if (!haProtects(core, host)) return;
  const vms = haCandidates(core, host);
  const id = core.hosts.records[host].id;
  const stranded = strandedOn(core, host);
  if (stranded.length > 0)
    core.log.append({
      kind: 'ha.no-shared-storage',
      subjectType: 'host',
      subjectId: id,
      severity: 'warning',
      message: `HA cannot restart ${stranded.join(', ')} elsewhere: ${stranded.length === 1 ? 'its disk is' : 'their disks are'} on ${id}'s own storage, which no other host sees`,
    });
  if (vms.length === 0) return;
  core.log.append({
    kind: 'ha.failure-detected',
    subjectType: 'host',
    subjectId: id,
    severity: 'warning',
    message: `HA: ${id} is down; restarting ${vms.length} VM${vms.length === 1 ? '' : 's'} on other hosts in about ${HA_DETECT_MS / 1000} s`,
  });
  core.clock.schedule(HA_DETECT_MS, { type: 'ha', host, attempt: 0 });
}

/** The clock says HA restarts the VMs of `host` now (attempt 0, then the retries). */
export function haDue(core: Core, host: number, attempt: number): void {
  if (core.hosts.state(host) !== 'failed') return; // it came back: its VMs restart there
  const wl = core.workloads;
  const cluster = core.topology.clusters[core.hosts.records[host].clusterIndex];
  let left = 0;
  for (const w of haCandidates(core, host)) {
    const r = wl.records[w];
    const outcome = core.placer.place({
      platform: r.platform,
      amounts: hostAmounts(core, w, r.claim),
      policy: r.placement.policy,
      cluster: cluster.id,
      excludeHosts: [host],
      antiAffinityGroup: r.placement.antiAffinityGroup,
      label: r.name,
      ...allowedHosts(core, w),
    });
    if (!outcome.ok) {
      left++;
      const retry =
        attempt < HA_RETRY_MS.length ? `; trying again in ${HA_RETRY_MS[attempt] / 60_000} min` : '; no more attempts: it comes back when its host does';
      core.log.append({
        kind: 'ha.restart-failed',
        subjectType: 'workload',
        subjectId: r.id,
        severity: 'critical',
        message: `HA could not restart ${r.name}: ${outcome.message}${retry}`,
      });
      continue;
    }
    const to = core.hosts.records[outcome.host].id;
    // Its disk is on the cluster's shared storage: the claim moves whole to the new host.
    const moved = setClaim(core, w, CLAIM_FULL, outcome.host);
    if (!moved.ok) {
      left++;
      continue;
    }
    core.log.append({
      kind: 'ha.restarted',
      subjectType: 'workload',
      subjectId: r.id,
      severity: 'warning',
      message: `HA restarting ${r.name} on ${to} (priority ${priorityOf(core, w)})`,
    });
    runPlan(core, w, planFor('start', 'failed', r.durations, core.rng));
  }
  if (left > 0 && attempt < HA_RETRY_MS.length) core.clock.schedule(HA_RETRY_MS[attempt], { type: 'ha', host, attempt: attempt + 1 });
  core.changed();
}

/** Sets a VM's HA restart priority (vSphere's VM override, a cluster group's priority in Hyper-V). */
export function setHaPriority(core: Core, id: string, priority: string): Result<void> {
  const wl = core.workloads;
  const w = wl.indexOf(id);
  if (w === undefined || wl.stateOf(w) === 'deleted') return fail('not-found', `no workload named ${id}`);
  if (!(HA_PRIORITIES as readonly string[]).includes(priority))
    return fail('invalid-input', `restart priority must be one of ${HA_PRIORITIES.join(', ')}, got ${priority}`);
  const r = wl.records[w];
  if (r.kind !== 'vm') return fail('unsupported', `${r.name} is not a VM: HA restarts VMs`);
  r.attrs = { ...r.attrs, [HA_PRIORITY_ATTR]: priority };
  core.log.append({ kind: 'ha.priority', subjectType: 'workload', subjectId: id, severity: 'info', message: `HA restart priority of ${r.name}: ${priority}` });
  core.changed();
  return ok(undefined);
}
