// A VM's hard disk drives as the Hyper-V module sees them: its own VHDX and its data disks,
// each at a controller location (the model cmdlets-drives.ts documents in full). Apart from
// the drive cmdlets so that the VHD cmdlets (cmdlets-vhd.ts: Get-VHD -VMId, Resize-VHD on an
// IDE-attached data disk) can read a VM's drives without importing the cmdlets that change them.
import type { VolumeView } from '../../core/volumes.js';
import type { ProviderWorkload } from '../provider.js';
import { controllerOf, pathOf, vhdOf } from './cmdlets-storage.js';
import { DEFAULT_GENERATION } from './defaults.js';
import type { HypervDriver } from './driver.js';

export type ControllerType = 'IDE' | 'SCSI' | 'PMEM';

/** Where a drive is: a controller's type and number, and its location on it. */
export interface Slot {
  readonly type: ControllerType;
  readonly number: number;
  readonly location: number;
}

/** A VM's hard disk drive: its own VHDX (no volume), or a data disk. */
export interface Drive extends Slot {
  readonly path: string;
  readonly volume?: VolumeView;
}

/** Where each VM keeps its data disks' locations: [store, name, type, number, location] for each. */
export const DRIVE_SLOTS_ATTR = 'driveSlots';

/** How many locations a controller of each type has (VMIdeController, VMScsiController). */
export const LOCATIONS: Readonly<Record<ControllerType, number>> = { IDE: 2, SCSI: 64, PMEM: 0 };

/** The enum the module binds -ControllerType to, in its order (IDE = 0, SCSI = 1, PMEM = 2). */
export const TYPES: readonly ControllerType[] = ['IDE', 'SCSI', 'PMEM'];

export const generation = (vm: ProviderWorkload) => Number(vm.attrs.generation ?? DEFAULT_GENERATION);

/** A VM's drive controllers, as GetDriveControllers lists them: its IDE ones (generation 1), then SCSI (here, one). */
export function controllers(vm: ProviderWorkload, type?: ControllerType): { type: ControllerType; number: number }[] {
  const out: { type: ControllerType; number: number }[] = [];
  if (generation(vm) === 1 && (type === undefined || type === 'IDE')) out.push({ type: 'IDE', number: 0 }, { type: 'IDE', number: 1 });
  if (type === undefined || type === 'SCSI') out.push({ type: 'SCSI', number: 0 });
  return out;
}

export const storeKey = (v: VolumeView) => v.datastore ?? `host:${v.host}`;
export const storeOf = (v: VolumeView) => (v.datastore === undefined ? { host: v.host! } : { datastore: v.datastore });
export const sameSlot = (a: Slot, b: Slot) => a.type === b.type && a.number === b.number && a.location === b.location;

function recordedSlots(vm: ProviderWorkload): [string, string, Slot][] {
  const raw = vm.attrs[DRIVE_SLOTS_ATTR];
  if (typeof raw !== 'string') return [];
  try {
    const list = JSON.parse(raw) as unknown;
    if (!Array.isArray(list)) return [];
    return list
      .filter(
        (x): x is [string, string, ControllerType, number, number] =>
          Array.isArray(x) && typeof x[0] === 'string' && typeof x[1] === 'string' && TYPES.includes(x[2]) && Number.isInteger(x[3]) && Number.isInteger(x[4]),
      )
      .map(([store, name, type, number, location]) => [store, name, { type, number, location }]);
  } catch {
    return [];
  }
}

/** The first vacant location of a controller, if it has one. */
export function vacantOn(taken: readonly Slot[], type: ControllerType, number: number): number | undefined {
  for (let l = 0; l < LOCATIONS[type]; l++) if (!taken.some((s) => sameSlot(s, { type, number, location: l }))) return l;
  return undefined;
}

/**
 * A VM's drives: its own at 0:0, then its data disks where it recorded them (by store and
 * name, else by name alone), then any attached otherwise at the next free SCSI location;
 * listed controller by controller (IDE before SCSI), by location.
 */
export function drivesOf(hv: HypervDriver, vm: ProviderWorkload): Drive[] {
  const own: Drive = { type: controllerOf(vm), number: 0, location: 0, path: vhdOf(hv, vm).path };
  const out: Drive[] = [own];
  const left = hv.sim.dataDisks(vm.id);
  const valid = (s: Slot) => controllers(vm).some((k) => k.type === s.type && k.number === s.number) && s.location >= 0 && s.location < LOCATIONS[s.type];
  const recorded = recordedSlots(vm);
  const claim = (test: (v: VolumeView, store: string, name: string) => boolean) => {
    for (const [store, name, slot] of recorded) {
      const i = left.findIndex((v) => test(v, store, name));
      if (i < 0 || !valid(slot) || out.some((d) => sameSlot(d, slot))) continue;
      out.push({ ...slot, path: pathOf(left[i]), volume: left[i] });
      left.splice(i, 1);
    }
  };
  claim((v, store, name) => storeKey(v) === store && v.name === name);
  claim((v, _, name) => v.name === name);
  for (const volume of left) {
    const location = vacantOn(out, 'SCSI', 0);
    if (location !== undefined) out.push({ type: 'SCSI', number: 0, location, path: pathOf(volume), volume });
  }
  const order = (d: Drive) => TYPES.indexOf(d.type) * 1000 + d.number * 100 + d.location;
  return out.sort((a, b) => order(a) - order(b));
}

/** Keeps a VM's data disks' locations in its settings. */
export function recordSlots(hv: HypervDriver, id: string, drives: readonly Drive[]): void {
  const attrs = hv.workload(id)?.attrs ?? {};
  const list = drives.filter((d) => d.volume).map((d) => [storeKey(d.volume!), d.volume!.name, d.type, d.number, d.location]);
  hv.sim.setAttrs(id, { ...attrs, [DRIVE_SLOTS_ATTR]: JSON.stringify(list) });
}
