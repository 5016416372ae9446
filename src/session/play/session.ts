// A tape being played: the estate and the console's controller, the tape's
// virtual clock, what is on the screen, and where frames go (the recording, the
// text golden file, the user's terminal during --demo). Time only moves when the
// tape says so (Sleep, typing delays, Wait polls), and the simulation moves with
// it at the console's speed, exactly as the live clock moves it with wall time.

import { advanceWork } from '../../core/advance-limits.js';
import { formatDurationMs } from '../../core/duration.js';
import type { Estate } from '../../estate/estate.js';
import type { Controller } from '../../ui/controller.js';
import type { UiState } from '../../ui/state.js';
import { MAX_CELLS_DRAWN, MAX_RECORDING_BYTES, MAX_TAPE_MS, MAX_TAPE_WORK, TapeLimit, thousands } from '../tape/limits.js';
import type { CastWriter } from './cast.js';
import { renderCaption, renderFrame, renderStatusLine } from './frame.js';
import { composite, diffBytes, stripAnsi } from './screen.js';

/** What --demo plugs in: a real terminal, real time, and a person at the keyboard. */
export interface LiveHooks {
  write(bytes: string): void;
  /** Waits `ms` of real time (scaled by nothing: the tour runs at the pace it was written). */
  pace(ms: number): Promise<void>;
  /** A marker: wait for a key, unless the tour runs --auto. */
  marker(text: string): Promise<LiveAnswer>;
  /** A key pressed while the tour played: esc leaves, q or ctrl-c quits. */
  interrupted(): LiveAnswer | undefined;
}
export type LiveAnswer = 'continue' | 'leave' | 'quit';

/** Tape time between frames while only time passes: two a second, as often as k9s refreshes at its fastest. */
const FRAME_MS = 500;
/**
 * The least tape time between two frames drawn for keys: VHS captures 50 frames a
 * second by default (video.go, DefaultVideoOptions.Framerate), so keys closer
 * together than that land in one frame. A command's last key is always drawn.
 */
const KEY_FRAME_MS = 20;

export class PlaySession {
  /** Tape time that has passed, and the part of it shown (recorded). */
  tapeMs = 0;
  shownMs = 0;
  hidden = false;
  playbackSpeed = 1;
  typingMs = 50;
  waitTimeoutMs = 15_000;
  waitPattern = '>$';
  caption = '';
  /** A line under the caption while --demo waits at a marker ("any key continues"). */
  pauseNote = '';
  clipboard = '';
  /** Full frames drawn so far: what playing a tape costs follows this, not the tape's length. */
  drawn = 0;
  /** What the tape has cost so far against its ceilings (limits.ts): cells drawn, simulation run, bytes recorded. */
  private cells = 0;
  /** Simulation run for the tape so far, in host-and-workload ticks (advanceWork). */
  work = 0;
  private recorded = 0;
  readonly casts: { path: string; writer: CastWriter }[] = [];
  /** Output FILE.svg: each frame a viewer saw (the screen's coloured lines) and when, for an animated picture. */
  readonly animations: { path: string; frames: { ms: number; lines: readonly string[] }[] }[] = [];
  readonly texts: { path: string; chunks: string[] }[] = [];
  private screen: string[] = [];
  /** The console's frame as drawn under the caption (tests check that the caption covers no box line). */
  beneath: readonly string[] = [];
  private emitted: string[] | undefined;
  private frameKey = '';
  private lastState: unknown;
  private lastSecond = -1;
  private lastFullAt = -Infinity;
  private renderedVersion = -1;
  /** The caption's lines at each width asked for, for `captionKey`. */
  private captionLines = new Map<number, string[]>();
  private captionKey = '';
  /** While hidden, what was not drawn; drawn when something reads the screen or Show comes. */
  private stale = false;
  /** A key was pressed but its frame not drawn yet (it came too soon after the last). */
  private pending = false;
  private lastKeyFrameAt = -Infinity;

  constructor(
    readonly estate: Estate,
    readonly controller: Controller,
    readonly live?: LiveHooks,
  ) {}

  /** A new animated picture starts from what a viewer sees now. */
  addAnimation(path: string): void {
    this.animations.push({ path, frames: this.emitted ? [{ ms: this.castMs, lines: this.emitted }] : [] });
  }

