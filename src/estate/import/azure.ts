// Azure's outputs read into what the estate needs: each VM (az vm list -d: its
// name, resource group, region, size, power state, and the marketplace image it
// came from). Field names are azure-cli's (the ARM VirtualMachine model, with
// list -d's powerState, "VM running", added by azure-cli's vm custom.py).

import type { InitialState } from '../../core/commands/create.js';
import { jsonArray, obj, str } from './json-fields.js';

export interface CloudVmFound {
  readonly name: string;
  readonly group: string;
  readonly location: string;
  readonly size: string;
  readonly state: InitialState;
  /** publisher:offer:sku:version, when the VM came from the marketplace. */
  readonly image?: string;
}

/**
 * A VM's state from list -d's powerState ("VM " and the instance view's PowerState code:
 * running, starting, stopped, stopping, deallocated, deallocating): stopped keeps the VM
 * allocated and billed, deallocated releases it. One on its way is taken as where it goes.
 */
function powerState(text: unknown): InitialState {
  const code = str(text)?.replace(/^VM /, '');
  return code === 'running' || code === 'starting' ? 'running' : code === 'deallocated' || code === 'deallocating' ? 'deallocated' : 'stopped';
}

/** az vm list -d -o json: a JSON array of VMs. */
export function readAzVmList(text: string): CloudVmFound[] | string {
  const v = jsonArray(text, 'az vm list');
  if (typeof v === 'string') return v;
  const out: CloudVmFound[] = [];
  for (const [i, item] of v.entries()) {
    const o = obj(item);
    const name = str(o.name);
    const group = str(o.resourceGroup);
    const location = str(o.location);
    const size = str(obj(o.hardwareProfile).vmSize);
    if (!name || !group || !location || !size) return `az vm list item ${i + 1} has no name, resourceGroup, location and hardwareProfile.vmSize`;
    const ref = obj(obj(o.storageProfile).imageReference);
    const parts = [ref.publisher, ref.offer, ref.sku, ref.version ?? 'latest'].map(str);
    out.push({
      name,
      // ARM gives resource groups in upper case in list output; az accepts either.
      group: group.toLowerCase(),
      location,
      size,
      state: powerState(o.powerState),
      ...(parts.every((p) => p !== undefined && /^[\w.-]+$/.test(p)) ? { image: parts.join(':') } : {}),
    });
  }
  return out;
}
