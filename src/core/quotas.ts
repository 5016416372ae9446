// Quotas: named counters with a limit, such as an Azure subscription's vCPUs in a
// region or in one VM family. A workload's quota claims are taken whole or not at
// all, and held for as long as the workload exists: a deallocated cloud VM still
// counts its cores, as Azure counts them.
import { fail, ok, type Result } from './result.js';

export interface Quota {
  readonly key: string;
  /** "Standard BS Family vCPUs in westeurope" */
  readonly label: string;
  limit: number;
  used: number;
}

export interface QuotaClaim {
  readonly key: string;
  readonly amount: number;
}

export class Quotas {
  private readonly quotas = new Map<string, Quota>();
  private readonly held = new Map<number, QuotaClaim[]>();

  define(key: string, label: string, limit: number): Quota {
    const existing = this.quotas.get(key);
    if (existing) {
      existing.limit = limit;
      return existing;
    }
    const q: Quota = { key, label, limit, used: 0 };
    this.quotas.set(key, q);
    return q;
  }

  get(key: string): Quota | undefined {
    return this.quotas.get(key);
  }

  all(): Quota[] {
    return [...this.quotas.values()];
  }

  /** Takes every claim or none: "Quota exceeded: Standard BS Family vCPUs in westeurope, 10 of 10 used". */
  claim(w: number, claims: readonly QuotaClaim[], what: string): Result<void> {
    for (const c of claims) {
      const q = this.quotas.get(c.key);
      if (!q) return fail('quota-exceeded', `no quota named ${c.key}`);
      if (q.used + c.amount > q.limit) {
        return fail('quota-exceeded', `Quota exceeded: ${q.label}, ${q.used} of ${q.limit} used; ${what} needs ${c.amount} more`);
      }
    }
    this.hold(w, claims);
    return ok(undefined);
  }

  /**
   * Holds claims whatever the limits say: what a loaded estate file already holds
   * (a quota lowered after the workload took it). The workload keeps them, so the
   * next save writes them again; `claim` refuses new ones past the limit.
   */
  hold(w: number, claims: readonly QuotaClaim[]): void {
    const merged = new Map<string, number>();
    for (const c of [...(this.held.get(w) ?? []), ...claims]) merged.set(c.key, (merged.get(c.key) ?? 0) + c.amount);
    for (const c of claims) this.quotas.get(c.key)!.used += c.amount;
    this.held.set(
      w,
      [...merged.entries()].map(([key, amount]) => ({ key, amount })),
    );
  }

  /** Gives back everything the workload holds (it was deleted). */
  release(w: number): void {
    for (const c of this.held.get(w) ?? []) {
      const q = this.quotas.get(c.key);
      if (q) q.used -= c.amount;
    }
    this.held.delete(w);
  }

  /** Replaces what a workload holds (a resize): all or nothing. */
  replace(w: number, claims: readonly QuotaClaim[], what: string): Result<void> {
    const before = this.held.get(w) ?? [];
    this.release(w);
    const r = this.claim(w, claims, what);
    if (!r.ok) this.claim(w, before, what);
    return r;
  }

  heldBy(w: number): readonly QuotaClaim[] {
    return this.held.get(w) ?? [];
  }
}
