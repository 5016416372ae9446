// The default mode: the full-screen console on an estate (or, with --summary, a
// plain-text summary of it, for scripts and terminals that cannot host the app).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { packagePath } from '../config/package-root.js';
import { SettingsStore, SPEEDS, type Speed } from '../config/settings.js';
import { visibleText } from '../core/visible.js';
import { megabytes } from '../estate/store.js';
import { estateSummary } from '../estate/summary.js';
import { ERASE_LINE } from '../ui/terminal/escapes.js';
import { usageError, writeErr, writeOut } from './io.js';
import { COMMANDS } from './modes.js';
import { openEstate } from './open-estate.js';

export const MAIN_HELP = `
  Usage
    $ hyperpane [options]               the console, on the built-in estate (or --estate FILE)
    $ hyperpane exec [options] LINE...  native commands (virsh, docker, az, govc, Get-VM ...)
    $ hyperpane new [options] FILE      write a starting estate to FILE
    $ hyperpane import [options] FILE   build an estate file from your own (docker, libvirt, vsphere, hyperv, azure)
    $ hyperpane play [options] TAPE...  play tapes on the virtual clock, record asciicasts
    $ hyperpane report posture          the estate's security posture: its score, findings and fixes
    $ hyperpane --demo [--auto]         the guided tour (esc leaves it to explore)

  Options
    --estate FILE        open an estate file (saved back on :w and when you quit)
    --preset NAME        open a built-in estate: default, small-office, enterprise, hybrid, scale (10,000 hosts, 100,000 VMs), huge (100,000 hosts, 1,000,000 VMs)
    --seed N             seed of a built-in estate's random number generator (default 1)
    --theme NAME         colour theme (default-dark, light, high-contrast, dracula, solarized-dark, solarized-light, or your own)
    --speed N            clock speed: 0 (paused), 1, 10, 60 or 600
    --readonly           hide and refuse everything that changes the estate
    --as USER            act as USER of the estate: see what they may see, do what they may do
    --demo               take the guided tour first: captions, a pause at each chapter (any key goes on)
    --auto               with --demo: never pause
    --summary            print a summary instead of opening the console (--minutes N of simulated time first, default 5)
    --print-config-path  print where settings and your own themes live
    --version            print the version
    --help               print this help (hyperpane exec --help, hyperpane new --help for theirs)

  In the console, ? lists every key. NO_COLOR=1 turns colour off.
`;

/** The package's name line and version, for --help and --version. */
function manifest(): { version: string; description: string } {
  return JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string; description: string };
}

