// Where the package's own files (themes/, demo/) are: the nearest folder above
// this module with hyperpane's package.json. The same answer from src/ (tests),
// and from dist/ where the app is bundled into a different depth.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function packagePath(...parts: string[]): string {
  root ??= findRoot(dirname(fileURLToPath(import.meta.url)));
  return join(root, ...parts);
}

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && isOurs(manifest)) return dir;
    if (dirname(dir) === dir) throw new Error(`hyperpane's package.json was not found above ${from}`);
  }
}

function isOurs(manifest: string): boolean {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'hyperpane';
  } catch {
    return false;
  }
}
