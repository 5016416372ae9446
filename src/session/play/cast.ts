// Recordings in asciicast, the format asciinema records and plays. v3 (asciinema
// 3.0's default, docs.asciinema.org/manual/asciicast/v3) by default: a header with
// a `term` object, then one JSON array per event, each timed as the interval since
// the one before: [0.250, "o", output], [1.500, "m", label], and at the end
// [0.000, "x", "0"], the tape's exit status. Written as asciinema 3.x writes them
// (src/asciicast/v3.rs): the header's fields in its order, intervals with three
// decimals (its millisecond precision since 3.0.1), a space after each comma.
// v2 (--cast-version 2): width and height, TERM in env, times since the start.
// Times come from the tape's virtual clock in whole milliseconds, so the same tape
// writes the same bytes on every run and every machine.

export type CastVersion = 2 | 3;

export interface CastHeader {
  readonly version: CastVersion;
  readonly width: number;
  readonly height: number;
  /** Fixed, not the wall clock: a recording made today and one made next year are the same file. */
  readonly timestamp: number;
  readonly idleTimeLimit: number;
  readonly title?: string;
  /** The terminal type (TERM): v3's term.type, v2's env.TERM. */
  readonly term: string;
  readonly env: Readonly<Record<string, string>>;
  /** A v3 comment line after the header (what made it), if any. */
  readonly comment?: string;
}

export class CastWriter {
  private readonly lines: string[];
  private lastMs = 0;
  private exited = false;
  readonly version: CastVersion;

  constructor(header: CastHeader) {
    this.version = header.version;
    const h: Record<string, unknown> =
      header.version === 3
        ? {
            version: 3,
            term: { cols: header.width, rows: header.height, type: header.term },
            timestamp: header.timestamp,
            idle_time_limit: header.idleTimeLimit,
          }
        : { version: 2, width: header.width, height: header.height, timestamp: header.timestamp, idle_time_limit: header.idleTimeLimit };
    if (header.title) h.title = header.title;
    h.env = header.version === 3 ? header.env : { ...header.env, TERM: header.term };
    this.lines = [JSON.stringify(h)];
    // The specification's comments: a line starting with #, never the first.
    if (header.version === 3 && header.comment) this.lines.push(`# ${header.comment.replace(/[\r\n]+/g, ' ')}`);
  }

  output(ms: number, data: string): void {
    if (data.length > 0) this.event(ms, 'o', data);
  }

  marker(ms: number, label: string): void {
    this.event(ms, 'm', label);
  }

  /** v3's exit event, once, last: the status as a string ("0"). v2 has none. */
  exit(ms: number, status: number): void {
    if (this.version !== 3 || this.exited) return;
    this.event(ms, 'x', String(status));
    this.exited = true;
  }

  private event(ms: number, code: 'o' | 'm' | 'x', data: string): void {
    // Times never go backwards, whatever the caller does.
    const t = Math.max(this.lastMs, Math.round(ms));
    if (this.version === 2) this.lines.push(JSON.stringify([t / 1000, code, data]));
    else {
      const dt = t - this.lastMs;
      this.lines.push(`[${Math.floor(dt / 1000)}.${String(dt % 1000).padStart(3, '0')}, ${JSON.stringify(code)}, ${JSON.stringify(data)}]`);
    }
    this.lastMs = t;
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

/** A recording read back: its header, and its events with times since the start (v3's intervals summed), comments left out. */
export interface Cast {
  readonly header: Record<string, unknown>;
  readonly events: [number, string, string][];
}

/** Reads an asciicast v2 or v3 (as asciinema does: v3 skips lines starting with #, and sums its intervals in milliseconds). */
export function readCast(text: string): Cast | string {
  const [head, ...rest] = text.split('\n');
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(head) as Record<string, unknown>;
  } catch {
    return 'the first line is not a JSON header';
  }
  const version = header.version;
  if (version !== 2 && version !== 3) return `asciicast version ${String(version)} is not read here (2 or 3 are)`;
  const events: [number, string, string][] = [];
  let ms = 0;
  for (const [i, line] of rest.entries()) {
    if (line === '' || (version === 3 && line.startsWith('#'))) continue;
    let e: unknown;
    try {
      e = JSON.parse(line);
    } catch {
      return `line ${i + 2}: not a JSON event`;
    }
    if (!Array.isArray(e) || e.length !== 3 || typeof e[0] !== 'number' || typeof e[1] !== 'string' || typeof e[2] !== 'string')
      return `line ${i + 2}: an event is [time, code, data]`;
    ms = version === 3 ? ms + Math.round(e[0] * 1000) : Math.round(e[0] * 1000);
    events.push([ms / 1000, e[1], e[2]]);
  }
  return { header, events };
}
