// The header's figures: hosts up, workloads running by kind, what the cloud costs
// per hour now, and how many things need attention. One pass over typed arrays,
// so it stays under a millisecond at 100,000 workloads.
import { hourlyRate } from '../core/billing.js';
import { HOST_STATES, WORKLOAD_KINDS, WORKLOAD_STATES } from '../core/model.js';
import type { Simulation } from '../core/simulation.js';
import { countsAsHost } from '../estate/counts.js';

export interface Totals {
  readonly hostsUp: number;
  readonly hosts: number;
  readonly vms: { readonly running: number; readonly total: number };
  readonly containers: { readonly running: number; readonly total: number };
  readonly cloud: { readonly running: number; readonly total: number };
  readonly costPerHour: number;
  /** Failed hosts and workloads, and hosts at 90% CPU or memory or more. */
  readonly alerts: number;
}

const CONNECTED = HOST_STATES.indexOf('connected');
const FAILED_HOST = HOST_STATES.indexOf('failed');
const RUNNING = WORKLOAD_STATES.indexOf('running');
const FAILED = WORKLOAD_STATES.indexOf('failed');
const DELETED = WORKLOAD_STATES.indexOf('deleted');
const VM = WORKLOAD_KINDS.indexOf('vm');
const CONTAINER = WORKLOAD_KINDS.indexOf('container');
const CLOUD = WORKLOAD_KINDS.indexOf('cloud-vm');

export function estateTotals(sim: Simulation): Totals {
  const codes = sim.hosts.codes;
  const m = sim.metrics;
  let hostsUp = 0;
  let hosts = 0;
  let alerts = 0;
  for (let h = 0; h < sim.hosts.count; h++) {
    // Hosts as a user counts them (estate/counts.ts): a cloud region's pool is not one.
    if (!countsAsHost(sim, h)) continue;
    hosts++;
    if (codes[h] === CONNECTED) hostsUp++;
    if (codes[h] === FAILED_HOST) alerts++;
    else if ((m.hostCpuPct[h] ?? 0) >= 90 || (m.hostMemPct[h] ?? 0) >= 90) alerts++;
  }
  const counts = [
    [0, 0],
    [0, 0],
    [0, 0],
  ];
  let cost = 0;
  const wl = sim.workloads;
  for (let w = 0; w < wl.count; w++) {
    const state = wl.state[w];
    if (state === DELETED) continue;
    const kind = wl.kind[w];
    counts[kind][1]++;
    if (state === RUNNING) counts[kind][0]++;
    if (state === FAILED) alerts++;
    if (wl.billRate[w] > 0) cost += hourlyRate(sim, w);
  }
  const pair = (k: number) => ({ running: counts[k][0], total: counts[k][1] });
  return { hostsUp, hosts, vms: pair(VM), containers: pair(CONTAINER), cloud: pair(CLOUD), costPerHour: cost, alerts };
}
