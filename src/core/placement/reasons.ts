// The words a failed placement shows: one sentence per reason per host, in the
// form "Insufficient memory: needs 8 GiB, esx-03 has 6 GiB free".
import { formatAmount, RESOURCE_NAMES, type Amounts } from '../units.js';

export type ReasonKind =
  | 'incompatible'
  | 'maintenance'
  | 'failed'
  | 'scope'
  | 'excluded'
  | 'affinity'
  | 'anti-affinity'
  | 'ha-admission'
  | 'insufficient-cpu'
  | 'insufficient-memory'
  | 'insufficient-disk';

export interface Reason {
  readonly kind: ReasonKind;
  readonly message: string;
}

export interface HostRejection {
  readonly host: string;
  readonly reasons: readonly Reason[];
}

const INSUFFICIENT: ReasonKind[] = ['insufficient-cpu', 'insufficient-memory', 'insufficient-disk'];

export function insufficient(resource: number, needs: number, host: string, free: number): Reason {
  const name = RESOURCE_NAMES[resource];
  const label = resource === 0 ? 'CPU' : name;
  return {
    kind: INSUFFICIENT[resource],
    message: `Insufficient ${label}: needs ${formatAmount(resource, needs)}, ${host} has ${formatAmount(resource, Math.max(0, free))} free`,
  };
}

export function describeAmounts(amounts: Amounts): string {
  return `${formatAmount(0, amounts[0])}, ${formatAmount(1, amounts[1])} memory, ${formatAmount(2, amounts[2])} disk`;
}

const SUMMARY_WORDS: Record<ReasonKind, string> = {
  incompatible: 'run another platform',
  maintenance: 'in maintenance mode',
  failed: 'failed',
  scope: 'outside the requested scope',
  excluded: 'excluded',
  affinity: 'break an affinity rule',
  'anti-affinity': 'break an anti-affinity rule',
  'ha-admission': 'refused by HA admission control',
  'insufficient-cpu': 'short of CPU',
  'insufficient-memory': 'short of memory',
  'insufficient-disk': 'short of disk',
};

/** "3 short of memory, 1 in maintenance mode": counts of each reason, most common first. */
export function summarize(rejections: readonly HostRejection[]): string {
  const counts = new Map<ReasonKind, number>();
  for (const r of rejections) {
    for (const kind of new Set(r.reasons.map((x) => x.kind))) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([kind, n]) => `${n} ${n === 1 ? 'host' : 'hosts'} ${SUMMARY_WORDS[kind]}`)
    .join(', ');
}
