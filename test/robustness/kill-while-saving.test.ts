// A process SIGKILLed while it saves, many times over: every time, the estate file
// loads, is never older than the last save that finished, and FILE.bak loads too.
// One half kills at each step of a save on purpose (half of the write done, before
// the flush, before and after each rename); the other half kills from outside,
// wherever the process happens to be. No assertion depends on when a kill lands.

import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../src/estate/presets/index.js';
import { loadEstate, saveEstate } from '../../src/estate/store.js';

const SAVER = join(import.meta.dirname, 'fixtures/saver.mjs');

/** Runs the saver until `kill` says so; returns the clock of the last save it reported done. */
async function runUntilKilled(
  path: string,
  env: Record<string, string>,
  kill: (saves: number, child: ResultPromise) => void,
): Promise<{ ready: number; lastSaved: number; signal?: string }> {
  const child = execa(process.execPath, [SAVER, path], { env, reject: false, buffer: false, stdin: 'ignore', stderr: 'pipe' });
  let ready = -1;
  let lastSaved = -1;
  let saves = 0;
  let pending = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      const [word, value] = line.split(' ');
      if (word === 'ready') ready = Number(value);
      if (word === 'saved') {
        lastSaved = Number(value);
        kill(++saves, child);
      }
    }
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const result = await child;
  if (result.signal !== 'SIGKILL') throw new Error(`the saver ended without being killed (exit ${result.exitCode}): ${stderr}`);
  return { ready, lastSaved, signal: result.signal };
}

function checkFiles(path: string, notBefore: number): number {
  const now = loadEstate(path);
  if (!now.ok) throw new Error(`after a kill the estate file does not load: ${now.error.message}`);
  expect(now.value.sim.now).toBeGreaterThanOrEqual(notBefore);
  if (existsSync(`${path}.bak`)) {
    const bak = loadEstate(`${path}.bak`);
    if (!bak.ok) throw new Error(`after a kill FILE.bak does not load: ${bak.error.message}`);
    expect(bak.value.sim.now).toBeLessThanOrEqual(now.value.sim.now);
  }
  return now.value.sim.now;
}

describe('killed while saving', () => {
  const start = () => {
    const dir = mkdtempSync(join(tmpdir(), 'hyperpane-kill-'));
    const path = join(dir, 'estate.json');
    expect(saveEstate(PRESETS.default!.build(1), path).ok).toBe(true);
    return { dir, path };
  };

  it('at every step of a save, the file and its backup stay whole', async () => {
    const { dir, path } = start();
    let acked = 0;
    // write: one big write per save; fsync: the file, then its directory; rename: the backup's, then the file's.
    const stages = ['write:2', 'fsync:1', 'fsync:2', 'fsync:4', 'rename:1', 'rename:2', 'rename:3', 'after-rename:1', 'after-rename:2', 'after-rename:4'];
    for (const at of stages) {
      const run = await runUntilKilled(path, { KILL_AT: at }, () => {});
      expect(run.ready, `${at}: the saver reloads what the last one left`).toBeGreaterThanOrEqual(acked);
      acked = Math.max(acked, run.lastSaved);
      checkFiles(path, acked);
    }
    // What a killed save left beside the file is swept by the next save.
    const leftovers = () => readdirSync(dir).filter((n) => n.includes('.tmp-') || n.includes('.bak-') || n.endsWith('.lock'));
    const loaded = loadEstate(path);
    expect(loaded.ok && saveEstate(loaded.value, path).ok).toBe(true);
    expect(leftovers()).toEqual([]);
  });

  it('killed from outside at whatever point it has reached, 20 times', async () => {
    const { path } = start();
    let acked = 0;
    for (let i = 0; i < 20; i++) {
      // Kill after 1 to 4 finished saves: the process is by then inside the next one.
      const run = await runUntilKilled(path, {}, (saves, child) => saves === 1 + (i % 4) && child.kill('SIGKILL'));
      expect(run.ready).toBeGreaterThanOrEqual(acked);
      acked = Math.max(acked, run.lastSaved);
      checkFiles(path, acked);
    }
  });
});
