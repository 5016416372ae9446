// Azure's part of the estate's network topology: each subnet a segment of its
// VNet's routing domain (a VNet's system routes join its subnets; VNets without
// peering do not reach each other), the VirtualNetwork tag covering the VNet's
// address space, every subnet with a way out to the internet (default outbound
// access), each VM's NIC with its own and its subnet's security group, and a
// public IP leading straight to its NIC
// (learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview, "System routes").
import { parseIp } from '../../network/ipv4.js';
import { type Balancer, type BalancingRule, health, type Member, type Probe } from '../../network/load-balancer.js';
import { AZURE_PLATFORM_ADDRESS, EPHEMERAL_PORT, INTERNET_ADDRESS, serviceTags } from '../../network/reach.js';
import type { Protocol } from '../../network/security-rules.js';
import type { Forward, Nic, RuleSet, Segment, TopologyPart } from '../../network/topology.js';
import type { AzureDriver } from './driver.js';
import { type AzureLoadBalancer, poolNics } from './load-balancers.js';
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
  const byKey = new Map(nics.map((n) => [`${n.workloadId}/${n.name}`, n]));
  const forwards: Forward[] = [];
  for (const lb of balancers(azure, byKey)) {
    // A request reaches a backend in rotation: one whose probe has not yet failed enough times to take it out.
    for (const rule of lb.rules)
      for (const m of rule.members)
        if (health(m, rule, azure.sim.now).state !== 'down')
          for (const protocol of rule.protocol === 'All' ? (['Tcp', 'Udp'] as const) : [rule.protocol])
            forwards.push({
              label: `${lb.label} rule ${rule.name}`,
              ip: lb.frontendIp,
              port: rule.frontendPort,
              protocol,
              nic: m.nic,
              targetPort: rule.backendPort,
              // learn.microsoft.com/azure/load-balancer/load-balancer-overview, "Secure by default".
              ...(lb.sku === 'Standard' ? { closed: 'a Standard load balancer lets nothing in until a network security group allows it' } : {}),
            });
  }
  return { segments, nics, forwards };
}

export type AzureBalancer = Balancer & { readonly sku: AzureLoadBalancer['sku']; readonly group: string };

/**
 * Each load balancer as the shared model reads it: each rule's pool's NICs whose
 * VMs exist (running or not), their probes checked against the security groups a
 * probe passes on its way in from Azure's platform address.
 */
export function balancers(azure: AzureDriver, nics?: ReadonlyMap<string, Nic>): AzureBalancer[] {
  const net = azure.networks;
  const byKey = nics ?? new Map(azureTopology(azure).nics.map((n) => [`${n.workloadId}/${n.name}`, n]));
  const membersOf = (lb: AzureLoadBalancer, poolName: string): Member[] => {
    const pool = lb.pools.find((p) => p.name === poolName);
    if (!pool) return [];
    return poolNics(net, lb, pool).flatMap((n) => {
      const nic = n.vm === undefined ? undefined : byKey.get(`${n.vm}/${n.name}`);
      if (!nic) return [];
      return [
        {
          nic,
          downSince: azure.sim.workloadRow(n.vm!)?.downSince ?? -1,
          upSince: azure.sim.workloadRow(n.vm!)?.runningSince ?? -1,
          probeRefused: (p: Probe) => probeRefused(azure, n, p.port),
          clientsRefused: (r: BalancingRule) => clientsRefused(azure, lb, n, r),
        },
      ];
    });
  };
  return [...net.lbs.values()].flatMap((lb) => {
    const pip = net.publicIp(lb.group, lb.frontend.publicIp);
    if (!pip) return [];
    const rules: BalancingRule[] = lb.rules.map((r) => {
      const probe = r.probe === undefined ? undefined : lb.probes.find((p) => p.name === r.probe);
      return {
        name: r.name,
        protocol: r.protocol,
        frontendPort: r.frontendPort,
        backendPort: r.backendPort,
        ...(probe ? { probe } : {}),
        pool: r.pool,
        members: membersOf(lb, r.pool),
      };
    });
    return [{ id: `${lb.group}/${lb.name}`, label: `load balancer ${lb.name}`, frontendIp: pip.ip, rules, sku: lb.sku, group: lb.group, platform: 'azure' }];
  });
}

/** Why a client on the internet cannot reach a backend's port through the rule: a Standard LB's backends need a group that allows it. */
function clientsRefused(azure: AzureDriver, lb: AzureLoadBalancer, n: NetworkInterface, r: BalancingRule): string | undefined {
  const v = azure.networks.vnet(n.group, n.vnet);
  const s = v && azure.networks.subnet(v, n.subnet);
  if (lb.sku === 'Standard' && !n.nsg && !s?.nsg) return `a Standard load balancer lets nothing in until a network security group allows it`;
  const protocol = r.protocol === 'Udp' ? 'Udp' : 'Tcp';
  const f = flowVerdict(azure, n, 'Inbound', protocol, { ip: n.ip, port: r.backendPort }, { ip: INTERNET_ADDRESS, port: EPHEMERAL_PORT });
  return f.access === 'Deny' ? `clients' ${protocol.toLowerCase()}/${r.backendPort} is denied by ${f.ruleName}` : undefined;
}

/** Why a probe from Azure's platform address cannot reach a NIC's port, or undefined: a security group on its way denies it. */
function probeRefused(azure: AzureDriver, n: NetworkInterface, port: number): string | undefined {
  const v = flowVerdict(azure, n, 'Inbound', 'Tcp', { ip: n.ip, port }, { ip: AZURE_PLATFORM_ADDRESS, port: EPHEMERAL_PORT });
  return v.access === 'Deny' ? `the probe from ${AZURE_PLATFORM_ADDRESS} to port ${port} is denied by ${v.ruleName}` : undefined;
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
