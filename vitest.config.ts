import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vitest/config';
import { INLINED, inkPatchesVite } from './scripts/ink-patches.mjs';
import LongestFirst from './test/sequencer.js';

// Four suites, one run for CI (`npm test`); each may run alone (`vitest run --project unit`):
//   unit        the core, drivers, estate files, the console's keys and screens, the tape parser: in process, fast
//   tapes       tapes played through the player: the tour, every shipped tape, recordings and their outputs
//   e2e         the built binary (dist/), in tmux and through execa
//   robustness  randomised and exhaustive suites: the hostile-input fuzz suite (10,000 cases per reader), property
//               tests, the resize fuzz, every command walked in a read-only console and saved after it changes the
//               estate; kills mid-save, special files
const PLAYED = [
  'test/session/demo-tapes.test.ts',
  'test/session/tour.test.ts',
  'test/session/picture.test.ts',
  'test/session/player.test.ts',
  'test/session/wait-state.test.ts',
  'test/session/svg-output.test.ts',
  'test/session/demo-settings.test.ts',
  'test/session/cast.test.ts',
  'test/session/outputs.test.ts',
];
const ROBUSTNESS = [
  'test/**/*.property.test.ts',
  'test/**/*.fuzz.test.ts',
  'test/robustness/**/*.test.{ts,tsx}',
  'test/ui/read-only.test.ts',
  'test/providers/changes-saved.test.ts',
];
const TESTS = 'test/**/*.test.{ts,tsx}';

// Vite's transform reads tsconfig.json (JSX, class fields), which vitest's key for its disk cache (below) leaves out.
const TSCONFIG = createHash('sha256')
  .update(readFileSync(join(import.meta.dirname, 'tsconfig.json')))
  .digest('hex');
const tsconfigKey = () => TSCONFIG;
const tsconfigInCacheKey: Plugin = {
  name: 'tsconfig-in-cache-key',
  configureVitest({ experimental_defineCacheKeyGenerator }) {
    experimental_defineCacheKeyGenerator(tsconfigKey);
  },
};

export default defineConfig({
  // The tests run the Ink users get: mended as the bundle's is (scripts/ink-patches.mjs).
  plugins: [inkPatchesVite, tsconfigInCacheKey],
  // JSX compiles to React's jsx() (react/jsx-runtime), as the bundle's does: its production build has no jsxDEV,
  // and the tape suite runs that build (below). The unit suite's development React checks these calls as ever.
  oxc: { jsx: { runtime: 'automatic', development: false } },
  test: {
    // Each suite's Vite transforms the sources afresh; kept on disk, one suite's transforms serve the others, and
    // the next run (node_modules/.experimental-vitest-cache; measured on a cold cache as CI has it: 10 s of CPU).
    experimental: { fsModuleCache: true },
    setupFiles: ['test/fast-check-seed.ts'],
    // Vitest hands node_modules to Node untouched; these go through Vite, and so through the mends.
    server: { deps: { inline: [...INLINED] } },
    // Property tests build estates with thousands of hosts; give them room on a 2-core CI machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Vitest's default leaves one core to its own process; on the 2-core CI machine that is half of it idle
    // (measured: 1.05 cores busy over a whole run). The main process's work is small once files are transformed.
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [TESTS],
          exclude: ['test/e2e/**', ...PLAYED, ...ROBUSTNESS],
          // Files share a worker's loaded modules (CPU 250 s -> 116 s, measured under load); test/shared-worker.ts puts back what a file changes.
          isolate: false,
          setupFiles: ['test/shared-worker.ts'],
        },
      },
      // Shared modules here too: CPU 88 s -> 58 s for the seven files. The tapes play on React's production build,
      // the one the bundle ships (scripts/build.mjs): what users run, and the tour's test time 19 s -> 10 s.
      {
        extends: true,
        test: { name: 'tapes', include: PLAYED, isolate: false, setupFiles: ['test/shared-worker.ts'], env: { NODE_ENV: 'production' } },
      },
      // Most of these wait on the binary; five also load the estate store or the player in process, once a worker.
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.{ts,tsx}'],
          globalSetup: ['test/global-setup.ts'],
          isolate: false,
          setupFiles: ['test/shared-worker.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'robustness', include: ROBUSTNESS, globalSetup: ['test/global-setup.ts'], isolate: false, setupFiles: ['test/shared-worker.ts'] },
      },
    ],
  },
});
