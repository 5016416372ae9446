// The limits of what hyperpane takes in, each refused with the place and the
// reason: nesting past any real file, sizes past any real machine, names that
// would reorder or recolour the terminal; and what it draws always takes exactly
// the cells it was given, whatever the script of the name.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, tooDeep } from '../../src/config/json-depth.js';
import { estateFromJson } from '../../src/estate/file-read.js';
import { saveEstate } from '../../src/estate/store.js';
import { breakCells, clean, fit as fitCells } from '../../src/ui/format.js';
import { DEMO_DIR } from '../session/helpers.js';

const base = JSON.parse(readFileSync(join(DEMO_DIR, 'two-sites.json'), 'utf8')) as {
  hosts: Record<string, unknown>[];
  workloads: Record<string, unknown>[];
} & Record<string, unknown>;
const nested = (levels: number) => {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
};
const message = (data: unknown) => {
  const r = estateFromJson(data);
  return r.ok ? 'loaded' : r.error.message;
};

describe('nesting', () => {
  it('refuses JSON nested past any real file, at its path, before anything walks it', () => {
    const events = [{ at: 5, seq: 1, type: 'tick', x: nested(20_000) }];
    expect(message({ ...base, events })).toMatch(/^events\[0\]\.x\.a\.a.*…(\.a)+: nested more than 64 levels deep; no estate file goes that deep$/);
    const workloads = base.workloads.map((w, i) => (i === 0 ? { ...w, attrs: { k: nested(100) } } : w));
    expect(message({ ...base, workloads })).toMatch(/^workloads\[0\]\.attrs\.k\.a.*: nested more than 64 levels deep/);
    // Shallow enough is left to the schema, which says what it expected.
    const shallow = base.workloads.map((w, i) => (i === 0 ? { ...w, attrs: { k: nested(3) } } : w));
    expect(message({ ...base, workloads: shallow })).toMatch(/^a problem in the estate file: workloads\[0\]\.attrs\.k: /);
  });

  it('finds the first place too deep and nothing in a file that is not', () => {
    expect(tooDeep(base)).toBeUndefined();
    expect(tooDeep([[[[1]]]], 3)).toBe('[0][0][0]');
    expect(tooDeep({ a: [{ b: {} }] }, 3)).toBe('a[0].b');
    expect(tooDeep(nested(MAX_JSON_DEPTH))).toBeUndefined();
    expect(tooDeep(nested(MAX_JSON_DEPTH + 1))).toBeDefined();
    // A million levels: the check itself does not overflow.
    let deep: unknown = [];
    for (let i = 0; i < 1_000_000; i++) deep = [deep];
    expect(tooDeep(deep)).toMatch(/^\[0\]\[0\]/);
  });
});

describe('sizes and names', () => {
  const host0 = (patch: Record<string, unknown>) => ({ ...base, hosts: base.hosts.map((h, i) => (i === 0 ? { ...h, ...patch } : h)) });

  it('refuses sizes past 1 EiB and takes PiB and EiB as units up to it', () => {
    expect(message(host0({ memory: '999999999TiB' }))).toBe(
      'a problem in the estate file: hosts[0].memory: expected a size up to 1EiB (1048576TiB), got "999999999TiB"',
    );
    expect(message(host0({ storage: 2 ** 40 + 1 }))).toBe(
      'a problem in the estate file: hosts[0].storage: expected a size up to 1EiB (1048576TiB), got 1099511627777',
    );
    const r = estateFromJson(host0({ storage: '2PiB' }));
    expect(r.ok && r.value.sim.host(base.hosts[0]!.id as string)!.storageMiB).toBe(2 * 1024 ** 3);
    expect(message(host0({ storage: '1EiB' }))).toBe('loaded');
  });

  it('refuses names that would reorder the line or recolour the terminal, and overlong ones', () => {
    expect(message({ ...base, name: 'ops\u202Etxt.exe' })).toBe('a problem in the estate file: name: must not contain control characters');
    expect(message({ ...base, name: 'ops\u2066x\u2069' })).toBe('a problem in the estate file: name: must not contain control characters');
    expect(message({ ...base, name: 'a\u001b[31mred' })).toBe('a problem in the estate file: name: must not contain control characters');
    expect(message({ ...base, name: 'n'.repeat(254) })).toBe('a problem in the estate file: name: Too big: expected string to have <=253 characters');
    // Other scripts are names like any other.
    const r = estateFromJson({ ...base, name: '東京 データセンター' });
    expect(r.ok && r.value.name).toBe('東京 データセンター');
  });

  it('a 253-character id and a wide name save and load back', () => {
    const id = 'h'.repeat(253);
    const hosts = base.hosts.map((h, i) => (i === 0 ? { ...h, id } : h));
    const workloads = base.workloads.map((w) => (w.host === base.hosts[0]!.id ? { ...w, host: id } : w));
    const r = estateFromJson({ ...base, name: 'ラボ', hosts, workloads });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.sim.host(id)).toBeDefined();
    expect(saveEstate(r.value, join(process.env.TMPDIR ?? '/tmp', `hp-limits-${process.pid}.json`)).ok).toBe(true);
  });
});

describe('drawing', () => {
  it('fits any text into exactly the cells given: wide, combining, emoji, controls', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', '東', '😀', 'e\u0301', '\u001b', '\u202e', '\t', 'ｱ', '\u200d', ' '), maxLength: 30 }),
        fc.integer({ min: 1, max: 40 }),
        (text, width) => {
          const out = fitCells(text, width);
          expect(stringWidth(out)).toBe(width);
          expect(out).not.toMatch(/[\u0000-\u001f\u202a-\u202e\u2066-\u2069]/);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('cuts wide text on a character, marks the cut, and shows controls as marks', () => {
    expect(fitCells('東京データセンター', 7)).toBe('東京デ…');
    expect(fitCells('東京データセンター', 8)).toBe('東京デ …');
    expect(fitCells('東京', 6)).toBe('東京  ');
    expect(fitCells('東京', 6, 'right')).toBe('  東京');
    expect(clean('a\u001b[2Jb\u202ec')).toBe('a␛[2Jb�c');
  });
});

describe('breaking long output lines', () => {
  it('breaks on characters, each piece at most the width', () => {
    expect(breakCells('abcdefgh', 3)).toEqual(['abc', 'def', 'gh']);
    expect(breakCells('東京データ', 4)).toEqual(['東京', 'デー', 'タ']);
    expect(breakCells('a東京', 2)).toEqual(['a', '東', '京']);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '東', '😀', 'e\u0301', ' '), maxLength: 60 }), fc.integer({ min: 2, max: 30 }), (text, width) => {
        const pieces = breakCells(text, width);
        expect(pieces.join('')).toBe(text);
        for (const p of pieces) expect(stringWidth(p)).toBeLessThanOrEqual(width);
      }),
    );
  });
});
