// The metric history an estate file keeps: each workload's seconds, minutes and
// ten-minute points (what sparklines and right-sizing read) go with it, so a reloaded estate advises the
// same and rolls its next points up as the original does; files written before
// the samples were kept (a workload's sums alone) still load.
import { describe, expect, it } from 'vitest';
import { estateFromJson } from '../../src/estate/file-read.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { buildDefaultEstate } from '../../src/estate/presets/default.js';
import { rightSizeReport } from '../../src/observe/rightsize.js';

const MIN = 60_000;

function reload(e: ReturnType<typeof buildDefaultEstate>) {
  const file = JSON.parse(JSON.stringify(estateToFile(e)));
  const copy = estateFromJson(file);
  if (!copy.ok) throw new Error(copy.error.message);
  return { file, copy: copy.value };
}

describe('workload history in estate files', () => {
  it('keeps each workload’s minutes and ten-minute points, so right-sizing advises the same after a reload', () => {
    const e = buildDefaultEstate(1);
    const before = e.sim.workloadRow('web-01')!.history('cpu', 'coarse').length;
    e.sim.advance(45 * MIN + 20_000);
    const { copy } = reload(e);
    for (const series of ['cpu', 'memory'] as const)
      for (const res of ['tick', 'minute', 'coarse'] as const)
        expect(copy.sim.workloadRow('web-01')!.history(series, res)).toEqual(e.sim.workloadRow('web-01')!.history(series, res));
    expect(e.sim.workloadRow('web-01')!.history('cpu', 'coarse')).toHaveLength(before + 4);
    expect(rightSizeReport(copy.sim)).toEqual(rightSizeReport(e.sim));
    // A host's seconds too (its sparklines), each of its four series.
    for (const series of ['cpu', 'memory', 'ready', 'pressure'] as const)
      expect(copy.sim.hostRow('esx-01')!.history(series, 'tick')).toEqual(e.sim.hostRow('esx-01')!.history(series, 'tick'));
    expect(e.sim.hostRow('esx-01')!.history('cpu', 'tick').length).toBeGreaterThan(50);
    // The ten-minute point in progress closes the same in both.
    for (const x of [e, copy]) x.sim.advance(20 * MIN);
    expect(copy.sim.workloadRow('app-01')!.history('cpu', 'coarse')).toEqual(e.sim.workloadRow('app-01')!.history('cpu', 'coarse'));
    expect(copy.sim.workloadRow('app-01')!.history('cpu', 'tick')).toEqual(e.sim.workloadRow('app-01')!.history('cpu', 'tick'));
  });

  it('reads a file written before the samples were kept: the sums go back, the kept points start again', () => {
    const e = buildDefaultEstate(1);
    e.sim.advance(15 * MIN + 20_000);
    const { file } = reload(e);
    file.history.workloads.minuteSamples = 0;
    file.history.workloads.coarseSamples = 0;
    for (const [id, item] of Object.entries(file.history.workload as Record<string, { sums: number[] }>)) file.history.workload[id] = item.sums;
    const old = estateFromJson(file);
    if (!old.ok) throw new Error(old.error.message);
    expect(old.value.sim.workloadRow('web-01')!.history('cpu', 'minute')).toEqual([]);
    old.value.sim.advance(MIN);
    expect(old.value.sim.workloadRow('web-01')!.history('cpu', 'minute')).toHaveLength(1);
  });

  it('refuses more samples than a ring holds (they would lay one series over another)', () => {
    const e = buildDefaultEstate(1);
    e.sim.advance(3 * MIN);
    const { file } = reload(e);
    file.history.workloads.tickSamples = 120;
    const bad = estateFromJson(file);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('history.workloads.tickSamples: 120, more than the 60 kept');
  });

  it('says what is wrong with a workload’s damaged samples', () => {
    const e = buildDefaultEstate(1);
    e.sim.advance(3 * MIN);
    const { file } = reload(e);
    const kept = file.history.workloads.minuteSamples;
    file.history.workload['web-01'].minutes = 'AAAAAA==';
    const bad = estateFromJson(file);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain(`history.workload.web-01.minutes: holds 1 samples a series, the file says ${kept}`);
  });
});
