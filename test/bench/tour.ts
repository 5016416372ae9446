// The tour tape played and recorded to asciicast by the built app, as a user
// runs it: `hyperpane play tour --record FILE`. Wall time from spawn to exit.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const cast = join(mkdtempSync(join(tmpdir(), 'hyperpane-tour-')), 'tour.cast');
const start = performance.now();
execFileSync(process.execPath, [CLI, 'play', 'tour', '--record', cast, '--quiet'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, HOME: tmpdir() },
});
const ms = performance.now() - start;
process.stderr.write(`  tour cast ${(statSync(cast).size / 1024).toFixed(0)} KB\n`);
process.stdout.write(`${JSON.stringify([{ name: 'record.tour', value: ms / 1000, unit: 's', target: 3 }])}\n`);
