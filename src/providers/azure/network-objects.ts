// The network resources as az prints them: AAZ's flattened models (properties
// lifted to the top, keys sorted as knack's format_json sorts them), with the
// resourceGroup az adds beside every id (azure/cli/core/commands/transform.py
// _add_resource_group). Field sets follow the recorded responses of azure-cli's
// network tests (network/tests/latest/recordings/test_network_nsg.yaml,
// test_network_vnet.yaml).
import { cidrText } from '../../network/ipv4.js';
import { DEFAULT_SECURITY_RULES, type SecurityRule } from '../../network/security-rules.js';
import { stableUuid } from '../common.js';
import { SUBSCRIPTION } from './az-resources.js';
import { type AzureNetworks, ipConfigOf, type NetworkInterface, type PublicIp, type SecurityGroup, type Subnet, type VirtualNetwork } from './networks.js';

const base = (group: string) => `/subscriptions/${SUBSCRIPTION}/resourceGroups/${group}/providers/Microsoft.Network`;
const etag = (id: string) => `W/"${stableUuid(`${id}/etag`)}"`;
const ref = (id: string, group: string) => ({ id, resourceGroup: group });

/** A network resource's id: networkPath('shop-rg', 'virtualNetworks', 'shop-vnet'). */
export const networkPath = (group: string, type: string, name: string) => `${base(group)}/${type}/${name}`;
export const vnetId = (v: { group: string; name: string }) => `${base(v.group)}/virtualNetworks/${v.name}`;
export const subnetId = (v: VirtualNetwork, s: Subnet) => `${vnetId(v)}/subnets/${s.name}`;
export const nsgId = (group: string, name: string) => `${base(group)}/networkSecurityGroups/${name}`;
export const nicId = (n: { group: string; name: string }) => `${base(n.group)}/networkInterfaces/${n.name}`;
export const publicIpId = (p: { group: string; name: string }) => `${base(p.group)}/publicIPAddresses/${p.name}`;

/** A rule as AAZ flattens it: one prefix or port in the singular field, two or more in the plural (nsg rule create's _handle_plural_or_singular). */
export function ruleObject(g: SecurityGroup, r: SecurityRule, isDefault = false): Record<string, unknown> {
  const id = `${nsgId(g.group, g.name)}/${isDefault ? 'defaultSecurityRules' : 'securityRules'}/${r.name}`;
  const pair = (one: string, many: string, list: readonly string[]) => (list.length === 1 ? { [one]: list[0], [many]: [] } : { [many]: [...list] });
  return {
    access: r.access,
    ...(r.description !== undefined ? { description: r.description } : {}),
    ...pair('destinationAddressPrefix', 'destinationAddressPrefixes', r.destinationAddressPrefixes),
    ...pair('destinationPortRange', 'destinationPortRanges', r.destinationPortRanges),
    direction: r.direction,
    etag: etag(id),
    id,
    name: r.name,
    priority: r.priority,
    protocol: r.protocol,
    provisioningState: 'Succeeded',
    resourceGroup: g.group,
    ...pair('sourceAddressPrefix', 'sourceAddressPrefixes', r.sourceAddressPrefixes),
    ...pair('sourcePortRange', 'sourcePortRanges', r.sourcePortRanges),
    type: `Microsoft.Network/networkSecurityGroups/${isDefault ? 'defaultSecurityRules' : 'securityRules'}`,
  };
}

export function nsgObject(net: AzureNetworks, g: SecurityGroup): Record<string, unknown> {
  const id = nsgId(g.group, g.name);
  const nics = [...net.nics.values()].filter((n) => n.group.toLowerCase() === g.group.toLowerCase() && n.nsg?.toLowerCase() === g.name.toLowerCase());
  const subnets = [...net.vnets.values()].flatMap((v) =>
    v.group.toLowerCase() === g.group.toLowerCase() ? v.subnets.filter((s) => s.nsg?.toLowerCase() === g.name.toLowerCase()).map((s) => [v, s] as const) : [],
  );
  return {
    defaultSecurityRules: DEFAULT_SECURITY_RULES.map((r) => ruleObject(g, r, true)),
    etag: etag(id),
    id,
    location: g.location,
    name: g.name,
    ...(nics.length ? { networkInterfaces: nics.map((n) => ref(nicId(n), n.group)) } : {}),
    provisioningState: 'Succeeded',
    resourceGroup: g.group,
    resourceGuid: stableUuid(`${id}/guid`),
    securityRules: g.rules.map((r) => ruleObject(g, r)),
    ...(subnets.length ? { subnets: subnets.map(([v, s]) => ref(subnetId(v, s), v.group)) } : {}),
    type: 'Microsoft.Network/networkSecurityGroups',
  };
}

