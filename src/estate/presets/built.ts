// The one event a freshly built estate starts its log with: its workloads were
// made to exist already, so they did not each "happen".
import type { SimulationApi } from '../../core/simulation-api.js';
import { describeSites, hostCount, plural } from '../counts.js';

export function noteBuilt(sim: SimulationApi): void {
  let live = 0;
  const row = sim.workloadCursor();
  for (let w = 0; w < sim.workloadCount; w++) if (row.at(w).state !== 'deleted') live++;
  sim.log.append({
    kind: 'estate.built',
    subjectType: 'estate',
    subjectId: sim.name,
    severity: 'info',
    message: `${sim.name}: ${describeSites(sim)}, ${plural(hostCount(sim).hosts, 'host')}, ${plural(live, 'workload')}`,
  });
}
