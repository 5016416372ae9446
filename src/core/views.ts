// Read models: plain objects describing one host or workload, for drivers, the UI
// and tests. Built on demand from the tables; holding one does not pin anything.
import type { HostState, Platform, WorkloadKind, WorkloadState } from './model.js';
import type { Core } from './state.js';
import { CPU, DISK, MEM } from './units.js';
import type { Attrs } from './workloads.js';

export interface HostView {
  readonly id: string;
  readonly name: string;
  readonly site: string;
  readonly cluster: string;
  readonly platform: Platform;
  readonly state: HostState;
  readonly cores: number;
  readonly memoryMiB: number;
  readonly storageMiB: number;
  readonly nicMbps: number;
  /** Ledger capacity (after reservations and ratios) and what live claims use of it. */
  readonly capacity: { readonly cpuMilli: number; readonly memoryMiB: number; readonly diskMiB: number };
  readonly allocated: { readonly cpuMilli: number; readonly memoryMiB: number; readonly diskMiB: number };
  readonly ratios: { readonly cpu: number; readonly memory: number; readonly storage: number };
  readonly workloads: number;
  readonly cpuPct: number;
  readonly memoryPct: number;
  readonly readyPct: number;
  readonly pressurePct: number;
  readonly powerW: number;
  /** For a container host inside a VM: the VM's id. */
  readonly backingWorkload?: string;
}

export interface WorkloadView {
  readonly id: string;
  readonly name: string;
  readonly platform: Platform;
  readonly kind: WorkloadKind;
  readonly state: WorkloadState;
  /** Where a transition is heading ("running" while booting). */
  readonly target?: WorkloadState;
  readonly host?: string;
  readonly cpuMilli: number;
  readonly memoryMiB: number;
  readonly diskMiB: number;
  readonly image: string;
  readonly cpuPct: number;
  readonly memoryPct: number;
  /** Sim ms since it last started running, or undefined if it is not running. */
  readonly uptimeMs?: number;
  readonly sinceMs: number;
  readonly attrs: Readonly<Attrs>;
}

export function hostView(core: Core, h: number): HostView {
  const r = core.hosts.records[h];
  const { ledger, metrics: m } = core;
  const live = h < m.hostCpuPct.length;
  return {
    id: r.id,
    name: r.name,
    site: core.topology.sites[r.siteIndex].id,
    cluster: core.topology.clusters[r.clusterIndex].id,
    platform: r.platform,
    state: core.hosts.state(h),
    cores: r.cores,
    memoryMiB: r.memoryMiB,
    storageMiB: r.storageMiB,
    nicMbps: r.nicMbps,
    capacity: { cpuMilli: ledger.capacity(h, CPU), memoryMiB: ledger.capacity(h, MEM), diskMiB: ledger.capacity(h, DISK) },
    allocated: { cpuMilli: ledger.used(h, CPU), memoryMiB: ledger.used(h, MEM), diskMiB: ledger.used(h, DISK) },
    ratios: { cpu: r.ratios[CPU], memory: r.ratios[MEM], storage: r.ratios[DISK] },
    workloads: core.hostWorkloads[h] ?? 0,
    cpuPct: live ? m.hostCpuPct[h] : 0,
    memoryPct: live ? m.hostMemPct[h] : 0,
    readyPct: live ? m.hostReadyPct[h] : 0,
    pressurePct: live ? m.hostPressurePct[h] : 0,
    powerW: live ? m.hostPowerW[h] : 0,
    ...(r.backingWorkload >= 0 ? { backingWorkload: core.workloads.records[r.backingWorkload].id } : {}),
  };
}

export function workloadView(core: Core, w: number): WorkloadView {
  const wl = core.workloads;
  const r = wl.records[w];
  const h = wl.host[w];
  const target = wl.targetOf(w);
  const running = wl.runningSince[w];
  return {
    id: r.id,
    name: r.name,
    platform: r.platform,
    kind: r.kind,
    state: wl.stateOf(w),
    ...(target ? { target } : {}),
    ...(h >= 0 ? { host: core.hosts.records[h].id } : {}),
    cpuMilli: wl.cpuMilli[w],
    memoryMiB: wl.memoryMiB[w],
    diskMiB: wl.diskMiB[w],
    image: r.image,
    cpuPct: wl.cpuPct[w],
    memoryPct: wl.memPct[w],
    ...(running >= 0 ? { uptimeMs: core.clock.now - running } : {}),
    sinceMs: wl.since[w],
    attrs: r.attrs,
  };
}
