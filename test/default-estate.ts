// A built-in estate for a test to change. Building one runs an hour of the
// simulation (the default estate: 3,600 ticks, about 50 ms under vitest; the suites
// asked for it 652 times a run); a worker builds each once, and each test gets a
// copy loaded from its saved file, which behaves as the built one does (the reload
// tests in test/estate/ prove it), its metric history with it; tests of the build
// itself (presets, determinism, estate files, invariants) build theirs. Tapes
// build theirs too.
import type { Estate } from '../src/estate/estate.js';
import { estateFromJson } from '../src/estate/file-read.js';
import { estateToFile } from '../src/estate/file-write.js';
import { PRESETS } from '../src/estate/presets/index.js';

const saved = new Map<string, unknown>();

/** A copy of a built-in estate (by preset name) of this seed, as built. */
export function presetEstate(name: string, seed = 1): Estate {
  const key = `${name}/${seed}`;
  let doc = saved.get(key);
  if (doc === undefined) {
    const preset = PRESETS[name];
    if (!preset) throw new Error(`no preset named ${name}`);
    doc = JSON.parse(JSON.stringify(estateToFile(preset.build(seed))));
    saved.set(key, doc);
  }
  const loaded = estateFromJson(doc);
  if (!loaded.ok) throw new Error(`the ${name} estate does not load: ${loaded.error.message}`);
  return loaded.value;
}

/** A copy of the built-in estate of this seed, as built. */
export function defaultEstate(seed = 1): Estate {
  return presetEstate('default', seed);
}
