// The Azure CLI: az vm and az group, the subset this simulation answers, with
// az's output formats (json, table, tsv) and its errors.
import { hash32 } from '../../core/prng.js';
import { bool, parseFlags, str, type FlagSpec, type ParsedFlags } from '../cli/flags.js';
import { ruledTable } from '../cli/table.js';
import { stableUuid } from '../common.js';
import { failure, output } from '../exec-result.js';
import type { ExecResult, ProviderWorkload } from '../provider.js';
import { IMAGES, OS_DISK_GIB, REGIONS, SIZES } from './defaults.js';
import type { AzureDriver } from './driver.js';
import { table } from '../../core/own.js';

const SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';

/** Accepted everywhere, as az accepts them. */
const GLOBAL: Readonly<Record<string, FlagSpec>> = table<FlagSpec>({
  output: { type: 'string', aliases: ['o'] },
  query: { type: 'string', ignored: true },
  subscription: { type: 'string', ignored: true },
  'only-show-errors': { type: 'boolean', ignored: true },
  verbose: { type: 'boolean', ignored: true },
  debug: { type: 'boolean', ignored: true },
  'no-wait': { type: 'boolean', ignored: true },
});
const TARGET: Readonly<Record<string, FlagSpec>> = table<FlagSpec>({ 'resource-group': { type: 'string', aliases: ['g'] }, name: { type: 'string', aliases: ['n'] }, ids: { type: 'string', ignored: true } });

interface Sub {
  readonly flags: Readonly<Record<string, FlagSpec>>;
  readonly required?: readonly string[];
  run(azure: AzureDriver, f: ParsedFlags): ExecResult;
}

