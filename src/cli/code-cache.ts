// Runs the bundled app (a CommonJS file) through V8's code cache, as Node 22's
// module.enableCompileCache() does for every module and v8-compile-cache did
// before it: the bytecode V8 compiled on an earlier run is read back instead of
// compiling the ~5 MB bundle again. Node 20 offers that only to vm.Script, and
// vm.Script only takes a script, not an ES module: hence the CommonJS bundle.
// Measured: the first frame of `hyperpane` 458 ms -> 345 ms on the 2-core machine
// (median of 9, A/B; see the closing note of issue 23).
//
// V8 itself checks a cache against its version, its flags and the length of the
// source, and says when it rejected one (cachedDataRejected). A bundle of the same
// length but other content would pass that check, so a cache is named after the
// bundle, whose name carries a hash of its content (scripts/build.mjs).
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import vm from 'node:vm';

/** What became of the cache on this run. */
export type CacheUse = 'used' | 'absent' | 'rejected';

export interface CachedRun {
  readonly cache: CacheUse;
  /** Writes the cache (bytecode compiled so far) to the first folder that takes it; the folder, or undefined. */
  save(): string | undefined;
}

/** A cache other bundles left behind is removed once this old (a newer build replaced them). */
const STALE_MS = 7 * 24 * 3_600_000;
const SUFFIX = '.code-cache';

/** The cache's file name: the bundle, the mode (each mode runs other code), V8's version and the machine. */
export function cacheName(bundle: string, mode: string): string {
  return `${basename(bundle)}.${mode}.v8-${process.versions.v8}-${process.arch}${SUFFIX}`;
}

/**
 * Runs `bundle` as CommonJS, from the cache in the first of `dirs` that holds one.
 * Its own mistakes are thrown as they would be from require().
 */
export function runCached(bundle: string, name: string, dirs: readonly string[]): CachedRun {
  // The build writes the bundle in ASCII: read as Latin-1 it is the same text, made without decoding UTF-8 (~10 ms).
  const source = readFileSync(bundle, 'latin1');
  let cachedData: Buffer | undefined;
  for (const dir of dirs) {
    try {
      cachedData = readFileSync(join(dir, name));
      break;
    } catch {
      // Not there (or not readable): the next folder, or none.
    }
  }
  // Node's own CommonJS wrapper, on the bundle's first line so its line numbers stay.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, {
    filename: bundle,
    ...(cachedData ? { cachedData } : {}),
  });
  const cache: CacheUse = cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'used';
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  return { cache, save: () => saveCache(script, name, dirs) };
}

function saveCache(script: vm.Script, name: string, dirs: readonly string[]): string | undefined {
  const data = script.createCachedData();
  for (const dir of dirs) {
    // Written whole under a name of its own, then renamed: a run reading it at the same moment reads an old cache or the new one.
    const temp = join(dir, `${name}.${process.pid}.tmp`);
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(temp, data);
      renameSync(temp, join(dir, name));
      pruneStale(dir, name);
      return dir;
    } catch {
      // A folder that cannot be written (an install owned by root): the next one.
      removeQuietly(temp);
    }
  }
  return undefined;
}

/** Removes other bundles' caches not written for a week: an upgrade leaves the old ones behind. */
function pruneStale(dir: string, kept: string): void {
  const bundle = kept.slice(0, kept.indexOf('.'));
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    return;
  }
  for (const file of files) {
    if (!file.endsWith(SUFFIX) || file.startsWith(`${bundle}.`)) continue;
    try {
      if (Date.now() - statSync(join(dir, file)).mtimeMs > STALE_MS) removeQuietly(join(dir, file));
    } catch {
      // Removed by another run meanwhile.
    }
  }
}

function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // Never written (the folder is not one), or gone already.
  }
}
