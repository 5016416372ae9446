// Hyper-V's PowerShell cmdlets: the subset this simulation answers, with
// PowerShell's parameter binding (case-insensitive, unique prefixes, positional
// names, $true/$false) and its error records.
import { bool, num, parseFlags, str, type FlagSpec, type ParsedFlags } from '../cli/flags.js';
import { powershellTable } from '../cli/table.js';
import { failure, output } from '../exec-result.js';
import type { ExecResult, ProviderWorkload } from '../provider.js';
import { CHECKPOINT_TYPES, CONFIG_VERSION, SWITCH_TYPES, type CheckpointType, type SwitchType } from './defaults.js';
import type { HypervDriver } from './driver.js';
import { table } from '../../core/own.js';
import { wildcardMatch } from '../../core/wildcard.js';

interface Cmdlet {
  readonly params: Readonly<Record<string, FlagSpec>>;
  /** Parameters bound by position, in order. */
  readonly positional: readonly string[];
  readonly required?: readonly string[];
  run(hv: HypervDriver, p: ParsedFlags, self: string): ExecResult;
}

const COMMON: Readonly<Record<string, FlagSpec>> = table<FlagSpec>({
  ComputerName: { type: 'string', ignored: true },
  Confirm: { type: 'boolean', ignored: true },
  WhatIf: { type: 'boolean', ignored: true },
  Passthru: { type: 'boolean' },
  AsJob: { type: 'boolean', ignored: true },
  Verbose: { type: 'boolean', ignored: true },
  ErrorAction: { type: 'string', ignored: true },
});

