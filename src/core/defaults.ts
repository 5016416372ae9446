// Fallbacks for workloads a driver creates without saying otherwise. Drivers
// declare their own platform's figures; these follow the published ranges the
// field teaches: VMs boot in minutes with 10-20% overhead, containers start in
// seconds with 1-3%, cloud VMs take tens of seconds to provision.
import type { WorkloadKind } from './model.js';
import type { Durations } from './workloads.js';

const S = 1000;

export const DEFAULT_DURATIONS: Record<WorkloadKind, Durations> = {
  vm: {
    provision: [20 * S, 40 * S],
    boot: [60 * S, 150 * S],
    stop: [10 * S, 30 * S],
    suspend: [10 * S, 25 * S],
    resume: [5 * S, 15 * S],
    deallocate: [0, 0],
  },
  container: {
    provision: [500, 2 * S],
    boot: [300, 1500],
    stop: [500, 10 * S],
    suspend: [0, 0],
    resume: [100, 300],
    deallocate: [0, 0],
  },
  'cloud-vm': {
    provision: [45 * S, 120 * S],
    boot: [30 * S, 60 * S],
    stop: [15 * S, 40 * S],
    suspend: [0, 0],
    resume: [0, 0],
    deallocate: [30 * S, 90 * S],
  },
};

/** CPU and memory the virtualisation layer adds to a guest's own demand. */
export const DEFAULT_OVERHEAD: Record<WorkloadKind, number> = {
  vm: 0.15,
  container: 0.02,
  'cloud-vm': 0,
};
