// Azure's part of the estate's network topology: each subnet a segment of its
// VNet's routing domain (a VNet's system routes join its subnets; VNets without
// peering do not reach each other), the VirtualNetwork tag covering the VNet's
// address space, every subnet with a way out to the internet (default outbound
// access), each VM's NIC with its own and its subnet's security group, and a
// public IP leading straight to its NIC
// (learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview, "System routes").
import { parseIp } from '../../network/ipv4.js';
import { serviceTags } from '../../network/reach.js';
import type { Protocol } from '../../network/security-rules.js';
import type { Nic, RuleSet, Segment, TopologyPart } from '../../network/topology.js';
import type { AzureDriver } from './driver.js';
import type { NetworkInterface, SecurityGroup } from './networks.js';

const segmentId = (group: string, vnet: string, subnet: string) => `azure/${group.toLowerCase()}/${vnet.toLowerCase()}/${subnet.toLowerCase()}`;

function ruleSet(azure: AzureDriver, g: SecurityGroup | undefined, where: string): RuleSet | undefined {
  return g ? { label: `NSG ${g.name} (${where})`, rules: azure.networks.compiled(g) } : undefined;
}

export function azureTopology(azure: AzureDriver): TopologyPart {
  azure.detachGone();
  const net = azure.networks;
  const segments: Segment[] = [...net.vnets.values()].flatMap((v) =>
    v.subnets.map((s) => ({
      id: segmentId(v.group, v.name, s.name),
      label: `subnet ${v.name}/${s.name}`,
      platform: 'azure',
      cidr: s.prefix,
      domain: `azure/${v.group.toLowerCase()}/${v.name.toLowerCase()}`,
      domainLabel: `VNet ${v.name}`,
      localSpace: v.prefixes,
      internet: true as const,
      ...(s.nsg ? { rules: ruleSet(azure, net.nsg(v.group, s.nsg), `subnet ${s.name}`) } : {}),
    })),
  );
  const nics: Nic[] = [];
  for (const n of net.nics.values()) {
    if (n.vm === undefined) continue;
    const vm = azure.workload(n.vm);
    if (!vm) continue;
    const pip = n.publicIp ? net.publicIp(n.group, n.publicIp) : undefined;
    nics.push({
      name: n.name,
      workloadId: vm.id,
      workloadName: vm.name,
      segment: segmentId(n.group, n.vnet, n.subnet),
      ip: n.ip,
      up: vm.state === 'running',
      state: vm.nativeState,
      ...(n.nsg ? { rules: ruleSet(azure, net.nsg(n.group, n.nsg), `NIC ${n.name}`) } : {}),
      // Standard SKU public IPs are secure by default: closed to inbound traffic until an NSG allows it
      // (learn.microsoft.com/azure/virtual-network/ip-services/public-ip-addresses, "SKU").
      ...(pip ? { publicIp: pip.ip, publicIpClosed: `a Standard public IP lets nothing in until a network security group allows it` } : {}),
    });
  }
  return { segments, nics };
}

/**
 * IP flow verify for one NIC: the packet read by the security groups in the order
 * Azure applies them (inbound the subnet's and then the NIC's, outbound the NIC's
 * and then the subnet's); the first group to deny decides, else the last to allow.
 */
export function flowVerdict(
  azure: AzureDriver,
  nic: NetworkInterface,
  direction: 'Inbound' | 'Outbound',
  protocol: Protocol,
  local: { ip: string; port: number },
  remote: { ip: string; port: number },
): { access: 'Allow' | 'Deny'; ruleName: string } {
  const net = azure.networks;
  const v = net.vnet(nic.group, nic.vnet)!;
  const s = net.subnet(v, nic.subnet)!;
  const groups = [s.nsg ? net.nsg(v.group, s.nsg) : undefined, nic.nsg ? net.nsg(nic.group, nic.nsg) : undefined];
  if (direction === 'Outbound') groups.reverse();
  const end = (e: { ip: string; port: number }) => ({ ip: parseIp(e.ip)!, port: e.port, tags: serviceTags(parseIp(e.ip)!, v.prefixes) });
  const flow =
    direction === 'Inbound'
      ? { direction, protocol, source: end(remote), destination: end(local) }
      : { direction, protocol, source: end(local), destination: end(remote) };
  let last: { access: 'Allow' | 'Deny'; ruleName: string } | undefined;
  for (const g of groups) {
    if (!g) continue;
    const hit = net.compiled(g).decide(flow);
    if (!hit) continue;
    last = { access: hit.rule.access, ruleName: `${hit.isDefault ? 'defaultSecurityRules' : 'securityRules'}/${hit.rule.name}` };
    if (hit.rule.access === 'Deny') return last;
  }
  return last ?? { access: 'Allow', ruleName: '' };
}
