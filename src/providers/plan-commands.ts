// hyperpane's own planning commands, answered by the registry like any line (so
// the prompt, exec, tapes and `hyperpane report` all print the same):
//   capacity [--size 2x4GiB]          each cluster's capacity, trend, time left and fit
//   rightsize                         each workload's advice, with its working
//   power                             each site's power, energy and cost; the cloud's bill
//   consolidate CLUSTER [--target P] [--apply]   a plan to free hosts, and its moves
// Each takes --format text|md|csv|json.

import { formatDurationMs } from '../core/duration.js';
import { type Consolidation, DEFAULT_TARGET_PCT, formatCpu, formatMiB, parseSizeMiB, type SimulationApi, type Site } from '../core/index.js';
import { type ClusterCapacity, capacityReport, fitMore, headroomUse, siteCapacity } from '../observe/capacity.js';
import { HOURS_PER_MONTH, monthlyCost, powerReport } from '../observe/energy.js';
import { parseInventory, planInventory } from '../observe/inventory.js';
import { rightSizeReport } from '../observe/rightsize.js';
import { failure, output } from './exec-result.js';
import { type Format, formatTable, takeFormat } from './plan-format.js';
import type { ExecResult } from './provider.js';

export const PLAN_COMMANDS = ['capacity', 'rightsize', 'power', 'consolidate'] as const;

export const PLAN_USAGE = `usage:
  capacity [--size VCPUSxMEMORY] [--format text|md|csv|json]   (--size 2x4GiB: how many more such VMs fit)
  rightsize [--format ...]
  power [--format ...]
  consolidate CLUSTER [--target PERCENT] [--apply] [--format ...]
  consolidate --inventory FILE.csv [--target PERCENT] [--format ...]   (servers: name,cores,memory,cpu,mem[,idle_w,max_w])`;

const pct = (n: number) => `${Math.round(n)}%`;
const money = (n: number) => n.toFixed(2);

/** Reads a file a line names (--inventory), as the estate's drivers read manifests. */
export type ReadText = (path: string) => { ok: true; text: string } | { ok: false; message: string };

export function planCommand(sim: SimulationApi, words: readonly string[], readText?: ReadText): ExecResult {
  const [command, ...args] = words;
  const taken = takeFormat(args);
  if (typeof taken === 'string') return failure(`${command}: ${taken}`, 2);
  const { format, rest } = taken;
  if (rest.includes('--help') || rest.includes('-h')) return output(PLAN_USAGE);
  if (command === 'capacity') return capacity(sim, rest, format);
  if (command === 'rightsize') {
    if (rest.length > 0) return failure(`rightsize: unexpected "${rest[0]}"\n${PLAN_USAGE}`, 2);
    return rightsize(sim, format);
  }
  if (command === 'power') {
    if (rest.length > 0) return failure(`power: unexpected "${rest[0]}"\n${PLAN_USAGE}`, 2);
    return power(sim, format);
  }
  return consolidate(sim, rest, format, readText);
}

/** "2x4GiB" (vCPUs x memory) to a size, or a problem. */
export function parseVmSize(text: string): { cpuMilli: number; memoryMiB: number } | string {
  const m = /^(\d+(?:\.\d+)?)x(.+)$/i.exec(text);
  const mem = m ? parseSizeMiB(m[2]) : null;
  if (!m || mem === null || !(Number(m[1]) > 0) || mem <= 0) return `--size is vCPUs x memory, such as 2x4GiB, not "${text}"`;
  return { cpuMilli: Math.round(Number(m[1]) * 1000), memoryMiB: mem };
}

function runsOut(ms: number): string {
  if (ms === 0) return 'now';
  return Number.isFinite(ms) ? `in ${formatDurationMs(ms)}` : 'not on this trend';
}

