// Reachability against a brute-force reading of the same rules: random segments,
// NICs and security groups, and for every pair of NICs, protocol and port, the
// verdict must be what an independent evaluation of every rule gives (sort by
// priority, take the first that matches, every group on the way must allow).
// The oracle below shares no code with src/network (its own address arithmetic,
// its own matching), so a fault in one is not hidden by the same fault in the other.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCidr } from '../../src/network/ipv4.js';
import { reach } from '../../src/network/reach.js';
import { CompiledRules, DEFAULT_SECURITY_RULES, type SecurityRule } from '../../src/network/security-rules.js';
import { type Nic, type Segment, topologyOf } from '../../src/network/topology.js';

const num = (ip: string) => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
const contains = (cidr: string, ip: string) => {
  const [base, bits = '32'] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  return Math.floor(num(ip) / size) === Math.floor(num(base!) / size);
};

interface Model {
  segments: { domain: number; vnet: string; rules?: SecurityRule[] }[];
  nics: { segment: number; ip: string; up: boolean; rules?: SecurityRule[] }[];
}

function oracleMatch(r: SecurityRule, dir: string, proto: string, src: string, dst: string, dport: number, vnet: string): boolean {
  if (r.direction !== dir) return false;
  if (r.protocol !== '*' && r.protocol !== proto) return false;
  const pre = (list: readonly string[], ip: string) =>
    list.some((p) => {
      if (p === '*') return true;
      if (p === 'VirtualNetwork') return contains(vnet, ip);
      if (p === 'Internet') return false; // every address here is private (10/8)
      if (p === 'AzureLoadBalancer') return ip === '168.63.129.16';
      return contains(p, ip);
    });
  const port = (list: readonly string[], p: number) =>
    list.some((x) => {
      if (x === '*') return true;
      if (proto === 'Icmp') return false;
      const [lo, hi = lo] = x.split('-').map(Number);
      return p >= lo! && p <= hi!;
    });
  return pre(r.sourceAddressPrefixes, src) && pre(r.destinationAddressPrefixes, dst) && port(r.sourcePortRanges, 49152) && port(r.destinationPortRanges, dport);
}

function oracleAllows(rules: SecurityRule[] | undefined, dir: string, proto: string, src: string, dst: string, port: number, vnet: string): boolean {
  if (!rules) return true;
  const all = [...rules, ...DEFAULT_SECURITY_RULES].slice().sort((a, b) => a.priority - b.priority);
  for (const r of all) if (oracleMatch(r, dir, proto, src, dst, port, vnet)) return r.access === 'Allow';
  return false;
}

const PREFIXES = ['*', 'VirtualNetwork', 'Internet', 'AzureLoadBalancer', '10.0.1.0/24', '10.0.2.0/24', '10.0.0.0/8', '10.0.1.7', '10.1.0.0/16'];
const PORTS = ['*', '22', '80', '443', '80-443', '5432', '1000-6000'];

const ruleArb = (dir: 'Inbound' | 'Outbound') =>
  fc.record({
    access: fc.constantFrom('Allow' as const, 'Deny' as const),
    protocol: fc.constantFrom('*' as const, 'Tcp' as const, 'Udp' as const, 'Icmp' as const),
    src: fc.array(fc.constantFrom(...PREFIXES), { minLength: 1, maxLength: 2 }),
    dst: fc.array(fc.constantFrom(...PREFIXES), { minLength: 1, maxLength: 2 }),
    dports: fc.array(fc.constantFrom(...PORTS), { minLength: 1, maxLength: 2 }),
    direction: fc.constant(dir),
  });

