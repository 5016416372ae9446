// How docker ps words a container's status.
import type { Simulation } from '../../core/simulation.js';
import { humanDuration } from '../common.js';

export function dockerStatus(sim: Simulation, w: number): string {
  const wl = sim.workloads;
  const state = wl.stateOf(w);
  const since = sim.now - wl.since[w];
  const up = wl.runningSince[w] >= 0 ? sim.now - wl.runningSince[w] : 0;
  switch (state) {
    case 'provisioning':
      return 'Created';
    case 'booting':
    case 'running':
    case 'stopping':
    case 'migrating':
      return `Up ${humanDuration(up)}`;
    case 'paused':
      return `Up ${humanDuration(up)} (Paused)`;
    case 'failed':
      return `Exited (255) ${humanDuration(since)} ago`;
    case 'stopped': {
      const code = wl.exitCode[w] < 0 ? 0 : wl.exitCode[w];
      if (wl.restarting[w]) return `Restarting (${code}) ${humanDuration(since)} ago`;
      return `Exited (${code}) ${humanDuration(since)} ago`;
    }
    default:
      return state;
  }
}
