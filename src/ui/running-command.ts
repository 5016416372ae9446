// Native commands typed at the console's prompt that block, as the real ones do
// (docker run -d until the container runs, az vm create until the VM is up): the
// console stays live while simulated time passes, the status line says what the
// command waits for, and its answer opens when it returns. Lines typed meanwhile
// run after it, in order, as a shell runs lines typed ahead. Esc stops waiting,
// as ctrl-c stops az or govc waiting: what the command started goes on.

import { joined } from '../providers/blocking.js';
import type { ExecResult } from '../providers/provider.js';

export interface Waiting {
  readonly line: string;
  /** What it printed at once, and what it waits for before the rest. */
  readonly first: ExecResult;
}

export interface CommandHost {
  /** Runs a line now: its answer, or its first answer and what it waits for. */
  run(line: string): ExecResult;
  /** Shows a command's whole answer. */
  show(line: string, r: ExecResult): void;
  /** Says what is under way (undefined when nothing is). */
  status(text: string | undefined): void;
}

export class RunningCommands {
  private current: Waiting | undefined;
  private readonly queue: string[] = [];

  constructor(private readonly host: CommandHost) {}

  /** Whether a command is waiting, so a new line must queue behind it. */
  get busy(): boolean {
    return this.current !== undefined;
  }

  /** A line typed at the prompt: queued while another command waits, else run. */
  submit(line: string): void {
    if (this.current) {
      this.queue.push(line);
      this.report();
      return;
    }
    this.begin(line);
  }

  private wait(line: string, first: ExecResult): void {
    this.current = { line, first };
    this.report();
    this.check();
  }

  /** Called whenever the estate changes: a command whose wait is over returns, and the next line runs. */
  check(): void {
    const c = this.current;
    if (!c || !c.first.blocking!.done()) return;
    this.current = undefined;
    const { blocking, ...first } = c.first;
    this.host.show(c.line, joined(first, blocking!.answer()));
    this.next();
  }

  /** Esc: stop waiting for the command (what it started goes on); lines typed behind it are dropped, and said so. */
  stop(): string | undefined {
    const c = this.current;
    if (!c) return undefined;
    this.current = undefined;
    const dropped = this.queue.splice(0);
    this.host.status(undefined);
    return `stopped waiting for ${c.line.split(/\s+/).slice(0, 3).join(' ')}: it goes on${dropped.length ? `; ${dropped.length} line${dropped.length === 1 ? '' : 's'} typed after it not run` : ''}`;
  }

  private begin(line: string): void {
    const r = this.host.run(line);
    if (r.blocking) return this.wait(line, r);
    this.host.show(line, r);
    this.next();
  }

  private next(): void {
    const line = this.queue.shift();
    if (line === undefined) {
      this.host.status(undefined);
      return;
    }
    this.begin(line);
  }

  private report(): void {
    const c = this.current;
    if (!c) return;
    const more = this.queue.length ? ` · ${this.queue.length} more typed` : '';
    this.host.status(`${c.line} · waiting for ${c.first.blocking!.waitingFor}${more} · esc stops waiting`);
  }
}
