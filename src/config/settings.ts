// The user's settings, in their config directory (HYPERPANE_CONFIG_DIR moves it):
// theme, speed, key overrides, the last estate file, the prompt's history. A
// settings file that does not check out is set aside (renamed) with a warning,
// and defaults used. Written whole and atomically, as estates are. (They were
// kept by conf, whose JSON-schema validator, unused here, cost 18 ms of every
// start; the file and its place are the same.)

import { mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import envPaths from 'env-paths';
import * as z from 'zod';
import { CONTROL_CHARS } from '../core/validate.js';
import { writeAtomically } from '../files/atomic-write.js';
import { readTextFile } from '../files/read.js';
import { formatIssues } from './zod-issues.js';

export const SPEEDS = [0, 1, 10, 60, 600] as const;
/** Settings are a few kilobytes (200 history lines at most): more is not a settings file. */
const MAX_SETTINGS_BYTES = 1024 * 1024;
export type Speed = (typeof SPEEDS)[number];

/** Text that is drawn (a theme name, a key, a history line): no character a terminal would obey. */
const shown = (max: number) =>
  z
    .string()
    .max(max)
    .refine((v) => !CONTROL_CHARS.test(v), 'must not contain control characters');

const settingsSchema = z.strictObject({
  theme: shown(60).optional(),
  speed: z
    .number()
    .refine((n): n is Speed => (SPEEDS as readonly number[]).includes(n), { message: `expected one of ${SPEEDS.join(', ')} (0 is paused)` })
    .optional(),
  keys: z.record(shown(60), z.array(shown(20).min(1)).max(8)).optional(),
  lastEstate: shown(4096).optional(),
  /** The : prompt's history, oldest first. */
  history: z.array(shown(1000)).max(200).optional(),
});

export type Settings = z.output<typeof settingsSchema>;

export interface SettingsLoad {
  readonly store: SettingsStore;
  readonly warnings: readonly string[];
}

export class SettingsStore {
  private constructor(readonly path: string) {}

  static open(): SettingsLoad {
    // Where conf kept them (env-paths): ~/.config/hyperpane on Linux, the platform's own elsewhere.
    const dir = process.env.HYPERPANE_CONFIG_DIR || envPaths('hyperpane', { suffix: '' }).config;
    const path = join(dir, 'config.json');
    const warnings: string[] = [];
    const problem = checkFile(path);
    if (problem) {
      const aside = `${path}.invalid-${process.pid}`;
      try {
        renameSync(path, aside);
        warnings.push(`settings ${path}: ${problem}; set aside as ${aside}, using defaults`);
      } catch {
        warnings.push(`settings ${path}: ${problem}; using defaults`);
      }
    }
    return { store: new SettingsStore(path), warnings };
  }

  /** What the file holds now (another hyperpane may have changed it), or the defaults. */
  get(): Settings {
    const read = readTextFile(this.path, MAX_SETTINGS_BYTES);
    if (!read.ok) return {};
    try {
      const parsed = settingsSchema.safeParse(JSON.parse(read.text));
      return parsed.success ? parsed.data : {};
    } catch {
      return {};
    }
  }

  /** Merges `patch` into the file, atomically; throws with the reason if it cannot be written. */
  set(patch: Settings): void {
    const checked = settingsSchema.parse({ ...this.get(), ...patch });
    mkdirSync(dirname(this.path), { recursive: true });
    const r = writeAtomically(this.path, `${JSON.stringify(checked, null, '\t')}\n`, { keepPrevious: false });
    if (!r.ok) throw new Error(r.message);
  }
}

/** Why a settings file cannot be used, or undefined if it can (or does not exist). */
function checkFile(path: string): string | undefined {
  const read = readTextFile(path, MAX_SETTINGS_BYTES);
  if (!read.ok) return read.reason === 'missing' ? undefined : read.message;
  let data: unknown;
  try {
    data = JSON.parse(read.text);
  } catch (e) {
    return `not valid JSON (${(e as Error).message})`;
  }
  const parsed = settingsSchema.safeParse(data);
  return parsed.success ? undefined : formatIssues(parsed.error.issues).join('; ');
}
