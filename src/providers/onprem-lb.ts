// On-premises load balancers, hyperpane's own: none of the simulated platforms
// ships one, so they are HAProxy's kind, in front of VMs on a site's LAN. A VIP
// (an address and port on a LAN segment) spreads connections round robin (HAProxy's
// default balance) over its servers, each checked every `inter` ms: taken out
// after `fall` failed checks in a row, put back after `rise` passed ones
// (HAProxy's defaults inter 2000, fall 3, rise 2: haproxy.c DEF_CHKINTR,
// DEF_FALLTIME, DEF_RISETIME; configuration.txt 5.2 "inter", "fall", "rise").
//   lb create web-vip --vip 10.20.0.250:80 --server web-01 --server web-02:8080 [--inter 2s --fall 3 --rise 2]
//   lb add web-vip web-03 | lb remove web-vip web-03 | lb delete web-vip | lb (list)
import { parseDurationMs } from '../core/duration.js';
import type { SimulationApi } from '../core/simulation-api.js';
import { inCidr, parseIp } from '../network/ipv4.js';
import type { Balancer, Member } from '../network/load-balancer.js';
import type { Forward, Topology } from '../network/topology.js';
import { failure, output } from './exec-result.js';
import type { ExecResult } from './provider.js';

export interface OnPremServer {
  /** The workload's id. */
  readonly workload: string;
  readonly port: number;
}

export interface OnPremLb {
  readonly name: string;
  readonly vip: string;
  readonly port: number;
  readonly servers: OnPremServer[];
  readonly interMs: number;
  readonly fall: number;
  readonly rise: number;
}

export const LB_DEFAULTS = { interMs: 2000, fall: 3, rise: 2 } as const;

export const LB_USAGE = [
  'usage: lb                                           list the on-premises load balancers',
  '       lb create NAME --vip IP:PORT --server WORKLOAD[:PORT]... [--inter 2s] [--fall 3] [--rise 2]',
  '       lb add NAME WORKLOAD[:PORT] | lb remove NAME WORKLOAD | lb delete NAME',
  '  (traffic NAME sends requests through one; reach FROM VIP PORT follows one)',
].join('\n');

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;
/** What an estate file holds: load balancers, and servers of one. */
const MAX_BALANCERS = 1000;
const MAX_SERVERS = 1000;

/** Whether no segment of the topology holds an address. */
const onNoSegment = (topo: Topology, ip: string) => {
  const n = parseIp(ip);
  return n === undefined || ![...topo.segments.values()].some((s) => s.cidr && inCidr(n, s.cidr));
};

export class OnPremBalancers {
  readonly list: OnPremLb[] = [];

  constructor(private readonly sim: SimulationApi) {}

  named(name: string): OnPremLb | undefined {
    return this.list.find((b) => b.name === name);
  }

  /** The shared model's reading of each, at the topology's state: servers whose workload has a NIC, with their check's timing. */
  balancers(topo: Topology, refuses: (workload: string, from: string, port: number) => string | undefined = () => undefined): Balancer[] {
    return this.list.map((b) => {
      const members: Member[] = b.servers.flatMap((s) => {
        const row = this.sim.workloadRow(s.workload);
        const w = this.sim.workload(s.workload);
        if (!row || !w || w.state === 'deleted') return [];
        // A server that is not running has no address now: it stays in the pool, failing its checks.
        const nic = topo.nics.find((n) => n.workloadId === s.workload) ?? {
          name: '',
          workloadId: w.id,
          workloadName: w.name,
          segment: '',
          ip: '',
          up: false,
          state: topo.offline.find((o) => o.workloadId === w.id)?.state ?? w.state,
        };
        // Its checks and the connections it proxies come from the VIP: the server's own firewall may drop them.
        return [
          {
            nic,
            downSince: row.downSince,
            upSince: row.runningSince,
            port: s.port,
            probeRefused: () => refuses(w.id, b.vip, s.port),
            clientsRefused: () => refuses(w.id, b.vip, s.port),
          },
        ];
      });
      const probe = { name: 'check', protocol: 'Tcp' as const, port: b.port, intervalS: b.interMs / 1000, threshold: b.fall, rise: b.rise };
      // One rule: HAProxy sends each server's connections, and its checks, to the server's own port.
      return {
        id: `onprem/${b.name}`,
        label: `on-premises load balancer ${b.name}`,
        frontendIp: b.vip,
        platform: 'onprem',
        // A VIP whose VLAN has no guest and no gateway left is on no segment: no client reaches it.
        ...(onNoSegment(topo, b.vip) ? { unreachable: `${b.vip} is on no network of the estate now: no client reaches it` } : {}),
        rules: [
          {
            name: b.name,
            protocol: 'Tcp' as const,
            frontendPort: b.port,
            backendPort: b.port,
            probe,
            pool: b.name,
            members,
            spread: 'roundrobin' as const,
          },
        ],
      };
    });
  }

