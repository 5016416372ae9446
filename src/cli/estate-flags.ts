// The estate a command runs on, from its flags (exec, report): --estate FILE, or
// the built-in estate with --seed N; and --as USER signs in as that user of it.
// Each problem is a usage error (exit 2) or a load error (exit 1), said the one way.
import type { Estate } from '../estate/estate.js';
import { buildDefaultEstate } from '../estate/presets/default.js';
import { loadEstate } from '../estate/store.js';
import { usageError, writeErr } from './io.js';

export function estateFromFlags(command: string, values: { estate?: string; seed?: string; as?: string }): { estate: Estate } | { code: number } {
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 4294967295)
    return { code: usageError(command, `--seed must be a whole number from 0 to 4294967295, got ${values.seed}`) };
  if (values.estate !== undefined && values.seed !== undefined)
    return { code: usageError(command, '--seed applies to the built-in estate; an estate file has its own') };
  let estate: Estate;
  if (values.estate !== undefined) {
    const loaded = loadEstate(values.estate);
    if (!loaded.ok) {
      writeErr(
        `hyperpane ${command}: ${loaded.error.message}\n${(loaded.error.details ?? [])
          .slice(1)
          .map((d) => `  ${d}\n`)
          .join('')}`,
      );
      return { code: 1 };
    }
    estate = loaded.value;
  } else estate = buildDefaultEstate(seed);
  if (values.as !== undefined) {
    const problem = estate.providers.access.signIn(values.as);
    if (problem) return { code: usageError(command, `--as: ${problem}`) };
  }
  return { estate };
}
