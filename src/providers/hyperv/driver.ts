// The Hyper-V driver: VMs on Hyper-V hosts, Generation 1 or 2, Dynamic Memory,
// production and standard checkpoints, virtual switches, live migration.

import type { DynamicMemorySettings } from '../../core/dynamic-memory.js';
import type { HostInput } from '../../core/hosts.js';
import { fail, ok, type Result } from '../../core/result.js';
import type { SimulationApi } from '../../core/simulation-api.js';
import { MEM } from '../../core/units.js';
import type { WorkloadView } from '../../core/views.js';
import { lanAddresses } from '../../network/site-lan.js';
import type { TopologyPart } from '../../network/topology.js';
import type { LineAccess } from '../access/line-access.js';
import { localAccess } from '../access/local-access.js';
import type { CapabilityId } from '../capabilities.js';
import { DriverBase } from '../driver-base.js';
import type { CreateRequest, ExecResult, Operation, PerformArgs } from '../provider.js';
import {
  type CheckpointType,
  CONFIG_VERSION,
  DEFAULT_BUFFER_PCT,
  DEFAULT_GENERATION,
  DEFAULT_STARTUP_MIB,
  HYPERV_DURATIONS,
  HYPERV_OVERHEAD,
  HYPERV_POLICY,
  HYPERV_RATIOS,
  SAVING_STATE,
  type SwitchType,
  VM_STATE,
} from './defaults.js';
import { errorRecord } from './error-record.js';
import { lanGuests } from './network-adapters.js';
import { CMDLETS_ANSWERED, powershell } from './powershell.js';
import { hypervTopology } from './topology.js';

export interface VirtualSwitch {
  readonly name: string;
  readonly type: SwitchType;
  /** The physical adapter an external switch is bound to. */
  readonly adapter?: string;
}

export interface NewVmRequest extends CreateRequest {
  readonly generation?: number;
  readonly switchName?: string;
  /** Dynamic Memory on from the start (an imported VM's; New-VM makes VMs with it off). */
  readonly dynamicMemory?: DynamicMemorySettings;
}

export class HypervDriver extends DriverBase {
  readonly platform = 'hyperv';
  readonly name = 'Hyper-V';
  readonly terms = {
    workload: 'VM',
    workloads: 'VMs',
    host: 'Hyper-V host',
    hosts: 'Hyper-V hosts',
    snapshot: 'checkpoint',
    snapshots: 'checkpoints',
    group: 'host',
  };
  readonly commands = [
    'Get-VM',
    'New-VM',
    'Start-VM',
    'Stop-VM',
    'Restart-VM',
    'Suspend-VM',
    'Resume-VM',
    'Save-VM',
    'Remove-VM',
    'Set-VM',
    'Checkpoint-VM',
    'Get-VMSnapshot',
    'Get-VMCheckpoint',
    'Restore-VMSnapshot',
    'Restore-VMCheckpoint',
    'Remove-VMSnapshot',
    'Remove-VMCheckpoint',
    'Set-VMMemory',
    'Get-VMMemory',
    'Move-VM',
    'Move-VMStorage',
    'Get-VMHardDiskDrive',
    'Set-VMHardDiskDrive',
    'Add-VMHardDiskDrive',
    'Remove-VMHardDiskDrive',
    'Get-VHD',
    'New-VHD',
    'Resize-VHD',
    'Remove-Item',
    'Get-VMSwitch',
    'New-VMSwitch',
    'Get-VMNetworkAdapter',
    'Connect-VMNetworkAdapter',
    'Disconnect-VMNetworkAdapter',
    'Set-VMNetworkAdapterVlan',
    'Get-VMNetworkAdapterVlan',
    'Get-VMHost',
    'Suspend-ClusterNode',
    'Resume-ClusterNode',
  ];
  readonly vocabulary = CMDLETS_ANSWERED;
  readonly examples = [
    'Get-VM',
    'New-VM -Name app-02 -MemoryStartupBytes 2GB -Generation 2 -SwitchName External',
    'Set-VMMemory -VMName app-02 -DynamicMemoryEnabled $true -MinimumBytes 512MB -MaximumBytes 8GB',
    'Start-VM -Name app-02',
    'Checkpoint-VM -Name app-02 -SnapshotName before-update',
    'Get-VMSnapshot -VMName app-02',
    'Move-VM -Name app-02 -DestinationHost hv-02',
    'Stop-VM -Name app-02 -TurnOff',
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
    'live-migrate',
    'migrate',
    'resize',
    'delete',
  ];
  /**
   * Each guest's address on its site's LAN: the registry's, shared with the other
   * platforms' guests on the same LAN; this platform's alone when driven by itself.
   */
  siteLan: () => ReadonlyMap<string, string> = () => lanAddresses(lanGuests(this));
  readonly switches = new Map<string, VirtualSwitch>();
  /** VMs restoring from Saved, by the time their restore began: Hyper-V calls them Starting until their memory is back. */
  private readonly restoring = new Map<string, number>();
  /** The last -AsJob job's Id in this session. */
  private jobs = 0;