const CMDLET_LIST: Record<string, Cmdlet> = {
  'get-vm': {
    params: { Name: { type: 'string', aliases: ['VMName'] } },
    positional: ['Name'],
    run: (hv, p, self) => {
      const name = str(p, 'Name');
      const vms = name ? matching(hv, name) : hv.workloads();
      if (name && vms.length === 0) return notFound(self, name);
      return output(vmTable(hv, vms));
    },
  },
  'new-vm': {
    params: {
      Name: { type: 'string' },
      MemoryStartupBytes: { type: 'bytes' },
      Generation: { type: 'number' },
      SwitchName: { type: 'string' },
      NewVHDPath: { type: 'string' },
      NewVHDSizeBytes: { type: 'bytes' },
      VHDPath: { type: 'string', ignored: true },
      NoVHD: { type: 'boolean' },
      Path: { type: 'string', ignored: true },
      BootDevice: { type: 'string', ignored: true },
      Version: { type: 'string', ignored: true },
      Force: { type: 'boolean', ignored: true },
    },
    positional: ['Name', 'MemoryStartupBytes', 'Generation'],
    run: (hv, p, self) => {
      const name = str(p, 'Name') ?? 'New Virtual Machine';
      const r = hv.create({ name, memoryMiB: num(p, 'MemoryStartupBytes'), generation: num(p, 'Generation'), switchName: str(p, 'SwitchName'), diskGiB: bool(p, 'NoVHD') ? 0 : (num(p, 'NewVHDSizeBytes') ?? 127 * 1024) / 1024, recorded: p.recorded });
      if (!r.ok) return psError(self, r.error.message, r.error.code === 'duplicate-id' ? 'ResourceExists' : 'InvalidArgument', name);
      return output(vmTable(hv, [hv.vm(name)!]), true);
    },
  },
  'start-vm': power('start', 'failed to change state'),
  'stop-vm': {
    params: { Name: { type: 'string', aliases: ['VMName'] }, TurnOff: { type: 'boolean' }, Save: { type: 'boolean' }, Force: { type: 'boolean', ignored: true } },
    positional: ['Name'],
    required: ['Name'],
    run: (hv, p, self) => {
      const capability = bool(p, 'TurnOff') ? 'force-stop' : bool(p, 'Save') ? 'suspend' : 'stop';
      return act(hv, p, self, capability);
    },
  },
  'restart-vm': { ...power('restart', 'failed to restart'), params: { Name: { type: 'string', aliases: ['VMName'] }, Force: { type: 'boolean', ignored: true }, Wait: { type: 'boolean', ignored: true } } },
  'suspend-vm': power('pause', 'failed to pause'),
  'resume-vm': power('resume', 'failed to resume'),
  'save-vm': power('suspend', 'failed to save'),
  'remove-vm': {
    params: { Name: { type: 'string', aliases: ['VMName'] }, Force: { type: 'boolean' } },
    positional: ['Name'],
    required: ['Name'],
    run: (hv, p, self) => {
      const vm = hv.vm(str(p, 'Name')!);
      if (!vm) return notFound(self, str(p, 'Name')!);
      if (!bool(p, 'Force')) return psError(self, `Confirm: Are you sure you want to remove the virtual machine "${vm.name}"? This session is not interactive: add -Force.`, 'OperationStopped', vm.name);
      if (vm.state !== 'stopped' && vm.state !== 'failed' && vm.state !== 'suspended') return psError(self, `The operation cannot be performed while the virtual machine '${vm.name}' is in its current state (${vm.nativeState}). Turn it off first.`, 'InvalidOperation', vm.name);
      const r = hv.perform(vm.id, 'delete');
      return r.ok ? output('', true) : psError(self, r.error.message, 'InvalidOperation', vm.name);
    },
  },
  'set-vm': {
    params: { Name: { type: 'string', aliases: ['VMName'] }, CheckpointType: { type: 'string' }, ProcessorCount: { type: 'number' }, MemoryStartupBytes: { type: 'bytes' }, AutomaticStartAction: { type: 'string', ignored: true }, AutomaticStopAction: { type: 'string', ignored: true }, Notes: { type: 'string', ignored: true } },
    positional: ['Name'],
    required: ['Name'],
    run: (hv, p, self) => {
      const vm = hv.vm(str(p, 'Name')!);
      if (!vm) return notFound(self, str(p, 'Name')!);
      const type = str(p, 'CheckpointType');
      if (type !== undefined) {
        const valid = CHECKPOINT_TYPES.find((t) => t.toLowerCase() === type.toLowerCase());
        if (!valid) return psError(self, `Cannot bind parameter 'CheckpointType'. Cannot convert value "${type}" to type "CheckpointType". Specify one of the enumerator names: ${CHECKPOINT_TYPES.join(', ')}.`, 'InvalidArgument', type);
        hv.setCheckpointType(vm.name, valid as CheckpointType);
      }
      const cpus = num(p, 'ProcessorCount');
      const startup = num(p, 'MemoryStartupBytes');
      if (cpus !== undefined) {
        const r = hv.perform(vm.id, 'resize', { vcpus: cpus });
        if (!r.ok) return psError(self, r.error.message, 'InvalidOperation', vm.name);
      }
      if (startup !== undefined) {
        const r = hv.setMemory(vm.name, { startupMiB: startup });
        if (!r.ok) return psError(self, r.error.message, 'InvalidOperation', vm.name);
      }
      return output('', true);
    },
  },
  'checkpoint-vm': {
    params: { Name: { type: 'string', aliases: ['VMName'] }, SnapshotName: { type: 'string', aliases: ['CheckpointName'] } },
    positional: ['Name', 'SnapshotName'],
    required: ['Name'],
    run: (hv, p, self) => {
      const vm = hv.vm(str(p, 'Name')!);
      if (!vm) return notFound(self, str(p, 'Name')!);
      if (vm.attrs.checkpointType === 'Disabled') return psError(self, `Checkpoint operation failed: checkpoints are disabled for '${vm.name}'.`, 'InvalidOperation', vm.name);
      const name = str(p, 'SnapshotName') ?? `${vm.name} - (${new Date(Date.UTC(2026, 0, 1) + hv.sim.now).toISOString().slice(0, 19).replace('T', ' - ')})`;
      const r = hv.perform(vm.id, 'snapshot', { snapshot: name });
      return r.ok ? output('', true) : psError(self, r.error.message, 'InvalidOperation', vm.name);
    },
  },
  'get-vmsnapshot': {
    params: { VMName: { type: 'string', aliases: ['VM'] }, Name: { type: 'string' } },
    positional: ['VMName', 'Name'],
    run: (hv, p, self) => {
      const vmName = str(p, 'VMName');
      const vms = vmName ? matching(hv, vmName) : hv.workloads();
      if (vmName && vms.length === 0) return notFound(self, vmName);
      const rows: string[][] = [];
      for (const vm of vms) {
        for (const s of hv.sim.snapshots.of(hv.sim.workloads.indexOf(vm.id)!).list) {
          if (str(p, 'Name') && s.name.toLowerCase() !== str(p, 'Name')!.toLowerCase()) continue;
          rows.push([vm.name, s.name, s.withMemory ? 'Standard' : 'Production', psDate(s.createdAt), s.parent ?? '']);
        }
      }
      return output(rows.length ? powershellTable(['VMName', 'Name', 'SnapshotType', 'CreationTime', 'ParentSnapshotName'], rows) : '');
    },
  },
  'restore-vmsnapshot': {
    params: { VMName: { type: 'string' }, Name: { type: 'string' } },
    positional: ['Name'],
    required: ['VMName', 'Name'],
    run: (hv, p, self) => {
      const vm = hv.vm(str(p, 'VMName')!);
      if (!vm) return notFound(self, str(p, 'VMName')!);
      const r = hv.perform(vm.id, 'revert', { snapshot: str(p, 'Name') });
      return r.ok ? output('', true) : psError(self, r.error.code === 'not-found' ? `Hyper-V was unable to find a checkpoint with name "${str(p, 'Name')}" for virtual machine "${vm.name}".` : r.error.message, 'ObjectNotFound', str(p, 'Name')!);
    },
  },
  'remove-vmsnapshot': {
    params: { VMName: { type: 'string' }, Name: { type: 'string' }, IncludeAllChildSnapshots: { type: 'boolean', ignored: true } },
    positional: ['VMName', 'Name'],
    required: ['VMName', 'Name'],
    run: (hv, p, self) => {
      const vm = hv.vm(str(p, 'VMName')!);
      if (!vm) return notFound(self, str(p, 'VMName')!);
      const r = hv.perform(vm.id, 'delete-snapshot', { snapshot: str(p, 'Name') });
      return r.ok ? output('', true) : psError(self, `Hyper-V was unable to find a checkpoint with name "${str(p, 'Name')}" for virtual machine "${vm.name}".`, 'ObjectNotFound', str(p, 'Name')!);
    },
  },
  'set-vmmemory': {
    params: { VMName: { type: 'string' }, DynamicMemoryEnabled: { type: 'boolean', valued: true }, MinimumBytes: { type: 'bytes' }, MaximumBytes: { type: 'bytes' }, StartupBytes: { type: 'bytes' }, Buffer: { type: 'number' }, Priority: { type: 'number', ignored: true } },
    positional: ['VMName'],
    required: ['VMName'],
    run: (hv, p, self) => {
      const buffer = num(p, 'Buffer');
      if (buffer !== undefined && !(buffer >= 5 && buffer <= 2000)) return psError(self, `Cannot validate argument on parameter 'Buffer'. The ${buffer} argument is outside the range of 5 to 2000.`, 'InvalidData', String(buffer));
      const r = hv.setMemory(str(p, 'VMName')!, {
        dynamic: p.values.has('DynamicMemoryEnabled') ? bool(p, 'DynamicMemoryEnabled') : undefined,
        minimumMiB: num(p, 'MinimumBytes'),
        maximumMiB: num(p, 'MaximumBytes'),
        startupMiB: num(p, 'StartupBytes'),
        bufferPct: buffer,
      });
      if (!r.ok) return r.error.code === 'not-found' ? notFound(self, str(p, 'VMName')!) : psError(self, r.error.message, 'InvalidOperation', str(p, 'VMName')!);
      return output('', true);
    },
  },
  'get-vmmemory': {
    params: { VMName: { type: 'string' } },
    positional: ['VMName'],
    required: ['VMName'],
    run: (hv, p, self) => {
      const vms = matching(hv, str(p, 'VMName')!);
      if (vms.length === 0) return notFound(self, str(p, 'VMName')!);
      const rows = vms.map((vm) => {
        const dm = hv.dynamicMemory(vm.id);
        const startup = hv.sim.workloads.records[hv.sim.workloads.indexOf(vm.id)!].claim[1];
        return [vm.name, dm ? 'True' : 'False', String(dm?.minimumMiB ?? startup), String(startup), String(dm?.maximumMiB ?? startup)];
      });
      return output(powershellTable(['VMName', 'DynamicMemoryEnabled', 'Minimum(M)', 'Startup(M)', 'Maximum(M)'], rows, [false, false, true, true, true]));
    },
  },
  'move-vm': {
    params: { Name: { type: 'string', aliases: ['VMName'] }, DestinationHost: { type: 'string' }, IncludeStorage: { type: 'boolean', ignored: true }, DestinationStoragePath: { type: 'string', ignored: true } },
    positional: ['Name', 'DestinationHost'],
    required: ['Name', 'DestinationHost'],
    run: (hv, p, self) => {
      const vm = hv.vm(str(p, 'Name')!);
      if (!vm) return notFound(self, str(p, 'Name')!);
      const target = str(p, 'DestinationHost')!;
      if (!hv.hosts().some((h) => h.id.toLowerCase() === target.toLowerCase())) return psError(self, `The operation failed because the computer '${target}' could not be found.`, 'ObjectNotFound', target);
      const host = hv.hosts().find((h) => h.id.toLowerCase() === target.toLowerCase())!.id;
      const r = hv.perform(vm.id, vm.state === 'running' ? 'live-migrate' : 'migrate', { targetHost: host });
      return r.ok ? output('', true) : psError(self, `Virtual machine migration operation for '${vm.name}' failed at migration source. ${r.error.message}`, 'InvalidOperation', vm.name);
    },
  },
  'get-vmswitch': {
    params: { Name: { type: 'string' } },
    positional: ['Name'],
    run: (hv, p, self) => {
      const name = str(p, 'Name');
      const list = [...hv.switches.values()].filter((s) => !name || s.name.toLowerCase() === name.toLowerCase());
      if (name && list.length === 0) return psError(self, `Hyper-V was unable to find a virtual switch with name "${name}".`, 'InvalidArgument', name);
      return output(powershellTable(['Name', 'SwitchType', 'NetAdapterInterfaceDescription'], list.map((s) => [s.name, s.type, s.adapter ?? ''])));
    },
  },
  'new-vmswitch': {
    params: { Name: { type: 'string' }, SwitchType: { type: 'string' }, NetAdapterName: { type: 'string' }, AllowManagementOS: { type: 'boolean', ignored: true } },
    positional: ['Name'],
    required: ['Name'],
    run: (hv, p, self) => {
      const typeText = str(p, 'SwitchType') ?? (str(p, 'NetAdapterName') ? 'External' : undefined);
      const type = SWITCH_TYPES.find((t) => t.toLowerCase() === (typeText ?? '').toLowerCase());
      if (!type) return psError(self, `Parameter set cannot be resolved: give -SwitchType Internal or Private, or -NetAdapterName for an external switch.`, 'InvalidArgument', str(p, 'Name')!);
      const r = hv.addSwitch(str(p, 'Name')!, type as SwitchType, str(p, 'NetAdapterName'));
      if (!r.ok) return psError(self, r.error.message, 'InvalidArgument', str(p, 'Name')!);
      return output(powershellTable(['Name', 'SwitchType', 'NetAdapterInterfaceDescription'], [[r.value.name, r.value.type, r.value.adapter ?? '']]), true);
    },
  },
  'get-vmhost': {
    params: {},
    positional: [],
    run: (hv) => output(powershellTable(['Name', 'LogicalProcessorCount', 'MemoryCapacity(M)', 'State'], hv.hosts().map((h) => [h.id, String(h.cores), String(h.memoryMiB), h.state]), [false, true, true, false])),
  },
  // Failover Clustering's node drain: its roles (VMs) live-migrate to the other nodes first.
  'suspend-clusternode': {
    params: { Name: { type: 'string' }, Drain: { type: 'boolean' }, Wait: { type: 'boolean', ignored: true }, ForceDrain: { type: 'boolean', ignored: true } },
    positional: ['Name'],
    required: ['Name'],
    run: (hv, p, self) => {
      const name = str(p, 'Name')!;
      if (!hv.hosts().some((h) => h.id === name)) return psError(self, `The cluster node '${name}' was not found.`, 'ObjectNotFound', name);
      if (!bool(p, 'Drain')) return psError(self, `Pausing ${name} without -Drain would leave its VMs running there: this simulation drains (add -Drain)`, 'InvalidArgument', name);
      const r = hv.sim.enterMaintenance(name);
      if (!r.ok) return psError(self, r.error.message, 'InvalidOperation', name);
      return output(powershellTable(['Name', 'State', 'Type'], [[name, 'Paused', 'Node']], [false, false, false]), true);
    },
  },
  'resume-clusternode': {
    params: { Name: { type: 'string' }, Failback: { type: 'string', ignored: true } },
    positional: ['Name'],
    required: ['Name'],
    run: (hv, p, self) => {
      const name = str(p, 'Name')!;
      if (!hv.hosts().some((h) => h.id === name)) return psError(self, `The cluster node '${name}' was not found.`, 'ObjectNotFound', name);
      const r = hv.sim.exitMaintenance(name);
      if (!r.ok) return psError(self, r.error.message, 'InvalidOperation', name);
      return output(powershellTable(['Name', 'State', 'Type'], [[name, 'Up', 'Node']], [false, false, false]), true);
    },
  },
};
const CMDLETS = table<Cmdlet>({
  ...CMDLET_LIST,
  'get-vmcheckpoint': CMDLET_LIST['get-vmsnapshot'],
  'restore-vmcheckpoint': CMDLET_LIST['restore-vmsnapshot'],
  'remove-vmcheckpoint': CMDLET_LIST['remove-vmsnapshot'],
});

