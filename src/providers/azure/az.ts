// The Azure CLI: az vm and az group, the subset this simulation answers. Each
// command declares its arguments as azure-cli does (az-parser.ts), runs, and hands
// back a result that az's output formats print (az-output.ts), after --query; the
// long-running ones return when their operation has ended (AZ_BLOCKS).

import { table } from '../../core/own.js';
import { blockOnAll } from '../blocking.js';
import { failure, output } from '../exec-result.js';
import type { ExecResult, ProviderWorkload } from '../provider.js';
import { consoleLog } from '../workload-logs.js';
import { type Args, aazTarget, type Command, customTarget, flag, GROUP_NAME, isError, NO_WAIT, type Outcome, RG, str, YES } from './az-command.js';
import { DISK, VM_DISK, vmCreateDisks } from './az-disk.js';
import { armError, groupNotFound, type HelpExample, invalidChoice, misspelled, parserError, QUERY_REFERENCE, vmNotFound } from './az-errors.js';
import { EXAMPLES } from './az-examples.js';
import { METRIC_ALERT } from './az-monitor.js';
import { NETWORK, OPEN_PORT, vmIdOf } from './az-network.js';
import { formatResult, type OutputFormat, sortedKeys } from './az-output.js';
import { type ArgSpec, missingIdParts, parseArgs } from './az-parser.js';
import { runQuery, search } from './az-query.js';
import { createResultInOrder, groupObject, instanceView, resourceId, SUBSCRIPTION, vmObject } from './az-resources.js';
import { ROLE_ASSIGNMENT, ROLE_DEFINITION } from './az-role.js';
import { AZ_BLOCKS, REGIONS, SIZES } from './defaults.js';
import type { AzureDriver } from './driver.js';
import { nicId } from './network-objects.js';
import { closeMatches } from './py-difflib.js';

function find(azure: AzureDriver, a: Args): ProviderWorkload | ExecResult {
  const group = str(a, 'resource-group')!;
  const name = str(a, 'name')!;
  if (!azure.group(group)) return groupNotFound(group);
  return azure.workload(azure.vmId(group, name)) ?? vmNotFound(group, name);
}

/** vm/_format.py transform_vm: the table of a VM; None values (no -d) drop out of the table. */
function transformVm(vm: Record<string, unknown>): Record<string, unknown> {
  const zones = vm.zones as string[] | null | undefined;
  return {
    name: vm.name,
    resourceGroup: vm.resourceGroup,
    powerState: vm.powerState ?? null,
    publicIps: vm.publicIps ?? null,
    fqdns: vm.fqdns ?? null,
    location: vm.location,
    ...('zones' in vm ? { zones: zones?.length ? zones.join(',') : '' } : {}),
  };
}

function power(capability: 'start' | 'stop' | 'deallocate' | 'restart', operation: string, names: string[], extra: ArgSpec[]): Command {
  return {
    args: [...aazTarget(names), NO_WAIT, ...extra],
    noWait: true,
    run: (azure, a) => {
      // vm/_validators.py process_vm_vmss_stop warns before the operation, --no-wait or not.
      const warning =
        capability === 'stop'
          ? 'WARNING: About to power off the specified VM...\nIt will continue to be billed. To deallocate a VM, run: az vm deallocate.\n'
          : '';
      const vm = find(azure, a);
      if (isError(vm)) return { ...vm, stderr: warning + vm.stderr };
      // Azure does nothing, successfully, when the VM is already where it was asked to go.
      if (
        (capability === 'start' && vm.state === 'running') ||
        (capability === 'deallocate' && vm.state === 'deallocated') ||
        (capability === 'stop' && vm.state === 'stopped')
      )
        return { result: () => null, stderr: warning };
      const r = azure.perform(vm.id, capability);
      if (!r.ok) {
        const err = armError(
          'OperationNotAllowed',
          `Operation '${operation}' is not allowed on VM '${vm.name}' since the VM is ${vm.nativeState.replace('VM ', '')}.`,
          1,
        );
        return { ...err, stderr: warning + err.stderr };
      }
      return {
        result: () => null,
        stderr: warning,
        changed: true,
        wait: { ids: [vm.id], until: AZ_BLOCKS[capability], waitingFor: `${vm.name} to ${capability}` },
      };
    },
  };
}

