// `hyperpane play TAPE...`: plays tapes on the virtual clock (no TTY needed) and
// writes their recordings; `--check` only reads them and reports every problem
// as FILE:LINE:COL: message, the way a linter does.
import { statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SettingsStore } from '../config/settings.js';
import { builtInThemesDir, chooseTheme, loadThemes, MONOCHROME } from '../config/themes.js';
import { pinChalkLevel, pinColourEnvironment } from '../session/play/colours.js';
import { OutputRecord } from '../session/play/output-record.js';
import type { ThemeLookup } from '../session/play/setup.js';
import { formatProblem, type Problem } from '../session/tape/ast.js';
import { builtInTapes, resolveTapeArg } from '../session/tape/builtin.js';
import { checkTape } from '../session/tape/check.js';
import { loadTape } from '../session/tape/load.js';
import { uniqueProblems } from '../session/tape/notices.js';
import { RESET } from '../ui/terminal/escapes.js';
import { readArgs, usageError, writeErr, writeOut } from './io.js';

export const PLAY_HELP = `
  Usage
    $ hyperpane play [options] TAPE...

  Plays each tape (a VHS-style script) against the console on a virtual clock:
  every Sleep, typing delay and Wait moves simulated time, so a minute of tape
  plays in a second or two, the same way on every run. The exit code says
  whether every Wait and Expect held.

  Options
    --check          only read the tapes: print every problem as FILE:LINE:COL: message
    --record FILE    also write an asciicast recording (FILE.cast)
    --cast-version N the asciicast version recordings are written in: 3 (asciinema 3's,
                     the default) or 2 (for players that read only v2)
    --out DIR        where the tape's Output and Screenshot files go (default: the tape's
                     own folder); a tape cannot write outside it
    --force          replace files that are not earlier recordings of a tape
    --no-output      do not write the files the tape's Output and Screenshot lines name
    --headless       print a summary, not the final screen (implied without a terminal)
    --quiet          leave out notices (VHS settings that mean nothing here, ...)
    --help           print this help

  A bare NAME plays the built-in tape of that name (demo/NAME.tape): tour,
  failover-drill, snapshots, and the others in demo/.

  Examples
    $ hyperpane play failover-drill
    $ hyperpane play demo/failover-drill.tape
    $ hyperpane play --record tour.cast demo/tour.tape
    $ hyperpane play --check demo/*.tape
`;

