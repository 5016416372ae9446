// The estate's networks as a tree of lines, for the Networks pane: each routing
// domain (a VNet, a site's LAN, a Docker bridge, a libvirt network), its segments
// (subnets, VLANs) with their address blocks and security groups, each NIC on
// them with its workload; then each load balancer, its rules and its backends'
// health. Made again only when the estate changes or its clock moves (health and
// leases are read at the clock's time).
import type { Estate } from '../../estate/estate.js';
import { cidrText } from '../../network/ipv4.js';
import { health } from '../../network/load-balancer.js';
import type { Nic, Segment } from '../../network/topology.js';

export interface NetLine {
  /** Tree glyphs and the line's own words: "├─ subnet tier-vnet/web". */
  readonly tree: string;
  readonly kind: 'domain' | 'segment' | 'nic' | 'lb' | 'rule' | 'backend';
  readonly address: string;
  readonly state: string;
  /** The rules on it, or what keeps it in ("NSG web-nsg", "no way out: ..."). */
  readonly rules: string;
  readonly platform: string;
  /** The workload a NIC or backend line is of. */
  readonly workloadId?: string;
  readonly workloadName?: string;
  /** A healthy, running, allowed line is quiet; the rest are toned. */
  readonly tone?: 'running' | 'stopped' | 'failed' | 'provisioning';
  /** A backend's state, rules and tone at a time: its health moves with the clock. */
  readonly at?: (now: number) => Pick<NetLine, 'state' | 'rules' | 'tone'>;
}

const CACHE = new WeakMap<Estate, { changes: number; logged: number; lines: NetLine[] }>();

const branch = (last: boolean) => (last ? '└─ ' : '├─ ');
const stem = (last: boolean) => (last ? '   ' : '│  ');

function nicLine(estate: Estate, n: Nic, prefix: string, last: boolean, segmentPlatform: string): NetLine {
  // A site's LAN carries several platforms' VMs: each NIC there under its own (the lookup only where it is needed).
  const platform = segmentPlatform === 'lan' ? (estate.sim.workload(n.workloadId)?.platform ?? '') : segmentPlatform;
  return {
    tree: `${prefix}${branch(last)}${n.name} -> ${n.workloadName}`,
    kind: 'nic',
    address: n.ip,
    state: n.up ? n.state : `${n.state} (not answering)`,
    rules: [n.rules?.label, n.publicIp ? `public ${n.publicIp}` : undefined].filter(Boolean).join(', '),
    platform,
    workloadId: n.workloadId,
    workloadName: n.workloadName,
    tone: n.up ? 'running' : 'stopped',
  };
}

function segmentRules(s: Segment): string {
  return [s.rules?.label, s.gateway ? `gateway ${s.gateway}` : undefined, s.internet === true ? undefined : `no way out: ${s.internet}`]
    .filter(Boolean)
    .join(', ');
}

/** Segments in the order people read them: a site's VLANs by site and number, the rest as the topology gave them. */
const bySiteAndVlan = (a: Segment, b: Segment) => (a.lan && b.lan ? a.lan.site.localeCompare(b.lan.site) || a.lan.vlan - b.lan.vlan : 0);

