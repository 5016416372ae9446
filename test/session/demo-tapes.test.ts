// Every tape in demo/ (the tour and the screencasts) passes --check and plays to
// the end with all its Expects holding, at its own size no caption covers a box
// or names a column that is not on the screen (captions.ts), and the tour covers
// what it promises.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pinChalkLevel } from '../../src/session/play/colours.js';
import { playTape } from '../../src/session/play/player.js';
import { formatProblem } from '../../src/session/tape/ast.js';
import { checkTape } from '../../src/session/tape/check.js';
import { loadTape } from '../../src/session/tape/load.js';
import { captionProblems } from './captions.js';
import { builtInThemes, DEMO_DIR } from './helpers.js';

const tapes = readdirSync(DEMO_DIR)
  .filter((f) => f.endsWith('.tape'))
  .sort();

describe('the demo tapes', () => {
  it('include the tour, the four screencasts, and one per day-2 operation', () => {
    expect(tapes).toEqual(
      expect.arrayContaining(['tour.tape', 'failover-drill.tape', 'consolidation.tape', 'containers-vs-vms.tape', 'cloud-cost.tape', 'kubernetes.tape']),
    );
    expect(tapes).toEqual(
      expect.arrayContaining([
        'snapshots.tape',
        'clones.tape',
        'live-migration.tape',
        'maintenance.tape',
        'balancing.tape',
        'site-failover.tape',
        'overcommit.tape',
        'thin-provisioning.tape',
        'least-privilege.tape',
        'security-posture.tape',
      ]),
    );
  });

  it.each(tapes)('%s passes --check and plays with every Expect holding, its captions covering nothing', async (name) => {
    const loaded = loadTape(join(DEMO_DIR, name));
    if ('error' in loaded) throw new Error(loaded.error);
    const themes = builtInThemes();
    const checked = checkTape(loaded.tape, DEMO_DIR, themes.names());
    expect(checked.errors.map(formatProblem)).toEqual([]);
    expect(checked.notices.map(formatProblem)).toEqual([]);
    await pinChalkLevel();
    const problems: string[] = [];
    const r = await playTape(loaded.tape, {
      tapeDir: DEMO_DIR,
      outputs: { root: DEMO_DIR, force: false },
      themes,
      writeFiles: false,
      record: 'demo.cast',
      recordOnlyInMemory: true,
      observe: (c, s) => {
        problems.push(...captionProblems(s, String(c.pos.line)));
      },
    });
    expect(r.ok, r.failure && `${formatProblem(r.failure)}\n${r.failure.screen.join('\n')}`).toBe(true);
    expect([...new Set(problems)]).toEqual([]);
    expect(r.notices.map(formatProblem)).toEqual([]);
    expect(loaded.tape.commands.filter((c) => c.kind === 'expect' || c.kind === 'wait').length).toBeGreaterThanOrEqual(4);
  });

  it('the tour teaches what it says, chapter by chapter', () => {
    const text = readFileSync(join(DEMO_DIR, 'tour.tape'), 'utf8');
    const markers = [...text.matchAll(/^Marker "(.+)"$/gm)].map((m) => m[1]);
    expect(markers).toEqual([
      'The estate',
      'A VM and a container start',
      'Overcommit',
      'Snapshot and revert',
      'Live migration',
      'A host fails',
      'Cloud billing',
      'Containers at scale',
      'Capacity and alarms',
      'Native commands',
    ]);
    for (const word of ['virsh', 'docker', 'az vm', 'govc', 'kubectl']) expect(text).toContain(`:${word}`);
  });
});
