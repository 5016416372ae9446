// The real binary in a real terminal (tmux): it opens on the built-in estate,
// navigates, shows help, quits on q, and leaves the terminal as it found it:
// the alternate screen left, the cursor shown, the shell's text back.
import { execaSync } from 'execa';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, tmuxServer } from './tmux.js';

const t = tmuxServer('tui');
const tmux = t.tmux;
const waitFor = (pattern: RegExp, timeoutMs?: number) => t.waitFor('app', pattern, timeoutMs);
const send = (...keys: string[]) => t.send('app', ...keys);

afterAll(async () => {
  await t.kill();
});

describe('hyperpane in a real terminal', () => {
  it('is installed (CI installs tmux)', () => {
    expect(execaSync('tmux', ['-V'], { reject: false }).exitCode).toBe(0);
  });

  it('opens, navigates, shows help, quits, and restores the terminal', async () => {
    const config = mkdtempSync(join(tmpdir(), 'hyperpane-tui-'));
    const command = `printf 'shell-before\\n'; env -u CI HYPERPANE_CONFIG_DIR=${config} TERM=xterm-256color ${process.execPath} ${BIN}; echo "exit=$?"; sleep 120`;
    const started = await tmux('new-session', '-d', '-s', 'app', '-x', '100', '-y', '30', 'sh', '-c', command);
    expect(started.exitCode, started.stderr).toBe(0);
    let s = await waitFor(/hyperpane ▸ hyperpane demo estate/);
    expect(s).toMatch(/Hosts 12\/12 up/);
    expect(s).toMatch(/esx-01 +ESXi/);
    expect((await tmux('display', '-p', '-t', 'app', '#{alternate_on}')).stdout).toBe('1');

    await send('2');
    s = await waitFor(/2 VMs 18/);
    expect(s).toMatch(/NAME +STATE +PROVIDER/);
    await send('j');
    await send('Enter');
    s = await waitFor(/web-02 vSphere VM poweredOn/);
    await send('Escape');
    await waitFor(/^(?![\s\S]*web-02 vSphere VM poweredOn)/);

    await send('?');
    s = await waitFor(/Help — j\/k scroll, esc closes/);
    expect(s).toMatch(/Ctrl-F PgDn +Page down/);
    await send('Escape');
    await waitFor(/^(?![\s\S]*Help —)/);

    await send('q');
    s = await waitFor(/exit=0/);
    expect(s).toMatch(/^shell-before$/m);
    expect(s).not.toMatch(/hyperpane ▸/);
    expect((await tmux('display', '-p', '-t', 'app', '#{alternate_on}')).stdout).toBe('0');
    expect((await tmux('display', '-p', '-t', 'app', '#{cursor_flag}')).stdout).toBe('1');
  });

  it('quits cleanly on ctrl-c too', async () => {
    const config = mkdtempSync(join(tmpdir(), 'hyperpane-tui-'));
    const command = `env -u CI HYPERPANE_CONFIG_DIR=${config} ${process.execPath} ${BIN}; echo "exit=$?"; sleep 120`;
    await tmux('new-session', '-d', '-s', 'ctrlc', '-x', '90', '-y', '26', 'sh', '-c', command);
    const shot = async () => (await tmux('capture-pane', '-p', '-t', 'ctrlc')).stdout;
    const until = performance.now() + 20_000;
    while (!(await shot()).includes('hyperpane ▸') && performance.now() < until) await new Promise((r) => setTimeout(r, 100));
    await tmux('send-keys', '-t', 'ctrlc', 'C-c');
    while (!(await shot()).includes('exit=0') && performance.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(await shot()).toMatch(/exit=0/);
    expect((await tmux('display', '-p', '-t', 'ctrlc', '#{alternate_on}')).stdout).toBe('0');
  });
});
