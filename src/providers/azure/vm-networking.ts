// What `az vm create` makes around a VM (vm/custom.py create_vm and
// vm/_validators.py in azure-cli): a NIC "{vm}VMNic" on a subnet, the subnet
// being the first of an existing VNet of the resource group in the VM's region
// (its first not named GatewaySubnet) when neither --vnet-name nor --subnet is
// given, else a new VNet "{vm}VNET" 10.0.0.0/16 with "{vm}Subnet" 10.0.0.0/24; a
// network security group "{vm}NSG" on the NIC with default-allow-ssh (Tcp 22,
// priority 1000, Linux); a public IP "{vm}PublicIP". An empty --nsg or
// --public-ip-address means none; an empty --vnet-name or --subnet is as if not
// given. It is one deployment: what it made is taken away again if the VM is refused.
import { parseCidr } from '../../network/ipv4.js';
import type { SecurityRule } from '../../network/security-rules.js';
import { type ArmFault, type AzureNetworks, isFault, type NetworkInterface, type Subnet, same, type VirtualNetwork } from './networks.js';

export interface VmNetworkOptions {
  readonly vnetName?: string;
  readonly subnet?: string;
  readonly nsg?: string;
  readonly publicIp?: string;
  readonly privateIp?: string;
  /** Existing NICs of the group to use instead of a new one (--nics); this cloud gives a VM one. */
  readonly nics?: readonly string[];
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

/** Azure resource names: 1-80 word characters, '.', '-' and '_', starting with a word character and ending with one or '_'. */
export function badResourceName(name: string): ArmFault | undefined {
  if (/^\w([\w.-]{0,78}[\w_])?$/.test(name)) return undefined;
  return {
    code: 'InvalidResourceName',
    message: [
      `Resource name ${name} is invalid. `,
      'The name can be up to 80 characters long. ',
      "It must begin with a word character, and it must end with a word character or with '_'. ",
      "The name may contain word characters or '.', '-', '_'.",
    ].join(''),
  };
}

/** What a deployment made, to take away again. */
type Undo = (() => void)[];

/** _validate_vm_vmss_create_vnet with create_vm's subnet step: the subnet the VM's NIC goes on, made if need be. */
function subnetFor(net: AzureNetworks, vm: string, group: string, location: string, o: VmNetworkOptions, undo: Undo): [VirtualNetwork, Subnet] | ArmFault {
  if (o.subnet !== undefined && o.vnetName === undefined) return { code: 'usage', message: 'incorrect usage: --subnet ID | --subnet NAME --vnet-name NAME' };
  if (o.vnetName?.includes('/')) return { code: 'usage', message: 'incorrect usage: --subnet ID | --subnet NAME --vnet-name NAME' };
  if (o.vnetName === undefined) {
    // The first VNet of the group in the region with a subnet that is not the gateway's (a VNet with only that is passed over).
    for (const v of net.vnets.values()) {
      if (!same(v.group, group) || !same(v.location, location)) continue;
      const subnet = v.subnets.find((s) => s.name.toLowerCase() !== 'gatewaysubnet');
      if (subnet) return [v, subnet];
    }
  }
  const vnetName = o.vnetName ?? `${vm}VNET`;
  const subnetName = o.subnet ?? `${vm}Subnet`;
  const bad = badResourceName(vnetName) ?? badResourceName(subnetName);
  if (bad) return bad;
  const had = net.vnet(group, vnetName);
  if (had && !same(had.location, location))
    return { code: 'InvalidResourceReference', message: `Virtual network ${had.name} is in ${had.location}; a VM in ${location} cannot use it.` };
  const v = had ?? net.createVnet(group, location, vnetName, [VNET_PREFIX]);
  if (!had) undo.push(() => net.deleteVnet(v));
  const found = net.subnet(v, subnetName);
  if (found) return [v, found];
  const made = net.addSubnet(v, subnetName, SUBNET_PREFIX);
  if (isFault(made))
    return {
      code: 'usage',
      message: [
        `Subnet(${subnetName}) does not exist, but failed to create a new subnet with address prefix 10.0.0.0/24. `,
        'It may be caused by name or address prefix conflict. ',
        'Please specify an appropriate subnet name with --subnet or a valid address prefix value with --subnet-address-prefix.',
      ].join(''),
    };
  undo.push(() => v.subnets.splice(v.subnets.indexOf(made), 1));
  return [v, made];
}

/**
 * The VM's NIC and what goes with it, made on `net`, and how to take them away
 * again; or the fault that stops the deployment (nothing is left made then).
 * `alive` says whether a workload still exists (a NIC of a deleted VM is free).
 */
export function networkVm(
  net: AzureNetworks,
  vmId: string,
  vm: string,
  group: string,
  location: string,
  o: VmNetworkOptions,
  alive: (id: string) => boolean,
): { nic: NetworkInterface; undo: () => void } | ArmFault {
  const undo: Undo = [];
  const rollback = () => {
    for (const step of undo.reverse()) step();
  };
  const r = build(net, vmId, vm, group, location, o, alive, undo);
  if (isFault(r)) {
    rollback();
    return r;
  }
  return { nic: r, undo: rollback };
}

function build(
  net: AzureNetworks,
  vmId: string,
  vm: string,
  group: string,
  location: string,
  given: VmNetworkOptions,
  alive: (id: string) => boolean,
  undo: Undo,
): NetworkInterface | ArmFault {
  if (given.nics !== undefined) return existingNic(net, vmId, group, location, given, alive, undo);
  // An empty --vnet-name or --subnet is no value (the validators test them for truth).
  const o: VmNetworkOptions = { ...given, vnetName: given.vnetName || undefined, subnet: given.subnet || undefined };
  const at = subnetFor(net, vm, group, location, o, undo);
  if (isFault(at)) return at;
  const [v, s] = at;
  const nicName = `${vm}VMNic`;
  const old = net.nic(group, nicName);
  if (old?.vm !== undefined && alive(old.vm)) return { code: 'NicInUse', message: `Network Interface ${nicName} is used by existing resource ${old.vm}.` };
  // The template's NIC is a PUT over one of the same name a deleted VM left: on the same subnet with a dynamic address it
  // keeps its address; anything else makes it anew.
  if (old && (!same(old.vnet, v.name) || !same(old.subnet, s.name) || o.privateIp !== undefined || old.allocation === 'Static')) {
    const state = { ...old };
    net.deleteNic(old);
    undo.push(() => {
      const back = net.vnet(state.group, state.vnet);
      const sub = back && net.subnet(back, state.subnet);
      if (back && sub)
        net.createNic(state.group, state.location, state.name, back, sub, {
          ip: state.ip,
          allocation: state.allocation,
          ...(state.nsg ? { nsg: state.nsg } : {}),
          ...(state.publicIp ? { publicIp: state.publicIp } : {}),
        });
    });
  } else if (old) {
    net.attach(old, vmId);
    undo.push(() => net.attach(old, undefined));
    return old;
  }
  let nsg: string | undefined;
  if (o.nsg !== '') {
    nsg = o.nsg ?? `${vm}NSG`;
    const bad = badResourceName(nsg);
    if (bad) return bad;
    const existing = net.nsg(group, nsg);
    if (existing) nsg = existing.name;
    else {
      const g = net.createNsg(group, location, nsg);
      net.putRule(g, DEFAULT_SSH_RULE);
      undo.push(() => net.deleteNsg(g));
    }
  }
  let publicIp: string | undefined;
  if (o.publicIp !== '') {
    const name = o.publicIp ?? `${vm}PublicIP`;
    const bad = badResourceName(name);
    if (bad) return bad;
    const existing = net.publicIp(group, name);
    // One public IP, one IP configuration. (The provider's own sentence for this is not in any source found.)
    if (existing && net.holderOf(existing))
      return {
        code: 'PublicIPAddressInUse',
        message: `Public IP address ${existing.name} is already in use by network interface ${net.holderOf(existing)!.name}.`,
      };
    if (existing && net.lbHolding(existing))
      return {
        code: 'PublicIPAddressInUse',
        message: `Public IP address ${existing.name} is already in use by load balancer ${net.lbHolding(existing)!.name}.`,
      };
    const p = existing ?? net.createPublicIp(group, location, name);
    if (isFault(p)) return p;
    if (!existing) undo.push(() => net.deletePublicIp(p));
    publicIp = p.name;
  }
  const nic = net.createNic(group, location, nicName, v, s, {
    vm: vmId,
    ...(nsg ? { nsg } : {}),
    ...(publicIp ? { publicIp } : {}),
    ...(o.privateIp ? { ip: o.privateIp } : {}),
  });
  if (!isFault(nic)) undo.push(() => net.deleteNic(nic));
  return nic;
}

/**
 * --nics: the VM takes an existing NIC (vm/_validators.py
 * _validate_vm_create_nics: a NIC by name is the VM's group's, one by resource
 * ID the group the ID names; the networking arguments that would make one are
 * refused beside it).
 */
function existingNic(
  net: AzureNetworks,
  vmId: string,
  group: string,
  location: string,
  o: VmNetworkOptions,
  alive: (id: string) => boolean,
  undo: Undo,
): NetworkInterface | ArmFault {
  const names = o.nics ?? [];
  if (o.vnetName !== undefined || o.subnet !== undefined || o.nsg !== undefined || o.publicIp !== undefined || o.privateIp !== undefined)
    return { code: 'usage', message: 'usage error: --nics cannot be used with --vnet-name, --subnet, --nsg, --public-ip-address or --private-ip-address' };
  if (names.length !== 1) return { code: 'usage', message: `usage error: --nics: this cloud gives a VM one NIC; give one (got ${names.length})` };
  // A resource ID names its own group (a NIC of another group of the region may be used); a bare name is the VM's group's.
  const byId = /\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/networkInterfaces\/([^/]+)$/i.exec(names[0]!);
  const name = byId ? byId[2]! : names[0]!.split('/').pop()!;
  const nicGroup = byId ? byId[1]! : group;
  const nic = net.nic(nicGroup, name);
  if (!nic)
    return {
      code: 'ResourceNotFound',
      message: `The Resource 'Microsoft.Network/networkInterfaces/${name}' under resource group '${nicGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
    };
  if (!same(nic.location, location))
    return { code: 'InvalidResourceReference', message: `Network interface ${nic.name} is in ${nic.location}; a VM in ${location} cannot use it.` };
  if (nic.vm !== undefined && alive(nic.vm))
    return {
      code: 'NicInUse',
      message: `Network Interface ${nic.name} is used by existing resource ${nic.vm}. A network interface can be attached to one VM.`,
    };
  net.attach(nic, vmId);
  undo.push(() => net.attach(nic, undefined));
  return nic;
}