function power(capability: 'start' | 'restart' | 'pause' | 'resume' | 'suspend', _verb: string): Cmdlet {
  return { params: { Name: { type: 'string', aliases: ['VMName'] } }, positional: ['Name'], required: ['Name'], run: (hv, p, self) => act(hv, p, self, capability) };
}

function act(hv: HypervDriver, p: ParsedFlags, self: string, capability: 'start' | 'stop' | 'force-stop' | 'restart' | 'pause' | 'resume' | 'suspend'): ExecResult {
  const vm = hv.vm(str(p, 'Name')!);
  if (!vm) return notFound(self, str(p, 'Name')!);
  const r = hv.perform(vm.id, capability);
  if (!r.ok) return psError(self, `'${vm.name}' failed to change state.\nThe operation cannot be performed while the object is in its current state (${vm.nativeState}).`, 'InvalidOperation', vm.name);
  return output(bool(p, 'Passthru') ? vmTable(hv, [hv.vm(vm.name)!]) : '', true);
}

function matching(hv: HypervDriver, pattern: string): ProviderWorkload[] {
  // PowerShell wildcards: * and ?, case-insensitive.
  return hv.workloads().filter((v) => wildcardMatch(pattern, v.name, { ignoreCase: true }));
}

function vmTable(hv: HypervDriver, vms: readonly ProviderWorkload[]): string {
  const rows = vms.map((v) => [
    v.name,
    v.nativeState,
    String(Math.round(v.cpuPct)),
    String(v.state === 'stopped' || v.state === 'suspended' ? 0 : hv.sim.workloads.records[hv.sim.workloads.indexOf(v.id)!].claim[1]),
    psTimespan(v.uptimeMs ?? 0),
    v.state === 'failed' ? 'Host failed' : 'Operating normally',
    CONFIG_VERSION,
  ]);
  return powershellTable(['Name', 'State', 'CPUUsage(%)', 'MemoryAssigned(M)', 'Uptime', 'Status', 'Version'], rows, [false, false, true, true, false, false, false]);
}

