// Whatever a user hands hyperpane, no control character of it reaches the
// terminal raw: an OSC 52 sequence in a line piped to exec - wrote the clipboard,
// and a settings file with an escape in it recoloured the terminal through its
// warning. Every message is shown with ␛ and � in their place.

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { tmuxServer } from './tmux.js';

const BIN = join(import.meta.dirname, '../../dist/cli.js');
const OSC52 = '\u001b]52;c;aGVsbG8=\u0007';
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const run = (args: string[], opts: { input?: string; env?: Record<string, string> } = {}) =>
  execa(process.execPath, [BIN, ...args], {
    reject: false,
    env: { CI: 'true', ...opts.env },
    ...(opts.input === undefined ? { stdin: 'ignore' as const } : { input: opts.input }),
  });

describe('no raw control characters from input to the terminal', () => {
  it('exec: lines piped in, echoed and answered', async () => {
    const r = await run(['exec', '--echo', '-'], { input: `virsh start ${OSC52}\ndocker ${OSC52}\nGet-VM -Name "${OSC52}"\n` });
    expect(r.exitCode).not.toBe(0);
    expect(`${r.stdout}${r.stderr}`).toContain('␛]52;c;aGVsbG8=�');
    expect(r.stdout).not.toMatch(RAW);
    expect(r.stderr).not.toMatch(RAW);
  });

  it('flags and file names in usage errors and load errors', async () => {
    for (const args of [
      ['--seed', OSC52],
      ['exec', '--estate', `/nonexistent/${OSC52}.json`, 'virsh list'],
      ['play', `${OSC52}.tape`],
      ['new', '--preset', OSC52, 'x.json'],
    ]) {
      const r = await run(args);
      expect(r.stderr, args.join(' ')).toContain('␛]52');
      expect(r.stderr, args.join(' ')).not.toMatch(RAW);
    }
  });

  it('a settings file and a theme with escapes: their warnings are shown after the console, not obeyed', async () => {
    const config = mkdtempSync(join(tmpdir(), 'hp-esc-'));
    const escaped = OSC52.replace('\u001b', '\\u001b').replace('\u0007', '\\u0007');
    writeFileSync(join(config, 'config.json'), `{"theme": "${escaped}"}`);
    mkdirSync(join(config, 'themes'));
    writeFileSync(join(config, 'themes', 'bad.json'), `{"name": "bad", "palette": {}, "tokens": {"text.primary": "${escaped}"}}`);
    // The console prints its warnings on the way out: in a real terminal, where an escape would act.
    const t = tmuxServer('escapes');
    try {
      await t.tmux(
        'new-session',
        '-d',
        '-s',
        'esc',
        '-x',
        '120',
        '-y',
        '30',
        'sh',
        '-c',
        `env -u CI HYPERPANE_CONFIG_DIR=${config} ${process.execPath} ${BIN} --speed 0 2>${join(config, 'err.txt')}; echo "exit=$?"; sleep 60`,
      );
      await t.waitFor('esc', /2 warnings; first: settings/);
      // The first key may only clear the warning from the status line.
      await t.send('esc', 'q');
      await t.waitFor('esc', /exit=0|q quit/);
      if (!/exit=0/.test(await t.screen('esc'))) await t.send('esc', 'q');
      await t.waitFor('esc', /exit=0/);
      const err = readFileSync(join(config, 'err.txt'), 'utf8');
      // The settings' theme holds an escape: the file is set aside; the theme file's token is shown with marks.
      expect(err).toContain('theme: must not contain control characters; set aside as');
      expect(err).toContain('"␛]52;c;aGVsbG8=�" is neither in the palette nor a colour');
      expect(err).not.toMatch(RAW);
    } finally {
      await t.kill();
    }
  });

  it('a tape whose errors quote what it holds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hp-esc-'));
    writeFileSync(join(dir, 't.tape'), `Set ${OSC52} 1\nFrob${OSC52}\nType "${OSC52}"\n`);
    const r = await run(['play', '--check', join(dir, 't.tape')]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('unknown setting "␛"');
    expect(r.stderr).not.toMatch(RAW);
  });
});
