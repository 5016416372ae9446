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

import { table } from '../../core/own.js';
import { DEFAULT_MIGRATION, type PlatformPolicy } from '../../core/platform-policy.js';
import type { Durations } from '../../core/workloads.js';
import type { Until } from '../blocking.js';

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
  // Hyper-V gives a VM all of its startup memory when it starts (Dynamic Memory then assigns more or less).
  memoryBacking: 'assigned',
  // Live Migration copies memory in at most five passes (Windows Server 2012 R2 on), then pauses the VM for the rest (core/migration-plan.ts).
  migration: { ...DEFAULT_MIGRATION, maxConcurrent: 2, bandwidthShare: 0.8, maxDowntimeMs: 500, throttle: 'none', maxPasses: 5 },
  defaultShares: 100,
};

/**
 * What Get-VM calls each state (the VMState names, e.g. Running, Off, Saved,
 * Paused, Stopping, Saving, OffCritical: Microsoft Learn, "Virtual Machine" and
 * "VmState" of the Failover Cluster resource type; a value is printed as its
 * enum name, so "OffCritical" has no hyphen). A VM whose guest is booting is
 * Running: Hyper-V has powered it on, the guest boots inside it. A migration
 * keeps the state the VM had (a live one Running, a cold one Off).
 */
export const VM_STATE: Readonly<Record<string, string>> = table<string>({
  provisioning: 'Off',
  booting: 'Running',
  running: 'Running',
  paused: 'Paused',
  suspended: 'Saved',
  stopping: 'Stopping',
  stopped: 'Off',
  deallocated: 'Off',
  migrating: 'Running',
  failed: 'OffCritical',
  deleted: 'Off',
});

/** The state a VM shows while it is being saved (Stop-VM -Save, Save-VM). */
export const SAVING_STATE = 'Saving';

/** What a cmdlet waits for: a workload's state (blocking.ts), a migration's landing, a node's drain, or nothing. */
export type HypervWait = Until | 'migrated' | 'drained' | 'at-once';

/**
 * Which cmdlets return only once something has happened, and what. The Hyper-V
 * cmdlets run synchronously: each waits out the job it asked Hyper-V for unless
 * given -AsJob, "Runs the cmdlet as a background job" (Microsoft Learn: Start-VM,
 * Stop-VM, Save-VM, Suspend-VM, Resume-VM, Restart-VM, Checkpoint-VM,
 * Restore-VMSnapshot, Remove-VMSnapshot, New-VM, Remove-VM, Move-VM; Set-VM,
 * Set-VMMemory and New-VMSwitch have no -AsJob).
 * - Start-VM: until the VM is Running, i.e. powered on, the guest booting inside
 *   it; a Saved VM is Starting until its memory is restored (VmState: Starting).
 * - Stop-VM: until Off; the guest shuts down through the shutdown integration
 *   service (-Force gives it five minutes, then forces it); -TurnOff is pulling
 *   the plug; -Save until Saved (Microsoft Learn: Stop-VM).
 * - Save-VM until Saved; Suspend-VM until Paused, Resume-VM until Running again.
 * - Restart-VM: a hard reset, "like powering the computer down, then back up
 *   again": until the VM is Running again; with -Wait it "blocks the pipeline
 *   until the virtual machine has restarted", -For Heartbeat or IPAddress: until
 *   the guest is up (Microsoft Learn: Restart-VM).
 * - Move-VM until the VM runs on the destination host.
 * - Suspend-ClusterNode -Drain returns once the drain has started: "If the Wait
 *   parameter is not specified, then the call is initiated and the cmdlet returns
 *   without waiting"; with -Wait, once the node's roles have moved off it;
 *   Resume-ClusterNode at once (Microsoft Learn: Suspend-ClusterNode).
 * - Checkpoints, New-VM, Remove-VM, Set-VM*, New-VMSwitch: what they do is done
 *   when they return, and it takes no simulated time here.
 */
export const HYPERV_BLOCKS: Readonly<Record<string, HypervWait>> = table<HypervWait>({
  'start-vm': 'powered-on',
  'stop-vm': 'settled',
  'save-vm': 'settled',
  'suspend-vm': 'settled',
  'resume-vm': 'settled',
  'restart-vm': 'powered-on',
  'move-vm': 'migrated',
  'suspend-clusternode': 'at-once',
});

/** What the same cmdlets wait for with -Wait (Restart-VM, Suspend-ClusterNode). */
export const HYPERV_BLOCKS_WITH_WAIT: Readonly<Record<string, HypervWait>> = table<HypervWait>({
  'restart-vm': 'settled',
  'suspend-clusternode': 'drained',
});

export const SWITCH_TYPES = ['External', 'Internal', 'Private'] as const;
export type SwitchType = (typeof SWITCH_TYPES)[number];
export const CHECKPOINT_TYPES = ['Production', 'ProductionOnly', 'Standard', 'Disabled'] as const;
export type CheckpointType = (typeof CHECKPOINT_TYPES)[number];
