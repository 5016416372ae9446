// The recorded asciicast (v3, or v2 when asked), read back: its header, its events in time order, and
// replayed through a real terminal emulator (xterm.js, headless), the screen it
// ends on is the screen the tape saw.
import xterm from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { type Cast, readCast } from '../../src/session/play/cast.js';
import { play } from './helpers.js';

function parseCast(text: string): Cast {
  expect(text.endsWith('\n')).toBe(true);
  const cast = readCast(text);
  if (typeof cast === 'string') throw new Error(cast);
  return cast;
}

const size = (h: Record<string, unknown>) => {
  const term = h.term as { cols: number; rows: number } | undefined;
  return term ? { cols: term.cols, rows: term.rows } : { cols: h.width as number, rows: h.height as number };
};

async function replay(cast: Cast): Promise<string[]> {
  const term = new xterm.Terminal({ ...size(cast.header), allowProposedApi: true });
  for (const [, code, data] of cast.events) if (code === 'o') await new Promise<void>((resolve) => term.write(data, resolve));
  const buffer = term.buffer.active;
  const out: string[] = [];
  for (let y = 0; y < term.rows; y++) out.push((buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '').trimEnd());
  term.dispose();
  return out;
}

const TAPE = [
  'Set Cols 100',
  'Set Rows 30',
  'Set IdleTimeLimit 3s',
  'Marker "Hosts"',
  'Sleep 2s',
  'Type "2"',
  'Down 2',
  'Enter',
  'Sleep 3s',
  'Escape',
  'Hide',
  'Type "5"',
  'Sleep 10s',
  'Show',
  'Marker "Events"',
  'Caption "The log of everything"',
  'Sleep 2s',
].join('\n');

describe('the recording', () => {
  it('has an asciicast v3 header (docs.asciinema.org/manual/asciicast/v3): term with the size and TERM, a fixed timestamp, the idle limit', async () => {
    const { cast } = await play(TAPE);
    const { header } = parseCast(cast);
    expect(header).toEqual({
      version: 3,
      term: { cols: 100, rows: 30, type: 'xterm-256color' },
      timestamp: 1_767_229_200,
      idle_time_limit: 3,
      title: 'test',
      env: { SHELL: '/bin/sh' },
    });
    // The header's fields in asciinema 3's order (src/asciicast/v3.rs), a comment line after it, never first.
    const lines = cast.split('\n');
    expect(lines[0]).toMatch(
      /^\{"version":3,"term":\{"cols":100,"rows":30,"type":"xterm-256color"\},"timestamp":1767229200,"idle_time_limit":3,"title":"test","env":/,
    );
    expect(lines[1]).toMatch(/^# hyperpane played test\.tape on its virtual clock/);
    // Each event's interval since the last, with asciinema 3.0.1's three decimals and its spacing; the last is the exit status.
    for (const l of lines.slice(2, -1)) expect(l).toMatch(/^\[\d+\.\d{3}, "[omx]", ".*"\]$/);
    expect(lines.at(-2)).toBe('[0.000, "x", "0"]');
  });

  it('writes asciicast v2 when asked (--cast-version 2): width and height, TERM in env, times since the start, no exit event', async () => {
    const v3 = parseCast((await play(TAPE)).cast);
    const v2text = (await play(TAPE, { castVersion: 2 })).cast;
    const v2 = parseCast(v2text);
    expect(v2.header).toEqual({
      version: 2,
      width: 100,
      height: 30,
      timestamp: 1_767_229_200,
      idle_time_limit: 3,
      title: 'test',
      env: { SHELL: '/bin/sh', TERM: 'xterm-256color' },
    });
    expect(v2text.split('\n')[1]).toMatch(/^\[0,"o",/);
    // The same events at the same moments, v3's exit aside.
    expect(v3.events.slice(0, -1)).toEqual(v2.events);
    expect(v3.events.at(-1)).toEqual([v2.events.at(-1)![0], 'x', '0']);
  });

  it('ends a failed tape’s recording with exit status 1', async () => {
    const { cast } = await play('Sleep 1s\nExpect /never on screen/', { record: 'failed.cast' });
    expect(cast.trimEnd().split('\n').at(-1)).toMatch(/^\[\d+\.\d{3}, "x", "1"\]$/);
  });

  it('has output and marker events in time order, timed by the tape, hidden time left out', async () => {
    const { events } = parseCast((await play(TAPE)).cast);
    const times = events.map((e) => e[0]);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(events.filter((e) => e[1] === 'm')).toEqual([
      [0, 'm', 'Hosts'],
      // 2 s, four keys at 50 ms, 3 s, Escape's 50 ms; the hidden 10 s and its key are not in the recording.
      [5.25, 'm', 'Events'],
    ]);
    expect(new Set(events.map((e) => e[1]))).toEqual(new Set(['o', 'm', 'x']));
    expect(times.at(-1)).toBe(7.25);
  });

  it('never writes a bare newline: every line is placed by the cursor', async () => {
    const { events } = parseCast((await play(TAPE)).cast);
    for (const [, code, data] of events) if (code === 'o') expect(data).not.toMatch(/\n/);
  });

  it('replayed in a terminal emulator, ends on the screen the tape saw', async () => {
    const r = await play(TAPE);
    const screen = await replay(parseCast(r.cast));
    expect(screen).toEqual(r.session!.text());
    expect(screen.join('\n')).toMatch(/TIME +OBJECT +MESSAGE/);
    expect(screen.join('\n')).toContain('The log of everything');
  });

  it('draws the whole screen first, then only the lines that changed', async () => {
    // Paused, so only the key changes the screen.
    const { events } = parseCast((await play('Set Speed 0\nSleep 1s\nType "j"\nSleep 1s')).cast);
    expect(events[0][2]).toMatch(/^\u001b\[0m\u001b\[H\u001b\[2J\u001b\[\?25l/);
    const rows = (data: string) => [...data.matchAll(/\u001b\[(\d+);1H/g)].map((m) => Number(m[1]));
    expect(rows(events[0][2])).toHaveLength(36);
    // j moves the selection: the old row and the new row.
    expect(events.slice(1, -2).map((e) => [e[0], rows(e[2])])).toEqual([[1, [5, 6]]]);
  });
});