const VM: Readonly<Record<string, Sub>> = table<Sub>({
  create: {
    flags: {
      ...TARGET,
      image: { type: 'string' },
      size: { type: 'string' },
      location: { type: 'string', aliases: ['l'] },
      'admin-username': { type: 'string', ignored: true },
      'admin-password': { type: 'string', ignored: true },
      'generate-ssh-keys': { type: 'boolean', ignored: true },
      'ssh-key-values': { type: 'string', ignored: true },
      'authentication-type': { type: 'string', ignored: true },
      'public-ip-sku': { type: 'string', ignored: true },
      'public-ip-address': { type: 'string', ignored: true },
      vnet: { type: 'string', ignored: true, aliases: ['vnet-name'] },
      subnet: { type: 'string', ignored: true },
      nsg: { type: 'string', ignored: true },
      zone: { type: 'string', ignored: true },
      'os-disk-size-gb': { type: 'number' },
      'custom-data': { type: 'string', ignored: true },
      tags: { type: 'string', ignored: true },
    },
    required: ['resource-group', 'name', 'image'],
    run: (azure, f) => {
      const group = str(f, 'resource-group')!;
      if (!azure.group(group)) return groupNotFound(group);
      const name = str(f, 'name')!;
      // az's own default size (Standard_DS1_v2) is not among this cloud's sizes: B1s stands in.
      const r = azure.create({ name, group, image: str(f, 'image'), size: str(f, 'size') ?? 'Standard_B1s', recorded: f.recorded });
      if (!r.ok) {
        const code = r.error.code === 'quota-exceeded' ? 'QuotaExceeded' : r.error.code === 'duplicate-id' ? 'Conflict' : 'InvalidParameter';
        return armError(code, r.error.message, 1);
      }
      const vm = azure.workload(azure.vmId(group, name))!;
      return json(f, createResult(vm));
    },
  },
  start: power('start', 'start'),
  stop: power('stop', 'powerOff'),
  deallocate: power('deallocate', 'deallocate'),
  restart: power('restart', 'restart'),
  delete: {
    flags: { ...TARGET, yes: { type: 'boolean', aliases: ['y'] }, 'force-deletion': { type: 'boolean', ignored: true } },
    required: ['resource-group', 'name'],
    run: (azure, f) => {
      const vm = find(azure, f);
      if ('exitCode' in vm) return vm;
      if (!bool(f, 'yes')) return failure('Are you sure you want to perform this operation? (y/n): \nERROR: no answer: this command is not interactive here; add --yes to confirm', 1);
      const r = azure.perform(vm.id, 'delete');
      return r.ok ? output('', true) : armError('OperationNotAllowed', r.error.message, 1);
    },
  },
  list: {
    flags: { 'resource-group': { type: 'string', aliases: ['g'] }, 'show-details': { type: 'boolean', aliases: ['d'] } },
    run: (azure, f) => {
      const group = str(f, 'resource-group');
      if (group && !azure.group(group)) return groupNotFound(group);
      const vms = azure.workloads().filter((v) => !group || String(v.attrs.resourceGroup).toLowerCase() === group.toLowerCase());
      const details = bool(f, 'show-details');
      return formatted(
        f,
        vms.map((v) => vmObject(v, details)),
        details ? ['Name', 'ResourceGroup', 'PowerState', 'PublicIps', 'Fqdns', 'Location', 'Zones'] : ['Name', 'ResourceGroup', 'Location', 'Zones'],
        (v) => (details ? [v.name, v.attrs.resourceGroup as string, v.nativeState, publicIp(v.id), '', v.attrs.location as string, ''] : [v.name, v.attrs.resourceGroup as string, v.attrs.location as string, '']),
        vms,
      );
    },
  },
  show: {
    flags: { ...TARGET, 'show-details': { type: 'boolean', aliases: ['d'] } },
    required: ['resource-group', 'name'],
    run: (azure, f) => {
      const vm = find(azure, f);
      if ('exitCode' in vm) return vm;
      const details = bool(f, 'show-details');
      return formatted(f, vmObject(vm, details, azure), ['Name', 'ResourceGroup', 'Location', 'PowerState'], (v) => [v.name, v.attrs.resourceGroup as string, v.attrs.location as string, v.nativeState], [vm]);
    },
  },
  'list-sizes': {
    flags: { location: { type: 'string', aliases: ['l'] } },
    required: ['location'],
    run: (_azure, f) => {
      const location = str(f, 'location')!;
      if (!REGIONS[location]) return armError('NoRegisteredProviderFound', `No registered resource provider found for location '${location}'.`, 1);
      const rows = SIZES.map((s) => ({ maxDataDiskCount: s.maxDataDisks, memoryInMB: s.memoryGiB * 1024, name: s.name, numberOfCores: s.vcpus, osDiskSizeInMB: 1047552, resourceDiskSizeInMB: s.resourceDiskMiB }));
      return formatted(f, rows, ['MaxDataDiskCount', 'MemoryInMB', 'Name', 'NumberOfCores', 'OsDiskSizeInMB', 'ResourceDiskSizeInMB'], (r) => Object.values(r).map(String), rows);
    },
  },
  'list-usage': {
    flags: { location: { type: 'string', aliases: ['l'] } },
    required: ['location'],
    run: (azure, f) => {
      const location = str(f, 'location')!;
      const quotas = azure.sim.quotas.all().filter((q) => q.key.startsWith(`${location}/`));
      const rows = quotas.map((q) => ({ currentValue: String(q.used), limit: String(q.limit), localName: q.label.replace(` in ${location}`, ''), name: { localizedValue: q.label.replace(` in ${location}`, ''), value: q.key.split('/')[1] } }));
      return formatted(f, rows, ['CurrentValue', 'Limit', 'LocalName'], (r) => [r.currentValue, r.limit, r.localName], rows);
    },
  },
  resize: {
    flags: { ...TARGET, size: { type: 'string' } },
    required: ['resource-group', 'name', 'size'],
    run: (azure, f) => {
      const vm = find(azure, f);
      if ('exitCode' in vm) return vm;
      const r = azure.perform(vm.id, 'resize', { size: str(f, 'size') });
      if (!r.ok) return armError(r.error.code === 'quota-exceeded' ? 'QuotaExceeded' : 'InvalidParameter', r.error.message, 1);
      return json(f, vmObject(azure.workload(vm.id)!, false), true);
    },
  },
});

const GROUP: Readonly<Record<string, Sub>> = table<Sub>({
  create: {
    flags: { name: { type: 'string', aliases: ['n', 'resource-group', 'g'] }, location: { type: 'string', aliases: ['l'] }, tags: { type: 'string', ignored: true } },
    required: ['name', 'location'],
    run: (azure, f) => {
      const r = azure.createGroup(str(f, 'name')!, str(f, 'location')!);
      if (!r.ok) return armError(r.error.message.includes('location') ? 'LocationNotAvailableForResourceGroup' : 'InvalidResourceGroup', r.error.message, 1);
      return json(f, groupObject(r.value), true);
    },
  },
  list: {
    flags: {},
    run: (azure, f) => {
      const groups = [...azure.groups.values()];
      return formatted(f, groups.map(groupObject), ['Name', 'Location', 'Status'], (g) => [g.name, g.location, 'Succeeded'], groups);
    },
  },
  delete: {
    flags: { name: { type: 'string', aliases: ['n', 'resource-group', 'g'] }, yes: { type: 'boolean', aliases: ['y'] } },
    required: ['name'],
    run: (azure, f) => {
      const name = str(f, 'name')!;
      const rg = azure.group(name);
      if (!rg) return groupNotFound(name);
      if (!bool(f, 'yes')) return failure('Are you sure you want to perform this operation? (y/n): \nERROR: no answer: add --yes to confirm', 1);
      for (const v of azure.workloads().filter((x) => String(x.attrs.resourceGroup).toLowerCase() === name.toLowerCase())) azure.perform(v.id, 'delete');
      azure.groups.delete(name.toLowerCase());
      return output('', true);
    },
  },
});

