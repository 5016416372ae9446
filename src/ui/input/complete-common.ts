// What several platforms' completion reads from the estate.
import type { Controller } from '../controller.js';

/** A workload's snapshot names, oldest first. */
export function snapshotNames(ctl: Controller, workloadId: string): string[] {
  return ctl.estate.sim.workloadRow(workloadId)?.snapshots.list.map((s) => s.name) ?? [];
}

/** Names not given yet: a command that takes several (docker stop a b, govc vm.power -off x y) offers each once (docker/cli completion.Unique). */
export function notGiven(names: readonly string[], given: readonly string[]): string[] {
  return names.filter((n) => !given.includes(n));
}
