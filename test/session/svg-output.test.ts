// Output FILE.svg draws the whole tape as an animated SVG, Screenshot FILE.svg the
// screen at that moment, both as the README's picture is drawn (session/svg.ts):
// well-formed, each distinct row drawn once, each frame shown from its moment to
// the next by SMIL <set>, the last staying; the same bytes on every run.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCast } from '../../src/session/play/cast.js';
import { OutputRecord } from '../../src/session/play/output-record.js';
import { play } from './helpers.js';

const TAPE = [
  'Output anim.svg',
  'Output anim.cast',
  'Set Cols 100',
  'Set Rows 30',
  'Type "2"',
  'Sleep 2s',
  'Type "j"',
  'Sleep 1s',
  'Screenshot still.svg',
  'Type "3"',
  'Sleep 2s',
].join('\n');

async function played() {
  const root = mkdtempSync(join(tmpdir(), 'hp-svg-'));
  const r = await play(TAPE, { outputs: { root, force: false, record: OutputRecord.open(join(root, 'record.json')) }, writeFiles: true, record: undefined });
  expect(r.ok).toBe(true);
  return {
    r,
    anim: readFileSync(join(root, 'anim.svg'), 'utf8'),
    still: readFileSync(join(root, 'still.svg'), 'utf8'),
    cast: readFileSync(join(root, 'anim.cast'), 'utf8'),
  };
}

describe('SVG outputs', () => {
  it('animates the tape: a frame for each the recording shows, at its moment, each row drawn once, the last staying', async () => {
    const { anim, cast } = await played();
    expect(anim.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="872" height="588"')).toBe(true);
    const sets = [...anim.matchAll(/<set attributeName="visibility" to="visible" begin="([\d.]+)s"(?: end="([\d.]+)s")?\/>/g)];
    const read = readCast(cast);
    if (typeof read === 'string') throw new Error(read);
    // The recording's output events, at their moments (those at one moment are one frame).
    const moments = [...new Set(read.events.filter((e) => e[1] === 'o').map((e) => e[0]))];
    expect(sets.map((m) => Number(m[1]))).toEqual(moments.slice(0, sets.length));
    expect(sets.length).toBeGreaterThanOrEqual(moments.length - 1);
    for (const [i, m] of sets.entries()) expect(m[2] === undefined ? undefined : Number(m[2])).toEqual(sets[i + 1] ? Number(sets[i + 1][1]) : undefined);
    // Each symbol is used; none is defined twice.
    const ids = [...anim.matchAll(/<symbol id="(r\d+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(anim).toContain(`href="#${id}"`);
    // Balanced tags: every <g> and <symbol> closed.
    for (const tag of ['g', 'symbol', 'defs', 'svg']) expect(anim.split(`<${tag}`).length - 1, tag).toBe(anim.split(`</${tag}>`).length - 1);
  });

  it('draws a still screenshot as the README’s picture is drawn, with the screen’s text', async () => {
    const { still } = await played();
    expect(still).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(still).toContain('<title>still</title>');
    expect(still).toMatch(/>web-01</);
    expect(still).not.toContain('<set ');
  });

  it('is the same bytes on every run', async () => {
    const a = await played();
    const b = await played();
    expect(b.anim).toBe(a.anim);
    expect(b.still).toBe(a.still);
  });
});
