// The real binary in a real terminal (tmux): it opens on the built-in estate,
// navigates, shows help, quits on q, and leaves the terminal as it found it:
// the alternate screen left, the cursor shown, the shell's text back.
import { execa, execaSync } from 'execa';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../dist/cli.js');
const SOCKET = `hyperpane-test-${process.pid}`;
const tmux = (...args: string[]) => execa('tmux', ['-L', SOCKET, ...args], { reject: false });
const screen = async () => (await tmux('capture-pane', '-p', '-t', 'app')).stdout;

/** Polls the screen until it matches: the app runs on real time here, so the test waits for what it expects, not for a fixed delay. */
async function waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
  const until = performance.now() + timeoutMs;
  let last = '';
  while (performance.now() < until) {
    last = await screen();
    if (pattern.test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`screen never matched ${pattern}; last screen:\n${last}`);
}

async function send(...keys: string[]): Promise<void> {
  await tmux('send-keys', '-t', 'app', ...keys);
}

afterAll(async () => {
  await tmux('kill-server');
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
