// One benchmark scenario, run in its own process so that timings and memory do
// not carry over between scenarios. Prints its figures as one JSON line.
//   place POLICY   place 100,000 workloads on 10,000 hosts with POLICY
//   core           build that estate, then time ticks, read RSS, and run one simulated hour
import { PLACEMENT_POLICIES, type PlacementPolicy } from '../../src/core/model.js';
import { Simulation } from '../../src/core/simulation.js';
import { addScaleHosts, scaleWorkloads } from '../../src/estate/presets/scale.js';
import { tickMs } from './measure.js';

const HOSTS = 10_000;
const WORKLOADS = 100_000;

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function build(policy: PlacementPolicy): { sim: Simulation; ms: number } {
  const sim = new Simulation({ seed: 1 });
  sim.reserve({ hosts: HOSTS, workloads: WORKLOADS });
  addScaleHosts(sim, HOSTS);
  const inputs = scaleWorkloads(WORKLOADS, policy);
  const start = performance.now();
  for (const input of inputs) {
    const r = sim.createWorkload(input);
    if (!r.ok) throw new Error(`could not place ${input.id}: ${r.error.message}`);
  }
  return { sim, ms: performance.now() - start };
}

const [scenario, arg] = process.argv.slice(2);
const figures: { name: string; value: number; unit: string; target: number }[] = [];

if (scenario === 'place' && (PLACEMENT_POLICIES as readonly string[]).includes(arg)) {
  const { ms } = build(arg as PlacementPolicy);
  figures.push({ name: `place.${arg}`, value: ms, unit: 'ms', target: 1000 });
} else if (scenario === 'core') {
  const { sim } = build('spread');
  gc();
  const rss = process.memoryUsage().rss / (1024 * 1024);
  figures.push({ name: 'tick.100k', value: tickMs(sim, 5, 30), unit: 'ms', target: 10 });
  figures.push({ name: 'rss.core.100k', value: rss, unit: 'MB', target: 300 });
  // One simulated hour at 1 s ticks, as the console at 1x would live it.
  const start = performance.now();
  sim.advance(3_600_000);
  figures.push({ name: 'sim.hour.100k', value: (performance.now() - start) / 1000, unit: 's', target: 10 });
} else {
  process.stderr.write(`usage: core.ts place (${PLACEMENT_POLICIES.join('|')}) | core\n`);
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(figures)}\n`);
