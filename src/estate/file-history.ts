// The metric rollups in an estate file (core/dump-types.ts HistoryDump): each
// host's kept minutes and hours as base64 of little-endian 16-bit hundredths of
// a percent (as the core keeps them: 2,064 bytes a host at two weeks of history,
// where JSON numbers would take three times that), the sums in progress as numbers.
import type { HistoryDump } from '../core/dump-types.js';
import type { RollupItem } from '../core/rollup.js';
import type { EstateFile } from './file-schema.js';

/** Hundredths of a percent, 16 bits each, little-endian, as base64. */
export function samplesToText(samples: readonly number[]): string {
  const bytes = Buffer.alloc(samples.length * 2);
  for (const [i, v] of samples.entries()) bytes.writeUInt16LE(Math.max(0, Math.min(65535, v | 0)), i * 2);
  return bytes.toString('base64');
}

/** The samples a text holds, or a problem. */
export function samplesFromText(text: string): number[] | string {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 2 !== 0 || bytes.toString('base64') !== text) return 'not base64 of 16-bit samples';
  return Array.from({ length: bytes.length / 2 }, (_, i) => bytes.readUInt16LE(i * 2));
}

export function historyToFile(h: HistoryDump): NonNullable<EstateFile['history']> {
  return {
    hosts: { ...h.hosts },
    workloads: { ...h.workloads },
    host: Object.fromEntries(
      Object.entries(h.host).map(([id, item]) => [
        id,
        {
          sums: [...item.sums],
          ...(item.minutes ? { minutes: samplesToText(item.minutes) } : {}),
          ...(item.coarse ? { coarse: samplesToText(item.coarse) } : {}),
        },
      ]),
    ),
    workload: Object.fromEntries(Object.entries(h.workload).map(([id, sums]) => [id, [...sums]])),
  };
}

/** The file's history as the core restores it, with what in it does not hold together. */
export function historyFromFile(f: NonNullable<EstateFile['history']>, problems: string[]): HistoryDump {
  const host: Record<string, RollupItem> = {};
  for (const [id, item] of Object.entries(f.host)) {
    const rings: { minutes?: number[]; coarse?: number[] } = {};
    for (const [level, samples] of [
      ['minutes', f.hosts.minuteSamples],
      ['coarse', f.hosts.coarseSamples],
    ] as const) {
      const text = item[level];
      if (text === undefined) continue;
      const read = samplesFromText(text);
      if (typeof read === 'string') problems.push(`history.host.${id}.${level}: ${read}`);
      else if (read.length !== samples * 2) problems.push(`history.host.${id}.${level}: holds ${read.length / 2} samples a series, the file says ${samples}`);
      else rings[level] = read;
    }
    host[id] = { sums: [...item.sums], ...rings };
  }
  return {
    hosts: { ...f.hosts },
    workloads: { ...f.workloads, minuteSamples: 0, coarseSamples: 0 },
    host,
    workload: Object.fromEntries(Object.entries(f.workload).map(([id, sums]) => [id, [...sums]])),
  };
}
