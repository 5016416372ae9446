// The VMware vSphere driver: VMs on ESXi hosts in clusters with HA admission
// control and DRS settings, host memory states by minFree, snapshots, vMotion.
import type { HostInput } from '../../core/hosts.js';
import { minFreeMiB } from '../../core/platform-policy.js';
import { fail, ok, type Result } from '../../core/result.js';
import type { SimulationApi } from '../../core/simulation-api.js';
import type { HostView, WorkloadView } from '../../core/views.js';
import { lanAddresses } from '../../network/site-lan.js';
import type { TopologyPart } from '../../network/topology.js';
import type { LineAccess } from '../access/line-access.js';
import type { CapabilityId } from '../capabilities.js';
import { quoteWord } from '../cli/tokenize.js';
import { DriverBase } from '../driver-base.js';
import type { CreateRequest, ExecResult, Operation, PerformArgs, ProviderWorkload } from '../provider.js';
import { DEFAULT_DRS_THRESHOLD, ESXI_RATIOS, GUEST_IDS, POWER_STATE, SHARES_PER_VCPU, VMWARE_DURATIONS, VMWARE_OVERHEAD, VMWARE_POLICY } from './defaults.js';
import { asPortGroup, type DistributedPortGroup, type DistributedSwitch } from './distributed-switches.js';
import { GOVC_COMMANDS, GOVC_FLAGS, govc } from './govc.js';
import { govcAccess } from './govc-access.js';
import { localDatastoreOf } from './govc-storage.js';
import { vmEntity } from './inventory-paths.js';
import { DEFAULT_PORT_GROUPS, nicsOf, type PortGroup } from './port-groups.js';
import { lanGuests, networkMissing, vmwareTopology } from './topology.js';

export const DRS_MODES = ['manual', 'partiallyAutomated', 'fullyAutomated'] as const;
export type DrsMode = (typeof DRS_MODES)[number];

export interface DrsSettings {
  enabled: boolean;
  /** Migration threshold, 1 (conservative) to 5 (aggressive). */
  threshold: number;
  /** Fully automated DRS applies its recommendations itself, every five minutes; the others only recommend. */
  mode?: DrsMode;
}

/** How often DRS looks at a cluster (vSphere's default invocation interval). */
export const DRS_PASS_MS = 300_000;
/** The driver's own event for a DRS pass (saved in estate files; "drs" before 2026-12). */
export const DRS_PASS_EVENT = 'drs.pass';

export class VmwareDriver extends DriverBase {
  readonly platform = 'vmware';
  readonly name = 'VMware vSphere';
  readonly terms = { workload: 'VM', workloads: 'VMs', host: 'ESXi host', hosts: 'ESXi hosts', snapshot: 'snapshot', snapshots: 'snapshots', group: 'cluster' };
  readonly commands = ['govc'];
  readonly vocabulary = GOVC_COMMANDS.map((c) => `govc ${c}`);
  readonly examples = [
    'govc ls /dc-east/vm',
    'govc vm.info web-01',
    'govc vm.power -off web-01',
    'govc snapshot.create -vm web-01 before-patch',
    'govc snapshot.tree -vm web-01',
    'govc vm.migrate -host esx-02 web-01',
    'govc vm.clone -vm web-01 -on=false web-01-copy',
    'govc host.info -host esx-01',
  ];
  readonly supported: readonly CapabilityId[] = [
    'start',
    'stop',
    'force-stop',
    'restart',
    'suspend',
    'snapshot',
    'revert',
    'delete-snapshot',
    'clone',
    'mark-template',
    'mark-vm',
    'live-migrate',
    'migrate',
    'resize',
    'delete',
  ];
  /** vSphere makes linked clones from a snapshot (Horizon's and Lab Manager's trick). */
  override readonly linkedClones = true;
  /** DRS settings per cluster (HA policies live in the core, which enforces them). */
  readonly drs = new Map<string, DrsSettings>();
  /** Each host's standard port groups where they are not the installed two (DEFAULT_PORT_GROUPS). */
  readonly portGroups = new Map<string, PortGroup[]>();
  /** Distributed switches by name, and their port groups in the order they were added. */
  readonly dvSwitches = new Map<string, DistributedSwitch>();
  readonly dvPortGroups: DistributedPortGroup[] = [];
  /** Each guest NIC's address on its site's LAN: the registry's, shared with the other platforms' guests there. */
  siteLan: () => ReadonlyMap<string, string> = () => lanAddresses(lanGuests(this));

