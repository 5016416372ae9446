// `hyperpane new [--preset NAME] FILE`: writes a starting estate to a file.
import { existsSync } from 'node:fs';
import { PRESETS, presetNames } from '../estate/presets/index.js';
import { saveEstate } from '../estate/store.js';
import { readArgs, usageError, writeErr, writeOut } from './io.js';

export const NEW_HELP = `
  Usage
    $ hyperpane new [--preset NAME] [--seed N] [--force] FILE

  Writes a starting estate to FILE (an estate file hyperpane opens with --estate).

  Options
    --preset NAME   ${presetNames()
      .filter((name) => !PRESETS[name].unsaveable)
      .join(', ')} (default: default)${presetNames()
      .filter((name) => PRESETS[name].unsaveable)
      .map((name) => `; ${name} is too big for a file (hyperpane --preset ${name} opens it)`)
      .join('')}
    --seed N        seed of its random number generator (default 1)
    --force         replace FILE if it exists
`;

export function newCommand(args: string[]): number {
  const parsed = readArgs(args, { preset: { type: 'string' }, seed: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean' } });
  if (typeof parsed === 'string') return usageError('new', parsed);
  const { values, positionals } = parsed;
  if (values.help) {
    writeOut(NEW_HELP.slice(1));
    return 0;
  }
  if (positionals.length !== 1) return usageError('new', 'give exactly one FILE to write');
  const preset = values.preset ?? 'default';
  if (!PRESETS[preset]) return usageError('new', `no preset named ${preset}; the presets are ${presetNames().join(', ')}`);
  const unsaveable = PRESETS[preset].unsaveable;
  if (unsaveable) return usageError('new', `the ${preset} estate cannot be written to a file: ${unsaveable}; open it with --preset ${preset}`);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 4294967295) return usageError('new', `--seed must be a whole number, got ${values.seed}`);
  const file = positionals[0];
  if (existsSync(file) && !values.force) return usageError('new', `${file} exists; add --force to replace it`);
  const saved = saveEstate(PRESETS[preset].build(seed), file);
  if (!saved.ok) {
    writeErr(`hyperpane new: ${saved.message}\n`);
    return 1;
  }
  writeOut(`wrote the ${preset} estate to ${file}\n`);
  return 0;
}
