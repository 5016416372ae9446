// The console left running on the 100,000-workload estate at 600x, mounted as
// the app mounts it, for 10 minutes of wall time (unless --soak-minutes says
// otherwise): the heap after full collections must not grow (metric history,
// the log and every cache are bounded).
import { MONOCHROME } from '../../src/config/themes.js';
import { buildScaleEstate } from '../../src/estate/presets/scale.js';
import { Controller } from '../../src/ui/controller.js';
import { Keymap } from '../../src/ui/keymap.js';
import { LiveClock } from '../../src/ui/live-clock.js';
import { COLS, ROWS, StandInTerminal, standInStdin } from './stand-in.js';

process.env.CI = '0';
const { mountConsole } = await import('../../src/ui/terminal/mount.js');

const minutes = Number(process.argv[2] ?? 10);
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const estate = buildScaleEstate({ seed: 1 });
const ctl = new Controller({ estate, keymap: new Keymap(), theme: MONOCHROME, width: COLS, height: ROWS, speed: 600, wallClock: () => performance.now() });
const stdin = standInStdin();
const { app } = mountConsole(ctl, { stdin, terminal: new StandInTerminal() });
const clock = new LiveClock(estate.sim, () => ctl.state.speed);
clock.start();
ctl.press('2', '2');

const heap = () => {
  gc();
  return process.memoryUsage().heapUsed / (1024 * 1024);
};
let maxRss = 0;
const sample = setInterval(() => (maxRss = Math.max(maxRss, process.memoryUsage().rss / (1024 * 1024))), 1000);
const total = minutes * 60_000;
const warm = Math.min(60_000, total / 5);
await sleep(warm);
const simAtWarmUp = estate.sim.now;
// The heap after a full collection, every 30 s after the warm-up: bounded caches
// fill and empty, so the figure compares the mean of the last three samples with
// the mean of the first three, not two single moments.
const heaps: number[] = [];
const every = Math.min(30_000, (total - warm) / 6);
for (let t = warm; t + every <= total; t += every) {
  heaps.push(heap());
  await sleep(every);
}
heaps.push(heap());
clock.stop();
clearInterval(sample);
app.unmount();
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const growth = mean(heaps.slice(-3)) - mean(heaps.slice(0, 3));
process.stderr.write(
  `  soak ${minutes} min: ${((estate.sim.now - simAtWarmUp) / 3_600_000).toFixed(1)} simulated hours after warm-up; ` +
    `heap after collection (MB) ${heaps.map((h) => h.toFixed(1)).join(' ')}; events kept ${estate.sim.log.size}\n`,
);
process.stdout.write(
  `${JSON.stringify([
    { name: 'soak.heap-growth', value: growth, unit: 'MB', target: 5 },
    { name: 'soak.rss-max', value: maxRss, unit: 'MB', target: 350 },
  ])}\n`,
);
process.exit(0);
