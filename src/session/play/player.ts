// Plays a parsed tape against the console on the virtual clock: keys go to the
// controller as a person's would, every Sleep, typing delay and Wait poll moves
// simulated time (never wall time), and frames go to the recordings. The result
// says whether every Wait and Expect held, and if not, where and what the
// screen showed.

import { advanceWork, workBetween } from '../../core/advance-limits.js';
import { parseDurationMs } from '../../core/duration.js';
import { table } from '../../core/own.js';
import type { UserRegex } from '../../core/regex.js';
import { runSim } from '../../estate/scenario/run.js';
import { Controller, type ControllerOptions } from '../../ui/controller.js';
import { clean } from '../../ui/format.js';
import { Keymap } from '../../ui/keymap.js';
import { SHOW_CURSOR } from '../../ui/terminal/escapes.js';
import { animatedSvg } from '../svg.js';
import type { Command, Pos, Problem, Tape } from '../tape/ast.js';
import { MAX_OUTPUTS, TapeLimit } from '../tape/limits.js';
import { firstAction, RECORDED_OUTPUT, SETUP_KINDS, tapeNotices, uniqueProblems, unknownThemeNotice } from '../tape/notices.js';
import { compileTapeRegex } from '../tape/regex.js';
import { SETTINGS } from '../tape/settings.js';
import { type CastHeader, type CastVersion, CastWriter } from './cast.js';
import { OutputRecord } from './output-record.js';
import { type OutputIntent, type OutputPolicy, outputTarget, userTarget, type Written, writeOutput } from './outputs.js';
import { requireProgram } from './require.js';
import { screenshot, svgLook } from './screenshot.js';
import { type LiveHooks, PlaySession } from './session.js';
import { setUp, type ThemeLookup } from './setup.js';
import { lookState } from './wait-state.js';

export interface PlayOptions {
  /** Where the tape is: estate files it names are read relative to it. */
  readonly tapeDir: string;
  /**
   * Where Output and Screenshot paths are relative to, and must stay inside (the
   * tape's folder, or play --out DIR); whether files that are not earlier
   * recordings may be replaced; the record of what tapes wrote.
   */
  readonly outputs: OutputPolicy;
  readonly themes: ThemeLookup;
  /** An asciicast to write besides the tape's own Output lines (--record). */
  readonly record?: string;
  /** The asciicast version the recordings are written in (--cast-version): 3 unless 2 is asked for. */
  readonly castVersion?: CastVersion;
  /** Honour the tape's Output and Screenshot lines (tests and --no-output turn this off). */
  readonly writeFiles?: boolean;
  /** Keep --record's recording in memory only (tests read it from the result). */
  readonly recordOnlyInMemory?: boolean;
  readonly live?: LiveHooks;
  /** The theme when the tape sets none (--demo: the user's), and whether colour is off (NO_COLOR). */
  readonly theme?: string;
  readonly noColor?: boolean;
  /** Key bindings (--demo: the user's, so the console they land in works as they set it up). */
  readonly keymap?: Keymap;
  /** The terminal's own size (--demo), over the tape's. */
  readonly size?: { readonly width: number; readonly height: number };
  /** Hooks for the console the tour hands over to (saving, settings, history). */
  readonly console?: Pick<ControllerOptions, 'onSave' | 'onOpen' | 'onSettings' | 'history'>;
  /** Called after each command with the screen as it stands; true stops the tape there (a picture of one frame, tests that watch every caption). */
  readonly observe?: (command: Command, session: PlaySession) => boolean | undefined;
}

export interface PlayFailure {
  readonly pos: Pos;
  readonly message: string;
  readonly screen: readonly string[];
}

export interface PlayResult {
  readonly ok: boolean;
  readonly failure?: PlayFailure;
  readonly notices: readonly Problem[];
  readonly written: readonly Written[];
  /** Each recording's text, by path (tests read them without files). */
  readonly casts: ReadonlyMap<string, string>;
  readonly session?: PlaySession;
  /** The person at the keyboard left the tour (esc) or quit (q, ctrl-c); or `observe` stopped the tape. */
  readonly stopped?: 'leave' | 'quit' | 'observed';
  readonly tapeMs: number;
}

