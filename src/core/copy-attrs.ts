// A copy of a VM (a clone, a restore as a new VM, a replica) takes over its
// settings but not its relationships: what it was cloned from, whether it is a
// template, a replica, or failed over, where its data disks are attached. Those
// belong to the original.
import type { Attrs } from './workloads.js';

const RELATIONS = [
  'clonedFrom',
  'clonedFromSnapshot',
  'linkedClone',
  'template',
  'replicaOf',
  'replicaRpoMs',
  'replicaSyncedAt',
  'replicaGen',
  'failedOverFrom',
  'failedOverTo',
  'recoveryPoint',
  'restoredFrom',
  // Where each data disk sits on its controller (govc, virsh, Hyper-V): a copy takes no data disks.
  'diskUnits',
  'diskTargets',
  'driveSlots',
];

export function copyableAttrs(attrs: Attrs): Attrs {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(attrs)) if (!RELATIONS.includes(k)) out[k] = v;
  return out;
}
