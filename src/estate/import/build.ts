// What the tools said, made into an estate: a site of its own ("imported"), a
// cluster per platform, each host with its CPUs and memory, each workload with
// its size and state, through the same drivers and allocation core as every
// estate (so it opens, saves and plays like any). What could not be taken is
// said, object by object, and the rest goes on.
import type { Result } from '../../core/result.js';
import { CONTROL_CHARS } from '../../core/validate.js';
import { GUEST_IDS } from '../../providers/vmware/defaults.js';
import { Estate } from '../estate.js';
import type { CloudVmFound } from './azure.js';
import type { ContainerFound, DockerHostFound } from './docker.js';
import type { HypervHostFound, HypervVmFound } from './hyperv.js';
import type { DomainFound, LibvirtHostFound } from './libvirt.js';
import type { EsxHostFound, EsxVmFound } from './vsphere.js';

/** What the inventories do not say, taken as a lab's usual: a host's local disk, a VM's disk. */
const ASSUMED_HOST_STORAGE_MIB = 1024 * 1024;
const ASSUMED_VM_DISK_GIB = 20;
/** A guest whose OS its inventory does not give (Hyper-V's Get-VM). */
const UNKNOWN_GUEST = 'unknown';

export interface Found {
  readonly docker?: { readonly host: DockerHostFound; readonly containers: readonly ContainerFound[] };
  readonly libvirt?: { readonly host: LibvirtHostFound; readonly domains: readonly DomainFound[] };
  readonly vsphere?: { readonly hosts: readonly EsxHostFound[]; readonly vms: readonly EsxVmFound[] };
  readonly hyperv?: { readonly host: HypervHostFound; readonly vms: readonly HypervVmFound[] };
  readonly azure?: { readonly vms: readonly CloudVmFound[] };
}

export interface Built {
  readonly estate: Estate;
  readonly hosts: number;
  readonly workloads: number;
  /** Each platform's host as it is named in the estate, and the workloads taken on it. */
  readonly docker?: { readonly host: string; readonly containers: number };
  readonly libvirt?: { readonly host: string; readonly domains: number };
  readonly vsphere?: { readonly hosts: number; readonly vms: number };
  readonly hyperv?: { readonly host: string; readonly vms: number };
  readonly azure?: { readonly vms: number; readonly groups: number };
  /** Each object not taken, and why. */
  readonly left: readonly string[];
}

/** A name the estate takes (and a terminal shows safely), or undefined. */
const usable = (name: string) => name.length > 0 && name.length <= 253 && !CONTROL_CHARS.test(name) && !/^\s|\s$/.test(name);