export function subnetObject(net: AzureNetworks, v: VirtualNetwork, s: Subnet): Record<string, unknown> {
  const id = subnetId(v, s);
  const nics = [...net.nics.values()].filter((n) => n.group.toLowerCase() === v.group.toLowerCase() && n.vnet === v.name && n.subnet === s.name);
  return {
    addressPrefix: cidrText(s.prefix),
    delegations: [],
    etag: etag(id),
    id,
    ...(nics.length ? { ipConfigurations: nics.map((n) => ref(`${nicId(n)}/ipConfigurations/${ipConfigName(n)}`, n.group)) } : {}),
    name: s.name,
    ...(s.nsg ? { networkSecurityGroup: ref(nsgId(v.group, s.nsg), v.group) } : {}),
    privateEndpointNetworkPolicies: 'Disabled',
    privateLinkServiceNetworkPolicies: 'Enabled',
    provisioningState: 'Succeeded',
    resourceGroup: v.group,
    type: 'Microsoft.Network/virtualNetworks/subnets',
  };
}

export function vnetObject(net: AzureNetworks, v: VirtualNetwork): Record<string, unknown> {
  const id = vnetId(v);
  return {
    addressSpace: { addressPrefixes: v.prefixes.map(cidrText) },
    enableDdosProtection: false,
    etag: etag(id),
    id,
    location: v.location,
    name: v.name,
    provisioningState: 'Succeeded',
    resourceGroup: v.group,
    resourceGuid: stableUuid(`${id}/guid`),
    subnets: v.subnets.map((s) => subnetObject(net, v, s)),
    type: 'Microsoft.Network/virtualNetworks',
    virtualNetworkPeerings: [],
  };
}

export function publicIpObject(net: AzureNetworks, p: PublicIp): Record<string, unknown> {
  const id = publicIpId(p);
  const nic = [...net.nics.values()].find((n) => n.group.toLowerCase() === p.group.toLowerCase() && n.publicIp?.toLowerCase() === p.name.toLowerCase());
  const lb = net.lbHolding(p);
  return {
    etag: etag(id),
    id,
    idleTimeoutInMinutes: 4,
    ipAddress: p.ip,
    ...(nic ? { ipConfiguration: ref(`${nicId(nic)}/ipConfigurations/${ipConfigName(nic)}`, nic.group) } : {}),
    ...(lb ? { ipConfiguration: ref(`${networkPath(lb.group, 'loadBalancers', lb.name)}/frontendIPConfigurations/${lb.frontend.name}`, lb.group) } : {}),
    ipTags: [],
    location: p.location,
    name: p.name,
    provisioningState: 'Succeeded',
    publicIPAddressVersion: 'IPv4',
    publicIPAllocationMethod: 'Static',
    resourceGroup: p.group,
    resourceGuid: stableUuid(`${id}/guid`),
    sku: { name: 'Standard', tier: 'Regional' },
    type: 'Microsoft.Network/publicIPAddresses',
  };
}

/** The NIC's IP configuration's name (networks.ts ipConfigOf). */
export const ipConfigName = (n: NetworkInterface) => ipConfigOf(n.name);

export function nicObject(net: AzureNetworks, n: NetworkInterface, vmResourceId: (vmId: string) => string | undefined): Record<string, unknown> {
  const id = nicId(n);
  const v = net.vnet(n.group, n.vnet)!;
  const s = net.subnet(v, n.subnet)!;
  const pip = n.publicIp ? net.publicIp(n.group, n.publicIp) : undefined;
  const vm = n.vm ? vmResourceId(n.vm) : undefined;
  const pools = net.lbPoolsOf(n).map(([lb, p]) => ref(`${networkPath(lb.group, 'loadBalancers', lb.name)}/backendAddressPools/${p.name}`, lb.group));
  return {
    auxiliaryMode: 'None',
    auxiliarySku: 'None',
    disableTcpStateTracking: false,
    dnsSettings: { appliedDnsServers: [], dnsServers: [] },
    enableAcceleratedNetworking: false,
    enableIPForwarding: false,
    etag: etag(id),
    hostedWorkloads: [],
    id,
    ipConfigurations: [
      {
        etag: etag(`${id}/ipc`),
        id: `${id}/ipConfigurations/${ipConfigName(n)}`,
        ...(pools.length ? { loadBalancerBackendAddressPools: pools } : {}),
        name: ipConfigName(n),
        primary: true,
        privateIPAddress: n.ip,
        privateIPAddressVersion: 'IPv4',
        privateIPAllocationMethod: n.allocation,
        provisioningState: 'Succeeded',
        ...(pip ? { publicIPAddress: ref(publicIpId(pip), pip.group) } : {}),
        resourceGroup: n.group,
        subnet: ref(subnetId(v, s), v.group),
        type: 'Microsoft.Network/networkInterfaces/ipConfigurations',
      },
    ],
    location: n.location,
    macAddress: n.mac,
    name: n.name,
    ...(n.nsg ? { networkSecurityGroup: ref(nsgId(n.group, n.nsg), n.group) } : {}),
    nicType: 'Standard',
    ...(vm ? { primary: true } : {}),
    provisioningState: 'Succeeded',
    resourceGroup: n.group,
    resourceGuid: stableUuid(`${id}/guid`),
    tapConfigurations: [],
    type: 'Microsoft.Network/networkInterfaces',
    ...(vm ? { virtualMachine: ref(vm, n.group) } : {}),
    vnetEncryptionSupported: false,
  };
}
