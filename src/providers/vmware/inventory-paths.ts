// vSphere's inventory as permissions see it: each object's path and the paths
// it inherits permissions through, up to the root folder. A VM inherits from two
// parents at once, its VM folder and its cluster's resource pool (vSphere
// Security guide, "Hierarchical Inheritance of Permissions"); the datacenter's
// own vm, host and datastore folders take no permission of their own, and a
// cluster's root resource pool has its cluster's (AuthorizationManager: "Child
// objects in a complex entity are forced to inherit permissions from the parent").
import type { ProviderWorkload } from '../provider.js';
import type { VmwareDriver } from './driver.js';

export interface Entity {
  readonly path: string;
  /** From the object up to "/", one chain a parent. */
  readonly chains: readonly (readonly string[])[];
}

export const ROOT: Entity = { path: '/', chains: [['/']] };

export function datacenterEntity(dc: string): Entity {
  return { path: `/${dc}`, chains: [[`/${dc}`, '/']] };
}

export function clusterEntity(dc: string, cluster: string): Entity {
  const path = `/${dc}/host/${cluster}`;
  return { path, chains: [[path, `/${dc}`, '/']] };
}

export function hostEntity(vmw: VmwareDriver, hostId: string): Entity {
  const h = vmw.sim.host(hostId);
  const dc = vmw.datacenterOf(hostId);
  const cluster = h?.cluster ?? '';
  const path = `/${dc}/host/${cluster}/${hostId}`;
  return { path, chains: [[path, `/${dc}/host/${cluster}`, `/${dc}`, '/']] };
}

export function vmEntity(vmw: VmwareDriver, vm: ProviderWorkload): Entity {
  const dc = vmw.datacenterOf(vm.host);
  const path = `/${dc}/vm/${vm.name}`;
  const cluster = vm.host ? vmw.sim.host(vm.host)?.cluster : undefined;
  return {
    path,
    chains: [[path, `/${dc}`, '/'], ...(cluster ? [[path, `/${dc}/host/${cluster}`, `/${dc}`, '/']] : [])],
  };
}

export function datastoreEntity(dc: string, name: string): Entity {
  const path = `/${dc}/datastore/${name}`;
  return { path, chains: [[path, `/${dc}`, '/']] };
}

/**
 * The object an inventory path names ("/", "/dc-east", "/dc-east/host/vsphere-prod[/esx-01]",
 * "/dc-east/vm/web-01", "/dc-east/datastore/ds-01"), or undefined when it names none.
 */
export function entityAt(vmw: VmwareDriver, path: string): Entity | undefined {
  const parts = path.split('/').filter(Boolean);
  if (parts.length === 0) return ROOT;
  const dcs = new Set(vmw.hosts().map((h) => h.site));
  const [dc, folder, a, b] = parts;
  if (!dcs.has(dc)) return undefined;
  if (folder === undefined) return datacenterEntity(dc);
  if (folder === 'vm' && a !== undefined && parts.length === 3) {
    const vm = vmw.workloadsBrief().find((v) => v.name === a && vmw.datacenterOf(v.host) === dc);
    return vm ? vmEntity(vmw, vm) : undefined;
  }
  if (folder === 'host' && a !== undefined) {
    const hosts = vmw.hosts().filter((h) => h.site === dc && h.cluster === a);
    if (hosts.length === 0) return undefined;
    if (b === undefined || (b === 'Resources' && parts.length === 4)) return clusterEntity(dc, a);
    return hosts.some((h) => h.id === b) && parts.length === 4 ? hostEntity(vmw, b) : undefined;
  }
  if (folder === 'datastore' && a !== undefined && parts.length === 3) return datastoreEntity(dc, a);
  return undefined;
}

/** The object a path, a VM's name or a host's names, for the access explanation. */
export function vsphereEntity(vmw: VmwareDriver, nameOrPath: string): Entity | undefined {
  if (nameOrPath.startsWith('/')) return entityAt(vmw, nameOrPath);
  const vm = vmw.workloadsBrief().find((v) => v.name === nameOrPath);
  if (vm) return vmEntity(vmw, vm);
  return vmw.hosts().some((h) => h.id === nameOrPath) ? hostEntity(vmw, nameOrPath) : undefined;
}
