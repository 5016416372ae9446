// The words a failed placement shows: one sentence per reason per host, in the
// form "Insufficient memory: needs 8 GiB, esx-03 has 6 GiB free".
import { type Amounts, formatAmount, RESOURCE_NAMES } from '../units.js';

export type ReasonKind =
  | 'incompatible'
  | 'maintenance'
  | 'failed'
  | 'scope'
  | 'lacks'
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

export function insufficientKind(resource: number): ReasonKind {
  return INSUFFICIENT[resource];
}

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

/** How each reason reads after a count of hosts: [one host, several]. */
const SUMMARY_WORDS: Record<ReasonKind, readonly [string, string]> = {
  incompatible: ['runs another hypervisor', 'run another hypervisor'],
  maintenance: ['is in maintenance mode', 'are in maintenance mode'],
  failed: ['has failed', 'have failed'],
  scope: ['is outside the requested scope', 'are outside the requested scope'],
  lacks: ['lacks what it needs', 'lack what it needs'],
  excluded: ['is excluded', 'are excluded'],
  affinity: ['breaks an affinity rule', 'break an affinity rule'],
  'anti-affinity': ['breaks an anti-affinity rule', 'break an anti-affinity rule'],
  'ha-admission': ['is refused by HA admission control', 'are refused by HA admission control'],
  'insufficient-cpu': ['has too little CPU', 'have too little CPU'],
  'insufficient-memory': ['has too little memory', 'have too little memory'],
  'insufficient-disk': ['has too little disk', 'have too little disk'],
};

/** What a refused placement found, counted host by host without a sentence per host. */
export interface RefusalCounts {
  /** Hosts looked at. */
  total: number;
  /** Hosts refusing for each reason (a host may have several). */
  readonly kinds: Map<ReasonKind, number>;
  /** Per resource, among the hosts short of it, the most free and where. */
  readonly mostFree: ({ free: number; host: string } | undefined)[];
  /** HA admission control's own words, from the first cluster that refused. */
  ha?: string;
  /** The clusters whose HA admission control refused. */
  readonly haClusters: Set<number>;
  /** What the hosts a driver allows have that the others lack (PlacementRequest.hostsWhy). */
  lacks?: string;
}

/** Keeps HA admission control's words from the first cluster that refused, and counts the clusters. */
export function noteHa(c: RefusalCounts, cluster: number, message: () => string): void {
  if (c.haClusters.size === 0) c.ha = message();
  c.haClusters.add(cluster);
}

export function emptyCounts(): RefusalCounts {
  return { total: 0, kinds: new Map(), mostFree: [undefined, undefined, undefined], haClusters: new Set() };
}

export function countReason(c: RefusalCounts, kind: ReasonKind): void {
  c.kinds.set(kind, (c.kinds.get(kind) ?? 0) + 1);
}

/**
 * kube-scheduler's summary of a pod nobody can take (pkg/scheduler/schedule_one.go
 * FitError.Error: "0/13 nodes are available: 3 Insufficient memory, ..."), in
 * sentences: "0/13 hosts are available: 9 run another hypervisor, 3 have too
 * little memory (needs 8 GiB, most free 6 GiB on kvm-02), 1 is in maintenance
 * mode". Most common reasons first; the per-host list is explain()'s.
 */
export function summarize(c: RefusalCounts, amounts: Amounts): string {
  const parts = [...c.kinds.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([kind, n]) => {
      const words = `${n} ${SUMMARY_WORDS[kind][n === 1 ? 0 : 1]}`;
      const r = INSUFFICIENT.indexOf(kind);
      const most = r >= 0 ? c.mostFree[r] : undefined;
      if (most) return `${words} (needs ${formatAmount(r, amounts[r])}, most free ${formatAmount(r, Math.max(0, most.free))} on ${most.host})`;
      if (kind === 'lacks' && c.lacks) return `${n} ${n === 1 ? 'lacks' : 'lack'} ${c.lacks}`;
      if (kind === 'ha-admission' && c.ha) {
        const others = c.haClusters.size - 1;
        return `${words} (${c.ha.replace(/^HA admission control: /, '')}${others > 0 ? `; and ${others} other cluster${others === 1 ? '' : 's'}` : ''})`;
      }
      return words;
    });
  return `0/${c.total} ${c.total === 1 ? 'host is' : 'hosts are'} available${parts.length ? `: ${parts.join(', ')}` : ''}`;
}
