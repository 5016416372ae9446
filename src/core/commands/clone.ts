// Cloning a VM. A full clone copies the disk, so it takes time by size (the copy
// runs over the hosts' storage network at the migration share of the NIC); a
// linked clone shares a snapshot's disk with its parent and writes only a delta,
// so it is ready in seconds, stays in the parent's cluster, and holds the parent
// (and that snapshot) in place: neither can be deleted while the clone exists.

import { allowedHosts } from '../allowed-hosts.js';
import { copyableAttrs } from '../copy-attrs.js';
import { migrationBandwidth } from '../migration-plan.js';
import { fail, ok, type Result } from '../result.js';
import type { Core } from '../state.js';
import { formatMiB } from '../units.js';
import { badId } from '../validate.js';
import type { Attrs } from '../workloads.js';
import { type Created, createWorkload } from './create.js';

export interface CloneOptions {
  /** The new VM's id (and name). */
  readonly id: string;
  readonly linked?: boolean;
  /** Clone the state this snapshot saved (a linked clone: the one it shares; by default the current one). */
  readonly snapshot?: string;
  /** Put the clone on this host rather than letting placement choose. */
  readonly host?: string;
  /** Power the clone on once it is made (default: leave it off, as vSphere and virt-clone do). */
  readonly powerOn?: boolean;
  /** Settings of the driver's to set on the clone, over those it copies from the source. */
  readonly attrs?: Attrs;
}

export interface Cloned extends Created {
  readonly linked: boolean;
  /** Sim ms the disk copy (or the delta's creation) takes. */
  readonly copyMs: number;
}

/** Attributes that tie a clone to its parent (plain data, so estate files keep them). */
export const CLONE_OF = 'clonedFrom';
export const CLONE_SNAPSHOT = 'clonedFromSnapshot';
export const CLONE_LINKED = 'linkedClone';

/** A linked clone's delta disk when it is made: grain tables and the first writes. */
export const LINKED_DELTA_MIB = 64;
/** Creating a delta disk and registering the VM takes seconds. */
const LINKED_MS = 4_000;

const CLONABLE = ['running', 'paused', 'suspended', 'stopped'];

