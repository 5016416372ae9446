// The unit suite runs many files in one worker without loading modules afresh for
// each (isolate: false in vitest.config.ts: it halves the suite's CPU time). What a
// file sets in a module every file shares goes back before the next file starts:
// the tape tests pin chalk's colour level to truecolour (session/play/colours.ts).
import chalk from 'chalk';
import { beforeAll } from 'vitest';

const first = globalThis as { hyperpaneFirst?: { level: typeof chalk.level; forceColor: string | undefined; configDir: string | undefined } };
first.hyperpaneFirst ??= { level: chalk.level, forceColor: process.env.FORCE_COLOR, configDir: process.env.HYPERPANE_CONFIG_DIR };

beforeAll(() => {
  const was = first.hyperpaneFirst!;
  chalk.level = was.level;
  for (const [key, value] of [
    ['FORCE_COLOR', was.forceColor],
    ['HYPERPANE_CONFIG_DIR', was.configDir],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});
