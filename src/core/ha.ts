// HA admission control (vSphere's two classic policies), per cluster:
//  - percentage: keep cpuPct / memoryPct of the cluster's capacity free for failover;
//  - slots: a slot is the largest powered-on claim's CPU and memory; keep enough
//    slots free to restart everything if the `hostFailures` largest hosts fail.
// A power-on that would break the policy is refused, with the figures that say why.
import type { HostTable } from './hosts.js';
import type { Ledger } from './ledger.js';
import type { Topology } from './topology.js';
import { type Amounts, CPU, formatCpu, formatMiB, MEM } from './units.js';

interface FullClaims {
  count: number;
  cpu: Map<number, number>;
  mem: Map<number, number>;
}

export interface FailoverCapacity {
  readonly cluster: string;
  readonly policy: string;
  /** Share of CPU and memory free now, in percent. */
  readonly freeCpuPct: number;
  readonly freeMemoryPct: number;
  /** For the slot policy. */
  readonly slots?: { readonly total: number; readonly reserved: number; readonly used: number };
}

export class HaAdmission {
  private readonly full: FullClaims[] = [];

  constructor(
    private readonly topology: Topology,
    private readonly hosts: HostTable,
    private readonly ledger: Ledger,
  ) {}

  /** A powered-on claim appeared on (or left) a host of the cluster; counted only where a policy needs it. */
  track(cluster: number, amounts: Amounts, delta: 1 | -1): void {
    if (!this.topology.clusters[cluster].ha) return;
    let f = this.full[cluster];
    if (!f) this.full[cluster] = f = { count: 0, cpu: new Map(), mem: new Map() };
    f.count += delta;
    bump(f.cpu, amounts[CPU], delta);
    bump(f.mem, amounts[MEM], delta);
  }

  /** Starts counting a cluster's powered-on claims afresh (its policy was just set): `claims` are all of them. */
  recount(cluster: number, claims: Iterable<Amounts>): void {
    this.full[cluster] = { count: 0, cpu: new Map(), mem: new Map() };
    for (const a of claims) this.track(cluster, a, 1);
  }

  poweredOn(cluster: number): number {
    return this.full[cluster]?.count ?? 0;
  }

  refusal(clusterIndex: number, amounts: Amounts): string | undefined {
    const cluster = this.topology.clusters[clusterIndex];
    const policy = cluster.ha;
    if (!policy) return undefined;
    if (policy.kind === 'percentage') {
      const [capCpu, capMem, useCpu, useMem] = this.totals(clusterIndex);
      const check = (cap: number, use: number, add: number, pct: number, what: string, fmt: (n: number) => string) => {
        if (add === 0 || pct <= 0) return undefined;
        const leftPct = cap > 0 ? (100 * (cap - use - add)) / cap : 0;
        if (leftPct >= pct) return undefined;
        return `HA admission control: cluster ${cluster.id} keeps ${pct}% of its ${what} for failover; powering on ${fmt(add)} would leave ${Math.max(0, leftPct).toFixed(1)}% free`;
      };
      return check(capCpu, useCpu, amounts[CPU], policy.cpuPct, 'CPU', formatCpu) ?? check(capMem, useMem, amounts[MEM], policy.memoryPct, 'memory', formatMiB);
    }
    const s = this.slots(clusterIndex, amounts);
    if (s.used + 1 <= s.total - s.reserved) return undefined;
    const failures = policy.hostFailures === 1 ? '1 host failure' : `${policy.hostFailures} host failures`;
    return (
      `HA admission control: cluster ${cluster.id} has ${s.total} slots of ${formatCpu(s.slotCpu)} and ${formatMiB(s.slotMem)}, ` +
      `keeps ${s.reserved} for ${failures} and uses ${s.used}; powering on needs one more`
    );
  }

  failoverCapacity(clusterIndex: number): FailoverCapacity {
    const cluster = this.topology.clusters[clusterIndex];
    const [capCpu, capMem, useCpu, useMem] = this.totals(clusterIndex);
    const policy = cluster.ha;
    const base = {
      cluster: cluster.id,
      policy: !policy
        ? 'none'
        : policy.kind === 'percentage'
          ? `reserve ${policy.cpuPct}% CPU, ${policy.memoryPct}% memory`
          : `slots for ${policy.hostFailures} host failure(s)`,
      freeCpuPct: capCpu > 0 ? (100 * (capCpu - useCpu)) / capCpu : 0,
      freeMemoryPct: capMem > 0 ? (100 * (capMem - useMem)) / capMem : 0,
    };
    if (policy?.kind !== 'slots') return base;
    const s = this.slots(clusterIndex, [0, 0, 0]);
    return { ...base, slots: { total: s.total, reserved: s.reserved, used: s.used } };
  }

  /** [capacity CPU, capacity memory, used CPU, used memory] over the cluster's connected hosts. */
  private totals(clusterIndex: number): [number, number, number, number] {
    let capCpu = 0,
      capMem = 0,
      useCpu = 0,
      useMem = 0;
    for (const h of this.topology.clusters[clusterIndex].hosts) {
      if (!this.hosts.isConnected(h)) continue;
      // Where admission has no limit (ESXi memory), the cluster's share is of what its hosts have.
      capCpu += this.ledger.scale(h, CPU);
      capMem += this.ledger.scale(h, MEM);
      useCpu += this.ledger.used(h, CPU);
      useMem += this.ledger.used(h, MEM);
    }
    return [capCpu, capMem, useCpu, useMem];
  }

  private slots(clusterIndex: number, extra: Amounts) {
    const policy = this.topology.clusters[clusterIndex].ha;
    const failures = policy?.kind === 'slots' ? policy.hostFailures : 0;
    const f = this.full[clusterIndex];
    const slotCpu = Math.max(1, extra[CPU], ...(f ? f.cpu.keys() : []));
    const slotMem = Math.max(1, extra[MEM], ...(f ? f.mem.keys() : []));
    const perHost: number[] = [];
    for (const h of this.topology.clusters[clusterIndex].hosts) {
      if (!this.hosts.isConnected(h)) continue;
      perHost.push(Math.min(Math.floor(this.ledger.scale(h, CPU) / slotCpu), Math.floor(this.ledger.scale(h, MEM) / slotMem)));
    }
    perHost.sort((a, b) => b - a);
    const total = perHost.reduce((a, b) => a + b, 0);
    const reserved = perHost.slice(0, failures).reduce((a, b) => a + b, 0);
    return { total, reserved, used: f?.count ?? 0, slotCpu, slotMem };
  }
}

function bump(m: Map<number, number>, key: number, delta: number): void {
  const n = (m.get(key) ?? 0) + delta;
  if (n <= 0) m.delete(key);
  else m.set(key, n);
}
