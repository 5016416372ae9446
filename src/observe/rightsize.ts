// Right-sizing each workload from its demand history, as Azure Migrate sizes a
// machine by performance (Microsoft Learn, azure-docs articles/migrate/
// concepts-assessment-calculation.md, "Calculate sizing (performance-based)"):
// take the chosen percentile of its utilisation over the performance history,
// multiply by the comfort factor, and size for that. Defaults are Azure
// Migrate's (how-to-modify-assessment.md): the 95th percentile, a comfort factor
// of 1.3, one day of history. Its confidence rating (confidence-ratings.md)
// grades how much of that history there is: 0-20% of the data points one star,
// 21-40% two, 41-60% three, 61-80% four, 81-100% five.
// Idle machines are flagged by Azure Advisor's shut-down rule
// (azure-monitor-docs articles/advisor/advisor-cost-recommendations.md): the
// P95 of CPU under 3% and the P100 of average CPU at most 2%. Advisor also asks
// for outbound network under 2%; no workload here has a network load to judge,
// so that part is not applied.
import type { SimulationApi, WorkloadRow } from '../core/index.js';
import { MINUTE_MS } from '../core/index.js';
import { percentile } from './stats.js';

export const PERCENTILE = 95;
export const COMFORT_FACTOR = 1.3;
/** The performance history the confidence is judged against: one day. */
export const HISTORY_MS = 86_400_000;
/** Advisor's shut-down thresholds, percent of CPU. */
export const IDLE_P95_CPU = 3;
export const IDLE_MAX_AVG_CPU = 2;

export type RightSizeAction = 'shut down' | 'downsize' | 'upsize' | 'keep';

export interface RightSize {
  readonly id: string;
  readonly kind: string;
  readonly platform: string;
  readonly host?: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly p95CpuPct: number;
  readonly p95MemoryPct: number;
  readonly recommendVcpus: number;
  readonly recommendMemoryMiB: number;
  readonly action: RightSizeAction;
  /** The arithmetic, as a planner would check it: "P95 18% of 8 vCPU x 1.3 -> 2 vCPU". */
  readonly working: string;
  /** Share of a day's history there is, and Azure Migrate's stars for it. */
  readonly coveragePct: number;
  readonly confidence: 1 | 2 | 3 | 4 | 5;
}

/** Azure Migrate's confidence rating for the share of data points available. */
export function confidenceStars(coveragePct: number): 1 | 2 | 3 | 4 | 5 {
  if (coveragePct <= 20) return 1;
  if (coveragePct <= 40) return 2;
  if (coveragePct <= 60) return 3;
  if (coveragePct <= 80) return 4;
  return 5;
}

/** Memory is recommended in steps: 512 MiB for a machine (its console's slider steps), 4 MiB for a container (docker's -m takes any size). */
const MEMORY_STEP_MIB = { vm: 512, 'cloud-vm': 512, container: 4 } as const;

/** The advice for one workload, or undefined if it has no history (it has not run since the estate was loaded). */
export function rightSize(w: WorkloadRow): RightSize | undefined {
  const coarse = w.history('cpu', 'coarse');
  const fine = coarse.length > 0 ? coarse : w.history('cpu', 'minute');
  if (fine.length === 0) return undefined;
  const mem = coarse.length > 0 ? w.history('memory', 'coarse') : w.history('memory', 'minute');
  // Ten-minute points when there are any (as Azure Migrate keeps), else the minutes so far.
  const observedMs = coarse.length > 0 ? coarse.length * 10 * MINUTE_MS : fine.length * MINUTE_MS;
  const coveragePct = Math.min(100, (100 * observedMs) / HISTORY_MS);
  const p95Cpu = percentile(fine, PERCENTILE)!;
  const p95Mem = percentile(mem, PERCENTILE) ?? 0;
  const vcpus = w.cpuMilli / 1000;
  const needCpu = (vcpus * p95Cpu * COMFORT_FACTOR) / 100;
  const recommendVcpus = Math.max(1, Math.ceil(needCpu - 1e-9));
  const needMem = (w.memoryMiB * p95Mem * COMFORT_FACTOR) / 100;
  const step = MEMORY_STEP_MIB[w.kind];
  // Rounding up to a step never asks for more than it has unless it needs more.
  const rounded = Math.max(step, Math.ceil(needMem / step - 1e-9) * step);
  // A Hyper-V VM with Dynamic Memory is assigned what it demands already (its size is a ceiling): its vCPUs alone are advised.
  const recommendMemoryMiB = w.dynamicMemory ? w.memoryMiB : needMem <= w.memoryMiB ? Math.min(rounded, w.memoryMiB) : rounded;
  const idle = p95Cpu < IDLE_P95_CPU && Math.max(...fine) <= IDLE_MAX_AVG_CPU;
  const grows = recommendVcpus > vcpus || recommendMemoryMiB > w.memoryMiB;
  const shrinks = recommendVcpus < vcpus || recommendMemoryMiB < w.memoryMiB;
  const action: RightSizeAction = idle ? 'shut down' : grows ? 'upsize' : shrinks ? 'downsize' : 'keep';
  const pct = (n: number) => `${Math.round(n)}%`;
  const working = `P${PERCENTILE} ${pct(p95Cpu)} of ${fmt(vcpus)} vCPU x ${COMFORT_FACTOR} -> ${recommendVcpus} vCPU`;
  return {
    id: w.id,
    kind: w.kind,
    platform: w.platform,
    ...(w.host ? { host: w.host } : {}),
    vcpus,
    memoryMiB: w.memoryMiB,
    p95CpuPct: p95Cpu,
    p95MemoryPct: p95Mem,
    recommendVcpus,
    recommendMemoryMiB,
    action,
    working,
    coveragePct,
    confidence: confidenceStars(coveragePct),
  };
}

/** Every workload with history, those with the most to give back first. */
export function rightSizeReport(sim: SimulationApi): RightSize[] {
  const out: RightSize[] = [];
  const row = sim.workloadCursor();
  for (let w = 0; w < sim.workloadCount; w++) {
    row.at(w);
    // Only what runs: a stopped workload's history is zeros, and advice to shut it down or shrink it would be wrong.
    if (row.state !== 'running' || row.template) continue;
    const r = rightSize(row);
    if (r) out.push(r);
  }
  const order: Record<RightSizeAction, number> = { 'shut down': 0, downsize: 1, upsize: 2, keep: 3 };
  return out.sort((a, b) => order[a.action] - order[b.action] || b.vcpus - b.recommendVcpus - (a.vcpus - a.recommendVcpus) || a.id.localeCompare(b.id));
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
