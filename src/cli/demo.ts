// `hyperpane --demo`: the guided tour, live in the user's terminal. It is the
// tape demo/tour.tape played at the pace it was written, with its captions over
// the console and a pause at each marker until a key is pressed (--auto never
// pauses). Esc leaves the tour at any moment and hands the same estate, as it
// stands, to the console to explore; q or ctrl-c quits. What the tour does is the
// tour's, not the user's: the speeds it sets, the commands it types (the prompt's
// history) and any theme are never saved to the settings, and it cannot write
// estate files; from the hand-over on, what the user does is saved as ever.
import { dirname } from 'node:path';
import { visibleText } from '../core/visible.js';
import type { Estate } from '../estate/estate.js';
import type { LiveAnswer, LiveHooks } from '../session/play/session.js';
import type { ThemeLookup } from '../session/play/setup.js';
import { formatProblem } from '../session/tape/ast.js';
import { loadTape } from '../session/tape/load.js';
import { uniqueProblems } from '../session/tape/notices.js';
import { type ConsoleHooks, TOUR_TAPE, tourConsole } from '../session/tour.js';
import type { Controller } from '../ui/controller.js';
import type { Keymap } from '../ui/keymap.js';
import { CLEAR, ENTER_SCREEN, LEAVE_SCREEN, SYNC_OFF, SYNC_ON } from '../ui/terminal/escapes.js';
import { onStopSignal } from './signals.js';

export interface DemoOptions {
  readonly auto: boolean;
  readonly themes: ThemeLookup;
  readonly theme?: string;
  readonly noColor: boolean;
  readonly keymap: Keymap;
  readonly console: ConsoleHooks;
}

export type DemoOutcome = { kind: 'explore'; estate: Estate; controller: Controller } | { kind: 'quit'; code: number };

export async function runDemo(opts: DemoOptions): Promise<DemoOutcome> {
  const loaded = loadTape(TOUR_TAPE);
  if ('error' in loaded || loaded.tape.errors.length > 0) {
    const why = 'error' in loaded ? loaded.error : uniqueProblems(loaded.tape.errors).map(formatProblem).join('\n');
    process.stderr.write(visibleText(`hyperpane: the tour cannot be read:\n${why}\n`));
    return { kind: 'quit', code: 70 };
  }
  const { playTape } = await import('../session/play/player.js');
  const handing = tourConsole(opts.console);
  const stdin = process.stdin;
  const keys = new KeyWatch();
  // Read as Ink reads ('readable', then read()), so the console can take over the stream afterwards.
  const onReadable = () => {
    let chunk: string | Buffer | null;
    while ((chunk = stdin.read() as string | Buffer | null) !== null) keys.onData(String(chunk));
  };
  stdin.setRawMode(true);
  stdin.on('readable', onReadable);
  const out = process.stdout;
  const restore = () => out.write(LEAVE_SCREEN);
  process.once('exit', restore);
  // A signal stops the tour at its next step, as q does; the caller restores the terminal.
  const release = onStopSignal(() => keys.stop());
  out.write(ENTER_SCREEN);
  const live: LiveHooks = {
    write: (bytes) => out.write(SYNC_ON + bytes + SYNC_OFF),
    pace: (ms) => new Promise((r) => setTimeout(r, ms)),
    marker: (text) => (opts.auto ? Promise.resolve('continue') : keys.next(text)),
    interrupted: () => keys.interruption(),
  };
  let result: Awaited<ReturnType<typeof playTape>>;
  try {
    result = await playTape(loaded.tape, {
      tapeDir: dirname(TOUR_TAPE),
      outputs: { root: process.cwd(), force: false },
      themes: opts.themes,
      writeFiles: false,
      live,
      theme: opts.theme,
      noColor: opts.noColor,
      keymap: opts.keymap,
      console: handing.hooks,
      size: { width: out.columns || 80, height: out.rows || 24 },
    });
  } catch (error) {
    restore();
    throw error;
  } finally {
    stdin.off('readable', onReadable);
    stdin.setRawMode(false);
    process.off('exit', restore);
    release();
  }
  const session = result.session;
  if (result.stopped === 'quit' || !session) {
    restore();
    // Nothing reads the terminal any more: let the process end.
    stdin.pause();
    stdin.unref();
    if (!result.ok && result.failure) process.stderr.write(visibleText(`hyperpane: the tour stopped: ${formatProblem(result.failure)}\n`));
    return { kind: 'quit', code: result.ok ? 0 : 1 };
  }
  handing.handOver(session.controller);
  // Left with esc, or the tour is over: the estate is the user's now. The console
  // draws only what it has, so the tour's screen (its caption) is cleared first.
  out.write(CLEAR);
  if (!result.ok && result.failure) session.controller.flash(`the tour stopped at ${formatProblem(result.failure)}; the estate is yours to explore`, 'error');
  else
    session.controller.flash(
      result.stopped === 'leave'
        ? 'you left the tour: the estate is yours to explore (? for keys, q to quit)'
        : 'the tour is over: the estate is yours to explore (? for keys, q to quit)',
    );
  return { kind: 'explore', estate: session.estate, controller: session.controller };
}

/** Keys pressed during the tour: esc and q stop it at once; any key answers a marker. */
class KeyWatch {
  private pending: LiveAnswer | undefined;
  private waiter: ((a: LiveAnswer) => void) | undefined;

  onData = (data: string): void => {
    const answer: LiveAnswer = data === '\u001b' ? 'leave' : data === 'q' || data === '\u0003' ? 'quit' : 'continue';
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w(answer);
      return;
    }
    if (answer !== 'continue') this.pending = answer;
  };

  /** Quits at the next step (a signal). */
  stop(): void {
    this.onData('q');
  }

  interruption(): LiveAnswer | undefined {
    return this.pending;
  }

  next(_marker: string): Promise<LiveAnswer> {
    if (this.pending) return Promise.resolve(this.pending);
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }
}
