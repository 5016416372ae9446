// What several platforms' completion reads from the estate.
import type { Controller } from '../controller.js';

/** A workload's snapshot names, oldest first (read without creating its snapshot tree). */
export function snapshotNames(ctl: Controller, workloadId: string): string[] {
  const sim = ctl.estate.sim;
  const w = sim.workloads.indexOf(workloadId);
  if (w === undefined) return [];
  return (
    sim.snapshots
      .entries()
      .find(([i]) => i === w)?.[1]
      .list.map((s) => s.name) ?? []
  );
}

/** Names not given yet: a command that takes several (docker stop a b, govc vm.power -off x y) offers each once (docker/cli completion.Unique). */
export function notGiven(names: readonly string[], given: readonly string[]): string[] {
  return names.filter((n) => !given.includes(n));
}
