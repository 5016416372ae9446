// What `az vm create` makes around a VM (vm/custom.py create_vm and
// vm/_validators.py in azure-cli): a NIC "{vm}VMNic" on a subnet, the subnet
// being the first of an existing VNet of the resource group in the VM's region
// (its first not named GatewaySubnet) when neither --vnet-name nor --subnet is
// given, else a new VNet "{vm}VNET" 10.0.0.0/16 with "{vm}Subnet" 10.0.0.0/24; a
// network security group "{vm}NSG" on the NIC with default-allow-ssh (Tcp 22,
// priority 1000, Linux); a public IP "{vm}PublicIP". An empty --nsg or
// --public-ip-address means none.
import { parseCidr } from '../../network/ipv4.js';
import type { SecurityRule } from '../../network/security-rules.js';
import type { ArmFault, AzureNetworks, NetworkInterface, Subnet, VirtualNetwork } from './networks.js';

export interface VmNetworkOptions {
  readonly vnetName?: string;
  readonly subnet?: string;
  readonly nsg?: string;
  readonly publicIp?: string;
  readonly privateIp?: string;
}

/** create_vm's defaults: vnet_address_prefix and subnet_address_prefix. */
const VNET_PREFIX = parseCidr('10.0.0.0/16')!;
const SUBNET_PREFIX = parseCidr('10.0.0.0/24')!;

/** vm/_template_builder.py build_nsg_resource: the rule a Linux VM's new NSG gets. */
export const DEFAULT_SSH_RULE: SecurityRule = {
  name: 'default-allow-ssh',
  priority: 1000,
  direction: 'Inbound',
  access: 'Allow',
  protocol: 'Tcp',
  sourceAddressPrefixes: ['*'],
  sourcePortRanges: ['*'],
  destinationAddressPrefixes: ['*'],
  destinationPortRanges: ['22'],
};

const isFault = (x: object): x is ArmFault => 'code' in x && 'message' in x;

/** _validate_vm_vmss_create_vnet with create_vm's subnet step: the subnet the VM's NIC goes on, made if need be. */
function subnetFor(net: AzureNetworks, vm: string, group: string, location: string, o: VmNetworkOptions): [VirtualNetwork, Subnet] | ArmFault {
  if (o.subnet !== undefined && o.vnetName === undefined) return { code: 'usage', message: 'incorrect usage: --subnet ID | --subnet NAME --vnet-name NAME' };
  if (o.vnetName === undefined) {
    const existing = [...net.vnets.values()].find((v) => v.group.toLowerCase() === group.toLowerCase() && v.location === location && v.subnets.length > 0);
    const subnet = existing?.subnets.find((s) => s.name.toLowerCase() !== 'gatewaysubnet');
    if (existing && subnet) return [existing, subnet];
  }
  const vnetName = o.vnetName ?? `${vm}VNET`;
  const subnetName = o.subnet ?? `${vm}Subnet`;
  const had = net.vnet(group, vnetName);
  const v = had ?? (net.createVnet(group, location, vnetName, [VNET_PREFIX]) as VirtualNetwork);
  const found = net.subnet(v, subnetName);
  if (found) return [v, found];
  const made = net.addSubnet(v, subnetName, SUBNET_PREFIX);
  if (isFault(made)) {
    if (!had) net.vnets.delete(`${group.toLowerCase()}/${vnetName.toLowerCase()}`);
    return {
      code: 'usage',
      message: [
        `Subnet(${subnetName}) does not exist, but failed to create a new subnet with address prefix 10.0.0.0/24. `,
        `It may be caused by name or address prefix conflict. `,
        `Please specify an appropriate subnet name with --subnet or a valid address prefix value with --subnet-address-prefix.`,
      ].join(''),
    };
  }
  return [v, made];
}

/** The VM's NIC and what goes with it, or the fault that stops the deployment. */
export function networkVm(
  net: AzureNetworks,
  vmId: string,
  vm: string,
  group: string,
  location: string,
  o: VmNetworkOptions = {},
): NetworkInterface | ArmFault {
  const reuse = net.nic(group, `${vm}VMNic`);
  if (reuse && reuse.vm === undefined) {
    reuse.vm = vmId;
    return reuse;
  }
  const at = subnetFor(net, vm, group, location, o);
  if (isFault(at)) return at;
  const [v, s] = at;
  let nsg: string | undefined;
  if (o.nsg !== '') {
    nsg = o.nsg ?? `${vm}NSG`;
    if (!net.nsg(group, nsg)) {
      const g = net.createNsg(group, location, nsg);
      net.putRule(g, DEFAULT_SSH_RULE);
    }
  }
  let publicIp: string | undefined;
  if (o.publicIp !== '') {
    const p = net.createPublicIp(group, location, o.publicIp ?? `${vm}PublicIP`);
    if (isFault(p)) return p;
    publicIp = p.name;
  }
  return net.createNic(group, location, `${vm}VMNic`, v, s, {
    vm: vmId,
    ...(nsg ? { nsg } : {}),
    ...(publicIp ? { publicIp } : {}),
    ...(o.privateIp ? { ip: o.privateIp } : {}),
  });
}
