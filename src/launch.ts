#!/usr/bin/env node
// dist/cli.js, the `hyperpane` command: runs the bundled app (cli.tsx, bundled into
// dist/app.cjs by scripts/build.mjs) from V8's code cache (cli/code-cache.ts).
// The cache is kept beside the bundle, or in the user's cache folder when the
// install cannot be written to, one per mode. A run writes it once the app is up
// (SAVE_AFTER_MS), or as it ends when it ends before that and found none: that
// cache is provisional (a `--version` compiles little of the console), and the
// next run that stays up writes it again.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CachedRun, cacheName, compiledKiB, runCached } from './cli/code-cache.js';
import { modeOf } from './cli/modes.js';

/** How long after launch the cache is written: after the console's first frame (~0.3 s), and a big preset's (~1.5 s). */
const SAVE_AFTER_MS = 3000;

/**
 * How much more bytecode than the run that wrote a provisional cache a run must hold to write it again. Measured: --version
 * 766 KiB, --summary 994, the console's first frame more; a rewrite raises the mark, so runs of one kind soon stop writing.
 */
const FURTHER = 1.2;

/** A hash of the bundle's content, set by scripts/build.mjs. */
declare const APP_HASH: string;

const here = dirname(fileURLToPath(import.meta.url));
const bundle = join(here, 'app.cjs');
const debug = process.argv.includes('--debug');

let run: CachedRun | undefined;
if (!existsSync(bundle)) {
  process.stderr.write(`hyperpane: ${bundle} is missing: build the app again (npm run build)\n`);
  process.exitCode = 1;
} else
  try {
    if (debug) {
      // Node maps stack traces through a source map for the modules it loads, not for vm.Script's: under --debug
      // the bundle is loaded as any CommonJS module, without the cache, so that its stacks point into src/.
      process.setSourceMapsEnabled(true);
      createRequire(import.meta.url)(bundle);
    } else {
      run = runCached(bundle, cacheName(APP_HASH, modeOf(process.argv.slice(2))), [here, ...(await userCache())]);
    }
  } catch (error) {
    // As the app says a bug of its own (cli.tsx): plainly, with the stack only under --debug.
    process.stderr.write(`hyperpane: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (debug && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 70;
  }

if (run && run.cache !== 'used') {
  const cached = run;
  let saved = false;
  // What startup compiled, not everything a long session did: a larger cache takes longer to read back.
  setTimeout(() => {
    saved = true;
    cached.save(false);
  }, SAVE_AFTER_MS).unref();
  // A run that ends before the timer writes a provisional cache if it found none, or if it compiled well past the run
  // that wrote the one it found (a console session after a --version compiles much the other never did).
  process.once('exit', () => {
    if (!saved && (cached.compiledKiB === undefined || compiledKiB() > FURTHER * cached.compiledKiB)) cached.save(true);
  });
}

/** The user's cache folder for the code caches, if there is one (env-paths asks for a home, which a process may not have). */
async function userCache(): Promise<string[]> {
  try {
    const { default: envPaths } = await import('env-paths');
    const dir = envPaths('hyperpane', { suffix: '' }).cache;
    // A relative XDG_CACHE_HOME (or HOME) would put caches wherever the command is run from.
    return isAbsolute(dir) ? [join(dir, 'code')] : [];
  } catch {
    return [];
  }
}