  constructor(sim: SimulationApi) {
    super(sim);
    sim.setPlatformPolicy('vmware', VMWARE_POLICY);
    sim.handle(DRS_PASS_EVENT, () => this.drsPass());
    sim.limitHosts('vmware', (id) => this.hostsWithNetworks(id));
  }

  /** The hosts with a port group of each of a VM's adapters' networks, where some host lacks one (else no limit). */
  private hostsWithNetworks(id: string): { hosts: string[]; why: string } | undefined {
    if (this.portGroups.size === 0 && this.dvPortGroups.length === 0) return undefined;
    const v = this.sim.workload(id);
    if (!v) return undefined;
    const index = this.networkHosts();
    const needs = [...new Set(nicsOf(v.attrs).map((n) => n.network))];
    const lacking = needs.filter((n) => (index.hosts.get(n)?.size ?? 0) < index.all.length);
    if (lacking.length === 0) return undefined;
    const hosts = index.all.filter((h) => lacking.every((n) => index.hosts.get(n)?.has(h)));
    return { hosts, why: `the port group${lacking.length === 1 ? '' : 's'} ${v.name} uses (${lacking.join(', ')})` };
  }

  /** Each port group's hosts, made again after a change of any host's port groups (DRS asks for every VM). */
  private networkIndex: { version: number; all: string[]; hosts: Map<string, Set<string>> } | undefined;
  private portGroupVersion = 0;

  private networkHosts(): { all: string[]; hosts: Map<string, Set<string>> } {
    const count = this.sim.hostCount;
    if (this.networkIndex?.version !== this.portGroupVersion + count * 1e9) {
      const all = this.hosts().map((h) => h.id);
      const hosts = new Map<string, Set<string>>();
      for (const h of all) for (const p of this.networksOn(h)) (hosts.get(p.name) ?? hosts.set(p.name, new Set()).get(p.name)!).add(h);
      this.networkIndex = { version: this.portGroupVersion + count * 1e9, all, hosts };
    }
    return this.networkIndex;
  }

  /** Makes sure a DRS pass is on the clock while some cluster is fully automated. */
  scheduleDrs(): void {
    if (![...this.drs.values()].some((d) => d.enabled && d.mode === 'fullyAutomated')) return;
    if (this.sim.isScheduled(DRS_PASS_EVENT)) return;
    this.sim.schedule(DRS_PASS_MS, { type: DRS_PASS_EVENT });
  }

  /** A DRS invocation: each fully automated cluster gets its recommendations applied. */
  private drsPass(): void {
    for (const [cluster, s] of this.drs) {
      if (!s.enabled || s.mode !== 'fullyAutomated') continue;
      const r = this.sim.recommendBalance(cluster, s.threshold);
      if (!r.ok || r.value.moves.length === 0) continue;
      const done = this.sim.applyBalance(r.value.moves);
      this.sim.log.append({
        kind: 'drs.applied',
        subjectType: 'cluster',
        subjectId: cluster,
        severity: 'info',
        message:
          `DRS moved ${done.started.length} VM${done.started.length === 1 ? '' : 's'} in ${cluster} ` +
          `(imbalance ${r.value.imbalance.toFixed(3)} → ${r.value.after.toFixed(3)}, threshold ${s.threshold})`,
      });
    }
    this.scheduleDrs();
  }

  hostInput(input: Omit<HostInput, 'ratios'> & Partial<Pick<HostInput, 'ratios'>>): HostInput {
    return { nicMbps: 10_000, ...input, ratios: this.ratiosFor(input.cluster, ESXI_RATIOS, input.ratios) };
  }

  drsOf(cluster: string): DrsSettings {
    return this.drs.get(cluster) ?? { enabled: false, threshold: DEFAULT_DRS_THRESHOLD };
  }

