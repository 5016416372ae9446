// Runs the console in the user's terminal: settings, themes and keys loaded, the
// alternate screen entered, the live clock started; and on the way out (q, ctrl-c,
// SIGTERM, SIGHUP or a crash) the terminal put back as it was and the estate file
// saved. Ink is imported here, after CI is pinned off: Ink reads CI at import and
// in CI draws only its last frame, which would leave an interactive user blind.
import { dirname, join, resolve } from 'node:path';
import type { SettingsStore, Speed } from '../config/settings.js';
import { builtInThemesDir, chooseTheme, loadThemes, MONOCHROME } from '../config/themes.js';
import type { Opened } from '../cli/open-estate.js';
import { saveEstate } from '../estate/store.js';
import { Controller } from './controller.js';
import { Keymap } from './keymap.js';
import { LiveClock } from './live-clock.js';

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

const ENTER_ALT = '\x1b[?1049h\x1b[H';
const LEAVE_ALT = '\x1b[?1049l';
const SHOW_CURSOR = '\x1b[?25h';

export async function runConsole(opts: ConsoleOptions): Promise<number> {
  for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) if (name in process.env) process.env[name] = '0';
  const [{ render }, React, { App }] = await Promise.all([import('ink'), import('react'), import('./components/App.js')]);

  let { estate, file } = opts.opened;
  const settings = opts.store.get();
  const noColor = 'NO_COLOR' in process.env && process.env.NO_COLOR !== '';
  const themeSet = loadThemes([builtInThemesDir(), join(dirname(opts.store.path), 'themes')]);
  const chosen = chooseTheme(themeSet, opts.theme ?? settings.theme, noColor);
  const keymap = new Keymap(settings.keys ?? {});
  const warnings = [...opts.warnings, ...themeSet.warnings, ...(chosen.warning ? [chosen.warning] : []), ...keymap.warnings];
  if (file) trySave(opts.store, { lastEstate: resolve(file) });
  const save = (target: string | undefined) => {
    const path = target ?? file;
    if (!path) return { ok: false, message: 'this estate has no file yet: :w FILE saves it to one' };
    const r = saveEstate(estate, path);
    return r.ok ? { ok: true, message: `saved ${path}` } : { ok: false, message: r.error.message };
  };
  let controller: Controller;
  if (opts.demo) {
    const { runDemo } = await import('../session/demo.js');
    const outcome = await runDemo({
      auto: opts.demo.auto,
      themes: { names: () => [...themeSet.themes.keys()], resolve: (name) => chooseTheme(themeSet, name, noColor), monochrome: MONOCHROME },
      theme: chosen.theme.name,
      noColor,
      keymap,
      console: { onSave: save, onSettings: (patch) => trySave(opts.store, patch), history: settings.history },
    });
    if (outcome.kind === 'quit') return outcome.code;
    ({ estate, controller } = outcome);
    file = undefined;
  } else controller = new Controller({
    estate,
    keymap,
    theme: chosen.theme,
    themes: { names: () => [...themeSet.themes.keys()], resolve: (name) => chooseTheme(themeSet, name, noColor) },
    readonly: opts.readonly,
    speed: opts.speed ?? settings.speed ?? 1,
    width: process.stdout.columns,
    height: process.stdout.rows,
    history: settings.history,
    onSettings: (patch) => trySave(opts.store, patch),
    onSave: save,
  });
  const note = opts.opened.note ?? (warnings.length > 0 ? `${warnings.length === 1 ? '' : `${warnings.length} warnings; first: `}${warnings[0]}` : undefined);
  if (note) controller.flash(note, warnings.length > 0 ? 'error' : 'info');

  const restore = () => process.stdout.write(`${SHOW_CURSOR}${LEAVE_ALT}`);
  process.stdout.write(ENTER_ALT);
  process.once('exit', restore);
  const stop = () => controller.quit();
  for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) process.on(signal, stop);
  const clock = new LiveClock(estate.sim, () => controller.state.speed);
  clock.start();
  const app = render(React.createElement(App, { controller }), { exitOnCtrlC: false, patchConsole: true, maxFps: 30 });
  let code = 0;
  try {
    await app.waitUntilExit();
  } catch (error) {
    code = 70;
    process.stderr.write(`hyperpane: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  } finally {
    clock.stop();
    for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) process.off(signal, stop);
    restore();
    process.off('exit', restore);
  }
  for (const w of warnings) process.stderr.write(`hyperpane: ${w}\n`);
  if (file && !opts.readonly) {
    const r = save(undefined);
    process.stderr.write(`hyperpane: ${r.message}\n`);
    if (!r.ok) code = code || 1;
  }
  return code;
}

function trySave(store: SettingsStore, patch: Parameters<SettingsStore['set']>[0]): void {
  try {
    store.set(patch);
  } catch {
    // Settings are a convenience: a read-only config directory must not stop the console.
  }
}
