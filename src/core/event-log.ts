// The one log of everything that happened: the Events pane, detail views, tape
// assertions and saved estates all read it. Bounded, so long runs stay flat.
import { RingBuffer } from './ring-buffer.js';

export type Severity = 'info' | 'warning' | 'critical';
export const SUBJECT_TYPES = ['estate', 'site', 'cluster', 'host', 'workload', 'datastore'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export interface LogEntry {
  readonly seq: number;
  /** Sim time in ms. */
  readonly at: number;
  /** A dotted machine-readable kind, e.g. "workload.started", "placement.failed". */
  readonly kind: string;
  readonly subjectType: SubjectType;
  readonly subjectId: string;
  readonly severity: Severity;
  /** The sentence a person reads: "web-01 started on esx-02". */
  readonly message: string;
}

export type NewLogEntry = Omit<LogEntry, 'seq' | 'at'>;

export const DEFAULT_LOG_CAPACITY = 20_000;

export class EventLog {
  private readonly ring: RingBuffer<LogEntry>;
  private readonly listeners = new Set<(entry: LogEntry) => void>();
  private nextSeq = 0;

  constructor(
    private readonly now: () => number,
    capacity = DEFAULT_LOG_CAPACITY,
  ) {
    this.ring = new RingBuffer(capacity);
  }

  append(entry: NewLogEntry): LogEntry {
    // Every field spelled out: spread copies are slow to create and to read.
    const full: LogEntry = {
      seq: this.nextSeq++,
      at: this.now(),
      kind: entry.kind,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      severity: entry.severity,
      message: entry.message,
    };
    this.ring.push(full);
    for (const listener of this.listeners) listener(full);
    return full;
  }

  /** Restores entries from a saved estate, keeping their original times and numbers; `total` is how many were ever logged. */
  restore(entries: readonly LogEntry[], total = 0): void {
    for (const e of entries) {
      this.ring.push(e);
      this.nextSeq = Math.max(this.nextSeq, e.seq + 1);
    }
    this.nextSeq = Math.max(this.nextSeq, total);
  }

  subscribe(listener: (entry: LogEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.ring.size;
  }

  /** How many entries were ever logged, kept or not. */
  get total(): number {
    return this.nextSeq;
  }

  at(i: number): LogEntry | undefined {
    return this.ring.at(i);
  }

  recent(n: number): LogEntry[] {
    return this.ring.newest(n);
  }

  forSubject(subjectId: string, n: number): LogEntry[] {
    return this.ring.newest(n, (e) => e.subjectId === subjectId);
  }

  all(): LogEntry[] {
    return this.ring.toArray();
  }
}