export function cloneWorkload(core: Core, sourceId: string, options: CloneOptions): Result<Cloned> {
  const wl = core.workloads;
  const w = wl.indexOf(sourceId);
  if (w === undefined || wl.stateOf(w) === 'deleted') return fail('not-found', `no workload named ${sourceId}`);
  const src = wl.records[w];
  const state = wl.stateOf(w);
  if (src.kind === 'container')
    return fail('unsupported', `${src.name} is a container: containers are made from images (docker commit, then docker run), not cloned`);
  if (src.kind === 'cloud-vm') return fail('unsupported', `${src.name} is a cloud VM: capture an image of it and create a VM from that`);
  if (!CLONABLE.includes(state)) return fail('invalid-state', `cannot clone ${src.name} while it is ${state}`, undefined, { state });
  const bad = badId('workload', options.id);
  if (bad) return fail('invalid-input', bad);
  const taken = wl.indexOf(options.id);
  if (taken !== undefined && wl.stateOf(taken) !== 'deleted') return fail('duplicate-id', `a workload named ${options.id} already exists`);
  const from = wl.host[w];
  if (from < 0 || !core.hosts.isConnected(from))
    return fail(
      'invalid-state',
      `cannot clone ${src.name}: its disk is on ${from < 0 ? 'no host' : `${core.hosts.records[from].id}, which is ${core.hosts.state(from)}`}`,
    );

  const tree = core.snapshots.of(w);
  const snapName = options.snapshot ?? (options.linked ? tree.current : undefined);
  if (options.linked && !snapName) return fail('invalid-state', `a linked clone shares a snapshot's disk: ${src.name} has no snapshot, take one first`);
  const snap = snapName === undefined ? undefined : core.snapshots.find(w, snapName);
  if (snapName !== undefined && !snap) return fail('not-found', `${src.name} has no snapshot named ${snapName}`);

  // The clone is what the source was at the snapshot, or is now.
  const cpuMilli = snap?.cpuMilli ?? wl.cpuMilli[w];
  const memoryMiB = snap?.memoryMiB ?? wl.memoryMiB[w];
  const diskMiB = snap?.diskMiB ?? wl.diskMiB[w];
  const linked = options.linked === true;
  const claimDisk = linked ? Math.min(diskMiB, LINKED_DELTA_MIB) : diskMiB;
  // A driver's own claim carries over as it relates to the spec; with Dynamic Memory the clone claims its startup memory.
  const startupOf = wl.dynamic.get(w)?.startupMiB;
  const claim = [
    src.claim[0] === wl.cpuMilli[w] ? cpuMilli : src.claim[0],
    startupOf ?? (src.claim[1] === wl.memoryMiB[w] ? memoryMiB : src.claim[1]),
    claimDisk,
  ] as const;
  const powerOn = options.powerOn === true;
  const cluster = core.hosts.records[from].clusterIndex;
  const srcDisk = core.datastores.disks.get(w);

  let host = options.host === undefined ? undefined : core.hosts.indexOf(options.host);
  if (options.host !== undefined && host === undefined) return fail('not-found', `no host named ${options.host}`);
  if (host !== undefined && linked && core.hosts.records[host].clusterIndex !== cluster)
    return fail('invalid-input', `a linked clone must stay in ${src.name}'s cluster, where its parent disk is`);
  if (host === undefined) {
    const outcome = core.placer.place({
      platform: src.platform,
      // On its source's datastore the copy claims no disk of its host.
      amounts: [claim[0], claim[1], srcDisk ? 0 : claim[2]],
      powerOn,
      label: options.id,
      policy: src.placement.policy,
      cluster: core.topology.clusters[cluster].id,
      // The copy has the source's networks: a host its driver lets the source go to (vSphere: one with its port groups).
      ...allowedHosts(core, w, false),
      record: true,
    });
    if (!outcome.ok) return fail(outcome.haRefused ? 'admission-control' : 'insufficient-capacity', outcome.message, undefined, { short: outcome.short });
    host = outcome.host;
  }
  const policy = core.policies[src.platform].migration;
  const nic = Math.min(core.hosts.records[from].nicMbps, core.hosts.records[host].nicMbps);
  const copyMs = linked ? LINKED_MS : Math.max(1000, Math.round((diskMiB / migrationBandwidth(nic, policy.bandwidthShare)) * 1000));

  const dynamic = wl.dynamic.get(w);
  // With Dynamic Memory the spec is the maximum; the clone has the source's startup memory, as its configuration is copied.
  const startup = dynamic ? dynamic.startupMiB : memoryMiB;
  const created = createWorkload(core, {
    id: options.id,
    platform: src.platform,
    cpuMilli,
    memoryMiB: startup,
    diskMiB,
    claim: [...claim],
    image: src.image,
    model: wl.modelOf(w),
    modelLevel: wl.modelLevel[w],
    overhead: wl.overhead[w],
    durations: src.durations,
    placement: { ...src.placement, affinityGroup: undefined, antiAffinityGroup: undefined },
    host: core.hosts.records[host].id,
    powerOn,
    provisionMs: copyMs,
    shares: wl.shares[w],
    ...(wl.memLimit[w] > 0 ? { memoryLimitMiB: wl.memLimit[w] } : {}),
    ...(dynamic ? { dynamicMemory: dynamic } : {}),
    // On its source's datastore, as allocated as the source (a linked clone's delta starts empty).
    ...(srcDisk
      ? {
          datastore: linked
            ? { id: core.datastores.records[srcDisk.ds].id, format: 'thin' as const, allocatedMiB: 0, linkedMiB: claimDisk }
            : { id: core.datastores.records[srcDisk.ds].id, format: srcDisk.format, allocatedMiB: srcDisk.allocatedMiB },
        }
      : {}),
    // A VM deployed from a template is a VM, not another template.
    attrs: {
      ...copyableAttrs(src.attrs),
      ...options.attrs,
      [CLONE_OF]: src.id,
      ...(snapName ? { [CLONE_SNAPSHOT]: snapName } : {}),
      ...(linked ? { [CLONE_LINKED]: true } : {}),
    },
  });
  if (!created.ok) return created;
  const how = linked ? `linked to snapshot ${snapName}, a ${formatMiB(claimDisk)} delta disk` : `full, copying ${formatMiB(diskMiB)} of disk`;
  core.log.append({
    kind: 'workload.cloned',
    subjectType: 'workload',
    subjectId: options.id,
    severity: 'info',
    message: `${options.id} cloned from ${src.name}${snapName && !linked ? ` at snapshot ${snapName}` : ''} (${how}, about ${Math.round(copyMs / 1000)} s)`,
  });
  core.changed();
  return ok({ ...created.value, linked, copyMs });
}

/** The live linked clones that share workload w's disk (all of them, or those of one snapshot). */
export function linkedClonesOf(core: Core, w: number, snapshot?: string): string[] {
  const wl = core.workloads;
  const id = wl.records[w].id;
  const out: string[] = [];
  for (let c = 0; c < wl.count; c++) {
    const a = wl.records[c].attrs;
    if (c === w || a[CLONE_LINKED] !== true || a[CLONE_OF] !== id || wl.stateOf(c) === 'deleted') continue;
    if (snapshot === undefined || a[CLONE_SNAPSHOT] === snapshot) out.push(wl.records[c].name);
  }
  return out;
}
