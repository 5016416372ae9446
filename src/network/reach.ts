// Whether traffic flows from one endpoint to another, and what decided: the
// question Azure Network Watcher's IP flow verify answers for one VM, asked of the
// whole estate. A path is a list of checks (both ends running, a route between
// their segments, the source's outbound rules, the destination's inbound rules);
// the first check that refuses decides. Security groups are read as Azure reads
// them: outbound the NIC's group and then the subnet's, inbound the subnet's and
// then the NIC's, and traffic passes only if every group on its way allows it
// (network-security-groups-overview, "How network security groups filter
// network traffic").
import { type Cidr, inCidr, isPublic, parseIp } from './ipv4.js';
import type { Direction, Flow, FlowEnd, Protocol, ServiceTag } from './security-rules.js';
import type { Forward, Nic, RuleSet, Segment, Topology } from './topology.js';

export type Endpoint = { readonly kind: 'workload'; readonly name: string } | { readonly kind: 'ip'; readonly ip: string } | { readonly kind: 'internet' };

export interface Hop {
  readonly text: string;
  readonly result: 'pass' | 'allow' | 'deny';
}

export interface Verdict {
  readonly allowed: boolean;
  /** "web-01 (10.0.1.4)" -> "db-01 (10.0.2.4)". */
  readonly from: string;
  readonly to: string;
  readonly hops: readonly Hop[];
  /** The rule or fact that decided: "NSG db-nsg (subnet db): DenyWeb (200)", "no route: ...". */
  readonly decidedBy: string;
}

/** Where the internet's traffic seems to come from when no address is given: TEST-NET-3 (RFC 5737), a public address no real host holds. */
export const INTERNET_ADDRESS = '203.0.113.10';
/** The source port a client's flow leaves from when none is given: the first of IANA's dynamic ports (RFC 6335). */
export const EPHEMERAL_PORT = 49152;
/** Azure's platform address, the source of load balancer probes (learn.microsoft.com/azure/virtual-network/what-is-ip-address-168-63-129-16). */
export const AZURE_PLATFORM_ADDRESS = '168.63.129.16';
const AZURE_PLATFORM_IP = parseIp(AZURE_PLATFORM_ADDRESS)!;

type End = { readonly kind: 'nic'; readonly nic: Nic; readonly via?: Forward | 'public' } | { readonly kind: 'internet'; readonly ip: string };

/** Why an endpoint names nothing, or the ends it names. */
export function resolve(topo: Topology, e: Endpoint, side: 'from' | 'to', protocol: Protocol, port: number): End[] | string {
  if (e.kind === 'internet') return [{ kind: 'internet', ip: INTERNET_ADDRESS }];
  if (e.kind === 'workload') {
    // By its id ("shop-rg/web-1", "docker-01/db"), or by its name where only one workload has it.
    const byId = topo.nics.filter((n) => n.workloadId === e.name);
    const nics = byId.length > 0 ? byId : topo.nics.filter((n) => n.workloadName === e.name);
    if (nics.length === 0) {
      const off = topo.offline.find((o) => o.workloadId === e.name) ?? topo.offline.find((o) => o.workloadName === e.name);
      return off
        ? off.noAddress
          ? `${off.workloadName} has no address: ${off.noAddress}`
          : `${off.workloadName} is not running (${off.state}): it has no address`
        : `${e.name} has no network adapter on any network (or no such workload)`;
    }
    const ids = [...new Set(nics.map((n) => n.workloadId))];
    if (ids.length > 1) return `${e.name} names ${ids.length} workloads (${ids.join(', ')}); give one of these ids instead`;
    return nics.map((nic) => ({ kind: 'nic', nic }));
  }
  const ip = parseIp(e.ip);
  if (ip === undefined) return `'${e.ip}' is not an IPv4 address`;
  const own = topo.nics.filter((n) => n.ip === e.ip);
  if (own.length > 0) return own.map((nic) => ({ kind: 'nic', nic }));
  if (side === 'to') {
    const pub = topo.nics.filter((n) => n.publicIp === e.ip).map((nic): End => ({ kind: 'nic', nic, via: 'public' }));
    const fwd = topo.forwards.filter((f) => f.ip === e.ip && f.port === port && f.protocol === protocol).map((f): End => ({ kind: 'nic', nic: f.nic, via: f }));
    if (pub.length + fwd.length > 0) return [...pub, ...fwd];
  }
  const known = side === 'to' ? topo.known?.get(e.ip) : undefined;
  if (known) return `${e.ip} is ${known(protocol.toLowerCase(), port)}`;
  if (isPublic(ip)) return [{ kind: 'internet', ip: e.ip }];
  return `no NIC of the estate has the address ${e.ip}`;
}

