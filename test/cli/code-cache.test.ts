// The launcher's code cache (src/cli/code-cache.ts): a bundle runs the same with a
// cache, without one, with one V8 refuses and with a damaged one (which V8 would
// crash on: it must never see it); the cache is written where it can be, read
// back, named after the bundle and the mode, and caches unused for a week go.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheName, runCached } from '../../src/cli/code-cache.js';

/** A CommonJS file that uses what the wrapper hands it, and says it ran. */
function bundleIn(dir: string, extra = ''): string {
  const file = join(dir, 'app.cjs');
  writeFileSync(
    file,
    [
      '"use strict";',
      "const { basename } = require('node:path');",
      'function square(n) { return n * n; }',
      'globalThis.codeCacheRuns = (globalThis.codeCacheRuns ?? 0) + 1;',
      "module.exports.answer = [basename(__filename), basename(__dirname), square(7)].join(' ');",
      `globalThis.codeCacheAnswer = module.exports.answer;${extra}`,
    ].join('\n'),
  );
  return file;
}

/**
 * runCached on a copy of the bundle at a path of its own: V8 keeps a script it has compiled for the
 * process, and a second compile of the same source and file name takes no cache (and says it took it).
 */
function run(bundle: string, name: string, dirs: readonly string[]) {
  const copy = join(mkdtempSync(join(tmpdir(), 'hyperpane-bundle-')), 'app.cjs');
  copyFileSync(bundle, copy);
  return runCached(copy, name, dirs);
}

const state = globalThis as { codeCacheRuns?: number; codeCacheAnswer?: string };
const temp = () => mkdtempSync(join(tmpdir(), 'hyperpane-cache-'));
const DAY = 24 * 3_600_000;
const daysAgo = (file: string, days: number) => utimesSync(file, new Date(Date.now() - days * DAY), new Date(Date.now() - days * DAY));

