// What every driver does the same way: its inventory filtered from the core's,
// capabilities worked out from the workload's state, and capabilities carried out
// by core commands. A driver adds its defaults, its terms and its vocabulary.
import type { AccessControl } from '../access/policy.js';
import { CLONE_LINKED, CLONE_OF, CLONE_SNAPSHOT } from '../core/commands/clone.js';
import type { HostInput } from '../core/hosts.js';
import { type Action, refusal } from '../core/lifecycle.js';
import type { Platform } from '../core/model.js';
import { fail, ok, type Result } from '../core/result.js';
import type { Created, WorkloadInput } from '../core/simulation.js';
import type { SimulationApi } from '../core/simulation-api.js';
import type { ScheduledStep } from '../core/transitions.js';
import type { HostView, WorkloadView } from '../core/views.js';
import type { WorkloadRow } from '../core/workload-row.js';
import type { Attrs, Durations } from '../core/workloads.js';
import type { AlarmMonitor } from '../observe/alarms.js';
import type { RequestLog } from '../observe/request-log.js';
import type { LineAccess } from './access/line-access.js';
import { CAPABILITIES, type Capability, type CapabilityId } from './capabilities.js';
import type { CreateRequest, ExecResult, Operation, PerformArgs, Provider, ProviderWorkload, Terms } from './provider.js';

const LIFECYCLE: Partial<Record<CapabilityId, Action>> = {
  start: 'start',
  stop: 'stop',
  'force-stop': 'force-stop',
  restart: 'restart',
  pause: 'pause',
  resume: 'resume',
  suspend: 'suspend',
  deallocate: 'deallocate',
  delete: 'delete',
};

/** What a platform gives a new VM that does not say otherwise. */
export interface VmDefaults {
  readonly memoryMiB: number;
  readonly diskGiB: number;
  readonly image: string;
  readonly durations: Durations;
  readonly overhead: number;
  /** CPU shares per vCPU; the platform's default shares when not given. */
  readonly sharesPerVcpu?: number;
  readonly powerOn: boolean;
  readonly attrs?: Attrs;
}

export abstract class DriverBase implements Provider {
  abstract readonly platform: Platform;
  abstract readonly name: string;
  abstract readonly terms: Terms;
  abstract readonly commands: readonly string[];
  abstract readonly examples: readonly string[];
  abstract readonly vocabulary: readonly string[];
  abstract readonly supported: readonly CapabilityId[];

  /** Who may do what (the estate's access control), set by the registry. */
  access?: AccessControl;
  /** The estate's alarm monitor (observe/alarms.ts), set by the registry: govc alarms and az monitor read it. */
  alarms?: AlarmMonitor;
  /** The web servers' request counts (observe/request-log.ts), set by the registry: docker logs and kubectl logs write their lines. */
  requests?: RequestLog;

  constructor(readonly sim: SimulationApi) {}

  abstract lineAccess(argv: readonly string[]): LineAccess | undefined;

  /** The platform's own word for a workload's state. */
  protected abstract nativeState(w: WorkloadView): string;
  /** The group a workload belongs to, in the platform's terms. */
  protected abstract groupOf(w: WorkloadView): string;
  protected details(_w: WorkloadView): Record<string, string> {
    return {};
  }

  abstract create(request: CreateRequest): Result<Operation>;
  abstract nativeCommand(workloadId: string, capability: CapabilityId, args?: PerformArgs): string;
  abstract exec(argv: readonly string[]): ExecResult;

  /**
   * A host's allocation ratios, key by key: its own, else its cluster's
   * (allocationRatios), else the platform's (the same precedence as an estate file's).
   */
  protected ratiosFor(
    cluster: string,
    platform: { readonly cpu: number; readonly memory: number; readonly storage: number },
    own?: Partial<HostInput['ratios']>,
  ): HostInput['ratios'] {
    return { ...platform, ...this.sim.cluster(cluster)?.allocationRatios, ...own };
  }

