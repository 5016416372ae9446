// The built app in a real terminal: startup to the first full frame (median of
// several launches), against a bare `node -e 0` started the same way in the same
// run (machines differ; the ratio travels); opening the 100,000-workload estate
// from its file; the memory of that estate open, and what the app costs at rest
// (paused clock, no input): CPU and bytes redrawn.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './measure.js';
import { bareNode, cpuSeconds, launch, rssMiB, sleep } from './pty.js';

const LAUNCHES = 5;
const IDLE_MS = 10_000;

async function startup(args: string[]): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < LAUNCHES; i++) {
    const app = launch(args);
    times.push(await app.firstFrame);
    await app.stop();
  }
  return median(times);
}

const figures: { name: string; value: number; unit: string; target: number }[] = [];
const bare: number[] = [];
for (let i = 0; i < LAUNCHES; i++) bare.push(await bareNode());
const startupDefault = await startup(['--speed', '0']);
figures.push({ name: 'startup.default', value: startupDefault, unit: 'ms', target: 400 });
figures.push({ name: 'startup.ratio', value: startupDefault / median(bare), unit: 'x', target: 3 });
process.stderr.write(`  bare node -e 0: ${median(bare).toFixed(0)} ms\n`);
figures.push({ name: 'startup.100k', value: await startup(['--preset', 'scale', '--speed', '0']), unit: 'ms', target: 1500 });

// A million workloads (--preset huge): one launch, it takes a while; then its memory.
const huge = launch(['--preset', 'huge', '--speed', '0']);
figures.push({ name: 'startup.1m', value: await huge.firstFrame, unit: 'ms', target: 5000 });
await sleep(2000);
figures.push({ name: 'rss.1m', value: rssMiB(huge.pid()), unit: 'MB', target: 1500 });
await huge.stop();

// The same estate from its file (about 30 MB), as a user opens one they saved.
const dir = mkdtempSync(join(tmpdir(), 'hyperpane-bench-file-'));
const file = join(dir, 'scale.json');
execFileSync(process.execPath, [fileURLToPath(new URL('../dist/cli.js', import.meta.url)), 'new', '--preset', 'scale', file], { stdio: 'ignore' });
figures.push({ name: 'open.100k', value: await startup(['--estate', file, '--speed', '0', '--readonly']), unit: 'ms', target: 2000 });
rmSync(dir, { recursive: true, force: true });

// At rest: the 100,000-workload estate open, paused, no keys. After it settles,
// nothing should be drawn and next to no CPU used.
const app = launch(['--preset', 'scale', '--speed', '0']);
await app.firstFrame;
await sleep(2000);
const pid = app.pid();
const rss = rssMiB(pid);
const cpu0 = cpuSeconds(pid);
const bytes0 = app.bytes();
await sleep(IDLE_MS);
const idleCpu = ((cpuSeconds(pid) - cpu0) / (IDLE_MS / 1000)) * 100;
const idleBytes = app.bytes() - bytes0;
await app.stop();
figures.push({ name: 'rss.100k', value: rss, unit: 'MB', target: 350 });
figures.push({ name: 'idle.cpu', value: idleCpu, unit: '%', target: 1 });
// Any byte at all is a redraw of an unchanged screen.
figures.push({ name: 'idle.bytes', value: idleBytes, unit: 'B', target: 1 });
process.stdout.write(`${JSON.stringify(figures)}\n`);