export function networkLines(estate: Estate): NetLine[] {
  // What changed other than the clock (version counts both; advanced the clock's moves), and what happened as it moved
  // (a workload starting or stopping is logged).
  const changes = estate.sim.version - estate.sim.advanced;
  const logged = estate.sim.log.total;
  const known = CACHE.get(estate);
  if (known && known.changes === changes && known.logged === logged) return known.lines;
  const topo = estate.providers.topology();
  const byDomain = new Map<string, Segment[]>();
  for (const s of topo.segments.values()) (byDomain.get(s.domain) ?? byDomain.set(s.domain, []).get(s.domain)!).push(s);
  const bySegment = new Map<string, Nic[]>();
  for (const n of topo.nics) (bySegment.get(n.segment) ?? bySegment.set(n.segment, []).get(n.segment)!).push(n);
  const lines: NetLine[] = [];
  const domains = [...byDomain.values()].sort((a, b) => a[0]!.platform.localeCompare(b[0]!.platform) || a[0]!.domainLabel.localeCompare(b[0]!.domainLabel));
  for (const segs of domains) {
    segs.sort(bySiteAndVlan);
    const first = segs[0]!;
    const alone = segs.length === 1 && first.label === first.domainLabel;
    lines.push({
      tree: first.domainLabel,
      kind: 'domain',
      // The site routers join many sites' blocks: each VLAN's line says its own.
      address: alone && first.cidr ? cidrText(first.cidr) : first.lan ? '' : first.localSpace.map(cidrText).join(','),
      state: '',
      rules: alone ? segmentRules(first) : '',
      platform: first.platform,
    });
    if (alone) {
      const nics = bySegment.get(first.id) ?? [];
      for (const [i, n] of nics.entries()) lines.push(nicLine(estate, n, '', i === nics.length - 1, first.platform));
      continue;
    }
    segs.forEach((s, i) => {
      const last = i === segs.length - 1;
      lines.push({
        tree: `${branch(last)}${s.label}`,
        kind: 'segment',
        address: s.cidr ? cidrText(s.cidr) : '',
        state: '',
        rules: segmentRules(s),
        platform: s.platform,
      });
      const nics = bySegment.get(s.id) ?? [];
      for (const [j, n] of nics.entries()) lines.push(nicLine(estate, n, stem(last), j === nics.length - 1, s.platform));
    });
  }
  for (const lb of estate.providers.balancers(topo)) {
    lines.push({ tree: `${lb.label} (${lb.id})`, kind: 'lb', address: lb.frontendIp, state: '', rules: '', platform: lb.platform });
    lb.rules.forEach((r, i) => {
      const last = i === lb.rules.length - 1;
      const probe = r.probe
        ? `probe ${r.probe.name} ${r.probe.protocol.toLowerCase()}/${r.probe.port} every ${r.probe.intervalS} s x ${r.probe.threshold}`
        : 'no probe';
      lines.push({
        tree: `${branch(last)}rule ${r.name} ${r.protocol.toLowerCase()}/${r.frontendPort} -> ${r.backendPort}`,
        kind: 'rule',
        address: '',
        state: '',
        rules: probe,
        platform: lb.platform,
      });
      r.members.forEach((m, j) => {
        const at = (now: number): Pick<NetLine, 'state' | 'rules' | 'tone'> => {
          const h = health(m, r, now);
          return {
            state: h.state,
            rules: h.state === 'healthy' ? '' : h.why,
            tone: h.state === 'healthy' ? 'running' : h.state === 'failing' ? 'provisioning' : 'failed',
          };
        };
        lines.push({
          tree: `${stem(last)}${branch(j === r.members.length - 1)}${m.nic.name || '(no NIC up)'} -> ${m.nic.workloadName}`,
          kind: 'backend',
          address: m.nic.ip,
          ...at(estate.sim.now),
          platform: estate.sim.workload(m.nic.workloadId)?.platform ?? lb.platform,
          workloadId: m.nic.workloadId,
          workloadName: m.nic.workloadName,
          at,
        });
      });
    });
  }
  // Workloads that have a network but no address now (not running, or none given), under the tree.
  if (topo.offline.length > 0) {
    lines.push({ tree: 'no address now', kind: 'domain', address: '', state: '', rules: '', platform: '' });
    for (const [i, o] of topo.offline.entries())
      lines.push({
        tree: `${branch(i === topo.offline.length - 1)}${o.workloadName}`,
        kind: 'nic',
        address: '',
        state: o.state,
        rules: o.noAddress ?? '',
        platform: '',
        workloadId: o.workloadId,
        workloadName: o.workloadName,
        tone: 'stopped',
      });
  }
  CACHE.set(estate, { changes, logged, lines });
  return lines;
}
