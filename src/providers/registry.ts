// The five drivers over one simulation, and the routing of a native command line
// to the driver whose vocabulary it is ("virsh ..." to KVM, "Get-VM" to Hyper-V).
import { CLONE_OF } from '../core/commands/clone.js';
import { REPLICA_OF } from '../core/commands/replication.js';
import type { Platform } from '../core/model.js';
import type { SimulationApi } from '../core/simulation-api.js';
import { parseIp } from '../network/ipv4.js';
import { type Balancer, health } from '../network/load-balancer.js';
import { routeLans, vlanText } from '../network/routing.js';
import { lanAddresses, lanSegment } from '../network/site-lan.js';
import { type Known, type Nic, type RuleSet, type Topology, topologyOf } from '../network/topology.js';
import { AzureDriver } from './azure/driver.js';
import { tokenize } from './cli/tokenize.js';
import { DockerDriver } from './docker/driver.js';
import { failure } from './exec-result.js';
import { firewallRules, type GuestFirewall, UFW_USAGE, ufw } from './guest-firewall.js';
import { type HostsByVlan, hostLanGuests, hostLanId, hostsByVlan } from './host-addresses.js';
import { HypervDriver } from './hyperv/driver.js';
import { lanGuests as hypervLanGuests } from './hyperv/network-adapters.js';
import { KubernetesDriver } from './kubernetes/driver.js';
import { kubernetesBalancers, kubernetesForwards, kubernetesKnown, kubernetesTopology } from './kubernetes/topology.js';
import { KvmDriver } from './kvm/driver.js';
import { bridgedGuests } from './kvm/networks.js';
import { OnPremBalancers } from './onprem-lb.js';
import type { ExecResult, Provider } from './provider.js';
import { reachCommand } from './reach-command.js';
import { SiteRouters } from './site-routers.js';
import { trafficCommand } from './traffic-command.js';
import { VmwareDriver } from './vmware/driver.js';
import { lanGuests as vmwareLanGuests } from './vmware/topology.js';

/** The commands that are hyperpane's own or no platform's, as the command-not-found hint names them. */
const OWN_COMMANDS = [
  'kubectl (Kubernetes)',
  "reach (hyperpane's reachability check)",
  'traffic (requests through a load balancer)',
  'lb (on-premises load balancers)',
  "guest NAME ufw (a guest's firewall)",
  "router (the site routers' VLANs)",
];

export class Providers {
  readonly vmware: VmwareDriver;
  readonly hyperv: HypervDriver;
  readonly kvm: KvmDriver;
  readonly docker: DockerDriver;
  readonly azure: AzureDriver;
  /** Kubernetes clusters over the Docker hosts, and kubectl (not a platform of its own: its pods are Docker containers). */
  readonly kubernetes: KubernetesDriver;
  /** On-premises load balancers in front of the VMs, hyperpane's own (lb). */
  readonly onPrem: OnPremBalancers;
  /** Each guest's and physical host's address on its site's LAN (network/site-lan.ts), worked out once a change. */
  readonly siteLan: () => ReadonlyMap<string, string>;
  /** How many physical hosts of each site have an address on each VLAN (their clusters' management VLANs), worked out with their addresses. */
  private readonly hostsOnVlans: () => HostsByVlan;
  /** Each site's router: which VLANs of its LAN have a gateway (router ...). */
  readonly routers: SiteRouters;
  /** The on-premises guests' own firewalls (guest NAME ufw ...), by workload id. */
  readonly firewalls = new Map<string, GuestFirewall>();
  /** Workloads looked at for a copied guest (a clone, a replica) that takes its source's firewall along. */
  private firewallsSeen = 0;

