// `npm run bench`: runs each scenario in a fresh Node process (so one scenario's
// heap and JIT state do not colour the next), prints a table of figures against
// their targets, and with `--json FILE` writes them as
// [{ "name", "value", "unit", "target" }, ...].
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { PLACEMENT_POLICIES } from '../../src/core/model.js';

export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** Every figure here is better lower: the target is a ceiling. */
  readonly target: number;
}

const SCENARIOS: string[][] = [...PLACEMENT_POLICIES.map((p) => ['core.js', 'place', p]), ['core.js', 'core'], ['ui.js']];
/** Each scenario runs this many times in fresh processes; a figure is the median of its runs. */
const RUNS = 3;

function parseArgs(argv: string[]): { json?: string } {
  const out: { json?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') {
      const file = argv[++i];
      if (!file) usage('--json needs a file name');
      out.json = file;
    } else if (argv[i] === '--help') {
      process.stdout.write('usage: npm run bench [-- --json FILE]\n');
      process.exit(0);
    } else usage(`unknown argument ${argv[i]}`);
  }
  return out;
}

function usage(message: string): never {
  process.stderr.write(`bench: ${message}\nusage: npm run bench [-- --json FILE]\n`);
  process.exit(2);
}

function runOnce([file, ...args]: string[]): Figure[] {
  const script = fileURLToPath(new URL(file, import.meta.url));
  const out = execFileSync(process.execPath, ['--expose-gc', script, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const last = out.trim().split('\n').pop() ?? '[]';
  return JSON.parse(last) as Figure[];
}

/** Runs a scenario RUNS times; each figure is the median of its runs (wall times on a shared machine wander). */
function runScenario(scenario: string[]): Figure[] {
  const runs = Array.from({ length: RUNS }, () => runOnce(scenario));
  return runs[0].map((f, i) => {
    const values = runs.map((r) => r[i].value).sort((a, b) => a - b);
    return { ...f, value: values[Math.floor(values.length / 2)] };
  });
}

function format(f: Figure): string {
  const value = f.value >= 100 ? f.value.toFixed(0) : f.value.toFixed(2);
  const verdict = f.value <= f.target ? 'met' : 'MISSED';
  return `${f.name.padEnd(18)}${value.padStart(10)} ${f.unit.padEnd(4)}${`< ${f.target}`.padStart(9)}   ${verdict}`;
}

const { json } = parseArgs(process.argv.slice(2));
process.stdout.write(`hyperpane bench - node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'})\n\n`);
process.stdout.write(`${'figure'.padEnd(18)}${'value'.padStart(10)} ${'unit'.padEnd(4)}${'target'.padStart(9)}   verdict\n`);
const figures: Figure[] = [];
for (const scenario of SCENARIOS) {
  for (const f of runScenario(scenario)) {
    figures.push(f);
    process.stdout.write(format(f) + '\n');
  }
}
if (json) {
  writeFileSync(json, JSON.stringify(figures, null, 2) + '\n');
  process.stdout.write(`\nwrote ${figures.length} figures to ${json}\n`);
}
