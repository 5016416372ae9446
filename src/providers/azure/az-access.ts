// What an az line asks Azure Resource Manager to authorize: the operation (the
// permission string of the resource provider's operations list, azure-docs
// role-based-access-control/permissions/compute.md and networking.md) over the
// scope the request names. A command's verb gives the operation (create,
// update, add, attach and their kind are "write"; delete "delete"; list and
// show "read"; start, powerOff, deallocate and restart are POST actions); its
// arguments give the scope: the resource (-g and -n), its resource group (a
// list's provider namespace there), or the subscription. az vm create reads
// the resource group first (its validator GETs it, azure-cli#30139), then
// writes the VM and its NIC and joins a subnet. A refusal is ARM's 403,
// AuthorizationFailed, printed as az prints it.
import { principalName, TENANT_DOMAIN } from '../../access/directory.js';
import type { AccessRequest } from '../../access/policy.js';
import type { LineAccess } from '../access/line-access.js';
import { azCommand } from './az.js';
import { isError } from './az-command.js';
import { armError } from './az-errors.js';
import { SUBSCRIPTION } from './az-resources.js';
import { objectId } from './az-role.js';
import type { AzureDriver } from './driver.js';

const SUB = `/subscriptions/${SUBSCRIPTION}`;

/** Each command group's resource type, and the argument naming its parent for a child resource. */
const TYPES: Readonly<Record<string, { type: string; parent?: string; parentType?: string }>> = {
  vm: { type: 'Microsoft.Compute/virtualMachines' },
  'vm disk': { type: 'Microsoft.Compute/virtualMachines', parent: 'vm-name' },
  disk: { type: 'Microsoft.Compute/disks' },
  'network vnet': { type: 'Microsoft.Network/virtualNetworks' },
  'network vnet subnet': { type: 'Microsoft.Network/virtualNetworks/subnets', parent: 'vnet-name', parentType: 'Microsoft.Network/virtualNetworks' },
  'network nsg': { type: 'Microsoft.Network/networkSecurityGroups' },
  'network nsg rule': {
    type: 'Microsoft.Network/networkSecurityGroups/securityRules',
    parent: 'nsg-name',
    parentType: 'Microsoft.Network/networkSecurityGroups',
  },
  'network public-ip': { type: 'Microsoft.Network/publicIPAddresses' },
  'network nic': { type: 'Microsoft.Network/networkInterfaces' },
  'network nic ip-config address-pool': { type: 'Microsoft.Network/networkInterfaces', parent: 'nic-name' },
  // A load balancer's probes, rules, pools and frontends are written with the load balancer itself (a PUT of it).
  'network lb': { type: 'Microsoft.Network/loadBalancers' },
  'network lb probe': { type: 'Microsoft.Network/loadBalancers', parent: 'lb-name' },
  'network lb rule': { type: 'Microsoft.Network/loadBalancers', parent: 'lb-name' },
  'network lb address-pool': { type: 'Microsoft.Network/loadBalancers', parent: 'lb-name' },
  'network lb frontend-ip': { type: 'Microsoft.Network/loadBalancers', parent: 'lb-name' },
  'role assignment': { type: 'Microsoft.Authorization/roleAssignments' },
  'role definition': { type: 'Microsoft.Authorization/roleDefinitions' },
};

/** The operation a verb asks for. */
const OPERATION: Readonly<Record<string, string>> = {
  create: 'write',
  update: 'write',
  add: 'write',
  remove: 'write',
  attach: 'write',
  detach: 'write',
  resize: 'write',
  delete: 'delete',
  start: 'start/action',
  stop: 'powerOff/action',
  deallocate: 'deallocate/action',
  restart: 'restart/action',
};

