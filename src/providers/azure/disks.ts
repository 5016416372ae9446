// Azure managed disks: each VM's OS disk (made with it, kept when it is deleted:
// its deleteOption is Detach) and data disks, made with az disk create or az vm
// disk attach --new, attached at a LUN or not. A disk's performance tier is the
// smallest of its SKU's sizes that holds it, and the tier's IOPS and throughput
// caps are the disk's. Sources: Microsoft Learn's disk size tables
// (azure-docs includes/disk-storage-premium-ssd-sizes.md, -standard-ssd-sizes.md,
// -standard-hdd-sizes.md: Premium P1-P80, Standard SSD E1-E80 with the same
// sizes, Standard HDD S4-S80), azure-cli vm/custom.py (create_managed_disk's
// default sku Premium_LRS; attach_managed_data_disk's default size 1023 GB and
// its LUN: the lowest free).
// Billing: a managed disk is billed at its tier's monthly price whether it is
// attached or not and whatever its VM's power state (Microsoft Learn, "States and
// billing status of Azure Virtual Machines": deallocated VMs' disks are still
// billed), by the hour, a month being 730 hours (365 x 24 / 12, as the Azure
// pricing calculator counts).
import { naturalCompare } from '../../core/natural-compare.js';
import { stableUuid } from '../common.js';

export const DISK_SKUS = ['Premium_LRS', 'StandardSSD_LRS', 'Standard_LRS'] as const;
export type DiskSku = (typeof DISK_SKUS)[number];

/** What create_managed_disk gives when --sku is not given. */
export const DEFAULT_DISK_SKU: DiskSku = 'Premium_LRS';
/** attach_managed_data_disk's size_gb=1023 for --new without --size-gb. */
export const NEW_DATA_DISK_GB = 1023;
/** The largest managed disk of these SKUs, GiB (the size tables' P80/E80/S80). */
export const MAX_DISK_GB = 32_767;

interface Tier {
  readonly name: string;
  readonly gib: number;
  readonly iops: number;
  readonly mbps: number;
  /** Pay-as-you-go list price, USD a month (East US, LRS). */
  readonly monthly: number;
}

const SIZES = [4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16_384, 32_767];
const SUFFIX = ['1', '2', '3', '4', '6', '10', '15', '20', '30', '40', '50', '60', '70', '80'];

/**
 * Monthly prices, USD, East US, LRS, pay-as-you-go: the Azure Retail Prices API's
 * "<tier> LRS Disk" meters (unitOfMeasure 1/Month) as public captures of it record
 * them (P10 19.71, P20 73.22 and P30 135.17 in three independent ones; the rest
 * from one coherent capture, P1-P50, E1-E50, S4-S50). The 8-32 TiB tiers (P60-P80,
 * E60-E80, S60-S80) had no capture found: they are priced at their SKU's 4 TiB
 * tier's rate per GiB, an estimate. Like the VM sizes' prices, the simulation
 * charges them in every region.
 */
const MONTHLY = {
  Premium_LRS: [0.77, 1.54, 3.08, 5.28, 10.21, 19.71, 38.02, 73.22, 135.17, 259.2, 495.43],
  StandardSSD_LRS: [0.3, 0.6, 1.2, 2.4, 4.8, 9.6, 19.2, 38.4, 76.8, 153.6, 307.2],
  Standard_LRS: [1.54, 3.01, 5.89, 11.33, 21.76, 40.96, 77.83, 143.36],
} as const;

/** A tier's monthly price: captured, or (past 4 TiB) the 4 TiB tier's rate per GiB, to the cent. */
function monthly(sku: DiskSku, index: number, gib: number): number {
  const known: readonly number[] = MONTHLY[sku];
  if (index < known.length) return known[index]!;
  return Math.round((known[known.length - 1]! / 4096) * gib * 100) / 100;
}

