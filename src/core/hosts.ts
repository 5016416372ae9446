// The host table: physical facts of each host (cold, one record each) and its
// state (hot, a byte each). Capacity arithmetic lives in the ledger, not here.
import { codeOf, HOST_STATES, type HostState, type Platform } from './model.js';
import type { HostPower } from './power.js';
import { ensureLength } from './typed.js';
import { type Amounts, MILLI_PER_VCPU } from './units.js';

export interface HostInput {
  readonly id: string;
  readonly name?: string;
  readonly cluster: string;
  readonly cores: number;
  readonly memoryMiB: number;
  readonly storageMiB: number;
  /** NIC bandwidth used for migrations, in Mbit/s. */
  readonly nicMbps?: number;
  /** Held back for the hypervisor itself (KVM reserves 512 MiB by default, for example). */
  readonly reserved?: { readonly cpuMilli?: number; readonly memoryMiB?: number; readonly storageMiB?: number };
  /** Overcommit ratios: capacity = (total - reserved) x ratio; Infinity for no admission limit. */
  readonly ratios?: { readonly cpu?: number; readonly memory?: number; readonly storage?: number };
  readonly state?: HostState;
  /** How its power draw follows its CPU use (core/power.ts): linear between idle and max, or a measured table. */
  readonly power?: HostPower;
  /** For a container host that is a VM of the estate: that VM's id. */
  readonly backingWorkload?: string;
}

export interface Host {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly clusterIndex: number;
  readonly siteIndex: number;
  readonly platform: Platform;
  cores: number;
  memoryMiB: number;
  storageMiB: number;
  readonly nicMbps: number;
  readonly reserved: Amounts;
  readonly ratios: Amounts;
  readonly power: HostPower;
  /** Index of the VM this container host runs in, or -1 for a physical host. */
  backingWorkload: number;
}

export const DEFAULT_NIC_MBPS = 10_000;
export const DEFAULT_POWER = { idleW: 120, maxW: 450 } as const;

/** What the host physically has, before reservations and ratios. */
export function physicalTotals(h: Host): Amounts {
  return [h.cores * MILLI_PER_VCPU, h.memoryMiB, h.storageMiB];
}

/**
 * capacity_r = (total_r - reserved_r) x ratio_r, never below zero: what admission
 * lets workloads claim. A ratio of Infinity is no admission limit at all (plain
 * libvirt/KVM, ESXi memory): the capacity is then Infinity.
 */
export function capacityOf(h: Host): Amounts {
  const t = physicalTotals(h);
  return [0, 1, 2].map((r) => (h.ratios[r] === Infinity ? Infinity : Math.max(0, Math.floor((t[r] - h.reserved[r]) * h.ratios[r])))) as unknown as Amounts;
}

/**
 * What a host's use of each resource is measured against (placement scores, HA's
 * share of a cluster, "allocated" percentages): its capacity where admission
 * limits it, else what it physically has after reservations.
 */
export function scaleOf(h: Host): Amounts {
  const t = physicalTotals(h);
  const cap = capacityOf(h);
  return [0, 1, 2].map((r) => (cap[r] === Infinity ? Math.max(0, t[r] - h.reserved[r]) : cap[r])) as unknown as Amounts;
}

export class HostTable {
  readonly records: Host[] = [];
  private stateCodes = new Uint8Array(64);
  /** Container hosts that run inside a VM of the estate. */
  readonly nested: number[] = [];
  /** Hosts that are gone (a container host whose VM was deleted): kept only so indices stay put. */
  private removedFlags = new Uint8Array(64);
  /** Physical CPU (milli) and memory (MiB) left after the host's reservations, for ticks. */
  physCpu = new Float64Array(64);
  physMem = new Float64Array(64);
  private readonly byId = new Map<string, number>();

  get count(): number {
    return this.records.length;
  }

  /** Room for n hosts without growing. */
  reserve(n: number): void {
    this.stateCodes = ensureLength(this.stateCodes, n);
    this.removedFlags = ensureLength(this.removedFlags, n);
    this.physCpu = ensureLength(this.physCpu, n);
    this.physMem = ensureLength(this.physMem, n);
  }

  add(record: Omit<Host, 'index'>, state: HostState): Host {
    // A literal with every field, not a spread: spread copies get out-of-object
    // properties, and reading them in a loop over 10,000 hosts was 100x slower.
    const host: Host = {
      index: this.records.length,
      id: record.id,
      name: record.name,
      clusterIndex: record.clusterIndex,
      siteIndex: record.siteIndex,
      platform: record.platform,
      cores: record.cores,
      memoryMiB: record.memoryMiB,
      storageMiB: record.storageMiB,
      nicMbps: record.nicMbps,
      reserved: record.reserved,
      ratios: record.ratios,
      power: record.power,
      backingWorkload: record.backingWorkload,
    };
    this.stateCodes = ensureLength(this.stateCodes, host.index + 1);
    this.removedFlags = ensureLength(this.removedFlags, host.index + 1);
    this.records.push(host);
    this.byId.set(host.id, host.index);
    this.stateCodes[host.index] = codeOf(HOST_STATES, state);
    this.physCpu = ensureLength(this.physCpu, host.index + 1);
    this.physMem = ensureLength(this.physMem, host.index + 1);
    this.refreshPhysical(host.index);
    if (host.backingWorkload >= 0) this.nested.push(host.index);
    return host;
  }

  /** Recomputes a host's physical figures after its cores or memory changed. */
  refreshPhysical(index: number): void {
    const h = this.records[index];
    this.physCpu[index] = Math.max(1, h.cores * MILLI_PER_VCPU - h.reserved[0]);
    this.physMem[index] = Math.max(1, h.memoryMiB - h.reserved[1]);
  }

  /** The state codes (indices into HOST_STATES), for hot loops. */
  get codes(): Uint8Array {
    return this.stateCodes;
  }

  /**
   * Takes a host out of the estate: it can no longer be found by its id, is
   * left out of every list, and is saved no more. Its record stays, so the
   * indices of the hosts after it do not move. The caller empties it first.
   */
  remove(index: number): void {
    this.removedFlags[index] = 1;
    this.stateCodes[index] = codeOf(HOST_STATES, 'failed');
    this.byId.delete(this.records[index].id);
    const nested = this.nested.indexOf(index);
    if (nested >= 0) this.nested.splice(nested, 1);
  }

  isRemoved(index: number): boolean {
    return this.removedFlags[index] === 1;
  }

  /** The hosts of the estate, in order (those removed left out). */
  live(): Host[] {
    return this.records.filter((r) => this.removedFlags[r.index] === 0);
  }

  indexOf(id: string): number | undefined {
    return this.byId.get(id);
  }

  get(id: string): Host | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.records[i];
  }

  state(index: number): HostState {
    return HOST_STATES[this.stateCodes[index]];
  }

  isConnected(index: number): boolean {
    return this.stateCodes[index] === 0;
  }

  setState(index: number, state: HostState): void {
    this.stateCodes[index] = codeOf(HOST_STATES, state);
  }
}