const VM: Readonly<Record<string, Command>> = table<Command>({
  create: {
    args: [
      { dest: 'name', options: ['--name', '-n'], required: true },
      { ...RG, required: true },
      { dest: 'image', options: ['--image'] },
      { dest: 'size', options: ['--size'] },
      { dest: 'location', options: ['--location', '-l'] },
      { dest: 'admin-username', options: ['--admin-username'] },
      { dest: 'admin-password', options: ['--admin-password'] },
      { dest: 'generate-ssh-keys', options: ['--generate-ssh-keys'], kind: 'flag' },
      { dest: 'ssh-key-values', options: ['--ssh-key-values'], kind: 'list' },
      { dest: 'authentication-type', options: ['--authentication-type'] },
      { dest: 'public-ip-sku', options: ['--public-ip-sku'] },
      { dest: 'public-ip-address', options: ['--public-ip-address'] },
      { dest: 'vnet-name', options: ['--vnet-name'] },
      { dest: 'subnet', options: ['--subnet'] },
      { dest: 'nsg', options: ['--nsg'] },
      { dest: 'private-ip-address', options: ['--private-ip-address'] },
      { dest: 'nics', options: ['--nics'], kind: 'list' },
      { dest: 'zone', options: ['--zone', '-z'] },
      { dest: 'os-disk-size-gb', options: ['--os-disk-size-gb'] },
      { dest: 'custom-data', options: ['--custom-data'] },
      { dest: 'tags', options: ['--tags'], kind: 'list' },
      { dest: 'public-ip-address-dns-name', options: ['--public-ip-address-dns-name'] },
      { dest: 'data-disk-sizes-gb', options: ['--data-disk-sizes-gb'], kind: 'list' },
      { dest: 'availability-set', options: ['--availability-set'] },
      { dest: 'security-type', options: ['--security-type'] },
      NO_WAIT,
    ],
    noWait: true,
    // deployment_validate_table_format passes the create summary through, in its own order.
    table: (r) => r,
    run: (azure, a) => {
      const group = str(a, 'resource-group')!;
      if (!azure.group(group)) return groupNotFound(group);
      const name = str(a, 'name')!;
      const recorded = [
        'admin-username',
        'admin-password',
        'generate-ssh-keys',
        'ssh-key-values',
        'authentication-type',
        'public-ip-sku',
        'zone',
        'custom-data',
        'tags',
        'public-ip-address-dns-name',
        'availability-set',
        'security-type',
      ]
        .filter((k) => a.has(k))
        .map((k) => `--${k}`);
      // az's own default size (Standard_DS1_v2) is not among this cloud's sizes: B1s stands in.
      const network = {
        vnetName: str(a, 'vnet-name'),
        subnet: str(a, 'subnet'),
        nsg: str(a, 'nsg'),
        publicIp: str(a, 'public-ip-address'),
        privateIp: str(a, 'private-ip-address'),
        ...(a.has('nics') ? { nics: a.get('nics') as string[] } : {}),
      };
      const size = str(a, 'size') ?? 'Standard_B1s';
      const disks = vmCreateDisks(a, size);
      if (!('disks' in disks)) return disks;
      const r = azure.createNetworkedVm({ name, group, image: str(a, 'image'), size, recorded }, network, disks.disks);
      // A networking fault carries the provider's code (or 'usage', a validator's error) as the field at fault.
      const field = r.ok ? undefined : r.error.facts?.field;
      if (!r.ok && field === 'usage') return failure(`ERROR: ${r.error.message}`, 1);
      if (!r.ok && field && /^[A-Z]/.test(field)) return armError(field, r.error.message, 1);
      if (!r.ok) {
        const code = r.error.code === 'quota-exceeded' ? 'QuotaExceeded' : r.error.code === 'duplicate-id' ? 'Conflict' : 'InvalidParameter';
        return armError(code, r.error.message, 1);
      }
      const id = azure.vmId(group, name);
      return {
        result: () => createResultInOrder(azure.workload(id)!, azure.addresses(id)),
        ordered: true,
        changed: true,
        wait: { ids: [id], until: AZ_BLOCKS.create, waitingFor: `${name} to be created` },
      };
    },
  },
  start: power('start', 'start', ['-n', '--name', '--vm-name'], []),
  stop: power('stop', 'powerOff', ['-n', '--name'], [{ dest: 'skip-shutdown', options: ['--skip-shutdown'], kind: 'flag' }]),
  deallocate: power('deallocate', 'deallocate', ['-n', '--name', '--vm-name'], [{ dest: 'hibernate', options: ['--hibernate'], kind: 'flag' }]),
  restart: power('restart', 'restart', ['-n', '--name', '--vm-name'], []),
  delete: {
    args: [...aazTarget(['-n', '--name']), { dest: 'force-deletion', options: ['--force-deletion'], kind: 'flag' }, NO_WAIT, YES],
    noWait: true,
    confirm: true,
    run: (azure, a) => {
      const vm = find(azure, a);
      if (isError(vm)) return vm;
      const r = azure.perform(vm.id, 'delete');
      if (!r.ok) return armError('OperationNotAllowed', r.error.message, 1);
      return { result: () => null, changed: true, wait: { ids: [vm.id], until: AZ_BLOCKS.delete, waitingFor: `${vm.name} to be deleted` } };
    },
  },
  list: {
    args: [RG, { dest: 'show-details', options: ['--show-details', '-d'], kind: 'flag' }],
    table: (r) => (r as Record<string, unknown>[]).map(transformVm),
    run: (azure, a) => {
      const group = str(a, 'resource-group');
      if (group && !azure.group(group)) return groupNotFound(group);
      // A list is what the caller may read: ARM leaves out what their roles do not reach (az-access.ts asks nothing of a list).
      const vms = azure
        .workloads()
        .filter(
          (v) =>
            (!group || String(v.attrs.resourceGroup).toLowerCase() === group.toLowerCase()) &&
            azure.mayRead('Microsoft.Compute/virtualMachines/read', resourceId(v)),
        );
      return { result: () => vms.map((v) => vmObject(v, flag(a, 'show-details'), azure.addresses(v.id), azure.storageOf(v.id))) };
    },
  },
  show: {
    args: [
      ...customTarget(),
      { dest: 'show-details', options: ['--show-details', '-d'], kind: 'flag' },
      { dest: 'include-user-data', options: ['--include-user-data', '-u'], kind: 'flag' },
    ],
    table: (r) => transformVm(r as Record<string, unknown>),
    run: (azure, a) => {
      const vm = find(azure, a);
      return isError(vm) ? vm : { result: () => vmObject(vm, flag(a, 'show-details'), azure.addresses(vm.id), azure.storageOf(vm.id)) };
    },
  },
  'get-instance-view': {
    args: customTarget(),
    table:
      '{Name:name, ResourceGroup:resourceGroup, Location:location, ProvisioningState:provisioningState, PowerState:instanceView.statuses[1].displayStatus}',
    run: (azure, a) => {
      const vm = find(azure, a);
      return isError(vm) ? vm : { result: () => instanceView(vm, azure.sim.now, azure.addresses(vm.id), azure.storageOf(vm.id)) };
    },
  },
  'list-ip-addresses': {
    args: [RG, { dest: 'name', options: ['--name', '-n'] }, { dest: 'ids', options: ['--ids'], kind: 'list' }],
    // vm/_format.py transform_ip_addresses
    table: (r) =>
      (r as { virtualMachine: { name: string; network: { publicIpAddresses: { ipAddress: string }[]; privateIpAddresses: string[] } } }[]).map((x) => ({
        virtualMachine: x.virtualMachine.name,
        publicIPAddresses: x.virtualMachine.network.publicIpAddresses.map((p) => p.ipAddress).join(',') || null,
        privateIPAddresses: x.virtualMachine.network.privateIpAddresses.join(',') || null,
      })),
    run: (azure, a) => {
      const group = str(a, 'resource-group');
      if (group && !azure.group(group)) return groupNotFound(group);
      const name = str(a, 'name');
      const vms = azure
        .workloads()
        .filter((v) => (!group || String(v.attrs.resourceGroup).toLowerCase() === group.toLowerCase()) && (!name || v.name === name));
      return {
        result: () =>
          vms.map((v) => ({
            virtualMachine: {
              name: v.name,
              // vm/custom.py list_vm_ip_addresses: each NIC's private addresses, and each public IP with its id, address, method and name.
              network: {
                privateIpAddresses: azure.addresses(v.id).privateIps,
                publicIpAddresses: azure.publicIpsOf(v.id).map((p) => ({
                  id: p.id,
                  ipAddress: p.ip,
                  ipAllocationMethod: 'Static',
                  name: p.name,
                  resourceGroup: p.group,
                  zone: null,
                })),
              },
              resourceGroup: v.attrs.resourceGroup,
            },
          })),
      };
    },
  },
  'list-sizes': {
    args: [{ dest: 'location', options: ['--location', '-l'], required: true }],
    deprecatedFor: 'az vm list-skus',
    run: (_azure, a) => {
      const location = str(a, 'location')!;
      if (!REGIONS[location]) return armError('NoRegisteredProviderFound', `No registered resource provider found for location '${location}'.`, 1);
      return {
        result: () =>
          SIZES.map((s) => ({
            maxDataDiskCount: s.maxDataDisks,
            memoryInMB: s.memoryGiB * 1024,
            name: s.name,
            numberOfCores: s.vcpus,
            osDiskSizeInMB: 1047552,
            resourceDiskSizeInMB: s.resourceDiskMiB,
          })),
      };
    },
  },
  'list-usage': {
    args: [{ dest: 'location', options: ['--location', '-l'], required: true }],
    table: '[].{Name:localName, CurrentValue:currentValue, Limit:limit}',
    run: (azure, a) => {
      const location = str(a, 'location')!;
      const quotas = azure.sim.quotaList().filter((q) => q.key.startsWith(`${location}/`));
      // operations/vm.py VMListUsage._output: currentValue and limit as strings, localName added.
      const rows = quotas.map((q) => {
        const label = q.label.replace(` in ${location}`, '');
        return {
          currentValue: String(q.used),
          limit: String(q.limit),
          localName: label,
          name: { localizedValue: label, value: q.key.split('/')[1] },
          unit: 'Count',
        };
      });
      return { result: () => rows };
    },
  },
  resize: {
    args: [...customTarget(), { dest: 'size', options: ['--size'], required: true }, NO_WAIT],
    noWait: true,
    run: (azure, a) => {
      const vm = find(azure, a);
      if (isError(vm)) return vm;
      const r = azure.perform(vm.id, 'resize', { size: str(a, 'size') });
      if (!r.ok) return armError(r.error.code === 'quota-exceeded' ? 'QuotaExceeded' : 'InvalidParameter', r.error.message, 1);
      return {
        result: () => vmObject(azure.workload(vm.id)!, false, azure.addresses(vm.id), azure.storageOf(vm.id)),
        changed: true,
        wait: { ids: [vm.id], until: AZ_BLOCKS.resize, waitingFor: `${vm.name} to be resized` },
      };
    },
  },
});

