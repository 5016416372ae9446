// Which estate the app opens: --estate FILE, else --preset NAME, else the last
// estate file the user opened (if it is still there), else the built-in one.
import { existsSync } from 'node:fs';
import type { Estate } from '../estate/estate.js';
import { VERSION } from '../estate/file-schema.js';
import { PRESETS, presetNames } from '../estate/presets/index.js';
import { fileBytes, loadEstate, SLOW_LOAD_BYTES } from '../estate/store.js';

export interface Opened {
  readonly estate: Estate;
  /** The file it came from (saved back to on :w and on quit). */
  readonly file?: string;
  readonly note?: string;
}

export function openEstate(opts: {
  file?: string;
  preset?: string;
  seed?: number;
  lastEstate?: string;
  /** Told how far a large preset's build has got (workloads placed of all). */
  progress?: (done: number, total: number) => void;
  /** Told before a large file is read (it takes a while), and when it is done. */
  reading?: (file: string, bytes: number | undefined) => void;
}): { ok: true; value: Opened } | { ok: false; message: string } {
  if (opts.file !== undefined && opts.preset !== undefined) return { ok: false, message: '--estate and --preset name two estates; give one' };
  if (opts.preset !== undefined) {
    const preset = PRESETS[opts.preset];
    if (!preset) return { ok: false, message: `no preset named ${opts.preset} (presets: ${presetNames().join(', ')})` };
    return { ok: true, value: { estate: preset.build(opts.seed ?? 1, opts.progress) } };
  }
  const file = opts.file ?? (opts.lastEstate && existsSync(opts.lastEstate) ? opts.lastEstate : undefined);
  if (file !== undefined) {
    const bytes = fileBytes(file);
    const slow = bytes !== undefined && bytes >= SLOW_LOAD_BYTES;
    if (slow) opts.reading?.(file, bytes);
    const loaded = loadEstate(file);
    if (slow) opts.reading?.(file, undefined);
    if (!loaded.ok) return { ok: false, message: [loaded.error.message, ...(loaded.error.details ?? []).slice(1).map((d) => `  ${d}`)].join('\n') };
    const notes = [
      ...(opts.file === undefined ? [`opened the last estate, ${file} (--preset default opens the built-in one)`] : []),
      ...(loaded.value.convertedFrom !== undefined ? [convertedNote(file, loaded.value.convertedFrom)] : []),
    ];
    const note = notes.length > 0 ? notes.join('; ') : undefined;
    return { ok: true, value: { estate: loaded.value, file, ...(note ? { note } : {}) } };
  }
  return { ok: true, value: { estate: PRESETS.default.build(opts.seed ?? 1) } };
}

/** What the user is told when a file of an older format is opened. */
export function convertedNote(file: string, from: number): string {
  return `${file} is in format version ${from}: converted; saving writes version ${VERSION} and keeps the old file as ${file}.v${from}`;
}
