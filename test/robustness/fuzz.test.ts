// Hostile and random input, thousands of times: the estate loader, the tape
// parser and player, the theme loader and the : prompt never throw; everything
// they refuse comes back with a message.
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadThemeFile } from '../../src/config/themes.js';
import { estateFromJson } from '../../src/estate/file-read.js';
import { formatProblem } from '../../src/session/tape/ast.js';
import { parseTape } from '../../src/session/tape/parser.js';
import { runPromptLine } from '../../src/ui/input/prompt-commands.js';
import { controllerFor } from '../ui/helpers.js';
import { DEMO_DIR, play } from '../session/helpers.js';

const base = JSON.parse(readFileSync(join(DEMO_DIR, 'two-sites.json'), 'utf8')) as Record<string, unknown>;

/** Sets `value` at a path of keys and indices into a copy of `doc` (creating nothing that is not there). */
function mutate(doc: unknown, path: readonly number[], value: unknown): unknown {
  const copy = structuredClone(doc) as unknown;
  let node = copy as Record<string | number, unknown>;
  for (let i = 0; i < path.length; i++) {
    if (typeof node !== 'object' || node === null) return copy;
    const keys = Object.keys(node);
    if (keys.length === 0) return copy;
    const key = Array.isArray(node) ? path[i] % node.length : keys[path[i] % keys.length];
    if (i === path.length - 1) node[key] = value;
    else node = node[key] as Record<string | number, unknown>;
  }
  return copy;
}

const weird = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(-1, 0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, '', '\u001b[2J', 'x'.repeat(5000), '64GiB', '-4GiB', '1e9TiB', null, [], {}, 'running', 'esx-01'),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

describe('the estate loader, given anything', () => {
  it('never throws on random JSON, and says why it refuses', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (data) => {
        const r = estateFromJson(data);
        if (!r.ok) expect(r.error.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on a real estate with one, two or three values changed, and loads or refuses with a message', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.array(fc.nat(50), { minLength: 1, maxLength: 6 }), weird), { minLength: 1, maxLength: 3 }), (changes) => {
        let doc: unknown = base;
        for (const [path, value] of changes) doc = mutate(doc, path, value);
        const r = estateFromJson(doc);
        if (!r.ok) expect(r.error.message.length).toBeGreaterThan(0);
        else r.value.sim.advance(60_000);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a scheduled event nothing handles, instead of stopping the clock at it later', () => {
    const r = estateFromJson({ ...base, events: [{ at: 5000, seq: 999, type: 'bogus' }] });
    expect(!r.ok && r.error.message).toBe('events: no such scheduled event as "bogus" (at 5000 ms)');
  });

  it('refuses control characters in text it would show', () => {
    const doc = structuredClone(base) as { workloads: { image: string }[] };
    doc.workloads[0].image = '\u001b[2Jwiped';
    const r = estateFromJson(doc);
    expect(!r.ok && r.error.message).toMatch(/workloads\[0\]\.image: must not contain control characters/);
  });
});

const TAPE_WORDS = ['Type', 'Enter', 'Sleep', 'Set', 'Wait', 'Wait+Screen', 'Expect', 'Ctrl+', 'Alt+', 'Shift+', 'Hide', 'Show', 'Output', 'Source', 'Sim', 'Caption', 'Marker', 'Env', 'Require', 'Screenshot', 'Copy', 'Paste', 'Down', 'Up', 'Escape', 'Tab', 'Backspace', '@', '+', '500ms', '2s', '3', '"text"', "'x'", '`y`', '/re/', '/(/', '{', '}', '#', 'Cols', 'Width', 'TypingSpeed', 'fail', 'host', 'esx-01', 'run', '"virsh list"', '\n', '\n', ' '];

describe('the tape parser, given anything', () => {
  it('never throws, and every problem has a place on a real line', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.array(fc.constantFrom(...TAPE_WORDS), { maxLength: 60 }).map((w) => w.join(' '))), (text) => {
        const t = parseTape(text, 'f.tape', { readSource: () => ({ error: 'no sources in this test' }) });
        const lines = text.split('\n').length;
        for (const p of [...t.errors, ...t.notices]) {
          expect(p.message.length).toBeGreaterThan(0);
          expect(p.pos.line).toBeGreaterThanOrEqual(1);
          expect(p.pos.line).toBeLessThanOrEqual(lines);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('plays whatever it parses without throwing', async () => {
    const safe = ['Type "2"', 'Type "j"', 'Down 2', 'Enter', 'Escape', 'Sleep 500ms', 'Type ":virsh list"', 'Tab', 'Ctrl+C', 'Type "/web"', 'Sim fail host esx-02', 'Sim recover host esx-02', 'Type "?"', 'Type "n"', 'Type "x"', 'Type "y"', 'Caption "\u001b[2J hi"', 'Type "e"', 'Type "b"', 'Type "B"', 'Type "F"'];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...safe), { maxLength: 25 }), async (lines) => {
        const r = await play(lines.join('\n'));
        if (!r.ok) expect(formatProblem(r.failure!).length).toBeGreaterThan(0);
        expect(r.cast).not.toContain('\u001b[2J hi');
      }),
      { numRuns: 30 },
    );
  });
});

describe('the theme loader, given anything', () => {
  it('never throws, and a bad theme file is skipped with a message naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hp-themes-'));
    const good = readFileSync(join(import.meta.dirname, '../../themes/dracula.json'), 'utf8');
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue().map((v) => JSON.stringify(v)), fc.string({ unit: 'binary', maxLength: 200 }), fc.tuple(fc.array(fc.nat(20), { minLength: 1, maxLength: 4 }), weird).map(([p, v]) => JSON.stringify(mutate(JSON.parse(good), p, v)))), (text) => {
        const path = join(dir, 'theme.json');
        writeFileSync(path, text);
        const r = loadThemeFile(path);
        if (!r.ok) expect(r.error).toContain(path);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the : prompt, given anything', () => {
  it('never throws on random lines, app commands with random arguments or native commands with random flags', () => {
    const words = ['theme', 'speed', 'w', 'save', 'sim', 'drs', 'tasks', 'backup', 'restore', 'replicate', 'failover', 'backups', 'virsh', 'docker', 'az', 'govc', 'Get-VM', 'Move-VM', 'virt-clone', 'vm', 'list', 'start', 'run', '-d', '--name', '-g', '-n', 'fail', 'host', 'site', 'esx-01', 'web-01', 'dc-west', '--all', '-on=false', '1e9', '-5', '"', "'", '\\', '$true', 'Standard_B1s', 'vsphere-prod', '5'];
    let ctl = controllerFor();
    let n = 0;
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 8 }).map((w) => w.join(' '))), (line) => {
        if (++n % 200 === 0) ctl = controllerFor();
        runPromptLine(ctl, line);
        const m = ctl.state.message;
        if (m) expect(m.text.length).toBeGreaterThan(0);
        ctl.estate.sim.advance(1000);
      }),
      { numRuns: 3000 },
    );
  });
});
