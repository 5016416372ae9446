// The user's settings, kept by conf in their config directory (HYPERPANE_CONFIG_DIR
// moves it): theme, speed, key overrides, the last estate file. A settings file
// that does not check out is set aside (renamed) with a warning, and defaults used.
import Conf from 'conf';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import * as z from 'zod';
import { formatIssues } from './zod-issues.js';

export const SPEEDS = [0, 1, 10, 60, 600] as const;
export type Speed = (typeof SPEEDS)[number];

const settingsSchema = z.strictObject({
  theme: z.string().max(60).optional(),
  speed: z
    .number()
    .refine((n): n is Speed => (SPEEDS as readonly number[]).includes(n), { message: `expected one of ${SPEEDS.join(', ')} (0 is paused)` })
    .optional(),
  keys: z.record(z.string().max(60), z.array(z.string().min(1).max(20)).max(8)).optional(),
  lastEstate: z.string().max(4096).optional(),
  /** The : prompt's history, oldest first. */
  history: z.array(z.string().max(1000)).max(200).optional(),
});

export type Settings = z.output<typeof settingsSchema>;

export interface SettingsLoad {
  readonly store: SettingsStore;
  readonly warnings: readonly string[];
}

export class SettingsStore {
  private constructor(private readonly conf: Conf<Settings>) {}

  static open(): SettingsLoad {
    const cwd = process.env.HYPERPANE_CONFIG_DIR || undefined;
    const make = () => new Conf<Settings>({ projectName: 'hyperpane', projectSuffix: '', cwd, clearInvalidConfig: true });
    let conf = make();
    const warnings: string[] = [];
    const problem = checkFile(conf.path);
    if (problem) {
      const aside = `${conf.path}.invalid-${process.pid}`;
      try {
        renameSync(conf.path, aside);
        warnings.push(`settings ${conf.path}: ${problem}; set aside as ${aside}, using defaults`);
      } catch {
        warnings.push(`settings ${conf.path}: ${problem}; using defaults`);
      }
      conf = make();
    }
    return { store: new SettingsStore(conf), warnings };
  }

  get path(): string {
    return this.conf.path;
  }

  get(): Settings {
    const parsed = settingsSchema.safeParse(this.conf.store);
    return parsed.success ? parsed.data : {};
  }

  set(patch: Settings): void {
    const next = { ...this.get(), ...patch };
    const checked = settingsSchema.parse(next);
    this.conf.store = checked;
  }
}

/** Why a settings file cannot be used, or undefined if it can (or does not exist). */
function checkFile(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    return `not valid JSON (${(e as Error).message})`;
  }
  const parsed = settingsSchema.safeParse(data);
  return parsed.success ? undefined : formatIssues(parsed.error.issues).join('; ');
}
