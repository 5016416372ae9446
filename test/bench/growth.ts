// How costs grow with the estate: the scale estate's shape (ten VMs a host) at
// 10,000 or 1,000,000 workloads (core.ts and keys.ts measure 100,000), timing
// the placement of every VM (spread, as the presets place) and single ticks.
// Prints its figures as one JSON line.
//   growth.js WORKLOADS
import { Simulation } from '../../src/core/simulation.js';
import { addScaleHosts, scaleWorkloads } from '../../src/estate/presets/scale.js';
import { sizeName, TARGETS } from './growth-targets.js';
import { tickMs } from './measure.js';

const workloads = Number(process.argv[2]);
const targets = TARGETS[workloads];
if (!targets) {
  process.stderr.write(`usage: growth.js (${Object.keys(TARGETS).join('|')})\n`);
  process.exit(2);
}
const size = sizeName(workloads);
const sim = new Simulation({ seed: 1 });
sim.reserve({ hosts: workloads / 10, workloads });
addScaleHosts(sim, workloads / 10);
const inputs = scaleWorkloads(workloads, 'spread');
const start = performance.now();
for (const input of inputs) {
  const r = sim.createWorkload(input);
  if (!r.ok) throw new Error(`could not place ${input.id}: ${r.error.message}`);
}
const placeMs = performance.now() - start;
process.stdout.write(
  `${JSON.stringify([
    { name: `place.${size}`, value: placeMs, unit: 'ms', target: targets.placeMs },
    { name: `tick.${size}`, value: tickMs(sim, 3, 15), unit: 'ms', target: targets.tickMs },
  ])}\n`,
);