/**
 * az vm boot-diagnostics get-boot-log: the VM's serial log (providers/workload-logs.ts consoleLog). With boot
 * diagnostics' managed storage the CLI prints the log as one JSON string, its lines ending "\r\n" (azure-cli
 * vm/custom.py get_boot_log returns requests.get(blob_uri).content; issues #29374, #29890 show the output); a
 * Windows guest's has no serial text here, so the CLI's "No console log available" (custom.py's CLIError).
 */
const BOOT_LOG: Command = {
  args: customTarget(),
  run: (azure, a) => {
    const vm = find(azure, a);
    if (isError(vm)) return vm;
    const log = consoleLog(azure.sim, vm.id);
    if (log === undefined) return failure('ERROR: No console log available', 1);
    return { result: () => log.map((l) => `${l.text}\r\n`).join('') };
  },
};

const GROUP: Readonly<Record<string, Command>> = table<Command>({
  create: {
    args: [
      GROUP_NAME,
      { dest: 'location', options: ['--location', '-l'], required: true },
      { dest: 'tags', options: ['--tags'], kind: 'list' },
      { dest: 'managed-by', options: ['--managed-by'] },
    ],
    run: (azure, a) => {
      const r = azure.createGroup(str(a, 'name')!, str(a, 'location')!);
      if (!r.ok) return armError(r.error.facts?.field === 'location' ? 'LocationNotAvailableForResourceGroup' : 'InvalidResourceGroup', r.error.message, 1);
      return { result: () => groupObject(r.value), changed: true };
    },
  },
  list: {
    args: [{ dest: 'tag', options: ['--tag'] }],
    // resource/commands.py transform_resource_group_list
    table: (r) =>
      (r as { name: string; location: string; properties: { provisioningState: string } }[]).map((g) => ({
        Name: g.name,
        Location: g.location,
        Status: g.properties.provisioningState,
      })),
    run: (azure) => ({
      result: () =>
        [...azure.groups.values()]
          .filter((g) => azure.mayRead('Microsoft.Resources/subscriptions/resourceGroups/read', `/subscriptions/${SUBSCRIPTION}/resourceGroups/${g.name}`))
          .map(groupObject),
    }),
  },
  show: {
    args: [GROUP_NAME],
    run: (azure, a) => {
      const rg = azure.group(str(a, 'name')!);
      return rg ? { result: () => groupObject(rg) } : groupNotFound(str(a, 'name')!);
    },
  },
  exists: {
    args: [GROUP_NAME],
    run: (azure, a) => ({ result: () => azure.group(str(a, 'name')!) !== undefined }),
  },
  delete: {
    args: [GROUP_NAME, { dest: 'force-deletion-types', options: ['--force-deletion-types', '-f'] }, NO_WAIT, YES],
    noWait: true,
    confirm: true,
    run: (azure, a) => {
      const name = str(a, 'name')!;
      if (!azure.group(name)) return groupNotFound(name);
      const vms = azure.workloads().filter((x) => String(x.attrs.resourceGroup).toLowerCase() === name.toLowerCase());
      // A NIC of the group that a VM of another group uses cannot go with it (NicInUse): the deletion fails, losing nothing.
      azure.detachGone();
      const lent = [...azure.networks.nics.values()].find(
        (n) => n.group.toLowerCase() === name.toLowerCase() && n.vm !== undefined && !vms.some((v) => v.id === n.vm),
      );
      if (lent)
        return armError(
          'NicInUse',
          `Network Interface ${nicId(lent)} is used by existing resource ${vmIdOf(azure)(lent.vm!)}. ` +
            'In order to delete the network interface, it must be dissociated from the resource. To learn more, see aka.ms/deletenic.',
          1,
        );
      for (const v of vms) azure.perform(v.id, 'delete');
      azure.groups.delete(name.toLowerCase());
      azure.networks.deleteGroup(name);
      azure.disks.deleteGroup(name);
      return {
        result: () => null,
        changed: true,
        wait: { ids: vms.map((v) => v.id), until: AZ_BLOCKS['group delete'], waitingFor: `resource group ${name} to be deleted` },
      };
    },
  },
});

