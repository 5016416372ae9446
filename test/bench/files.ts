// Estate files at 100,000 workloads: saving the scale preset (what :w, autosave
// and quitting cost) and reading it back (what --estate and :open cost before
// the first frame). Prints its figures as one JSON line.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  `${JSON.stringify([
    { name: 'save.100k', value: median(saves), unit: 'ms', target: 1000 },
    { name: 'load.100k', value: median(loads), unit: 'ms', target: 1500 },
  ])}\n`,
);
