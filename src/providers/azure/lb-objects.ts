// Load balancers as az prints them. `lb show`, `lb list` and the child commands
// are AAZ commands: every `properties` lifted into its parent, unset fields left
// out (aaz/latest/network/lb/_show.py, client_flatten). `lb create` is an ARM
// deployment whose output is reference('<name>'): the properties only, each
// child keeping its own `properties` (test_network_lb_probes.yaml's recorded
// deployment; Azure/azure-cli#21831). az adds resourceGroup beside every id.
import { stableUuid } from '../common.js';
import type { AzureLoadBalancer, LbPool, LbRule } from './load-balancers.js';
import { networkPath, nicId, publicIpId } from './network-objects.js';
import { type AzureNetworks, ipConfigOf } from './networks.js';

const ref = (id: string, group: string) => ({ id, resourceGroup: group });
/** Every child shares its load balancer's etag, which changes with each PUT; here it is drawn from the LB's contents. */
const etagOf = (lb: AzureLoadBalancer) => `W/"${stableUuid(`${lbId(lb)}/${JSON.stringify(lb)}`)}"`;

export const lbId = (lb: { group: string; name: string }) => networkPath(lb.group, 'loadBalancers', lb.name);
const childId = (lb: AzureLoadBalancer, type: string, name: string) => `${lbId(lb)}/${type}/${name}`;
export const frontendId = (lb: AzureLoadBalancer) => childId(lb, 'frontendIPConfigurations', lb.frontend.name);
export const poolId = (lb: AzureLoadBalancer, name: string) => childId(lb, 'backendAddressPools', name);
export const probeId = (lb: AzureLoadBalancer, name: string) => childId(lb, 'probes', name);
export const lbRuleId = (lb: AzureLoadBalancer, name: string) => childId(lb, 'loadBalancingRules', name);

/** The rules that use a child, as the back-references the provider adds once a rule points at it. */
function usedBy(lb: AzureLoadBalancer, uses: (r: LbRule) => boolean): Record<string, unknown> {
  const rules = lb.rules.filter(uses);
  return rules.length ? { loadBalancingRules: rules.map((r) => ref(lbRuleId(lb, r.name), lb.group)) } : {};
}

export function frontendObject(net: AzureNetworks, lb: AzureLoadBalancer): Record<string, unknown> {
  const pip = net.publicIp(lb.group, lb.frontend.publicIp);
  return {
    etag: etagOf(lb),
    id: frontendId(lb),
    ...usedBy(lb, (r) => r.frontend === lb.frontend.name),
    name: lb.frontend.name,
    privateIPAllocationMethod: 'Dynamic',
    provisioningState: 'Succeeded',
    ...(pip ? { publicIPAddress: ref(publicIpId(pip), pip.group) } : {}),
    resourceGroup: lb.group,
    type: 'Microsoft.Network/loadBalancers/frontendIPConfigurations',
  };
}

export function poolObject(net: AzureNetworks, lb: AzureLoadBalancer, pool: LbPool): Record<string, unknown> {
  const members = pool.nics.map((n) => net.nic(lb.group, n)).filter((n) => n !== undefined);
  return {
    ...(members.length ? { backendIPConfigurations: members.map((n) => ref(`${nicId(n)}/ipConfigurations/${ipConfigOf(n.name)}`, n.group)) } : {}),
    etag: etagOf(lb),
    id: poolId(lb, pool.name),
    ...usedBy(lb, (r) => r.pool === pool.name),
    name: pool.name,
    provisioningState: 'Succeeded',
    resourceGroup: lb.group,
    type: 'Microsoft.Network/loadBalancers/backendAddressPools',
  };
}

export function probeObject(lb: AzureLoadBalancer, name: string): Record<string, unknown> {
  const p = lb.probes.find((x) => x.name === name)!;
  return {
    etag: etagOf(lb),
    id: probeId(lb, p.name),
    intervalInSeconds: p.intervalS,
    ...usedBy(lb, (r) => r.probe === p.name),
    name: p.name,
    numberOfProbes: p.numberOfProbes,
    port: p.port,
    probeThreshold: p.threshold,
    protocol: p.protocol,
    provisioningState: 'Succeeded',
    ...(p.path !== undefined ? { requestPath: p.path } : {}),
    resourceGroup: lb.group,
    type: 'Microsoft.Network/loadBalancers/probes',
  };
}

export function lbRuleObject(lb: AzureLoadBalancer, r: LbRule): Record<string, unknown> {
  const pool = ref(poolId(lb, r.pool), lb.group);
  return {
    backendAddressPool: pool,
    backendAddressPools: [pool],
    backendPort: r.backendPort,
    disableOutboundSnat: r.disableOutboundSnat,
    enableFloatingIP: r.floatingIp,
    enableTcpReset: r.tcpReset,
    etag: etagOf(lb),
    frontendIPConfiguration: ref(frontendId(lb), lb.group),
    frontendPort: r.frontendPort,
    id: lbRuleId(lb, r.name),
    idleTimeoutInMinutes: r.idleTimeout,
    loadDistribution: r.loadDistribution,
    name: r.name,
    ...(r.probe !== undefined ? { probe: ref(probeId(lb, r.probe), lb.group) } : {}),
    protocol: r.protocol,
    provisioningState: 'Succeeded',
    resourceGroup: lb.group,
    type: 'Microsoft.Network/loadBalancers/loadBalancingRules',
  };
}

export function lbObject(net: AzureNetworks, lb: AzureLoadBalancer): Record<string, unknown> {
  const id = lbId(lb);
  return {
    backendAddressPools: lb.pools.map((p) => poolObject(net, lb, p)),
    etag: etagOf(lb),
    frontendIPConfigurations: [frontendObject(net, lb)],
    id,
    inboundNatPools: [],
    inboundNatRules: [],
    loadBalancingRules: lb.rules.map((r) => lbRuleObject(lb, r)),
    location: lb.location,
    name: lb.name,
    outboundRules: [],
    probes: lb.probes.map((p) => probeObject(lb, p.name)),
    provisioningState: 'Succeeded',
    resourceGroup: lb.group,
    resourceGuid: stableUuid(`${id}/guid`),
    sku: { name: lb.sku, tier: 'Regional' },
    type: 'Microsoft.Network/loadBalancers',
  };
}

/** A flattened child with its fields put back under `properties`, as a deployment's reference() gives it. */
function nested(o: Record<string, unknown>): Record<string, unknown> {
  const { etag, id, name, resourceGroup, type, ...properties } = o;
  return { etag, id, name, properties, resourceGroup, type };
}

/** `lb create`'s answer: {"loadBalancer": reference(name)}. */
export function lbCreated(net: AzureNetworks, lb: AzureLoadBalancer): Record<string, unknown> {
  const o = lbObject(net, lb);
  return {
    loadBalancer: {
      backendAddressPools: (o.backendAddressPools as Record<string, unknown>[]).map(nested),
      frontendIPConfigurations: (o.frontendIPConfigurations as Record<string, unknown>[]).map(nested),
      inboundNatPools: [],
      inboundNatRules: [],
      loadBalancingRules: (o.loadBalancingRules as Record<string, unknown>[]).map(nested),
      probes: (o.probes as Record<string, unknown>[]).map(nested),
      provisioningState: 'Succeeded',
      resourceGuid: o.resourceGuid,
    },
  };
}