/** ARM's AuthorizationFailed for a user, as az prints it (az-errors.ts armError; the message of azure-cli#30789 and CloudShell#452). */
export function authorizationFailed(user: string, action: string, scope: string) {
  return armError(
    'AuthorizationFailed',
    `The client '${principalName(user)}@${TENANT_DOMAIN}' with object id '${objectId(principalName(user))}' does not have authorization ` +
      `to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    1,
  );
}

export function azAccess(azure: AzureDriver, words: readonly string[]): LineAccess | undefined {
  const found = azCommand(words.slice(1));
  if (isError(found)) return undefined;
  const { name, a } = found;
  const path = name.split(' ');
  const verb = path[path.length - 1];
  const group = path.slice(0, -1).join(' ');
  const get = (k: string) => (typeof a.get(k) === 'string' ? (a.get(k) as string) : undefined);
  const rgName = get('resource-group');
  const rg = rgName === undefined ? undefined : (azure.group(rgName)?.name ?? rgName);
  const rgScope = rg === undefined ? undefined : `${SUB}/resourceGroups/${rg}`;
  const requests: AccessRequest[] = [];
  const ask = (action: string, scope: string) => requests.push({ kind: 'azure', action, scope });
  let object: string;
  if (group === 'group') {
    // Resource group operations: ARM writes the action and the scope in lower case (azure-cli#30789).
    const n = get('name');
    const scope = n === undefined ? SUB : `${SUB}/resourcegroups/${n}`;
    if (verb === 'list') return { requests: [], changes: false, object: SUB, refuse: () => armError('AuthorizationFailed', '', 1) };
    ask(`Microsoft.Resources/subscriptions/resourcegroups/${verb === 'delete' ? 'delete' : verb === 'create' ? 'write' : 'read'}`, scope);
    // Deleting a group deletes what is in it: ARM refuses when a deny assignment protects any of it.
    if (verb === 'delete' && n !== undefined)
      for (const w of azure.workloadsBrief())
        if (String(w.attrs.resourceGroup).toLowerCase() === n.toLowerCase())
          ask(
            'Microsoft.Compute/virtualMachines/delete',
            `${SUB}/resourceGroups/${String(w.attrs.resourceGroup)}/providers/Microsoft.Compute/virtualMachines/${w.name}`,
          );
    object = scope;
  } else if (group === 'role assignment' || group === 'role definition') {
    const scope = get('scope') ?? rgScope ?? SUB;
    const op = verb === 'create' ? 'write' : verb === 'delete' ? 'delete' : 'read';
    ask(`${TYPES[group].type}/${op}`, scope);
    object = scope;
  } else {
    const t = TYPES[group] ?? TYPES[path[0]] ?? { type: 'Microsoft.Resources/resources' };
    const op = verb === 'open-port' ? 'write' : (OPERATION[verb] ?? 'read');
    const parent = t.parent === undefined ? undefined : get(t.parent);
    const n = get('name');
    const base = t.parentType ?? t.type;
    const named = parent ?? n;
    const resource =
      rgScope && named !== undefined
        ? `${rgScope}/providers/${base}/${named}${t.parentType && n !== undefined ? `/${t.type.split('/').pop()}/${n}` : ''}`
        : undefined;
    // A list names the provider namespace in the group, or the subscription (CloudShell#572).
    const scope = resource ?? (rgScope ? `${rgScope}/providers/${t.type.split('/')[0]}` : SUB);
    // A list over the subscription shows what the caller may read of it, and asks nothing itself (ARM filters it).
    if (verb === 'list' && !rgScope) return { requests: [], changes: false, object: SUB, refuse: () => armError('AuthorizationFailed', '', 1) };
    if (name === 'vm create' && rgScope) {
      ask('Microsoft.Resources/subscriptions/resourcegroups/read', `${SUB}/resourcegroups/${rg}`);
      ask('Microsoft.Compute/virtualMachines/write', scope);
      ask('Microsoft.Network/networkInterfaces/write', `${rgScope}/providers/Microsoft.Network/networkInterfaces/${n}VMNic`);
    } else if (verb === 'open-port')
      ask('Microsoft.Network/networkSecurityGroups/write', `${rgScope ?? SUB}/providers/Microsoft.Network/networkSecurityGroups/${n}NSG`);
    else if (group === 'network nic ip-config address-pool') {
      ask('Microsoft.Network/networkInterfaces/write', scope);
      ask(
        'Microsoft.Network/loadBalancers/backendAddressPools/join/action',
        `${rgScope ?? SUB}/providers/Microsoft.Network/loadBalancers/${get('lb-name') ?? ''}`,
      );
    } else if (group.startsWith('network lb') && group !== 'network lb') ask(`Microsoft.Network/loadBalancers/${op === 'read' ? 'read' : 'write'}`, scope);
    else if (name === 'network watcher test-ip-flow') ask('Microsoft.Network/networkWatchers/ipFlowVerify/action', SUB);
    else ask(`${t.type}/${op}`, scope);
    object = resource ?? scope;
  }
  const changes = !['read'].some((x) => requests.every((r) => r.kind === 'azure' && r.action.endsWith(`/${x}`)));
  return {
    requests,
    changes: changes && name !== 'network watcher test-ip-flow',
    object,
    refuse: (r) => (r.kind === 'azure' ? authorizationFailed(azure.access?.actor ?? '', r.action, r.scope) : armError('AuthorizationFailed', '', 1)),
  };
}
