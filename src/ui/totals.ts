// The header's figures: hosts up, workloads running by kind, what the cloud costs
// per hour now (its VMs and their disks), and how many things need attention. One pass over every host and
// workload through a cursor each, so it stays around a millisecond at 100,000 workloads.
import type { SimulationApi } from '../core/simulation-api.js';
import { countsAsHost } from '../estate/counts.js';
import type { AlarmLevel } from '../observe/alarm-definitions.js';
import type { Alarm } from '../observe/alarms.js';

export interface Totals {
  readonly hostsUp: number;
  readonly hosts: number;
  readonly vms: { readonly running: number; readonly total: number };
  readonly containers: { readonly running: number; readonly total: number };
  readonly cloud: { readonly running: number; readonly total: number };
  readonly costPerHour: number;
  /** Failed workloads, and VMs paused because their datastore is full: what needs a hand but raises no alarm of its own. */
  readonly failed: number;
  /** The alarms triggered on what the user acting may see (observe/alarms.ts): how many, how many not acknowledged, the worst of those. */
  readonly alarms: { readonly total: number; readonly unacknowledged: number; readonly worst?: AlarmLevel };
}

/** `diskCostPerHour`: what the cloud's managed disks cost an hour, billed whatever their VMs' power states. */
export function estateTotals(
  sim: SimulationApi,
  diskCostPerHour = 0,
  seen?: { readonly workloads: ReadonlySet<string>; readonly hosts: ReadonlySet<string> },
  triggered: readonly Alarm[] = [],
): Totals {
  let hostsUp = 0;
  let hosts = 0;
  let failed = 0;
  const host = sim.hostCursor();
  for (let h = 0; h < sim.hostCount; h++) {
    // Hosts as a user counts them (estate/counts.ts): a cloud region's pool is not one.
    if (!countsAsHost(host.at(h))) continue;
    // Only what the user acting may see (input/policy.ts; the Hosts pane lists the same).
    if (seen && !seen.hosts.has(host.id)) continue;
    hosts++;
    const state = host.state;
    if (state === 'connected') hostsUp++;
  }
  const vms = { running: 0, total: 0 };
  const containers = { running: 0, total: 0 };
  const cloud = { running: 0, total: 0 };
  const byKind = { vm: vms, container: containers, 'cloud-vm': cloud };
  let cost = diskCostPerHour;
  const row = sim.workloadCursor();
  for (let w = 0; w < sim.workloadCount; w++) {
    const state = row.at(w).state;
    if (state === 'deleted' || (seen && !seen.workloads.has(row.id))) continue;
    const count = byKind[row.kind];
    count.total++;
    if (state === 'running') count.running++;
    if (state === 'failed') failed++;
    else if (state === 'paused' && sim.stunned(row.id)) failed++;
    if (row.priced) cost += row.hourlyRate;
  }
  let total = 0;
  let unacknowledged = 0;
  let worst: AlarmLevel | undefined;
  for (const a of triggered) {
    const visible = !seen || (a.subjectType === 'host' ? seen.hosts : a.subjectType === 'workload' ? seen.workloads : undefined)?.has(a.subjectId) !== false;
    if (!visible) continue;
    total++;
    if (a.acknowledgedBy !== undefined || a.closedBy !== undefined) continue;
    unacknowledged++;
    if (worst !== 'critical') worst = a.level;
  }
  return { hostsUp, hosts, vms, containers, cloud, costPerHour: cost, failed, alarms: { total, unacknowledged, ...(worst ? { worst } : {}) } };
}
