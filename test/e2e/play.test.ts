// hyperpane play, as CI and scripts run it: the built binary, no TTY, CI=true.

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'dist/cli.js');
const run = (args: string[], env: Record<string, string> = {}) =>
  execa(process.execPath, [BIN, ...args], { reject: false, stdin: 'ignore', cwd: ROOT, env: { CI: 'true', ...env } });

describe('hyperpane play', () => {
  it('plays a demo tape on the virtual clock and records the same bytes every time, whatever the terminal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hyperpane-play-'));
    const a = join(dir, 'a.cast');
    const b = join(dir, 'b.cast');
    const first = await run(['play', '--record', a, 'demo/failover-drill.tape']);
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^played demo\/failover-drill\.tape: \d+ commands, [\d.]+ s of tape in [\d.]+ s; wrote .*a\.cast \(\d+ KB\)\n?$/);
    const second = await run(['play', '--record', b, 'demo/failover-drill.tape'], { NO_COLOR: '1', TERM: 'dumb', FORCE_COLOR: '0', COLORTERM: '' });
    expect(second.exitCode, second.stderr).toBe(0);
    expect(readFileSync(b, 'utf8')).toBe(readFileSync(a, 'utf8'));
    const header = JSON.parse(readFileSync(a, 'utf8').split('\n')[0]);
    expect(header).toMatchObject({ version: 3, term: { cols: 120, rows: 36 } });
    // --cast-version 2 keeps asciinema 2's format, for players that read only that.
    const c = join(dir, 'c.cast');
    expect((await run(['play', '--cast-version', '2', '--record', c, 'demo/failover-drill.tape'])).exitCode).toBe(0);
    expect(JSON.parse(readFileSync(c, 'utf8').split('\n')[0])).toMatchObject({ version: 2, width: 120, height: 36 });
    const bad = await run(['play', '--cast-version', '4', '--record', c, 'demo/failover-drill.tape']);
    expect([bad.exitCode, bad.stderr.split('\n')[0]]).toEqual([2, 'hyperpane play: --cast-version is 2 or 3, got 4']);
  });

  it('records the same bytes whatever themes of its own the user has', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hyperpane-play-'));
    const config = join(dir, 'config');
    mkdirSync(join(config, 'themes'), { recursive: true });
    writeFileSync(
      join(config, 'themes', 'mine.json'),
      JSON.stringify({ name: 'default-dark', palette: { red: '#ff0000' }, tokens: { 'text.primary': 'red' } }),
    );
    const tape = join(dir, 't.tape');
    writeFileSync(tape, 'Sleep 1s\n');
    await run(['play', '--record', join(dir, 'plain.cast'), tape], { HYPERPANE_CONFIG_DIR: join(dir, 'empty') });
    await run(['play', '--record', join(dir, 'themed.cast'), tape], { HYPERPANE_CONFIG_DIR: config });
    expect(readFileSync(join(dir, 'themed.cast'), 'utf8')).toBe(readFileSync(join(dir, 'plain.cast'), 'utf8'));
  });

  it('exits 1 with the line and the screen when an Expect fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hyperpane-play-'));
    const tape = join(dir, 'bad.tape');
    writeFileSync(tape, 'Type "2"\nSleep 1s\nExpect /no such thing/\n');
    const r = await run(['play', tape]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(`^${tape}:3:1: Expect /no such thing/ did not match the screen\\nthe screen was:\\n┌─+┐\\n│hyperpane ▸ hyperpane demo estate`),
    );
    expect(r.stderr).toMatch(/recordings not written$/);
  });

  it('--check reports every problem as FILE:LINE:COL and exits 1; good tapes pass', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hyperpane-play-'));
    const bad = join(dir, 'bad.tape');
    writeFileSync(bad, 'Set Fontsize 20\nSleep\nType "ok"\nWait+Page /x/\nSet Estate nowhere.json\n');
    const r = await run(['play', '--check', bad, 'demo/tour.tape', 'demo/cloud-cost.tape']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      `${bad}:5:1: notice: Set Estate after the first action: ignored, as VHS ignores it (move it to the top)`,
      `${bad}:1:5: unknown setting "Fontsize" (did you mean FontSize?)`,
      `${bad}:2:1: expected a time after Sleep (like 500ms, 2s or 1m)`,
      `${bad}:4:6: Wait+ expects Line or Screen, got Page`,
      `${bad}:5:12: no preset or estate file named nowhere.json (presets: default, small-office, enterprise, hybrid, scale, huge; files are read relative to the tape)`,
    ]);
    expect(r.stdout).toBe('3 tapes checked: 2 ok, 1 with errors');
    const late = join(dir, 'late.tape');
    writeFileSync(late, 'Type "2"\nSet Cols 90\nEnv NO_COLOR "1"\n');
    const notes = await run(['play', '--check', late]);
    expect([notes.exitCode, notes.stderr]).toEqual([
      0,
      `${late}:2:1: notice: Set Cols after the first action: ignored, as VHS ignores it (move it to the top)\n${late}:3:1: notice: Env NO_COLOR after the first action: ignored (move it to the top)`,
    ]);
    const good = await run(['play', '--check', 'demo/tour.tape']);
    expect([good.exitCode, good.stdout]).toEqual([0, '1 tape checked: 1 ok']);
  });

  it('says what is wrong with its own arguments, with exit code 2', async () => {
    const bare = await run(['play']);
    expect([bare.exitCode, bare.stderr]).toEqual([2, expect.stringMatching(/^hyperpane play: give a tape to play/)]);
    const flag = await run(['play', '--fast', 'x.tape']);
    expect([flag.exitCode, flag.stderr.split('\n')[0]]).toEqual([2, "hyperpane play: Unknown option '--fast'"]);
    const rec = await run(['play', '--record', 'out.gif', 'demo/tour.tape']);
    expect([rec.exitCode, rec.stderr.split('\n')[0]]).toEqual([2, 'hyperpane play: --record writes an asciicast: give a FILE.cast, got out.gif']);
    const missing = await run(['play', 'nope.tape']);
    expect([missing.exitCode, missing.stderr]).toEqual([1, 'hyperpane play: nope.tape: no such file']);
  });

  it('plays a built-in tape by name from any directory, and names them when one is not found', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'hyperpane-play-'));
    // The shortest built-in tape to play; it also reads an estate file beside it (demo/consolidation.json).
    const byName = await execa(process.execPath, [BIN, 'play', '--headless', 'consolidation'], {
      reject: false,
      stdin: 'ignore',
      cwd: elsewhere,
      env: { CI: 'true' },
    });
    expect(byName.exitCode, byName.stderr).toBe(0);
    expect(byName.stdout).toMatch(/^played .*demo\/consolidation\.tape: \d+ commands/);
    const missing = await execa(process.execPath, [BIN, 'play', 'tuor'], { reject: false, stdin: 'ignore', cwd: elsewhere, env: { CI: 'true' } });
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toMatch(/^hyperpane play: tuor: no such file \(the built-in tapes play by name: [\w-]+(, [\w-]+)*\)$/);
    expect(missing.stderr).toContain('tour');
  });

  it('--demo without a terminal says how to play the tour instead', async () => {
    const r = await run(['--demo']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/the tour needs a terminal .*\nWithout one, play it on the virtual clock: +hyperpane play tour/);
  });
});
