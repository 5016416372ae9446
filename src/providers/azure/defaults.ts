// The Azure driver's figures, in one place.
// Sources:
//  - Azure VM sizes docs: B-series (B1s 1 vCPU/1 GiB, B1ms 1/2, B2s 2/4, B2ms 2/8),
//    Dsv5 (D2s_v5 2/8, D4s_v5 4/16, D8s_v5 8/32), Esv5 (E4s_v5 4/32), Fsv2 (F4s_v2 4/8).
//  - "B-series burstable" docs: base CPU performance, credits banked per hour and
//    the most banked: B1s 10%, 6, 144; B1ms 20%, 12, 288; B2s 40%, 24, 576;
//    B2ms 60%, 36, 864; initial credits 30 (B1s, B1ms) and 60 (B2s, B2ms).
//  - Linux pay-as-you-go list prices, USD per hour, East US (Azure pricing
//    calculator, 2024); the simulation charges them in every region.
//  - Azure billing: Microsoft Learn "States and billing status of Azure Virtual
//    Machines" (power states table): Starting, Running, Stopping, Stopped billed;
//    Creating, Deallocating, Deallocated not billed (disks and networking aside).
//  - Subscription quotas: vCPUs per region and per VM family, counted for every VM
//    that exists, deallocated or not; new pay-as-you-go subscriptions start at
//    around 10-20 vCPUs per family and region.

import { table } from '../../core/own.js';
import { DEFAULT_MIGRATION, type PlatformPolicy } from '../../core/platform-policy.js';
import type { Durations } from '../../core/workloads.js';
import type { Until } from '../blocking.js';

const S = 1000;

export interface VmSize {
  readonly name: string;
  readonly vcpus: number;
  readonly memoryGiB: number;
  /** The quota family it counts against. */
  readonly family: string;
  readonly pricePerHour: number;
  readonly maxDataDisks: number;
  readonly resourceDiskMiB: number;
  /** B-series: base performance (percent of one vCPU, over the VM), initial and most credits. */
  readonly burst?: { readonly basePct: number; readonly initial: number; readonly max: number };
}

export const SIZES: readonly VmSize[] = [
  {
    name: 'Standard_B1s',
    vcpus: 1,
    memoryGiB: 1,
    family: 'standardBSFamily',
    pricePerHour: 0.0104,
    maxDataDisks: 2,
    resourceDiskMiB: 4096,
    burst: { basePct: 10, initial: 30, max: 144 },
  },
  {
    name: 'Standard_B1ms',
    vcpus: 1,
    memoryGiB: 2,
    family: 'standardBSFamily',
    pricePerHour: 0.0207,
    maxDataDisks: 2,
    resourceDiskMiB: 4096,
    burst: { basePct: 20, initial: 30, max: 288 },
  },
  {
    name: 'Standard_B2s',
    vcpus: 2,
    memoryGiB: 4,
    family: 'standardBSFamily',
    pricePerHour: 0.0416,
    maxDataDisks: 4,
    resourceDiskMiB: 8192,
    burst: { basePct: 40, initial: 60, max: 576 },
  },
  {
    name: 'Standard_B2ms',
    vcpus: 2,
    memoryGiB: 8,
    family: 'standardBSFamily',
    pricePerHour: 0.0832,
    maxDataDisks: 4,
    resourceDiskMiB: 16384,
    burst: { basePct: 60, initial: 60, max: 864 },
  },
  { name: 'Standard_D2s_v5', vcpus: 2, memoryGiB: 8, family: 'standardDSv5Family', pricePerHour: 0.096, maxDataDisks: 4, resourceDiskMiB: 0 },
  { name: 'Standard_D4s_v5', vcpus: 4, memoryGiB: 16, family: 'standardDSv5Family', pricePerHour: 0.192, maxDataDisks: 8, resourceDiskMiB: 0 },
  { name: 'Standard_D8s_v5', vcpus: 8, memoryGiB: 32, family: 'standardDSv5Family', pricePerHour: 0.384, maxDataDisks: 16, resourceDiskMiB: 0 },
  { name: 'Standard_E4s_v5', vcpus: 4, memoryGiB: 32, family: 'standardESv5Family', pricePerHour: 0.252, maxDataDisks: 8, resourceDiskMiB: 0 },
  { name: 'Standard_F4s_v2', vcpus: 4, memoryGiB: 8, family: 'standardFSv2Family', pricePerHour: 0.169, maxDataDisks: 8, resourceDiskMiB: 32768 },
];