  /** This platform's hosts: a view made only for each of them, not for every host of the estate (10,000 on the scale preset). */
  hosts(): HostView[] {
    const out: HostView[] = [];
    const row = this.sim.hostCursor();
    for (let h = 0; h < this.sim.hostCount; h++) {
      row.at(h);
      if (!row.removed && row.platform === this.platform) out.push(row.view());
    }
    return out;
  }

  workloads(): ProviderWorkload[] {
    const out: ProviderWorkload[] = [];
    this.eachRow((row) => out.push(this.present(row.view())));
    return out;
  }

  /** Calls `fn` with the cursor at each live workload of the platform, no view built: for walks over every workload on each change. */
  eachRow(fn: (row: WorkloadRow) => void): void {
    const row = this.sim.workloadCursor();
    for (let w = 0; w < this.sim.workloadCount; w++) {
      row.at(w);
      if (row.platform === this.platform && row.state !== 'deleted') fn(row);
    }
  }

  /**
   * The platform's workloads without their details and group, for what reads only their state, host and attributes
   * (the network topology on every change): building each one's details was most of a 25,000-VM topology's 2 s.
   */
  workloadsBrief(): ProviderWorkload[] {
    const out: ProviderWorkload[] = [];
    this.eachRow((row) => {
      const v = row.view();
      out.push({ ...v, nativeState: this.nativeState(v), group: '', details: {} });
    });
    return out;
  }

  workload(id: string): ProviderWorkload | undefined {
    const v = this.sim.workload(id);
    return v && v.platform === this.platform && v.state !== 'deleted' ? this.present(v) : undefined;
  }

  protected present(v: WorkloadView): ProviderWorkload {
    const recorded: Record<string, string> = v.attrs.recorded ? { 'Recorded, not simulated': String(v.attrs.recorded) } : {};
    const a = v.attrs;
    const snap = a[CLONE_SNAPSHOT] ? String(a[CLONE_SNAPSHOT]) : undefined;
    const cloned: Record<string, string> = a[CLONE_OF]
      ? { 'Cloned from': `${String(a[CLONE_OF])}${a[CLONE_LINKED] ? ` (linked clone of snapshot ${snap})` : snap ? ` at snapshot ${snap}` : ' (full clone)'}` }
      : {};
    return { ...v, nativeState: this.nativeState(v), group: this.groupOf(v), details: { ...this.details(v), ...cloned, ...recorded } };
  }

  capabilities(workloadId: string): Capability[] {
    const v = this.workload(workloadId);
    if (!v) return [];
    return this.supported.filter((c) => this.available(v, c)).map((c) => CAPABILITIES[c]);
  }

  protected available(v: WorkloadView, c: CapabilityId): boolean {
    const action = LIFECYCLE[c];
    const row = this.sim.workloadRow(v.id)!;
    const template = row.template;
    if (action) return refusal(action, v.kind, v.state, v.name) === undefined && !(template && (action === 'start' || action === 'restart'));
    const hasSnapshots = row.snapshots.list.length > 0;
    switch (c) {
      case 'snapshot':
        return ['running', 'booting', 'paused', 'suspended', 'stopped'].includes(v.state);
      case 'revert':
      case 'delete-snapshot':
        return hasSnapshots && v.state !== 'migrating' && v.state !== 'provisioning';
      case 'live-migrate':
        return v.state === 'running' && this.severalConnected();
      case 'migrate':
        return (v.state === 'stopped' || v.state === 'suspended') && this.severalConnected();
      case 'resize':
        return v.state !== 'migrating' && v.state !== 'provisioning';
      case 'mark-template':
        return v.kind === 'vm' && v.state === 'stopped' && !template;
      case 'mark-vm':
        return template;
      case 'clone':
        return v.kind === 'vm' && this.cloneStates.includes(v.state) && v.host !== undefined && this.sim.host(v.host)?.state !== 'failed';
      default:
        return false;
    }
  }