function capacity(sim: SimulationApi, args: readonly string[], format: Format): ExecResult {
  let size = { cpuMilli: 2000, memoryMiB: 4096 };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--size' || a.startsWith('--size=')) {
      const v = a.startsWith('--size=') ? a.slice(7) : args[++i];
      const parsed = parseVmSize(v ?? '');
      if (typeof parsed === 'string') return failure(`capacity: ${parsed}`, 2);
      size = parsed;
    } else return failure(`capacity: unexpected "${a}"\n${PLAN_USAGE}`, 2);
  }
  const rows = capacityReport(sim);
  if (rows.length === 0) return output('capacity: this estate has no clusters of hosts\n');
  const sizeName = `${formatCpu(size.cpuMilli)} ${formatMiB(size.memoryMiB)}`;
  const fits = rows.map((c) => fitMore(sim, c.cluster, size));
  const fitText = (f: (typeof fits)[number]) => (typeof f === 'string' ? f : `${f.count}${f.atLimit ? '+' : ''}`);
  const trend = (c: ClusterCapacity) => {
    const d = c.forecast.cpu.perDay;
    return d === undefined ? 'n/a' : `${d >= 0 ? '+' : ''}${d.toFixed(1)}%/d`;
  };
  // The resource that runs out first decides each forecast.
  const soonest = (c: ClusterCapacity, k: 'aggressiveMs' | 'conservativeMs') => Math.min(c.forecast.cpu[k], c.forecast.memory[k]);
  const busiest = rows[0];
  const sites = siteCapacity(rows);
  const points = busiest.history.cpu.length;
  return output(
    formatTable(
      {
        columns: [
          'CLUSTER',
          'SITE',
          'HOSTS',
          'CPU DEMAND',
          'MEM DEMAND',
          'USABLE',
          'HA RESERVE',
          'VCPU:CORE',
          'CPU TREND',
          'RUNS OUT (CONSERVATIVE)',
          'RUNS OUT (AGGRESSIVE)',
          `FITS ${sizeName}`,
        ],
        rows: rows.map((c, i) => [
          c.cluster,
          c.site,
          c.hosts,
          pct(c.demandPct.cpu),
          pct(c.demandPct.memory),
          `${pct(c.usablePct.cpu)} / ${pct(c.usablePct.memory)}`,
          c.haReservePct.cpu === 0 && c.haReservePct.memory === 0 ? '-' : `${pct(c.haReservePct.cpu)} / ${pct(c.haReservePct.memory)}`,
          c.vcpuPerCore.toFixed(2),
          trend(c),
          runsOut(soonest(c, 'conservativeMs')),
          runsOut(soonest(c, 'aggressiveMs')),
          fitText(fits[i]),
        ]),
        notes: [
          `busiest: ${busiest.cluster}, demand at ${pct(100 * headroomUse(busiest))} of its usable capacity`,
          `trend from ${points} ${busiest.history.stepMs >= 3_600_000 ? 'hourly' : 'minute'} point${points === 1 ? '' : 's'} of demand history; usable = capacity less the HA reserve`,
          ...sites.map((s) => {
            const share = (used: number, of: number) => pct(of > 0 ? (100 * used) / of : 0);
            const cpu = `CPU demand ${s.demandCores.toFixed(1)} of ${s.usableCores.toFixed(1)} usable cores (${share(s.demandCores, s.usableCores)})`;
            const memory = `memory ${formatMiB(Math.round(s.demandMemoryMiB))} of ${formatMiB(Math.round(s.usableMemoryMiB))} (${share(s.demandMemoryMiB, s.usableMemoryMiB)})`;
            return `site ${s.site}: ${s.clusters} cluster${s.clusters === 1 ? '' : 's'}, ${cpu}, ${memory}`;
          }),
          ...fits.flatMap((f, i) =>
            typeof f !== 'string' && f.stoppedBy ? [`${rows[i].cluster}: after those ${f.count}, the next ${sizeName} VM would not fit: ${f.stoppedBy}`] : [],
          ),
        ],
        json: {
          clusters: rows.map((c, i) => ({ ...c, fits: { size: sizeName, ...(typeof fits[i] === 'string' ? { error: fits[i] } : (fits[i] as object)) } })),
          sites,
        },
      },
      format,
    ),
  );
}