  constructor(readonly sim: SimulationApi) {
    this.vmware = new VmwareDriver(sim);
    this.hyperv = new HypervDriver(sim);
    this.kvm = new KvmDriver(sim);
    this.docker = new DockerDriver(sim);
    this.azure = new AzureDriver(sim);
    this.kubernetes = new KubernetesDriver(sim, this.docker);
    this.onPrem = new OnPremBalancers(sim);
    this.routers = new SiteRouters(sim);
    // One DHCP a site LAN: Hyper-V's external switches, vSphere's port groups and libvirt's bridge networks share its VLANs.
    // Worked out once a change and a clock tick: every row and every command that shows an address asks for it.
    let memo: { version: number; now: number; lan: ReadonlyMap<string, string> } | undefined;
    // The hosts' addresses come first and move only when the estate does, not with the clock: kept apart.
    let hostMemo: { changes: number; lan: ReadonlyMap<string, string>; bySite: HostsByVlan } | undefined;
    const hosts = () => {
      const changes = sim.version - sim.advanced;
      if (hostMemo?.changes !== changes) {
        const lan = lanAddresses(hostLanGuests(sim));
        hostMemo = { changes, lan, bySite: hostsByVlan(sim, lan) };
      }
      return hostMemo;
    };
    this.hostsOnVlans = () => hosts().bySite;
    const lan = () => {
      if (memo?.version !== sim.version || memo.now !== sim.now)
        memo = {
          version: sim.version,
          now: sim.now,
          lan: lanAddresses([...hypervLanGuests(this.hyperv), ...vmwareLanGuests(this.vmware), ...bridgedGuests(this.kvm)], hosts().lan),
        };
      return memo.lan;
    };
    this.siteLan = lan;
    // A swarm node advertises its host's own address: a physical host's on its LAN, a Docker VM's its VM's.
    this.docker.nodeAddress = (host) =>
      this.sim.host(host)?.backingWorkload === undefined ? this.hostAddress(host) : this.hostsAt(this.driversTopology())(host)?.ip;
    this.hyperv.siteLan = lan;
    this.vmware.siteLan = lan;
    this.kvm.siteLan = lan;
  }

  all(): Provider[] {
    return [this.vmware, this.hyperv, this.kvm, this.docker, this.azure];
  }

  get(platform: Platform): Provider {
    return this[platform];
  }

  /** The driver that answers a command word; PowerShell cmdlets match without regard to case. */
  forCommand(word: string): Provider | undefined {
    const lower = word.toLowerCase();
    return this.all().find((p) => p.commands.some((c) => c === word || (p.platform === 'hyperv' && c.toLowerCase() === lower)));
  }

  /** Every command word the estate answers, for completion and help. */
  commandWords(): string[] {
    return [...this.all().flatMap((p) => p.commands), ...this.kubernetes.commands, 'reach', 'traffic', 'lb', 'guest', 'router'];
  }

  /** The estate's load balancers: the cloud's and the on-premises ones. */
  balancers(topology?: Topology): Balancer[] {
    if (this.onPrem.list.length === 0 && this.azure.networks.lbs.size === 0 && this.kubernetes.clusters.size === 0) return [];
    const topo = topology ?? this.driversTopology();
    return [
      ...this.azure.balancers(),
      ...(this.onPrem.list.length > 0 ? this.onPrem.balancers(topo, (id, vip, port) => this.guestRefuses(id, vip, port)) : []),
      ...(this.kubernetes.clusters.size > 0 ? kubernetesBalancers(this.kubernetes, topo) : []),
    ];
  }

  /**
   * A clone or a replica is a copy of its source's disk, and its guest's ufw settings with it: each workload made
   * since the last look, copied from one with a firewall, gets that firewall as it is now (which is as it was when
   * the copy was made: copies are looked for before any firewall is read or changed).
   */
  private copyFirewalls(): void {
    const n = this.sim.workloadCount;
    if (n === this.firewallsSeen) return;
    if (this.firewalls.size > 0) {
      const row = this.sim.workloadCursor();
      for (let w = this.firewallsSeen; w < n; w++) {
        const r = row.at(w);
        const from = r.attrs[CLONE_OF] ?? r.attrs[REPLICA_OF];
        const fw = typeof from === 'string' ? this.firewalls.get(from) : undefined;
        if (fw && !this.firewalls.has(r.id)) this.firewalls.set(r.id, { ...fw, rules: fw.rules.map((x) => ({ ...x })) });
      }
    }
    this.firewallsSeen = n;
  }

  /** Says that every workload there is now has the firewall it should (an estate file's were read with it). */
  firewallsLoaded(): void {
    this.firewallsSeen = this.sim.workloadCount;
  }

  /** Why a guest's own firewall drops TCP from an address to a port (an on-premises load balancer's checks and its connections), or undefined. */
  private guestRefuses(workload: string, from: string, port: number): string | undefined {
    this.copyFirewalls();
    const fw = this.firewalls.get(workload);
    if (!fw?.enabled) return undefined;
    const set = firewallRules(this.sim.workload(workload)?.name ?? workload, fw);
    const end = (ip: string, p: number) => ({ ip: parseIp(ip)!, port: p, tags: new Set<never>() });
    const hit = set.rules.decide({ direction: 'Inbound', protocol: 'Tcp', source: end(from, 49152), destination: end('0.0.0.0', port) });
    return hit && hit.rule.access !== 'Allow' ? `${set.label}: ${set.ruleText!(hit.rule, hit.isDefault)} drops tcp/${port} from ${from}` : undefined;
  }

