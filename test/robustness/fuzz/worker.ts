// Runs one reader's fuzz cases in a worker thread, telling the test which case it
// is on before each one: the test ends a worker whose case runs past its time
// bound, and the thread's memory bound ends one that grows past it, either way
// with the case that did it.

import { parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { builtInThemesDir, chooseTheme, loadThemes, MONOCHROME } from '../../../src/config/themes.js';
import { pinChalkLevel } from '../../../src/session/play/colours.js';
import { playTape } from '../../../src/session/play/player.js';
import { formatProblem } from '../../../src/session/tape/ast.js';
import { readSource } from '../../../src/session/tape/load.js';
import { parseTape } from '../../../src/session/tape/parser.js';
import { playerReader, READERS, type ReaderName, removeScratch, setRoot } from './readers.js';

export interface FuzzJob {
  readonly reader: ReaderName | 'player';
  readonly runs: number;
  readonly seed: number;
  /** The repository (the real files mutated are read from it). */
  readonly root: string;
  /**
   * [0]: the number of the case running, plus one. A reader's case takes well under a
   * millisecond, a message each would cost more than some cases (measured); the test
   * reads this between its checks for a hang.
   */
  readonly progress: Int32Array;
}

export type FuzzMessage =
  | { readonly kind: 'case'; readonly n: number; readonly input?: string }
  | { readonly kind: 'done'; readonly runs: number; readonly failure?: string };

const job = workerData as FuzzJob;
setRoot(job.root);
const post = (m: FuzzMessage) => parentPort!.postMessage(m);

async function main(): Promise<void> {
  let n = 0;
  if (job.reader === 'player') {
    await pinChalkLevel();
    const set = loadThemes([builtInThemesDir()]);
    const themes = { names: () => [...set.themes.keys()], resolve: (name: string) => chooseTheme(set, name, false), monochrome: MONOCHROME };
    const play = async (text: string) => {
      // A tape is short: say which one is playing, so a hang names it.
      post({ kind: 'case', n: n - 1, input: text });
      const tape = parseTape(text, 'fuzz.tape', { readSource });
      if (tape.errors.length > 0) return { ok: false, message: tape.errors.map(formatProblem).join('\n'), cast: '' };
      const r = await playTape(tape, {
        tapeDir: '.',
        outputs: { root: '.', force: false },
        themes,
        writeFiles: false,
        record: 'fuzz.cast',
        recordOnlyInMemory: true,
      });
      return { ok: r.ok, message: r.failure?.message, cast: r.casts.get('fuzz.cast') ?? '' };
    };
    const property = playerReader(play).beforeEach(() => post({ kind: 'case', n: n++ }));
    const r = await fc.check(property, { numRuns: job.runs, seed: job.seed });
    post({ kind: 'done', runs: r.numRuns, ...(r.failed ? { failure: report(r) } : {}) });
    return;
  }
  const property = READERS[job.reader]().beforeEach(() => Atomics.store(job.progress, 0, ++n));
  const r = fc.check(property as fc.IPropertyWithHooks<[unknown]>, { numRuns: job.runs, seed: job.seed });
  removeScratch();
  post({ kind: 'done', runs: r.numRuns, ...(r.failed ? { failure: report(r) } : {}) });
}

function report<T>(r: fc.RunDetails<T>): string {
  const e = r.errorInstance;
  return `${fc.defaultReportMessage(r) ?? 'failed'}\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
}

main().catch((e: unknown) => post({ kind: 'done', runs: 0, failure: `the worker itself failed: ${e instanceof Error ? e.stack : String(e)}` }));