  /** A new recording starts from what a viewer sees now, drawn whole. */
  addCast(path: string, writer: CastWriter): void {
    if (this.emitted) writer.output(this.castMs, diffBytes(undefined, this.emitted));
    this.casts.push({ path, writer });
  }

  /** Where the recording is now, in seconds of playback. */
  get castMs(): number {
    return this.shownMs / this.playbackSpeed;
  }

  /**
   * The screen as plain text, one string per row. Wait polls what a viewer sees
   * (frames come at most twice a second while only time passes, as a terminal's
   * would); Expect and Screenshot ask for it `fresh`, drawn from the estate now.
   */
  text(fresh = false): string[] {
    // A hidden screen read by a Wait is drawn as often as a shown one would be, no more.
    const hiddenDue = this.hidden && this.stale && this.tapeMs - this.lastFullAt >= FRAME_MS;
    this.frame((fresh && this.estate.sim.version !== this.renderedVersion) || hiddenDue || this.pending);
    return this.screen.map((l) => stripAnsi(l).replace(/\s+$/, ''));
  }

  /** The screen with its colours (screenshots), drawn from the estate now. */
  coloured(): readonly string[] {
    this.text(true);
    return this.screen;
  }

  /**
   * Redraws what may have changed and sends it where it goes. A full render is
   * the costly part of a frame, so: what happened (the log, the UI state, the
   * size, the caption) redraws at once; time passing alone redraws at most two
   * times a second of tape (FRAME_MS); a command typed at the prompt redraws only its line.
   */
  frame(force = false): void {
    // Nobody sees a hidden screen: it is drawn only when read (Wait, Expect) or shown again.
    if (this.hidden && !force) {
      this.stale = true;
      return;
    }
    this.stale = false;
    this.pending = false;
    const sim = this.estate.sim;
    const c = this.controller;
    const events = `${sim.log.total}|${c.width}x${c.height}|${this.caption}|${this.pauseNote}`;
    const second = Math.floor(sim.now / 1000);
    const state = c.state;
    const timeDue = second !== this.lastSecond && this.tapeMs - this.lastFullAt >= FRAME_MS;
    const stateChanged = state !== this.lastState;
    if (force || events !== this.frameKey || (stateChanged && !promptOnly(this.lastState as UiState | undefined, state)) || timeDue) {
      this.frameKey = events;
      this.lastState = state;
      this.lastSecond = second;
      this.lastFullAt = this.tapeMs;
      this.renderedVersion = sim.version;
      this.drawn++;
      this.cells += c.width * c.height;
      if (this.cells > MAX_CELLS_DRAWN)
        throw new TapeLimit(
          `the tape has drawn ${thousands(MAX_CELLS_DRAWN)} screen cells by here (${thousands(this.drawn)} frames of ${c.width}x${c.height}), ` +
            'the most a tape may: draw fewer frames or a smaller screen',
        );
      const keep = c.tasks().length > 0 ? 3 : 2;
      const lay = c.layout();
      // The caption goes over the body only: never the header and tabs above it, nor the lines below.
      const top = lay.tooSmall ? 0 : Math.max(0, c.height - keep - lay.bodyRows);
      this.beneath = renderFrame(c);
      this.screen = composite(this.beneath, this.captionFor(), { width: c.width, top, keep });
    } else if (stateChanged) {
      this.lastState = state;
      const row = c.height - 2;
      if (row >= 0 && !c.layout().tooSmall) {
        this.screen[row] = renderStatusLine(c);
        this.beneath = Object.assign([...this.beneath], { [row]: this.screen[row] });
      }
    }
    this.emit();
  }

  /** The caption (and the pause note under it) drawn at a width, or undefined when there is none. */
  private captionFor(): ((width: number) => string[]) | undefined {
    const text = [this.caption, this.pauseNote].filter(Boolean).join('\n');
    if (!text) return undefined;
    const key = `${text}|${this.controller.theme.name}`;
    if (key !== this.captionKey) {
      this.captionKey = key;
      this.captionLines.clear();
    }
    return (width) => {
      let lines = this.captionLines.get(width);
      if (!lines) this.captionLines.set(width, (lines = renderCaption(this.controller, text, width)));
      return lines;
    };
  }

