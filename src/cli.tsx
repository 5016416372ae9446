#!/usr/bin/env node
// The entry point: the first word picks the mode (exec, new, or the default: the
// console), each mode reads its own flags.
import { execCommand } from './cli/exec.js';
import { newCommand } from './cli/new.js';
import { mainCommand } from './cli/main.js';
import { playCommand } from './cli/play.js';

// React's development build checks every render and is several times slower; the
// modes load React lazily, after this line.
process.env.NODE_ENV ??= 'production';

async function main(argv: string[]): Promise<number> {
  switch (argv[0]) {
    case 'exec':
      return execCommand(argv.slice(1));
    case 'new':
      return newCommand(argv.slice(1));
    case 'play':
      return playCommand(argv.slice(1));
    default:
      return mainCommand(argv);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A bug, not a user's mistake: say so plainly, with the stack only under --debug.
    process.stderr.write(`hyperpane: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.argv.includes('--debug') && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 70;
  },
);
