// Builds dist/: the app bundled by esbuild into a few ES modules (the console,
// play and exec load their parts lazily). Bundled, the app starts in a fraction
// of the time: resolving and reading ~900 separate modules (Ink alone pulls in
// all of es-toolkit/compat) cost more than everything else at startup. Ink is
// mended on the way in (ink-patches.mjs), as it is in the tests.
//   node scripts/build.mjs [--entry SRC ...] [--out DIR] [--unmended]
// (the benchmark and the kill test bundle their own entry points the same way;
// --unmended leaves Ink as it is published, for the test that compares screens).

import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { inkPatches } from './ink-patches.mjs';

const args = process.argv.slice(2);
const entries = args.flatMap((a, i) => (args[i - 1] === '--entry' ? [a] : []));
const outdir = args.includes('--out') ? args[args.indexOf('--out') + 1] : 'dist';

rmSync(outdir, { recursive: true, force: true });
try {
  await build({
    entryPoints: entries.length > 0 ? entries : ['src/cli.tsx'],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir,
    sourcemap: true,
    // React's production build only: its development build checks every render.
    define: { 'process.env.NODE_ENV': '"production"' },
    // CommonJS dependencies (React) call require() for Node's own modules.
    banner: { js: "import { createRequire as __hyperpaneRequire } from 'node:module'; const require = __hyperpaneRequire(import.meta.url);" },
    chunkNames: 'chunks/[name]-[hash]',
    // Ink loads React's devtools only when DEV=true; they are not installed.
    external: ['react-devtools-core'],
    plugins: args.includes('--unmended') ? [] : [inkPatches],
    logLevel: 'warning',
  });
} catch {
  // esbuild has printed what went wrong.
  process.exit(1);
}
