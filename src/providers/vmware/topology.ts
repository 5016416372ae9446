// vSphere's part of the estate's network topology: a standard port group bridges
// its VMs onto the host's uplinks, so a VM is on its site's LAN, on the port
// group's VLAN (network/site-lan.ts, shared with Hyper-V's external switches);
// a trunk port group (VLAN 4095) hands the guest its frames tagged, and a guest
// that tags none is on the untagged LAN. Port groups match across hosts by name,
// as vMotion matches them ("vMotion Networking Requirements": network labels
// consistent across hosts).
import { type LanGuest, lanSegment, lanSegmentOf } from '../../network/site-lan.js';
import type { Nic, Offline, Segment, TopologyPart } from '../../network/topology.js';
import type { ProviderWorkload } from '../provider.js';
import type { VmwareDriver } from './driver.js';
import { deviceName, nicsOf, type PortGroup, VLAN_TRUNK } from './port-groups.js';

/** States in which the guest has its addresses: running, and on both hosts while it live-migrates. */
const HOLDING = new Set(['running', 'migrating']);

/** The VLAN a port group puts its VMs' untagged frames on. */
const vlanOf = (pg: PortGroup) => (pg.vlan === VLAN_TRUNK ? 0 : pg.vlan);

/** A guest NIC's id on its LAN: its VM's id and its device. */
export const lanGuestId = (vmId: string, i: number) => `${vmId}/${deviceName(i)}`;

/** The port group an adapter of a VM is connected to on its host, if the host has one of that name. */
export function portGroupOf(vmw: VmwareDriver, host: string, network: string): PortGroup | undefined {
  return vmw.networksOn(host).find((p) => p.name === network);
}

/** The running VMs' adapters on their sites' LANs, in the order of the VMs and their devices. */
export function lanGuests(vmw: VmwareDriver): LanGuest[] {
  const sites = new Map(vmw.sim.sites().map((s, i) => [s.id, i] as const));
  const out: LanGuest[] = [];
  vmw.eachRow((vm) => {
    const host = vm.host;
    if (!HOLDING.has(vm.state) || host === undefined) return;
    const site = sites.get(vmw.sim.host(host)?.site ?? '') ?? 0;
    const since = vmw.sim.now - (vm.uptimeMs ?? 0);
    const id = vm.id;
    for (const [i, n] of nicsOf(vm.attrs).entries()) {
      const pg = portGroupOf(vmw, host, n.network);
      if (pg) out.push({ id: lanGuestId(id, i), site, vlan: vlanOf(pg), since });
    }
  });
  return out;
}

/** A VM's addresses, one per connected adapter, in device order (govc vm.info's IP address is the first). */
export function addressesOf(vmw: VmwareDriver, vm: ProviderWorkload, lan = vmw.siteLan()): string[] {
  return nicsOf(vm.attrs).flatMap((_, i) => lan.get(lanGuestId(vm.id, i)) ?? []);
}

/** Why a VM cannot move to a host for want of a network, in vCenter's words, or undefined. */
export function networkMissing(vmw: VmwareDriver, vm: ProviderWorkload, target: string): string | undefined {
  if (!vmw.sim.host(target)) return undefined;
  const on = vmw.networksOn(target);
  const i = nicsOf(vm.attrs).findIndex((n) => !on.some((p) => p.name === n.network));
  if (i < 0) return undefined;
  return `Currently connected network interface 'Network adapter ${i + 1}' uses network '${nicsOf(vm.attrs)[i]!.network}', which is not accessible.`;
}

export function vmwareTopology(vmw: VmwareDriver): TopologyPart {
  const segments = new Map<string, Segment>();
  const nics: Nic[] = [];
  const offline: Offline[] = [];
  const lan = vmw.siteLan();
  for (const vm of vmw.workloadsBrief()) {
    if (vm.attrs.template === true) continue;
    if (!HOLDING.has(vm.state) || vm.host === undefined) {
      offline.push({ workloadId: vm.id, workloadName: vm.name, state: vm.nativeState });
      continue;
    }
    const site = vmw.sim.host(vm.host)?.site ?? '';
    let any = false;
    for (const [i, n] of nicsOf(vm.attrs).entries()) {
      const pg = portGroupOf(vmw, vm.host, n.network);
      const ip = lan.get(lanGuestId(vm.id, i));
      if (!pg || ip === undefined) continue;
      any = true;
      const id = lanSegment(site, vlanOf(pg));
      if (!segments.has(id)) segments.set(id, lanSegmentOf(site, vlanOf(pg), ip));
      nics.push({ name: `Network adapter ${i + 1}`, workloadId: vm.id, workloadName: vm.name, segment: id, ip, up: true, state: vm.nativeState });
    }
    // Running with no address: its port group is not on its host, or its LAN's DHCP scope is full.
    if (!any && nicsOf(vm.attrs).length > 0)
      offline.push({
        workloadId: vm.id,
        workloadName: vm.name,
        state: vm.nativeState,
        noAddress: nicsOf(vm.attrs).some((n) => portGroupOf(vmw, vm.host!, n.network))
          ? `its LAN's DHCP scope (.10-.249) is full`
          : `${vm.host} has none of its port groups (${nicsOf(vm.attrs)
              .map((n) => n.network)
              .join(', ')})`,
      });
  }
  return { segments: [...segments.values()], nics, offline };
}