  /** The estate's networks as the drivers that have them give them. */
  topology(): Topology {
    const base = this.driversTopology();
    if (this.onPrem.list.length === 0 && this.kubernetes.clusters.size === 0) return base;
    const now = this.sim.now;
    const forwards = this.onPrem.list.length > 0 ? this.onPrem.forwards(base, (_b, rule, m) => health(m, rule, now).state !== 'down') : [];
    return {
      ...base,
      forwards: [...base.forwards, ...forwards, ...kubernetesForwards(this.kubernetes, base)],
      known: new Map([...(base.known ?? []), ...kubernetesKnown(this.kubernetes)]),
    };
  }

  /** The routers' and the physical hosts' own addresses, which answer nothing reach asks of them. */
  private ownAddresses(topo: Topology): Map<string, Known> {
    const out = new Map<string, Known>();
    for (const s of topo.segments.values())
      if (s.lan && s.gateway)
        out.set(s.gateway, () => `the gateway of ${vlanText(s.lan!.site, s.lan!.vlan)}: its site's router, which reach does not take as an endpoint`);
    for (const [id, ip] of this.siteLan())
      if (id.startsWith('host/')) out.set(ip, () => `${id.slice(5)}'s own address on its LAN: a host, which reach does not take as an endpoint`);
    return out;
  }

  /** The networks as the platforms' drivers give them, before the on-premises load balancers' VIPs. */
  private driversTopology(): Topology {
    this.copyFirewalls();
    const topo = routeLans(
      topologyOf([
        this.azure.topology(),
        this.docker.topology(),
        kubernetesTopology(this.kubernetes),
        this.kvm.topology(),
        this.hyperv.topology(),
        this.vmware.topology(),
      ]),
      this.routers.all().map((r) => ({ ...r, hostVlans: new Set(this.hostsWithAddresses(r.site).keys()) })),
    );
    const withEgress = { ...this.hostAddresses(topo), known: this.ownAddresses(topo) };
    if (![...this.firewalls.values()].some((f) => f.enabled)) return withEgress;
    const topo2 = withEgress;
    // A guest's firewall filters what reaches each of its NICs.
    const sets = new Map<string, RuleSet>();
    for (const [id, fw] of this.firewalls) if (fw.enabled && this.sim.workload(id)) sets.set(id, firewallRules(this.sim.workload(id)!.name, fw));
    return { ...topo2, nics: topo2.nics.map((n) => (sets.has(n.workloadId) && !n.rules ? { ...n, rules: sets.get(n.workloadId)! } : n)) };
  }

  /**
   * A masqueraded NIC's host's own address: a physical host's on its site's LAN, or, for a host inside a VM of the
   * estate (a Docker host in a KVM guest), its VM's first NIC's.
   */
  private hostAddresses(topo: Topology): Topology {
    if (!topo.nics.some((n) => n.egress)) return topo;
    const hostAt = this.hostsAt(topo);
    return {
      ...topo,
      nics: topo.nics.map((n) => {
        if (!n.egress) return n;
        const where = hostAt(n.egress.via);
        return where ? { ...n, egress: { via: n.egress.via, ...where } } : n;
      }),
    };
  }

  /** Each host's own address and the segment it is on, worked out from a topology (for a host inside a VM, its VM's NIC). */
  private hostsAt(topo: Topology): (host: string) => { ip: string; segment: string } | undefined {
    // A VM's NIC on a site LAN first (a host's management network), else its first.
    const vmNic = new Map<string, Nic>();
    for (const n of topo.nics) {
      const had = vmNic.get(n.workloadId);
      if (!had || (!topo.segments.get(had.segment)?.lan && topo.segments.get(n.segment)?.lan)) vmNic.set(n.workloadId, n);
    }
    const at = new Map<string, { ip: string; segment: string } | undefined>();
    return (host: string) => {
      if (!at.has(host)) {
        const h = this.sim.host(host);
        const nic = h?.backingWorkload === undefined ? undefined : vmNic.get(h.backingWorkload);
        const ip = h && h.backingWorkload === undefined ? this.hostAddress(host) : undefined;
        at.set(
          host,
          nic
            ? { ip: nic.ip, segment: nic.segment }
            : ip && h
              ? { ip, segment: lanSegment(h.site, this.sim.cluster(h.cluster)?.managementVlan ?? 0) }
              : undefined,
        );
      }
      return at.get(host);
    };
  }