const describe = (end: End): string =>
  end.kind === 'internet'
    ? `the internet (${end.ip})`
    : `${end.nic.workloadName} (${end.via === 'public' ? end.nic.publicIp : end.via !== undefined ? `${end.via.label} ${end.via.port}` : end.nic.ip})`;

/** The service tags an address carries where a rule is read: VirtualNetwork inside the local address space, AzureLoadBalancer for the platform's address, else Internet if it is public. */
export function serviceTags(ip: number, localSpace: readonly Cidr[]): ReadonlySet<ServiceTag> {
  const out = new Set<ServiceTag>();
  if (localSpace.some((c) => inCidr(ip, c))) out.add('VirtualNetwork');
  else if (ip === AZURE_PLATFORM_IP) out.add('AzureLoadBalancer');
  else if (isPublic(ip)) out.add('Internet');
  return out;
}

interface Check {
  readonly ok: boolean;
  readonly text: string;
  /** What decided, when this check refuses or is the last word. */
  readonly decided?: string;
}

/** One group's word on a flow, read where the group sits. */
function gate(set: RuleSet | undefined, direction: Direction, flow: Omit<Flow, 'direction'>, seg: Segment): Check | undefined {
  if (!set) return undefined;
  const f: Flow = {
    ...flow,
    direction,
    source: { ...flow.source, tags: serviceTags(flow.source.ip, seg.localSpace) },
    destination: { ...flow.destination, tags: serviceTags(flow.destination.ip, seg.localSpace) },
  };
  const hit = set.rules.decide(f);
  if (!hit) return { ok: true, text: `${direction.toLowerCase()}, ${set.label}: no rule matches` };
  const what = `${set.label}: ${
    set.ruleText
      ? set.ruleText(hit.rule, hit.isDefault)
      : `${hit.isDefault ? 'defaultSecurityRules' : 'securityRules'}/${hit.rule.name} (${hit.rule.priority}) ${hit.rule.access}`
  }`;
  return { ok: hit.rule.access === 'Allow', text: `${direction.toLowerCase()}, ${what}`, decided: what };
}

/** A flow's end before the tags of where it is read are known. */
const end = (ip: string, port: number): FlowEnd => ({ ip: parseIp(ip)!, port, tags: new Set() });

/** Why a site LAN segment goes nowhere: its VLAN has no gateway (network/routing.ts). */
const ungated = (s: Segment | undefined) => (s?.lan && s.gateway === undefined && s.internet !== true ? `: ${s.internet}` : undefined);

/** How a hop between two segments of one domain reads: by the site routers (through the gateway, over the link between sites), or within a network. */
function routedText(sa: Segment, sb: Segment): string {
  if (!sa.lan || !sb.lan || sa.gateway === undefined) return `routed within ${sa.domainLabel}: ${sa.label} -> ${sb.label}`;
  const link = sa.lan.site === sb.lan.site ? '' : `, over the link from ${sa.lan.site} to ${sb.lan.site}`;
  return `routed by the site routers: ${sa.label} -> gateway ${sa.gateway}${link} -> ${sb.label}`;
}

/** Why a masqueraded NIC does not reach beyond its network: its host has no address of its own (its LAN's DHCP scope is full, or it stands in a cloud region). */
const unaddressed = (n: Nic) => (n.egress && n.egress.ip === undefined ? `: ${n.egress.via} masquerades it, but has no address of its own on a LAN` : '');

/** Why a masqueraded NIC goes no further than its host's own network: that VLAN has no gateway. */
function hostUngated(topo: Topology, n: Nic): string | undefined {
  const onto = n.egress?.segment === undefined ? undefined : topo.segments.get(n.egress.segment);
  const why = ungated(onto);
  return why === undefined ? undefined : `: ${n.egress!.via} masquerades it onto ${onto!.label}${why}`;
}