  /** The VIPs' ways in, for reach: each server in rotation, from the segment the VIP is on. */
  forwards(topo: Topology, inRotation: (b: Balancer, rule: Balancer['rules'][number], m: Member) => boolean): Forward[] {
    const out: Forward[] = [];
    for (const b of this.balancers(topo)) {
      const ip = parseIp(b.frontendIp)!;
      const segment = [...topo.segments.values()].find((s) => s.cidr && inCidr(ip, s.cidr));
      for (const r of b.rules)
        for (const m of r.members)
          if (m.nic.up && inRotation(b, r, m))
            out.push({
              label: `${b.label}`,
              ip: b.frontendIp,
              port: r.frontendPort,
              protocol: 'Tcp',
              nic: m.nic,
              targetPort: m.port ?? r.backendPort,
              // A VIP whose VLAN has no guest and no gateway left is on no segment: nothing reaches it.
              segment: segment?.id ?? '',
            });
    }
    return out;
  }

  /** Runs `lb ...`. */
  /** Runs `lb ...`; `held` says what else has an address already (a Kubernetes node, a cluster's LoadBalancer pool). */
  command(words: readonly string[], topo: () => Topology, held: (ip: string) => string | undefined = () => undefined): ExecResult {
    const [, sub, ...rest] = words;
    if (sub === undefined || sub === 'list' || sub === 'ls') return this.listText();
    if (sub === '--help' || sub === '-h' || sub === 'help') return output(LB_USAGE);
    if (sub === 'create') return this.create(rest, topo(), held);
    if (!['add', 'remove', 'delete'].includes(sub)) return failure(`lb: unknown subcommand '${sub}'\n${LB_USAGE}`, 2);
    const name = rest[0];
    if (name === undefined) return failure(`lb ${sub}: give a load balancer's name\n${LB_USAGE}`, 2);
    const b = this.named(name);
    if (!b) return failure(`lb: no load balancer ${name}${this.list.length ? ` (there are ${this.list.map((x) => x.name).join(', ')})` : ''}`, 1);
    if (sub === 'delete') {
      if (rest.length !== 1) return failure(`lb delete: give one name\n${LB_USAGE}`, 2);
      this.list.splice(this.list.indexOf(b), 1);
      return output(`deleted ${name}`, true);
    }
    // add or remove
    if (rest.length !== 2) return failure(`lb ${sub}: give a load balancer and a workload\n${LB_USAGE}`, 2);
    if (sub === 'remove') {
      const w = this.workloadId(rest[1]!.replace(/:\d+$/, ''));
      const at = b.servers.findIndex((s) => s.workload === w);
      if (at < 0) return failure(`lb remove: ${rest[1]} is not a server of ${name}`, 1);
      b.servers.splice(at, 1);
      return output(`${name}: ${rest[1]} removed`, true);
    }
    const server = this.server(rest[1]!, b.port, topo());
    if (typeof server === 'string') return failure(`lb add: ${server}`, 1);
    if (b.servers.some((s) => s.workload === server.workload)) return failure(`lb add: ${rest[1]} is a server of ${name} already`, 1);
    if (b.servers.length >= MAX_SERVERS) return failure(`lb add: ${name} has ${MAX_SERVERS} servers, as many as one holds here`, 1);
    b.servers.push(server);
    return output(`${name}: ${rest[1]} added`, true);
  }

