// The audit trail: every change made to the estate, and every attempt refused,
// with who made it, as what, by which native command, on which object, with
// which result, when (simulated time) and a correlation id (as Azure's activity
// log gives each operation one), kept in the estate file with the rest.

export type AuditResult = 'succeeded' | 'failed' | 'denied';

export interface AuditEntry {
  /** Simulated time, ms. */
  readonly at: number;
  readonly user: string;
  /** What let the user do it (a role and where it is granted), or what it lacked. */
  readonly as: string;
  /** The native command (a key's action is written as the command it stands for). */
  readonly command: string;
  readonly object: string;
  readonly result: AuditResult;
  /** The first line of what the command said. */
  readonly detail: string;
  readonly correlationId: string;
  /** Whether it changed the estate. */
  readonly changed: boolean;
}

/** How many entries a trail keeps, a bound of ours (not a platform's): the oldest go first, and a file stays readable after a busy tape. */
export const AUDIT_LIMIT = 100_000;

export class AuditTrail {
  private list: AuditEntry[] = [];
  /** Entries ever recorded (numbering the correlation ids, so a trimmed trail still gives new ones). */
  count = 0;

  get entries(): readonly AuditEntry[] {
    return this.list;
  }

  record(entry: AuditEntry): void {
    this.list.push(entry);
    this.count++;
    if (this.list.length > AUDIT_LIMIT) this.list = this.list.slice(this.list.length - AUDIT_LIMIT);
  }

  /** Puts back a trail read from a file. */
  load(entries: readonly AuditEntry[], count: number): void {
    this.list = [...entries];
    this.count = Math.max(count, entries.length);
  }
}

/** One entry as a JSON line (audit --jsonl), its simulated time written as `time`: keys in a fixed order. */
export function auditJsonLine(e: AuditEntry, time: string): string {
  return JSON.stringify({
    time,
    user: e.user,
    as: e.as,
    command: e.command,
    object: e.object,
    result: e.result,
    changed: e.changed,
    detail: e.detail,
    correlationId: e.correlationId,
  });
}
