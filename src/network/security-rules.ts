// Security rules as Azure's network security groups define them, the model the
// issue names for every platform's firewall: a rule matches on direction,
// protocol, source and destination address prefixes and port ranges; rules are
// read in priority order, lowest number first, and the first that matches decides
// (learn.microsoft.com/azure/virtual-network/network-security-groups-overview,
// "Security rules"). Prefixes are "*", an address, a CIDR block or a service tag
// (VirtualNetwork, Internet, AzureLoadBalancer): which tags an address carries is
// the topology's to say, so a flow's endpoints come with them.
import { type Cidr, inCidr, parseCidr } from './ipv4.js';

export type Direction = 'Inbound' | 'Outbound';
export type Access = 'Allow' | 'Deny';
/** What a rule may name; a flow is one of Tcp, Udp, Icmp. */
export type RuleProtocol = '*' | 'Tcp' | 'Udp' | 'Icmp' | 'Esp' | 'Ah';
export type Protocol = 'Tcp' | 'Udp' | 'Icmp';

export interface SecurityRule {
  readonly name: string;
  readonly priority: number;
  readonly direction: Direction;
  readonly access: Access;
  readonly protocol: RuleProtocol;
  readonly sourceAddressPrefixes: readonly string[];
  readonly sourcePortRanges: readonly string[];
  readonly destinationAddressPrefixes: readonly string[];
  readonly destinationPortRanges: readonly string[];
  readonly description?: string;
}

/** The rules' bounds (the overview's "Priority: a number between 100 and 4096"); the default rules sit above them. */
export const PRIORITY_MIN = 100;
export const PRIORITY_MAX = 4096;

/** Service tags this model knows, as Azure spells them (learn.microsoft.com/azure/virtual-network/service-tags-overview). */
export const SERVICE_TAGS = ['VirtualNetwork', 'Internet', 'AzureLoadBalancer'] as const;
export type ServiceTag = (typeof SERVICE_TAGS)[number];

export interface FlowEnd {
  readonly ip: number;
  readonly port: number;
  /** The service tags the address falls under where the rule is read. */
  readonly tags: ReadonlySet<ServiceTag>;
}

export interface Flow {
  readonly direction: Direction;
  readonly protocol: Protocol;
  readonly source: FlowEnd;
  readonly destination: FlowEnd;
}

const rule = (
  name: string,
  priority: number,
  direction: Direction,
  access: Access,
  source: string,
  destination: string,
  description: string,
): SecurityRule => ({
  name,
  priority,
  direction,
  access,
  protocol: '*',
  sourceAddressPrefixes: [source],
  sourcePortRanges: ['*'],
  destinationAddressPrefixes: [destination],
  destinationPortRanges: ['*'],
  description,
});

/** Every group's default rules, names, priorities, prefixes and descriptions as the overview's "Default security rules" tables give them. */
export const DEFAULT_SECURITY_RULES: readonly SecurityRule[] = [
  rule('AllowVnetInBound', 65000, 'Inbound', 'Allow', 'VirtualNetwork', 'VirtualNetwork', 'Allow inbound traffic from all VMs in VNET'),
  rule('AllowAzureLoadBalancerInBound', 65001, 'Inbound', 'Allow', 'AzureLoadBalancer', '*', 'Allow inbound traffic from azure load balancer'),
  rule('DenyAllInBound', 65500, 'Inbound', 'Deny', '*', '*', 'Deny all inbound traffic'),
  rule('AllowVnetOutBound', 65000, 'Outbound', 'Allow', 'VirtualNetwork', 'VirtualNetwork', 'Allow outbound traffic from all VMs to all VMs in VNET'),
  rule('AllowInternetOutBound', 65001, 'Outbound', 'Allow', '*', 'Internet', 'Allow outbound traffic from all VMs to Internet'),
  rule('DenyAllOutBound', 65500, 'Outbound', 'Deny', '*', '*', 'Deny all outbound traffic'),
];

type PrefixMatch = { readonly any: true } | { readonly tag: ServiceTag } | { readonly cidr: Cidr };

interface CompiledRule {
  readonly rule: SecurityRule;
  /** Whether it is one of the defaults (so a verdict names it "defaultSecurityRules/..."). */
  readonly isDefault: boolean;
  readonly protocols: ReadonlySet<Protocol> | undefined;
  readonly sources: readonly PrefixMatch[];
  readonly destinations: readonly PrefixMatch[];
  readonly sourcePorts: readonly (readonly [number, number])[] | undefined;
  readonly destinationPorts: readonly (readonly [number, number])[] | undefined;
}

/** A prefix as written in a rule, or the reason it is not one. */
export function parsePrefix(text: string): PrefixMatch | string {
  if (text === '*' || text.toLowerCase() === 'any') return { any: true };
  const tag = SERVICE_TAGS.find((t) => t.toLowerCase() === text.toLowerCase());
  if (tag) return { tag };
  const cidr = parseCidr(text);
  return cidr ? { cidr } : `'${text}' is not a valid address prefix`;
}

