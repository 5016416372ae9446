// The policy point holds on every path a command can take (keys, the prompt,
// exec's lines, a tape's Sim and Set User): for a user with no right at all,
// whatever they try in whatever order leaves the estate as it was, and each try
// refused is in the audit trail as refused, none as a change. For the estate's
// administrator, the audit trail holds exactly one entry per line that changed
// the estate.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Estate } from '../../src/estate/estate.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { runSim } from '../../src/estate/scenario/run.js';
import { runLine } from '../../src/estate/script.js';
import { KEY_COMMANDS } from '../../src/ui/input/commands.js';
import { COMMANDS } from '../../src/ui/keymap.js';
import { defaultEstate } from '../default-estate.js';
import { LOOKING, MUTATING } from '../providers/native-lines.js';
import { controllerFor, press, prompt } from '../ui/helpers.js';

/** The estate as its file keeps it, but for the audit trail (which a refusal adds to). */
function text(e: Estate): string {
  const f = estateToFile(e);
  if (f.access) delete f.access.audit;
  return JSON.stringify(f);
}

/** Every changing native line that needs no setting up first, and hyperpane's own changing lines. */
const LINES = [
  ...Object.values(MUTATING)
    .flat()
    .filter((c): c is string => typeof c === 'string'),
  'user add mallory --groups Administrators',
  'localgroup add * docker nobody',
  'govc permissions.set -principal nobody -role Admin /',
  'az role assignment create --assignee nobody --role Owner --scope /subscriptions/00000000-0000-0000-0000-000000000000',
  'lb create web --vip 10.10.0.100:80 --server web-01:80',
  'as administrator',
];
const APP_LINES = ['drs vsphere-prod', 'backup web-01', 'sim fail host esx-01', 'sim recover host esx-01', 'as administrator'];
const SIMS = [
  ['fail', 'host', 'esx-01'],
  ['fail', 'host', 'kvm-01'],
  ['fail', 'site', 'dc-east'],
];
const CHANGING_KEYS = COMMANDS.filter((c) => KEY_COMMANDS[c.id].changes).map((c) => c.keys[0]);

const step = fc.oneof(
  fc.record({ path: fc.constant('key' as const), pane: fc.constantFrom('1', '2', '3', '4'), row: fc.nat(7), key: fc.constantFrom(...CHANGING_KEYS) }),
  fc.record({ path: fc.constant('prompt' as const), line: fc.constantFrom(...LINES, ...APP_LINES) }),
  fc.record({ path: fc.constant('exec' as const), line: fc.constantFrom(...LINES) }),
  fc.record({ path: fc.constant('sim' as const), words: fc.constantFrom(...SIMS) }),
  fc.record({ path: fc.constant('set-user' as const), user: fc.constantFrom('administrator', 'nobody') }),
);

describe('the policy point', () => {
  it('lets a user with no right change nothing, by any path, in any order; the audit trail holds each refusal and no change', () => {
    const base = defaultEstate(1);
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        const estate = defaultEstate(1);
        const access = estate.providers.access;
        access.users.set('nobody', { name: 'nobody', groups: [] });
        access.changed();
        expect(access.signIn('nobody')).toBeUndefined();
        const before = text(estate);
        const ctl = controllerFor(estate);
        for (const s of steps) {
          if (s.path === 'key') {
            press(ctl, 'escape', 'escape', s.pane, 'g', ...Array<string>(s.row).fill('j'), s.key);
            // Whatever would confirm a dialog, choose in a picker or submit a form.
            press(ctl, 'y', 'enter', 'enter', 'escape', 'escape');
          } else if (s.path === 'prompt') prompt(ctl, s.line);
          else if (s.path === 'exec') runLine(estate, s.line);
          else if (s.path === 'sim') expect(runSim(estate, s.words)).toMatch(/^permission denied: nobody/);
          else if (s.user === 'administrator') expect(access.actAs(s.user)).toMatch(/may not act as administrator/);
          else expect(access.actAs(s.user)).toBeUndefined();
          expect(access.actor).toBe('nobody');
        }
        expect(text(estate)).toBe(before);
        expect(access.audit.entries.filter((e) => e.changed)).toEqual([]);
        expect(access.audit.entries.every((e) => e.user === 'nobody' && e.result === 'denied')).toBe(true);
      }),
      { numRuns: 25 },
    );
    expect(base.providers.access.audit.entries).toEqual([]);
  });

  it("writes one audit entry for each line of the administrator's that changes the estate, and none for one that only looks", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LINES.filter((l) => !l.startsWith('as ')), ...LOOKING), { minLength: 1, maxLength: 10 }), (lines) => {
        const estate = defaultEstate(1);
        const trail = estate.providers.access.audit;
        let changes = 0;
        for (const line of lines) {
          const had = trail.count;
          const r = runLine(estate, line);
          if (r.changed && !/^sleep\b/.test(line)) changes++;
          expect(trail.count - had, line).toBe(r.changed ? 1 : 0);
          if (r.changed) expect(trail.entries[trail.entries.length - 1]).toMatchObject({ user: 'administrator', command: line, changed: true });
        }
        expect(trail.entries.filter((e) => e.changed).length).toBe(changes);
        expect(new Set(trail.entries.map((e) => e.correlationId)).size).toBe(trail.entries.length);
      }),
      { numRuns: 25 },
    );
  });
});
