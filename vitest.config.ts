import { defineConfig } from 'vitest/config';
import { INLINED, inkPatchesVite } from './scripts/ink-patches.mjs';

// Four suites, one run for CI (`npm test`); each may run alone (`vitest run --project unit`):
//   unit        the core, drivers, estate files, console and tape parser, in process: the fast feedback loop
//   tapes       the demo tour and every shipped tape played through to the end
//   e2e         the built binary (dist/), in tmux and through execa
//   robustness  the hostile-input fuzz suite (10,000 cases per reader), kills mid-save, special files
const TAPES = ['test/session/demo-tapes.test.ts', 'test/session/tour.test.ts', 'test/session/picture.test.ts'];
const TESTS = 'test/**/*.test.{ts,tsx}';

export default defineConfig({
  // The tests run the Ink users get: mended as the bundle's is (scripts/ink-patches.mjs).
  plugins: [inkPatchesVite],
  test: {
    setupFiles: ['test/fast-check-seed.ts'],
    // Vitest hands node_modules to Node untouched; these go through Vite, and so through the mends.
    server: { deps: { inline: [...INLINED] } },
    // Property tests build estates with thousands of hosts; give them room on a 2-core CI machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Vitest's default leaves one core to its own process; on the 2-core CI machine that is half of it idle
    // (measured: 1.05 cores busy over a whole run). The main process's work is small once files are transformed.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [TESTS],
          exclude: ['test/e2e/**', 'test/robustness/**', ...TAPES],
          // Files share a worker's loaded modules (CPU time 250 s -> 116 s); test/shared-worker.ts puts back what a file changes.
          isolate: false,
          setupFiles: ['test/shared-worker.ts'],
        },
      },
      { extends: true, test: { name: 'tapes', include: TAPES } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.{ts,tsx}'], globalSetup: ['test/global-setup.ts'] } },
      { extends: true, test: { name: 'robustness', include: ['test/robustness/**/*.test.{ts,tsx}'], globalSetup: ['test/global-setup.ts'] } },
    ],
  },
});