  setDrs(cluster: string, settings: Partial<DrsSettings>): Result<DrsSettings> {
    const c = this.sim.cluster(cluster);
    if (c?.platform !== 'vmware') return fail('not-found', `cluster '${cluster}' not found`);
    const next = { ...this.drsOf(cluster), ...settings };
    if (!(Number.isInteger(next.threshold) && next.threshold >= 1 && next.threshold <= 5))
      return fail('invalid-input', `DRS migration threshold must be 1 to 5, got ${next.threshold}`);
    if (next.mode !== undefined && !(DRS_MODES as readonly string[]).includes(next.mode))
      return fail('invalid-input', `DRS automation level must be one of ${DRS_MODES.join(', ')}, got ${next.mode}`);
    this.drs.set(cluster, next);
    this.scheduleDrs();
    return ok(next);
  }

  portGroupsOf(host: string): readonly PortGroup[] {
    return this.portGroups.get(host) ?? this.installedPortGroups(host);
  }

  /** The two an installed host has: its Management Network on its cluster's management VLAN (vmk0's). */
  private installedPortGroups(host: string): readonly PortGroup[] {
    const h = this.sim.host(host);
    const vlan = h ? (this.sim.cluster(h.cluster)?.managementVlan ?? 0) : 0;
    return vlan === 0 ? DEFAULT_PORT_GROUPS : DEFAULT_PORT_GROUPS.map((pg) => (pg.name === 'Management Network' ? { ...pg, vlan } : pg));
  }

  /** The networks a VM's adapter on the host can be on: its standard port groups, then those of the distributed switches it is a member of. */
  networksOn(host: string): readonly PortGroup[] {
    if (this.dvPortGroups.length === 0) return this.portGroupsOf(host);
    const member = new Set([...this.dvSwitches.values()].filter((d) => d.hosts.includes(host)).map((d) => d.name));
    return [...this.portGroupsOf(host), ...this.dvPortGroups.filter((pg) => member.has(pg.dvs)).map(asPortGroup)];
  }

  /** Says the hosts' networks changed (a switch or port group added, a host joined). */
  networksChanged(): void {
    this.portGroupVersion++;
  }

  /** The port groups of a host, to change (a host's first change copies the installed two). */
  editPortGroups(host: string): PortGroup[] {
    this.portGroupVersion++;
    let list = this.portGroups.get(host);
    if (!list) this.portGroups.set(host, (list = [...this.installedPortGroups(host)]));
    return list;
  }

  /** vSphere's topology: each VM's adapters on their port groups' VLANs of the site LAN. */
  topology(): TopologyPart {
    return vmwareTopology(this);
  }

  /**
   * vMotion checks the destination for each connected adapter's network by its
   * label: a host without a port group of that name refuses the VM
   * (CannotAccessNetwork; its words in pyvmomi#1041 and apache/cloudstack#5669).
   */
  override perform(workloadId: string, capability: CapabilityId, args: PerformArgs = {}): Result<Operation> {
    // A powered-off VM's adapters are not connected: vCenter only warns then (CannotAccessNetwork's documentation).
    const v = args.targetHost ? this.workload(workloadId) : undefined;
    const connected = v !== undefined && v.state !== 'stopped';
    if (
      v &&
      args.targetHost &&
      (capability === 'live-migrate' ||
        ((capability === 'migrate' || capability === 'clone') && connected) ||
        (capability === 'clone' && args.powerOn !== false))
    ) {
      const missing = networkMissing(this, v, args.targetHost);
      if (missing) return fail('invalid-state', missing);
    }
    return super.perform(workloadId, capability, args);
  }

  /** A host's memory state by minFree: its name, the technique it uses, free memory and minFree. */
  memoryState(host: HostView): { state: string; technique: string; minFreeMiB: number; reclaimedMiB: number } {
    const h = this.sim.hostRow(host.id)!;
    const ladder = VMWARE_POLICY.reclamation!;
    const rung = ladder.states[h.memState] ?? ladder.states[0];
    return {
      state: rung.name,
      technique: rung.technique,
      minFreeMiB: minFreeMiB(ladder, host.memoryMiB),
      reclaimedMiB: h.reclaimedMiB,
    };
  }

  /** The datacenter (site) a VM or host lives in, for inventory paths. */
  datacenterOf(hostId: string | undefined): string {
    return (hostId && this.sim.host(hostId)?.site) || this.sim.sites().find((s) => s.kind === 'datacenter')?.id || 'dc';
  }

