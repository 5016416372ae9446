// Every escape sequence hyperpane writes is spelled once, in
// src/ui/terminal/escapes.ts (from ansi-escapes where it has them), and its
// bytes stay what recordings and the live console have always written.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLEAR, ENTER_SCREEN, HIDE_CURSOR, LEAVE_SCREEN, RESET, rowBytes, SHOW_CURSOR, SYNC_OFF, SYNC_ON } from '../../src/ui/terminal/escapes.js';

const SRC = join(import.meta.dirname, '../../src');
const HOME = 'ui/terminal/escapes.ts';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [join(dir, d.name)] : [],
  );
}

describe('escape sequences', () => {
  it('are written from one file: no other source spells a CSI sequence', () => {
    // A CSI written out ("\u001b[", "\x1b[", "\033["), or ESC kept in a constant to build one, outside
    // escapes.ts; comparing a key or a character with ESC, or a regex that reads sequences, is not writing one.
    const csi = /\\(?:u001[bB]|x1[bB]|033)\[/;
    const escConstant = /const\s+\w+\s*=\s*['"`]\\(?:u001[bB]|x1[bB]|033)/;
    const offenders = files(SRC)
      .map((f) => relative(SRC, f).split('\\').join('/'))
      .filter((f) => f !== HOME && [csi, escConstant].some((re) => re.test(readFileSync(join(SRC, f), 'utf8'))));
    expect(offenders).toEqual([]);
  });

  it('keep their bytes', () => {
    expect([CLEAR, HIDE_CURSOR, SHOW_CURSOR, SYNC_ON, SYNC_OFF, RESET]).toEqual([
      '\u001b[0m\u001b[H\u001b[2J',
      '\u001b[?25l',
      '\u001b[?25h',
      '\u001b[?2026h',
      '\u001b[?2026l',
      '\u001b[0m',
    ]);
    expect(ENTER_SCREEN).toBe('\u001b[?1049h\u001b[?7l\u001b[H');
    expect(LEAVE_SCREEN).toBe('\u001b[?25h\u001b[?7h\u001b[?1049l');
    expect(rowBytes(1, 'two')).toBe('\u001b[2;1H\u001b[0m\u001b[2Ktwo\u001b[0m');
  });
});