  constructor(sim: SimulationApi) {
    super(sim);
    sim.setPlatformPolicy('hyperv', HYPERV_POLICY);
  }

  hostInput(input: Omit<HostInput, 'ratios'> & Partial<Pick<HostInput, 'ratios'>>): HostInput {
    return { ...input, ratios: this.ratiosFor(input.cluster, HYPERV_RATIOS, input.ratios) };
  }

  addSwitch(name: string, type: SwitchType, adapter?: string): Result<VirtualSwitch> {
    if ([...this.switches.keys()].some((k) => k.toLowerCase() === name.toLowerCase()))
      return fail('duplicate-id', `A virtual switch named '${name}' already exists.`);
    if (type === 'External' && !adapter) return fail('invalid-input', 'An external switch needs -NetAdapterName.');
    const sw = { name, type, ...(adapter ? { adapter } : {}) };
    this.switches.set(name, sw);
    return ok(sw);
  }

  /** Hyper-V's part of the estate's network topology (its VMs' adapters on their switches). */
  topology(): TopologyPart {
    return hypervTopology(this);
  }

  switchNamed(name: string): VirtualSwitch | undefined {
    return [...this.switches.values()].find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** Hyper-V names are case-insensitive. */
  vm(name: string): ReturnType<HypervDriver['workload']> {
    return this.workload(name) ?? this.workloads().find((v) => v.name.toLowerCase() === name.toLowerCase());
  }

  create(request: NewVmRequest): Result<Operation> {
    const generation = request.generation ?? DEFAULT_GENERATION;
    if (generation !== 1 && generation !== 2)
      return fail(
        'invalid-input',
        `Cannot validate argument on parameter 'Generation'. The ${generation} argument is greater than the maximum allowed range of 2. ` +
          'Supply an argument that is less than or equal to 2 and then try the command again.',
      );
    if (request.switchName && !this.switchNamed(request.switchName))
      return fail('not-found', `Hyper-V was unable to find a virtual switch with name "${request.switchName}".`);
    if (this.vm(request.name)) return fail('duplicate-id', `A virtual machine with the name '${request.name}' already exists.`);
    const r = this.createVm(
      request,
      {
        memoryMiB: DEFAULT_STARTUP_MIB,
        diskGiB: 127,
        image: 'windows-server-2022',
        durations: HYPERV_DURATIONS,
        overhead: HYPERV_OVERHEAD,
        powerOn: false,
        attrs: { generation, switch: request.switchName ?? '', checkpointType: 'Production' satisfies CheckpointType },
      },
      request.dynamicMemory ? { dynamicMemory: request.dynamicMemory } : {},
    );
    if (!r.ok) return r;
    return ok({ message: `VM ${request.name} created on ${r.value.host}`, steps: r.value.steps });
  }

  setCheckpointType(name: string, type: CheckpointType): Result<void> {
    const vm = this.vm(name);
    if (!vm) return fail('not-found', `Hyper-V was unable to find a virtual machine with name "${name}".`);
    return this.sim.setAttrs(vm.id, { ...vm.attrs, checkpointType: type });
  }

  dynamicMemory(id: string) {
    return this.sim.workloadRow(id)!.dynamicMemory;
  }

  setMemory(name: string, options: { dynamic?: boolean; minimumMiB?: number; maximumMiB?: number; startupMiB?: number; bufferPct?: number }): Result<void> {
    const vm = this.vm(name);
    if (!vm) return fail('not-found', `Hyper-V was unable to find a virtual machine with name "${name}".`);
    const row = this.sim.workloadRow(vm.id)!;
    const current = row.dynamicMemory;
    const startup = options.startupMiB ?? current?.startupMiB ?? row.claim[MEM];
    const on = options.dynamic ?? current !== undefined;
    const dynamic = on
      ? {
          minimumMiB: options.minimumMiB ?? current?.minimumMiB ?? Math.min(512, startup),
          maximumMiB: options.maximumMiB ?? current?.maximumMiB ?? 1_048_576,
          bufferPct: options.bufferPct ?? current?.bufferPct ?? DEFAULT_BUFFER_PCT,
        }
      : null;
    if (vm.state !== 'stopped' && (options.dynamic !== undefined || options.startupMiB !== undefined)) {
      return fail(
        'invalid-state',
        `Failed to modify device 'Memory'. Changing the memory of '${vm.name}' requires it to be turned off: dynamic memory and startup memory cannot be changed while the virtual machine is running.`,
      );
    }
    if (vm.state !== 'stopped') {
      // Minimum, maximum and buffer of a running VM with Dynamic Memory may change (within what it has).
      if (!current) return fail('invalid-state', `Dynamic memory is not enabled on '${vm.name}'.`);
      // While it runs, Hyper-V lets the maximum grow and the minimum shrink, not the other way (since Windows Server 2012;
      // pauby.com's Hyper-V exam guide, "Dynamic Memory Changes to a Running Virtual Machine").
      if (dynamic!.minimumMiB > current.minimumMiB || dynamic!.maximumMiB < current.maximumMiB)
        return fail(
          'invalid-state',
          `Failed to modify device 'Memory'. The minimum memory of '${vm.name}' can only be decreased, and its maximum memory only increased, while the virtual machine is running.`,
        );
      return this.sim.tuneDynamicMemory(vm.id, dynamic!);
    }
    return this.sim.configureMemory(vm.id, { startupMiB: startup, dynamic });
  }

  nativeCommand(id: string, capability: CapabilityId, args: PerformArgs = {}): string {
    switch (capability) {
      case 'start':
        return `Start-VM -Name ${id}`;
      case 'stop':
        return `Stop-VM -Name ${id}`;
      case 'force-stop':
        return `Stop-VM -Name ${id} -TurnOff`;
      case 'restart':
        return `Restart-VM -Name ${id} -Force`;
      case 'pause':
        return `Suspend-VM -Name ${id}`;
      case 'resume':
        return `Resume-VM -Name ${id}`;
      case 'suspend':
        return `Save-VM -Name ${id}`;
      case 'snapshot':
        return `Checkpoint-VM -Name ${id} -SnapshotName ${args.snapshot ?? '<name>'}`;
      case 'revert':
        return `Restore-VMSnapshot -VMName ${id} -Name ${args.snapshot ?? '<name>'} -Confirm:$false`;
      case 'delete-snapshot':
        return `Remove-VMSnapshot -VMName ${id} -Name ${args.snapshot ?? '<name>'}`;
      case 'live-migrate':
      case 'migrate':
        return `Move-VM -Name ${id} -DestinationHost ${args.targetHost ?? '<host>'}${
          args.targetDatastore !== undefined
            ? ` -IncludeStorage -DestinationStoragePath 'C:\\ClusterStorage\\${this.sim.datastoreViews().find((d) => d.id === args.targetDatastore)?.name ?? args.targetDatastore}\\${id}'`
            : args.copyStorage
              ? ` -IncludeStorage -DestinationStoragePath 'C:\\ProgramData\\Microsoft\\Windows\\Virtual Hard Disks'`
              : ''
        }`;
      case 'resize':
        return `Set-VM -Name ${id} -ProcessorCount ${args.vcpus ?? '<n>'} -MemoryStartupBytes ${args.memoryMiB ?? '<n>'}MB`;
      case 'delete':
        return `Remove-VM -Name ${id} -Force`;
      default:
        return `${capability} ${id}`;
    }
  }

  exec(argv: readonly string[]): ExecResult {
    return powershell(this, argv);
  }

  /**
   * Hyper-V's access is the host's Hyper-V Administrators (or Administrators): the host -ComputerName
   * names, else the hosts of the VMs the line names, else every Hyper-V host.
   */
  lineAccess(argv: readonly string[]): LineAccess | undefined {
    const at = argv.findIndex((w) => /^-computername(:|$)/i.test(w) || /^-cn(:|$)/i.test(w));
    const value = at < 0 ? undefined : argv[at].includes(':') ? argv[at].slice(argv[at].indexOf(':') + 1) : argv[at + 1];
    const hosts = this.hosts();
    const named = value === undefined || /^(localhost|\.)$/i.test(value) ? undefined : hosts.find((h) => h.id.toLowerCase() === value.toLowerCase());
    // The VMs the line names are found wherever they run, whatever -ComputerName says, and a host it names
    // besides (Move-VM's -DestinationHost) is reached too; a line that names no VM may act on any Hyper-V host
    // (New-VM is placed by the core, a switch is every host's).
    const vms = new Map(this.workloadsBrief().map((w) => [w.name.toLowerCase(), w.host]));
    const byName = new Map(hosts.map((h) => [h.id.toLowerCase(), h.id]));
    const vmHosts = argv.slice(1).flatMap((w) => (vms.get(w.toLowerCase()) ? [vms.get(w.toLowerCase())!] : []));
    const otherHosts = argv.slice(1).flatMap((w) => (byName.has(w.toLowerCase()) ? [byName.get(w.toLowerCase())!] : []));
    const on = vmHosts.length > 0 ? [...vmHosts, ...otherHosts, ...(named ? [named.id] : [])] : hosts.map((h) => h.id);
    const object = argv.slice(1).find((w) => vms.has(w.toLowerCase())) ?? named?.id ?? 'localhost';
    const cmdlet = this.commands.find((c) => c.toLowerCase() === argv[0].toLowerCase()) ?? argv[0];
    return localAccess('hyperv', on, argv, object, (host) =>
      errorRecord(
        { cmdlet, words: argv, type: `Microsoft.HyperV.PowerShell.Commands.${cmdlet.replace(/-/g, '')}` },
        {
          message: `You do not have the required permission to complete this task. Contact the administrator of the authorization policy for the computer '${host.toUpperCase()}'.`,
          category: 'NotSpecified',
          exception: 'VirtualizationException',
          id: 'Unspecified',
        },
      ),
    );
  }

  /** The Id of the next background job (-AsJob): they count up from 1 in a session, as PowerShell's do. */
  nextJobId(): number {
    return ++this.jobs;
  }

  override perform(workloadId: string, capability: CapabilityId, args: PerformArgs = {}): Result<Operation> {
    const before = this.workload(workloadId);
    const r = super.perform(workloadId, capability, args);
    const after = before && this.sim.workload(before.id);
    if (r.ok && before?.state === 'suspended' && after?.state === 'booting') this.restoring.set(before.id, after.sinceMs);
    return r;
  }

  protected nativeState(v: WorkloadView): string {
    if (v.state === 'stopping' && v.target === 'suspended') return SAVING_STATE;
    if (v.state === 'booting' && this.restoring.get(v.id) === v.sinceMs) return 'Starting';
    // A migration keeps the state the VM had: Running if live, Off or Saved if cold.
    if (v.state === 'migrating' && v.target) return VM_STATE[v.target] ?? v.target;
    // Paused because its VHD could not grow: "Critical - Paused" until someone resumes it (KB 2486243; Resume-VM on 2016+).
    if (v.state === 'paused' && this.sim.stunned(v.id)) return 'PausedCritical';
    return VM_STATE[v.state] ?? v.state;
  }

  protected groupOf(v: WorkloadView): string {
    return v.host ?? '';
  }

  protected override details(v: WorkloadView): Record<string, string> {
    const dm = this.dynamicMemory(v.id);
    return {
      Generation: String(v.attrs.generation ?? DEFAULT_GENERATION),
      'Checkpoint type': String(v.attrs.checkpointType ?? 'Production'),
      Switch: String(v.attrs.switch || '(none)'),
      'Dynamic memory': dm ? `startup ${dm.startupMiB} MB, ${dm.minimumMiB}-${dm.maximumMiB} MB, buffer ${dm.bufferPct}%` : 'off',
      Version: CONFIG_VERSION,
    };
  }

  /** Production checkpoints do not keep memory; standard ones do (of a running VM). */
  protected override snapshotsWithMemory(v: WorkloadView): boolean {
    return v.attrs.checkpointType === 'Standard' && super.snapshotsWithMemory(v);
  }

  protected override resizeWorkload(v: WorkloadView, args: PerformArgs): Result<Operation> {
    if (v.state !== 'stopped')
      return fail(
        'invalid-state',
        `The operation cannot be performed while the virtual machine '${v.name}' is in its current state (${this.nativeState(v)}): turn it off to change its processors or memory.`,
      );
    return super.resizeWorkload(v, args);
  }
}
