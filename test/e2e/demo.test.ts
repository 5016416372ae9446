// The guided tour in a real terminal (tmux): it pauses at its first chapter,
// goes on at a key, leaves to the console on esc with the estate as it stands,
// and the terminal is restored when the console quits. What the tour does never
// reaches the user's settings file.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SETTINGS_VERSION } from '../../src/config/settings.js';
import { BIN, tmuxServer } from './tmux.js';

const t = tmuxServer('demo');
const tmux = t.tmux;
const waitFor = (pattern: RegExp, timeoutMs?: number) => t.waitFor('tour', pattern, timeoutMs);

afterAll(async () => {
  await t.kill();
});

// Concurrent: each test has its own tmux session and settings folder, and most of their time is the tour's own pace.
describe.concurrent('hyperpane --demo', () => {
  it('pauses at a chapter, goes on at a key, and esc leaves it for the console', async () => {
    const config = mkdtempSync(join(tmpdir(), 'hyperpane-demo-'));
    const command = `env -u CI HYPERPANE_CONFIG_DIR=${config} TERM=xterm-256color ${process.execPath} ${BIN} --demo; echo "exit=$?"; sleep 120`;
    const started = await tmux('new-session', '-d', '-s', 'tour', '-x', '120', '-y', '36', 'sh', '-c', command);
    expect(started.exitCode, started.stderr).toBe(0);
    let s = await waitFor(/Chapter 1 of 10: The estate\s*│\s*│\s*▶ any key goes on · esc leaves the tour to explore · q quits/);
    expect(s).toMatch(/esx-01 +ESXi/);
    expect((await tmux('display', '-p', '-t', 'tour', '#{alternate_on}')).stdout).toBe('1');
    await tmux('send-keys', '-t', 'tour', 'Space');
    s = await waitFor(/One console, five platforms/);
    expect(s).not.toMatch(/any key goes on/);
    await tmux('send-keys', '-t', 'tour', 'Escape');
    s = await waitFor(/you left the tour: the estate is yours to explore/);
    expect(s).not.toMatch(/One console, five platforms/);
    await tmux('send-keys', '-t', 'tour', '2');
    s = await waitFor(/NAME +STATE +PROVIDER/);
    await tmux('send-keys', '-t', 'tour', 'q');
    s = await waitFor(/exit=0/);
    expect((await tmux('display', '-p', '-t', 'tour', '#{alternate_on}')).stdout).toBe('0');
    expect((await tmux('display', '-p', '-t', 'tour', '#{cursor_flag}')).stdout).toBe('1');
  });

  it('quits at once on q, the terminal restored and the process ended', async () => {
    const config = mkdtempSync(join(tmpdir(), 'hyperpane-demo-'));
    await tmux(
      'new-session',
      '-d',
      '-s',
      'quit',
      '-x',
      '100',
      '-y',
      '30',
      'sh',
      '-c',
      `env -u CI HYPERPANE_CONFIG_DIR=${config} ${process.execPath} ${BIN} --demo; echo "exit=$?"; sleep 120`,
    );
    await t.waitFor('quit', /any key goes on/);
    await tmux('send-keys', '-t', 'quit', 'q');
    await t.waitFor('quit', /exit=0/, 5_000);
    expect(await t.flag('quit', 'alternate_on')).toBe('0');
  });

  it("leaves the settings alone: the speeds it sets and the commands it types are not saved; the user's own are", async () => {
    const config = mkdtempSync(join(tmpdir(), 'hyperpane-demo-'));
    const settings = join(config, 'config.json');
    await tmux(
      'new-session',
      '-d',
      '-s',
      'keep',
      '-x',
      '120',
      '-y',
      '36',
      'sh',
      '-c',
      `env -u CI HYPERPANE_CONFIG_DIR=${config} ${process.execPath} ${BIN} --demo; echo "exit=$?"; sleep 120`,
    );
    await t.waitFor('keep', /any key goes on/);
    await t.send('keep', 'Space');
    await t.waitFor('keep', /Chapter 2 of 10: A VM and a container start/, 30_000);
    await t.send('keep', 'Space');
    // The second chapter types a govc and a docker command, then runs the clock at 10x, then 60x: left there.
    await t.waitFor('keep', /▶ 60x/, 60_000);
    expect(existsSync(settings) ? readFileSync(settings, 'utf8') : 'no settings file').toBe('no settings file');
    await t.send('keep', 'Escape');
    await t.waitFor('keep', /you left the tour/);
    await t.send('keep', ':');
    await t.send('keep', '-l', 'speed 600');
    await t.send('keep', 'Enter');
    await t.waitFor('keep', /▶ 600x/);
    await t.send('keep', 'q');
    await t.waitFor('keep', /exit=0/);
    // conf notes beside them the settings version it migrated the file to.
    const { __internal__, ...own } = JSON.parse(readFileSync(settings, 'utf8'));
    expect(own).toEqual({ speed: 600, history: ['speed 600'] });
    expect(__internal__).toEqual({ migrations: { version: SETTINGS_VERSION } });
  }, 90_000);
});