/** The keys the console understands, by the name a tape gives them. */
const KEY_NAMES: Readonly<Record<string, [string, string]>> = table<[string, string]>({
  Enter: ['enter', ''],
  Backspace: ['backspace', ''],
  Delete: ['delete', ''],
  Insert: ['insert', ''],
  Tab: ['tab', ''],
  Space: ['space', ' '],
  Up: ['up', ''],
  Down: ['down', ''],
  Left: ['left', ''],
  Right: ['right', ''],
  PageUp: ['pageup', ''],
  PageDown: ['pagedown', ''],
  Escape: ['escape', ''],
  Home: ['home', ''],
  End: ['end', ''],
});

export async function playTape(tape: Tape, given: PlayOptions): Promise<PlayResult> {
  // Without a record on disk, the tape still knows what it wrote itself (two Screenshots of one name).
  const options: PlayOptions = { ...given, outputs: { ...given.outputs, record: given.outputs.record ?? OutputRecord.open(undefined) } };
  const notices: Problem[] = [...tape.notices, ...tapeNotices(tape)];
  const first = firstAction(tape.commands);
  const top = tape.commands.slice(0, first);
  const noColor = options.noColor === true || top.some((c) => c.kind === 'env' && c.name === 'NO_COLOR' && c.value !== '');
  const setup = setUp(top, options.tapeDir, options.themes, noColor, options.theme);
  const empty = () => ({ notices: uniqueProblems(notices), written: [], casts: new Map<string, string>(), tapeMs: 0 });
  if (!setup.ok) return { ok: false, failure: { ...setup.error, screen: [] }, ...empty() };
  notices.push(...setup.notices);
  const { estate, theme, speed } = setup.value;
  const { width, height } = options.size ?? setup.value;
  const controller = new Controller({
    estate,
    keymap: options.keymap ?? new Keymap(),
    theme,
    themes: { names: options.themes.names, resolve: options.themes.resolve },
    speed,
    width,
    height,
    onSave: () => ({ ok: false, message: 'a tape does not write estate files (:w is off while a tape plays)' }),
    ...options.console,
  });
  const session = new PlaySession(estate, controller, options.live);
  const term = top.find((c): c is Extract<Command, { kind: 'env' }> => c.kind === 'env' && c.name === 'TERM')?.value ?? 'xterm-256color';
  const title = tape.file
    .split('/')
    .pop()!
    .replace(/\.tape$/, '');
  const header: CastHeader = {
    version: options.castVersion ?? 3,
    width,
    height,
    timestamp: SIM_EPOCH_S + Math.floor(estate.sim.now / 1000),
    idleTimeLimit: setup.value.idleTimeLimit,
    title,
    term,
    env: { SHELL: '/bin/sh' },
    comment: `hyperpane played ${title}.tape on its virtual clock: the same tape, seed and estate give these bytes on every run`,
  };
  const addCast = (path: string) => session.addCast(path, new CastWriter(header));
  /** Each file the tape will write (by real path): where it was asked for, as what it was named, and by whom. */
  const outputAt = new Map<string, OutputIntent>();
  const written: Written[] = [];
  // --record is the user's own request: written even with --no-output, which is about the tape's lines.
  if (options.record) {
    const target = options.recordOnlyInMemory ? { path: options.record } : userTarget(options.outputs, options.record);
    if ('error' in target)
      return {
        ok: false,
        failure: { pos: { file: tape.file, line: 1, col: 1 }, message: `--record ${options.record}: ${target.error}`, screen: [] },
        ...empty(),
      };
    addCast(target.path);
    outputAt.set(target.path, { pos: { file: tape.file, line: 1, col: 1 }, named: options.record, user: true });
  }

  let failure: PlayFailure | undefined;
  const fail = (pos: Pos, message: string) => {
    failure = { pos, message, screen: session.text() };
  };
  session.frame(true);
  let stopped: 'leave' | 'quit' | 'observed' | undefined;
  /** The chapters (markers), to say which one a pause is at: "Chapter 3 of 8: Overcommit". */
  const chapters = tape.commands.filter((c) => c.kind === 'marker');
  for (let i = 0; i < tape.commands.length && !failure && !stopped; i++) {
    const c = tape.commands[i];
    const atTop = i < first;
    try {
      await run(session, c, atTop, { fail, notice: (pos, message) => notices.push({ pos, message }), addCast, options, outputAt, written });
      session.flush();
    } catch (e) {
      // A ceiling the tape went past (limits.ts): it stops there, with what it was doing.
      if (!(e instanceof TapeLimit)) throw e;
      fail(c.pos, e.message);
    }
    const key = options.live?.interrupted();
    if (key && key !== 'continue') stopped = key;
    if (c.kind === 'marker' && options.live && !session.hidden && !failure && !stopped) {
      session.pauseNote = `Chapter ${chapters.indexOf(c) + 1} of ${chapters.length}: ${clean(c.text)}\n▶ any key goes on · esc leaves the tour to explore · q quits`;
      session.frame();
      const answer = await options.live.marker(c.text);
      session.pauseNote = '';
      session.frame();
      if (answer !== 'continue') stopped = answer;
    }
    if (!SETUP_KINDS.has(c.kind)) session.recordText();
    if (!failure && !stopped && options.observe?.(c, session)) stopped = 'observed';
  }
  for (const c of session.casts) c.writer.output(session.castMs, SHOW_CURSOR);
  // v3 ends with the tape's exit status, as asciinema ends with the command's.
  for (const c of session.casts) c.writer.exit(session.castMs, failure ? 1 : 0);
  const casts = new Map(session.casts.map((c) => [c.path, c.writer.text()]));
  if (!failure) {
    const files: [string, string][] = [
      ...casts,
      ...session.texts.map((t): [string, string] => [t.path, t.chunks.join('')]),
      ...session.animations.map((a): [string, string] => [a.path, animatedSvg(a.frames, svgLook(session, title))]),
    ];
    for (const [path, text] of files) {
      const intent = outputAt.get(path);
      // The tape's own files only when asked for (tests and --no-output leave them in memory); --record always.
      if (!intent || (intent.user ? options.recordOnlyInMemory : options.writeFiles === false)) continue;
      const r = writeOutput(options.outputs, intent, text);
      if ('error' in r) {
        failure = { pos: intent.pos, message: `${intent.user ? '--record' : 'Output'} ${intent.named}: ${r.error}`, screen: [] };
        break;
      }
      written.push(r);
    }
  }
  options.outputs.record?.save();
  // A file written twice (a Screenshot repeated) is reported once, with what it holds now.
  const files = [...new Map(written.map((w) => [w.path, w])).values()];
  return {
    ok: !failure,
    ...(failure ? { failure } : {}),
    notices: uniqueProblems(notices),
    written: files,
    casts,
    session,
    ...(stopped ? { stopped } : {}),
    tapeMs: session.tapeMs,
  };
}

