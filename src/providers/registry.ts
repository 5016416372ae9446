// The five drivers over one simulation, and the routing of a native command line
// to the driver whose vocabulary it is ("virsh ..." to KVM, "Get-VM" to Hyper-V).
import { principalName } from '../access/directory.js';
import { LOCAL_GROUP } from '../access/local-groups.js';
import { AccessControl, type AccessRequest, defaultAccess } from '../access/policy.js';
import type { Posture } from '../access/posture.js';
import { CLONE_OF } from '../core/commands/clone.js';
import { REPLICA_OF } from '../core/commands/replication.js';
import type { Platform } from '../core/model.js';
import type { SimulationApi } from '../core/simulation-api.js';
import { parseIp } from '../network/ipv4.js';
import { type Balancer, health } from '../network/load-balancer.js';
import { routeLans, vlanText } from '../network/routing.js';
import { lanAddresses, lanSegment } from '../network/site-lan.js';
import { type Known, type Nic, type RuleSet, type Topology, topologyOf } from '../network/topology.js';
import { AlarmMonitor } from '../observe/alarms.js';
import { RequestLog, type RequestLogState } from '../observe/request-log.js';
import { ACCESS_USAGE, auditCommand, describeRequest, explained, localGroupCommand, userCommand } from './access/access-commands.js';
import { kubectlAccess } from './access/kubectl-access.js';
import type { LineAccess } from './access/line-access.js';
import { ownAccess } from './access/own-access.js';
import { alarmsCommand } from './alarm-commands.js';
import { vmIdOf } from './azure/az-network.js';
import { SUBSCRIPTION } from './azure/az-resources.js';
import { AzureDriver } from './azure/driver.js';
import { tokenize } from './cli/tokenize.js';
import { stableUuid } from './common.js';
import { DockerDriver } from './docker/driver.js';
import { requestRate } from './docker/image-output.js';
import { failure, output } from './exec-result.js';
import { firewallRules, type GuestFirewall, UFW_USAGE, ufw } from './guest-firewall.js';
import { type HostsByVlan, hostLanGuests, hostLanId, hostsByVlan } from './host-addresses.js';
import { HypervDriver } from './hyperv/driver.js';
import { lanGuests as hypervLanGuests } from './hyperv/network-adapters.js';
import { KubernetesDriver } from './kubernetes/driver.js';
import { kubernetesBalancers, kubernetesForwards, kubernetesKnown, kubernetesTopology } from './kubernetes/topology.js';
import { KvmDriver } from './kvm/driver.js';
import { bridgedGuests } from './kvm/networks.js';
import { OnPremBalancers } from './onprem-lb.js';
import { PLAN_COMMANDS, planCommand, type ReadText } from './plan-commands.js';
import { DEFAULT_BUILD } from './posture/host-builds.js';
import { posture, postureText } from './posture/report.js';
import { patchCommand } from './posture/system-updates.js';
import type { ExecResult, Provider } from './provider.js';
import { reachCommand } from './reach-command.js';
import { SiteRouters } from './site-routers.js';
import { trafficCommand } from './traffic-command.js';
import { VmwareDriver } from './vmware/driver.js';
import { entityAt, hostEntity, vsphereEntity } from './vmware/inventory-paths.js';
import { lanGuests as vmwareLanGuests } from './vmware/topology.js';

/** The commands that are hyperpane's own or no platform's, as the command-not-found hint names them. */
const OWN_COMMANDS = [
  'kubectl (Kubernetes)',
  "reach (hyperpane's reachability check)",
  'traffic (requests through a load balancer)',
  'lb (on-premises load balancers)',
  "guest NAME ufw (a guest's firewall)",
  "router (the site routers' VLANs)",
  'capacity, rightsize, power, consolidate (planning)',
  'alarms (the triggered alarms, to acknowledge or reset)',
];

/** The request counts' part of the file: left out while no server has served any. */
function requestsState(saved: RequestLogState): { requests?: RequestLogState } {
  return Object.keys(saved.servers).length > 0 ? { requests: saved } : {};
}