/** What `az vm list-usage` calls each family's quota. */
export const FAMILY_LABEL: Readonly<Record<string, string>> = table<string>({
  standardBSFamily: 'Standard BS Family vCPUs',
  standardDSv5Family: 'Standard DSv5 Family vCPUs',
  standardESv5Family: 'Standard ESv5 Family vCPUs',
  standardFSv2Family: 'Standard FSv2 Family vCPUs',
});

export const DEFAULT_QUOTA = { regional: 20, perFamily: 10 } as const;

export const REGIONS: Readonly<Record<string, string>> = table<string>({
  westeurope: 'West Europe',
  northeurope: 'North Europe',
  eastus: 'East US',
  eastus2: 'East US 2',
  westus2: 'West US 2',
  uksouth: 'UK South',
  swedencentral: 'Sweden Central',
  southeastasia: 'Southeast Asia',
});

/** Marketplace image aliases az accepts (the Linux ones: this cloud runs Linux VMs). */
export const IMAGES: Readonly<Record<string, string>> = table<string>({
  Ubuntu2404: 'Canonical:ubuntu-24_04-lts:server:latest',
  Ubuntu2204: 'Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2:latest',
  Debian12: 'Debian:debian-12:12-gen2:latest',
  Debian11: 'Debian:debian-11:11-backports-gen2:latest',
  RHELLatest: 'RedHat:RHEL:9-lvm-gen2:latest',
  AlmaLinux9: 'almalinux:almalinux-x86_64:9-gen2:latest',
  SuseSles15SP5: 'SUSE:sles-15-sp5:gen2:latest',
  AzureLinux: 'MicrosoftCBLMariner:azure-linux-3:azure-linux-3-gen2:latest',
});

export const OS_DISK_GIB = 30;

export const AZURE_DURATIONS: Durations = {
  provision: [45 * S, 120 * S],
  boot: [20 * S, 45 * S],
  stop: [15 * S, 40 * S],
  suspend: [0, 0],
  resume: [0, 0],
  deallocate: [30 * S, 90 * S],
};

export const AZURE_POLICY: PlatformPolicy = { migration: DEFAULT_MIGRATION, defaultShares: 1024 };

/** What the Azure CLI calls each state ("VM running"). */
export const POWER_STATE: Readonly<Record<string, string>> = table<string>({
  provisioning: 'VM creating',
  booting: 'VM starting',
  running: 'VM running',
  stopped: 'VM stopped',
  deallocated: 'VM deallocated',
  failed: 'VM failed',
  deleted: 'VM deleted',
});

export function sizeNamed(name: string): VmSize | undefined {
  return SIZES.find((s) => s.name.toLowerCase() === name.toLowerCase() || s.name.toLowerCase() === `standard_${name.toLowerCase()}`);
}

/**
 * Which az commands block, and until what. azure-cli polls a long-running
 * operation to its end unless --no-wait is given (azure-cli-core
 * commands/__init__.py LongRunningOperation; sdk_no_wait; AAZ build_lro_poller with
 * AZ_SUPPORT_NO_WAIT in aaz/latest/vm/_start.py, _stop.py, _deallocate.py,
 * _restart.py, _delete.py). The operations end when the VM has settled: create
 * (ARM deployment, then get_vm_details shows "VM running"), start, stop (powerOff),
 * deallocate, restart, delete, resize (create_or_update restarts a running VM onto
 * the new size). `az group delete` waits until every resource in the group is gone.
 * With --no-wait each returns at once and prints nothing.
 */
export const AZ_BLOCKS: Readonly<Record<'create' | 'start' | 'stop' | 'deallocate' | 'restart' | 'delete' | 'resize' | 'group delete', Until>> = {
  create: 'settled',
  start: 'settled',
  stop: 'settled',
  deallocate: 'settled',
  restart: 'settled',
  delete: 'settled',
  resize: 'settled',
  'group delete': 'settled',
};
