// The metric history in an estate file (core/dump-types.ts HistoryDump): each
// host's and workload's tick samples (seconds: the sparklines), each host's kept
// minutes and hours, each workload's minutes and ten-minute points, as
// base64 of little-endian 16-bit hundredths of a percent (as the core keeps them:
// 2,064 bytes a host at two weeks of history, 816 a workload at a day, where JSON
// numbers would take three times that), the sums in progress as numbers.
import { endianness } from 'node:os';
import type { HistoryDump, HistoryItem } from '../core/dump-types.js';
import { HOST_HISTORY_LENGTH, HOST_SERIES, WORKLOAD_HISTORY_LENGTH, WORKLOAD_SERIES } from '../core/metrics.js';
import { HOST_HOURS, HOST_MINUTES, WORKLOAD_MINUTES, WORKLOAD_TEN_MINUTES } from '../core/rollup.js';
import type { EstateFile } from './file-schema.js';

/** Hundredths of a percent, 16 bits each, little-endian, as base64. */
export function samplesToText(samples: ArrayLike<number>): string {
  // The core's own typed samples go out as they lie in memory where that is little-endian (a copy and a
  // write per sample were a second of saving a day's history at 100,000 workloads).
  if (samples instanceof Uint16Array && LITTLE_ENDIAN) return Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength).toString('base64');
  const bytes = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) bytes.writeUInt16LE(Math.max(0, Math.min(65535, samples[i] | 0)), i * 2);
  return bytes.toString('base64');
}

const LITTLE_ENDIAN = endianness() === 'LE';

/** The samples a text holds, or a problem. */
export function samplesFromText(text: string): Uint16Array | string {
  // Buffer.from skips what is not base64, so a text is taken only if it is what writing its bytes gives back
  // (a pattern test of every text was most of reading a day's history at 100,000 workloads).
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 2 !== 0 || bytes.toString('base64') !== text) return 'not base64 of 16-bit samples';
  const out = new Uint16Array(bytes.length / 2);
  if (LITTLE_ENDIAN) new Uint8Array(out.buffer).set(bytes);
  else for (let i = 0; i < out.length; i++) out[i] = bytes.readUInt16LE(i * 2);
  return out;
}

export function historyToFile(h: HistoryDump): NonNullable<EstateFile['history']> {
  return {
    hosts: { ...h.hosts },
    workloads: { ...h.workloads },
    host: Object.fromEntries(Object.entries(h.host).map(([id, item]) => [id, itemToFile(item)])),
    workload: Object.fromEntries(Object.entries(h.workload).map(([id, item]) => [id, itemToFile(item)])),
  };
}

function itemToFile(item: HistoryItem): ItemInFile {
  return {
    sums: [...item.sums],
    ...(item.ticks ? { ticks: samplesToText(item.ticks) } : {}),
    ...(item.minutes ? { minutes: samplesToText(item.minutes) } : {}),
    ...(item.coarse ? { coarse: samplesToText(item.coarse) } : {}),
  };
}

type ItemInFile = NonNullable<EstateFile['history']>['host'][string];
type LevelsInFile = NonNullable<EstateFile['history']>['hosts'];

/** One host's or workload's part as the core takes it back, its samples checked against the counts the file gives for its kind. */
function itemFromFile(where: string, item: ItemInFile, kept: LevelsInFile, tickSeries: number, problems: string[]): HistoryItem {
  const rings: { ticks?: Uint16Array; minutes?: Uint16Array; coarse?: Uint16Array } = {};
  for (const [level, samples, series] of [
    ['ticks', kept.tickSamples ?? 0, tickSeries],
    ['minutes', kept.minuteSamples, 2],
    ['coarse', kept.coarseSamples, 2],
  ] as const) {
    const text = item[level];
    if (text === undefined) continue;
    const read = samplesFromText(text);
    if (typeof read === 'string') problems.push(`${where}.${level}: ${read}`);
    else if (read.length !== samples * series) problems.push(`${where}.${level}: holds ${read.length / series} samples a series, the file says ${samples}`);
    else rings[level] = read;
  }
  return { sums: [...item.sums], ...rings };
}

/** The file's history as the core restores it, with what in it does not hold together. A workload's entry was its sums alone before its samples were kept. */
export function historyFromFile(f: NonNullable<EstateFile['history']>, problems: string[]): HistoryDump {
  // A count past what a ring holds would lay the series over each other on reading.
  for (const [kind, levels, rings] of [
    ['hosts', f.hosts, { tickSamples: HOST_HISTORY_LENGTH, minuteSamples: HOST_MINUTES, coarseSamples: HOST_HOURS }],
    ['workloads', f.workloads, { tickSamples: WORKLOAD_HISTORY_LENGTH, minuteSamples: WORKLOAD_MINUTES, coarseSamples: WORKLOAD_TEN_MINUTES }],
  ] as const)
    for (const [level, most] of Object.entries(rings) as [keyof typeof rings, number][])
      if ((levels[level] ?? 0) > most) problems.push(`history.${kind}.${level}: ${levels[level]}, more than the ${most} kept`);
  return {
    hosts: { ...f.hosts },
    workloads: { ...f.workloads },
    host: Object.fromEntries(Object.entries(f.host).map(([id, item]) => [id, itemFromFile(`history.host.${id}`, item, f.hosts, HOST_SERIES.length, problems)])),
    workload: Object.fromEntries(
      Object.entries(f.workload).map(([id, item]) => [
        id,
        Array.isArray(item) ? { sums: [...item] } : itemFromFile(`history.workload.${id}`, item, f.workloads, WORKLOAD_SERIES.length, problems),
      ]),
    ),
  };
}