  create(request: CreateRequest): Result<Operation> {
    if (request.template) {
      const t = this.workload(request.template);
      if (t?.attrs.template !== true) return fail('not-found', `no template named ${request.template}`);
      return this.perform(t.id, 'clone', { cloneName: request.name, targetHost: request.host, powerOn: request.powerOn ?? true });
    }
    const guest = request.image ?? 'otherGuest64';
    if (!GUEST_IDS[guest]) return fail('invalid-input', `invalid guest id '${guest}' (try ${Object.keys(GUEST_IDS).slice(0, 4).join(', ')}, ...)`);
    const r = this.createVm(
      { ...request, image: guest },
      { memoryMiB: 1024, diskGiB: 16, image: guest, durations: VMWARE_DURATIONS, overhead: VMWARE_OVERHEAD, sharesPerVcpu: SHARES_PER_VCPU, powerOn: true },
    );
    if (!r.ok) return r;
    return ok({ message: `VM ${request.name} created on ${r.value.host}`, steps: r.value.steps });
  }

  /** vSphere changes CPU and memory on a powered-off VM (hot add aside). */
  protected override resizeWorkload(v: WorkloadView, args: PerformArgs): Result<Operation> {
    if (v.state !== 'stopped')
      return fail(
        'invalid-state',
        `The attempted operation cannot be performed in the current state (Powered on): power off ${v.name} to change its CPU or memory`,
      );
    return super.resizeWorkload(v, args);
  }

  nativeCommand(id: string, capability: CapabilityId, args: PerformArgs = {}): string {
    const power: Partial<Record<CapabilityId, string>> = { start: '-on', stop: '-s', 'force-stop': '-off', restart: '-r', suspend: '-suspend' };
    if (power[capability]) return `govc vm.power ${power[capability]} ${id}`;
    switch (capability) {
      case 'snapshot':
        return `govc snapshot.create -vm ${id} ${args.snapshot ?? '<name>'}`;
      case 'revert':
        return `govc snapshot.revert -vm ${id}${args.snapshot ? ` ${args.snapshot}` : ''}`;
      case 'delete-snapshot':
        return `govc snapshot.remove -vm ${id} ${args.snapshot ?? '<name>'}`;
      case 'live-migrate':
      case 'migrate':
        return `govc vm.migrate -host ${args.targetHost ?? '<host>'}${
          args.targetDatastore !== undefined
            ? ` -ds ${quoteWord(this.sim.datastoreViews().find((d) => d.id === args.targetDatastore)?.name ?? args.targetDatastore)}`
            : args.copyStorage && args.targetHost
              ? ` -ds ${quoteWord(localDatastoreOf(this, args.targetHost))}`
              : ''
        } ${id}`;
      case 'clone':
        return (
          `govc vm.clone -vm ${id}${args.linked ? ' -link' : ''}${args.snapshot ? ` -snapshot ${args.snapshot}` : ''}` +
          `${args.targetHost ? ` -host ${args.targetHost}` : ''}${args.powerOn ? '' : ' -on=false'} ${args.cloneName ?? '<name>'}`
        );
      case 'mark-template':
        return `govc vm.markastemplate ${id}`;
      case 'mark-vm':
        return `govc vm.markasvm ${id}`;
      case 'resize':
        return `govc vm.change -vm ${id} -c ${args.vcpus ?? '<n>'} -m ${args.memoryMiB ?? '<MB>'}`;
      case 'delete':
        return `govc vm.destroy ${id}`;
      default:
        return `govc ${capability} ${id}`;
    }
  }

  exec(argv: readonly string[]): ExecResult {
    return govc(this, argv.slice(1));
  }

  lineAccess(argv: readonly string[]): LineAccess | undefined {
    return govcAccess(this, argv, GOVC_FLAGS);
  }

  /** Whether the user acting sees a VM (System.View on it): what govc's listings show them. */
  maySee(vm: ProviderWorkload): boolean {
    if (this.access === undefined) return true;
    const e = vmEntity(this, vm);
    return this.access.check({ kind: 'vsphere', privilege: 'System.View', entity: e.path, chains: e.chains }, false).allowed;
  }

  protected nativeState(v: WorkloadView): string {
    return POWER_STATE[v.state] ?? v.state;
  }

  protected groupOf(v: WorkloadView): string {
    return v.host ? (this.sim.host(v.host)?.cluster ?? '') : '';
  }

  protected override details(v: WorkloadView): Record<string, string> {
    return { 'Guest OS': GUEST_IDS[v.image] ?? v.image, 'Power state': this.nativeState(v) };
  }
}
