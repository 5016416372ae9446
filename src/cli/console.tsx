// Runs the console in the user's terminal: settings, themes and keys loaded, the
// alternate screen entered, the live clock started; and on the way out (q, ctrl-c,
// SIGTERM, SIGHUP or a crash) the terminal put back as it was and the estate file
// saved. `:open FILE` ends one console and starts the next on the new estate, in
// the same screen. An estate with a file is also saved every few minutes when it
// changed. Ink is imported here, after CI is pinned off: Ink reads CI at import
// and in CI draws only its last frame, which would leave an interactive user blind.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { SettingsStore, Speed } from '../config/settings.js';
import { builtInThemesDir, chooseTheme, loadThemes, MONOCHROME } from '../config/themes.js';
import { formatDurationMs } from '../core/duration.js';
import { visibleText } from '../core/visible.js';
import type { Estate } from '../estate/estate.js';
import { Controller } from '../ui/controller.js';
import { EstateSaver, SavingNotice, workloadCount } from '../ui/estate-saver.js';
import { Keymap } from '../ui/keymap.js';
import { LiveClock } from '../ui/live-clock.js';
import { bar } from '../ui/progress.js';
import { CLEAR, ENTER_SCREEN, LEAVE_SCREEN } from '../ui/terminal/escapes.js';
import { convertedNote, type Opened } from './open-estate.js';
import { onStopSignal } from './signals.js';

export interface ConsoleOptions {
  readonly opened: Opened;
  readonly store: SettingsStore;
  readonly warnings: readonly string[];
  readonly theme?: string;
  readonly speed?: Speed;
  readonly readonly: boolean;
  /** Take the guided tour first (--demo; --auto never pauses at its markers). */
  readonly demo?: { readonly auto: boolean };
}

/** How often an estate with a file is saved while it changes (wall time). */
const AUTOSAVE_MS = 120_000;
/** How long a slow save waits after saying so: Ink draws at most 30 frames a second (every 33 ms). */
const SAY_FIRST_MS = 50;
/** How long a console that hit a bug gets to stop by itself before it is forced to. */
const CRASH_GRACE_MS = 3000;

