// vSphere's outputs read into what the estate needs, as govc prints them with
// -json: each host (host.info: its name, Summary.Hardware.NumCpuCores and
// MemorySize in bytes) and each VM (vm.info: Config.Name, Hardware.NumCPU and
// MemoryMB, GuestId, Runtime.PowerState and the host it runs on, a reference
// matched against the hosts' Self). Older govc prints the vSphere API's names in
// PascalCase, newer in camelCase: both are read.

import type { InitialState } from '../../core/commands/create.js';
import { num, obj, parseJson, str } from './json-fields.js';

export interface EsxHostFound {
  /** Its managed object id (ha-host, host-21): how VMs name it. */
  readonly ref: string;
  readonly name: string;
  readonly cpus: number;
  readonly memoryMiB: number;
}

export interface EsxVmFound {
  readonly name: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly state: InitialState;
  /** The host it is on, by managed object id. */
  readonly hostRef?: string;
  readonly guestId?: string;
}

const POWER_STATES: Record<string, InitialState> = { poweredOn: 'running', poweredOff: 'stopped', suspended: 'suspended' };

/** A key in either casing (NumCpuCores or numCpuCores). */
function at(o: unknown, key: string): unknown {
  const r = obj(o);
  return r[key] ?? r[key[0].toLowerCase() + key.slice(1)];
}

function list(text: string, key: string, what: string): unknown[] | string {
  const v = parseJson(text, what);
  if (typeof v === 'string') return v;
  const items = at(v.value, key);
  return Array.isArray(items) ? items : `${what} has no ${key}`;
}

/** govc host.info -json. */
export function readHostInfo(text: string): EsxHostFound[] | string {
  const items = list(text, 'HostSystems', 'govc host.info');
  if (typeof items === 'string') return items;
  const out: EsxHostFound[] = [];
  for (const [i, h] of items.entries()) {
    const hardware = at(at(h, 'Summary'), 'Hardware');
    const ref = str(at(at(h, 'Self'), 'Value'));
    const name = str(at(h, 'Name')) ?? str(at(at(at(h, 'Summary'), 'Config'), 'Name'));
    const cpus = num(at(hardware, 'NumCpuCores'));
    const bytes = num(at(hardware, 'MemorySize'));
    if (!ref || !name || cpus === undefined || cpus < 1 || bytes === undefined || bytes <= 0)
      return `govc host.info host ${i + 1} has no Self, Name, Summary.Hardware.NumCpuCores and MemorySize`;
    out.push({ ref, name, cpus, memoryMiB: Math.floor(bytes / 1048576) });
  }
  return out;
}

/** govc vm.info -json. */
export function readVmInfo(text: string): EsxVmFound[] | string {
  const items = list(text, 'VirtualMachines', 'govc vm.info');
  if (typeof items === 'string') return items;
  const out: EsxVmFound[] = [];
  for (const [i, v] of items.entries()) {
    const config = at(v, 'Config');
    const hardware = at(config, 'Hardware');
    const runtime = at(v, 'Runtime');
    const name = str(at(config, 'Name')) ?? str(at(v, 'Name'));
    const vcpus = num(at(hardware, 'NumCPU'));
    const memoryMiB = num(at(hardware, 'MemoryMB'));
    if (!name || vcpus === undefined || vcpus < 1 || memoryMiB === undefined || memoryMiB <= 0)
      return `govc vm.info VM ${i + 1} has no Config.Name, Hardware.NumCPU and MemoryMB`;
    const hostRef = str(at(at(runtime, 'Host'), 'Value'));
    const guestId = str(at(config, 'GuestId'));
    out.push({
      name,
      vcpus,
      memoryMiB,
      // VirtualMachinePowerState: poweredOn, poweredOff, suspended (its memory saved to disk).
      state: Object.hasOwn(POWER_STATES, String(at(runtime, 'PowerState'))) ? POWER_STATES[String(at(runtime, 'PowerState'))] : 'stopped',
      ...(hostRef ? { hostRef } : {}),
      ...(guestId ? { guestId } : {}),
    });
  }
  return out;
}