/** 2026-01-01T00:00:00Z: the simulated clock's zero, so a recording's timestamp is the estate's, not today's. */
const SIM_EPOCH_S = 1_767_225_600;

interface Context {
  fail(pos: Pos, message: string): void;
  notice(pos: Pos, message: string): void;
  addCast(path: string): void;
  readonly options: PlayOptions;
  readonly outputAt: Map<string, OutputIntent>;
  /** Files written as the tape plays (screenshots). */
  readonly written: Written[];
}

async function run(s: PlaySession, c: Command, atTop: boolean, ctx: Context): Promise<void> {
  switch (c.kind) {
    case 'output': {
      if (!RECORDED_OUTPUT.test(c.path)) return; // for VHS: said in the notices
      const target = ctx.options.writeFiles === false ? { path: c.path } : outputTarget(ctx.options.outputs, c.path);
      if ('error' in target) return ctx.fail(c.pos, `Output ${c.path}: ${target.error}`);
      const earlier = ctx.outputAt.get(target.path);
      if (earlier) return ctx.fail(c.pos, `Output ${c.path}: ${earlier.user ? '--record' : `line ${earlier.pos.line}`} writes that file already`);
      if ([...ctx.outputAt.values()].filter((o) => !o.user).length >= MAX_OUTPUTS)
        return ctx.fail(c.pos, `Output ${c.path}: a tape writes ${MAX_OUTPUTS} outputs at most`);
      ctx.outputAt.set(target.path, { pos: c.pos, named: c.path, user: false });
      if (c.path.toLowerCase().endsWith('.cast')) ctx.addCast(target.path);
      else if (c.path.toLowerCase().endsWith('.svg')) s.addAnimation(target.path);
      else s.texts.push({ path: target.path, chunks: [] });
      return;
    }
    case 'set':
      return applySet(s, c, atTop, ctx);
    case 'key': {
      if (c.key === 'ScrollUp' || c.key === 'ScrollDown') return; // no scrollback: said in the notices
      const [name, input] = KEY_NAMES[c.key];
      for (let r = 0; r < c.repeat; r++) {
        s.press(name, input);
        await s.pass(c.delayMs ?? s.typingMs, r < c.repeat - 1);
      }
      return;
    }
    case 'type':
      return typeText(s, c.text, c.delayMs ?? s.typingMs);
    case 'chord':
      s.press(c.key, c.input);
      return;
    case 'sleep':
      return s.pass(c.ms);
    case 'wait':
      return waitFor(s, c, ctx);
    case 'wait-state':
      return waitState(s, c, ctx);
    case 'expect': {
      const re = compileTapeRegex(c.pattern);
      if (re.ok && !matches(s, c.scope, re.re, true)) ctx.fail(c.pos, `Expect${c.scope === 'Screen' ? '+Screen' : ''} /${c.pattern}/ did not match the screen`);
      return;
    }
    case 'hide':
      s.hidden = true;
      return;
    case 'show':
      s.hidden = false;
      s.frame(true);
      return;
    case 'require': {
      const missing = requireProgram(c.program, s.estate);
      if (missing) ctx.fail(c.pos, missing);
      return;
    }
    case 'screenshot': {
      if (ctx.options.writeFiles === false) return;
      const r = screenshot(ctx.options.outputs, c.path, s, c.pos, ctx.outputAt);
      if ('error' in r) ctx.fail(c.pos, r.error);
      else ctx.written.push(r);
      return;
    }
    case 'copy':
      s.clipboard = c.text;
      return;
    case 'paste':
      return typeText(s, s.clipboard, 0);
    case 'env':
      return; // read with the setup; a late one is said in the notices
    case 'caption':
      s.caption = clean(c.text);
      s.frame();
      return;
    case 'marker':
      s.marker(clean(c.text));
      return;
    case 'sim': {
      // A jump of the clock counts against the tape's simulation, as its Sleeps do.
      if (c.words[0] === 'advance') s.spend(advanceWork(s.estate.sim, parseDurationMs(c.words[1]) ?? 0));
      const before = s.estate.sim.now;
      const problem = runSim(s.estate, c.words);
      // A command that blocked moved the clock on by itself: that counts as well.
      if (c.words[0] === 'run') s.spend(workBetween(s.estate.sim, before, s.estate.sim.now));
      if (problem) ctx.fail(c.pos, `Sim ${c.words[0]}: ${problem}`);
      s.frame();
      return;
    }
  }
}