/** A command group: its commands and its subgroups ("network" holds "vnet", which holds "create" and "subnet"). */
interface Tree {
  readonly [word: string]: Command | Tree;
}
const isCommand = (x: Command | Tree): x is Command => typeof (x as Command).run === 'function';

const GROUPS: Tree = table<Tree>({
  vm: { ...VM, 'open-port': OPEN_PORT, disk: VM_DISK, 'boot-diagnostics': { 'get-boot-log': BOOT_LOG } },
  group: GROUP,
  network: NETWORK as Tree,
  disk: DISK,
  role: { assignment: ROLE_ASSIGNMENT, definition: ROLE_DEFINITION },
  monitor: { metrics: { alert: METRIC_ALERT } },
});

function phrases(tree: Tree, prefix: string): [string, Command][] {
  return Object.entries(tree).flatMap(([word, node]) =>
    isCommand(node) ? [[`${prefix}${word}`, node] as [string, Command]] : phrases(node, `${prefix}${word} `),
  );
}

/** Every az phrase answered here ("vm create", "network nsg rule create"), for completion. */
export const AZ_PHRASES = phrases(GROUPS, '').map(([p]) => p);

/** Each phrase's arguments ("vm start": -g, -n, --ids, --no-wait), for completion in the console's prompt. */
export const AZ_ARGS: Readonly<Record<string, readonly ArgSpec[]>> = Object.fromEntries(phrases(GROUPS, '').map(([p, c]) => [p, c.args]));