export async function mainCommand(argv: string[]): Promise<number> {
  // biome-ignore lint/suspicious/noImplicitAnyLet: parseArgs's result type follows its options; the compiler infers it from the assignment below.
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        estate: { type: 'string' },
        preset: { type: 'string' },
        seed: { type: 'string' },
        theme: { type: 'string' },
        speed: { type: 'string' },
        readonly: { type: 'boolean' },
        as: { type: 'string' },
        summary: { type: 'boolean' },
        minutes: { type: 'string' },
        'print-config-path': { type: 'boolean' },
        demo: { type: 'boolean' },
        auto: { type: 'boolean' },
        debug: { type: 'boolean' },
        help: { type: 'boolean' },
        version: { type: 'boolean' },
      },
    });
  } catch (e) {
    return usageError('', flagProblem(e as Error));
  }
  const v = parsed.values;
  if (v.help) {
    writeOut(`\n  ${manifest().description}\n${MAIN_HELP}`);
    return 0;
  }
  if (v.version) {
    writeOut(`${manifest().version}\n`);
    return 0;
  }
  if (parsed.positionals.length > 0) return usageError('', `unknown command "${parsed.positionals[0]}" (the commands are ${COMMANDS.join(', ')})`);
  const f = {
    estate: v.estate,
    preset: v.preset,
    seed: v.seed === undefined ? undefined : Number(v.seed),
    theme: v.theme,
    speed: v.speed === undefined ? undefined : Number(v.speed),
    readonly: v.readonly ?? false,
    as: v.as,
    summary: v.summary ?? false,
    minutes: v.minutes === undefined ? 5 : Number(v.minutes),
    printConfigPath: v['print-config-path'] ?? false,
    demo: v.demo ?? false,
    auto: v.auto ?? false,
  };
  if (f.seed !== undefined && (!Number.isInteger(f.seed) || f.seed < 0 || f.seed > 4294967295))
    return usageError('', `--seed must be a whole number from 0 to 4294967295, got ${v.seed}`);
  if (!Number.isFinite(f.minutes) || f.minutes < 0 || f.minutes > 100_000) return usageError('', `--minutes must be between 0 and 100000, got ${v.minutes}`);
  if (f.speed !== undefined && !(SPEEDS as readonly number[]).includes(f.speed))
    return usageError('', `--speed must be one of ${SPEEDS.join(', ')}, got ${v.speed}`);

  if (!f.summary && argv.some((a) => a === '--minutes' || a.startsWith('--minutes=')))
    return usageError('', '--minutes goes with --summary (hyperpane --summary --minutes 30)');
  if (f.auto && !f.demo) return usageError('', '--auto goes with --demo (hyperpane --demo --auto)');
  if (f.demo && (f.estate !== undefined || f.preset !== undefined || f.summary))
    return usageError('', '--demo brings its own estate: leave out --estate, --preset and --summary');
  if (f.demo && (!process.stdin.isTTY || !process.stdout.isTTY)) {
    writeErr(
      'hyperpane: the tour needs a terminal (stdin and stdout must be a TTY).\nWithout one, play it on the virtual clock:  hyperpane play tour  (--record tour.cast records it)\n',
    );
    return 2;
  }
  const { store, warnings } = SettingsStore.open();
  if (f.printConfigPath) {
    writeOut(`${store.path}\n`);
    return 0;
  }
  const settings = store.get();
  // A large preset takes seconds to build: a terminal is shown how far it has got.
  let building = false;
  const progress = process.stderr.isTTY
    ? (done: number, total: number) => {
        building = true;
        // Straight to the terminal: writeErr shows a carriage return as a character, as it should anything a user wrote.
        process.stderr.write(`\rbuilding the ${f.preset} estate: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} workloads placed`);
      }
    : undefined;
  // So does a large estate file to read.
  const reading = process.stderr.isTTY
    ? (file: string, bytes: number | undefined) =>
        process.stderr.write(bytes === undefined ? `\r${ERASE_LINE}` : visibleText(`reading ${file} (${megabytes(bytes)})...`))
    : undefined;
  const opened = openEstate({
    file: f.estate,
    preset: f.demo ? 'default' : f.preset,
    seed: f.seed,
    lastEstate: f.summary ? undefined : settings.lastEstate,
    progress,
    reading,
  });
  if (building) process.stderr.write(`\r${ERASE_LINE}`);
  if (!opened.ok) {
    writeErr(`hyperpane: ${opened.message}\n`);
    return 1;
  }
  if (f.as !== undefined) {
    const problem = opened.value.estate.providers.access.signIn(f.as);
    if (problem) return usageError('', `--as: ${problem}`);
  }
  if (f.summary) {
    opened.value.estate.sim.advance(f.minutes * 60_000);
    writeOut(`${estateSummary(opened.value.estate)}\n`);
    return 0;
  }
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    writeErr(
      'hyperpane: the console needs a terminal (stdin and stdout must be a TTY).\n' +
        'Without one, try:  hyperpane --summary     hyperpane exec "virsh list --all"     hyperpane play tour     hyperpane --help\n',
    );
    return 2;
  }
  const { runConsole } = await import('./console.js');
  return runConsole({
    opened: opened.value,
    store,
    warnings,
    theme: f.theme,
    speed: f.speed as Speed | undefined,
    readonly: f.readonly,
    ...(f.demo ? { demo: { auto: f.auto } } : {}),
  });
}

/** node:util's words for a flag it does not know or a value that is missing, in ours. */
function flagProblem(e: Error): string {
  const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(e.message);
  if (unknown) return `unknown option ${unknown[1]}`;
  const missing = /Option '(?:-\w, )?(--[^ ']+)[^']*' argument missing/.exec(e.message);
  if (missing) return `${missing[1]} needs a value`;
  const ambiguous = /Option '(?:-\w, )?(--[^ ']+)[^']*' argument is ambiguous/.exec(e.message);
  if (ambiguous) return `${ambiguous[1]} needs a value (one that starts with a dash goes as ${ambiguous[1]}=VALUE)`;
  return e.message.replace(/\. To specify a positional argument.*$/, '');
}