function applySet(s: PlaySession, c: Extract<Command, { kind: 'set' }>, atTop: boolean, ctx: Context): void {
  const spec = SETTINGS[c.name];
  if (spec.use === 'ignored') return; // said in the notices
  switch (c.name) {
    case 'TypingSpeed':
      s.typingMs = Number(c.value);
      return;
    case 'WaitTimeout':
      s.waitTimeoutMs = Number(c.value);
      return;
    case 'WaitPattern':
      s.waitPattern = c.value;
      return;
    case 'PlaybackSpeed':
      if (atTop) s.playbackSpeed = Number(c.value);
      break;
    case 'Speed':
      if (!atTop) s.controller.setSpeed(Number(c.value) as 0 | 1 | 10 | 60 | 600);
      s.frame();
      return;
    case 'Theme':
      if (!atTop && !s.controller.setTheme(c.value)) ctx.notice(c.valuePos, unknownThemeNotice(c.value, ctx.options.themes.names()));
      s.frame();
      return;
    case 'User': {
      const problem = s.estate.providers.access.actAs(c.value);
      if (problem) ctx.fail(c.valuePos, `Set User: ${problem}`);
      s.frame();
      return;
    }
  }
  // The rest shape the recording and the estate: applied before the first action, ignored after it (said in the notices).
}

