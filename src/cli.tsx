#!/usr/bin/env node
// The entry point: flags in, one of the program's modes out. Until the full-screen
// UI lands, the default mode prints a summary of the built-in estate.
import meow from 'meow';
import { buildDefaultEstate } from './estate/presets/default.js';
import { estateSummary } from './estate/summary.js';

const cli = meow(
  `
  Usage
    $ hyperpane [options]

  Options
    --seed N        seed of the estate's random number generator (default 1)
    --minutes N     simulated minutes to run before the summary (default 5)
    --version       print the version
    --help          print this help
`,
  {
    importMeta: import.meta,
    allowUnknownFlags: false,
    flags: {
      seed: { type: 'number', default: 1 },
      minutes: { type: 'number', default: 5 },
    },
  },
);

function usage(message: string): never {
  process.stderr.write(`hyperpane: ${message}\nRun hyperpane --help for usage.\n`);
  process.exit(2);
}

const { seed, minutes } = cli.flags;
if (!Number.isInteger(seed) || seed < 0) usage(`--seed must be a whole number, got ${seed}`);
if (!Number.isFinite(minutes) || minutes < 0 || minutes > 100_000) usage(`--minutes must be between 0 and 100000, got ${minutes}`);
if (cli.input.length > 0) usage(`unexpected argument "${cli.input[0]}"`);

const estate = buildDefaultEstate(seed);
estate.sim.advance(minutes * 60_000);
process.stdout.write(estateSummary(estate) + '\n');
