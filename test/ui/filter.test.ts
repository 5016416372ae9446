// Filtering and sorting a pane's rows.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../src/ui/filter.js';
import { paneDef } from '../../src/ui/panes/index.js';
import { listRows, naturalKey } from '../../src/ui/rows.js';
import { sharedEstate } from './helpers.js';

const estate = sharedEstate();
const ctx = { estate, events: estate.sim.log.recent(estate.sim.log.size) };
const vms = paneDef('vms');
const names = (filter: string, sort?: { column: string; desc: boolean }) =>
  listRows(ctx, vms, filter, sort).rows.map((w) => estate.sim.workloads.records[w].name);

describe('filter', () => {
  it('matches substrings without regard to case', () => {
    expect(names('WEB')).toEqual(['web-01', 'web-02', 'web-03']);
  });

  it('reads /regex/, and ! inverts', () => {
    expect(names('/^web-0[12]$/')).toEqual(['web-01', 'web-02']);
    expect(names('!vSphere').some((n) => n.startsWith('web'))).toBe(false);
  });

  it('matches field:value exactly, with * as a wildcard and /re/ values', () => {
    expect(names('host:esx-01')).toEqual(['web-01', 'app-02']);
    expect(names('host:esx-0*').length).toBe(8);
    expect(names('host:/kvm-0[12]/')).toEqual(['ci-runner-01', 'ci-runner-02']);
    expect(names('state:running').length).toBe(names('').length);
    expect(names('!state:running')).toEqual([]);
  });

  it('needs every term to hold', () => {
    expect(names('provider:kvm host:kvm-03')).toEqual(['monitoring', 'dev-01', 'dockervm-01']);
  });

  it('says what is wrong and filters nothing when it cannot read a filter', () => {
    const bad = listRows(ctx, vms, 'colour:red', undefined);
    expect(bad.filterError).toMatch(/^no field "colour" in VMs \(fields: name, id, state, host/);
    expect(bad.rows.length).toBe(bad.total);
    const re = compileFilter('/web[/', vms);
    expect(re.ok).toBe(false);
    expect(!re.ok && re.error).toMatch(/^not a regular expression: \/web\[\//);
    expect(compileFilter('/web', vms)).toEqual({ ok: false, error: 'a regular expression needs a closing slash: /web/' });
  });
});

describe('sort', () => {
  it('sorts names naturally and numbers numerically, in either direction, ties in table order', () => {
    expect(names('web', { column: 'name', desc: true })).toEqual(['web-03', 'web-02', 'web-01']);
    const mem = listRows(ctx, vms, '', { column: 'mem', desc: true }).rows.map((w) => estate.sim.workloads.memoryMiB[w]);
    expect(mem).toEqual([...mem].sort((a, b) => b - a));
    expect(naturalKey('esx-9') < naturalKey('esx-10')).toBe(true);
  });
});

describe('natural sort keys', () => {
  it('pad every run of digits to 12 as the regex did, whatever the text', () => {
    const byRegex = (t: string) => t.toLowerCase().replace(/\d+/g, (d) => d.padStart(12, '0'));
    fc.assert(
      fc.property(fc.stringMatching(/^[a-zA-Z0-9\-. ]{0,30}$/), (t) => {
        expect(naturalKey(t)).toBe(byRegex(t));
      }),
      { numRuns: 500 },
    );
    for (const t of ['', '7', 'a1b22c333', '1234567890123x', 'x000000000001', 'web-01', '٣']) expect(naturalKey(t)).toBe(byRegex(t));
  });
});
