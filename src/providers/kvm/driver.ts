// The KVM / libvirt driver: domains on KVM hosts, OpenStack-style allocation
// ratios, KSM page sharing, qcow2 internal snapshots, pre-copy live migration.

import type { HostInput } from '../../core/hosts.js';
import { naturalCompare } from '../../core/natural-compare.js';
import { fail, type Result } from '../../core/result.js';
import type { SimulationApi } from '../../core/simulation-api.js';
import type { Snapshot } from '../../core/snapshots.js';
import type { WorkloadView } from '../../core/views.js';
import { lanAddresses } from '../../network/site-lan.js';
import type { TopologyPart } from '../../network/topology.js';
import type { LineAccess } from '../access/line-access.js';
import { localAccess } from '../access/local-access.js';
import { isReadOnlyCommand } from '../access/looking.js';
import type { CapabilityId } from '../capabilities.js';
import { hostOfUri, stableUuid } from '../common.js';
import { DriverBase } from '../driver-base.js';
import { failure } from '../exec-result.js';
import type { ReadFile } from '../kubernetes/driver.js';
import type { CreateRequest, ExecResult, Operation, PerformArgs, ProviderWorkload } from '../provider.js';
import { drawTree } from '../snapshot-tree.js';
import { INSTALL_EVENT, type InstallEvent, KVM_DURATIONS, KVM_OVERHEAD, KVM_POLICY, KVM_RATIOS, KVM_RESERVED_MEMORY_MIB, VIRSH_STATE } from './defaults.js';
import { bridgedGuests, defaultNetwork, isHostBridge, type LibvirtNetwork, networkOf } from './networks.js';
import { kvmTopology } from './topology.js';
import { VIRSH_COMPLETED, virsh } from './virsh.js';
import { virtClone } from './virt-clone.js';
import { virtInstall } from './virt-install.js';

const NATIVE: Partial<Record<CapabilityId, string>> = {
  start: 'start',
  stop: 'shutdown',
  'force-stop': 'destroy',
  restart: 'reboot',
  pause: 'suspend',
  resume: 'resume',
  suspend: 'managedsave',
  delete: 'undefine',
};

export class KvmDriver extends DriverBase {
  readonly platform = 'kvm';
  readonly name = 'KVM / libvirt';
  readonly terms = {
    workload: 'domain',
    workloads: 'domains',
    host: 'KVM host',
    hosts: 'KVM hosts',
    snapshot: 'snapshot',
    snapshots: 'snapshots',
    group: 'host',
  };
  readonly commands = ['virsh', 'virt-install', 'virt-clone'];
  readonly vocabulary = [...VIRSH_COMPLETED.map((c) => `virsh ${c}`), 'virt-install', 'virt-clone'];
  readonly examples = [
    'virsh list --all',
    'virsh dominfo dev-01',
    'virsh shutdown dev-01',
    'virsh snapshot-create-as dev-01 before-upgrade',
    'virsh migrate --live dev-01 qemu+ssh://kvm-02/system',
    'virt-clone --original dev-01 --name dev-02 --auto-clone',
    'virt-install --name lab-01 --memory 2048 --vcpus 2 --disk size=20 --os-variant debian12 --import --noautoconsole',
  ];
  readonly supported: readonly CapabilityId[] = [
    'start',
    'stop',
    'force-stop',
    'restart',
    'pause',
    'resume',
    'suspend',
    'snapshot',
    'revert',
    'delete-snapshot',
    'clone',
    'live-migrate',
    'migrate',
    'resize',
    'delete',
  ];
  /** virt-clone clones a shut off domain only ("Domain to clone must be shutoff."; a managed save is shut off too). Full copies only. */
  protected override readonly cloneStates: readonly string[] = ['stopped', 'suspended'];