describe('runCached', () => {
  it('runs the bundle, writes its cache, and reads it back the next time', () => {
    const dir = temp();
    const bundle = bundleIn(dir);
    const name = cacheName('0123456789abcdef', 'console');
    expect(name).toMatch(/^hyperpane-0123456789abcdef\.console\.v8-[\w.-]+-\w+\.o-[0-9a-f]{8}\.code-cache$/);
    const before = state.codeCacheRuns ?? 0;

    const first = run(bundle, name, [dir]);
    expect(first.cache).toBe('absent');
    expect(state.codeCacheAnswer).toMatch(/^app\.cjs hyperpane-bundle-\w+ 49$/);
    expect(first.save(false)).toBe(dir);
    // Written under a name of its own and renamed: nothing half-written is left.
    expect(readdirSync(dir).sort()).toEqual(['app.cjs', name]);

    expect(run(bundle, name, [dir]).cache).toBe('used');
    expect(state.codeCacheRuns).toBe(before + 2);
  });

  it('says a cache written before the app was up is provisional, until one written after replaces it', () => {
    const dir = temp();
    const bundle = bundleIn(dir);
    const name = cacheName('feed', 'console');
    run(bundle, name, [dir]).save(true);
    const second = run(bundle, name, [dir]);
    expect(second.cache).toBe('provisional');
    second.save(false);
    expect(run(bundle, name, [dir]).cache).toBe('used');
  });

  it('never hands V8 a damaged cache (it would crash on it): the bundle runs without, and a whole one is written', () => {
    const dir = temp();
    const bundle = bundleIn(dir);
    const name = cacheName('beef', 'exec');
    run(bundle, name, [dir]).save(false);
    const file = join(dir, name);
    const bytes = readFileSync(file);
    for (let i = 0; i < 64; i++) bytes[Math.floor(bytes.length / 2) + i] ^= 0xff;
    writeFileSync(file, bytes);
    const damaged = run(bundle, name, [dir]);
    expect(damaged.cache).toBe('absent');
    expect(state.codeCacheAnswer).toMatch(/ 49$/);
    damaged.save(false);
    expect(run(bundle, name, [dir]).cache).toBe('used');
    // The byte that says provisional is covered too.
    const whole = readFileSync(file);
    whole[4] ^= 1;
    writeFileSync(file, whole);
    expect(run(bundle, name, [dir]).cache).toBe('absent');
    // Not ours at all: the same.
    writeFileSync(file, 'not a code cache');
    expect(run(bundle, name, [dir]).cache).toBe('absent');
  });

  it('runs the bundle when V8 refuses the cache (made for another source), and writes the new one over it', () => {
    const [a, b] = [temp(), temp()];
    const name = cacheName('cafe', 'play');
    run(bundleIn(a), name, [a]).save(false);
    // Under the same name, another bundle: V8 checks the source's length, and refuses a's cache.
    const changed = bundleIn(b, '\nglobalThis.codeCacheChanged = true;');
    const refused = run(changed, name, [a, b]);
    expect(refused.cache).toBe('rejected');
    expect(state.codeCacheAnswer).toMatch(/ 49$/);
    expect(refused.save(false)).toBe(a);
    expect(run(changed, name, [a, b]).cache).toBe('used');
    // Refused in the later folder: written over there, not in the earlier one (which would not be chosen over it).
    const [c, d] = [temp(), temp()];
    run(bundleIn(d), name, [d]).save(false);
    const again = run(changed, name, [c, d]);
    expect(again.cache).toBe('rejected');
    expect(again.save(false)).toBe(d);
    expect(readdirSync(c)).toEqual([]);
    expect(run(changed, name, [c, d]).cache).toBe('used');
  });

  it("chooses a final cache over a provisional one, and a later folder's over an earlier one's", () => {
    const dir = temp();
    const bundle = bundleIn(dir);
    const name = cacheName('f00d', 'console');
    const [dist, user] = [join(dir, 'dist'), join(dir, 'user')];
    // A provisional cache beside the bundle (a --version run by whoever installed it), a final one in the user's folder.
    run(bundle, name, [dist]).save(true);
    run(bundle, name, [user]).save(false);
    expect(run(bundle, name, [dist, user]).cache).toBe('used');
    // Both final: the user's folder, written only when the one beside the bundle could not be, is read first
    // (beside the bundle, a cache V8 refuses: made for another source).
    run(bundleIn(temp(), '\n// another bundle'), name, [dist]).save(false);
    expect(run(bundle, name, [dist]).cache).toBe('rejected');
    expect(run(bundle, name, [dist, user]).cache).toBe('used');
    // Damaged in the user's folder: the one beside the bundle is the only whole one.
    writeFileSync(join(user, name), readFileSync(join(user, name)).subarray(0, 40));
    expect(run(bundle, name, [dist, user]).cache).toBe('rejected');
  });

  it('writes to the next folder when the first cannot be written to, and says so when none can', () => {
    const dir = temp();
    const bundle = bundleIn(dir);
    // A file where the folder should be: not writable as a folder, whoever runs the test (root included).
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, '');
    const fallback = join(dir, 'user-cache', 'code');
    const name = cacheName('abba', 'new');
    expect(run(bundle, name, [join(blocked, 'dist'), fallback]).save(false)).toBe(fallback);
    expect(readdirSync(fallback)).toEqual([name]);
    expect(run(bundle, name, [join(blocked, 'dist'), fallback]).cache).toBe('used');
    expect(run(bundle, name, [join(blocked, 'x')]).save(false)).toBeUndefined();
  });

  it('removes caches and left-over temporary files unused for a week, and marks a cache it reads as used', () => {
    const dir = temp();
    const cache = join(dir, 'cache');
    mkdirSync(cache);
    const bundle = bundleIn(dir);
    const kept = cacheName('1111', 'console');
    const oldOther = 'hyperpane-2222.console.v8-1-x64.o-00000000.code-cache';
    const oldTemp = `${oldOther}.123-abcd1234.tmp`;
    const recentOther = 'hyperpane-3333.exec.v8-1-x64.o-00000000.code-cache';
    const notOurs = 'notes.txt';
    run(bundle, kept, [cache]).save(false);
    for (const f of [oldOther, oldTemp, recentOther, notOurs]) writeFileSync(join(cache, f), 'x');
    for (const f of [oldOther, oldTemp, notOurs, kept]) daysAgo(join(cache, f), 8);
    // Read eight days after it was written: marked used, so that the next save's pruning keeps it.
    expect(run(bundle, kept, [cache]).cache).toBe('used');
    expect(Date.now() - statSync(join(cache, kept)).mtimeMs).toBeLessThan(DAY);

    run(bundle, cacheName('1111', 'exec'), [cache]).save(false);
    expect(readdirSync(cache).sort()).toEqual([kept, cacheName('1111', 'exec'), recentOther, notOurs].sort());
  });

  it('throws what the bundle throws, as require() would', () => {
    const dir = temp();
    const bundle = join(dir, 'app.cjs');
    writeFileSync(bundle, "throw new Error('broken bundle');");
    expect(() => run(bundle, cacheName('dead', 'console'), [dir])).toThrow('broken bundle');
  });
});