export async function playCommand(args: string[]): Promise<number> {
  const parsed = readArgs(args, {
    check: { type: 'boolean' },
    record: { type: 'string' },
    'cast-version': { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean' },
    'no-output': { type: 'boolean' },
    headless: { type: 'boolean' },
    quiet: { type: 'boolean' },
    help: { type: 'boolean' },
  });
  if (typeof parsed === 'string') return usageError('play', parsed);
  const { values: v } = parsed;
  const tapes = parsed.positionals.map(resolveTapeArg);
  if (v.help) {
    writeOut(PLAY_HELP.slice(1));
    return 0;
  }
  if (tapes.length === 0) return usageError('play', 'give a tape to play (a file, or a built-in one by name: hyperpane play tour)');
  if (v.record !== undefined && !v.record.endsWith('.cast')) return usageError('play', `--record writes an asciicast: give a FILE.cast, got ${v.record}`);
  if (v.record !== undefined && tapes.length > 1) return usageError('play', '--record takes one tape');
  const castVersion = v['cast-version'] === undefined ? 3 : v['cast-version'] === '2' ? 2 : v['cast-version'] === '3' ? 3 : undefined;
  if (castVersion === undefined) return usageError('play', `--cast-version is 2 or 3, got ${v['cast-version']}`);
  if (v.out !== undefined && !isFolder(v.out)) return usageError('play', `--out ${v.out}: no such folder (make it first)`);
  const record = OutputRecord.open(join(dirname(SettingsStore.open().store.path), 'outputs.json'));
  const themes = themeLookup();
  // Each problem is said once in a run: tapes that source one tape share its notices.
  const said = new Set<string>();
  const say = (p: Problem, kind: 'error' | 'notice') => {
    if (kind === 'notice' && v.quiet) return;
    const line = `${formatProblem(p).replace(/: /, kind === 'notice' ? ': notice: ' : ': ')}\n`;
    if (said.has(line)) return;
    said.add(line);
    writeErr(line);
  };

  if (v.check) {
    let bad = 0;
    for (const path of tapes) {
      const loaded = loadTape(path);
      if ('error' in loaded) {
        writeErr(`${loaded.error}${notFoundHint(loaded.error)}\n`);
        bad++;
        continue;
      }
      const r = checkTape(loaded.tape, dirname(path), themes.names());
      for (const n of r.notices) say(n, 'notice');
      for (const e of r.errors) say(e, 'error');
      if (r.errors.length > 0) bad++;
    }
    writeOut(`${tapes.length} tape${tapes.length === 1 ? '' : 's'} checked: ${tapes.length - bad} ok${bad ? `, ${bad} with errors` : ''}\n`);
    return bad > 0 ? 1 : 0;
  }

  // Colours are pinned before Ink loads, so recordings do not depend on this terminal.
  pinColourEnvironment();
  const { playTape } = await import('../session/play/player.js');
  await pinChalkLevel();
  const headless = v.headless || !process.stdout.isTTY;
  let code = 0;
  for (const path of tapes) {
    const loaded = loadTape(path);
    if ('error' in loaded) {
      writeErr(`hyperpane play: ${loaded.error}${notFoundHint(loaded.error)}\n`);
      code = 1;
      continue;
    }
    const { tape } = loaded;
    const errors = uniqueProblems(tape.errors);
    if (errors.length > 0) {
      for (const e of errors) say(e, 'error');
      writeErr(`hyperpane play: ${path} has ${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was played\n`);
      code = 1;
      continue;
    }
    const started = performance.now();
    const outputs = { root: v.out ?? dirname(path), force: v.force ?? false, record };
    const r = await playTape(tape, { tapeDir: dirname(path), outputs, themes, record: v.record, castVersion, writeFiles: !v['no-output'] });
    const wall = performance.now() - started;
    for (const n of r.notices) say(n, 'notice');
    if (!r.ok) {
      const f = r.failure!;
      writeErr(`${formatProblem(f)}\n${f.screen.length ? `the screen was:\n${frameText(f.screen)}` : ''}recordings not written\n`);
      code = 1;
      continue;
    }
    // The screen as drawn, in its colours: its cells hold no control character a tape typed (they were cleaned as drawn).
    if (!headless && r.session) process.stdout.write(`${r.session.coloured().join('\n')}${RESET}\n`);
    const files = r.written.map((w) => `${shownPath(w.path)} (${kb(w.bytes)})`).join(', ');
    writeOut(
      `played ${path}: ${tape.commands.length} commands, ${(r.tapeMs / 1000).toFixed(1)} s of tape in ${(wall / 1000).toFixed(2)} s${files ? `; wrote ${files}` : ''}\n`,
    );
  }
  return code;
}

/** For a bare name that is neither a file nor a built-in tape: the names that are. */
function notFoundHint(error: string): string {
  const names = builtInTapes();
  return /^[\w-]+: no such file$/.test(error) && names.length > 0 ? ` (the built-in tapes play by name: ${names.join(', ')})` : '';
}

function themeLookup(): ThemeLookup {
  // Your own themes too, for a tape that names one; but never in place of a built-in
  // theme, so a tape that names none (or a built-in one) records the same everywhere.
  const builtIn = loadThemes([builtInThemesDir()]);
  const own = loadThemes([join(dirname(SettingsStore.open().store.path), 'themes')]);
  const themes = new Map(builtIn.themes);
  for (const [name, theme] of own.themes) if (!themes.has(name)) themes.set(name, theme);
  const set = { themes, warnings: [...builtIn.warnings, ...own.warnings] };
  return { names: () => [...set.themes.keys()], resolve: (name) => chooseTheme(set, name, false), monochrome: MONOCHROME };
}

function frameText(screen: readonly string[]): string {
  const width = Math.max(...screen.map((l) => l.length), 10);
  return `┌${'─'.repeat(width)}┐\n${screen.map((l) => `│${l.padEnd(width)}│`).join('\n')}\n└${'─'.repeat(width)}┘\n`;
}

/** A path under the working directory as a relative one, as the user would type it. */
function shownPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function kb(bytes: number): string {
  return bytes < 10_240 ? `${bytes} bytes` : `${Math.round(bytes / 1024)} KB`;
}
