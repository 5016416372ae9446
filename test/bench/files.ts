// Estate files at 100,000 workloads: saving the scale preset (what :w, autosave
// and quitting cost) and reading it back (what --estate and :open cost before
// the first frame). Prints its figures as one JSON line.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKLOAD_HISTORY_LENGTH } from '../../src/core/metrics.js';
import { Prng } from '../../src/core/prng.js';
import { WORKLOAD_MINUTES, WORKLOAD_TEN_MINUTES } from '../../src/core/rollup.js';
import { buildScaleEstate } from '../../src/estate/presets/scale.js';
import { loadEstate, saveEstate } from '../../src/estate/store.js';
import { median } from './measure.js';

const dir = mkdtempSync(join(tmpdir(), 'hyperpane-bench-files-'));
const file = join(dir, 'scale.json');
const estate = buildScaleEstate({ seed: 1 });
const gc = () => (globalThis as { gc?: () => void }).gc?.();

const saves: number[] = [];
const loads: number[] = [];
for (let i = 0; i < 3; i++) {
  gc();
  let t = performance.now();
  const saved = saveEstate(estate, file, { force: true });
  saves.push(performance.now() - t);
  if (!saved.ok) throw new Error(saved.message);
  gc();
  t = performance.now();
  const loaded = loadEstate(file);
  loads.push(performance.now() - t);
  if (!loaded.ok) throw new Error(loaded.error.message);
}
process.stderr.write(`  estate file: ${(statSync(file).size / 1048576).toFixed(0)} MB\n`);

// The same estate after a day: every workload's last minute of ticks, hour of minutes and day of ten-minute points kept (file-history.ts),
// filled here as a day's ticks would leave them (a simulated day at 100,000 workloads takes minutes to run).
const { workloadRollup: rollup, workloadHistory: ticks } = estate.sim.metrics;
ticks.restoreSamples(WORKLOAD_HISTORY_LENGTH);
rollup.restoreState({ minute: 1440, coarse: 144, minuteCount: 1, coarseCount: 1, minuteSamples: WORKLOAD_MINUTES, coarseSamples: WORKLOAD_TEN_MINUTES });
const prng = new Prng(7);
for (let w = 0; w < estate.sim.workloads.count; w++) {
  const level = prng.range(500, 6000);
  const ring = (n: number, spread: number) => Uint16Array.from({ length: 2 * n }, () => level * prng.range(1 - spread, 1 + spread));
  rollup.restoreItem(w, { sums: [0, 0, 0, 0], minutes: ring(WORKLOAD_MINUTES, 0.15), coarse: ring(WORKLOAD_TEN_MINUTES, 0.05) });
  ticks.importItem(w, ring(WORKLOAD_HISTORY_LENGTH, 0.3));
}
gc();
let t = performance.now();
const savedDay = saveEstate(estate, file, { force: true });
const saveDay = performance.now() - t;
if (!savedDay.ok) throw new Error(savedDay.message);
gc();
t = performance.now();
const loadedDay = loadEstate(file);
const loadDay = performance.now() - t;
if (!loadedDay.ok) throw new Error(loadedDay.error.message);
process.stderr.write(`  estate file after a day: ${(statSync(file).size / 1048576).toFixed(0)} MB\n`);
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  `${JSON.stringify([
    { name: 'save.100k', value: median(saves), unit: 'ms', target: 1000 },
    { name: 'load.100k', value: median(loads), unit: 'ms', target: 1500 },
    { name: 'save.100k.day', value: saveDay, unit: 'ms' },
    { name: 'load.100k.day', value: loadDay, unit: 'ms' },
  ])}\n`,
);
