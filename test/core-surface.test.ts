// Code outside the core reads a simulation through SimulationApi (src/core/simulation-api.ts):
// its commands, views, rows and read-only lists, never the tables, ledger, metrics
// and queues behind them. Drivers are given that type, so the compiler holds them
// to it; the console, the estate, tapes and the command line hold the full
// Simulation (the estate file's reader and writer need it whole), so this test
// reads their source for a simulation's internal members by name. The internal
// names are worked out, not listed: every member of the core's Core interface
// (src/core/state.ts) that SimulationApi leaves out.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : /\.tsx?$/.test(f) ? [join(dir, f)] : []));

/**
 * Where the core's insides may be read: the core itself, and the estate file's
 * reader and writer, which turn the whole of it into a file and back (with
 * src/core/dump.ts and restore.ts).
 */
const MAY_READ_INSIDES = (path: string) => path.startsWith('core/') || /^estate\/file-[\w-]+\.ts$/.test(path);

/** The members the core's modules share (interface Core), by name. */
function coreMembers(): string[] {
  const text = readFileSync(join(SRC, 'core/state.ts'), 'utf8');
  const body = /export interface Core \{([\s\S]*?)\n\}/.exec(text)?.[1] ?? '';
  return [...body.matchAll(/^ {2}(?:readonly )?(\w+)[?(:]/gm)].map((m) => m[1]);
}

/** The members SimulationApi lets through, by name. */
function apiMembers(): Set<string> {
  const text = readFileSync(join(SRC, 'core/simulation-api.ts'), 'utf8');
  return new Set([...text.matchAll(/\| '(\w+)'/g)].map((m) => m[1]));
}

const internal = coreMembers().filter((m) => !apiMembers().has(m));
const names = internal.join('|');
/** A simulation (sim, estate.sim, this.sim, wsim(ctx), core, ...), then one of its internal members: `sim.workloads`, `wsim(c).metrics`. */
const memberAccess = new RegExp(`(?:\\b\\w*[sS]im|\\bcore)\\b\\s*(?:\\([^()]*\\))?\\s*[?!]?\\s*\\.\\s*(${names})\\b`, 'g');
/** The same taken apart: `const { workloads, hosts } = estate.sim`. */
const destructured = new RegExp(`\\{[^{}]*\\b(${names})\\b[^{}]*\\}\\s*=\\s*[\\w.()]*\\b\\w*[sS]im\\b`, 'g');

function offences(text: string): string[] {
  return [...text.matchAll(memberAccess), ...text.matchAll(destructured)].map((m) => m[0].replace(/\s+/g, ' '));
}

describe("code outside the core does not reach a simulation's insides", () => {
  it('knows the internal names from the core (a sanity check of the reader)', () => {
    expect(internal).toEqual(expect.arrayContaining(['workloads', 'hosts', 'ledger', 'metrics', 'topology', 'placer', 'clock', 'snapshots']));
    // What SimulationApi gives out is not internal.
    expect(internal).not.toContain('log');
    expect(internal).not.toContain('changed');
  });

  it('finds the accesses it forbids (a sanity check of the patterns)', () => {
    const bad = [
      'kvm.sim.workloads.memoryMiB[w]',
      'docker.sim.workloads.exitCode[docker.sim.workloads.indexOf(id)!]',
      'this.sim.metrics.hostMemState[h]',
      'sim(ctx).hosts.records[h]',
      'wsim(c).workloads.cpuPct[w]',
      'ctl.estate.sim?.placer.lastRefusal',
      'sim\n      .hosts.live()',
      'const { workloads, hosts } = estate.sim;',
    ];
    for (const line of bad) expect(offences(line), line).not.toEqual([]);
    const good = [
      'sim.workloadRow(id)!.memoryMiB',
      'this.sim.hostCursor()',
      'estate.sim.log.recent(5)',
      'kvm.hosts()',
      'azure.groups.get(name)',
      'row.snapshots.list',
    ];
    for (const line of good) expect(offences(line), line).toEqual([]);
  });

  it('no module outside the core reads them (the estate file aside)', () => {
    const found: string[] = [];
    for (const file of files(SRC)) {
      const path = relative(SRC, file);
      if (MAY_READ_INSIDES(path)) continue;
      for (const o of offences(readFileSync(file, 'utf8'))) found.push(`${path}: ${o}`);
    }
    expect(found).toEqual([]);
  });
});
