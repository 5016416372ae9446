// Typing into one line (filter, prompt, form fields): printable text goes in,
// control characters of every kind never do (they would reach the screen raw).
import { describe, expect, it } from 'vitest';
import { editLine, line } from '../../src/ui/line-edit.js';

describe('editing a line', () => {
  it('inserts printable text at the cursor, wide and combining characters included', () => {
    const e = editLine({ text: 'ab', cursor: 1 }, '', 'é日');
    expect(e).toEqual({ text: 'aé日b', cursor: 3 });
  });

  it('refuses C0, DEL, C1 (NEL, CSI), bidirectional overrides and the Arabic letter mark', () => {
    for (const input of ['\u001b[2J', '\u0007', '\u007f', '\u0085', '\u009b31m', '\u202e', '\u2066', '\u061c', 'ok\u0000']) {
      expect(editLine(line('x'), '', input), JSON.stringify(input)).toBeUndefined();
    }
  });
});
