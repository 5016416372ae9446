// The real binary in a real terminal (tmux): it opens on the built-in estate,
// navigates, shows help, quits on q, and leaves the terminal as it found it:
// the alternate screen left, the cursor shown, the shell's text back.

import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, execaSync } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEstate } from '../../src/estate/store.js';
import { BIN, tmuxServer } from './tmux.js';

const t = tmuxServer('tui');
const tmux = t.tmux;
const waitFor = (pattern: RegExp, timeoutMs?: number) => t.waitFor('app', pattern, timeoutMs);
const send = (...keys: string[]) => t.send('app', ...keys);

afterAll(async () => {
  await t.kill();
});

// Concurrent: each test has its own tmux session and files; most of their time is waiting for the app.
// (The binary runs through await execa, not execaSync: a blocked event loop would stop the other tests' polls.)
describe.concurrent('hyperpane in a real terminal', () => {
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
    // Line wrap is off while the console draws (a row too wide is clipped, never wrapped onto the next).
    expect((await tmux('display', '-p', '-t', 'app', '#{wrap_flag}')).stdout).toBe('0');

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
    expect((await tmux('display', '-p', '-t', 'app', '#{wrap_flag}')).stdout).toBe('1');
  });

  it(':open switches to another estate file, saving both, and SIGTERM quits with the terminal restored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hyperpane-open-'));
    const config = join(dir, 'config');
    const office = join(dir, 'office.json');
    const lab = join(dir, 'lab.json');
    expect((await execa(process.execPath, [BIN, 'new', '--preset', 'small-office', office])).exitCode).toBe(0);
    expect((await execa(process.execPath, [BIN, 'new', lab])).exitCode).toBe(0);
    const command = `env -u CI HYPERPANE_CONFIG_DIR=${config} ${process.execPath} ${BIN} --estate ${lab}; echo "exit=$?"; sleep 120`;
    await tmux('new-session', '-d', '-s', 'open', '-x', '100', '-y', '30', 'sh', '-c', command);
    await t.waitFor('open', /hyperpane ▸ hyperpane demo estate/);
    await t.send('open', ':');
    await t.tmux('send-keys', '-t', 'open', '-l', `open ${office}`);
    await t.send('open', 'Enter');
    const s = await t.waitFor('open', /hyperpane ▸ small office/);
    expect(s).toMatch(/hv-01 +Hyper-V/);
    expect(s).toMatch(new RegExp(`opened ${office.replace(/[/.]/g, '\\$&')}`));
    // The clock moves on the new estate, so there is a change to save on the way out.
    const clock = /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/.exec(s)![0];
    await t.waitFor('open', new RegExp(`hyperpane ▸ small office(?![\\s\\S]*${clock})`));
    // The shell tmux started runs hyperpane as its one child.
    const shell = await t.flag('open', 'pane_pid');
    const pid = execaSync('pgrep', ['-P', shell], { reject: false }).stdout.trim().split('\n')[0];
    expect(pid).toMatch(/^\d+$/);
    process.kill(Number(pid), 'SIGTERM');
    const after = await t.waitFor('open', /exit=0/);
    expect(after).toContain(`hyperpane: saved ${office}`);
    expect(await t.flag('open', 'alternate_on')).toBe('0');
    expect(await t.flag('open', 'cursor_flag')).toBe('1');
  });

  it('a bug that escapes ends the console with the terminal restored and the estate saved', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hyperpane-crash-'));
    const lab = join(dir, 'lab.json');
    expect((await execa(process.execPath, [BIN, 'new', lab])).exitCode).toBe(0);
    const preload = join(import.meta.dirname, 'fixtures/crash-on-urg.mjs');
    const command = `env -u CI HYPERPANE_CONFIG_DIR=${join(dir, 'config')} ${process.execPath} --import ${preload} ${BIN} --estate ${lab}; echo "exit=$?"; sleep 120`;
    await tmux('new-session', '-d', '-s', 'crash', '-x', '100', '-y', '30', 'sh', '-c', command);
    await t.waitFor('crash', /hyperpane ▸ hyperpane demo estate/);
    // A change the save must keep: web-01 powered off from the prompt.
    await t.send('crash', ':');
    await t.tmux('send-keys', '-t', 'crash', '-l', 'govc vm.power -off web-01');
    await t.send('crash', 'Enter');
    await t.waitFor('crash', /Powering off VirtualMachine:vm-\d+\.\.\. OK/);
    const shell = await t.flag('crash', 'pane_pid');
    const pid = execaSync('pgrep', ['-P', shell], { reject: false }).stdout.trim().split('\n')[0];
    process.kill(Number(pid), 'SIGURG');
    const after = await t.waitFor('crash', /exit=70/);
    expect(after).toContain('hyperpane: internal error: a bug, planted by the test');
    expect(after).toContain(`hyperpane: saved ${lab}`);
    expect(await t.flag('crash', 'alternate_on')).toBe('0');
    expect(await t.flag('crash', 'cursor_flag')).toBe('1');
    const saved = loadEstate(lab);
    expect(saved.ok && saved.value.sim.workload('web-01')?.state).toMatch(/^(stopping|stopped)$/);
  });

  it('leaves an estate file untouched when nothing changed (paused from the start)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hyperpane-still-'));
    const lab = join(dir, 'lab.json');
    expect((await execa(process.execPath, [BIN, 'new', lab])).exitCode).toBe(0);
    const before = readFileSync(lab, 'utf8');
    const command = `env -u CI HYPERPANE_CONFIG_DIR=${join(dir, 'config')} ${process.execPath} ${BIN} --estate ${lab} --speed 0; echo "exit=$?"; sleep 120`;
    await tmux('new-session', '-d', '-s', 'still', '-x', '100', '-y', '30', 'sh', '-c', command);
    await t.waitFor('still', /hyperpane ▸ hyperpane demo estate/);
    await t.send('still', '2');
    await t.waitFor('still', /2 VMs 18/);
    await t.send('still', 'q');
    const after = await t.waitFor('still', /exit=0/);
    expect(after).not.toContain('saved');
    expect(readFileSync(lab, 'utf8')).toBe(before);
    expect(existsSync(`${lab}.bak`)).toBe(false);
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
