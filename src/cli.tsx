#!/usr/bin/env node
// The entry point: the first word picks the mode (exec, new, play, report, or the
// default: the console), each mode reads its own flags. Each mode is loaded only
// when asked for, so the console does not wait for the tape player to load.
// The bundle (scripts/build.mjs) carries React's production build: the
// development one checks every render and is several times slower.

// --debug stacks point into src/, not into the bundle.
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);

async function main(argv: string[]): Promise<number> {
  switch (argv[0]) {
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
    default:
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