  constructor(sim: SimulationApi) {
    super(sim);
    sim.setPlatformPolicy('kvm', KVM_POLICY);
    sim.handle<InstallEvent>(INSTALL_EVENT, (e) => this.installerDone(e.domain, e.started));
    // A domain whose network is not active does not start (qemu's networkAllocatePort).
    sim.limitHosts('kvm', (id) => this.hostsWithNetwork(id));
    sim.guardStarts('kvm', (id) => {
      const d = this.workload(id);
      if (!d || d.host === undefined) return undefined;
      const name = networkOf(d);
      if (name === '' || isHostBridge(name)) return undefined; // no NIC, or one on a host bridge that is always there
      const net = this.networksOn(d.host).find((n) => n.name === name);
      if (!net) return `Network not found: no network with matching name '${name}'`;
      return net.active ? undefined : `Requested operation is not valid: network '${name}' is not active`;
    });
  }

  /** The hosts with an active network of a domain's name, where some KVM host lacks one (else no limit). */
  private hostsWithNetwork(id: string): { hosts: string[]; why: string } | undefined {
    if (this.libvirtNetworks.size === 0) return undefined;
    const d = this.workload(id);
    const name = d ? networkOf(d) : '';
    if (!d || name === '' || isHostBridge(name)) return undefined;
    const hosts = this.hosts().filter((h) => this.networksOn(h.id).some((n) => n.name === name && n.active));
    return hosts.length === this.hosts().length ? undefined : { hosts: hosts.map((h) => h.id), why: `an active libvirt network ${name} (${d.name}'s)` };
  }

  /** Why a domain cannot move to a host for want of its network (libvirt refuses on the destination), in libvirt's words, or undefined. */
  networkRefusal(id: string, target: string, live: boolean): string | undefined {
    const d = this.workload(id);
    const name = d ? networkOf(d) : '';
    if (!d || name === '' || isHostBridge(name)) return undefined;
    const net = this.networksOn(target).find((n) => n.name === name);
    if (!net) return `Network not found: no network with matching name '${name}'`;
    return !net.active && live ? `Requested operation is not valid: network '${name}' is not active` : undefined;
  }

  override perform(workloadId: string, capability: CapabilityId, args: PerformArgs = {}): Result<Operation> {
    if ((capability === 'live-migrate' || capability === 'migrate') && args.targetHost) {
      const why = this.networkRefusal(workloadId, args.targetHost, capability === 'live-migrate');
      // In libvirt's words already (virerror.c), as a start guard's are.
      if (why) return fail('invalid-state', why, undefined, { guard: 'kvm' });
    }
    return super.perform(workloadId, capability, args);
  }

  /** Each host's libvirt networks where they are not the installed default alone. */
  readonly libvirtNetworks = new Map<string, LibvirtNetwork[]>();
  /** How a path given to net-define is read: the CLI's and a tape's file readers set it. */
  readFile: ReadFile | undefined;
  /** Each guest's address on its site's LAN (a bridge-mode network's guests): the registry's, shared with the other platforms'. */
  siteLan: () => ReadonlyMap<string, string> = () => lanAddresses(bridgedGuests(this));

  /**
   * An installer started by virt-install at `started` reboots at its end, which
   * powers the domain off (virt-install starts it again if it is still waiting).
   * A domain stopped and started since is no longer that installation.
   */
  private installerDone(name: string, started: number): void {
    const d = this.workload(name);
    if (d?.state !== 'running') return;
    if (this.sim.now - (d.uptimeMs ?? 0) > started + KVM_DURATIONS.boot[1]) return;
    this.perform(d.id, 'force-stop');
  }

  /** A KVM host with the driver's defaults: no admission limit (or its cluster's Nova ratios), the host's own memory. */
  hostInput(input: Omit<HostInput, 'ratios' | 'reserved'> & Partial<Pick<HostInput, 'ratios' | 'reserved'>>): HostInput {
    return { reserved: { memoryMiB: KVM_RESERVED_MEMORY_MIB }, ...input, ratios: this.ratiosFor(input.cluster, KVM_RATIOS, input.ratios) };
  }

  /** The libvirt networks of a KVM host: those defined there, else its default network (networks.ts). */
  networksOn(host: string): LibvirtNetwork[] {
    if (this.sim.host(host)?.platform !== 'kvm') return [];
    const list = this.libvirtNetworks.get(host);
    if (list) return list;
    // Read, not kept: a host whose networks no one changed has the installed default alone.
    let fresh = this.installed.get(host);
    if (!fresh) this.installed.set(host, (fresh = [defaultNetwork(host, stableUuid)]));
    return fresh;
  }