export async function runConsole(opts: ConsoleOptions): Promise<number> {
  for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) if (name in process.env) process.env[name] = '0';
  const { mountConsole } = await import('../ui/terminal/mount.js');

  const saver = new EstateSaver(opts.opened.estate, opts.opened.file, opts.readonly);
  const settings = opts.store.get();
  const noColor = 'NO_COLOR' in process.env && process.env.NO_COLOR !== '';
  const themeSet = loadThemes([builtInThemesDir(), join(dirname(opts.store.path), 'themes')]);
  const chosen = chooseTheme(themeSet, opts.theme ?? settings.theme, noColor);
  const keymap = new Keymap(settings.keys ?? {});
  const warnings = [...opts.warnings, ...themeSet.warnings, ...(chosen.warning ? [chosen.warning] : []), ...keymap.warnings];
  const themes = { names: () => [...themeSet.themes.keys()], resolve: (name: string) => chooseTheme(themeSet, name, noColor) };
  const saving = new SavingNotice(saver, {
    say: (text, tone) => controller?.flash(text, tone),
    later: (fn) => setTimeout(fn, SAY_FIRST_MS),
  });
  /** The estate :open asked for, to run next. */
  let next: { estate: Estate; file: string } | undefined;
  let controller: Controller | undefined;
  const open = (path: string) =>
    saving.beforeOpen(path, () => {
      const r = saver.open(path);
      if (!r.ok) return r;
      // Whoever signed in here is who works on the next estate (and as whom they act): one they are not a user of is not opened.
      const was = saver.estate.providers.access;
      const access = r.next.estate.providers.access;
      const problem = access.signIn(was.signedIn) ?? (was.actor === was.signedIn ? undefined : access.actAs(was.actor));
      if (problem) return { ok: false, message: `${path} was not opened: ${problem}` };
      access.readOnly = was.readOnly;
      next = r.next;
      controller?.quit();
      return { ok: true, message: r.message };
    });
  /** The running console's clock, for :sim advance's jump (set while a console runs). */
  let clock: LiveClock | undefined;
  const hooks = {
    onJump: (ms: number) =>
      clock?.jump(ms, (p, finished) => {
        if (!controller) return;
        if (finished) controller.set({ jump: undefined, message: { text: `the clock moved on ${formatDurationMs(p!.total)}`, tone: 'info' } });
        else
          controller.set({
            jump: p,
            message: {
              text: `advancing the clock: ${bar(p!.done / p!.total, 12)} ${formatDurationMs(p!.done)} of ${formatDurationMs(p!.total)} · esc stops`,
              tone: 'info',
            },
          });
      }),
    onJumpStop: () => clock?.stopJump(),
    onSave: (target: string | undefined, options?: { force?: boolean }) => saving.save(target, options),
    onOpen: open,
    onSettings: (patch: Parameters<SettingsStore['set']>[0]) => trySave(opts.store, patch),
    history: settings.history,
  };

  if (opts.demo) {
    const { runDemo } = await import('./demo.js');
    const outcome = await runDemo({
      auto: opts.demo.auto,
      themes: { ...themes, monochrome: MONOCHROME },
      theme: chosen.theme.name,
      noColor,
      keymap,
      console: hooks,
    });
    if (outcome.kind === 'quit') return outcome.code;
    controller = outcome.controller;
    saver.replace(outcome.estate, undefined);
  }

  const restore = () => process.stdout.write(LEAVE_SCREEN);
  process.stdout.write(ENTER_SCREEN);
  process.once('exit', restore);
  // A bug that escapes (a timer, a key handler) ends the console as q would, so
  // Ink puts the terminal back and the estate is saved; if that hangs, it is forced.
  let crash: unknown;
  const onCrash = (error: unknown) => {
    if (crash !== undefined) return;
    crash = error;
    controller?.quit();
    setTimeout(() => {
      restore();
      process.stderr.write(visibleText(`hyperpane: internal error: ${describe(error)} (the console did not stop; nothing was saved)\n`));
      process.exit(70);
    }, CRASH_GRACE_MS).unref();
  };
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  let code = 0;
  let first = true;
  /** What to tell the shell once the terminal is back (in the alternate screen it would vanish). */
  const said: string[] = [];
  try {
    for (;;) {
      const { estate, file } = saver;
      if (file) trySave(opts.store, { lastEstate: resolve(file) });
      const ctl: Controller =
        controller ??
        new Controller({
          estate,
          keymap,
          theme: chosen.theme,
          themes,
          readonly: opts.readonly,
          speed: opts.speed ?? settings.speed ?? 1,
          wallClock: () => performance.now(),
          width: process.stdout.columns,
          height: process.stdout.rows,
          ...hooks,
        });
      controller = ctl;
      if (first) {
        const note =
          opts.opened.note ?? (warnings.length > 0 ? `${warnings.length === 1 ? '' : `${warnings.length} warnings; first: `}${warnings[0]}` : undefined);
        if (note) ctl.flash(note, warnings.length > 0 ? 'error' : 'info');
      } else ctl.flash(estate.convertedFrom !== undefined && file ? `opened ${convertedNote(file, estate.convertedFrom)}` : `opened ${file}`);
      first = false;
      code = await runOnce(ctl);
      // Saved on the way out when it changed (:open has saved it already); if its
      // file cannot take it, a copy is saved where it can be, and the user told where.
      // A :w said and not yet done is done now (what was to follow it, an :open, is not).
      const saying = saving.pending() ?? (!next && saver.unsaved() ? `saving ${saver.file} (${workloadCount(saver.estate)})...` : undefined);
      if (saying && saver.slow()) process.stdout.write(`${CLEAR}${saying}`);
      const flushed = saving.flush();
      if (flushed) {
        said.push(flushed.message);
        if (!flushed.ok) code = code || 1;
      }
      const r = next ? undefined : saver.saveOnExit();
      if (r) {
        said.push(r.message);
        if (!r.ok) code = code || 1;
      }
      if (crash !== undefined) code = 70;
      if (!next || code === 70) break;
      saver.replace(next.estate, next.file);
      next = undefined;
      controller = undefined;
      process.stdout.write(CLEAR);
    }
  } finally {
    restore();
    process.off('exit', restore);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  }
  if (crash !== undefined) {
    said.unshift(`internal error: ${describe(crash)}`);
    if (process.argv.includes('--debug') && crash instanceof Error && crash.stack) said.push(crash.stack);
  }
  for (const line of [...said, ...warnings]) process.stderr.write(visibleText(`hyperpane: ${line}\n`));
  // The settings asked to be saved (the prompt's history, the theme) are written before the process goes.
  await opts.store.flush();
  return code;

  /** One console on one estate, until it quits. */
  async function runOnce(ctl: Controller): Promise<number> {
    const release = onStopSignal(() => ctl.quit());
    clock = new LiveClock(
      saver.estate.sim,
      () => ctl.state.speed,
      (behind) => ctl.setPace(behind),
    );
    clock.start();
    const autosaving = setInterval(() => saving.autosave(), AUTOSAVE_MS);
    autosaving.unref();
    const { exited, screen } = mountConsole(ctl, { stdin: process.stdin, terminal: process.stdout });
    // conf, once the first frame is out, when there is a settings file to migrate and check (a save opens it otherwise).
    // What it cannot do is said when a save is refused, not here: settings are a convenience.
    setImmediate(() => {
      if (existsSync(opts.store.path)) opts.store.load().catch(() => undefined);
    });
    try {
      await exited;
      return 0;
    } catch (error) {
      said.push(`internal error: ${describe(error)}`);
      return 70;
    } finally {
      clearInterval(autosaving);
      clock?.stop();
      clock = undefined;
      release();
      screen.release();
      said.push(...screen.stray.map((line) => `(printed while the console ran) ${line}`));
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function trySave(store: SettingsStore, patch: Parameters<SettingsStore['set']>[0]): void {
  // Settings are a convenience: a read-only config directory must not stop the console.
  store.set(patch).catch(() => undefined);
}
