// The starting estates `hyperpane new --preset NAME` writes: each builds the same
// for the same seed, holds what its description says, and goes through a file
// unchanged.
import { describe, expect, it } from 'vitest';
import { dumpCore } from '../../src/core/dump.js';
import { estateFromJson } from '../../src/estate/file-read.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { PRESETS } from '../../src/estate/presets/index.js';

const count = (estate: ReturnType<(typeof PRESETS)['default']['build']>, kind: string) => estate.sim.workloadViews().filter((w) => w.kind === kind).length;

describe('presets', () => {
  it('are the built-in one, a small office, an enterprise, a hybrid and the scale estate', () => {
    expect(Object.keys(PRESETS).sort()).toEqual(['default', 'enterprise', 'hybrid', 'scale', 'small-office']);
  });

  it.each(['default', 'small-office', 'enterprise', 'hybrid'])('%s builds the same for a seed and survives a file', (name) => {
    const a = PRESETS[name].build(4);
    const b = PRESETS[name].build(4);
    expect(dumpCore(a.sim)).toEqual(dumpCore(b.sim));
    const loaded = estateFromJson(JSON.parse(JSON.stringify(estateToFile(a))));
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(dumpCore(loaded.value.sim)).toEqual(dumpCore(a.sim));
  });

  it('hold what they promise', () => {
    const office = PRESETS['small-office'].build(1);
    expect([office.sim.hosts.count, count(office, 'vm'), count(office, 'container'), office.sim.backups.targets.length]).toEqual([3, 5, 3, 1]);
    const ent = PRESETS.enterprise.build(1);
    expect(ent.sim.topology.sites.map((s) => s.id)).toEqual(['dc-prod', 'dc-dr']);
    expect(count(ent, 'vm') + count(ent, 'container')).toBeGreaterThanOrEqual(150);
    expect(
      ent.sim
        .workloadViews()
        .filter((w) => w.attrs.replicaOf)
        .map((w) => w.host?.startsWith('esx-d')),
    ).toEqual([true, true, true, true]);
    const hybrid = PRESETS.hybrid.build(1);
    expect([count(hybrid, 'vm'), count(hybrid, 'container'), count(hybrid, 'cloud-vm')]).toEqual([6, 4, 6]);
  });
});
