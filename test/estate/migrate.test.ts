// Older estate files: a version-1 file (host metrics kept by position) opens as
// the same estate a version-2 file gives, says it was converted, and the first
// save over it keeps the original whole; versions no hyperpane wrote are refused.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEstate } from '../../src/cli/open-estate.js';
import { dumpCore } from '../../src/core/dump.js';
import { estateFromJson } from '../../src/estate/file-read.js';
import { VERSION } from '../../src/estate/file-schema.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { HOST_METRIC_KEYS } from '../../src/estate/migrate.js';
import { buildDefaultEstate } from '../../src/estate/presets/default.js';
import { loadEstate, saveEstate } from '../../src/estate/store.js';

/** The file a version-1 hyperpane would have written for this estate. */
function asVersion1(file: ReturnType<typeof estateToFile>): Record<string, unknown> {
  const { hosts, ...rest } = JSON.parse(JSON.stringify(file)) as { hosts: Record<string, unknown>[] } & Record<string, unknown>;
  const hostMetrics = hosts.map((h) => HOST_METRIC_KEYS.map((k) => (h.metrics as Record<string, number> | undefined)?.[k] ?? 0));
  return { ...rest, version: 1, hosts: hosts.map(({ metrics: _, ...h }) => h), hostMetrics };
}

function ticked() {
  const estate = buildDefaultEstate(5);
  estate.sim.advance(120_000);
  return estate;
}

describe('older estate formats', () => {
  it('reads a version-1 file as the estate it was, host metrics on the right hosts', () => {
    const estate = ticked();
    const v1 = asVersion1(estateToFile(estate));
    expect((v1.hostMetrics as number[][]).some((row) => row.some((v) => v > 0))).toBe(true);
    const back = estateFromJson(v1);
    if (!back.ok) throw new Error(back.error.message);
    expect(back.value.convertedFrom).toBe(1);
    expect(dumpCore(back.value.sim)).toEqual(dumpCore(estate.sim));
    expect(back.value.sim.host('esx-01')!.cpuPct).toBe(estate.sim.host('esx-01')!.cpuPct);
    // Written again, it is the current format, with the figures on each host.
    const again = estateToFile(back.value);
    expect(again.version).toBe(VERSION);
    expect(again.hosts[0]!.metrics).toEqual(estateToFile(estate).hosts[0]!.metrics);
    expect('hostMetrics' in again).toBe(false);
  });

  it('says what is wrong with a version-1 file, by its old path', () => {
    const v1 = asVersion1(estateToFile(ticked()));
    const rows = v1.hostMetrics as number[][];
    const extra = estateFromJson({ ...v1, hostMetrics: [...rows, rows[0]] });
    expect(!extra.ok && extra.error.message).toBe(
      `hostMetrics[${rows.length}]: there is no hosts[${rows.length}] (format version 1 matches host metrics to hosts by position)`,
    );
    const words = estateFromJson({ ...v1, hostMetrics: [['busy']] });
    expect(!words.ok && words.error.message).toBe('hostMetrics[0]: expected a list of numbers (format version 1)');
    const flat = estateFromJson({ ...v1, hostMetrics: 'none' });
    expect(!flat.ok && flat.error.message).toMatch(/^hostMetrics: expected a list/);
    // Anything else wrong is reported by the schema as for a current file.
    const hosts = [...(v1.hosts as object[])];
    hosts[0] = { ...hosts[0], memory: -4 };
    const bad = estateFromJson({ ...v1, hosts });
    expect(!bad.ok && bad.error.message).toMatch(/hosts\[0\]\.memory: expected a size like 64GiB, got -4/);
  });

  it('refuses versions no hyperpane wrote, and newer ones, saying which it reads', () => {
    const file = estateToFile(buildDefaultEstate(1));
    const msg = (version: unknown) => {
      const r = estateFromJson({ ...file, version });
      return r.ok ? 'opened' : `${r.error.code}: ${r.error.message}`;
    };
    expect(msg(0)).toBe(`invalid-input: version: no hyperpane wrote format version 0; this one reads versions 1 to ${VERSION}`);
    expect(msg('2')).toBe(`invalid-input: version: expected a whole number (this hyperpane reads versions 1 to ${VERSION}), got "2"`);
    expect(msg(undefined)).toMatch(/^invalid-input: version: expected a whole number/);
    expect(msg(VERSION + 1)).toBe(
      `unsupported: this estate file is format version ${VERSION + 1}, written by a newer hyperpane; this one reads versions 1 to ${VERSION}. Upgrade hyperpane to open it.`,
    );
  });

  it('opening one says it was converted; the first save keeps the old file as FILE.v1, later saves leave it', () => {
    const d = mkdtempSync(join(tmpdir(), 'hyperpane-migrate-'));
    const path = join(d, 'lab.json');
    const original = JSON.stringify(asVersion1(estateToFile(ticked())), null, 1);
    writeFileSync(path, original);
    const opened = openEstate({ file: path });
    if (!opened.ok) throw new Error(opened.message);
    expect(opened.value.note).toBe(`${path} is in format version 1: converted; saving writes version ${VERSION} and keeps the old file as ${path}.v1`);
    const estate = opened.value.estate;
    expect(saveEstate(estate, path).ok).toBe(true);
    expect(readFileSync(`${path}.v1`, 'utf8')).toBe(original);
    expect(JSON.parse(readFileSync(path, 'utf8')).version).toBe(VERSION);
    estate.sim.advance(60_000);
    expect(saveEstate(estate, path).ok).toBe(true);
    expect(readFileSync(`${path}.v1`, 'utf8')).toBe(original);
    const reloaded = loadEstate(path);
    expect(reloaded.ok && reloaded.value.convertedFrom).toBeUndefined();
    expect(existsSync(`${path}.v2`)).toBe(false);
  });
});