  /** Whether more than one of the platform's hosts is connected: read from the tables, as the footer asks on every frame. */
  private severalConnected(): boolean {
    const host = this.sim.hostCursor();
    let n = 0;
    for (let h = 0; h < this.sim.hostCount && n < 2; h++) if (host.at(h).platform === this.platform && host.state === 'connected') n++;
    return n > 1;
  }

  perform(workloadId: string, capability: CapabilityId, args: PerformArgs = {}): Result<Operation> {
    const v = this.workload(workloadId);
    if (!v) return fail('not-found', `no ${this.terms.workload} named ${workloadId}`);
    if (!this.supported.includes(capability))
      return fail('unsupported', `${this.name} cannot ${CAPABILITIES[capability].label.toLowerCase()} a ${this.terms.workload}`);
    const action = LIFECYCLE[capability];
    if (action) return this.lifecycle(v, action);
    switch (capability) {
      case 'snapshot': {
        const name = args.snapshot ?? this.defaultSnapshotName(v);
        const r = this.sim.takeSnapshot(v.id, name, { memory: args.withMemory ?? this.snapshotsWithMemory(v) });
        return r.ok ? ok({ message: `${this.terms.snapshot} ${name} of ${v.name} created`, steps: [] }) : r;
      }
      case 'revert': {
        const name = args.snapshot ?? this.sim.workloadRow(v.id)!.snapshots.current;
        if (!name) return fail('not-found', `${v.name} has no ${this.terms.snapshot}`);
        const r = this.sim.revertSnapshot(v.id, name);
        return r.ok ? ok({ message: `${v.name} reverted to ${this.terms.snapshot} ${name}`, steps: [] }) : r;
      }
      case 'delete-snapshot': {
        if (!args.snapshot) return fail('invalid-input', `which ${this.terms.snapshot} of ${v.name}?`);
        const r = this.sim.deleteSnapshot(v.id, args.snapshot);
        return r.ok ? ok({ message: `${this.terms.snapshot} ${args.snapshot} of ${v.name} deleted`, steps: [] }) : r;
      }
      case 'live-migrate':
      case 'migrate': {
        if (!args.targetHost) return fail('invalid-input', `migrate ${v.name} to which ${this.terms.host}?`);
        const r = this.sim.migrate(v.id, args.targetHost, {
          live: capability === 'live-migrate',
          copyStorage: args.copyStorage,
          ...(args.targetDatastore === undefined ? {} : { datastore: args.targetDatastore }),
        });
        if (!r.ok) return r;
        const steps: ScheduledStep[] = [{ workload: v.id, state: 'migrating', at: r.value.startedAt, durationMs: r.value.endsAt - r.value.startedAt }];
        return ok({ message: `${v.name} is migrating to ${args.targetHost}`, steps });
      }
      case 'resize':
        return this.resizeWorkload(v, args);
      case 'clone':
        return this.cloneVm(v, args);
      case 'mark-template':
      case 'mark-vm': {
        const r = this.sim.setTemplate(v.id, capability === 'mark-template');
        return r.ok ? ok({ message: capability === 'mark-template' ? `${v.name} is now a template` : `${v.name} is a VM again`, steps: [] }) : r;
      }
      default:
        return fail('unsupported', `${capability} is not available for ${v.name}`);
    }
  }

  /** A VM from a request, with this platform's defaults: the one place drivers hand a new VM to the core. */
  protected createVm(request: CreateRequest, d: VmDefaults, extra: Pick<WorkloadInput, 'dynamicMemory'> = {}): Result<Created> {
    const vcpus = request.vcpus ?? 1;
    const recorded: Attrs = request.recorded?.length ? { recorded: request.recorded.join(' ') } : {};
    return this.sim.createWorkload({
      id: request.name,
      platform: this.platform,
      cpuMilli: Math.round(vcpus * 1000),
      memoryMiB: request.memoryMiB ?? d.memoryMiB,
      diskMiB: Math.round((request.diskGiB ?? d.diskGiB) * 1024),
      image: request.image ?? d.image,
      durations: d.durations,
      overhead: d.overhead,
      ...(d.sharesPerVcpu ? { shares: d.sharesPerVcpu * Math.max(1, Math.round(vcpus)) } : {}),
      host: request.host,
      placement: { policy: 'spread', cluster: request.cluster },
      powerOn: request.powerOn ?? d.powerOn,
      initialState: request.initialState,
      model: request.model,
      attrs: { ...d.attrs, ...recorded },
      ...extra,
      ...(request.datastore
        ? { datastore: { id: request.datastore.id, format: request.datastore.format, allocatedMiB: Math.round((request.datastore.allocatedGiB ?? 0) * 1024) } }
        : {}),
    });
  }

