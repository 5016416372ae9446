// Reading what `kubectl apply -f PATH` names: a file, or a directory's .json,
// .yaml and .yml files in name order (kubectl's FileVisitor), as text; errors
// in kubectl's words ("the path "x" does not exist"), never a stack.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describeFsError } from './errors.js';

/** Larger than any manifest a person writes; a bigger file is refused rather than read into memory. */
const MAX_MANIFEST_BYTES = 32 * 1024 * 1024;

export function readManifest(path: string): { ok: true; text: string } | { ok: false; message: string } {
  try {
    const st = statSync(path);
    if (st.isDirectory()) {
      const names = readdirSync(path)
        .filter((n) => /\.(json|ya?ml)$/.test(n))
        .sort();
      if (names.length === 0) return { ok: false, message: `error reading [${path}]: recognized file extensions are [.json .yaml .yml]` };
      const texts: string[] = [];
      for (const n of names) {
        const one = readManifest(join(path, n));
        if (!one.ok) return one;
        texts.push(one.text);
      }
      return { ok: true, text: texts.join('\n---\n') };
    }
    if (st.size > MAX_MANIFEST_BYTES) return { ok: false, message: `${path} is ${st.size} bytes: larger than a manifest hyperpane reads (32 MiB)` };
    return { ok: true, text: readFileSync(path, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, message: `the path "${path}" does not exist` };
    return { ok: false, message: `open ${path}: ${describeFsError(e)}` };
  }
}