const rulesArb = fc
  .tuple(
    fc.array(ruleArb('Inbound'), { maxLength: 4 }),
    fc.array(ruleArb('Outbound'), { maxLength: 4 }),
    fc.uniqueArray(fc.integer({ min: 100, max: 4096 }), { minLength: 8, maxLength: 8 }),
  )
  .map(([ins, outs, prios]): SecurityRule[] =>
    [...ins, ...outs].map((r, i) => ({
      name: `r${i}`,
      priority: prios[i]!,
      direction: r.direction,
      access: r.access,
      protocol: r.protocol,
      sourceAddressPrefixes: r.src,
      sourcePortRanges: ['*'],
      destinationAddressPrefixes: r.dst,
      destinationPortRanges: r.dports,
    })),
  );

const modelArb: fc.Arbitrary<Model> = fc
  .record({
    segments: fc.array(
      fc.record({ domain: fc.integer({ min: 0, max: 1 }), vnet: fc.constantFrom('10.0.0.0/16', '10.0.0.0/8'), rules: fc.option(rulesArb, { nil: undefined }) }),
      { minLength: 1, maxLength: 3 },
    ),
    nics: fc.array(
      fc.record({
        segment: fc.nat(),
        ip: fc.constantFrom('10.0.1.7', '10.0.1.8', '10.0.2.4', '10.0.2.5', '10.1.0.4', '10.0.3.9'),
        up: fc.boolean(),
        rules: fc.option(rulesArb, { nil: undefined }),
      }),
      { minLength: 2, maxLength: 4 },
    ),
  })
  .map((m) => ({ ...m, nics: m.nics.map((n) => ({ ...n, segment: n.segment % m.segments.length })) }));

function build(m: Model) {
  const segments: Segment[] = m.segments.map((s, i) => ({
    id: `s${i}`,
    label: `segment s${i}`,
    platform: 'test',
    domain: `d${s.domain}`,
    domainLabel: `domain d${s.domain}`,
    localSpace: [parseCidr(s.vnet)!],
    internet: true,
    ...(s.rules ? { rules: { label: `NSG of s${i}`, rules: new CompiledRules(s.rules) } } : {}),
  }));
  const nics: Nic[] = m.nics.map((n, i) => ({
    name: `nic${i}`,
    workloadId: `w${i}`,
    workloadName: `w${i}`,
    segment: `s${n.segment}`,
    ip: n.ip,
    up: n.up,
    state: n.up ? 'running' : 'stopped',
    ...(n.rules ? { rules: { label: `NSG of nic${i}`, rules: new CompiledRules(n.rules) } } : {}),
  }));
  return topologyOf([{ segments, nics }]);
}

describe('reachability agrees with a brute-force reading of every rule', () => {
  it('for random topologies, rule sets, protocols and ports', () => {
    fc.assert(
      fc.property(modelArb, fc.constantFrom('Tcp' as const, 'Udp' as const, 'Icmp' as const), fc.constantFrom(22, 80, 443, 5432, 8080), (m, proto, port) => {
        const topo = build(m);
        m.nics.forEach((a, i) => {
          m.nics.forEach((b, j) => {
            if (i === j) return;
            const sa = m.segments[a.segment]!;
            const sb = m.segments[b.segment]!;
            const expected =
              a.up &&
              b.up &&
              sa.domain === sb.domain &&
              oracleAllows(a.rules, 'Outbound', proto, a.ip, b.ip, port, sa.vnet) &&
              oracleAllows(sa.rules, 'Outbound', proto, a.ip, b.ip, port, sa.vnet) &&
              oracleAllows(sb.rules, 'Inbound', proto, a.ip, b.ip, port, sb.vnet) &&
              oracleAllows(b.rules, 'Inbound', proto, a.ip, b.ip, port, sb.vnet);
            const v = reach(topo, { kind: 'workload', name: `w${i}` }, { kind: 'workload', name: `w${j}` }, proto, port);
            if (typeof v === 'string') throw new Error(v);
            expect(v.allowed, `w${i} -> w${j} ${proto}/${port}: ${v.hops.map((h) => h.text).join(' | ')}`).toBe(expected);
          });
        });
      }),
      { numRuns: 300 },
    );
  });
});