/**
 * The way out of a NIC whose host masquerades it, to a segment of another domain: onto the network of the host's own
 * address, then as that network routes. The hops, and the address the far end sees (the host's).
 */
function masqueraded(topo: Topology, n: Nic, to: Segment | undefined): { hops: Check[]; ip: string } | undefined {
  const onto = n.egress?.segment === undefined ? undefined : topo.segments.get(n.egress.segment);
  if (n.egress?.ip === undefined || !onto || !to || onto.domain !== to.domain) return undefined;
  const hops: Check[] = [{ ok: true, text: `masqueraded by ${n.egress!.via} as ${n.egress!.ip} onto ${onto.label}` }];
  if (onto.id !== to.id) hops.push({ ok: true, text: routedText(onto, to) });
  return { hops, ip: n.egress!.ip! };
}

/** The checks of one path, in order; it stops at the first refusal. */
function path(topo: Topology, a: End, b: End, protocol: Protocol, port: number, addressed: boolean, named = false): Check[] {
  const out: Check[] = [];
  const segOf = (n: Nic) => topo.segments.get(n.segment);
  if (a.kind === 'internet' && b.kind === 'internet')
    return [{ ok: false, text: 'both ends are outside the estate', decided: 'nothing of the estate lies on this path' }];
  if (a.kind === 'nic') {
    if (!a.nic.up) return [{ ok: false, text: `${a.nic.workloadName} is not running (${a.nic.state})`, decided: `${a.nic.workloadName} is not running` }];
    out.push({ ok: true, text: `${a.nic.workloadName} is running; NIC ${a.nic.name} ${a.nic.ip} on ${segOf(a.nic)?.label ?? a.nic.segment}` });
  }
  if (b.kind === 'nic') {
    if (!b.nic.up)
      return [...out, { ok: false, text: `${b.nic.workloadName} is not running (${b.nic.state})`, decided: `${b.nic.workloadName} is not running` }];
    out.push({ ok: true, text: `${b.nic.workloadName} is running; NIC ${b.nic.name} ${b.nic.ip} on ${segOf(b.nic)?.label ?? b.nic.segment}` });
  }
  const sa = a.kind === 'nic' ? segOf(a.nic) : undefined;
  const sb = b.kind === 'nic' ? segOf(b.nic) : undefined;
  // The route, and the addresses each side's rules see: the source's rules the destination as it was addressed (a
  // public address, a published port), the destination's its own address and port after translation.
  let src: string;
  let outDst: [string, number];
  let inSrc: string;
  let inDst: [string, number];
  if (a.kind === 'nic' && b.kind === 'nic' && b.via === undefined) {
    if (!sa || !sb || sa.domain !== sb.domain) {
      const out2 = masqueraded(topo, a.nic, sb);
      if (!out2) {
        const why = `no route from ${sa?.label ?? a.nic.segment} to ${sb?.label ?? b.nic.segment}${ungated(sa) ?? ungated(sb) ?? hostUngated(topo, a.nic) ?? unaddressed(a.nic)}`;
        return [...out, { ok: false, text: why, decided: why }];
      }
      out.push(...out2.hops);
      src = a.nic.ip;
      inSrc = out2.ip;
    } else {
      out.push({ ok: true, text: sa.id === sb.id ? `same segment: ${sa.label}` : routedText(sa, sb) });
      if (named && sb.names)
        out.push({
          ok: true,
          text:
            'resolver' in sb.names
              ? `the name ${b.nic.workloadName} resolves to ${b.nic.ip} (${sb.names.resolver})`
              : `the name ${b.nic.workloadName} does not resolve here (${sb.names.none}): a client must use ${b.nic.ip}`,
        });
      src = inSrc = a.nic.ip;
    }
    outDst = inDst = [b.nic.ip, port];
  } else if (a.kind === 'nic' && b.kind === 'nic' && b.via !== undefined && b.via !== 'public' && b.via.segment !== undefined) {
    // A forward on a private address (a VIP on a LAN) is reached from its own routing domain, not by way of the internet.
    const f = b.via;
    const vipSeg = topo.segments.get(f.segment!);
    const out2 = vipSeg && sa && sa.domain !== vipSeg.domain ? masqueraded(topo, a.nic, vipSeg) : undefined;
    if (!sa || !vipSeg || (sa.domain !== vipSeg.domain && !out2)) {
      const why = vipSeg
        ? `no route from ${sa?.label ?? a.nic.segment} to ${f.ip} on ${vipSeg.label}${ungated(sa) ?? ungated(vipSeg) ?? hostUngated(topo, a.nic) ?? unaddressed(a.nic)}`
        : `no route to ${f.ip}: it is on no network of the estate now`;
      return [...out, { ok: false, text: why, decided: why }];
    }
    if (out2) out.push(...out2.hops);
    out.push({ ok: true, text: `${f.label}: ${f.ip}:${f.port} -> ${b.nic.ip}:${f.targetPort}` });
    // A proxy (HAProxy's kind) opens its own connection to the backend: the backend's rules see the VIP, not the client.
    src = a.nic.ip;
    inSrc = f.ip!;
    outDst = [f.ip!, f.port];
    inDst = [b.nic.ip, f.targetPort];
  } else {
    // One leg crosses the internet: out of the source's segment, in through a public address or a forward.
    if (b.kind === 'nic' && b.via === undefined) {
      const why = addressed
        ? `${b.nic.ip} is a private address: nothing routes to it from ${a.kind === 'nic' ? (sa?.label ?? a.nic.segment) : 'the internet'}`
        : `${b.nic.workloadName} has no public address, and no published ${protocol.toLowerCase()} port ${port}`;
      return [...out, { ok: false, text: why, decided: why }];
    }
    if (a.kind === 'nic') {
      if (sa?.internet !== true) {
        const why = `${sa?.label ?? a.nic.segment} has no way to the internet${sa ? ` (${sa.internet})` : ''}`;
        return [...out, { ok: false, text: why, decided: why }];
      }
      // Masqueraded, it leaves as its host, by way of the host's own network: which must have a way out itself.
      const blocked = hostUngated(topo, a.nic);
      if (blocked) {
        const why = `${sa.label} has no way to the internet${blocked}`;
        return [...out, { ok: false, text: why, decided: why }];
      }
      out.push({ ok: true, text: `out through ${sa.label}'s gateway` });
      src = a.nic.ip;
      // It arrives from the source's public face (its own public IP, or its network's outbound address).
      inSrc = a.nic.publicIp ?? INTERNET_ADDRESS;
    } else src = inSrc = a.ip;
    if (b.kind === 'internet') outDst = inDst = [b.ip, port];
    else if (b.via === 'public') {
      if (b.nic.publicIpClosed && !b.nic.rules && !sb?.rules) {
        const why = `${b.nic.publicIpClosed}: neither ${b.nic.name} nor its subnet has one`;
        return [...out, { ok: false, text: why, decided: why }];
      }
      out.push({ ok: true, text: `public IP ${b.nic.publicIp} leads to ${b.nic.name} ${b.nic.ip}` });
      outDst = [b.nic.publicIp!, port];
      inDst = [b.nic.ip, port];
    } else {
      const f = b.via!;
      // A port published on a private address of its host is reached from that network, not from the internet.
      if (a.kind === 'internet' && f.ip !== undefined && !isPublic(parseIp(f.ip)!)) {
        const why = `${f.ip} is a private address: nothing routes to it from the internet`;
        return [...out, { ok: false, text: why, decided: why }];
      }
      if (f.closed && !b.nic.rules && !sb?.rules) {
        const why = `${f.closed}: neither ${b.nic.name} nor its subnet has one`;
        return [...out, { ok: false, text: why, decided: why }];
      }
      out.push({ ok: true, text: `${f.label}: ${f.ip ?? '0.0.0.0'}:${f.port} -> ${b.nic.ip}:${f.targetPort}` });
      outDst = [f.ip ?? INTERNET_ADDRESS, f.port];
      inDst = [b.nic.ip, f.targetPort];
    }
  }
  const outbound = { protocol, source: end(src, EPHEMERAL_PORT), destination: end(...outDst) };
  const inbound = { protocol, source: end(inSrc, EPHEMERAL_PORT), destination: end(...inDst) };
  const gates: (Check | undefined)[] = [];
  if (a.kind === 'nic' && sa) gates.push(gate(a.nic.rules, 'Outbound', outbound, sa), gate(sa.rules, 'Outbound', outbound, sa));
  if (b.kind === 'nic' && sb) gates.push(gate(sb.rules, 'Inbound', inbound, sb), gate(b.nic.rules, 'Inbound', inbound, sb));
  for (const g of gates) {
    if (!g) continue;
    out.push(g);
    if (!g.ok) return out;
  }
  return out;
}

