// Playing tapes on the virtual clock: keys reach the console, time moves only
// when the tape says, Wait and Expect hold or fail with the screen, and the
// same tape gives the same bytes.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/session/tape/ast.js';
import { MAX_TAPE_WORK } from '../../src/session/tape/limits.js';
import { play } from './helpers.js';

describe('playing a tape', () => {
  it('presses keys on the console and moves time only by the tape', async () => {
    const r = await play('Type "2"\nDown 2\nEnter\nSleep 60s\nExpect+Screen /web-03 vSphere VM poweredOn/');
    expect(r.ok, r.failure && formatProblem(r.failure)).toBe(true);
    const s = r.session!;
    expect(s.controller.state.pane).toBe('vms');
    expect(s.controller.state.detail).toEqual({ type: 'workload', id: 'web-03' });
    // Four keys at 50 ms each (TypingSpeed's default), then a minute: all of it simulated, at 1x.
    expect(r.tapeMs).toBe(60_200);
    expect(s.estate.sim.now).toBe(3_600_000 + 60_200);
  });

  it('runs the simulation at the speed the tape sets, and at the speed keys set', async () => {
    const r = await play('Set Speed 60\nSleep 10s\nType "-"\nSleep 10s');
    // 10 s at 60x; "-" takes effect at once, so its 50 ms and the next 10 s run at 10x.
    expect(r.session!.estate.sim.now - 3_600_000).toBe(600_000 + 500 + 100_000);
  });

  it('waits until the screen matches, polling on the virtual clock', async () => {
    // virsh start returns once QEMU runs (libvirt's virDomainCreate): the guest then boots, 20-60 s.
    const r = await play('Sim run "virsh destroy dev-01"\nSim run "virsh start dev-01"\nType "2"\nWait+Screen@2m /dev-01 +running/');
    expect(r.ok, r.failure && formatProblem(r.failure)).toBe(true);
    expect(r.tapeMs).toBeGreaterThan(15_000);
    expect(r.tapeMs).toBeLessThan(65_000);
  });

  it('Sim run returns when the real command would: the container runs when it is back', async () => {
    const r = await play('Type "3"\nSim run "docker run -d --name fresh nginx:1.27"\nExpect+Screen /fresh +nginx:1\\.27 +docker-01 +running/');
    expect(r.ok, r.failure && formatProblem(r.failure)).toBe(true);
  });

  it('fails a Wait that times out, with where it was and the screen it saw', async () => {
    const r = await play('Sleep 1s\nWait+Screen@2s /never on screen/\nType "2"');
    expect(r.ok).toBe(false);
    expect(formatProblem(r.failure!)).toBe('test.tape:2:1: Wait+Screen /never on screen/ timed out after 2s');
    expect(r.failure!.screen.join('\n')).toMatch(/esx-01 +ESXi/);
    // It stopped there: the 2 s of waiting passed, the last command did not run.
    expect(r.tapeMs).toBe(3_000);
    expect(r.session!.controller.state.pane).toBe('hosts');
  });

  it('uses the default Wait pattern and timeout, and the ones the tape sets', async () => {
    const r = await play('Set WaitTimeout 1s\nSet WaitPattern /nothing here/\nWait');
    expect(formatProblem(r.failure!)).toBe('test.tape:3:1: Wait /nothing here/ timed out after 1s');
  });

  it('fails an Expect that does not match; Line means one row, Screen the whole screen', async () => {
    const bad = await play('Expect /esx-01.*\\n.*esx-02/');
    expect(formatProblem(bad.failure!)).toBe('test.tape:1:1: Expect /esx-01.*\\n.*esx-02/ did not match the screen');
    const good = await play('Expect+Screen /esx-01.*\\n.*esx-02/\nExpect /^esx-01 /');
    expect(good.ok).toBe(true);
  });

  it('runs Sim lines, and stops at one that names what is not there', async () => {
    const r = await play(
      'Sim fail host esx-03\nSleep 1s\nExpect+Screen /esx-03 +ESXi +vsphere-prod +failed/\nSim recover host esx-03\nSim advance 1h\nSim load batch-01 95%\nSim fail host esx-99',
    );
    expect(formatProblem(r.failure!)).toBe('test.tape:7:1: Sim fail: no host named esx-99');
    const sim = r.session!.estate.sim;
    expect(sim.host('esx-03')!.state).toBe('connected');
    expect(sim.now).toBe(3_600_000 + 1_000 + 3_600_000);
    expect(sim.log.all().some((e) => e.message === 'Load on batch-01 set to 95% of its vCPUs')).toBe(true);
    const run = await play('Sim run "virsh start no-such-domain"');
    expect(formatProblem(run.failure!)).toBe("test.tape:1:1: Sim run: virsh start no-such-domain: error: failed to get domain 'no-such-domain'");
  });

  it('shows captions over the console, above the status line and footer', async () => {
    const r = await play('Caption "Hosts come first"\nSleep 1s');
    const text = r.session!.text();
    const row = text.findIndex((l) => l.includes('Hosts come first'));
    expect(row).toBe(text.length - 4);
    expect(text[text.length - 1]).toMatch(/\? help/);
    const cleared = await play('Caption "x y z"\nCaption ""\nSleep 1s');
    expect(cleared.session!.text().join('\n')).not.toContain('x y z');
  });

  it('checks Require without running anything', async () => {
    expect((await play('Require hyperpane\nRequire virsh\nRequire Get-VM\nRequire sh')).ok).toBe(true);
    const r = await play('Require surely-not-a-program-here');
    expect(formatProblem(r.failure!)).toBe('test.tape:1:1: Require surely-not-a-program-here: not found on PATH (this tape needs it)');
  });

  it('reads a VHS Width and Height in pixels as columns and rows, and says so', async () => {
    const r = await play('Set Width 1200\nSet Height 800\nSleep 1');
    expect([r.session!.controller.width, r.session!.controller.height]).toEqual([81, 25]);
    expect(r.notices.map((n) => n.message)).toEqual([
      'Set Width 1200 reads as pixels, as in VHS: 81 columns at FontSize 22 (Set Cols N gives columns directly)',
      'Set Height 800 reads as pixels, as in VHS: 25 rows at FontSize 22 (Set Rows N gives rows directly)',
    ]);
    const cols = await play('Set Width 90\nSet Height 30\nSleep 1');
    expect([cols.session!.controller.width, cols.session!.controller.height]).toEqual([90, 30]);
  });

  it('accepts what makes no sense here with a notice, and ignores setup settings after the first action, as VHS does', async () => {
    const r = await play('Set FontFamily "Fira Code"\nSet Shell zsh\nType "2"\nSet Cols 90\nScrollUp\nOutput demo.gif');
    expect(r.ok).toBe(true);
    expect(r.notices.map((n) => `${n.pos.line}: ${n.message}`)).toEqual([
      '1: Set FontFamily: the look of a video VHS renders; hyperpane draws the terminal itself (ignored)',
      '2: Set Shell: there is no shell: the tape drives hyperpane directly (ignored)',
      '4: Set Cols after the first action: ignored, as VHS ignores it (move it to the top)',
      "5: ScrollUp scrolls a terminal's scrollback; the console has none (ignored)",
      '6: Output demo.gif: .gif is for VHS to render; hyperpane play writes .cast (asciicast) and .txt (skipped)',
    ]);
    expect(r.session!.controller.width).toBe(120);
  });

  it('switches themes, and NO_COLOR in the tape draws without colour', async () => {
    const themed = await play('Set Theme dracula\nSleep 1');
    expect(themed.session!.controller.theme.name).toBe('dracula');
    const later = await play('Sleep 1\nSet Theme light\nSleep 1');
    expect(later.session!.controller.theme.name).toBe('light');
    const mono = await play('Env NO_COLOR "1"\nSleep 1');
    expect(mono.session!.controller.theme.name).toBe('monochrome');
    expect(mono.cast).not.toMatch(/\\u001b\[38;2;/);
  });

  it('quits on q or Ctrl+C like the console, and keys after that do nothing', async () => {
    const r = await play('Ctrl+C\nType "2"\nSleep 1');
    expect(r.ok).toBe(true);
    expect(r.session!.controller.state).toMatchObject({ quitting: true, pane: 'hosts' });
  });

  it('types what Copy put on the clipboard with Paste', async () => {
    const r = await play('Copy "/kvm-0"\nType "1"\nPaste\nEnter');
    expect(r.session!.controller.rows().rows).toHaveLength(3);
  });

  it('writes the screen after each command for Output FILE.txt, and screenshots as text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hp-play-'));
    const r = await play('Output golden.txt\nType "2"\nScreenshot vms.txt\nScreenshot vms.png\nScreenshot vms.ansi', {
      outputs: { root: dir, force: false },
      writeFiles: true,
      record: undefined,
    });
    expect(r.ok).toBe(true);
    const golden = readFileSync(join(dir, 'golden.txt'), 'utf8');
    const frames = golden.split(`${'─'.repeat(120)}\n`).filter(Boolean);
    expect(frames).toHaveLength(4);
    expect(frames[0]).toMatch(/^hyperpane ▸ hyperpane demo estate/);
    expect(readFileSync(join(dir, 'vms.txt'), 'utf8')).toMatch(/\nweb-01 +running/);
    expect(readFileSync(join(dir, 'vms.ansi'), 'utf8')).toMatch(/\u001b\[/);
    expect(r.notices.map((n) => n.message)).toContain("Screenshot vms.png: PNGs are VHS's to draw; the screen is written as text to vms.txt");
  });

  it('says at its Output line when a recording cannot be written, and leaves nothing half-written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hp-play-'));
    mkdirSync(join(dir, 'taken.cast'));
    const r = await play('Output taken.cast\nSleep 1', { outputs: { root: dir, force: false }, writeFiles: true, record: undefined });
    expect(formatProblem(r.failure!)).toBe('test.tape:1:1: Output taken.cast: is a directory');
    writeFileSync(join(dir, 'file'), 'x');
    const under = await play('Sleep 1\nOutput file/out.txt', { outputs: { root: dir, force: false }, writeFiles: true, record: undefined });
    expect(formatProblem(under.failure!)).toBe(`test.tape:2:1: Output file/out.txt: ${join(dir, 'file')} is not a directory`);
    expect(readdirSync(dir).sort()).toEqual(['file', 'taken.cast']);
  });

  it('keeps a pixel size within the terminal sizes it allows', async () => {
    const r = await play('Set Width 100000\nSet Height 100000\nSet Padding 0');
    expect([r.session!.controller.width, r.session!.controller.height]).toEqual([1000, 1000]);
  });

  it('gives the same bytes for the same tape, every time', async () => {
    const tape = 'Set Cols 100\nSet Rows 30\nType "2"\nDown\nEnter\nSleep 5s\nSim fail host esx-01\nSleep 25s\nType "5"\nSleep 1s';
    const a = await play(tape);
    const b = await play(tape);
    expect(a.cast.length).toBeGreaterThan(10_000);
    expect(b.cast).toBe(a.cast);
  });
});