export function buildImported(found: Found, name = 'imported estate'): Built {
  const estate = new Estate({ name, seed: 1 });
  const { sim, providers: p } = estate;
  const left: string[] = [];
  const ok = (r: { ok: boolean; error?: { message: string } }, what: string) => {
    if (!r.ok) left.push(`${what}: ${r.error?.message ?? 'refused'}`);
    return r.ok;
  };
  sim.addSite({ id: 'imported', kind: 'datacenter', location: 'imported' });
  let docker: Built['docker'];
  let libvirt: Built['libvirt'];
  const d = found.docker;
  if (d) {
    const host = singleHost(estate, left, { cluster: 'docker', platform: 'docker', what: 'Docker host', suffix: '', found: d.host });
    if (host !== undefined) {
      let containers = 0;
      for (const c of d.containers) {
        if (!usable(c.name)) {
          left.push(`container ${c.id.slice(0, 12)}: its name is not one the estate can show`);
          continue;
        }
        const r = p.docker.run({
          name: c.name,
          host,
          image: c.image,
          initialState: c.state,
          present: true,
          ...(c.memoryLimitMiB !== undefined ? { memoryLimitMiB: c.memoryLimitMiB } : {}),
          ...(c.restart ? { restart: c.restart } : {}),
          ...(c.maxRetries !== undefined ? { maxRetries: c.maxRetries } : {}),
        });
        if (r.ok) containers++;
        else left.push(`container ${c.name}: ${r.error.message}`);
      }
      docker = { host, containers };
    }
  }
  const v = found.libvirt;
  if (v) {
    // One machine may run both: the libvirt side's host then takes its name with -kvm after it.
    const host = singleHost(estate, left, { cluster: 'libvirt', platform: 'kvm', what: 'libvirt host', suffix: '-kvm', found: v.host });
    if (host !== undefined) {
      const domains = takeEach(v.domains, 'domain', left, (dom) =>
        p.kvm.create({
          name: dom.name,
          vcpus: dom.vcpus,
          memoryMiB: dom.memoryMiB,
          diskGiB: ASSUMED_VM_DISK_GIB,
          host,
          ...(dom.os ? { image: dom.os } : {}),
          initialState: dom.state,
        }),
      );
      libvirt = { host, domains };
    }
  }
  let vsphere: Built['vsphere'];
  if (found.vsphere) {
    sim.addCluster({ id: 'vsphere', site: 'imported', platform: 'vmware' });
    /** Each host's id in the estate, by its managed object id. */
    const ids = new Map<string, string>();
    for (const h of found.vsphere.hosts) {
      const id = sim.host(h.name) ? `${h.name}-esx` : h.name;
      if (!usable(h.name)) left.push('an ESXi host: its name is not one the estate can show');
      else if (
        ok(
          sim.addHost(p.vmware.hostInput({ id, cluster: 'vsphere', cores: h.cpus, memoryMiB: h.memoryMiB, storageMiB: ASSUMED_HOST_STORAGE_MIB })),
          `ESXi host ${id}`,
        )
      )
        ids.set(h.ref, id);
    }
    let vms = 0;
    for (const vm of found.vsphere.vms) {
      const host = vm.hostRef === undefined ? undefined : ids.get(vm.hostRef);
      if (!usable(vm.name)) left.push('a vSphere VM: its name is not one the estate can show');
      else if (host === undefined) left.push(`vSphere VM ${vm.name}: its host is not among those imported`);
      else {
        const r = p.vmware.create({
          name: vm.name,
          vcpus: vm.vcpus,
          memoryMiB: vm.memoryMiB,
          diskGiB: ASSUMED_VM_DISK_GIB,
          host,
          // Its guest id when vSphere's catalogue as the simulation knows it has it (other guests as otherGuest64).
          ...(vm.guestId && GUEST_IDS[vm.guestId] ? { image: vm.guestId } : {}),
          initialState: vm.state,
        });
        if (ok(r, `vSphere VM ${vm.name}`)) vms++;
      }
    }
    vsphere = { hosts: ids.size, vms };
  }
  let hyperv: Built['hyperv'];
  const hv = found.hyperv;
  if (hv) {
    const host = singleHost(estate, left, { cluster: 'hyperv', platform: 'hyperv', what: 'Hyper-V host', suffix: '-hv', found: hv.host });
    if (host !== undefined) {
      const vms = takeEach(hv.vms, 'Hyper-V VM', left, (vm) =>
        p.hyperv.create({
          name: vm.name,
          vcpus: vm.vcpus,
          memoryMiB: vm.memoryMiB,
          diskGiB: ASSUMED_VM_DISK_GIB,
          host,
          // Get-VM does not say what the guest runs.
          image: UNKNOWN_GUEST,
          ...(vm.generation ? { generation: vm.generation } : {}),
          ...(vm.dynamicMemory ? { dynamicMemory: vm.dynamicMemory } : {}),
          initialState: vm.state,
        }),
      );
      hyperv = { host, vms };
    }
  }
  let azure: Built['azure'];
  if (found.azure) {
    const groups = new Set<string>();
    /** The groups a VM was taken into (an empty one is not counted as imported). */
    const holding = new Set<string>();
    let vms = 0;
    for (const vm of found.azure.vms) {
      if (!usable(vm.name)) {
        left.push('a cloud VM: its name is not one the estate can show');
        continue;
      }
      // Each resource group in its region, as az group create would make it (the region is added to the estate).
      if (!groups.has(vm.group) && !ok(p.azure.createGroup(vm.group, vm.location), `resource group ${vm.group}`)) continue;
      groups.add(vm.group);
      const r = p.azure.create({
        name: vm.name,
        group: vm.group,
        size: vm.size,
        ...(vm.image ? { image: vm.image } : {}),
        initialState: vm.state,
      });
      if (ok(r, `cloud VM ${vm.group}/${vm.name}`)) {
        vms++;
        holding.add(vm.group);
      }
    }
    azure = { vms, groups: holding.size };
  }
  const hosts = (docker ? 1 : 0) + (libvirt ? 1 : 0) + (vsphere?.hosts ?? 0) + (hyperv ? 1 : 0);
  const workloads = (docker?.containers ?? 0) + (libvirt?.domains ?? 0) + (vsphere?.vms ?? 0) + (hyperv?.vms ?? 0) + (azure?.vms ?? 0);
  return {
    estate,
    hosts,
    workloads,
    left,
    ...(docker ? { docker } : {}),
    ...(libvirt ? { libvirt } : {}),
    ...(vsphere ? { vsphere } : {}),
    ...(hyperv ? { hyperv } : {}),
    ...(azure ? { azure } : {}),
  };
}

/**
 * A platform's one host (Docker's, libvirt's, Hyper-V's) in a cluster of its own, with its CPUs and memory; named apart
 * with `suffix` when another platform's host has its name already (one machine running both). Its id, or
 * undefined with the reason said.
 */
function singleHost(
  estate: Estate,
  left: string[],
  o: { cluster: string; platform: 'docker' | 'kvm' | 'hyperv'; what: string; suffix: string; found: { name: string; cpus: number; memoryMiB: number } },
): string | undefined {
  const { sim, providers } = estate;
  sim.addCluster({ id: o.cluster, site: 'imported', platform: o.platform });
  if (!usable(o.found.name)) {
    left.push(`the ${o.what}: its name is not one the estate can show`);
    return undefined;
  }
  const id = sim.host(o.found.name) ? `${o.found.name}${o.suffix}` : o.found.name;
  const input = { id, cluster: o.cluster, cores: o.found.cpus, memoryMiB: o.found.memoryMiB, storageMiB: ASSUMED_HOST_STORAGE_MIB };
  const r = sim.addHost(providers[o.platform].hostInput(input));
  if (!r.ok) left.push(`${o.what} ${id}: ${r.error.message}`);
  return r.ok ? id : undefined;
}

/** Each workload found, made by `make`: how many were; one whose name the estate cannot show, or that is refused, is said. */
function takeEach<T extends { readonly name: string }>(items: readonly T[], what: string, left: string[], make: (item: T) => Result<unknown>): number {
  let made = 0;
  for (const item of items) {
    if (!usable(item.name)) {
      left.push(`a ${what}: its name is not one the estate can show`);
      continue;
    }
    const r = make(item);
    if (r.ok) made++;
    else left.push(`${what} ${item.name}: ${r.error.message}`);
  }
  return made;
}
