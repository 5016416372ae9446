// The launcher's code cache (src/cli/code-cache.ts): a bundle runs the same with a
// cache, without one and with a bad one; the cache is written where it can be, read
// back, named after the bundle and the mode, and old bundles' caches are cleared.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheName, runCached } from '../../src/cli/code-cache.js';

/** A CommonJS file that uses what the wrapper hands it, and says it ran. */
function bundleIn(dir: string, name = 'app-ABC123.cjs'): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    [
      "const { basename } = require('node:path');",
      'function square(n) { return n * n; }',
      'globalThis.codeCacheRuns = (globalThis.codeCacheRuns ?? 0) + 1;',
      "module.exports.answer = [basename(__filename), basename(__dirname), square(7)].join(' ');",
      'globalThis.codeCacheAnswer = module.exports.answer;',
    ].join('\n'),
  );
  return file;
}

const state = globalThis as { codeCacheRuns?: number; codeCacheAnswer?: string };

describe('runCached', () => {
  it('runs the bundle, writes its cache, and reads it back the next time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hyperpane-cache-'));
    const bundle = bundleIn(dir);
    const name = cacheName(bundle, 'console');
    expect(name).toMatch(/^app-ABC123\.cjs\.console\.v8-[\w.-]+-\w+\.code-cache$/);
    const before = state.codeCacheRuns ?? 0;

    const first = runCached(bundle, name, [dir]);
    expect(first.cache).toBe('absent');
    expect(state.codeCacheAnswer).toBe(`app-ABC123.cjs ${dir.split('/').at(-1)} 49`);
    expect(first.save()).toBe(dir);
    expect(readFileSync(join(dir, name)).length).toBeGreaterThan(0);
    // Written under a name of its own and renamed: nothing half-written is left.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const second = runCached(bundle, name, [dir]);
    expect(second.cache).toBe('used');
    expect(state.codeCacheRuns).toBe(before + 2);
  });

  it('runs the bundle as before when the cache is not V8s (rejected), and then writes a good one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hyperpane-cache-'));
    const bundle = bundleIn(dir);
    const name = cacheName(bundle, 'exec');
    writeFileSync(join(dir, name), 'not a code cache');
    const run = runCached(bundle, name, [dir]);
    expect(run.cache).toBe('rejected');
    expect(state.codeCacheAnswer).toMatch(/ 49$/);
    run.save();
    expect(runCached(bundle, name, [dir]).cache).toBe('used');
  });

  it('writes to the next folder when the first cannot be written to, and reads from it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hyperpane-cache-'));
    const bundle = bundleIn(dir);
    // A file where the folder should be: not writable as a folder, whoever runs the test (root included).
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, '');
    const fallback = join(dir, 'user-cache', 'code');
    const name = cacheName(bundle, 'play');
    const run = runCached(bundle, name, [join(blocked, 'dist'), fallback]);
    expect(run.save()).toBe(fallback);
    expect(readdirSync(fallback)).toEqual([name]);
    expect(runCached(bundle, name, [join(blocked, 'dist'), fallback]).cache).toBe('used');
  });

  it('says so when no folder takes the cache', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hyperpane-cache-'));
    const bundle = bundleIn(dir);
    writeFileSync(join(dir, 'blocked'), '');
    const run = runCached(bundle, cacheName(bundle, 'new'), [join(dir, 'blocked', 'a')]);
    expect(run.save()).toBeUndefined();
  });

  it("clears other bundles' caches a week old, and keeps this bundle's other modes and newer ones", () => {
    const dir = mkdtempSync(join(tmpdir(), 'hyperpane-cache-'));
    mkdirSync(join(dir, 'cache'));
    const bundle = bundleIn(dir, 'app-NEW999.cjs');
    const cache = join(dir, 'cache');
    const old = 'app-OLD111.cjs.console.v8-1-x64.code-cache';
    const recent = 'app-MID555.cjs.console.v8-1-x64.code-cache';
    const otherMode = cacheName(bundle, 'exec');
    const notOurs = 'notes.txt';
    for (const f of [old, recent, otherMode, notOurs]) writeFileSync(join(cache, f), 'x');
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3_600_000);
    for (const f of [old, notOurs, otherMode]) utimesSync(join(cache, f), eightDaysAgo, eightDaysAgo);

    runCached(bundle, cacheName(bundle, 'console'), [cache]).save();
    expect(readdirSync(cache).sort()).toEqual([cacheName(bundle, 'console'), otherMode, recent, notOurs].sort());
  });

  it('throws what the bundle throws, as require() would', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hyperpane-cache-'));
    const bundle = join(dir, 'app-BAD000.cjs');
    writeFileSync(bundle, "throw new Error('broken bundle');");
    expect(() => runCached(bundle, cacheName(bundle, 'console'), [dir])).toThrow('broken bundle');
  });
});