describe('what playing costs follows what it draws', () => {
  it('an hour hidden draws nothing, and the frame shown after it is the estate an hour on', async () => {
    const r = await play('Hide\nSleep 60m\nShow\nExpect /02:00:0/');
    expect(r.ok, r.failure?.message).toBe(true);
    expect(r.session!.drawn).toBeLessThanOrEqual(3);
  });

  it('keys closer together than a frame (VHS captures 50 a second) share one', async () => {
    const r = await play('Type "2"\nDown@1ms 500\nExpect /dockervm-01/');
    expect(r.ok, r.failure?.message).toBe(true);
    // 500 keys over half a second of tape: one frame per 20 ms, and the last key's.
    expect(r.session!.drawn).toBeLessThanOrEqual(40);
    expect(r.session!.controller.selected()?.id).toBe('dockervm-01');
  });

  it('a tape stops at a day of tape time', async () => {
    const r = await play(Array.from({ length: 25 }, () => 'Set Speed 0\nSleep 60m').join('\n'));
    expect(r.ok).toBe(false);
    expect(r.failure!.message).toBe('the tape has run 1d of tape time by here, the most a tape may: a day of screencast');
  });

  it('the day is counted inside a single Type too, not only between commands', async () => {
    // 10,000 characters at 10 s each is 27.8 hours of typing (hidden: drawing each key is not what is tested).
    const r = await play(`Set Speed 0\nHide\nType@10s "${'j'.repeat(10_000)}"`);
    expect(r.ok).toBe(false);
    expect(r.failure!.message).toBe('the tape has run 1d of tape time by here, the most a tape may: a day of screencast');
    expect(r.tapeMs).toBeLessThanOrEqual(24 * 3_600_000 + 10_000);
  });

  it('the simulation work a tape may run is a budget, spent by Sleep and by Sim advance alike', async () => {
    const sleep = await play('Sleep 10s');
    const advance = await play('Set Speed 0\nSim advance 10s');
    expect(sleep.session!.work).toBeGreaterThan(0);
    // The same ten seconds of the same estate cost the same, however they pass.
    expect(advance.session!.work).toBe(sleep.session!.work);
    const s = sleep.session!;
    s.spend(MAX_TAPE_WORK - s.work);
    expect(() => s.spend(1)).toThrow(/^the tape has run the simulation for 5,000,000,000 host-and-workload ticks by here/);
  });

  it('a Wait while hidden draws no more than the same Wait shown', async () => {
    const tape = (hide: boolean) => `${hide ? 'Hide\n' : ''}Type ":sim advance 10m"\nEnter\nWait@5m /01:10:/`;
    const shown = await play(tape(false));
    const hidden = await play(tape(true));
    expect(shown.ok, shown.failure?.message).toBe(true);
    expect(hidden.ok, hidden.failure?.message).toBe(true);
    expect(hidden.session!.drawn).toBeLessThanOrEqual(shown.session!.drawn);
  });
});
