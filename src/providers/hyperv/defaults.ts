// The Hyper-V driver's figures, in one place.
// Sources:
//  - Microsoft Docs, "Hyper-V Dynamic Memory" and Set-VMMemory: startup, minimum
//    and maximum memory; the buffer is 5-2000%, 20% by default.
//  - "New virtual machine options and defaults in Hyper-V Manager": Generation 1,
//    1024 MB startup memory.
//  - Checkpoint types: Production (the default since Windows Server 2016; uses VSS
//    in the guest, no memory) and Standard (saves memory too).
//  - Hyper-V host settings: 2 simultaneous live migrations by default.
//  - Hyper-V does not overcommit memory: a VM gets what it is assigned, and Dynamic
//    Memory is how it shares. CPU: a relative weight of 100 per VM.
import { DEFAULT_MIGRATION, type PlatformPolicy } from '../../core/platform-policy.js';
import type { Durations } from '../../core/workloads.js';
import { table } from '../../core/own.js';

const S = 1000;

export const HYPERV_RATIOS = { cpu: 4, memory: 1, storage: 1 } as const;
export const DEFAULT_STARTUP_MIB = 1024;
export const DEFAULT_BUFFER_PCT = 20;
export const DEFAULT_GENERATION = 1;
export const CONFIG_VERSION = '10.0';

export const HYPERV_DURATIONS: Durations = {
  // New-VM returns when the VM exists: creating takes no simulated time; booting does.
  provision: [0, 0],
  boot: [45 * S, 120 * S],
  stop: [10 * S, 40 * S],
  suspend: [5 * S, 20 * S],
  resume: [3 * S, 10 * S],
  deallocate: [0, 0],
};

export const HYPERV_OVERHEAD = 0.1;

export const HYPERV_POLICY: PlatformPolicy = {
  migration: { ...DEFAULT_MIGRATION, maxConcurrent: 2, bandwidthShare: 0.8, maxDowntimeMs: 500 },
  defaultShares: 100,
};

/** What Get-VM calls each state. */
export const VM_STATE: Readonly<Record<string, string>> = table<string>({
  provisioning: 'Off',
  booting: 'Starting',
  running: 'Running',
  paused: 'Paused',
  suspended: 'Saved',
  stopping: 'Stopping',
  stopped: 'Off',
  deallocated: 'Off',
  migrating: 'Running',
  failed: 'Off-Critical',
  deleted: 'Off',
});

export const SWITCH_TYPES = ['External', 'Internal', 'Private'] as const;
export type SwitchType = (typeof SWITCH_TYPES)[number];
export const CHECKPOINT_TYPES = ['Production', 'ProductionOnly', 'Standard', 'Disabled'] as const;
export type CheckpointType = (typeof CHECKPOINT_TYPES)[number];
