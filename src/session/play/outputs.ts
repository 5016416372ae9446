// Writing what a tape recorded: each asciicast, and each text golden file.
// Files are written whole, through a temporary file renamed into place, so a
// reader never sees half a recording.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface Written {
  readonly path: string;
  readonly bytes: number;
}

export function writeOutputs(cwd: string, casts: ReadonlyMap<string, string>, texts: readonly { path: string; chunks: string[] }[]): Written[] {
  const out: Written[] = [];
  for (const [path, text] of casts) out.push(writeWhole(resolve(cwd, path), text));
  for (const t of texts) out.push(writeWhole(resolve(cwd, t.path), t.chunks.join('')));
  return out;
}

export function writeWhole(path: string, text: string): Written {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
  return { path, bytes: Buffer.byteLength(text) };
}
