// Consolidation from an inventory of physical servers (a CSV file) rather than
// from the estate: each server becomes a host, and what it runs a VM on it with
// the server's cores, busy at its measured CPU utilisation and using its measured
// share of memory; then the allocation core plans as for any cluster
// (core/consolidate.ts): the fewest of those servers, kept as virtualisation
// hosts, that carry every workload within the target, the rest freed. The plan
// is on paper: it changes nothing in the estate.
//
// Columns, in any order, named on the first line (case aside):
//   name     the server's name
//   cores    its physical cores
//   memory   its memory: 64GiB, 65536 (MiB), 0.5TiB
//   cpu      its measured CPU utilisation, percent of all its cores (0-100)
//   mem      its memory in use, percent (0-100)
//   idle_w, max_w   (optional) its draw idle and at full load, watts: else the
//                   simulation's default linear model
// Lines may be quoted as CSV quotes them ("a, b" and "" for a quote).

import type { Consolidation } from '../core/consolidate.js';
import { MINUTE_MS } from '../core/duration.js';
import { fail, ok, type Result, Simulation } from '../core/index.js';
import { parseSizeMiB } from '../core/units.js';

export interface InventoryServer {
  readonly name: string;
  readonly cores: number;
  readonly memoryMiB: number;
  readonly cpuPct: number;
  readonly memPct: number;
  readonly power?: { readonly idleW: number; readonly maxW: number };
}

const REQUIRED = ['name', 'cores', 'memory', 'cpu', 'mem'] as const;
const OPTIONAL = ['idle_w', 'max_w'] as const;
/** More servers than a person plans from at once (a plan of 2,000 takes seconds); a larger file is refused. */
export const MAX_INVENTORY_SERVERS = 2_000;

/** One CSV line's fields (RFC 4180 quoting), or a problem. */
export function csvFields(line: string): string[] | string {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        if (i >= line.length) return 'a quoted field is not closed';
        if (line[i] === '"' && line[i + 1] === '"') {
          v += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else v += line[i++];
      }
      out.push(v.trim());
      if (i < line.length && line[i] !== ',') return 'text after a closing quote';
    } else {
      const end = line.indexOf(',', i);
      out.push(line.slice(i, end < 0 ? line.length : end).trim());
      i = end < 0 ? line.length : end;
    }
    if (i >= line.length) return out;
    i++; // the comma
  }
}

/** The servers a CSV inventory lists, or every problem in it with its line. */
export function parseInventory(text: string): Result<InventoryServer[]> {
  // A byte-order mark (PowerShell's Export-Csv writes one) is no part of the first column's name; a row of commas alone
  // (a spreadsheet's blank row) is blank.
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l, n) => ({ l, n: n + 1 }))
    .filter(({ l }) => l.replace(/[,\s]/g, '') !== '' && !l.trimStart().startsWith('#'));
  if (lines.length === 0) return fail('invalid-input', `an empty inventory: its first line names the columns (${REQUIRED.join(',')})`);
  const head = csvFields(lines[0].l);
  if (typeof head === 'string') return fail('invalid-input', `line ${lines[0].n}: ${head}`);
  // Empty cells after the last name (a trailing comma) name no column.
  while (head.length > 0 && head[head.length - 1] === '') head.pop();
  const columns = head.map((h) => h.toLowerCase());
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0)
    return fail('invalid-input', `line ${lines[0].n}: no ${missing.join(', ')} column (the columns: ${REQUIRED.join(',')}[,${OPTIONAL.join(',')}])`);
  const unknown = columns.find((c) => !(REQUIRED as readonly string[]).includes(c) && !(OPTIONAL as readonly string[]).includes(c));
  if (unknown !== undefined)
    return fail('invalid-input', `line ${lines[0].n}: no column "${unknown}" is known (the columns: ${REQUIRED.join(',')}[,${OPTIONAL.join(',')}])`);
  if (lines.length - 1 > MAX_INVENTORY_SERVERS)
    return fail('invalid-input', `${lines.length - 1} servers: an inventory of at most ${MAX_INVENTORY_SERVERS} is read`);
  const problems: string[] = [];
  const servers: InventoryServer[] = [];
  const seen = new Set<string>();
  for (const { l, n } of lines.slice(1)) {
    const fields = csvFields(l);
    if (typeof fields === 'string') {
      problems.push(`line ${n}: ${fields}`);
      continue;
    }
    while (fields.length > columns.length && fields[fields.length - 1] === '') fields.pop();
    if (fields.length !== columns.length) {
      problems.push(`line ${n}: ${fields.length} fields, the first line names ${columns.length}`);
      continue;
    }
    const get = (c: string) => fields[columns.indexOf(c)];
    const bad = (what: string) => problems.push(`line ${n}: ${what}`);
    const name = get('name');
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(name)) {
      bad(`"${name}" is not a server name (letters, digits, . _ -, up to 63)`);
      continue;
    }
    if (seen.has(name.toLowerCase())) bad(`${name} is listed twice`);
    seen.add(name.toLowerCase());
    const cores = Number(get('cores'));
    if (!Number.isInteger(cores) || cores < 1 || cores > 1024) bad(`cores is a whole number from 1 to 1024, not "${get('cores')}"`);
    const memoryMiB = parseSizeMiB(/^\d+(\.\d+)?$/.test(get('memory')) ? `${get('memory')}MiB` : get('memory'));
    if (memoryMiB === null || memoryMiB < 256 || memoryMiB > 64 * 1024 * 1024) bad(`memory is a size such as 64GiB (256MiB to 64TiB), not "${get('memory')}"`);
    const pct = (c: string) => {
      const v = Number(get(c).replace(/%$/, ''));
      if (get(c) === '' || !Number.isFinite(v) || v < 0 || v > 100) {
        bad(`${c} is a percent from 0 to 100, not "${get(c)}"`);
        return 0;
      }
      return v;
    };
    const cpuPct = pct('cpu');
    const memPct = pct('mem');
    let power: InventoryServer['power'];
    const idleText = columns.includes('idle_w') ? get('idle_w') : '';
    const maxText = columns.includes('max_w') ? get('max_w') : '';
    // Both blank: the simulation's default power model; one alone is a mistake.
    if (idleText !== '' || maxText !== '') {
      const idleW = Number(idleText);
      const maxW = Number(maxText);
      if (idleText === '' || maxText === '') bad('idle_w and max_w come together');
      else if (!(Number.isFinite(idleW) && Number.isFinite(maxW) && idleW >= 0 && maxW >= idleW && maxW <= 100_000))
        bad(`idle_w and max_w are watts with idle_w <= max_w, not "${get('idle_w')}" and "${get('max_w')}"`);
      else power = { idleW, maxW };
    }
    servers.push({ name, cores, memoryMiB: memoryMiB ?? 0, cpuPct, memPct, ...(power ? { power } : {}) });
  }
  if (problems.length > 0) return fail('invalid-input', problems.length === 1 ? problems[0] : `${problems.length} problems: ${problems.join('; ')}`);
  if (servers.length === 0) return fail('invalid-input', 'the inventory lists no server (only its first line)');
  return ok(servers);
}

