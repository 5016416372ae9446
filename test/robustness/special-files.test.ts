// Every file a user names may be a device, a FIFO or a link to one: read only if
// it is a regular file, at once, never waited on (a FIFO blocked the process,
// /dev/zero grew memory until it was killed, and :open of a FIFO froze the console
// and lost the change made before it).

import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execaSync } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsStore } from '../../src/config/settings.js';
import { loadThemeFile } from '../../src/config/themes.js';
import { runLine } from '../../src/estate/script.js';
import { saveEstate } from '../../src/estate/store.js';
import { loadTape, readSource } from '../../src/session/tape/load.js';
import { parseTape } from '../../src/session/tape/parser.js';
import { EstateSaver } from '../../src/ui/estate-saver.js';
import { defaultEstate } from '../default-estate.js';

let dir: string;
let fifo: string | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hp-special-'));
  fifo = join(dir, 'fifo');
  if (execaSync('mkfifo', [fifo], { reject: false }).exitCode !== 0) fifo = undefined;
  symlinkSync('/dev/zero', join(dir, 'zero'));
});
afterEach(() => {
  delete process.env.HYPERPANE_CONFIG_DIR;
});
const specials = () => [join(dir, 'zero'), '/dev/zero', ...(fifo ? [fifo] : [])];

describe('special files', () => {
  it('a settings file that is one is set aside with the reason', () => {
    for (const special of specials()) {
      const config = mkdtempSync(join(tmpdir(), 'hp-special-config-'));
      symlinkSync(special, join(config, 'config.json'));
      process.env.HYPERPANE_CONFIG_DIR = config;
      const { store, warnings } = SettingsStore.open();
      expect(warnings[0]).toMatch(/config\.json: it is not a regular file \((a character device|a FIFO)\); set aside as/);
      expect(store.get()).toEqual({});
    }
  });

  it('a theme, a tape and a sourced tape that are one are refused with the reason', () => {
    for (const special of specials()) {
      const link = join(dir, `theme-${Math.random().toString(36).slice(2)}.json`);
      symlinkSync(special, link);
      expect(loadThemeFile(link)).toMatchObject({ ok: false, error: expect.stringMatching(/it is not a regular file/) });
      expect(loadTape(special)).toEqual({ error: expect.stringMatching(/it is not a regular file \((a character device|a FIFO)\)$/) });
      const tape = parseTape(`Source "${special}.tape"`, join(dir, 't.tape'), { readSource });
      expect(tape.errors.length).toBe(1);
    }
    symlinkSync('/dev/zero', join(dir, 'zero.tape'));
    const tape = parseTape('Source "zero.tape"', join(dir, 't.tape'), { readSource });
    expect(tape.errors[0]!.message).toMatch(/it is not a regular file \(a character device\)/);
  });

  it(':open of one says why, and the console keeps its estate and its change', () => {
    const lab = join(dir, 'lab.json');
    expect(saveEstate(defaultEstate(1), lab).ok).toBe(true);
    const estate = defaultEstate(1);
    const saver = new EstateSaver(estate, undefined, false);
    expect(runLine(estate, 'virsh shutdown dev-01').exitCode).toBe(0);
    for (const special of specials()) {
      const r = saver.open(special);
      expect(r.ok).toBe(false);
      expect(r.message).toMatch(/it is not a regular file/);
    }
    expect(saver.estate.sim.workload('dev-01')!.state).toBe('stopping');
    expect(saver.open(lab).ok).toBe(true);
  });

  it('a folder of themes named .json is skipped, not read', () => {
    mkdirSync(join(dir, 'dir.json'));
    expect(loadThemeFile(join(dir, 'dir.json'))).toMatchObject({ ok: false });
  });
});
