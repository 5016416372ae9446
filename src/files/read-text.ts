// Reading a text file a command line names (consolidate --inventory FILE.csv):
// a regular file of at most 32 MiB, or what is wrong with it in plain words.
import { readFileSync, statSync } from 'node:fs';
import { describeFsError } from './errors.js';

const MAX_TEXT_BYTES = 32 * 1024 * 1024;

export function readText(path: string): { ok: true; text: string } | { ok: false; message: string } {
  try {
    const st = statSync(path);
    if (st.isDirectory()) return { ok: false, message: `${path} is a directory, not a file` };
    if (!st.isFile()) return { ok: false, message: `${path} is not a regular file` };
    if (st.size > MAX_TEXT_BYTES) return { ok: false, message: `${path} is ${st.size} bytes: larger than hyperpane reads (32 MiB)` };
    return { ok: true, text: readFileSync(path, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, message: `${path}: no such file` };
    return { ok: false, message: `open ${path}: ${describeFsError(e)}` };
  }
}
