// The default mode: the full-screen console on an estate (or, with --summary, a
// plain-text summary of it, for scripts and terminals that cannot host the app).
import meow from 'meow';
import { SettingsStore, SPEEDS, type Speed } from '../config/settings.js';
import { estateSummary } from '../estate/summary.js';
import { usageError } from './io.js';
import { openEstate } from './open-estate.js';

export const MAIN_HELP = `
  Usage
    $ hyperpane [options]               the console, on the built-in estate (or --estate FILE)
    $ hyperpane exec [options] LINE...  native commands (virsh, docker, az, govc, Get-VM ...)
    $ hyperpane new [options] FILE      write a starting estate to FILE
    $ hyperpane play [options] TAPE...  play tapes on the virtual clock, record asciicasts
    $ hyperpane --demo [--auto]         the guided tour (esc leaves it to explore)

  Options
    --estate FILE        open an estate file (saved back on :w and when you quit)
    --preset NAME        open a built-in estate: default, small-office, enterprise, hybrid, scale (10,000 hosts, 100,000 VMs)
    --seed N             seed of a built-in estate's random number generator (default 1)
    --theme NAME         colour theme (default-dark, light, high-contrast, dracula, solarized-dark, solarized-light, or your own)
    --speed N            clock speed: 0 (paused), 1, 10, 60 or 600
    --readonly           hide and refuse everything that changes the estate
    --demo               take the guided tour first: captions, a pause at each chapter (any key goes on)
    --auto               with --demo: never pause
    --summary            print a summary instead of opening the console (--minutes N of simulated time first, default 5)
    --print-config-path  print where settings and your own themes live
    --version            print the version
    --help               print this help (hyperpane exec --help, hyperpane new --help for theirs)

  In the console, ? lists every key. NO_COLOR=1 turns colour off.
`;

const FLAGS = ['estate', 'preset', 'seed', 'theme', 'speed', 'readonly', 'summary', 'minutes', 'printConfigPath', 'demo', 'auto', 'debug', 'help', 'version'];

export async function mainCommand(argv: string[]): Promise<number> {
  const cli = meow(MAIN_HELP, {
    importMeta: import.meta,
    argv,
    allowUnknownFlags: true,
    autoHelp: true,
    autoVersion: true,
    flags: {
      estate: { type: 'string' },
      preset: { type: 'string' },
      seed: { type: 'number' },
      theme: { type: 'string' },
      speed: { type: 'number' },
      readonly: { type: 'boolean', default: false },
      summary: { type: 'boolean', default: false },
      minutes: { type: 'number', default: 5 },
      printConfigPath: { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
      auto: { type: 'boolean', default: false },
      debug: { type: 'boolean', default: false },
    },
  });
  const unknown = Object.keys(cli.flags).find((f) => !FLAGS.includes(f));
  if (unknown) return usageError('', `unknown option --${unknown.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
  if (cli.input.length > 0) return usageError('', `unknown command "${cli.input[0]}" (the commands are exec, new and play)`);
  const f = cli.flags;
  // What was typed, for the message: meow has turned "abc" into NaN by now.
  const typed = (name: string, parsed: unknown) => {
    const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    const raw = i < 0 ? undefined : argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
    return raw ?? String(parsed);
  };
  if (f.seed !== undefined && (!Number.isInteger(f.seed) || f.seed < 0 || f.seed > 4294967295)) return usageError('', `--seed must be a whole number from 0 to 4294967295, got ${typed('seed', f.seed)}`);
  if (!Number.isFinite(f.minutes) || f.minutes < 0 || f.minutes > 100_000) return usageError('', `--minutes must be between 0 and 100000, got ${typed('minutes', f.minutes)}`);
  if (f.speed !== undefined && !(SPEEDS as readonly number[]).includes(f.speed)) return usageError('', `--speed must be one of ${SPEEDS.join(', ')}, got ${typed('speed', f.speed)}`);

  if (!f.summary && argv.some((a) => a === '--minutes' || a.startsWith('--minutes='))) return usageError('', '--minutes goes with --summary (hyperpane --summary --minutes 30)');
  if (f.auto && !f.demo) return usageError('', '--auto goes with --demo (hyperpane --demo --auto)');
  if (f.demo && (f.estate !== undefined || f.preset !== undefined || f.summary)) return usageError('', '--demo brings its own estate: leave out --estate, --preset and --summary');
  if (f.demo && (!process.stdin.isTTY || !process.stdout.isTTY)) {
    process.stderr.write('hyperpane: the tour needs a terminal (stdin and stdout must be a TTY).\nWithout one, play it on the virtual clock:  hyperpane play tour  (--record tour.cast records it)\n');
    return 2;
  }
  const { store, warnings } = SettingsStore.open();
  if (f.printConfigPath) {
    process.stdout.write(`${store.path}\n`);
    return 0;
  }
  const settings = store.get();
  const opened = openEstate({ file: f.estate, preset: f.demo ? 'default' : f.preset, seed: f.seed, lastEstate: f.summary ? undefined : settings.lastEstate });
  if (!opened.ok) {
    process.stderr.write(`hyperpane: ${opened.message}\n`);
    return 1;
  }
  if (f.summary) {
    opened.value.estate.sim.advance(f.minutes * 60_000);
    process.stdout.write(estateSummary(opened.value.estate) + '\n');
    return 0;
  }
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write(
      'hyperpane: the console needs a terminal (stdin and stdout must be a TTY).\n' +
        'Without one, try:  hyperpane --summary     hyperpane exec "virsh list --all"     hyperpane play tour     hyperpane --help\n',
    );
    return 2;
  }
  const { runConsole } = await import('../ui/run.js');
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