/** Each SKU's tiers, smallest first, with their provisioned IOPS and MB/s. */
export const TIERS: Readonly<Record<DiskSku, readonly Tier[]>> = {
  Premium_LRS: SIZES.map((gib, i) => ({
    name: `P${SUFFIX[i]}`,
    gib,
    iops: [120, 120, 120, 120, 240, 500, 1100, 2300, 5000, 7500, 7500, 16_000, 18_000, 20_000][i]!,
    mbps: [25, 25, 25, 25, 50, 100, 125, 150, 200, 250, 250, 500, 750, 900][i]!,
    monthly: monthly('Premium_LRS', i, gib),
  })),
  // "Up to 500" IOPS and 60 MB/s through E50, then 2,000/4,000/6,000 and 400/600/750.
  StandardSSD_LRS: SIZES.map((gib, i) => ({
    name: `E${SUFFIX[i]}`,
    gib,
    iops: i < 11 ? 500 : [2000, 4000, 6000][i - 11]!,
    mbps: i < 11 ? 60 : [400, 600, 750][i - 11]!,
    monthly: monthly('StandardSSD_LRS', i, gib),
  })),
  // No S1-S3: the smallest HDD tier is S4.
  Standard_LRS: SIZES.slice(3).map((gib, i) => ({
    name: `S${SUFFIX[i + 3]}`,
    gib,
    iops: i < 8 ? 500 : [1300, 2000, 2000][i - 8]!,
    mbps: i < 8 ? 60 : [300, 500, 500][i - 8]!,
    monthly: monthly('Standard_LRS', i, gib),
  })),
};

/** Hours in a billing month (365 x 24 / 12). */
export const HOURS_PER_MONTH = 730;
const HOUR_MS = 3_600_000;

/** The tier a disk of this size is billed and capped as: the smallest that holds it. */
export function tierOf(sku: DiskSku, sizeGb: number): Tier {
  const tiers = TIERS[sku];
  return tiers.find((t) => t.gib >= sizeGb) ?? tiers[tiers.length - 1]!;
}

export interface ManagedDisk {
  readonly name: string;
  readonly group: string;
  readonly location: string;
  sku: DiskSku;
  sizeGb: number;
  /** Sim ms it was made. */
  readonly createdAt: number;
  /** The VM (workload id) it is attached to, and its LUN (a data disk's); none: unattached. Changed through AzureDisks.attach. */
  vm?: string;
  lun?: number;
  /** A VM's OS disk (osType Linux): made with the VM, never attached as a data disk. */
  readonly os: boolean;
  /** What it has cost, USD, up to costFrom (sim ms): accrued when its tier changes. Absent: nothing before createdAt. */
  costSoFar?: number;
  costFrom?: number;
}

export type ManagedDiskState = Omit<ManagedDisk, never>;

/** What a disk costs an hour: its tier's monthly price over a billing month's hours. */
export function diskRatePerHour(d: ManagedDisk): number {
  return tierOf(d.sku, d.sizeGb).monthly / HOURS_PER_MONTH;
}

/** What a disk has cost from when it was made until `now`, USD. */
export function diskCost(d: ManagedDisk, now: number): number {
  const from = d.costFrom ?? d.createdAt;
  return (d.costSoFar ?? 0) + (diskRatePerHour(d) * Math.max(0, now - from)) / HOUR_MS;
}

/** A VM's OS disk's name as az vm create makes it ("<vm>_OsDisk_1_<32 hex digits>"); `n` another for a name taken by an earlier VM's. */
export function osDiskName(id: string, name: string, n: number): string {
  return `${name}_OsDisk_1_${stableUuid(n === 0 ? `${id}/osdisk` : `${id}/osdisk/${n}`).replace(/-/g, '')}`;
}

const key = (group: string, name: string) => `${group.toLowerCase()}/${name.toLowerCase()}`;

export class AzureDisks {
  private readonly disks = new Map<string, ManagedDisk>();
  /** Each VM's disks, made again after a change: a VM list reads every VM's. */
  private byVm: Map<string, ManagedDisk[]> | undefined;
  private rate: number | undefined;
  private byRegion: { readonly changes: number; readonly regions: [string, ManagedDisk[]][] } | undefined;
  /** Bumped by every change to the disks (made, removed, attached, detached, reshaped), for views kept between them. */
  changes = 0;

