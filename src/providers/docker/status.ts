// How docker ps words a container's status: moby daemon/container/state.go
// State.String() ("Up 5 seconds", "Up 2 hours (Paused)", "Restarting (1) 3
// seconds ago", "Created", "Exited (0) 3 minutes ago"), durations in go-units'
// HumanDuration. A container is Running to Docker from its start until it has
// exited, so one that is stopping still shows Up.
import type { Simulation } from '../../core/simulation.js';
import { humanDuration } from './go-units.js';

export function dockerStatus(sim: Simulation, w: number): string {
  const wl = sim.workloads;
  const state = wl.stateOf(w);
  const finished = humanDuration(sim.now - wl.since[w]);
  const up = `Up ${humanDuration(wl.runningSince[w] >= 0 ? sim.now - wl.runningSince[w] : 0)}`;
  switch (state) {
    case 'provisioning':
      return 'Created';
    case 'booting':
    case 'running':
    case 'stopping':
    case 'migrating':
      return up;
    case 'paused':
      return `${up} (Paused)`;
    case 'failed':
      // Its host went down under it: the daemon finds it dead when it comes back.
      return `Exited (255) ${finished} ago`;
    case 'stopped': {
      const code = Math.max(0, wl.exitCode[w]);
      return wl.restarting[w] ? `Restarting (${code}) ${finished} ago` : `Exited (${code}) ${finished} ago`;
    }
    default:
      return state;
  }
}

/** The State.Status word of `docker inspect` and `docker ps --format {{.State}}` (moby State.State()). */
export function dockerState(sim: Simulation, w: number): 'created' | 'running' | 'paused' | 'restarting' | 'exited' {
  const wl = sim.workloads;
  const state = wl.stateOf(w);
  if (state === 'provisioning') return 'created';
  if (state === 'paused') return 'paused';
  if (state === 'stopped' && wl.restarting[w]) return 'restarting';
  if (state === 'booting' || state === 'running' || state === 'stopping' || state === 'migrating') return 'running';
  return 'exited';
}
