// `npm run bench`: runs each scenario in a fresh Node process (so one scenario's
// heap and JIT state do not colour the next), prints a table of figures against
// their targets, and with `--json FILE` writes them as
// [{ "name", "value", "unit", "target" }, ...]. The scenarios are bundled like
// the app (scripts/build.mjs), and the terminal ones run the built app itself.
// The soak takes 10 minutes; `--soak-minutes N` shortens it (for a quick look).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { PLACEMENT_POLICIES } from '../../src/core/model.js';
import { CLOUDSIM_SCENARIOS } from './cloudsim-shape.js';

export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** Every figure here is better lower: the target is a ceiling. */
  readonly target: number;
}

interface Scenario {
  readonly args: string[];
  /** Runs in fresh processes; a figure is the median of its runs (wall times on a shared machine wander). */
  readonly runs: number;
}

function scenarios(soakMinutes: number): Scenario[] {
  return [
    ...CLOUDSIM_SCENARIOS.map((c) => ({ args: ['cloudsim.js', String(c.hosts), String(c.vms), c.policy], runs: 3 })),
    ...PLACEMENT_POLICIES.map((p) => ({ args: ['core.js', 'place', p], runs: 3 })),
    { args: ['core.js', 'core'], runs: 3 },
    { args: ['growth.js', '10000'], runs: 3 },
    { args: ['growth.js', '1000000'], runs: 1 },
    { args: ['ui.js'], runs: 3 },
    // Three saves and loads, inside.
    { args: ['files.js'], runs: 1 },
    // Median of five launches each, inside.
    { args: ['terminal.js'], runs: 1 },
    // 475 keys in one run, at each size.
    { args: ['keys.js'], runs: 1 },
    { args: ['keys.js', '10000'], runs: 1 },
    { args: ['keys.js', '1000000'], runs: 1 },
    { args: ['tour.js'], runs: 3 },
    { args: ['k8s.js'], runs: 1 },
    { args: ['soak.js', String(soakMinutes)], runs: 1 },
  ];
}

const USAGE = 'usage: npm run bench [-- [--json FILE] [--soak-minutes N]]';

function parseArgs(argv: string[]): { json?: string; soakMinutes: number } {
  const out: { json?: string; soakMinutes: number } = { soakMinutes: 10 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') {
      const file = argv[++i];
      if (!file) usage('--json needs a file name');
      out.json = file;
    } else if (argv[i] === '--soak-minutes') {
      const n = Number(argv[++i]);
      if (!(n > 0 && n <= 600)) usage(`--soak-minutes must be a number of minutes from 0 to 600, got ${argv[i] ?? 'nothing'}`);
      out.soakMinutes = n;
    } else if (argv[i] === '--help') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else usage(`unknown argument ${argv[i]}`);
  }
  return out;
}

function usage(message: string): never {
  process.stderr.write(`bench: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function runOnce([file, ...args]: string[]): Figure[] {
  const script = fileURLToPath(new URL(file, import.meta.url));
  const out = execFileSync(process.execPath, ['--expose-gc', script, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const last = out.trim().split('\n').pop() ?? '[]';
  return JSON.parse(last) as Figure[];
}

function runScenario(scenario: Scenario): Figure[] {
  const runs = Array.from({ length: scenario.runs }, () => runOnce(scenario.args));
  return runs[0].map((f, i) => {
    const values = runs.map((r) => r[i].value).sort((a, b) => a - b);
    return { ...f, value: values[Math.floor(values.length / 2)] };
  });
}

function format(f: Figure): string {
  const value = f.value >= 100 ? f.value.toFixed(0) : f.value.toFixed(2);
  const verdict = f.value <= f.target ? 'met' : 'MISSED';
  return `${f.name.padEnd(24)}${value.padStart(10)} ${f.unit.padEnd(4)}${`< ${f.target}`.padStart(9)}   ${verdict}`;
}

const { json, soakMinutes } = parseArgs(process.argv.slice(2));
process.stdout.write(`hyperpane bench - node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'})\n\n`);
process.stdout.write(`${'figure'.padEnd(24)}${'value'.padStart(10)} ${'unit'.padEnd(4)}${'target'.padStart(9)}   verdict\n`);
const figures: Figure[] = [];
for (const scenario of scenarios(soakMinutes)) {
  for (const f of runScenario(scenario)) {
    figures.push(f);
    process.stdout.write(`${format(f)}\n`);
  }
}
process.stdout.write(`\n${growthTable(figures)}`);
if (json) {
  writeFileSync(json, `${JSON.stringify(figures, null, 2)}\n`);
  process.stdout.write(`\nwrote ${figures.length} figures to ${json}\n`);
}

/** Placement, tick and keypress at 10k, 100k and 1M workloads, and each per workload: flat or growing. */
function growthTable(figures: readonly Figure[]): string {
  const value = (name: string) => figures.find((f) => f.name === name)?.value;
  const rows: [string, string, [string, string, string]][] = [
    ['placement (all VMs)', 'us', ['place.10k', 'place.spread', 'place.1m']],
    ['tick', 'ns', ['tick.10k', 'tick.100k', 'tick.1m']],
    ['keypress p95', 'ms', ['keypress.10k.p95', 'keypress.p95', 'keypress.1m.p95']],
  ];
  const sizes = [10_000, 100_000, 1_000_000];
  const cell = (x: number | undefined) => (x === undefined ? '-' : x >= 100 ? x.toFixed(0) : x.toFixed(2)).padStart(11);
  const lines = [`${'growth'.padEnd(22)}${'10k'.padStart(11)}${'100k'.padStart(11)}${'1m'.padStart(11)}   per workload`];
  for (const [label, perUnit, names] of rows) {
    const values = names.map(value);
    // Placement and tick per workload (ms -> us or ns); a keypress is what it is at every size.
    const scale = perUnit === 'us' ? 1000 : perUnit === 'ns' ? 1e6 : undefined;
    const per = scale ? values.map((v, i) => (v === undefined ? '-' : ((v * scale) / sizes[i]).toFixed(2))).join(' / ') : '';
    lines.push(`${`${label} (ms)`.padEnd(22)}${values.map(cell).join('')}   ${per}${scale ? ` ${perUnit}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
