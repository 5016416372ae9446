// Changing a workload's size (az vm resize, Set-VM -ProcessorCount, govc vm.change):
// its spec, its claim on its host and its quota claims change together, or not at
// all. Whether a platform allows it while the guest runs is the driver's rule.
import { resizeClaim } from '../claims.js';
import { recharge } from '../datastores.js';
import { followVmSize } from '../nested-size.js';
import type { QuotaClaim } from '../quotas.js';
import { fail, ok, type Result } from '../result.js';
import type { Core } from '../state.js';
import { type Amounts, formatCpu, formatMiB } from '../units.js';
import { badCount, firstOf } from '../validate.js';
import { wholeVcpus } from './create.js';

export interface ResizeInput {
  readonly cpuMilli?: number;
  readonly memoryMiB?: number;
  readonly diskMiB?: number;
  /** The new claim; by default the claim follows the spec where it was the spec. */
  readonly claim?: Amounts;
  /** The quota claims it should hold now. */
  readonly quota?: readonly QuotaClaim[];
}

export function resize(core: Core, id: string, input: ResizeInput): Result<void> {
  const wl = core.workloads;
  const w = wl.indexOf(id);
  if (w === undefined || wl.stateOf(w) === 'deleted') return fail('not-found', `no workload named ${id}`);
  const problem = firstOf(
    input.cpuMilli === undefined ? undefined : badCount(`${id} CPU`, input.cpuMilli, { min: 1, integer: true }),
    wholeVcpus(id, wl.records[w].platform, input.cpuMilli),
    input.memoryMiB === undefined ? undefined : badCount(`${id} memory`, input.memoryMiB, { min: 1, integer: true }),
    input.diskMiB === undefined ? undefined : badCount(`${id} disk`, input.diskMiB, { min: wl.diskMiB[w], integer: true }),
  );
  if (problem)
    return fail(
      'invalid-input',
      problem.replace(/must be at least (\d+)/, (_, n) => `cannot shrink below ${formatMiB(Number(n))}`),
    );
  if (wl.stateOf(w) === 'migrating') return fail('invalid-state', `cannot resize ${id} while it is migrating`);
  const record = wl.records[w];
  const cpu = input.cpuMilli ?? wl.cpuMilli[w];
  const mem = input.memoryMiB ?? wl.memoryMiB[w];
  const disk = input.diskMiB ?? wl.diskMiB[w];
  const follow = (claimed: number, spec: number, next: number) => (claimed === spec ? next : claimed);
  const claim: Amounts = input.claim ?? [
    follow(record.claim[0], wl.cpuMilli[w], cpu),
    follow(record.claim[1], wl.memoryMiB[w], mem),
    record.claim[2] - wl.diskMiB[w] + disk,
  ];
  const quotaBefore = core.quotas.heldBy(w);
  if (input.quota) {
    const q = core.quotas.replace(w, input.quota, record.name);
    if (!q.ok) return q;
  }
  const r = resizeClaim(core, w, claim, disk);
  if (!r.ok) {
    if (input.quota) core.quotas.replace(w, quotaBefore, record.name);
    return fail('insufficient-capacity', `cannot resize ${id}: ${r.error.message}`, r.error.details, r.error.facts);
  }
  wl.cpuMilli[w] = cpu;
  wl.memoryMiB[w] = mem;
  wl.diskMiB[w] = disk;
  recharge(core, w);
  followVmSize(core, w);
  core.log.append({
    kind: 'workload.resized',
    subjectType: 'workload',
    subjectId: record.id,
    severity: 'info',
    message: `${record.name} resized to ${formatCpu(cpu)}, ${formatMiB(mem)} memory, ${formatMiB(disk)} disk`,
  });
  core.changed();
  return ok(undefined);
}