/** "01:02:03.0000000", as a .NET TimeSpan prints. */
function psTimespan(ms: number): string {
  const s = Math.floor(ms / 1000);
  const days = Math.floor(s / 86400);
  const hh = String(Math.floor((s % 86400) / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  const frac = String((ms % 1000) * 10000).padStart(7, '0');
  return `${days > 0 ? `${days}.` : ''}${hh}:${mm}:${ss}.${frac}`;
}

function psDate(simMs: number): string {
  const d = new Date(Date.UTC(2026, 0, 1) + simMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = d.getUTCHours();
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h % 12 === 0 ? 12 : h % 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

function notFound(self: string, name: string): ExecResult {
  return psError(self, `Hyper-V was unable to find a virtual machine with name "${name}".`, 'InvalidArgument', name);
}

/** A PowerShell error record, as the console prints it. */
function psError(self: string, message: string, category: string, target: string): ExecResult {
  const id = `${category === 'ObjectNotFound' ? 'ObjectNotFound' : 'InvalidParameter'},Microsoft.HyperV.PowerShell.Commands.${self.replace('-', '')}`;
  return failure(`${self} : ${message}\n    + CategoryInfo          : ${category}: (${target}:String) [${self}], VirtualizationException\n    + FullyQualifiedErrorId : ${id}`);
}

/** Runs one cmdlet line, already split into words. */
export function powershell(hv: HypervDriver, argv: readonly string[]): ExecResult {
  const [word, ...rest] = argv;
  const cmdlet = CMDLETS[word.toLowerCase()];
  const self = hv.commands.find((c) => c.toLowerCase() === word.toLowerCase()) ?? word;
  if (!cmdlet) {
    return failure(`${word} : The term '${word}' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.\nhint: this simulation's Hyper-V module knows: ${hv.commands.join(', ')}`);
  }
  const parsed = parseFlags(rest, { ...COMMON, ...cmdlet.params }, 'powershell');
  if (!parsed.ok) {
    const name = parsed.flag.replace(/^-/, '');
    if (parsed.kind === 'unknown') return psError(self, `A parameter cannot be found that matches parameter name '${name}'.`, 'InvalidArgument', name);
    if (parsed.kind === 'ambiguous') return psError(self, `Parameter cannot be processed because the parameter name '${name}' is ambiguous.`, 'InvalidArgument', name);
    if (parsed.kind === 'missing-value') return psError(self, `Missing an argument for parameter '${name}'. Specify a parameter of type 'System.String' and try again.`, 'InvalidArgument', name);
    return psError(self, `Cannot bind parameter '${name}'. Cannot convert value "${parsed.detail}" to the type it needs.`, 'InvalidArgument', String(parsed.detail));
  }
  // Bind positional arguments to the parameters not given by name.
  const p = parsed.value;
  const free = cmdlet.positional.filter((n) => !p.values.has(n));
  for (const arg of [...p.positionals]) {
    const name = free.shift();
    if (!name) return psError(self, `A positional parameter cannot be found that accepts argument '${arg}'.`, 'InvalidArgument', arg);
    const spec = cmdlet.params[name];
    const converted = parseFlags([`-${name}`, arg], { [name]: spec }, 'powershell');
    if (!converted.ok) return psError(self, `Cannot bind parameter '${name}'. Cannot convert value "${arg}".`, 'InvalidArgument', arg);
    p.values.set(name, converted.value.values.get(name)!);
  }
  p.positionals.length = 0;
  const missing = (cmdlet.required ?? []).filter((r) => !p.values.has(r));
  if (missing.length > 0) return psError(self, `Cannot process command because of one or more missing mandatory parameters: ${missing.join(' ')}.`, 'InvalidArgument', missing[0]);
  return cmdlet.run(hv, p, self);
}


/** Every cmdlet answered here, for completion. */
export const CMDLETS_ANSWERED = Object.keys(CMDLETS);