async function typeText(s: PlaySession, text: string, delayMs: number): Promise<void> {
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === ' ') s.press('space', ' ');
    else if (ch === '\t') s.press('tab');
    else s.press(ch, ch);
    if (delayMs > 0) await s.pass(delayMs, i < chars.length - 1);
  }
}

async function waitFor(s: PlaySession, c: Extract<Command, { kind: 'wait' }>, ctx: Context): Promise<void> {
  const source = c.pattern ?? s.waitPattern;
  const re = compileTapeRegex(source);
  if (!re.ok) return ctx.fail(c.pos, re.error);
  const timeout = c.timeoutMs ?? s.waitTimeoutMs;
  let waited = 0;
  // Poll as VHS does, but on the virtual clock: a tenth of a second of tape time a look.
  while (!matches(s, c.scope, re.re)) {
    if (waited >= timeout) return ctx.fail(c.pos, `Wait${c.scope === 'Screen' ? '+Screen' : ''} /${source}/ timed out after ${formatMs(timeout)}`);
    const step = Math.min(100, timeout - waited);
    await s.pass(step);
    waited += step;
    if (ctx.options.live?.interrupted()) return;
  }
}

/** Wait State: polls the estate as Wait polls the screen, a tenth of a second of tape time a look; says what it saw at the timeout. */
async function waitState(s: PlaySession, c: Extract<Command, { kind: 'wait-state' }>, ctx: Context): Promise<void> {
  const timeout = c.timeoutMs ?? s.waitTimeoutMs;
  const { type, name, state } = c.target;
  let waited = 0;
  for (;;) {
    // A look stops at the first row not yet in the state; what it saw is written out only at the timeout.
    if (lookState(s.estate, c.target).holds) return;
    if (waited >= timeout) {
      const now = lookState(s.estate, c.target, true);
      const what = `Wait State ${type ? `${type}/` : ''}${name} ${state} timed out after ${formatMs(timeout)}`;
      const seen = now.seen.length === 0 ? `no ${type ?? 'host, VM, container or cloud VM'} is named ${name}` : `saw ${now.seen.slice(0, 5).join(', ')}`;
      const more = now.seen.length > 5 ? ` and ${now.seen.length - 5} more` : '';
      return ctx.fail(c.pos, `${what}: ${seen}${more}`);
    }
    const step = Math.min(100, timeout - waited);
    await s.pass(step);
    waited += step;
    if (ctx.options.live?.interrupted()) return;
  }
}

/** Line: some one row matches (anchors hold to a row); Screen: the whole screen, rows joined by newlines. */
function matches(s: PlaySession, scope: 'Line' | 'Screen', re: UserRegex, fresh = false): boolean {
  const text = s.text(fresh);
  return scope === 'Screen' ? re.test(text.join('\n')) : text.some((l) => re.test(l));
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