  get(group: string, name: string): ManagedDisk | undefined {
    return this.disks.get(key(group, name));
  }

  add(d: ManagedDisk): ManagedDisk {
    this.disks.set(key(d.group, d.name), d);
    this.byVm = undefined;
    this.rate = undefined;
    this.changes++;
    return d;
  }

  remove(d: ManagedDisk): void {
    this.disks.delete(key(d.group, d.name));
    this.byVm = undefined;
    this.rate = undefined;
    this.changes++;
  }

  /** Attaches a disk to a VM at a LUN, or (no VM) detaches it. */
  attach(d: ManagedDisk, vm?: string, lun?: number): void {
    d.vm = vm;
    d.lun = vm === undefined ? undefined : lun;
    this.byVm = undefined;
    this.changes++;
  }

  /** Every disk, in no order (for a pass over them all). */
  values(): IterableIterator<ManagedDisk> {
    return this.disks.values();
  }

  /** Every disk, by group then name. */
  all(): ManagedDisk[] {
    return [...this.disks.values()].sort((a, b) => naturalCompare(a.group, b.group) || naturalCompare(a.name, b.name));
  }

  /** Every disk by region (regions in order), then by group and name; sorted again only after a change. */
  byRegions(): readonly [string, ManagedDisk[]][] {
    if (this.byRegion?.changes !== this.changes) {
      const regions = new Map<string, ManagedDisk[]>();
      for (const d of this.all()) (regions.get(d.location) ?? regions.set(d.location, []).get(d.location)!).push(d);
      this.byRegion = { changes: this.changes, regions: [...regions].sort(([a], [b]) => naturalCompare(a, b)) };
    }
    return this.byRegion.regions;
  }

  /** A VM's disks: its OS disk, then its data disks by LUN. */
  of(vm: string): ManagedDisk[] {
    if (!this.byVm) {
      this.byVm = new Map();
      for (const d of this.disks.values()) if (d.vm !== undefined) (this.byVm.get(d.vm) ?? this.byVm.set(d.vm, []).get(d.vm)!).push(d);
      for (const list of this.byVm.values()) list.sort((a, b) => Number(b.os) - Number(a.os) || (a.lun ?? 0) - (b.lun ?? 0));
    }
    return [...(this.byVm.get(vm) ?? [])];
  }

  /** A resource group's disks go with it (az group delete). */
  deleteGroup(group: string): void {
    for (const [k, d] of this.disks) if (d.group.toLowerCase() === group.toLowerCase()) this.disks.delete(k);
    this.byVm = undefined;
    this.rate = undefined;
    this.changes++;
  }

  /** What every disk costs an hour now (each is billed, attached or not); kept until a disk is added, removed or reshaped. */
  ratePerHour(): number {
    if (this.rate === undefined) {
      this.rate = 0;
      for (const d of this.disks.values()) this.rate += diskRatePerHour(d);
    }
    return this.rate;
  }

  /** Changes a disk's size or SKU, its cost so far accrued at the old tier's price first. */
  reshape(d: ManagedDisk, now: number, change: { sizeGb?: number; sku?: DiskSku }): void {
    d.costSoFar = diskCost(d, now);
    d.costFrom = now;
    if (change.sizeGb !== undefined) d.sizeGb = change.sizeGb;
    if (change.sku !== undefined) d.sku = change.sku;
    this.rate = undefined;
    this.changes++;
  }

  /** The lowest LUN a VM has free (_get_disk_lun: start from 0, the first unused). */
  freeLun(vm: string): number {
    const used = new Set(this.of(vm).flatMap((d) => (d.lun === undefined ? [] : [d.lun])));
    let lun = 0;
    while (used.has(lun)) lun++;
    return lun;
  }

  state(): ManagedDiskState[] {
    return this.all().map((d) => ({ ...d }));
  }

  static fromState(list: readonly ManagedDiskState[]): AzureDisks {
    const disks = new AzureDisks();
    for (const d of list) disks.add({ ...d });
    return disks;
  }
}
