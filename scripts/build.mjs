// Builds dist/: the app bundled by esbuild. Bundled, the app starts in a fraction
// of the time: resolving and reading ~900 separate modules (Ink alone pulls in
// all of es-toolkit/compat) cost more than everything else at startup. Ink is
// mended on the way in (ink-patches.mjs), as it is in the tests.
//   dist/app.cjs  the whole app (src/cli.tsx) in one CommonJS file: V8's code
//                 cache takes only a script (src/cli/code-cache.ts)
//   dist/cli.js   the launcher (src/launch.ts) that runs it from that cache, and
//                 names the cache after a hash of the bundle's content
//   node scripts/build.mjs [--entry SRC ...] [--out DIR] [--unmended]
// With --entry, the entry points are bundled instead, as ES modules split into
// chunks (the benchmark, the kill test and the picture load parts of the app
// themselves); --unmended leaves Ink as it is published, for the test that
// compares screens.

import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { inkPatches } from './ink-patches.mjs';
import { noTopLevelAwait } from './top-level-await.mjs';

const args = process.argv.slice(2);
const entries = args.flatMap((a, i) => (args[i - 1] === '--entry' ? [a] : []));
const outdir = args.includes('--out') ? args[args.indexOf('--out') + 1] : 'dist';
const mended = !args.includes('--unmended');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  outdir,
  sourcemap: true,
  // React's production build only: its development build checks every render.
  define: { 'process.env.NODE_ENV': '"production"' },
  // Ink loads React's devtools only when DEV=true; they are not installed.
  external: ['react-devtools-core'],
  logLevel: 'warning',
};

rmSync(outdir, { recursive: true, force: true });
try {
  if (entries.length > 0) {
    await build({
      ...common,
      entryPoints: entries,
      splitting: true,
      format: 'esm',
      // CommonJS dependencies (React) call require() for Node's own modules.
      banner: { js: "import { createRequire as __hyperpaneRequire } from 'node:module'; const require = __hyperpaneRequire(import.meta.url);" },
      chunkNames: 'chunks/[name]-[hash]',
      plugins: mended ? [inkPatches] : [],
    });
  } else {
    const app = await build({
      ...common,
      entryPoints: { app: 'src/cli.tsx' },
      outExtension: { '.js': '.cjs' },
      format: 'cjs',
      // The one module that finds itself (config/package-root.ts) asks import.meta.url, which CommonJS has not.
      define: { ...common.define, 'import.meta.url': '__bundleUrl' },
      // Strict, as the ES modules it is made of are: esbuild's own "use strict" comes after the banner, too late to count.
      banner: { js: `"use strict";\nvar __bundleUrl = require('node:url').pathToFileURL(__filename).href;` },
      plugins: [noTopLevelAwait(mended), ...(mended ? [inkPatches] : [])],
      metafile: true,
    });
    const [bundle, output] = Object.entries(app.metafile.outputs).find(([file]) => file.endsWith('.cjs'));
    const hash = createHash('sha256').update(asciiOnly(bundle)).digest('hex').slice(0, 16);
    // The launcher runs the bundle through vm.Script, which has no import() of its own to give it.
    const dynamic = output.imports.filter((i) => i.kind === 'dynamic-import');
    if (dynamic.length > 0) throw new Error(`build: the bundle imports ${dynamic.map((i) => i.path).join(', ')} at run time; bundle it instead`);
    await build({
      ...common,
      entryPoints: { cli: 'src/launch.ts' },
      format: 'esm',
      define: { ...common.define, APP_HASH: JSON.stringify(hash) },
    });
  }
} catch (error) {
  // esbuild has printed what went wrong; anything else is said here.
  if (!error?.errors) console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

/**
 * esbuild writes strings and templates in ASCII, but not regular expressions or the comments it keeps:
 * those few characters are written as \u escapes, which mean the same there, so the
 * launcher reads the bundle without decoding UTF-8 and V8 holds it in one byte a character.
 * Returns the text written.
 */
function asciiOnly(file) {
  const text = readFileSync(file, 'utf8');
  // After a backslash the escape would not be one (/\é/ would match a backslash and "u00e9").
  const escaped = /\\[^\x00-\x7f]/.exec(text);
  if (escaped)
    throw new Error(`build: ${file} has a backslash before a character outside ASCII: ${JSON.stringify(text.slice(escaped.index - 30, escaped.index + 10))}`);
  const ascii = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  writeFileSync(file, ascii);
  return ascii;
}