function verdictOf(checks: readonly Check[], a: End, b: End, protocol: Protocol, port: number): Verdict {
  const refused = checks.find((c) => !c.ok);
  const decider = refused ?? [...checks].reverse().find((c) => c.decided);
  return {
    allowed: refused === undefined,
    from: describe(a),
    to: describe(b),
    hops: checks.map((c) => ({ text: c.text, result: !c.ok ? 'deny' : c.decided ? 'allow' : 'pass' })),
    decidedBy: decider?.decided ?? `nothing on the path filters ${protocol.toLowerCase()}/${port}`,
  };
}

/**
 * The verdict for traffic from one endpoint to another on a protocol and port.
 * Where an endpoint has several NICs, each pairing is tried (a shared segment
 * first); the first that passes is the answer, or else the one that went furthest.
 */
export function reach(topo: Topology, from: Endpoint, to: Endpoint, protocol: Protocol, port: number): Verdict | string {
  const froms = resolve(topo, from, 'from', protocol, port);
  if (typeof froms === 'string') return froms;
  const resolved = resolve(topo, to, 'to', protocol, port);
  if (typeof resolved === 'string') return resolved;
  const isSelf = (b: End) => b.kind === 'nic' && froms.some((a) => a.kind === 'nic' && a.nic.workloadId === b.nic.workloadId);
  // An address that leads to several backends (a Service, a VIP) is asked of the others where the source is one of
  // them; where it is the only one, the way in brings it back to itself (a hairpin, as kube-proxy and a proxy allow).
  const forwarded = (b: End) => b.kind === 'nic' && b.via !== undefined && b.via !== 'public';
  const others = resolved.filter((b) => !(forwarded(b) && isSelf(b)));
  const named = to.kind === 'ip' && resolved.every(forwarded) && others.length > 0 ? others : resolved;
  const self = named.find((b) => isSelf(b) && !forwarded(b));
  if (self?.kind === 'nic') return `${self.nic.workloadName} is at both ends: there is no network between a workload and itself`;
  // A workload named as the destination is also reached through its public address and its published ports.
  const tos = named.flatMap((b): End[] =>
    to.kind === 'workload' && b.kind === 'nic' && b.via === undefined
      ? [
          b,
          ...(b.nic.publicIp ? [{ kind: 'nic' as const, nic: b.nic, via: 'public' as const }] : []),
          ...topo.forwards.filter((f) => f.nic === b.nic && f.port === port && f.protocol === protocol).map((f): End => ({ kind: 'nic', nic: f.nic, via: f })),
        ]
      : [b],
  );
  const rank = (a: End, b: End): number => {
    if (b.kind === 'nic' && b.via !== undefined) return a.kind === 'internet' ? 0 : 2;
    if (a.kind !== 'nic' || b.kind !== 'nic') return a.kind === 'internet' ? 3 : 2;
    if (a.nic.segment === b.nic.segment) return 0;
    return topo.segments.get(a.nic.segment)?.domain === topo.segments.get(b.nic.segment)?.domain ? 1 : 3;
  };
  const pairs = froms.flatMap((a) => tos.map((b) => [a, b] as const)).sort((x, y) => rank(...x) - rank(...y));
  let best: Verdict | undefined;
  let bestLength = -1;
  for (const [a, b] of pairs) {
    const checks = path(topo, a, b, protocol, port, to.kind === 'ip', to.kind === 'workload');
    const v = verdictOf(checks, a, b, protocol, port);
    if (v.allowed) return v;
    if (checks.length > bestLength) [best, bestLength] = [v, checks.length];
  }
  return best!;
}
