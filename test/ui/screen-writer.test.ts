// The live console's terminal writer: Ink hands it whole frames; it writes only
// the rows that changed, inside a synchronized update, and nothing at all for a
// frame that changed nothing.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ScreenWriter, StrayOutput } from '../../src/ui/terminal/screen-writer.js';

class Terminal extends EventEmitter {
  columns = 40;
  rows = 4;
  written: string[] = [];
  write(text: string) {
    this.written.push(text);
    return true;
  }
}

const BSU = '\u001b[?2026h';
const ESU = '\u001b[?2026l';

function setup() {
  const term = new Terminal();
  const frames: number[] = [];
  const screen = new ScreenWriter(term, (bytes) => frames.push(bytes));
  return { term, screen, frames };
}

describe('the screen writer', () => {
  it('draws the first frame whole: cleared, cursor hidden, every row placed, in one synchronized update', () => {
    const { term, screen, frames } = setup();
    screen.write('one\ntwo\nthree\nfour');
    expect(term.written).toHaveLength(1);
    const out = term.written[0];
    expect(out.startsWith(BSU) && out.endsWith(ESU)).toBe(true);
    expect(out).toContain('\u001b[2J');
    expect(out).toContain('\u001b[?25l');
    for (const [row, text] of ['one', 'two', 'three', 'four'].entries()) expect(out).toContain(`\u001b[${row + 1};1H\u001b[0m\u001b[2K${text}`);
    expect(out).not.toContain('\n');
    expect(frames).toEqual([Buffer.byteLength(out)]);
    expect(screen.bytes).toBe(Buffer.byteLength(out));
  });

  it('then writes only the rows that changed', () => {
    const { term, screen } = setup();
    screen.write('one\ntwo\nthree\nfour');
    screen.write('one\nTWO\nthree\nfour');
    const out = term.written[1];
    expect(out).toBe(`${BSU}\u001b[2;1H\u001b[0m\u001b[2KTWO\u001b[0m${ESU}`);
  });

  it('writes nothing when nothing changed: no redraw of an unchanged screen', () => {
    const { term, screen, frames } = setup();
    screen.write('one\ntwo\nthree\nfour');
    screen.write('one\ntwo\nthree\nfour');
    expect(term.written).toHaveLength(1);
    expect(frames).toHaveLength(1);
    expect(screen.frames).toBe(1);
  });

  it('draws whole again after the terminal is resized, and tells Ink of the resize', () => {
    const { term, screen } = setup();
    let told = 0;
    screen.on('resize', () => told++);
    screen.write('one\ntwo\nthree\nfour');
    term.columns = 60;
    term.emit('resize');
    expect(told).toBe(1);
    expect(screen.columns).toBe(60);
    screen.write('one\ntwo\nthree\nfour');
    expect(term.written[1]).toContain('\u001b[2J');
    screen.release();
    term.emit('resize');
    expect(told).toBe(1);
  });

  it('takes an empty write (Ink clearing its unused log on a resize) as no frame', () => {
    const { term, screen } = setup();
    screen.write('one\ntwo\nthree\nfour');
    screen.write('');
    expect(term.written).toHaveLength(1);
  });

  it('passes the cursor being shown straight through', () => {
    const { term, screen } = setup();
    screen.write('\u001b[?25h');
    expect(term.written).toEqual(['\u001b[?25h']);
  });

  it('draws a frame that ends as the last one did: console output never reaches it (it is caught before)', () => {
    const { term, screen } = setup();
    screen.write('東京');
    // Found by the resize fuzz test: this was once taken for console.log's text glued to the last frame.
    screen.write('hosts 東京');
    expect(term.written).toHaveLength(2);
    expect(term.written[1]).toContain('hosts 東京');
    expect(screen.stray).toEqual([]);
    new StrayOutput(screen).write('warning: something\n');
    expect(screen.stray).toEqual(['warning: something']);
  });

  it('draws the top of a frame laid out for a taller terminal (a resize on its way), and nothing of it is taken for console output', () => {
    const { term, screen } = setup();
    screen.write('1\n2\n3\n4\n5\n6');
    expect(term.written[0]).toContain('\u001b[4;1H\u001b[0m\u001b[2K4');
    expect(term.written[0]).not.toContain('2K5');
    expect(screen.stray).toEqual([]);
  });

  it('pads a short frame to the terminal, so rows below it are cleared', () => {
    const { term, screen } = setup();
    screen.write('one\ntwo\nthree\nfour');
    screen.write('one');
    expect(term.written[1]).toContain('\u001b[4;1H\u001b[0m\u001b[2K\u001b[0m');
  });
});