  /** States a VM can be cloned from on this platform. */
  protected readonly cloneStates: readonly string[] = ['running', 'paused', 'suspended', 'stopped'];
  /** Whether the platform makes linked clones (sharing a snapshot's disk). */
  readonly linkedClones: boolean = false;

  protected cloneVm(v: WorkloadView, args: PerformArgs): Result<Operation> {
    if (!this.cloneStates.includes(v.state))
      return fail(
        'invalid-state',
        `cannot clone ${v.name} while it is ${v.state}: ${this.name} clones a ${this.terms.workload} that is ${this.cloneStates.join(' or ')}`,
      );
    if (args.linked && !this.linkedClones) return fail('unsupported', `${this.name} makes full clones only`);
    const name = args.cloneName ?? this.defaultCloneName(v);
    const r = this.sim.clone(v.id, {
      id: name,
      linked: args.linked,
      snapshot: args.snapshot,
      host: args.targetHost,
      powerOn: args.powerOn,
      ...(args.recorded?.length ? { attrs: { recorded: args.recorded.join(' ') } } : {}),
    });
    if (!r.ok) return r;
    const kind = r.value.linked ? 'linked clone' : 'clone';
    return ok({ message: `${kind} ${name} of ${v.name} on ${r.value.host} (ready in ${Math.round(r.value.copyMs / 1000)} s)`, steps: r.value.steps });
  }

  /** "web-01-clone", or "web-01-clone-2" if that is taken. */
  defaultCloneName(v: WorkloadView): string {
    for (let n = 1; ; n++) {
      const name = n === 1 ? `${v.name}-clone` : `${v.name}-clone-${n}`;
      const state = this.sim.workloadRow(name)?.state;
      if (state === undefined || state === 'deleted') return name;
    }
  }

  protected lifecycle(v: WorkloadView, action: Action): Result<Operation> {
    const r = this.sim.act(v.id, action);
    if (!r.ok) return r;
    const last = r.value[r.value.length - 1];
    const verb = action === 'force-stop' ? 'force stop' : action;
    return ok({
      message: `${v.name}: ${verb} ${last && last.at > this.sim.now ? `(done in ${Math.round((last.at - this.sim.now) / 1000)} s)` : 'done'}`,
      steps: r.value,
    });
  }

  protected resizeWorkload(v: WorkloadView, args: PerformArgs): Result<Operation> {
    const r = this.sim.resize(v.id, { cpuMilli: args.vcpus === undefined ? undefined : Math.round(args.vcpus * 1000), memoryMiB: args.memoryMiB });
    return r.ok ? ok({ message: `${v.name} resized`, steps: [] }) : r;
  }

  /**
   * Whether a snapshot keeps the guest's memory, by default: of a powered-on VM,
   * yes (the vSphere Client's "Snapshot the virtual machine's memory" is ticked;
   * libvirt's internal qcow2 snapshot of a running domain holds its RAM).
   */
  protected snapshotsWithMemory(v: WorkloadView): boolean {
    return v.state === 'running' || v.state === 'booting';
  }

  protected defaultSnapshotName(v: WorkloadView): string {
    const taken = this.sim.workloadRow(v.id)!.snapshots.list.length;
    return `${v.name}-snap-${taken + 1}`;
  }
}
