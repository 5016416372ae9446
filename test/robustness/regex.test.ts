// Patterns built to make a backtracking regex engine run for ever, in every place
// a user writes one: a tape's Wait and Expect, the console's /filter/ and
// field:wildcard, PowerShell's -Name wildcards. On JavaScript's engine each of
// these hung (exponential or high-polynomial backtracking); on RE2 and a
// two-pointer wildcard walk they answer at once.
import { describe, expect, it } from 'vitest';
import { compileUserRegex } from '../../src/core/regex.js';
import { wildcardMatch } from '../../src/core/wildcard.js';
import { runLine } from '../../src/estate/script.js';
import { defaultEstate } from '../default-estate.js';
import { play } from '../session/helpers.js';
import { controllerFor } from '../ui/helpers.js';

const LONG = 'a'.repeat(60);

describe('catastrophic patterns', () => {
  it("Wait and Expect: /(a+)+$/ against a line of a's fails in an instant", async () => {
    const r = await play(`Type ":${LONG}!"\nExpect /(a+)+$/`);
    expect(r.ok).toBe(false);
    expect(r.failure!.message).toBe('Expect /(a+)+$/ did not match the screen');
    const w = await play(`Type ":${LONG}!"\nWait@1s /^(a|aa)+$/`);
    expect(w.failure!.message).toBe('Wait /^(a|aa)+$/ timed out after 1s');
  });

  it('the console filter: a regex and a many-starred wildcard over long names', () => {
    const estate = defaultEstate(1);
    expect(runLine(estate, `docker run -d --name ${LONG}-x nginx:1.27`).exitCode).toBe(0);
    const ctl = controllerFor(estate);
    ctl.press('3', '3');
    for (const filter of ['/^(a+)+$/', '/^(a|a)*$/', `name:${'*a'.repeat(20)}*b`]) {
      ctl.press('/', '/');
      for (const ch of filter) ctl.press(ch, ch);
      ctl.press('enter');
      expect(ctl.rows().rows, filter).toEqual([]);
      ctl.press('escape');
    }
  });

  it('PowerShell -Name wildcards', () => {
    const estate = defaultEstate(1);
    expect(runLine(estate, `New-VM -Name ${LONG} -MemoryStartupBytes 1GB`).exitCode).toBe(0);
    const r = runLine(estate, `Get-VM -Name '${'*a'.repeat(25)}*b'`);
    // A pattern that matches nothing is no error (taliesins/terraform-provider-hyperv#32).
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([0, '', '']);
    expect(runLine(estate, `Get-VM -Name 'A*A?'`).stdout).toContain(LONG);
  });

  it('wildcards: * any run, ? one character, nothing else special', () => {
    expect(wildcardMatch('esx-0*', 'esx-02')).toBe(true);
    expect(wildcardMatch('esx-0?', 'esx-10')).toBe(false);
    expect(wildcardMatch('*-0?', 'esx-02')).toBe(true);
    expect(wildcardMatch('a.b', 'axb')).toBe(false);
    expect(wildcardMatch('ESX*', 'esx-01', { ignoreCase: true })).toBe(true);
    expect(wildcardMatch('*', '')).toBe(true);
    expect(wildcardMatch('?', '')).toBe(false);
    expect(wildcardMatch('a?', 'a?', { question: false })).toBe(true);
  });

  it('a pattern longer than any screen needs is refused with its length', () => {
    expect(compileUserRegex('a'.repeat(1001))).toEqual({ ok: false, error: 'a regular expression of at most 1000 characters, got 1001' });
  });
});

describe('parsing grows with its input, no faster', () => {
  it('one docker run with 40,000 -e flags (copying the list at each flag took 90 s)', () => {
    const estate = defaultEstate(1);
    const line = `docker run -d --name many ${Array.from({ length: 40_000 }, (_, i) => `-e V${i}=x`).join(' ')} nginx:1.27`;
    const r = runLine(estate, line);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(runLine(estate, 'docker ps -a').stdout).toContain('many');
  });
});

describe('wildcards against the regex they replaced', () => {
  it('agree on any pattern and text, stars in the text included', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', '*', '?', '.'), maxLength: 8 }),
        fc.string({ unit: fc.constantFrom('a', 'b', '*', '?', '.'), maxLength: 10 }),
        (pattern, text) => {
          const re = new RegExp(
            `^${pattern
              .replace(/[.+^${}()|[\]\\]/g, '\\$&')
              .replace(/\*/g, '.*')
              .replace(/\?/g, '.')}$`,
            'si',
          );
          expect(wildcardMatch(pattern, text, { ignoreCase: true }), `${pattern} ~ ${text}`).toBe(re.test(text));
        },
      ),
      { numRuns: 5000 },
    );
  });
});