/** The alarms' part of the file: left out while there is nothing in it (no alarm yet, no condition held). */
function alarmsState(saved: ReturnType<AlarmMonitor['save']>): { alarms?: ReturnType<AlarmMonitor['save']> } {
  return saved.open.length > 0 || (saved.watches?.length ?? 0) > 0 || saved.nextId > 1 ? { alarms: saved } : {};
}

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
  /** Each host's build where it is not its platform's default (posture/host-builds.ts), by host id. */
  readonly builds = new Map<string, string>();
  /** Who may do what, who acts, and the audit trail: the policy point every line passes (access/policy.ts). */
  readonly access = new AccessControl(defaultAccess(SUBSCRIPTION));
  /** Reads a file a line names (consolidate --inventory), set by the estate (files/read-text.ts). */
  readText: ReadText | undefined;
  /** The estate's alarms: vCenter's defaults, Azure Monitor's rules, each judged every minute (observe/alarms.ts). */
  readonly alarms: AlarmMonitor;
  /** What each web server served, a minute at a time (observe/request-log.ts): its log's request lines. */
  readonly requests: RequestLog;

  constructor(readonly sim: SimulationApi) {
    this.vmware = new VmwareDriver(sim);
    this.hyperv = new HypervDriver(sim);
    this.kvm = new KvmDriver(sim);
    this.docker = new DockerDriver(sim);
    this.azure = new AzureDriver(sim);
    this.kubernetes = new KubernetesDriver(sim, this.docker);
    this.alarms = new AlarmMonitor(sim);
    this.requests = new RequestLog(sim, requestRate);
    for (const d of [this.vmware, this.hyperv, this.kvm, this.docker, this.azure, this.kubernetes]) d.access = this.access;
    for (const d of [this.vmware, this.hyperv, this.kvm, this.docker, this.azure]) d.alarms = this.alarms;
    this.docker.requests = this.requests;
    this.kubernetes.requests = this.requests;
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
    return [...this.all().flatMap((p) => p.commands), ...this.kubernetes.commands, 'reach', 'traffic', 'lb', 'guest', 'router', 'alarms', ...PLAN_COMMANDS];
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

  /** The build a host runs: its own, else its platform's default (posture/host-builds.ts); undefined where none is kept (KVM). */
  buildOf(host: string): string | undefined {
    const h = this.sim.host(host);
    return h ? (this.builds.get(host) ?? DEFAULT_BUILD[h.platform]) : undefined;
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
      ...alarmsState(this.alarms.save()),
      // Request counts change at the minute, never by a command line: not compared a line.
      ...(networks ? requestsState(this.requests.save()) : {}),
      ...([...this.builds.keys()].some((h) => sim.host(h)) ? { builds: Object.fromEntries([...this.builds].filter(([h]) => sim.host(h))) } : {}),
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

  private seen?: { key: string; workloads: ReadonlySet<string>; hosts: ReadonlySet<string> };
  private postureMemo?: { key: string; value: Posture };

  /** The security posture (providers/posture/report.ts), worked out once a change. */
  posture(): Posture {
    // The simulated day too: releases come out and rights go unused as the calendar runs.
    const key = `${this.sim.version - this.sim.advanced}:${this.access.version}:${this.access.audit.count}:${Math.floor(this.sim.now / 86_400_000)}`;
    if (this.postureMemo?.key !== key) this.postureMemo = { key, value: posture(this) };
    return this.postureMemo.value;
  }

  /**
   * What the actor may see, for the console's lists: the workloads and hosts they may look at (vSphere's
   * System.View, Azure's read, a host's local group); undefined when they see everything (an administrator
   * with no No access or deny assignment anywhere), which costs nothing to work out.
   */
  visibility(): { readonly workloads: ReadonlySet<string>; readonly hosts: ReadonlySet<string> } | undefined {
    const a = this.access;
    if (a.administers() && !a.vspherePermissions.some((p) => p.role === 'NoAccess') && a.azureDenies.length === 0) return undefined;
    const key = `${a.version}:${this.sim.version - this.sim.advanced}:${a.actor}`;
    if (this.seen?.key === key) return this.seen;
    const sees = (r: AccessRequest) => a.check(r, false).allowed;
    const hosts = new Set<string>();
    const local = (p: string): p is 'hyperv' | 'kvm' | 'docker' => p === 'hyperv' || p === 'kvm' || p === 'docker';
    for (const h of this.sim.hostViews()) {
      if (h.platform === 'vmware') {
        const e = hostEntity(this.vmware, h.id);
        if (sees({ kind: 'vsphere', privilege: 'System.View', entity: e.path, chains: e.chains })) hosts.add(h.id);
      } else if (local(h.platform) && sees({ kind: 'local', platform: h.platform, host: h.id })) hosts.add(h.id);
    }
    const workloads = new Set<string>();
    for (const w of this.sim.workloadViews()) {
      if (w.state === 'deleted') continue;
      let ok = false;
      // The drivers' own looks (what govc ls and az vm list show), or a host's group.
      if (w.platform === 'vmware') {
        const v = this.vmware.workload(w.id);
        ok = v !== undefined && this.vmware.maySee(v);
      } else if (w.platform === 'azure') {
        const scope = vmIdOf(this.azure)(w.id);
        ok = scope !== undefined && this.azure.mayRead('Microsoft.Compute/virtualMachines/read', scope);
      } else ok = w.host !== undefined && hosts.has(w.host);
      if (ok) workloads.add(w.id);
    }
    this.seen = { key, workloads, hosts };
    return this.seen;
  }

  /** What a line asks of the policy point, worked out without running it; undefined when it asks nothing (or fails before it would). */
  lineAccess(words: readonly string[]): LineAccess | undefined {
    const [word] = words;
    if (word === undefined) return undefined;
    if (['reach', 'traffic', 'lb', 'guest', 'router', 'user', 'localgroup', 'patch'].includes(word)) return ownAccess(words);
    // Planning reads the estate; only consolidate --apply changes it (it starts migrations), an administrator's act.
    if ((PLAN_COMMANDS as readonly string[]).includes(word)) return words.includes('--apply') ? ownAccess(['consolidate', 'apply', words[1] ?? '']) : undefined;
    // Anyone may read the alarms; acknowledging and resetting them is an administrator's act, as hyperpane's own changes are.
    if (word === 'alarms') {
      const verb = words.find((w, i) => i > 0 && (w === 'ack' || w === 'reset'));
      return verb ? ownAccess(['alarms', verb, words.slice(words.indexOf(verb) + 1).join(' ')]) : undefined;
    }
    if (word === 'kubectl') {
      // The cluster the line goes to: --context's, else the current context's.
      const at = words.findIndex((w) => w === '--context' || w.startsWith('--context='));
      const named = at < 0 ? undefined : words[at].startsWith('--context=') ? words[at].slice(10) : words[at + 1];
      const cluster = named !== undefined ? (this.kubernetes.clusters.has(named) ? named : undefined) : this.kubernetes.current()?.name;
      return kubectlAccess(words, this.access.actor, cluster);
    }
    return this.forCommand(word)?.lineAccess(words);
  }

  /**
   * The policy point for one line: the refusal (in the platform's words) when the actor may not do what it asks,
   * and what let them when they may. A refusal is written to the audit trail.
   */
  authorize(words: readonly string[], command = words.join(' '), record = true): { refused?: ExecResult; as: string; object: string; changes: boolean } {
    // A permission on something gone since (a VM destroyed while the last line waited) is gone with it first.
    if (record) this.pruneGrants();
    const la = this.lineAccess(words);
    if (!la) return { as: '', object: '', changes: false };
    const granted: string[] = [];
    for (const request of la.requests) {
      const d = this.access.check(request, la.changes);
      if (!d.allowed) {
        const refused =
          this.access.readOnly && la.changes ? failure(`read-only: ${command} changes the estate (started with --readonly)`) : la.refuse(request, d);
        if (record) this.audit(command, la.object, d.as, 'denied', (refused.stderr || refused.stdout).trim().split('\n').pop() ?? '', false);
        return { refused, as: d.as, object: la.object, changes: la.changes };
      }
      if (!granted.includes(d.as)) granted.push(d.as);
    }
    return { as: granted.join('; '), object: la.object, changes: la.changes };
  }

  /** Writes one entry to the audit trail, at the simulated time, with the next correlation id. */
  audit(command: string, object: string, as: string, result: 'succeeded' | 'failed' | 'denied', said: string, changed: boolean): void {
    const trail = this.access.audit;
    // A command's JSON answer (az's) is no line to keep: what it did is the command and its result.
    const detail = /^[[{]/.test(said.trim()) ? '' : said;
    if (changed) this.pruneGrants();
    trail.record({
      at: this.sim.now,
      user: this.access.actor,
      as,
      command,
      object,
      result,
      detail,
      // Unique in the trail (its count) and, as Azure's are, across estates (what, when, where).
      correlationId: stableUuid(`audit:${trail.count}:${this.sim.name}:${this.sim.now}:${command}`),
      changed,
    });
  }

  /**
   * Permissions go with what they were set on: a vSphere permission with its object (vCenter keeps it on the
   * managed entity, not its name), an Azure role assignment with its resource (an extension resource of it), a
   * host's local group with the host. So a VM made again under an old name starts with no one's permissions.
   */
  private pruneGrants(): void {
    const a = this.access;
    const before = a.vspherePermissions.length + a.azureAssignments.length + a.localGroups.length;
    // The root's permissions (a new estate's only one) need no looking up.
    if (a.vspherePermissions.some((p) => p.entity !== '/'))
      a.vspherePermissions = a.vspherePermissions.filter((p) => p.entity === '/' || entityAt(this.vmware, p.entity) !== undefined);
    const onVm = /\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Compute\/virtualMachines\/([^/]+)$/i;
    // The cloud's VMs are listed only when an assignment is on one (a line's cost stays flat on a large estate).
    if (a.azureAssignments.some((x) => onVm.test(x.scope))) {
      const vms = new Set(this.azure.workloadsBrief().map((w) => `${String(w.attrs.resourceGroup)}/${w.name}`.toLowerCase()));
      a.azureAssignments = a.azureAssignments.filter((x) => {
        const m = onVm.exec(x.scope);
        return !m || vms.has(`${m[1]}/${m[2]}`.toLowerCase());
      });
    }
    a.localGroups = a.localGroups.filter((g) => g.host === '*' || this.sim.host(g.host) !== undefined);
    // A namespace deleted takes its Roles and RoleBindings along, as the namespace controller does.
    let rbac = 0;
    for (const [name, r] of a.kubernetes) {
      const cluster = this.kubernetes.clusters.get(name);
      if (!cluster) continue;
      const live = (x: { namespace?: string }) => x.namespace === undefined || cluster.get('Namespace', undefined, x.namespace) !== undefined;
      const roles = r.roles.filter(live);
      const bindings = r.bindings.filter(live);
      rbac += r.roles.length - roles.length + r.bindings.length - bindings.length;
      r.roles = roles;
      r.bindings = bindings;
    }
    if (a.vspherePermissions.length + a.azureAssignments.length + a.localGroups.length !== before || rbac > 0) a.changed();
  }

  /** hyperpane's own access commands (access-commands.ts). */
  private accessCommand(words: readonly string[]): ExecResult {
    const [word, user, action, ...rest] = words;
    if (word === 'user') return userCommand(this.access, words);
    if (word === 'localgroup') return localGroupCommand(this.access, words, (id) => this.sim.host(id) !== undefined);
    if (word === 'audit') return auditCommand(this.access, words);
    // access USER ...: anyone may ask about themselves; about another, only an administrator.
    if (user === undefined || action === undefined) return failure(ACCESS_USAGE, 2);
    const who = principalName(user);
    if (!this.access.users.has(who)) return failure(`access: no user ${who}`);
    if (who !== this.access.actor && !this.access.administers())
      return failure(`access: only members of Administrators may ask about another user's access (${this.access.actor} asked about ${who})`);
    return this.explain(who, action === '--' ? rest : [action, ...rest]);
  }

  /** access USER ACTION OBJECT, or access USER -- LINE: each request decided for that user, with the rules that decided it. */
  explain(user: string, words: readonly string[]): ExecResult {
    const [action, object] = words;
    const requests: { what: string; request: AccessRequest }[] = [];
    const named = action === undefined ? undefined : this.lineAccess(words);
    if (named) for (const r of named.requests) requests.push({ what: describeRequest(r), request: r });
    else if (action !== undefined && object !== undefined) {
      const r = this.requestFor(action, object);
      if (typeof r === 'string') return failure(`access: ${r}`);
      requests.push({ what: describeRequest(r), request: r });
    } else return failure(ACCESS_USAGE, 2);
    if (requests.length === 0) return output(`allowed: ${words.join(' ')} asks for nothing the platforms check\n`);
    const text = requests.map(({ what, request }) => explained(user, what, this.access.decide(user, request))).join('');
    const allowed = requests.every(({ request }) => this.access.decide(user, request).allowed);
    return { exitCode: allowed ? 0 : 1, stdout: text, stderr: '', changed: false };
  }

  /** The request an ACTION on an OBJECT names: a vSphere privilege, an ARM operation, or a host's local group. */
  private requestFor(action: string, object: string): AccessRequest | string {
    const vm = this.sim.workloadViews().find((w) => w.name === object && w.state !== 'deleted');
    if (/^Microsoft\./i.test(action)) {
      const scope = object.startsWith('/') ? object : vm?.platform === 'azure' ? vmIdOf(this.azure)(vm.id) : undefined;
      return scope ? { kind: 'azure', action, scope } : `${object} is neither a scope (/subscriptions/...) nor a cloud VM's name`;
    }
    if (/^[A-Z][A-Za-z]+(\.[A-Za-z]+)+$/.test(action)) {
      const e = vsphereEntity(this.vmware, object);
      return e
        ? { kind: 'vsphere', privilege: action, entity: e.path, chains: e.chains }
        : `${object} is neither a vSphere inventory path nor a vSphere VM's or host's name`;
    }
    const platform = (['hyperv', 'kvm', 'docker'] as const).find((p) => p === action || LOCAL_GROUP[p] === action);
    if (platform) {
      const host = this.sim.host(object)?.id ?? vm?.host;
      return host ? { kind: 'local', platform, host } : `${object} is neither a host nor a workload's name`;
    }
    return (
      `${action}: give a vSphere privilege (VirtualMachine.Interact.PowerOff), an Azure action (Microsoft.Compute/virtualMachines/start/action), ` +
      'a host group (hyperv, kvm, docker), or -- and a native command line'
    );
  }

  /** Runs one native command line against the estate; `stdin` is what `-f -` reads. */
  exec(line: string, stdin?: string): ExecResult {
    const t = tokenize(line.trim());
    if (!t.ok) return failure(`hyperpane: cannot read that line: ${t.error}`, 2);
    if (t.words.length === 0) return { exitCode: 0, stdout: '', stderr: '', changed: false };
    const gate = this.authorize(t.words, line.trim());
    if (gate.refused) return gate.refused;
    const before = this.access.version;
    const r = this.run(t.words, stdin);
    const changed = r.changed || this.access.version !== before;
    if (changed) {
      if (this.access.version !== before && !r.changed) this.sim.changed();
      const said = (r.exitCode === 0 ? r.stdout || r.stderr : r.stderr).trim().split('\n')[0] ?? '';
      this.audit(line.trim(), gate.object, gate.as, r.exitCode === 0 ? 'succeeded' : 'failed', said, true);
    }
    return changed === r.changed ? r : { ...r, changed };
  }

  /** Runs a line the policy point let through, by the vocabulary of its first word. */
  private run(words: readonly string[], stdin?: string): ExecResult {
    const t = { words: [...words] };
    if (['user', 'localgroup', 'access', 'audit'].includes(t.words[0])) return this.accessCommand(t.words);
    if (t.words[0] === 'patch') {
      const r = patchCommand(this, t.words);
      if (r.changed) this.sim.changed();
      return r;
    }
    if (t.words[0] === 'posture') {
      if (!this.access.administers())
        return failure(`posture: only members of Administrators may read the estate's security posture (${this.access.actor} is not one)`);
      if (t.words.length > 1) return failure('usage: posture   (the secure score, each control and each finding with its fix)', 2);
      return output(postureText(this.posture()));
    }
    if ((PLAN_COMMANDS as readonly string[]).includes(t.words[0])) return planCommand(this.sim, t.words, this.readText);
    if (t.words[0] === 'alarms') {
      const r = alarmsCommand(this.alarms, t.words, this.access.actor);
      if (r.changed) this.sim.changed();
      return r;
    }
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