/** The site, cluster and shared store the servers are put in to be planned. */
export const INVENTORY_CLUSTER = 'inventory';

/**
 * The consolidation of the servers onto the fewest of them within `targetPct`:
 * each server a host (no admission limit of its own: the plan's target bounds
 * it), its workload a VM of its cores using its measured CPU and memory, on a
 * store every host mounts (so any may move); two minutes run so each has its
 * minute average, then core/consolidate.ts plans.
 */
export function planInventory(servers: readonly InventoryServer[], targetPct: number): Result<Consolidation> {
  const sim = new Simulation({ name: 'inventory', seed: 1 });
  const must = <T>(r: Result<T>, what: string): T | string => (r.ok ? r.value : `${what}: ${r.error.message}`);
  const problem = (x: unknown) => (typeof x === 'string' ? x : undefined);
  const steps = [
    () => must(sim.addSite({ id: INVENTORY_CLUSTER, kind: 'datacenter' }), 'site'),
    () => must(sim.addCluster({ id: INVENTORY_CLUSTER, site: INVENTORY_CLUSTER, platform: 'kvm' }), 'cluster'),
  ];
  for (const step of steps) {
    const p = problem(step());
    if (p) return fail('invalid-input', p);
  }
  const disk = 10_240;
  for (const s of servers) {
    const p = problem(
      must(
        sim.addHost({
          id: s.name,
          cluster: INVENTORY_CLUSTER,
          cores: s.cores,
          memoryMiB: s.memoryMiB,
          storageMiB: disk,
          ratios: { cpu: Number.POSITIVE_INFINITY, memory: Number.POSITIVE_INFINITY },
          reserved: { cpuMilli: 0, memoryMiB: 0, storageMiB: 0 },
          ...(s.power ? { power: s.power } : {}),
        }),
        s.name,
      ),
    );
    if (p) return fail('invalid-input', p);
  }
  const store = must(sim.addDatastore({ id: 'shared', medium: 'nas', clusters: [INVENTORY_CLUSTER], capacityMiB: disk * servers.length * 2 }), 'store');
  if (typeof store === 'string') return fail('invalid-input', store);
  for (const s of servers) {
    const created = must(
      sim.createWorkload({
        id: s.name,
        platform: 'kvm',
        host: s.name,
        cpuMilli: s.cores * 1000,
        memoryMiB: s.memoryMiB,
        diskMiB: disk,
        initialState: 'running',
        datastore: { id: 'shared', format: 'thin' },
      }),
      s.name,
    );
    if (typeof created === 'string') return fail('invalid-input', created);
    // A steady load at the measured level; active memory at the measured share (at least a sliver: 0 means "not given" to setLoad).
    const loaded = sim.setLoad(s.name, s.cpuPct / 100, Math.max(0.001, s.memPct / 100));
    if (!loaded.ok) return fail('invalid-input', `${s.name}: ${loaded.error.message}`);
  }
  sim.advance(2 * MINUTE_MS);
  // The CPU each server was measured to use, as given: the simulation would give a VM as large as its host a little less.
  return sim.planConsolidation(INVENTORY_CLUSTER, targetPct, new Map(servers.map((s) => [s.name, s.cores * 10 * s.cpuPct])));
}