function rightsize(sim: SimulationApi, format: Format): ExecResult {
  const rows = rightSizeReport(sim);
  if (rows.length === 0) return output('rightsize: no workload has run long enough to have history (let the estate run a minute or more)\n');
  const stars = (n: number) => '*'.repeat(n) + '.'.repeat(5 - n);
  return output(
    formatTable(
      {
        columns: ['WORKLOAD', 'KIND', 'HOST', 'VCPU', 'MEMORY', 'ACTION', 'CONFIDENCE', 'WORKING'],
        rows: rows.map((r) => [
          r.id,
          r.kind,
          r.host ?? '-',
          r.recommendVcpus === r.vcpus ? String(r.vcpus) : `${r.vcpus} -> ${r.recommendVcpus}`,
          r.recommendMemoryMiB === r.memoryMiB ? formatMiB(r.memoryMiB) : `${formatMiB(r.memoryMiB)} -> ${formatMiB(r.recommendMemoryMiB)}`,
          r.action,
          `${stars(r.confidence)} ${Math.round(r.coveragePct)}%`,
          r.working,
        ]),
        notes: [
          `P95 of each workload's demand x a comfort factor of 1.3 (Azure Migrate's defaults); confidence: the share of a day's history there is`,
          `shut down: Azure Advisor's idle rule (P95 CPU under 3%, P100 of average CPU at most 2%)`,
        ],
        json: rows,
      },
      format,
    ),
  );
}

function power(sim: SimulationApi, format: Format): ExecResult {
  const rows = powerReport(sim);
  const onPrem = rows.filter((r) => r.kind === 'datacenter');
  const cloud = rows.filter((r) => r.kind === 'region');
  const sum = (xs: typeof rows, f: (r: (typeof rows)[number]) => number) => xs.reduce((a, r) => a + f(r), 0);
  return output(
    formatTable(
      {
        columns: [
          'SITE',
          'KIND',
          'HOSTS',
          'IT W NOW',
          'IT W AVG',
          'PUE',
          'FACILITY W',
          'KWH/DAY',
          'KWH/MONTH',
          'PRICE/KWH',
          'CLOUD VMS',
          'COST/DAY',
          'COST/MONTH',
        ],
        rows: rows.map((r) => [
          r.site,
          r.kind,
          r.hosts,
          Math.round(r.itWattsNow),
          Math.round(r.itWattsAverage),
          r.kind === 'region' ? '-' : r.pue.toFixed(2),
          Math.round(r.facilityWatts),
          r.kWhPerDay.toFixed(1),
          Math.round(r.kWhPerMonth),
          r.kind === 'region' ? '-' : r.kwhPrice.toFixed(4),
          r.billedVms,
          money(r.costPerDay),
          money(r.costPerMonth),
        ]),
        notes: [
          `on premises: ${Math.round(sum(onPrem, (r) => r.facilityWatts))} W at the facility, ${money(sum(onPrem, (r) => r.costPerMonth))} a month; ` +
            `cloud: ${sum(cloud, (r) => r.billedVms)} VMs billed, ${money(sum(cloud, (r) => r.costPerMonth))} a month (${HOURS_PER_MONTH} hours)`,
        ],
        json: rows,
      },
      format,
    ),
  );
}

