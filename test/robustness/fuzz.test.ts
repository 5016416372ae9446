// Hostile and random input in-process: the estate loader's refusals of what it
// must never run, the player, and the : prompt never throw; everything they
// refuse comes back with a message. (The readers of files take 10,000 cases each
// in hostile-inputs.test.ts, in worker threads with time and memory bounds.)

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estateFromJson } from '../../src/estate/file-read.js';
import { formatProblem } from '../../src/session/tape/ast.js';
import { runPromptLine } from '../../src/ui/input/prompt-commands.js';
import { DEMO_DIR, play } from '../session/helpers.js';
import { controllerFor } from '../ui/helpers.js';

const base = JSON.parse(readFileSync(join(DEMO_DIR, 'two-sites.json'), 'utf8')) as Record<string, unknown>;

describe('the estate loader, given anything', () => {
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

describe('the tape player, given anything', () => {
  it('plays whatever it parses without throwing', async () => {
    const safe = [
      'Type "2"',
      'Type "j"',
      'Down 2',
      'Enter',
      'Escape',
      'Sleep 500ms',
      'Type ":virsh list"',
      'Tab',
      'Ctrl+C',
      'Type "/web"',
      'Sim fail host esx-02',
      'Sim recover host esx-02',
      'Type "?"',
      'Type "n"',
      'Type "x"',
      'Type "y"',
      'Caption "\u001b[2J hi"',
      'Type "e"',
      'Type "b"',
      'Type "B"',
      'Type "F"',
    ];
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

describe('the : prompt, given anything', () => {
  it('never throws on random lines, app commands with random arguments or native commands with random flags', () => {
    const words = [
      'theme',
      'speed',
      'w',
      'save',
      'sim',
      'drs',
      'tasks',
      'backup',
      'restore',
      'replicate',
      'failover',
      'backups',
      'virsh',
      'docker',
      'az',
      'govc',
      'Get-VM',
      'Move-VM',
      'virt-clone',
      'vm',
      'list',
      'start',
      'run',
      '-d',
      '--name',
      '-g',
      '-n',
      'fail',
      'host',
      'site',
      'esx-01',
      'web-01',
      'dc-west',
      '--all',
      '-on=false',
      '1e9',
      '-5',
      '"',
      "'",
      '\\',
      '$true',
      'Standard_B1s',
      'vsphere-prod',
      '5',
    ];
    let ctl = controllerFor();
    let n = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 8 }).map((w) => w.join(' ')),
        ),
        (line) => {
          if (++n % 200 === 0) ctl = controllerFor();
          runPromptLine(ctl, line);
          const m = ctl.state.message;
          if (m) expect(m.text.length).toBeGreaterThan(0);
          ctl.estate.sim.advance(1000);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
