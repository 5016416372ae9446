// Hyper-V's outputs read into what the estate needs, as PowerShell's
// ConvertTo-Json writes the module's objects: the host (Get-VMHost: Name or
// ComputerName, LogicalProcessorCount, MemoryCapacity in bytes) and its VMs
// (Get-VM: Name, State, ProcessorCount, MemoryStartup in bytes, Dynamic Memory's
// minimum and maximum, Generation). ConvertTo-Json writes one object bare and
// several as an array, an enum as its number (its name with -EnumsAsStrings),
// and nothing at all for no input; a saved output may begin with a byte-order
// mark or a WARNING line. Both a whole object and a Select-Object of it are read.

import { INITIAL_STATES, type InitialState } from '../../core/commands/create.js';
import type { DynamicMemorySettings } from '../../core/dynamic-memory.js';
import { isOneOf } from '../../core/model.js';
import { DEFAULT_BUFFER_PCT } from '../../providers/hyperv/defaults.js';
import { num, obj, parseJson, str } from './json-fields.js';

export interface HypervHostFound {
  readonly name: string;
  readonly cpus: number;
  readonly memoryMiB: number;
}

export interface HypervVmFound {
  readonly name: string;
  readonly vcpus: number;
  /** Its startup memory. */
  readonly memoryMiB: number;
  readonly state: InitialState;
  readonly generation?: number;
  readonly dynamicMemory?: DynamicMemorySettings;
}

const MIB = 1024 * 1024;

/**
 * Microsoft.HyperV.PowerShell.VMState by name (ConvertTo-Json -EnumsAsStrings, or a
 * Select-Object that made it text), as the estate holds each: on its way somewhere is
 * taken as where it goes; Saved (FastSaved, Hibernated) as suspended, its memory on disk;
 * the Critical states (its storage lost) as the state they qualify.
 */
const VM_STATES: Readonly<Record<string, InitialState>> = {
  Running: 'running',
  Off: 'stopped',
  Stopping: 'stopped',
  Saved: 'suspended',
  Paused: 'paused',
  Starting: 'running',
  Reset: 'running',
  Saving: 'suspended',
  Pausing: 'paused',
  Resuming: 'running',
  FastSaved: 'suspended',
  FastSaving: 'suspended',
  ForceShutdown: 'stopped',
  ForceReboot: 'running',
  Hibernated: 'suspended',
  ComponentServicing: 'running',
  RunningCritical: 'running',
  OffCritical: 'stopped',
  StoppingCritical: 'stopped',
  SavedCritical: 'suspended',
  PausedCritical: 'paused',
  StartingCritical: 'running',
  ResetCritical: 'running',
  SavingCritical: 'suspended',
  PausingCritical: 'paused',
  ResumingCritical: 'running',
  FastSavedCritical: 'suspended',
  FastSavingCritical: 'suspended',
};

/**
 * The enum's numbers, which ConvertTo-Json writes by default, as the module of Windows
 * Server 2019 and later numbers them (decompiled in nforgeio/neonSDK VMState.cs).
 * Those from 32783 to 32794 mean other states on Windows Server 2016, which has no
 * Hibernated or ComponentServicing (eryph-org/eryph VirtualMachineState.cs): a VM in
 * one of them is not guessed at.
 */
const VM_STATE_NUMBERS: Readonly<Record<number, string>> = {
  2: 'Running',
  3: 'Off',
  4: 'Stopping',
  6: 'Saved',
  9: 'Paused',
  10: 'Starting',
  11: 'Reset',
  32773: 'Saving',
  32776: 'Pausing',
  32777: 'Resuming',
  32779: 'FastSaved',
  32780: 'FastSaving',
  32781: 'ForceShutdown',
  32782: 'ForceReboot',
  32795: 'FastSavedCritical',
  32796: 'FastSavingCritical',
};
const AMBIGUOUS_STATES = { from: 32783, to: 32794 };

/** A VM's state, or why it cannot be told. */
function vmState(v: unknown): InitialState | string {
  if (typeof v === 'string') return Object.hasOwn(VM_STATES, v) ? VM_STATES[v] : `its State ${JSON.stringify(v.slice(0, 40))} is not one Hyper-V names`;
  if (typeof v !== 'number') return 'it has no State';
  if (v >= AMBIGUOUS_STATES.from && v <= AMBIGUOUS_STATES.to)
    return `its State ${v} names one state on Windows Server 2016 and another on later Windows (save Get-VM with ConvertTo-Json -EnumsAsStrings)`;
  const name = VM_STATE_NUMBERS[v];
  return name === undefined ? `its State ${v} is not one Hyper-V names` : VM_STATES[name];
}

/** ConvertTo-Json's output as a list of objects, or a problem. */
function objects(text: string, what: string): unknown[] | string {
  // A byte-order mark, or a WARNING line the host wrote ahead of the JSON, is not part of it.
  const at = /^\s*[[{]/m.exec(text);
  if (at === null) return text.trim() === '' ? [] : `${what} is not JSON`;
  const v = parseJson(text.slice(at.index + at[0].length - 1), what);
  if (typeof v === 'string') return v;
  return Array.isArray(v.value) ? v.value : [v.value];
}

/** Get-VMHost | ConvertTo-Json: the host (the first, where several were asked for with -ComputerName). */
export function readVmHost(text: string): HypervHostFound | string {
  const items = objects(text, 'Get-VMHost');
  if (typeof items === 'string') return items;
  const o = obj(items[0]);
  const name = str(o.Name) ?? str(o.ComputerName);
  const cpus = num(o.LogicalProcessorCount);
  const bytes = num(o.MemoryCapacity);
  if (!name || cpus === undefined || cpus < 1 || bytes === undefined || bytes <= 0) return 'Get-VMHost has no Name, LogicalProcessorCount and MemoryCapacity';
  return { name, cpus: Math.floor(cpus), memoryMiB: Math.floor(bytes / MIB) };
}

/** Get-VM | ConvertTo-Json: each VM, and each one left out with the reason. */
export function readVms(text: string): { readonly vms: HypervVmFound[]; readonly left: string[] } | string {
  const items = objects(text, 'Get-VM');
  if (typeof items === 'string') return items;
  const vms: HypervVmFound[] = [];
  const left: string[] = [];
  for (const [i, item] of items.entries()) {
    const o = obj(item);
    const name = str(o.Name) ?? str(o.VMName);
    const vcpus = num(o.ProcessorCount);
    const startup = num(o.MemoryStartup);
    if (!name || vcpus === undefined || vcpus < 1 || startup === undefined || startup <= 0)
      return `Get-VM VM ${i + 1} has no Name, ProcessorCount and MemoryStartup`;
    const state = vmState(o.State);
    if (!isOneOf(INITIAL_STATES, state)) {
      left.push(`Hyper-V VM ${i + 1}: ${state}`);
      continue;
    }
    const generation = num(o.Generation);
    const minimum = num(o.MemoryMinimum);
    const maximum = num(o.MemoryMaximum);
    const dynamic = o.DynamicMemoryEnabled === true && minimum !== undefined && maximum !== undefined;
    vms.push({
      name,
      vcpus: Math.floor(vcpus),
      memoryMiB: Math.round(startup / MIB),
      state,
      ...(generation === 1 || generation === 2 ? { generation } : {}),
      // Get-VM does not give the buffer (Get-VMMemory does): Hyper-V's default is taken.
      ...(dynamic ? { dynamicMemory: { minimumMiB: Math.round(minimum / MIB), maximumMiB: Math.round(maximum / MIB), bufferPct: DEFAULT_BUFFER_PCT } } : {}),
    });
  }
  return { vms, left };
}