  /** How many of a site's physical hosts have an address on each VLAN of its LAN (their clusters' management VLANs). */
  private hostsWithAddresses(site: string): ReadonlyMap<number, number> {
    return this.hostsOnVlans().get(site) ?? new Map();
  }

  /** A physical host's address on its site's untagged LAN (host-addresses.ts), if its LAN's DHCP had one for it. */
  hostAddress(host: string): string | undefined {
    return this.siteLan().get(hostLanId(host));
  }

  /** What of the Kubernetes clusters has an address: a node's InternalIP, a Service's, or a LoadBalancer pool's range. */
  private kubernetesAddress(ip: string): string | undefined {
    const n = parseIp(ip);
    for (const c of this.kubernetes.clusters.values()) {
      const node = c.data.nodes.find((x) => x.internalIP === ip);
      if (node) return `Kubernetes node ${node.name} (cluster ${c.name})`;
      const svc = c.list('Service').find((s) => s.status.loadBalancer.ingress?.some((i) => i.ip === ip));
      if (svc) return `Service ${svc.metadata.namespace ?? 'default'}/${svc.metadata.name} (cluster ${c.name})`;
      const pool = c.data.settings.loadBalancerPool;
      const [from, to] = (pool ?? '').split('-').map((x) => parseIp(x.trim()));
      if (n !== undefined && from !== undefined && n >= from && n <= (to ?? from)) return `cluster ${c.name}'s LoadBalancer pool (${pool})`;
    }
    return undefined;
  }

  /** `guest NAME ufw ...`: a command run in an on-premises Linux guest. */
  private guest(words: readonly string[]): ExecResult {
    const [, name, tool, ...args] = words;
    if (name === undefined || name === '--help' || tool === undefined) return failure(`usage: guest NAME ufw ARGS...\n${UFW_USAGE}`, 2);
    const w = this.sim.workload(name) ?? this.sim.workloadViews().find((x) => x.name === name && x.state !== 'deleted');
    if (!w || w.state === 'deleted') return failure(`guest: no workload ${name}`, 1);
    if (w.platform === 'azure')
      return failure(`guest: ${w.name} is a cloud VM: its network security groups filter its traffic (az network nsg rule create)`, 1);
    if (w.platform === 'docker') return failure(`guest: ${w.name} is a container: its networks and published ports decide what reaches it`, 1);
    if (/windows/i.test(w.image)) return failure(`guest: ${w.name} runs ${w.image}: ufw is Ubuntu's, and a Windows guest's firewall is not simulated`, 1);
    if (tool !== 'ufw') return failure(`guest: ${tool}: command not found (this simulation runs ufw in a guest)`, 127);
    if (w.state !== 'running') return failure(`guest: ${w.name} is not running (${w.state}): nothing answers in it`, 1);
    this.copyFirewalls();
    let fw = this.firewalls.get(w.id);
    if (!fw) this.firewalls.set(w.id, (fw = { enabled: false, incoming: 'deny', rules: [] }));
    return ufw(fw, args);
  }

