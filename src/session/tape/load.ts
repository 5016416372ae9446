// Reading tape files: UTF-8 text of a sane size, and the tapes they Source
// (relative to the tape that sources them, then to the working directory, which
// is where VHS looks).
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Tape } from './ast.js';
import { parseTape, type SourceReader } from './parser.js';

/** A tape is a script; one over a megabyte is a mistake (a recording passed by accident, say). */
export const MAX_TAPE_BYTES = 1_048_576;

export function readTapeText(path: string): { text: string } | { error: string } {
  try {
    const st = statSync(path);
    if (st.isDirectory()) return { error: `${path} is a directory, not a tape` };
    if (st.size > MAX_TAPE_BYTES) return { error: `${path} is ${Math.round(st.size / 1024)} KB; tapes over ${MAX_TAPE_BYTES / 1024} KB are refused` };
    const text = readFileSync(path, 'utf8');
    if (text.includes('\u0000')) return { error: `${path} is not a text file` };
    return { text };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? `${path}: no such file` : code === 'EACCES' ? `${path}: permission denied` : `${path}: ${(e as Error).message}` };
  }
}

export const readSource: SourceReader = (path, from) => {
  const candidates = isAbsolute(path) ? [path] : [resolve(dirname(from), path), resolve(path)];
  for (const file of candidates) {
    const r = readTapeText(file);
    if ('text' in r) return { file: displayPath(file), text: r.text };
    if (!r.error.endsWith('no such file')) return r;
  }
  return { error: `File ${path} not found (looked next to ${from} and in the working directory)` };
};

/** Loads and parses a tape, with what it sources. */
export function loadTape(path: string): { tape: Tape } | { error: string } {
  const r = readTapeText(path);
  if ('error' in r) return r;
  return { tape: parseTape(r.text, path, { readSource }) };
}

function displayPath(file: string): string {
  const cwd = process.cwd();
  return file.startsWith(cwd + '/') ? file.slice(cwd.length + 1) : file;
}
