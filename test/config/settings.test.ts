import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONF_SCHEMA, SETTINGS_VERSION, SettingsStore } from '../../src/config/settings.js';

describe('settings', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hyperpane-config-'));
    process.env.HYPERPANE_CONFIG_DIR = dir;
  });
  afterEach(() => {
    delete process.env.HYPERPANE_CONFIG_DIR;
  });

  it('keeps what is set, in the config directory', async () => {
    const { store, warnings } = SettingsStore.open();
    expect(warnings).toEqual([]);
    expect(store.path).toBe(join(dir, 'config.json'));
    await store.set({ theme: 'dracula', speed: 60, keys: { 'move.down': ['n'] } });
    expect(SettingsStore.open().store.get()).toEqual({ theme: 'dracula', speed: 60, keys: { 'move.down': ['n'] } });
  });

  it('keeps a newer hyperpane’s file: its unknown keys are ignored here and still there after a save', async () => {
    const newer = { theme: 'nord', speed: 10, layout: { split: 'vertical' }, __internal__: { migrations: { version: '9.0.0' } } };
    writeFileSync(join(dir, 'config.json'), JSON.stringify(newer));
    const { store, warnings } = SettingsStore.open();
    expect(warnings).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.includes('invalid'))).toEqual([]);
    expect(store.get()).toEqual({ theme: 'nord', speed: 10 });
    await store.set({ speed: 60 });
    const after = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(after).toMatchObject({ theme: 'nord', speed: 60, layout: { split: 'vertical' } });
    // Its version stays the newer one's: marked back down, the newer hyperpane would migrate it again.
    expect(after.__internal__).toEqual({ migrations: { version: '9.0.0' } });
  });

  it('migrates an older file through conf: the logs view’s key, once the Kubernetes pane’s (k8s.logs), is renamed', async () => {
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ keys: { 'k8s.logs': ['L'], 'move.down': ['n'] } }));
    const { store, warnings } = SettingsStore.open();
    expect(warnings).toEqual([]);
    await store.load();
    expect(store.get().keys).toEqual({ logs: ['L'], 'move.down': ['n'] });
    const file = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(file.__internal__.migrations.version).toBe(SETTINGS_VERSION);
    // Written with a tab a level, as conf writes (and hyperpane wrote before it).
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toMatch(/^\{\n\t"keys": \{/);
  });

  it('gives conf a schema JSON Schema’s meta-schema holds (conf is told not to check it each start), and conf refuses what it forbids', async () => {
    // conf's own ajv, checking the schema against the draft 2020-12 meta-schema this once: it throws on a schema that is not one.
    expect(
      () =>
        new Conf({
          cwd: mkdtempSync(join(tmpdir(), 'hyperpane-schema-')),
          projectName: 'x',
          schema: CONF_SCHEMA as never,
          ajvOptions: { validateSchema: true },
        }),
    ).not.toThrow();
    const { store } = SettingsStore.open();
    await expect(store.set({ speed: 7 as 0 })).rejects.toThrow(/expected one of 0, 1, 10, 60, 600/);
    const conf = await store.load();
    expect(() => conf.set('history', ['ok', 'vms\u001b[2J'])).toThrow(/must match pattern/);
  });

  it('writes saves in the order asked, whatever conf’s loading, and flush waits for them all', async () => {
    const { store } = SettingsStore.open();
    void store.set({ theme: 'nord' });
    void store.set({ speed: 10 });
    void store.set({ theme: 'dracula' });
    await store.flush();
    expect(SettingsStore.open().store.get()).toEqual({ theme: 'dracula', speed: 10 });
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
