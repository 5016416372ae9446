// vSphere standard port groups: each ESXi host's vSwitch0 carries "VM Network"
// and "Management Network" (VLAN 0) as an installed host has them (govmomi
// simulator/esx/host_config_info.go), and those host.portgroup.add puts there.
// A port group's VLAN ID: 0 none, 1-4094 that VLAN, 4095 trunk, the guest tagging
// its own frames (vim.host.PortGroup.Specification.vlanId). A VM's network
// adapters are in its `networks` attribute, a JSON list of port group names, one
// an adapter (ethernet-0 first); a VM without it has one on "VM Network".
import type { Attrs } from '../../core/workloads.js';
import { hashBytes } from '../../network/hash-bytes.js';

export interface PortGroup {
  readonly name: string;
  readonly vswitch: string;
  readonly vlan: number;
}

export const VM_NETWORK = 'VM Network';
export const DEFAULT_VSWITCH = 'vSwitch0';
export const DEFAULT_PORT_GROUPS: readonly PortGroup[] = [
  { name: VM_NETWORK, vswitch: DEFAULT_VSWITCH, vlan: 0 },
  { name: 'Management Network', vswitch: DEFAULT_VSWITCH, vlan: 0 },
];
export const VLAN_TRUNK = 4095;
export const NETWORKS_ATTR = 'networks';
/** EthernetCardTypes (govmomi object/virtual_device_list.go): the -net.adapter names and their device types. */
export const ADAPTER_TYPES: Readonly<Record<string, string>> = {
  e1000: 'VirtualE1000',
  e1000e: 'VirtualE1000e',
  vmxnet: 'VirtualVmxnet',
  vmxnet2: 'VirtualVmxnet2',
  vmxnet3: 'VirtualVmxnet3',
  vmxnet3vrdma: 'VirtualVmxnet3Vrdma',
  pcnet32: 'VirtualPCNet32',
  sriov: 'VirtualSriovEthernetCard',
};

export interface VmNic {
  readonly network: string;
  /** Its -net.adapter name (e1000 unless said). */
  readonly adapter: string;
}

/** A VM's adapters, in device order; a VM with none named has one e1000 on VM Network, as govc vm.create gives it (NetworkFlag's defaults). */
export function nicsOf(attrs: Attrs): VmNic[] {
  const raw = attrs[NETWORKS_ATTR];
  if (typeof raw !== 'string') return [{ network: VM_NETWORK, adapter: 'e1000' }];
  try {
    const list = JSON.parse(raw) as unknown;
    if (Array.isArray(list))
      return list.flatMap((n) =>
        typeof n === 'object' && n !== null && typeof n.network === 'string'
          ? [{ network: n.network, adapter: typeof n.adapter === 'string' ? n.adapter : 'e1000' }]
          : [],
      );
  } catch {
    // A file's value that is not JSON is read as no adapters, as Docker's is (container-networks.ts).
  }
  return [];
}

export const nicsAttr = (nics: readonly VmNic[]) => ({ [NETWORKS_ATTR]: JSON.stringify(nics) });

/** ethernet-N: a NIC's device name, N its index (govc names them by PCI unit number less 7, the first at 7). */
export const deviceName = (i: number) => `ethernet-${i}`;

/**
 * A NIC's MAC as vCenter assigns it: 00:50:56 (VMware's OUI), the fourth octet in
 * 0x80-0xBF as vCenter's generated range has it, the rest drawn from the VM's id
 * and the adapter's index (vSphere Networking, "VMware OUI Allocation": vCenter
 * generates addresses in 00:50:56:80:00:00 - 00:50:56:BF:FF:FF).
 */
export function nicMac(vmId: string, i: number): string {
  const [a, b, c] = hashBytes(`${vmId}/${i}`, 0x5056, 3) as [number, number, number];
  return ['00', '50', '56', (0x80 | (a & 0x3f)).toString(16), b.toString(16).padStart(2, '0'), c.toString(16).padStart(2, '0')].join(':');
}
