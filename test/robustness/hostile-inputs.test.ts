// The fuzz suite for hostile files and tapes: every reader of a user's files
// (estates, settings, themes, tapes) takes 10,000 cases in CI, and the player
// 200 tapes; each runs in a worker thread with a memory bound, and a case that
// runs past its time bound ends the worker. Between them they try each way the
// attack on the reliability issue found to lose work or hang (see readers.ts).
// HYPERPANE_FUZZ_RUNS and HYPERPANE_FUZZ_SEED change the runs and the seed
// (a failure names the case, which that seed plays again).
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { FuzzJob, FuzzMessage } from './fuzz/worker.js';

const ROOT = join(import.meta.dirname, '../..');
const WORKER = join(ROOT, '.test-build/fuzz/worker.js');
const RUNS = Number(process.env.HYPERPANE_FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.HYPERPANE_FUZZ_SEED ?? 20_261_202);
/**
 * Far above what any case takes (a few ms; a played tape, a second or two, more on
 * a loaded 2-core machine running the rest of the suite): only a hang reaches it.
 */
const CASE_MS = 60_000;
const MEMORY_MB = 768;
/**
 * The readers' scratch files (a settings file, a theme, a tape per case) go to memory
 * where Linux has it (/dev/shm): the suite tries the readers, not the disk, and on
 * the CI machine's disk the writes and renames were half of the settings and theme
 * readers' time (10,000 cases: 18 s -> 9 s and 13 s -> 5.5 s).
 */
const SCRATCH = (() => {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return undefined;
  }
})();

function fuzz(reader: FuzzJob['reader'], runs: number): Promise<{ runs: number; failure?: string }> {
  return new Promise((resolve) => {
    const progress = new Int32Array(new SharedArrayBuffer(4));
    const job: FuzzJob = { reader, runs, seed: SEED, root: ROOT, progress };
    const worker = new Worker(WORKER, {
      workerData: job,
      ...(SCRATCH ? { env: { ...process.env, TMPDIR: SCRATCH } } : {}),
      resourceLimits: { maxOldGenerationSizeMb: MEMORY_MB, maxYoungGenerationSizeMb: 64 },
    });
    let current = -1;
    let input: string | undefined;
    let since = performance.now();
    let settled = false;
    // A reader's worker counts its cases in `progress`; the player's says each tape in a message.
    let counted = 0;
    const follow = () => {
      const c = Atomics.load(progress, 0);
      if (c === counted) return;
      counted = c;
      current = c - 1;
      since = performance.now();
    };
    const end = (r: { runs: number; failure?: string }) => {
      if (settled) return;
      settled = true;
      clearInterval(watch);
      void worker.terminate();
      resolve(r);
    };
    const where = () =>
      `case ${current} of ${reader} (seed ${SEED}: HYPERPANE_FUZZ_SEED=${SEED} plays it again)${input === undefined ? '' : `, on:\n${input}\n`}`;
    worker.on('message', (m: FuzzMessage) => {
      if (m.kind === 'case') {
        current = m.n;
        input = m.input;
        since = performance.now();
      } else end({ runs: m.runs, ...(m.failure ? { failure: m.failure } : {}) });
    });
    worker.on('error', (e: NodeJS.ErrnoException) => {
      follow();
      end({
        runs: current,
        failure: e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `${where()} used more than ${MEMORY_MB} MB` : `${where()}: ${e.stack ?? e.message}`,
      });
    });
    worker.on('exit', (code) => {
      follow();
      end({ runs: current, failure: `the worker exited (${code}) during ${where()}` });
    });
    // The time bound is a wall clock's, kept far above any case's cost, so it trips only on a hang.
    const watch = setInterval(() => {
      follow();
      if (performance.now() - since > CASE_MS) end({ runs: current, failure: `${where()} ran for more than ${CASE_MS / 1000} s` });
    }, 250);
  });
}

describe('hostile files and tapes, fuzzed', { timeout: 600_000 }, () => {
  for (const reader of ['estate', 'settings', 'theme', 'tape'] as const) {
    it(`${reader}: ${RUNS} cases, none throws, hangs or blows up, each refusal says why`, async () => {
      const r = await fuzz(reader, RUNS);
      expect(r.failure).toBeUndefined();
      expect(r.runs).toBe(RUNS);
    });
  }
  // A played tape costs a hundred times a parsed one: fewer of them.
  it(`the player: ${Math.ceil(RUNS / 50)} tapes of hostile lines play or fail with a message`, async () => {
    const runs = Math.ceil(RUNS / 50);
    const r = await fuzz('player', runs);
    expect(r.failure).toBeUndefined();
    expect(r.runs).toBe(runs);
  });
});