function power(capability: 'start' | 'stop' | 'deallocate' | 'restart', operation: string): Sub {
  return {
    flags: { ...TARGET, 'skip-shutdown': { type: 'boolean', ignored: true } },
    required: ['resource-group', 'name'],
    run: (azure, f) => {
      const vm = find(azure, f);
      if ('exitCode' in vm) return vm;
      // Azure does nothing, successfully, when the VM is already where it was asked to go.
      if ((capability === 'start' && ['running', 'booting'].includes(vm.state)) || (capability === 'deallocate' && vm.state === 'deallocated')) return output('', false);
      const r = azure.perform(vm.id, capability);
      if (!r.ok) return armError('OperationNotAllowed', `Operation '${operation}' is not allowed on VM '${vm.name}' since the VM is ${vm.nativeState.replace('VM ', '')}.`, 1);
      const warning = capability === 'stop' ? `WARNING: VM '${vm.name}' is being stopped but stays allocated: it still incurs compute charges. Deallocate it (az vm deallocate) to stop paying for compute.\n` : '';
      return { exitCode: 0, stdout: '', stderr: warning, changed: true };
    },
  };
}

function find(azure: AzureDriver, f: ParsedFlags): ProviderWorkload | ExecResult {
  const group = str(f, 'resource-group')!;
  const name = str(f, 'name')!;
  if (!azure.group(group)) return groupNotFound(group);
  const vm = azure.workload(azure.vmId(group, name));
  return vm ?? armError('ResourceNotFound', `The Resource 'Microsoft.Compute/virtualMachines/${name}' under resource group '${group}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`, 3);
}

function vmObject(v: ProviderWorkload, details: boolean, azure?: AzureDriver): Record<string, unknown> {
  const urn = String(v.attrs.imageUrn ?? IMAGES[v.image] ?? v.image).split(':');
  const cost = azure?.cost(v.id);
  return {
    hardwareProfile: { vmSize: v.attrs.size },
    id: resourceId(v),
    location: v.attrs.location,
    name: v.name,
    provisioningState: v.state === 'provisioning' ? 'Creating' : 'Succeeded',
    resourceGroup: v.attrs.resourceGroup,
    storageProfile: { imageReference: { offer: urn[1], publisher: urn[0], sku: urn[2], version: urn[3] }, osDisk: { diskSizeGb: OS_DISK_GIB, osType: 'Linux' } },
    type: 'Microsoft.Compute/virtualMachines',
    vmId: stableUuid(v.id),
    ...(details ? { powerState: v.nativeState, privateIps: privateIp(v.id), publicIps: publicIp(v.id), fqdns: '' } : {}),
    ...(cost ? { simulation: { costSoFarUsd: Number(cost.soFar.toFixed(6)), billedPerHourUsd: cost.perHour } } : {}),
  };
}

function createResult(v: ProviderWorkload): Record<string, unknown> {
  return {
    fqdns: '',
    id: resourceId(v),
    location: v.attrs.location,
    macAddress: `00-0D-3A-${hex2(v.id, 1)}-${hex2(v.id, 2)}-${hex2(v.id, 3)}`,
    powerState: v.nativeState,
    privateIpAddress: privateIp(v.id),
    publicIpAddress: publicIp(v.id),
    resourceGroup: v.attrs.resourceGroup,
    zones: '',
  };
}

