import { defineConfig } from 'vitest/config';
import { INLINED, inkPatchesVite } from './scripts/ink-patches.mjs';

export default defineConfig({
  // The tests run the Ink users get: mended as the bundle's is (scripts/ink-patches.mjs).
  plugins: [inkPatchesVite],
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/fast-check-seed.ts'],
    // Vitest hands node_modules to Node untouched; these go through Vite, and so through the mends.
    server: { deps: { inline: [...INLINED] } },
    // Property tests build estates with thousands of hosts; give them room on a 2-core CI machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