  /**
   * The drivers' own state, as plain data (what an estate file keeps of them): DRS
   * settings, virtual switches, the Docker context and images, Azure resource
   * groups. A Docker host that is gone (its VM deleted) takes its images and the
   * context naming it along.
   */
  state(networks = true) {
    const sim = this.sim;
    this.copyFirewalls();
    return {
      vmware: {
        drs: Object.fromEntries([...this.vmware.drs].map(([k, v]) => [k, { ...v }])),
        // A host that is gone takes its port groups along.
        ...(this.vmware.portGroups.size > 0
          ? { portGroups: Object.fromEntries([...this.vmware.portGroups].filter(([h]) => sim.host(h)).map(([h, list]) => [h, list.map((p) => ({ ...p }))])) }
          : {}),
        // A host that is gone leaves its switches.
        ...(this.vmware.dvSwitches.size > 0
          ? {
              dvSwitches: [...this.vmware.dvSwitches.values()].map((d) => ({ ...d, hosts: d.hosts.filter((h) => sim.host(h)) })),
              dvPortGroups: this.vmware.dvPortGroups.map((pg) => ({ ...pg })),
            }
          : {}),
      },
      hyperv: { switches: [...this.hyperv.switches.values()].map((s) => ({ ...s })) },
      ...(Object.keys(this.kvm.networksState()).length > 0 ? { kvm: { networks: this.kvm.networksState() } } : {}),
      docker: {
        ...(this.docker.context && sim.host(this.docker.context) ? { context: this.docker.context } : {}),
        images: Object.fromEntries(Object.entries(this.docker.images.toJSON()).filter(([host]) => sim.host(host) !== undefined)),
        ...(networks ? this.docker.networksState() : {}),
        ...this.docker.volumesState(),
      },
      // Disks, like networks, say their own changes (every disk command answers changed).
      azure: {
        groups: [...this.azure.groups.values()].map((g) => ({ ...g })),
        ...(networks ? this.azure.networksState() : {}),
        ...(networks ? this.azure.disksState() : {}),
      },
      ...(this.kubernetes.clusters.size > 0 ? { kubernetes: this.kubernetes.state() } : {}),
      ...(this.firewalls.size > 0
        ? {
            firewalls: [...this.firewalls]
              .filter(([id]) => (sim.workload(id)?.state ?? 'deleted') !== 'deleted')
              .map(([workload, f]) => ({ workload, enabled: f.enabled, incoming: f.incoming, rules: f.rules.map((r) => ({ ...r })) })),
          }
        : {}),
      ...(this.routers.routed.size > 0 ? { routers: this.routers.state() } : {}),
      // A server whose workload is gone is no server: a file names only workloads it has.
      ...(this.onPrem.list.length > 0
        ? {
            balancers: this.onPrem.list.map((b) => ({
              ...b,
              servers: b.servers.filter((x) => (sim.workload(x.workload)?.state ?? 'deleted') !== 'deleted').map((x) => ({ ...x })),
            })),
          }
        : {}),
    };
  }

  /**
   * The drivers' state that a command line may change, but the clusters' and the
   * networks', which say their own changes (every network command answers
   * changed; endpoints come and go with the workloads, which change the
   * simulation): writing every endpoint out twice a line cost 13 times a line's
   * time at 1,500 containers.
   */
  private comparable(): string {
    const { kubernetes: _, ...rest } = this.state(false);
    return JSON.stringify(rest);
  }

  /** Runs one native command line against the estate; `stdin` is what `-f -` reads. */
  exec(line: string, stdin?: string): ExecResult {
    const t = tokenize(line.trim());
    if (!t.ok) return failure(`hyperpane: cannot read that line: ${t.error}`, 2);
    if (t.words.length === 0) return { exitCode: 0, stdout: '', stderr: '', changed: false };
    if (t.words[0] === 'reach') return reachCommand(() => this.topology(), t.words);
    if (t.words[0] === 'traffic')
      return trafficCommand(
        () => this.balancers(),
        () => this.sim.now,
        t.words,
      );
    // Their changes are the estate's: the console's views re-read when the simulation says something changed.
    if (t.words[0] === 'lb' || t.words[0] === 'guest' || t.words[0] === 'router') {
      const r =
        t.words[0] === 'lb'
          ? this.onPrem.command(
              t.words,
              () => this.driversTopology(),
              (ip) => this.kubernetesAddress(ip),
            )
          : t.words[0] === 'router'
            ? this.routers.command(
                t.words,
                () => this.topology(),
                (site) => this.hostsWithAddresses(site),
              )
            : this.guest(t.words);
      if (r.changed) this.sim.changed();
      return r;
    }
    if (t.words[0] === 'kubectl') {
      const version = this.sim.version;
      const r = this.kubernetes.exec(t.words, stdin);
      if (r.changed && this.sim.version === version) this.sim.changed();
      return r;
    }
    const provider = this.forCommand(t.words[0]);
    if (!provider) {
      return failure(
        `hyperpane: ${t.words[0]}: command not found\nhint: this estate answers ${[
          ...this.all().map((p) => `${p.commands.slice(0, 3).join(', ')}${p.commands.length > 3 ? ', ...' : ''} (${p.name})`),
          ...OWN_COMMANDS,
        ].join('; ')}`,
        127,
      );
    }
    // Whether the line changed the estate is seen, not declared: the simulation's
    // own count of changes, and the drivers' state before and after. (A driver that
    // forgot to say so lost az vm create's VM on the next exec --estate.)
    const version = this.sim.version;
    const state = this.comparable();
    const k8s = this.kubernetes.changes;
    const r = provider.exec(t.words);
    const changed = r.changed || this.sim.version !== version || this.comparable() !== state || this.kubernetes.changes !== k8s;
    if (changed && this.sim.version === version) this.sim.changed();
    return changed === r.changed ? r : { ...r, changed };
  }
}
