// Azure Load Balancer resources: a public frontend (a public IP of the LB's
// group), backend address pools of NIC IP configurations, health probes and
// load-balancing rules, as the Network resource provider keeps them inside the
// loadBalancers resource. Names of children are compared with case, as AAZ's
// selectors compare them (aaz/_selector.py); the LB's own name without, as ARM does.
import type { Probe } from '../../network/load-balancer.js';
import type { ArmFault, AzureNetworks, NetworkInterface } from './networks.js';

export interface LbRule {
  readonly name: string;
  readonly protocol: 'Tcp' | 'Udp' | 'All';
  readonly frontendPort: number;
  readonly backendPort: number;
  readonly frontend: string;
  readonly pool: string;
  readonly probe?: string;
  readonly idleTimeout: number;
  readonly floatingIp: boolean;
  readonly tcpReset: boolean;
  readonly disableOutboundSnat: boolean;
  readonly loadDistribution: 'Default' | 'SourceIP' | 'SourceIPProtocol';
}

export interface LbPool {
  readonly name: string;
  /** Its members: NICs of the LB's group, by name. */
  readonly nics: string[];
}

/**
 * A health probe as the service keeps it. Its probeThreshold takes a backend out
 * and puts it back; numberOfProbes is shown but not respected ("numberOfProbes,
 * otherwise known as 'Unhealthy threshold' in Portal, isn't respected. Load
 * Balancer health probes will probe up/down immediately after one probe regardless
 * of the property's configured value": load-balancer/whats-new.md, "Known issues").
 */
export type LbProbe = Probe & { readonly numberOfProbes: number; readonly path?: string };

export interface AzureLoadBalancer {
  readonly name: string;
  readonly group: string;
  readonly location: string;
  readonly sku: 'Standard' | 'Basic';
  /** One frontend IP configuration, on a public IP of the group. */
  readonly frontend: { readonly name: string; readonly publicIp: string };
  readonly pools: LbPool[];
  readonly probes: LbProbe[];
  readonly rules: LbRule[];
}

/** What an estate file keeps of one. */
export type LoadBalancerState = AzureLoadBalancer;

/**
 * The defaults the service fills in where a probe names none: interval 15 and
 * numberOfProbes 2 (test_network_lb_probes.yaml's recorded response), probeThreshold
 * 1 (the REST API's example for 2024-03-01, load-balancer-probes/get).
 */
export const PROBE_INTERVAL_DEFAULT = 15;
export const NUMBER_OF_PROBES_DEFAULT = 2;
export const PROBE_THRESHOLD_DEFAULT = 1;
/** The probe interval's floor, as `az network lb probe create --help` gives it ("the minimum value is 5"). */
export const PROBE_INTERVAL_MIN = 5;

/** The rule's frontend port and protocol may be one rule's only; a NIC's backend port and protocol one rule's per pool (RulesUseSameBackendPortProtocolAndPool). */
export function ruleConflict(lb: AzureLoadBalancer, rule: LbRule, ruleId: (name: string) => string, poolId: (name: string) => string): ArmFault | undefined {
  const others = lb.rules.filter((r) => r.name !== rule.name);
  const clash = (a: LbRule['protocol'], b: LbRule['protocol']) => a === b || a === 'All' || b === 'All';
  const back = others.find(
    (r) => r.pool === rule.pool && r.backendPort === rule.backendPort && clash(r.protocol, rule.protocol) && !r.floatingIp && !rule.floatingIp,
  );
  if (back)
    return {
      code: 'RulesUseSameBackendPortProtocolAndPool',
      message:
        `Load balancing rules ${ruleId(back.name)} and ${ruleId(rule.name)} with floating IP disabled use the same protocol ${rule.protocol} ` +
        `and backend port ${rule.backendPort}, and must not be used with the same backend address pool ${poolId(rule.pool)}.`,
    };
  // The provider's code and words for two rules on one frontend port are not in any source found (research notes,
  // 2026-12-03); this says the fact in the shape of the one above.
  const front = others.find((r) => r.frontend === rule.frontend && r.frontendPort === rule.frontendPort && clash(r.protocol, rule.protocol));
  if (front)
    return {
      code: 'LoadBalancingRulesUseSameFrontendPortProtocol',
      message: `Load balancing rules ${ruleId(front.name)} and ${ruleId(rule.name)} use the same frontend IP configuration, protocol ${rule.protocol} and frontend port ${rule.frontendPort}.`,
    };
  return undefined;
}

/** The NICs of a pool that still exist. */
export function poolNics(net: AzureNetworks, lb: AzureLoadBalancer, pool: LbPool): NetworkInterface[] {
  return pool.nics.map((n) => net.nic(lb.group, n)).filter((n): n is NetworkInterface => n !== undefined);
}

/** Reads a file's load balancers into `out` (its other networks read already), each problem with its path. */
export function lbsFromState(
  out: AzureNetworks,
  lbs: readonly LoadBalancerState[],
  placed: (what: string, i: number, r: { group: string; location: string }) => boolean,
  problems: string[],
): void {
  for (const [i, lb] of lbs.entries()) {
    const at = (field: string) => `providers.azure.networks.loadBalancers[${i}].${field}`;
    if (!placed('loadBalancers', i, lb)) continue;
    const pip = out.publicIp(lb.group, lb.frontend.publicIp);
    const before = problems.length;
    if (out.lb(lb.group, lb.name)) problems.push(`${at('name')}: ${lb.name} is used twice in ${lb.group}`);
    else if (!pip) problems.push(`${at('frontend.publicIp')}: no public IP ${lb.frontend.publicIp} in ${lb.group}`);
    else if (out.holderOf(pip) || out.lbHolding(pip)) problems.push(`${at('frontend.publicIp')}: ${pip.name} is another resource's frontend already`);
    const names = (xs: readonly { name: string }[], what: string) => {
      const seen = new Set<string>();
      for (const x of xs) {
        if (seen.has(x.name)) problems.push(`${at(what)}: ${x.name} is used twice`);
        seen.add(x.name);
      }
    };
    names(lb.pools, 'pools');
    for (const [j, pool] of lb.pools.entries()) {
      const seen = new Set<string>();
      for (const nic of pool.nics) {
        if (seen.has(nic.toLowerCase())) problems.push(`${at(`pools[${j}].nics`)}: ${nic} is listed twice`);
        seen.add(nic.toLowerCase());
      }
    }
    names(lb.probes, 'probes');
    names(lb.rules, 'rules');
    for (const [j, pool] of lb.pools.entries())
      for (const nic of pool.nics) if (!out.nic(lb.group, nic)) problems.push(`${at(`pools[${j}].nics`)}: no NIC ${nic} in ${lb.group}`);
    for (const [j, r] of lb.rules.entries()) {
      if (r.frontend !== lb.frontend.name) problems.push(`${at(`rules[${j}].frontend`)}: no frontend ${r.frontend} (it has ${lb.frontend.name})`);
      if (!lb.pools.some((p) => p.name === r.pool)) problems.push(`${at(`rules[${j}].pool`)}: no backend pool ${r.pool}`);
      if (r.probe !== undefined && !lb.probes.some((p) => p.name === r.probe)) problems.push(`${at(`rules[${j}].probe`)}: no probe ${r.probe}`);
      const clash = ruleConflict(
        { ...lb, rules: lb.rules.slice(0, j) },
        r,
        (n) => n,
        (n) => n,
      );
      if (clash) problems.push(`${at(`rules[${j}]`)}: ${clash.message}`);
    }
    if (problems.length === before) out.putLb(structuredClone(lb));
  }
}
