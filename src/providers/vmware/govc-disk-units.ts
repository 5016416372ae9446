// A VM's data disks as govc knows them: each one's unit on the SCSI controller
// (so its name, disk-1000-<unit>, stays when others come off) and whether it was
// attached linked, kept in the VM's `diskUnits` attribute; and the lock a
// powered-on VM holds on them. Read by the datastore's file commands (govc-disks.ts)
// and the VM's device commands (govc-vm-disks.ts).
// Sources (govmomi): object/virtual_device_list.go (newUnitNumber: the SCSI
// controller's own unit 7 is never a disk's); cli/vm/disk/attach.go (-link, true
// by default: a child delta disk whose parent is the VMDK named, ChildDisk).
// vSphere's FileLocked, "Unable to access file %s since it is locked": a running
// VM (its VMX process) holds its disks' locks; powered off or suspended, it holds
// none (VMware's "a running virtual machine creates lock files ... when it powers
// off, it removes them").
import type { VolumeView } from '../../core/volumes.js';
import type { ProviderWorkload } from '../provider.js';
import type { VmwareDriver } from './driver.js';

/** The SCSI controller every VM has here: its key, and its own unit (never a disk's). */
export const SCSI_KEY = 1000;
export const SCSI_OWN_UNIT = 7;
/** A VM's data disks' units: a JSON list of [store, name, unit] ([store, name, unit, true] for one attached linked), in the order they were added. */
export const DISK_UNITS_ATTR = 'diskUnits';

/** A data disk of a VM: its volume, its unit, and whether it was attached linked (vm.disk.attach's default). */
export interface DataDisk {
  readonly volume: VolumeView;
  readonly unit: number;
  /**
   * Attached with -link: in vSphere the VM writes to a child delta disk made in its folder, and the VMDK named is
   * that child's read-only parent, which device.remove and vm.destroy leave where it is (they delete only the
   * child). The child is not modelled here: the parent is the VM's disk, and a thin one grows by the VM's writes
   * (core storage-writes.ts), which vSphere would put in the child.
   */
  readonly linked: boolean;
}

/** A data disk's store, as the VM's unit list keeps it: a datastore's id, or "host:" and a host's. */
const storeKey = (v: VolumeView) => v.datastore ?? `host:${v.host}`;

type Recorded = [string, string, number, boolean?];

function recordedUnits(vm: ProviderWorkload): Recorded[] {
  const raw = vm.attrs[DISK_UNITS_ATTR];
  if (typeof raw !== 'string') return [];
  try {
    const list = JSON.parse(raw) as unknown;
    return Array.isArray(list)
      ? list.filter(
          (x): x is Recorded =>
            Array.isArray(x) &&
            typeof x[0] === 'string' &&
            typeof x[1] === 'string' &&
            Number.isInteger(x[2]) &&
            (x[3] === undefined || typeof x[3] === 'boolean'),
        )
      : [];
  } catch {
    return [];
  }
}

/** The lowest unit not taken. */
export const freeUnit = (used: ReadonlySet<number>) => {
  let u = 0;
  while (used.has(u)) u++;
  return u;
};

/** The unit a disk added to a VM with these data disks takes (newUnitNumber). */
export const nextUnit = (disks: readonly DataDisk[]) => freeUnit(new Set([0, SCSI_OWN_UNIT, ...disks.map((d) => d.unit)]));

/**
 * A VM's data disks and their units on the SCSI controller: those it recorded, in their order (found by store
 * and name, or by name alone once a Storage vMotion has moved them), then any attached otherwise (not linked).
 */
export function dataDisks(vmw: VmwareDriver, vm: ProviderWorkload): DataDisk[] {
  const left = vmw.sim.dataDisks(vm.id);
  const used = new Set([0, SCSI_OWN_UNIT]);
  const found: { volume: VolumeView; unit: number; linked: boolean; at: number }[] = [];
  const recorded = recordedUnits(vm);
  const claim = (test: (v: VolumeView, store: string, name: string) => boolean) =>
    recorded.forEach(([store, name, unit, linked], at) => {
      const i = left.findIndex((v) => test(v, store, name));
      if (i < 0 || used.has(unit) || found.some((x) => x.at === at)) return;
      found.push({ volume: left[i], unit, linked: linked === true, at });
      used.add(unit);
      left.splice(i, 1);
    });
  claim((v, store, name) => storeKey(v) === store && v.name === name);
  claim((v, _, name) => v.name === name);
  const out: DataDisk[] = found.sort((a, b) => a.at - b.at).map(({ volume, unit, linked }) => ({ volume, unit, linked }));
  for (const volume of left) {
    const unit = freeUnit(used);
    used.add(unit);
    out.push({ volume, unit, linked: false });
  }
  return out;
}

export function recordUnits(vmw: VmwareDriver, id: string, disks: readonly DataDisk[]): void {
  const attrs = vmw.workload(id)?.attrs ?? {};
  const list = disks.map((d): Recorded => (d.linked ? [storeKey(d.volume), d.volume.name, d.unit, true] : [storeKey(d.volume), d.volume.name, d.unit]));
  vmw.sim.setAttrs(id, { ...attrs, [DISK_UNITS_ATTR]: JSON.stringify(list) });
}

/** A data disk's device name, as device.ls lists it. */
export const diskDeviceName = (d: DataDisk) => `disk-${SCSI_KEY}-${d.unit}`;

/** The VM a volume is a data disk of, and that disk, if it is one. */
export function dataDiskOf(vmw: VmwareDriver, v: VolumeView): { vm: ProviderWorkload; disk: DataDisk } | undefined {
  const vm = v.attachedTo === undefined ? undefined : vmw.workload(v.attachedTo);
  const disk = vm && dataDisks(vmw, vm).find((d) => d.volume.name === v.name && storeKey(d.volume) === storeKey(v));
  return vm && disk ? { vm, disk } : undefined;
}

/** Whether a VM holds its disks' locks: powered on (running, paused, on the move; not off, not suspended). */
export const holdsLocks = (vm: ProviderWorkload) => vm.nativeState === 'poweredOn';
