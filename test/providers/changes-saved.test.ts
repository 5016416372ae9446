// Nothing a command did is lost: every command of the five vocabularies that
// changes the estate is run as `hyperpane exec --estate FILE` runs it (load the
// file, run the line, save if it changed anything), the file is read back, and
// the estate in it is exactly the estate the command left. (az vm create printed
// its new VM and exited 0, and the VM was gone on the next call.)

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Estate } from '../../src/estate/estate.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { runLine } from '../../src/estate/script.js';
import { loadEstate, saveEstate } from '../../src/estate/store.js';
import { defaultEstate } from '../default-estate.js';
import { LOOKING, MUTATING } from './native-lines.js';

const text = (e: Estate) => JSON.stringify(estateToFile(e));

describe('every change a command makes is saved', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hp-saved-'));
  const file = join(dir, 'lab.json');
  saveEstate(defaultEstate(1), file);

  for (const [platform, cases] of Object.entries(MUTATING)) {
    it.each(cases.map((c) => [Array.isArray(c) ? c.join(' · ') : c, Array.isArray(c) ? c : [c]]))(`${platform}: %s`, (_, lines) => {
      const loaded = loadEstate(file);
      if (!loaded.ok) throw new Error(loaded.error.message);
      const estate = loaded.value;
      for (const setup of lines.slice(0, -1)) expect(runLine(estate, setup).exitCode, setup).toBe(0);
      const before = text(estate);
      const r = runLine(estate, lines[lines.length - 1]);
      expect(r.exitCode, `${r.stdout}${r.stderr}`).toBe(0);
      expect(text(estate), 'the command changed nothing that is saved').not.toBe(before);
      // exec --estate saves when a line says it changed something.
      expect(r.changed).toBe(true);
      const copy = join(dir, `${platform}-${Math.random().toString(36).slice(2)}.json`);
      expect(saveEstate(estate, copy).ok).toBe(true);
      const back = loadEstate(copy);
      if (!back.ok) throw new Error(back.error.message);
      expect(text(back.value)).toBe(text(estate));
    });
  }
});

describe('a command that only looks changes nothing (so exec leaves the file and its .bak alone)', () => {
  it.each(LOOKING)('%s', (line) => {
    const estate = defaultEstate(1);
    const before = text(estate);
    const r = runLine(estate, line);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.changed).toBe(false);
    expect(text(estate)).toBe(before);
  });
});
