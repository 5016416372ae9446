// hyperpane --summary lines its columns up as the console does: by terminal
// columns (string-width), so a host or cluster with a wide name (東京 takes two)
// keeps the columns after it straight.
import stringWidth from 'string-width';
import { expect, it } from 'vitest';
import { gib, tib } from '../../src/core/units.js';
import { estateSummary } from '../../src/estate/summary.js';
import { defaultEstate } from '../default-estate.js';

it('keeps its columns straight after a wide host and cluster name', () => {
  const e = defaultEstate(1);
  expect(e.sim.addCluster({ id: '東京-lab', site: 'dc-west', platform: 'kvm' }).ok).toBe(true);
  expect(e.sim.addHost({ id: '東京-01', cluster: '東京-lab', cores: 16, memoryMiB: gib(64), storageMiB: tib(1) }).ok).toBe(true);
  const lines = estateSummary(e).split('\n');
  const header = lines.find((l) => l.startsWith('HOST'))!;
  const tokyo = lines.find((l) => l.startsWith('東京-01'))!;
  const column = (line: string, word: string) => stringWidth(line.slice(0, line.indexOf(word)));
  expect(column(tokyo, '東京-lab')).toBe(column(header, 'CLUSTER'));
  expect(column(tokyo, 'connected')).toBe(column(header, 'STATE'));
  expect(column(tokyo, '0 vCPU')).toBe(column(header, 'ALLOCATED'));
});