  /** Each host's installed default network, as read before anything changes it. */
  private readonly installed = new Map<string, LibvirtNetwork[]>();

  /** The host a local qemu:///system connection reaches: the first KVM host in natural order (no libvirt runs on this machine). */
  localHost(): string | undefined {
    return this.hosts()
      .map((h) => h.id)
      .sort(naturalCompare)[0];
  }

  /** A host's networks, to change: the installed default network until something else is defined. */
  editNetworks(host: string): LibvirtNetwork[] {
    let list = this.libvirtNetworks.get(host);
    if (!list) this.libvirtNetworks.set(host, (list = this.installed.get(host) ?? [defaultNetwork(host, stableUuid)]));
    this.installed.delete(host);
    return list;
  }

  /** A network gone from its host (destroyed while transient, or undefined while inactive). */
  forgetNetwork(n: LibvirtNetwork): void {
    const list = this.editNetworks(n.host);
    list.splice(list.indexOf(n), 1);
  }

  /** What an estate file keeps: each host's networks where they are not the installed default alone. */
  networksState(): Record<string, LibvirtNetwork[]> {
    const out: Record<string, LibvirtNetwork[]> = {};
    for (const [host, list] of this.libvirtNetworks)
      if (this.sim.host(host) && JSON.stringify(list) !== JSON.stringify([defaultNetwork(host, stableUuid)])) out[host] = list.map((n) => ({ ...n }));
    return out;
  }

  /** The domains whose host is `host`. */
  domainsOn(host: string): ProviderWorkload[] {
    return this.workloads().filter((d) => d.host === host);
  }

  /** KVM's part of the estate's network topology: each host's default network, NAT (masqueraded out, nothing in from outside). */
  topology(): TopologyPart {
    return kvmTopology(this);
  }

  /** libvirt numbers running domains; here the number is stable for the domain. */
  domainId(id: string): number {
    return (this.sim.workloadRow(id)?.index ?? 0) + 1;
  }

  snapshotsOf(id: string): readonly Snapshot[] {
    return this.sim.workloadRow(id)!.snapshots.list;
  }

  currentSnapshot(id: string): string | undefined {
    return this.sim.workloadRow(id)!.snapshots.current;
  }

  snapshotTree(id: string): string {
    return drawTree(this.snapshotsOf(id));
  }

  now(): number {
    return this.sim.now;
  }

  create(request: CreateRequest): Result<Operation> {
    const r = this.createVm(request, {
      memoryMiB: 1024,
      diskGiB: 10,
      image: 'generic',
      durations: KVM_DURATIONS,
      overhead: KVM_OVERHEAD,
      sharesPerVcpu: 1024,
      powerOn: true,
    });
    if (!r.ok) return r.error.code === 'duplicate-id' ? fail('duplicate-id', `domain '${request.name}' already exists`) : r;
    return { ok: true, value: { message: `Domain '${request.name}' defined on ${r.value.host}`, steps: r.value.steps } };
  }

  nativeCommand(id: string, capability: CapabilityId, args: PerformArgs = {}): string {
    const verb = NATIVE[capability];
    if (verb) return `virsh ${verb} ${id}`;
    switch (capability) {
      case 'snapshot':
        return `virsh snapshot-create-as ${id} ${args.snapshot ?? '<name>'}`;
      case 'revert':
        return `virsh snapshot-revert ${id} ${args.snapshot ?? '--current'}`;
      case 'delete-snapshot':
        return `virsh snapshot-delete ${id} ${args.snapshot ?? '<name>'}`;
      case 'live-migrate':
        return `virsh migrate --live${args.copyStorage ? ' --copy-storage-all' : ''} ${id} qemu+ssh://${args.targetHost ?? '<host>'}/system`;
      case 'migrate':
        return `virsh migrate --offline ${id} qemu+ssh://${args.targetHost ?? '<host>'}/system`;
      case 'clone':
        return `virt-clone --original ${id} --name ${args.cloneName ?? '<name>'} --auto-clone`;
      case 'resize':
        return `virsh setvcpus ${id} ${args.vcpus ?? '<n>'} --config && virsh setmaxmem ${id} ${args.memoryMiB ?? '<MiB>'}M --config`;
      default:
        return `virsh ${capability} ${id}`;
    }
  }

