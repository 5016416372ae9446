// One interface for five platforms. A driver declares its defaults, what it can do
// (capabilities as data) and its vocabulary, and calls the core for everything
// else: it never does resource arithmetic of its own.

import type { InitialState } from '../core/commands/create.js';
import type { DiskFormat } from '../core/datastores.js';
import type { Platform, UtilizationModel } from '../core/model.js';
import type { Result } from '../core/result.js';
import type { ScheduledStep } from '../core/transitions.js';
import type { HostView, WorkloadView } from '../core/views.js';
import type { LineAccess } from './access/line-access.js';
import type { Blocking } from './blocking.js';
import type { Capability, CapabilityId } from './capabilities.js';

/** What the platform calls things: a KVM "domain", a Hyper-V "checkpoint", an Azure "resource group". */
export interface Terms {
  readonly workload: string;
  readonly workloads: string;
  readonly host: string;
  readonly hosts: string;
  readonly snapshot: string;
  readonly snapshots: string;
  /** Where workloads are grouped: cluster, resource group, Docker host. */
  readonly group: string;
}

/** A workload as its driver presents it. */
export interface ProviderWorkload extends WorkloadView {
  /** The platform's own name for its state ("shut off", "Off", "VM deallocated", "Exited (137)"). */
  readonly nativeState: string;
  /** The group it belongs to in the platform's terms (its resource group, Docker host, cluster). */
  readonly group: string;
  /** Platform facts worth a column or a detail line ("Size": "Standard_B2s"). */
  readonly details: Readonly<Record<string, string>>;
}

export interface Operation {
  /** One sentence of what was done or started. */
  readonly message: string;
  readonly steps: readonly ScheduledStep[];
}

export interface ExecResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Whether the estate changed (so a file it came from is saved back). */
  readonly changed: boolean;
  /** Set when the real command would not have returned yet: what is printed above comes at once, the rest when it returns. */
  readonly blocking?: Blocking;
}

/** What the UI's "new" form and tapes give any provider. */
export interface CreateRequest {
  readonly name: string;
  readonly vcpus?: number;
  readonly memoryMiB?: number;
  readonly diskGiB?: number;
  /** Azure's size ("Standard_B2s"). */
  readonly size?: string;
  /** OS image, or a container image ("nginx:1.27"). */
  readonly image?: string;
  /** Where: a host, a cluster, a resource group, a region. */
  readonly host?: string;
  readonly cluster?: string;
  readonly group?: string;
  readonly region?: string;
  readonly powerOn?: boolean;
  /** Make it exist already, in this state, with no lifecycle (building an estate). */
  readonly initialState?: InitialState;
  /** How busy it is (presets set this; by default the driver or the image decides). */
  readonly model?: UtilizationModel;
  /** Flags of the real command that the simulation accepted but does not model, as given. */
  readonly recorded?: readonly string[];
  /** Deploy from this template (a clone of it) rather than a blank VM. */
  readonly template?: string;
  /** Its disk on this shared datastore, so allocated (what a thin one has written, GiB); else on its host's own storage. */
  readonly datastore?: { readonly id: string; readonly format: DiskFormat; readonly allocatedGiB?: number };
}

/** Arguments some capabilities take. */
export interface PerformArgs {
  readonly snapshot?: string;
  readonly withMemory?: boolean;
  /** Migrate: where to; clone: where to put the clone (placement chooses if not given). */
  readonly targetHost?: string;
  /** Migrate: take a disk on the source host's own storage along (copied first). */
  readonly copyStorage?: boolean;
  /** Migrate: a vMotion with storage, the disks going to this shared datastore (by id) that the target mounts. */
  readonly targetDatastore?: string;
  /** Clone: the new VM's name, linked (sharing a snapshot's disk) or full, and whether to power it on. */
  readonly cloneName?: string;
  readonly linked?: boolean;
  readonly powerOn?: boolean;
  /** Flags of the real command that the simulation accepted but does not model. */
  readonly recorded?: readonly string[];
  readonly size?: string;
  readonly vcpus?: number;
  readonly memoryMiB?: number;
}

export interface Provider {
  readonly platform: Platform;
  /** "VMware vSphere (simulated)" */
  readonly name: string;
  readonly terms: Terms;
  /** The first words of the native commands it answers ("virsh", "virt-install"). */
  readonly commands: readonly string[];
  /** A few lines of its vocabulary, for completion and help. */
  readonly examples: readonly string[];
  /** Every command phrase it answers ("virsh list", "az vm create", "Get-VM"), for completion. */
  readonly vocabulary: readonly string[];
  /** Everything it can ever do. */
  readonly supported: readonly CapabilityId[];
  /** Whether its clones may be linked (share a snapshot's disk) rather than full copies. */
  readonly linkedClones: boolean;
  /** A free name for a clone of this workload ("web-01-clone"). */
  defaultCloneName(v: WorkloadView): string;
  /** What it can do to this workload now. */
  capabilities(workloadId: string): Capability[];
  hosts(): HostView[];
  workloads(): ProviderWorkload[];
  workload(id: string): ProviderWorkload | undefined;
  create(request: CreateRequest): Result<Operation>;
  perform(workloadId: string, capability: CapabilityId, args?: PerformArgs): Result<Operation>;
  /** The native command that would do the same: shown in confirmation dialogs. */
  nativeCommand(workloadId: string, capability: CapabilityId, args?: PerformArgs): string;
  /** Runs one native command line, already split into words. */
  exec(argv: readonly string[]): ExecResult;
  /**
   * What a native line asks of the policy point, worked out without running it; undefined when the
   * command refuses it before it reaches the platform's authorization (an unknown command, a bad flag).
   */
  lineAccess(argv: readonly string[]): LineAccess | undefined;
}