const KNOWN = `(hyperpane: this simulation's az answers ${AZ_PHRASES.map((p) => `az ${p}`).join(', ')})`;

/** What a command prints: its result after --query, in the chosen format. */
function printed(command: Command, a: Args, out: Exclude<Outcome, ExecResult>): ExecResult {
  let result = out.result();
  if (!out.ordered) result = sortedKeys(result);
  const query = str(a, 'query');
  if (query !== undefined && result !== null && result !== undefined) {
    const q = runQuery(result, query);
    if (!q.ok)
      return {
        exitCode: 1,
        stdout: '',
        stderr: `ERROR: Invalid jmespath query supplied for \`--query\`: ${q.message}\n${QUERY_REFERENCE}\n`,
        changed: out.changed ?? false,
      };
    result = q.value;
  }
  const format = (str(a, 'output') ?? 'json') as OutputFormat;
  return { exitCode: 0, stdout: formatResult(format, result, command.table, query !== undefined, search), stderr: '', changed: out.changed ?? false };
}

/** An az line's command, its name ("vm start") and its arguments, or az's answer when it never gets to run one. */
export function azCommand(args: readonly string[]): { cmd: Command; name: string; a: Args; depth: number } | ExecResult {
  if (!args[0] || args[0].startsWith('-'))
    return output(`Welcome to Azure CLI (simulated). Command groups here: ${Object.keys(GROUPS).join(', ')}\n${KNOWN}\n`);
  // Walk the groups word by word to a command, as the parser's subparsers do.
  let node: Command | Tree = GROUPS;
  let depth = 0;
  while (!isCommand(node)) {
    const word = args[depth];
    const path = args.slice(0, depth).join(' ');
    if (word === undefined || word.startsWith('-'))
      return output(`(hyperpane: az ${path} answers ${Object.keys(node).join(', ')}; see 'az ${path} --help' for the real group's help)\n`);
    const next: Command | Tree | undefined = Object.hasOwn(node, word) ? node[word] : undefined;
    if (!next) {
      const close = closeMatches(word, Object.keys(node), 0.7)[0];
      const phrase = [...args.slice(0, depth), word].join(' ');
      const closePhrase = close === undefined ? undefined : [...args.slice(0, depth), close].join(' ');
      return misspelled(word, close, phrase, args.slice(depth + 1), closePhrase ? (EXAMPLES[closePhrase] ?? []) : [], KNOWN);
    }
    node = next;
    depth++;
  }
  const cmd = node;
  const rest = args.slice(depth);
  const name = args.slice(0, depth).join(' ');
  const examples: readonly HelpExample[] = EXAMPLES[name] ?? [];
  const parsed = parseArgs(rest, cmd.args);
  if (!parsed.ok) {
    const e = parsed.error;
    if (e.kind === 'choice') return invalidChoice(name, e.option, e.value, e.choices, closeMatches(e.value, e.choices, 0.7)[0], rest, cmd.args, examples);
    return parserError(e.message, name, rest, cmd.args, examples);
  }
  return { cmd, name, a: parsed.values, depth };
}

