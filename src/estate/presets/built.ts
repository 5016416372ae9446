// The one event a freshly built estate starts its log with: its workloads were
// made to exist already, so they did not each "happen".
import type { Simulation } from '../../core/simulation.js';
import { describeSites, hostCount, plural } from '../counts.js';

export function noteBuilt(sim: Simulation): void {
  let live = 0;
  for (let w = 0; w < sim.workloads.count; w++) if (sim.workloads.stateOf(w) !== 'deleted') live++;
  sim.log.append({
    kind: 'estate.built',
    subjectType: 'estate',
    subjectId: sim.name,
    severity: 'info',
    message: `${sim.name}: ${describeSites(sim)}, ${plural(hostCount(sim).hosts, 'host')}, ${plural(live, 'workload')}`,
  });
}
