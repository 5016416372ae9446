// Runs the bundled app (a CommonJS file) through V8's code cache, as Node 22's
// module.enableCompileCache() does for every module and v8-compile-cache did
// before it: the bytecode V8 compiled on an earlier run is read back instead of
// compiling the ~5 MB bundle again. Node 20 offers that only to vm.Script, and
// vm.Script only takes a script, not an ES module: hence the CommonJS bundle.
// Measured: the first frame of `hyperpane` 458 ms -> 345 ms on the 2-core machine
// (median of 9, A/B; see the closing note of issue 23).
//
// V8 checks a cache only against its version, its flags and the source's length,
// and takes a damaged one on trust (it crashes on it, every run). So a cache is
// named after the bundle's content hash, V8's version and the options Node was
// started with, and carries a SHA-256 of itself, checked before V8 sees it.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * What became of the cache on this run: used; used, but written by a run that
 * ended before the app was up (`--version`, say) and so to be written again;
 * none to be found; or one V8 would not take.
 */
export type CacheUse = 'used' | 'provisional' | 'absent' | 'rejected';

export interface CachedRun {
  readonly cache: CacheUse;
  /**
   * Writes the cache (the bytecode compiled so far) to the first folder that takes it and
   * returns that folder, or undefined. Provisional: written before the app was up.
   */
  save(provisional: boolean): string | undefined;
  /** For a provisional cache, the bytecode the run that wrote it held (KiB): a run that compiled much more writes it again. */
  readonly compiledKiB?: number;
}

/** Bumped when the file's layout changes, so older caches are not read. */
const FORMAT = 2;
/** Node's own CommonJS wrapper, on the bundle's first line so that its line numbers stay. */
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) { ';
const WRAPPER_TAIL = '\n})';
const MAGIC = Buffer.from(`HPC${FORMAT}`);
const DIGEST_BYTES = 32;
/** After MAGIC: a byte saying whether the cache is provisional, and how much bytecode the run that wrote it held (KiB, uint32). */
const META_BYTES = 5;
/** MAGIC, the meta bytes, then the SHA-256 of the meta bytes and the data. */
const HEADER_BYTES = MAGIC.length + META_BYTES + DIGEST_BYTES;
const SUFFIX = '.code-cache';
/** A cache (or a temporary file a killed run left) unused this long is removed: an upgrade leaves the old ones behind. */
const STALE_MS = 7 * 24 * 3_600_000;
/** How old a cache's time may get before a run that reads it marks it used again. */
const TOUCH_MS = 24 * 3_600_000;

/**
 * The cache's file name: the bundle's content hash, the mode (each mode runs other code), V8's version
 * and the machine, the options Node was started with (V8 refuses a cache made under other flags) and the wrapper.
 */
export function cacheName(bundleHash: string, mode: string): string {
  // The wrapper is part of the source V8 compiled: a cache made around another is not this one's.
  const options = createHash('sha256')
    .update(`${process.execArgv.join(' ')}\n${process.env.NODE_OPTIONS ?? ''}\n${WRAPPER_HEAD}${WRAPPER_TAIL}`)
    .digest('hex')
    .slice(0, 8);
  return `hyperpane-${bundleHash}.${mode}.v8-${process.versions.v8}-${process.arch}.o-${options}${SUFFIX}`;
}

/**
 * Runs `bundle` as CommonJS, from a cache in one of `dirs` (written to in that order) that is whole: a
 * final one before a provisional one, and a later folder's before an earlier one's, as a later folder is
 * written only when an earlier one could not be (a cache there is this user's answer to the one before it).
 * V8 is offered one cache a process: once it has compiled the source it keeps the script, and a second
 * vm.Script of the same source takes none and says it took it. Its own mistakes are thrown as from require().
 */
export function runCached(bundle: string, name: string, dirs: readonly string[]): CachedRun {
  // The build writes the bundle in ASCII: read as Latin-1 it is the same text, made without decoding UTF-8 (~10 ms).
  const source = `${WRAPPER_HEAD}${readFileSync(bundle, 'latin1')}${WRAPPER_TAIL}`;
  const found = [...dirs].reverse().flatMap((dir) => {
    const read = readCache(join(dir, name));
    return read ? [{ dir, ...read }] : [];
  });
  const chosen = found.find((f) => !f.provisional) ?? found[0];
  const script = new vm.Script(source, { filename: bundle, ...(chosen ? { cachedData: chosen.data } : {}) });
  const cache: CacheUse = !chosen ? 'absent' : script.cachedDataRejected ? 'rejected' : chosen.provisional ? 'provisional' : 'used';
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  // A refused cache is written over where it lies, if it can be, so that it is not chosen again.
  const order = cache === 'rejected' ? [chosen!.dir, ...dirs.filter((d) => d !== chosen!.dir)] : dirs;
  const save = (provisional: boolean) => saveCache(script, name, order, provisional);
  return cache === 'provisional' ? { cache, save, compiledKiB: chosen!.compiledKiB } : { cache, save };
}

/** The bytecode this process holds, KiB (V8's heap code statistics): how much of the app its run has compiled. */
export function compiledKiB(): number {
  return Math.min(0xffffffff, Math.round(v8.getHeapCodeStatistics().bytecode_and_metadata_size / 1024));
}

/** The cache's data if the file is one of ours and whole, else undefined. */
function readCache(file: string): { data: Buffer; provisional: boolean; compiledKiB: number } | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  if (bytes.length <= HEADER_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const meta = bytes.subarray(MAGIC.length, MAGIC.length + META_BYTES);
  const data = bytes.subarray(HEADER_BYTES);
  const digest = createHash('sha256').update(meta).update(data).digest();
  if (!digest.equals(bytes.subarray(MAGIC.length + META_BYTES, HEADER_BYTES))) return undefined;
  touch(file);
  return { data, provisional: meta[0] === 1, compiledKiB: meta.readUInt32LE(1) };
}

function saveCache(script: vm.Script, name: string, dirs: readonly string[], provisional: boolean): string | undefined {
  const data = script.createCachedData();
  const meta = Buffer.alloc(META_BYTES);
  meta[0] = provisional ? 1 : 0;
  meta.writeUInt32LE(compiledKiB(), 1);
  const digest = createHash('sha256').update(meta).update(data).digest();
  for (const dir of dirs) {
    // Written whole under a name no other run uses, flushed, then renamed: a run reading at the same moment reads
    // the old cache or the new one, and two runs writing at once do not mix their bytes.
    const temp = join(dir, `${name}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
    try {
      mkdirSync(dir, { recursive: true });
      const fd = openSync(temp, 'wx');
      try {
        // writeFileSync on a descriptor writes until all is written (writeSync may write part).
        writeFileSync(fd, Buffer.concat([MAGIC, meta, digest, data]));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
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

/** Marks a cache used, at most once a day, so that pruning keeps the caches in use. */
function touch(file: string): void {
  try {
    if (Date.now() - statSync(file).mtimeMs > TOUCH_MS) utimesSync(file, new Date(), new Date());
  } catch {
    // A read-only install's cache: nothing this user runs can prune it either.
  }
}

/** Removes caches and left-over temporary files nobody has used for a week: other bundles', other Nodes'. */
function pruneStale(dir: string, kept: string): void {
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    return;
  }
  for (const file of files) {
    const ours = file.endsWith(SUFFIX) || (file.includes(`${SUFFIX}.`) && file.endsWith('.tmp'));
    if (file === kept || !ours) continue;
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