/** "80", "1000-2000" or "*" as an inclusive range (undefined for any), or the reason it is not one. */
export function parsePortRange(text: string): readonly [number, number] | undefined | string {
  if (text === '*') return undefined;
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  const lo = m ? Number(m[1]) : Number.NaN;
  const hi = m?.[2] !== undefined ? Number(m[2]) : lo;
  if (!m || lo < 0 || hi > 65535 || lo > hi) return `'${text}' is not a valid port or port range (0-65535)`;
  return [lo, hi];
}

/** What in a rule cannot be read: its priority, a port range or an address prefix, the value, and why. */
export interface RuleProblem {
  readonly field: 'priority' | 'port' | 'prefix';
  readonly value: string;
  readonly message: string;
}

/** The first thing in a rule that cannot be read, or undefined when it all can: the one check the CLI and the file reader share. */
export function ruleProblem(r: SecurityRule): RuleProblem | undefined {
  if (!Number.isInteger(r.priority) || r.priority < PRIORITY_MIN || r.priority > PRIORITY_MAX)
    return { field: 'priority', value: String(r.priority), message: `priority ${r.priority} is outside ${PRIORITY_MIN}-${PRIORITY_MAX}` };
  for (const p of [...r.sourcePortRanges, ...r.destinationPortRanges]) {
    const why = parsePortRange(p);
    if (typeof why === 'string') return { field: 'port', value: p, message: why };
  }
  for (const p of [...r.sourceAddressPrefixes, ...r.destinationAddressPrefixes]) {
    const why = parsePrefix(p);
    if (typeof why === 'string') return { field: 'prefix', value: p, message: why };
  }
  return undefined;
}

const protocolsOf = (p: RuleProtocol): ReadonlySet<Protocol> | undefined =>
  p === '*' ? undefined : new Set(p === 'Tcp' || p === 'Udp' || p === 'Icmp' ? [p] : []);

function ranges(list: readonly string[]): readonly (readonly [number, number])[] | undefined {
  const out: (readonly [number, number])[] = [];
  for (const text of list) {
    const r = parsePortRange(text);
    if (r === undefined) return undefined;
    if (typeof r === 'string') throw new Error(r);
    out.push(r);
  }
  return out;
}

function prefixes(list: readonly string[]): readonly PrefixMatch[] {
  return list.map((text) => {
    const p = parsePrefix(text);
    if (typeof p === 'string') throw new Error(p);
    return p;
  });
}

/** A group's rules read once: the user's and then the defaults, in the order they are tried. Rules must be valid (checked where they are made). */
export class CompiledRules {
  private readonly inbound: readonly CompiledRule[];
  private readonly outbound: readonly CompiledRule[];

  constructor(rules: readonly SecurityRule[], withDefaults = true) {
    const all = [...rules.map((r) => [r, false] as const), ...(withDefaults ? DEFAULT_SECURITY_RULES.map((r) => [r, true] as const) : [])];
    const compiled = all
      .map(
        ([r, isDefault]): CompiledRule => ({
          rule: r,
          isDefault,
          protocols: protocolsOf(r.protocol),
          sources: prefixes(r.sourceAddressPrefixes),
          destinations: prefixes(r.destinationAddressPrefixes),
          sourcePorts: ranges(r.sourcePortRanges),
          destinationPorts: ranges(r.destinationPortRanges),
        }),
      )
      .sort((a, b) => a.rule.priority - b.rule.priority);
    this.inbound = compiled.filter((c) => c.rule.direction === 'Inbound');
    this.outbound = compiled.filter((c) => c.rule.direction === 'Outbound');
  }

  /** The first rule that matches the flow, or undefined if none does (a group always has its DenyAll rules, so only without defaults). */
  decide(flow: Flow): { readonly rule: SecurityRule; readonly isDefault: boolean } | undefined {
    for (const c of flow.direction === 'Inbound' ? this.inbound : this.outbound) if (matches(c, flow)) return c;
    return undefined;
  }
}

const endMatches = (list: readonly PrefixMatch[], end: FlowEnd): boolean =>
  list.some((p) => ('any' in p ? true : 'tag' in p ? end.tags.has(p.tag) : inCidr(end.ip, p.cidr)));

/**
 * ICMP carries no ports: a rule for it, or for any protocol, matches an ICMP flow
 * only when its port ranges are "*" (the portal writes "*" for ICMP rules).
 */
const portMatches = (list: readonly (readonly [number, number])[] | undefined, flow: Flow, port: number): boolean =>
  list === undefined || (flow.protocol !== 'Icmp' && list.some(([lo, hi]) => port >= lo && port <= hi));

function matches(c: CompiledRule, flow: Flow): boolean {
  return (
    (c.protocols === undefined || c.protocols.has(flow.protocol)) &&
    endMatches(c.sources, flow.source) &&
    endMatches(c.destinations, flow.destination) &&
    portMatches(c.sourcePorts, flow, flow.source.port) &&
    portMatches(c.destinationPorts, flow, flow.destination.port)
  );
}
