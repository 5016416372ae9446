// One CloudSim Plus scenario (cloudsim-shape.ts) in its own process: builds the
// hosts, then times placing every VM. Prints its figure as one JSON line.
//   cloudsim.js HOSTS VMS POLICY
import { PLACEMENT_POLICIES, type PlacementPolicy } from '../../src/core/model.js';
import { Simulation } from '../../src/core/simulation.js';
import { addCloudSimHosts, CLOUDSIM_SCENARIOS, cloudSimVms } from './cloudsim-shape.js';

const [hostsArg, vmsArg, policy] = process.argv.slice(2);
const hosts = Number(hostsArg);
const vms = Number(vmsArg);
if (!(hosts > 0) || !(vms > 0) || !(PLACEMENT_POLICIES as readonly string[]).includes(policy)) {
  process.stderr.write(`usage: cloudsim.ts HOSTS VMS (${PLACEMENT_POLICIES.join('|')})\n`);
  process.exit(2);
}
const sim = new Simulation({ seed: 1 });
// The whole list is known up front, as CloudSim's broker is given it (submitVmList).
sim.reserve({ hosts, workloads: vms });
addCloudSimHosts(sim, hosts);
const inputs = cloudSimVms(vms, policy as PlacementPolicy);
const start = performance.now();
let refused = 0;
for (const input of inputs) if (!sim.createWorkload(input).ok) refused++;
const ms = performance.now() - start;
const known = CLOUDSIM_SCENARIOS.find((c) => c.hosts === hosts && c.vms === vms && c.policy === policy);
process.stderr.write(
  `  cs ${hosts} hosts, ${vms} VMs, ${policy}: ${refused} refused (${((100 * refused) / vms).toFixed(1)}%) in ${ms.toFixed(0)} ms` +
    `${known ? ` (CloudSim Plus ${known.cloudSimMs} ms)` : ''}\n`,
);
process.stdout.write(`${JSON.stringify([{ name: `place.cs.${hosts / 1000}k.${policy}`, value: ms, unit: 'ms', target: known?.target ?? Infinity }])}\n`);