  private listText(): ExecResult {
    if (this.list.length === 0) return output('no on-premises load balancers (lb create makes one; traffic lists the cloud ones too)');
    const rows = [['NAME', 'VIP', 'SERVERS', 'CHECK']];
    for (const b of this.list)
      rows.push([
        b.name,
        `${b.vip}:${b.port}`,
        b.servers.map((s) => `${this.sim.workload(s.workload)?.name ?? s.workload}:${s.port}`).join(',') || '-',
        `inter ${b.interMs / 1000}s fall ${b.fall} rise ${b.rise}`,
      ]);
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    return output(rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('   ')).join('\n'));
  }

  private workloadId(word: string): string | undefined {
    const w = this.sim.workload(word) ?? this.sim.workloadViews().find((x) => x.name === word && x.state !== 'deleted');
    return w?.id;
  }

  /** A server as `lb create --server` and `lb add` name it: a workload with a network, and a port (the VIP's unless given). */
  private server(word: string, vipPort: number, topo: Topology): OnPremServer | string {
    const m = /^(.+?)(?::(\d{1,5}))?$/.exec(word);
    if (!m) return `'${word}' is not a workload[:port]`;
    const port = m[2] === undefined ? vipPort : Number(m[2]);
    if (!(port >= 1 && port <= 65535)) return `'${m[2]}' is not a port (1-65535)`;
    const id = this.workloadId(m[1]!);
    if (id === undefined) return `no workload ${m[1]}`;
    const w = this.sim.workload(id)!;
    if (w.platform === 'azure') return `${m[1]} is a cloud VM: an Azure load balancer fronts those (az network lb create)`;
    if (!topo.nics.some((n) => n.workloadId === id) && !topo.offline.some((o) => o.workloadId === id)) return `${m[1]} has no network adapter on any network`;
    return { workload: id, port };
  }

  private create(args: readonly string[], topo: Topology, held: (ip: string) => string | undefined): ExecResult {
    const name = args[0];
    if (name === undefined || name.startsWith('-')) return failure(`lb create: give a name\n${LB_USAGE}`, 2);
    if (!NAME.test(name)) return failure(`lb create: '${name}' is not a name (letters, digits, '.', '_', '-'; at most 63)`, 2);
    if (this.named(name)) return failure(`lb create: ${name} exists already`, 1);
    if (this.list.length >= MAX_BALANCERS) return failure(`lb create: the estate has ${MAX_BALANCERS} load balancers, as many as it holds here`, 1);
    const opts = new Map<string, string[]>();
    for (let i = 1; i < args.length; i++) {
      const flag = args[i]!;
      if (!['--vip', '--server', '--inter', '--fall', '--rise'].includes(flag)) return failure(`lb create: unknown option '${flag}'\n${LB_USAGE}`, 2);
      const value = args[++i];
      if (value === undefined) return failure(`lb create: ${flag} needs a value`, 2);
      (opts.get(flag) ?? opts.set(flag, []).get(flag)!).push(value);
    }
    const vipText = opts.get('--vip')?.at(-1);
    const vm = vipText === undefined ? null : /^(\d+\.\d+\.\d+\.\d+):(\d{1,5})$/.exec(vipText);
    if (!vm || parseIp(vm[1]!) === undefined || Number(vm[2]) < 1 || Number(vm[2]) > 65535)
      return failure(`lb create: --vip IP:PORT (10.20.0.250:80) is required`, 2);
    const vip = vm[1]!;
    const port = Number(vm[2]);
    const ip = parseIp(vip)!;
    // A VIP stands on a site's LAN, outside its DHCP scope (.10-.249), so no guest is ever given it.
    const segment = [...topo.segments.values()].find((s) => s.platform === 'lan' && s.cidr && inCidr(ip, s.cidr));
    if (!segment) return failure(`lb create: ${vip} is on no site LAN of the estate (a site's LAN is 10.(20 + 16 x site).(VLAN).0/24)`, 1);
    const host = ip & 255;
    if (host < 2 || (host >= 10 && host <= 249) || host === 255)
      return failure(`lb create: ${vip} is the network's, its gateway's or inside its DHCP scope (.10-.249): give .2-.9 or .250-.254`, 1);
    if (topo.nics.some((n) => n.ip === vip) || this.list.some((b) => b.vip === vip && b.port === port)) return failure(`lb create: ${vip}:${port} is taken`, 1);
    // Two holders of one address on a LAN answer ARP for it in turn: traffic goes to either. Refused, as an IPAM would.
    const holder = held(vip);
    if (holder !== undefined) return failure(`lb create: ${vip} is taken: ${holder} has it`, 1);
    const count = (flag: string, def: number, min: number) => {
      const t = opts.get(flag)?.at(-1);
      if (t === undefined) return def;
      const n = flag === '--inter' ? parseDurationMs(/^\d+$/.test(t) ? `${t}ms` : t) : /^\d+$/.test(t) ? Number(t) : undefined;
      return n !== undefined && n >= min && n <= (flag === '--inter' ? 3_600_000 : 1000)
        ? n
        : `lb create: ${flag} '${t}' is not ${flag === '--inter' ? 'a duration (2s, 500ms; 100ms to 1h)' : `a count (${min}-1000)`}`;
    };
    const interMs = count('--inter', LB_DEFAULTS.interMs, 100);
    const fall = count('--fall', LB_DEFAULTS.fall, 1);
    const rise = count('--rise', LB_DEFAULTS.rise, 1);
    for (const x of [interMs, fall, rise]) if (typeof x === 'string') return failure(x, 2);
    const servers: OnPremServer[] = [];
    for (const s of opts.get('--server') ?? []) {
      const made = this.server(s, port, topo);
      if (typeof made === 'string') return failure(`lb create: ${made}`, 1);
      if (servers.some((x) => x.workload === made.workload)) return failure(`lb create: ${s} is named twice`, 2);
      if (servers.length >= MAX_SERVERS) return failure(`lb create: at most ${MAX_SERVERS} servers`, 2);
      servers.push(made);
    }
    this.list.push({ name, vip, port, servers, interMs: interMs as number, fall: fall as number, rise: rise as number });
    return output(`created ${name}: ${vip}:${port} on ${segment.label}, ${servers.length} server${servers.length === 1 ? '' : 's'}`, true);
  }
}
