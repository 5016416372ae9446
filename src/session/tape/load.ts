// Reading tape files: UTF-8 text of a sane size, and the tapes they Source
// (relative to the tape that sources them, then to the working directory, which
// is where VHS looks).

import { dirname, isAbsolute, resolve } from 'node:path';
import { readTextFile } from '../../files/read.js';
import type { Tape } from './ast.js';
import { parseTape, type SourceReader } from './parser.js';

/** A tape is a script; one over a megabyte is a mistake (a recording passed by accident, say). */
export const MAX_TAPE_BYTES = 1_048_576;

export function readTapeText(path: string): { text: string } | { error: string } {
  const read = readTextFile(path, MAX_TAPE_BYTES);
  if (!read.ok) {
    if (read.reason === 'missing') return { error: `${path}: no such file` };
    if (read.reason === 'directory') return { error: `${path} is a directory, not a tape` };
    if (read.reason === 'too-large') return { error: `${path}: ${read.message}; a tape is a script of at most ${MAX_TAPE_BYTES / 1024} KB` };
    return { error: `${path}: ${read.message}` };
  }
  if (read.text.includes('\u0000')) return { error: `${path} is not a text file` };
  return { text: read.text };
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
  return file.startsWith(`${cwd}/`) ? file.slice(cwd.length + 1) : file;
}
