import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsStore } from '../../src/config/settings.js';

describe('settings', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hyperpane-config-'));
    process.env.HYPERPANE_CONFIG_DIR = dir;
  });
  afterEach(() => {
    delete process.env.HYPERPANE_CONFIG_DIR;
  });

  it('keeps what is set, in the config directory', () => {
    const { store, warnings } = SettingsStore.open();
    expect(warnings).toEqual([]);
    expect(store.path).toBe(join(dir, 'config.json'));
    store.set({ theme: 'dracula', speed: 60, keys: { 'move.down': ['n'] } });
    expect(SettingsStore.open().store.get()).toEqual({ theme: 'dracula', speed: 60, keys: { 'move.down': ['n'] } });
  });

  it('sets a corrupt file aside, says so, and starts from defaults', () => {
    writeFileSync(join(dir, 'config.json'), '{ "theme": ');
    const { store, warnings } = SettingsStore.open();
    expect(warnings[0]).toMatch(/config\.json: not valid JSON .*; set aside as .*config\.json\.invalid-\d+, using defaults$/);
    expect(store.get()).toEqual({});
    expect(readdirSync(dir).some((f) => f.startsWith('config.json.invalid-'))).toBe(true);
  });

  it('sets aside a file whose values make no sense', () => {
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ speed: 7, theme: 3 }));
    const { warnings } = SettingsStore.open();
    expect(warnings[0]).toMatch(/theme: Invalid input: expected string, received number; speed: expected one of 0, 1, 10, 60, 600 \(0 is paused\); set aside/);
  });

  it('sets aside history, key names or a theme holding escapes: they would reach the screen', () => {
    for (const bad of [
      { history: ['ok', 'vms\u001b[2J'] },
      { keys: { 'move.down': ['\u001b]0;x\u0007'] } },
      { theme: 'dark\u009b1m' },
      { lastEstate: 'a\u202eb.json' },
    ]) {
      writeFileSync(join(dir, 'config.json'), JSON.stringify(bad));
      const { store, warnings } = SettingsStore.open();
      expect(warnings[0], JSON.stringify(bad)).toMatch(/must not contain control characters.*set aside/);
      expect(store.get()).toEqual({});
    }
  });
});