function groupObject(g: { name: string; location: string }): Record<string, unknown> {
  return { id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/${g.name}`, location: g.location, managedBy: null, name: g.name, properties: { provisioningState: 'Succeeded' }, tags: null, type: 'Microsoft.Resources/resourceGroups' };
}

function resourceId(v: ProviderWorkload): string {
  return `/subscriptions/${SUBSCRIPTION}/resourceGroups/${v.attrs.resourceGroup}/providers/Microsoft.Compute/virtualMachines/${v.name}`;
}

const hex2 = (id: string, k: number) => (hash32(id.length, k) ^ id.split('').reduce((a, c) => hash32(a, c.charCodeAt(0)), k)).toString(16).slice(-2).toUpperCase().padStart(2, '0');
const byte = (id: string, k: number) => parseInt(hex2(id, k), 16);
const privateIp = (id: string) => `10.0.0.${4 + (byte(id, 7) % 250)}`;
const publicIp = (id: string) => `20.${byte(id, 8)}.${byte(id, 9)}.${byte(id, 10)}`;

function json(f: ParsedFlags, value: unknown, changed = false): ExecResult {
  return formatted(f, value, [], () => [], [], changed);
}

/** Prints in the requested output format: json (the default), jsonc, table, tsv, none. */
function formatted<T>(f: ParsedFlags, value: unknown, headers: readonly string[], row: (x: T) => string[], items: readonly T[], changed = false): ExecResult {
  const format = str(f, 'output') ?? 'json';
  switch (format) {
    case 'json':
    case 'jsonc':
      return output(JSON.stringify(value, null, 2) + '\n', changed);
    case 'table':
      return output(headers.length ? ruledTable(headers, items.map(row)) + '\n' : JSON.stringify(value, null, 2) + '\n', changed);
    case 'tsv':
      return output(items.map((x) => row(x).join('\t')).join('\n') + (items.length ? '\n' : ''), changed);
    case 'none':
      return output('', changed);
    default:
      return failure(`ERROR: argument --output/-o: invalid choice: '${format}' (choose from 'json', 'jsonc', 'none', 'table', 'tsv', 'yaml', 'yamlc')`, 2);
  }
}

function armError(code: string, message: string, exitCode: number): ExecResult {
  return failure(`ERROR: (${code}) ${message}\nCode: ${code}\nMessage: ${message}`, exitCode);
}

function groupNotFound(name: string): ExecResult {
  return armError('ResourceGroupNotFound', `Resource group '${name}' could not be found.`, 3);
}

const GROUPS: Readonly<Record<string, Record<string, Sub>>> = table<Record<string, Sub>>({ vm: VM, group: GROUP });

/** Runs `az ARGS...`. */
export function az(azure: AzureDriver, args: readonly string[]): ExecResult {
  const [group, sub, ...rest] = args;
  if (!group) return output(`Welcome to Azure CLI (simulated). Command groups here: ${Object.keys(GROUPS).join(', ')}\n`);
  const subs = GROUPS[group];
  if (!subs) return failure(`ERROR: '${group}' is misspelled or not recognized by the system.\nhint: this simulation's az knows: ${Object.entries(GROUPS).map(([g, s]) => Object.keys(s).map((x) => `az ${g} ${x}`).join(', ')).join(', ')}`, 2);
  const cmd = sub ? subs[sub] : undefined;
  if (!cmd) return failure(`ERROR: '${sub ?? ''}' is misspelled or not recognized by the system.\naz: '${sub ?? ''}' is not in the 'az ${group}' command group. See 'az ${group} --help'.\nhint: try one of: ${Object.keys(subs).join(', ')}`, 2);
  const parsed = parseFlags(rest, { ...GLOBAL, ...cmd.flags }, 'gnu');
  if (!parsed.ok) {
    if (parsed.kind === 'unknown') return failure(`ERROR: unrecognized arguments: ${parsed.flag}\n\nExamples from AI knowledge base:\naz ${group} ${sub} --help`, 2);
    return failure(`ERROR: argument ${parsed.flag}: expected one argument`, 2);
  }
  if (parsed.value.positionals.length > 0) return failure(`ERROR: unrecognized arguments: ${parsed.value.positionals.join(' ')}`, 2);
  const missing = (cmd.required ?? []).filter((r) => parsed.value.values.get(r) === undefined);
  if (missing.length > 0) {
    const names = missing.map((m) => `--${m}${cmd.flags[m]?.aliases?.length ? `/-${cmd.flags[m]!.aliases![0]}` : ''}`);
    return failure(`ERROR: the following arguments are required: ${names.join(', ')}`, 2);
  }
  return cmd.run(azure, parsed.value);
}

/** Every az phrase answered here ("vm create", "group list"), for completion. */
export const AZ_PHRASES = Object.entries(GROUPS).flatMap(([group, subs]) => Object.keys(subs).map((sub) => `${group} ${sub}`));