/** Runs `az ARGS...`. */
export function az(azure: AzureDriver, args: readonly string[]): ExecResult {
  const found = azCommand(args);
  if (isError(found)) return found;
  const { cmd, name, a, depth } = found;
  if (flag(a, 'help'))
    // The reference's page is the command's group, its anchor the whole command: .../cli/azure/network/vnet#az-network-vnet-create.
    return output(
      `(hyperpane: the help text of 'az ${name}' is not simulated: https://learn.microsoft.com/cli/azure/${args.slice(0, depth - 1).join('/')}#az-${args.slice(0, depth).join('-')})\n`,
    );
  const deprecation = cmd.deprecatedFor
    ? `This command has been deprecated and will be removed in a future release. Use '${cmd.deprecatedFor}' instead.\n`
    : '';
  const ids = missingIdParts(cmd.args, a);
  if (ids) return failure(`${deprecation}ERROR: ${ids}`, 1);
  if (a.has('ids')) return failure(`${deprecation}ERROR: (hyperpane: --ids is not simulated; give --resource-group and --name)`, 1);
  // knack commands.py: confirmation=True asks, and cannot without a terminal.
  if (cmd.confirm && !flag(a, 'yes'))
    return failure(`${deprecation}WARNING: Unable to prompt for confirmation as no tty available. Use --yes.\nERROR: Operation cancelled.`, 1);
  const out = cmd.run(azure, a);
  if (isError(out)) return { ...out, stderr: deprecation + out.stderr };
  const stderr = deprecation + (out.stderr ?? '');
  const changed = out.changed ?? false;
  if (out.wait && flag(a, 'no-wait')) return { exitCode: 0, stdout: '', stderr, changed };
  if (out.wait) {
    const wait = out.wait;
    return { exitCode: 0, stdout: '', stderr, changed, blocking: blockOnAll(azure.sim, wait.ids, wait.until, wait.waitingFor, () => printed(cmd, a, out)) };
  }
  const r = printed(cmd, a, out);
  return { ...r, stderr: stderr + r.stderr };
}