function consolidate(sim: SimulationApi, args: readonly string[], format: Format, readText?: ReadText): ExecResult {
  let cluster: string | undefined;
  let target: number | undefined;
  let apply = false;
  let inventory: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--apply') apply = true;
    else if (a === '--inventory' || a.startsWith('--inventory=')) {
      inventory = a.startsWith('--inventory=') ? a.slice(12) : args[++i];
      if (!inventory) return failure(`consolidate: --inventory takes a CSV file of servers\n${PLAN_USAGE}`, 2);
    } else if (a === '--target' || a.startsWith('--target=')) {
      const v = a.startsWith('--target=') ? a.slice(9) : args[++i];
      target = Number((v ?? '').replace(/%$/, ''));
      if (v === undefined || v.trim() === '' || !Number.isFinite(target)) return failure(`consolidate: --target is a percent, such as 75, not "${v ?? ''}"`, 2);
    } else if (a.startsWith('-')) return failure(`consolidate: unknown flag ${a}\n${PLAN_USAGE}`, 2);
    else if (cluster === undefined) cluster = a;
    else return failure(`consolidate: unexpected "${a}"\n${PLAN_USAGE}`, 2);
  }
  if (inventory !== undefined) {
    if (cluster !== undefined) return failure(`consolidate: a cluster or --inventory, not both\n${PLAN_USAGE}`, 2);
    if (apply) return failure('consolidate: a plan from an inventory is on paper: there is nothing in the estate to --apply it to', 2);
    if (!readText) return failure('consolidate: --inventory reads a file, which this line cannot', 2);
    const read = readText(inventory);
    if (!read.ok) return failure(`consolidate: ${read.message}`);
    const servers = parseInventory(read.text);
    if (!servers.ok) return failure(`consolidate: ${inventory}: ${servers.error.message}`);
    const planned = planInventory(servers.value, target ?? DEFAULT_TARGET_PCT);
    if (!planned.ok) return failure(`consolidate: ${inventory}: ${planned.error.message}`);
    return output(planText(planned.value, undefined, format, undefined));
  }
  if (cluster === undefined)
    return failure(
      `consolidate: say which cluster (${sim
        .clusters()
        .map((c) => c.id)
        .join(', ')})\n${PLAN_USAGE}`,
      2,
    );
  const r = sim.planConsolidation(cluster, target);
  if (!r.ok) return failure(`consolidate: ${r.error.message}`);
  const plan = r.value;
  const siteIndex = sim.cluster(plan.cluster)?.siteIndex;
  const site = sim.sites().find((x) => x.index === siteIndex);
  let applied = '';
  let result: ReturnType<SimulationApi['applyConsolidation']> | undefined;
  if (apply) {
    const a = sim.applyConsolidation(plan.moves);
    result = a;
    applied =
      `started ${a.started.length} migration${a.started.length === 1 ? '' : 's'}` +
      (a.waiting.length ? `; ${a.waiting.length} wait for a migration slot (${a.waiting.join(', ')})` : '') +
      (a.refused.length ? `; refused: ${a.refused.join('; ')}` : '') +
      '\n';
  }
  const text = planText(plan, site, format, result);
  // What it started first: the console's status line shows a line's first line.
  return output(format === 'json' || !apply ? text : `${applied}${text}`, apply);
}

/** A plan as the consolidate command prints it: each host before and after, what it frees and saves, the moves. */
function planText(plan: Consolidation, site: Site | undefined, format: Format, result: ReturnType<SimulationApi['applyConsolidation']> | undefined): string {
  const saved = plan.wattsBefore - plan.wattsAfter;
  const month = monthlyCost(saved, site);
  const notes = [
    `${plan.hosts.length} hosts -> ${plan.hosts.length - plan.freed.length}: ${plan.freed.length ? `${plan.freed.join(', ')} run nothing and can be switched off` : 'none freed'}`,
    `utilisation ${pct(plan.utilisationBeforePct)} -> ${pct(plan.utilisationAfterPct)} (target ${pct(plan.targetPct)}); ` +
      `power ${Math.round(plan.wattsBefore)} W -> ${Math.round(plan.wattsAfter)} W, ${Math.round(saved)} W saved`,
    `saves ${Math.round(month.kWh)} kWh a month at the wall (PUE ${month.pue}), ${money(month.cost)} a month at ${month.kwhPrice}/kWh`,
    ...plan.notes,
    ...plan.moves.map((m) => `move ${m.workload}: ${m.from} -> ${m.to}`),
  ];
  return formatTable(
    {
      columns: ['HOST', 'PLAN', 'VMS', 'CPU', 'WATTS'],
      rows: plan.hosts.map((h) => [
        h.host,
        h.keep ? 'keep' : 'free',
        `${h.vmsBefore} -> ${h.vmsAfter}`,
        `${pct(h.cpuBeforePct)} -> ${pct(h.cpuAfterPct)}`,
        `${Math.round(h.wattsBefore)} -> ${Math.round(h.wattsAfter)}`,
      ]),
      notes,
      json: {
        ...plan,
        monthly: { kWhSaved: month.kWh, costSaved: month.cost, pue: month.pue, kwhPrice: month.kwhPrice },
        ...(result ? { applied: result } : {}),
      },
    },
    format,
  );
}
