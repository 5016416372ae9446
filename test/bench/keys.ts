// Key to frame on the 100,000-workload estate while its clock runs at 10x: the
// console mounted exactly as the app mounts it (Ink, the screen writer), on a
// stand-in terminal of 160x50. Keys arrive at uneven moments against the clock's
// frames; each is timed from its arrival on stdin to its frame written out.
// Prints its figures as one JSON line; per-kind figures go to stderr.
//   keys.js [WORKLOADS]   the scale estate's shape at this size (default 100,000)
import { builtInThemesDir, chooseTheme, loadThemes } from '../../src/config/themes.js';
import { Prng } from '../../src/core/prng.js';
import { buildScaleEstate } from '../../src/estate/presets/scale.js';
import { Controller } from '../../src/ui/controller.js';
import { Keymap } from '../../src/ui/keymap.js';
import { LiveClock } from '../../src/ui/live-clock.js';
import { sizeName } from './growth-targets.js';
import { COLS, ROWS, StandInTerminal, standInStdin } from './stand-in.js';

// As run.tsx does before Ink loads; and colours as a truecolor terminal gets them.
process.env.CI = '0';
process.env.FORCE_COLOR = '3';
const { mountConsole } = await import('../../src/ui/terminal/mount.js');

const ROUNDS = 25;

const workloads = Number(process.argv[2] ?? 100_000);
const estate = buildScaleEstate({ seed: 1, hosts: workloads / 10, workloads });
const theme = chooseTheme(loadThemes([builtInThemesDir()]), undefined, false).theme;
// As run.tsx makes it.
const ctl = new Controller({ estate, keymap: new Keymap(), theme, width: COLS, height: ROWS, speed: 10, wallClock: () => performance.now() });
const stdin = standInStdin();

let waiting: ((bytes: number) => void) | undefined;
const { app } = mountConsole(ctl, { stdin, terminal: new StandInTerminal(), onFrame: (bytes) => waiting?.(bytes) });
const clock = new LiveClock(estate.sim, () => ctl.state.speed);
clock.start();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Sends a key; resolves with the time to its frame and the frame's bytes (undefined: no frame came). */
function press(key: string): Promise<{ ms: number; bytes: number } | undefined> {
  return new Promise((resolve) => {
    const at = performance.now();
    const timer = setTimeout(() => {
      waiting = undefined;
      resolve(undefined);
    }, 2000);
    waiting = (bytes) => {
      waiting = undefined;
      clearTimeout(timer);
      resolve({ ms: performance.now() - at, bytes });
    };
    stdin.write(key);
  });
}

const CTRL_F = '\x06';
const CTRL_B = '\x02';
const ESC = '\x1b';
/** One round: moves, pages, pane switches, and a filter typed (and cleared, untimed). */
const ROUND: [kind: string, key: string][] = [
  ['move', 'j'],
  ['move', 'j'],
  ['move', 'j'],
  ['move', 'k'],
  ['page', CTRL_F],
  ['page', CTRL_F],
  ['page', CTRL_B],
  ['move', 'j'],
  ['move', 'k'],
  ['pane', '\t'],
  ['pane', '2'],
  ['filter', '/'],
  ['filter', 'v'],
  ['filter', 'm'],
  ['filter', '-'],
  ['filter', '0'],
  ['filter', '4'],
  ['-', ESC],
  ['-', ESC],
];

const rng = new Prng(7);
const samples: Record<string, number[]> = {};
const moveBytes: number[] = [];
await sleep(1000);
ctl.press('2', '2');
await sleep(500);
for (let round = 0; round < ROUNDS; round++) {
  for (const [kind, key] of ROUND) {
    // Uneven gaps, so keys land anywhere between the clock's frames.
    await sleep(15 + rng.int(0, 60));
    const r = await press(key);
    if (kind === '-' || !r) continue;
    (samples[kind] ??= []).push(r.ms);
    if (kind === 'move') moveBytes.push(r.bytes);
  }
}
clock.stop();
app.unmount();

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}
const all = Object.values(samples).flat();
for (const [kind, xs] of Object.entries(samples)) {
  process.stderr.write(
    `  keys ${kind.padEnd(7)} n=${xs.length} p50 ${quantile(xs, 0.5).toFixed(1)} ms  p95 ${quantile(xs, 0.95).toFixed(1)} ms  max ${Math.max(...xs).toFixed(1)} ms\n`,
  );
}
const figures =
  workloads === 100_000
    ? [
        { name: 'keypress.p50', value: quantile(all, 0.5), unit: 'ms', target: 8 },
        { name: 'keypress.p95', value: quantile(all, 0.95), unit: 'ms', target: 16 },
        { name: 'bytes.per-move', value: quantile(moveBytes, 0.5), unit: 'B', target: 1500 },
      ]
    : [{ name: `keypress.${sizeName(workloads)}.p95`, value: quantile(all, 0.95), unit: 'ms', target: 16 }];
process.stdout.write(`${JSON.stringify(figures)}\n`);
process.exit(0);
