// asciicast v2 (the format asciinema records and plays): a header line, then one
// JSON array per event: [seconds, "o", output] or [seconds, "m", marker label].
// Times come from the tape's virtual clock in whole milliseconds, so the same
// tape writes the same bytes on every run and every machine.

export interface CastHeader {
  readonly width: number;
  readonly height: number;
  /** Fixed, not the wall clock: a recording made today and one made next year are the same file. */
  readonly timestamp: number;
  readonly idleTimeLimit: number;
  readonly title?: string;
  readonly env: Readonly<Record<string, string>>;
}

export class CastWriter {
  private readonly lines: string[];
  private lastMs = 0;

  constructor(header: CastHeader) {
    const h: Record<string, unknown> = {
      version: 2,
      width: header.width,
      height: header.height,
      timestamp: header.timestamp,
      idle_time_limit: header.idleTimeLimit,
    };
    if (header.title) h.title = header.title;
    h.env = header.env;
    this.lines = [JSON.stringify(h)];
  }

  output(ms: number, data: string): void {
    if (data.length > 0) this.event(ms, 'o', data);
  }

  marker(ms: number, label: string): void {
    this.event(ms, 'm', label);
  }

  private event(ms: number, code: 'o' | 'm', data: string): void {
    // Times never go backwards, whatever the caller does.
    const t = Math.max(this.lastMs, Math.round(ms));
    this.lastMs = t;
    this.lines.push(JSON.stringify([t / 1000, code, data]));
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}