  /** Sends the screen to the recordings and the terminal, unless hidden. */
  emit(): void {
    if (this.hidden) return;
    const bytes = diffBytes(this.emitted, this.screen);
    this.emitted = [...this.screen];
    if (bytes.length === 0) return;
    this.record(bytes.length * (this.casts.length + this.animations.length));
    for (const c of this.casts) c.writer.output(this.castMs, bytes);
    for (const a of this.animations) {
      // Frames at one moment: the last is what was seen.
      if (a.frames.at(-1)?.ms === this.castMs) a.frames.pop();
      a.frames.push({ ms: this.castMs, lines: this.emitted });
    }
    this.live?.write(bytes);
  }

  /**
   * Lets `ms` of tape time pass: the simulation moves at the console's speed,
   * with a frame every quarter second of it (a frame is a full render: more would
   * cost time and bytes and show nothing a viewer can read). `between` is time
   * between two keys of the same command: the next key's frame shows it.
   */
  async pass(ms: number, between = false): Promise<void> {
    let left = Math.max(0, Math.round(ms));
    while (left > 0) {
      const speed = this.controller.state.speed;
      const slice = Math.min(left, FRAME_MS);
      left -= slice;
      this.tapeMs += slice;
      if (this.tapeMs > MAX_TAPE_MS)
        throw new TapeLimit(`the tape has run ${formatDurationMs(MAX_TAPE_MS)} of tape time by here, the most a tape may: a day of screencast`);
      if (speed > 0) this.spend(advanceWork(this.estate.sim, slice * speed));
      if (!this.hidden) this.shownMs += slice;
      if (speed > 0) this.estate.sim.advance(slice * speed);
      if (this.live && !this.hidden) await this.live.pace(slice);
      if (!between) this.frame();
      if (this.live?.interrupted()) return;
    }
  }

  /** Counts simulation run for the tape (its Sleeps at speed, its Sim advances) against MAX_TAPE_WORK. */
  spend(work: number): void {
    this.work += work;
    if (this.work > MAX_TAPE_WORK)
      throw new TapeLimit(
        `the tape has run the simulation for ${thousands(MAX_TAPE_WORK)} host-and-workload ticks by here, the most a tape may (a year of the built-in estate, 12 hours of the largest preset)`,
      );
  }

  /** Counts bytes going into the tape's recordings against MAX_RECORDING_BYTES. */
  private record(bytes: number): void {
    this.recorded += bytes;
    if (this.recorded > MAX_RECORDING_BYTES)
      throw new TapeLimit(`the tape's recordings hold ${MAX_RECORDING_BYTES / 1048576} MB by here, the most a tape may write`);
  }

  /** One key, by the app's name for it, then the frame it leads to (unless the last key's frame was too recent). */
  press(key: string, input = ''): void {
    this.controller.press(key, input);
    if (this.tapeMs - this.lastKeyFrameAt < KEY_FRAME_MS) {
      this.pending = true;
      return;
    }
    this.lastKeyFrameAt = this.tapeMs;
    this.frame();
  }

  /** Draws what a command's keys left undrawn. */
  flush(): void {
    if (this.pending) this.frame();
  }

  marker(text: string): void {
    if (this.hidden) return;
    for (const c of this.casts) c.writer.marker(this.castMs, text);
  }

  /** VHS's text output: the screen after each command, then a rule. */
  recordText(): void {
    if (this.hidden || this.texts.length === 0) return;
    const chunk = `${this.text().join('\n')}\n${'─'.repeat(this.controller.width)}\n`;
    this.record(chunk.length * this.texts.length);
    for (const t of this.texts) t.chunks.push(chunk);
  }
}

/** Whether only the prompt's line changed between two UI states (a key typed at the : prompt). */
function promptOnly(before: UiState | undefined, after: UiState): boolean {
  if (before?.overlay?.type !== 'prompt' || after.overlay?.type !== 'prompt') return false;
  const { overlay: a, ...restA } = before;
  const { overlay: b, ...restB } = after;
  for (const k of Object.keys(restB) as (keyof typeof restB)[]) if (restA[k] !== restB[k]) return false;
  return Object.keys(restA).length === Object.keys(restB).length && a !== undefined && b !== undefined;
}
