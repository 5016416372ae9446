// The app: the first word picks the mode (modes.ts: exec, import, new, play,
// report, or the default, the console), each mode reads its own flags. Each
// mode's code runs only when asked for, so the console does not wait for the tape
// player to load. Bundled into dist/app.cjs (scripts/build.mjs), which
// dist/cli.js (launch.ts) runs from V8's code cache. The bundle carries React's
// production build: the development one checks every render and is several
// times slower.

import { modeOf } from './cli/modes.js';

async function main(argv: string[]): Promise<number> {
  switch (modeOf(argv)) {
    case 'exec':
      return (await import('./cli/exec.js')).execCommand(argv.slice(1));
    case 'import':
      return (await import('./cli/import.js')).importCommand(argv.slice(1));
    case 'new':
      return (await import('./cli/new.js')).newCommand(argv.slice(1));
    case 'play':
      return (await import('./cli/play.js')).playCommand(argv.slice(1));
    case 'report':
      return (await import('./cli/report.js')).reportCommand(argv.slice(1));
    case 'console':
      return (await import('./cli/main.js')).mainCommand(argv);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  async (error: unknown) => {
    // A bug, not a user's mistake: say so plainly, with the stack only under --debug.
    const { writeErr } = await import('./cli/io.js');
    writeErr(`hyperpane: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.argv.includes('--debug') && error instanceof Error) writeErr(`${error.stack}\n`);
    process.exitCode = 70;
  },
);