  /**
   * libvirt's access is the host's libvirt group: the host -c/--connect names, else the hosts of the
   * domains the line names, else every KVM host. A read-only connection (virsh -r) needs no group:
   * libvirt lets anyone open one (libvirt.org/aclpolkit: "just read-only access").
   */
  lineAccess(argv: readonly string[]): LineAccess | undefined {
    const uriAt = argv.findIndex((w) => w === '-c' || w === '--connect' || w.startsWith('--connect='));
    const uri = uriAt < 0 ? undefined : argv[uriAt].startsWith('--connect=') ? argv[uriAt].slice(10) : argv[uriAt + 1];
    const named = uri === undefined ? undefined : hostOfUri(uri);
    const hosts = this.hosts().map((h) => h.id);
    const readOnly = argv[0] === 'virsh' && argv.slice(1).some((w) => w === '-r' || w === '--readonly') && isReadOnlyCommand(argv.join(' '));
    if (readOnly) return { requests: [], changes: false, object: named ?? 'qemu:///system', refuse: () => failure('') };
    // The host -c names, and every host the line reaches besides: its domains' (virsh finds a domain by
    // name across the estate's KVM hosts, whatever -c says) and any other URI's (virsh migrate's destination).
    const domains = new Map(this.workloadsBrief().map((w) => [w.name, w.host]));
    const uris = argv.slice(1).flatMap((w) => (w.includes('://') ? [hostOfUri(w.replace(/^--connect=/, ''))] : []));
    const touched = [...(named !== undefined ? [named] : []), ...uris, ...argv.slice(1).flatMap((w) => (domains.get(w) ? [domains.get(w)!] : []))].filter(
      (h): h is string => h !== undefined,
    );
    const on = touched.length > 0 ? touched.filter((h) => hosts.includes(h)) : hosts;
    const object = argv.slice(1).find((w) => domains.has(w)) ?? named ?? 'qemu:///system';
    const polkit = "authentication unavailable: no polkit agent available to authenticate action 'org.libvirt.unix.manage'";
    return localAccess('kvm', on, argv, object, () =>
      argv[0] === 'virsh' ? failure(`error: failed to connect to the hypervisor\nerror: ${polkit}`) : failure(`ERROR    ${polkit}`),
    );
  }

  exec(argv: readonly string[]): ExecResult {
    if (argv[0] === 'virsh') return virsh(this, argv.slice(1));
    if (argv[0] === 'virt-install') return virtInstall(this, argv.slice(1));
    if (argv[0] === 'virt-clone') return virtClone(this, argv.slice(1));
    return failure(`${argv[0]}: command not found`, 127);
  }

  protected nativeState(w: WorkloadView): string {
    // libvirt's state follows QEMU: a reboot keeps it running, a managed save pauses it while memory is written, a cold move leaves it shut off.
    if (w.state === 'stopping') return w.target === 'running' ? 'running' : w.target === 'suspended' ? 'paused' : 'in shutdown';
    if (w.state === 'migrating') return this.sim.workloadRow(w.id)?.migration?.live === false ? 'shut off' : 'running';
    return VIRSH_STATE[w.state] ?? w.state;
  }

  protected groupOf(w: WorkloadView): string {
    return w.host ?? '-';
  }

  protected override details(w: WorkloadView): Record<string, string> {
    return { 'OS variant': w.image || 'generic' };
  }

  /** libvirt changes vCPUs and memory in the domain's config: it must be shut off to take them now. */
  protected override resizeWorkload(w: WorkloadView, args: PerformArgs) {
    if (w.state !== 'stopped') return fail('invalid-state', `shut ${w.name} off to change its vCPUs or memory (virsh setvcpus --config applies at next boot)`);
    return super.resizeWorkload(w, args);
  }
}
