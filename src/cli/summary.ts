// The default mode until the full-screen UI lands: a summary of an estate after a
// few simulated minutes.
import meow from 'meow';
import { buildDefaultEstate } from '../estate/presets/default.js';
import { loadEstate } from '../estate/store.js';
import { estateSummary } from '../estate/summary.js';
import { usageError } from './io.js';

export const MAIN_HELP = `
  Usage
    $ hyperpane [options]               the built-in estate (or --estate FILE), summarised
    $ hyperpane exec [options] LINE...  native commands (virsh, docker, az, govc, Get-VM ...)
    $ hyperpane new [options] FILE      write a starting estate to FILE

  Options
    --estate FILE   open an estate file
    --seed N        seed of the built-in estate's random number generator (default 1)
    --minutes N     simulated minutes to run before the summary (default 5)
    --version       print the version
    --help          print this help (hyperpane exec --help, hyperpane new --help for theirs)
`;

export function summaryCommand(argv: string[]): number {
  const cli = meow(MAIN_HELP, {
    importMeta: import.meta,
    argv,
    allowUnknownFlags: true,
    autoHelp: true,
    autoVersion: true,
    flags: {
      seed: { type: 'number' },
      minutes: { type: 'number', default: 5 },
      estate: { type: 'string' },
    },
  });
  const known = ['seed', 'minutes', 'estate', 'help', 'version'];
  const unknown = Object.keys(cli.unnormalizedFlags).find((f) => !known.includes(f));
  if (unknown) return usageError('', `unknown option --${unknown}`);
  if (cli.input.length > 0) return usageError('', `unknown command "${cli.input[0]}" (the commands are exec and new)`);
  const { seed, minutes, estate: file } = cli.flags;
  if (seed !== undefined && (!Number.isInteger(seed) || seed < 0 || seed > 4294967295)) return usageError('', `--seed must be a whole number from 0 to 4294967295, got ${seed}`);
  if (!Number.isFinite(minutes) || minutes < 0 || minutes > 100_000) return usageError('', `--minutes must be between 0 and 100000, got ${minutes}`);
  let estate;
  if (file !== undefined) {
    const loaded = loadEstate(file);
    if (!loaded.ok) {
      process.stderr.write(`hyperpane: ${loaded.error.message}\n${(loaded.error.details ?? []).slice(1).map((d) => `  ${d}\n`).join('')}`);
      return 1;
    }
    estate = loaded.value;
  } else estate = buildDefaultEstate(seed ?? 1);
  estate.sim.advance(minutes * 60_000);
  process.stdout.write(estateSummary(estate) + '\n');
  return 0;
}
