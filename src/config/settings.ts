// The user's settings, kept by conf in their config directory (HYPERPANE_CONFIG_DIR
// moves it): theme, speed, key overrides, the last estate file, the prompt's
// history. conf validates the file against the schema (JSON Schema, made from the
// zod schema below: one source for both), runs the migrations between settings
// versions, and writes it atomically; it is loaded after the console's first frame
// (measured: 25 ms to import, 28 ms to open with its validator). A file from a newer
// hyperpane keeps the keys this one does not know (ignored here, kept when it
// writes); a file that does not check out is set aside (renamed) with a warning,
// and defaults used.

import { renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type Conf from 'conf';
import envPaths from 'env-paths';
import * as z from 'zod';
import { CONTROL_CHARS } from '../core/validate.js';
import { readTextFile } from '../files/read.js';
import { formatIssues } from './zod-issues.js';

export const SPEEDS = [0, 1, 10, 60, 600] as const;
/** Settings are a few kilobytes (200 history lines at most): more is not a settings file. */
const MAX_SETTINGS_BYTES = 1024 * 1024;
export type Speed = (typeof SPEEDS)[number];

/** The settings' version: conf runs each migration newer than the one a file was last opened with. */
export const SETTINGS_VERSION = '0.2.0';

/** No character a terminal would obey, as a pattern JSON Schema can carry (CONTROL_CHARS, negated). */
const NO_CONTROL = new RegExp(`^${CONTROL_CHARS.source.replace(/^\[/, '[^')}*$`);

/** Text that is drawn (a theme name, a key, a history line). */
const shown = (max: number) => z.string().max(max).regex(NO_CONTROL, 'must not contain control characters');

// Not strict: a newer hyperpane's keys are kept in the file and ignored here.
const settingsSchema = z.object({
  theme: shown(60).optional(),
  speed: z.literal(SPEEDS, { error: `expected one of ${SPEEDS.join(', ')} (0 is paused)` }).optional(),
  keys: z.record(shown(60), z.array(shown(20).min(1)).max(8)).optional(),
  lastEstate: shown(4096).optional(),
  /** The : prompt's history, oldest first. */
  history: z.array(shown(1000)).max(200).optional(),
});

export type Settings = z.output<typeof settingsSchema>;

/** conf's schema: the properties of the zod schema's JSON Schema. */
export const CONF_SCHEMA = (z.toJSONSchema(settingsSchema) as { properties: Record<string, object> }).properties;

/**
 * Settings renamed since a file may have been written, by the version that renamed them. 0.2.0: the logs view's
 * key binding was the Kubernetes pane's own (k8s.logs) before the logs view came.
 */
const MIGRATIONS: Record<string, (store: Conf<Settings>) => void> = {
  '0.2.0': (store) => {
    const keys = store.get('keys');
    if (!keys || !Object.hasOwn(keys, 'k8s.logs')) return;
    const { 'k8s.logs': old, ...rest } = keys;
    store.set('keys', { logs: old, ...rest });
  },
};

export interface SettingsLoad {
  readonly store: SettingsStore;
  readonly warnings: readonly string[];
}

export class SettingsStore {
  #conf: Promise<Conf<Settings>> | undefined;
  #writes: Promise<void> = Promise.resolve();

  private constructor(readonly path: string) {}

  /**
   * The settings file, read as it is now (zod checks it: the schema conf is given is made from the same one); one
   * that does not check out is set aside. conf itself comes later (load): its validator takes tens of milliseconds
   * to build, and a start has no time to spare before its first frame.
   */
  static open(): SettingsLoad {
    // Where conf keeps them (env-paths): ~/.config/hyperpane on Linux, the platform's own elsewhere.
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

  /**
   * conf, opened once: it runs the migrations the file has not had (writing the file) and checks it against the
   * schema. The console asks for it after its first frame when there is a file to migrate; a save waits for it.
   */
  load(): Promise<Conf<Settings>> {
    this.#conf ??= (async () => {
      const { default: Conf } = await import('conf');
      try {
        return openConf(Conf, dirname(this.path), migratedBy(this.path));
      } catch (e) {
        throw new Error(confProblem(e));
      }
    })();
    return this.#conf;
  }

  /** What the file holds now (another hyperpane may have changed it), or the defaults. Keys a newer version wrote are left out. */
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

  /** Merges `patch` into the file through conf, atomically (keys this version does not know stay); rejects with the reason if it cannot. */
  set(patch: Settings): Promise<void> {
    // One after another, in the order asked, whatever conf's loading: the last word is the last said.
    const write = this.#writes.then(async () => {
      const conf = await this.load();
      // The whole is checked; only what changed is written, over what the file holds then (another hyperpane's saves stay).
      const checked = settingsSchema.parse({ ...this.get(), ...patch });
      const changed = Object.fromEntries(Object.keys(patch).map((k) => [k, checked[k as keyof Settings]]));
      try {
        conf.set(changed);
      } catch (e) {
        throw new Error(confProblem(e));
      }
    });
    this.#writes = write.catch(() => undefined);
    return write;
  }

  /** Settles once every save asked for so far has been written or refused (before the process exits). */
  flush(): Promise<void> {
    return this.#writes;
  }
}

/** The settings version a file was last migrated to by conf (__internal__.migrations.version), if it says. */
function migratedBy(path: string): string | undefined {
  const read = readTextFile(path, MAX_SETTINGS_BYTES);
  if (!read.ok) return undefined;
  try {
    const v = (JSON.parse(read.text) as { __internal__?: { migrations?: { version?: unknown } } }).__internal__?.migrations?.version;
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Whether version a (x.y.z) is after b. */
function after(a: string, b: string): boolean {
  const [x, y] = [a, b].map((v) => v.split('.').map((n) => Number.parseInt(n, 10) || 0));
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return false;
}

/**
 * conf over the settings file. A file a newer hyperpane migrated is left at its version: conf would mark it back
 * down to this one's, and the newer one would run its migrations again.
 */
function openConf(Store: typeof Conf, dir: string, fileVersion: string | undefined): Conf<Settings> {
  const newer = fileVersion !== undefined && after(fileVersion, SETTINGS_VERSION);
  return new Store<Settings>({
    cwd: dir,
    configName: 'config',
    projectName: 'hyperpane',
    projectSuffix: '',
    schema: CONF_SCHEMA as never,
    // The schema is zod's, made valid: checking it against JSON Schema's meta-schema first was 80 ms (ajv compiles
    // the draft 2020-12 meta-schema to do it). A test checks it once (test/config/settings.test.ts).
    ajvOptions: { validateSchema: false },
    ...(newer ? {} : { projectVersion: SETTINGS_VERSION, migrations: MIGRATIONS }),
    clearInvalidConfig: false,
  });
}

/** conf's words for what is wrong, with a pattern said as what it means. */
function confProblem(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message
    .replace(/^Config schema violation: /, '')
    .replace(/`([^`]*)` /g, (_, at: string) => `${at.replaceAll('/', '.')}: `)
    .replace(/must match pattern "[^"]*"/g, 'must not contain control characters')
    .replace(/speed: must be equal to one of the allowed values/, `speed: expected one of ${SPEEDS.join(', ')} (0 is paused)`);
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
