// az role assignment create|list|delete and az role definition list, as
// azure-cli's role module answers them (command_modules/role/commands.py: the
// table transformers, Principal/Role/Scope and Name/Type/Description;
// custom.py: create_role_assignment, _search_role_assignments,
// delete_role_assignments, list_role_definitions). Errors are its CLIErrors:
// "Role 'X' doesn't exist.", "Cannot find user or service principal in graph
// database for 'X'. ...", "No matched assignments were found to delete".

import type { RoleAssignment } from '../../access/azure-rbac.js';
import { AZURE_ROLES, type AzureRole, azureRole } from '../../access/azure-roles.js';
import { badPrincipal, principalName, TENANT_DOMAIN } from '../../access/directory.js';
import { table } from '../../core/own.js';
import { simDate, stableUuid } from '../common.js';
import { failure } from '../exec-result.js';
import { type Args, type Command, flag, RG, str, YES } from './az-command.js';
import { SUBSCRIPTION } from './az-resources.js';
import type { AzureDriver } from './driver.js';

const SUB = `/subscriptions/${SUBSCRIPTION}`;

/** A directory principal's object id: stable, as Entra ID's are. */
export const objectId = (principal: string) => stableUuid(`principal:${principal}`);

/** How az shows a principal's name: a user's UPN, a group's display name (custom.py _get_displayable_name). */
export const upn = (a: { principal: string; principalType: string }) => (a.principalType === 'User' ? `${a.principal}@${TENANT_DOMAIN}` : a.principal);

/** The scope -g or --scope names (custom.py _build_role_scope); the subscription without either. */
function scopeOf(azure: AzureDriver, a: Args): string | { error: string } {
  const group = str(a, 'resource-group');
  const scope = str(a, 'scope');
  if (group !== undefined && scope !== undefined) return { error: `Resource group "${group}" is redundant because scope is supplied` };
  if (scope !== undefined)
    return /^\/subscriptions\/[^/]+(\/|$)|^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+$/i.test(scope)
      ? scope
      : { error: 'Invalid scope. Please use --help to view the valid format.' };
  if (group !== undefined)
    return azure.group(group) ? `${SUB}/resourceGroups/${azure.group(group)!.name}` : { error: `Resource group '${group}' could not be found.` };
  return SUB;
}

function assignmentObject(a: RoleAssignment, at: string, listed: boolean): Record<string, unknown> {
  const role = azureRole(a.role)!;
  const group = /\/resourceGroups\/([^/]+)/i.exec(a.scope)?.[1];
  return {
    condition: null,
    conditionVersion: null,
    createdBy: listed ? objectId('administrator') : null,
    createdOn: at,
    delegatedManagedIdentityResourceId: null,
    description: null,
    id: `${a.scope}/providers/Microsoft.Authorization/roleAssignments/${a.id}`,
    name: a.id,
    principalId: objectId(a.principal),
    ...(listed ? { principalName: upn(a) } : {}),
    principalType: a.principalType,
    ...(group ? { resourceGroup: group } : {}),
    roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${role.name}`,
    ...(listed ? { roleDefinitionName: role.roleName } : {}),
    scope: a.scope,
    type: 'Microsoft.Authorization/roleAssignments',
    updatedBy: objectId('administrator'),
    updatedOn: at,
  };
}

function definitionObject(r: AzureRole): Record<string, unknown> {
  return {
    assignableScopes: ['/'],
    description: r.description,
    id: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${r.name}`,
    name: r.name,
    permissions: [{ actions: [...r.actions], dataActions: [], notActions: [...r.notActions], notDataActions: [] }],
    roleName: r.roleName,
    roleType: 'BuiltInRole',
    type: 'Microsoft.Authorization/roleDefinitions',
  };
}

const ASSIGNEE = { dest: 'assignee', options: ['--assignee'] };

/** custom.py _resolve_object_id's error for an assignee the graph does not have. */
const noAssignee = (raw: string) =>
  failure(
    `ERROR: Cannot find user or service principal in graph database for '${raw}'. ` +
      `If the assignee is an appId, make sure the corresponding service principal is created with 'az ad sp create --id ${raw}'.`,
  );
const ROLE = { dest: 'role', options: ['--role'] };
const SCOPE = { dest: 'scope', options: ['--scope'] };

/** Who --assignee names: a user by UPN or name, or a group by name. */
function assignee(azure: AzureDriver, raw: string): { principal: string; principalType: 'User' | 'Group' } | undefined {
  const access = azure.access!;
  const name = principalName(raw);
  if (badPrincipal(name)) return undefined;
  if (access.users.has(name)) return { principal: name, principalType: 'User' };
  if ([...access.users.values()].some((u) => u.groups.includes(name))) return { principal: name, principalType: 'Group' };
  return undefined;
}

export const ROLE_ASSIGNMENT: Readonly<Record<string, Command>> = table<Command>({
  create: {
    args: [ASSIGNEE, { ...ROLE, required: true }, SCOPE, RG, { dest: 'assignee-object-id', options: ['--assignee-object-id'] }],
    run: (azure, a) => {
      const raw = str(a, 'assignee');
      if (raw === undefined) return failure('ERROR: usage error: --assignee STRING | --assignee-object-id GUID');
      const role = azureRole(str(a, 'role')!);
      if (!role) return failure(`ERROR: Role '${str(a, 'role')}' doesn't exist.`);
      const who = assignee(azure, raw);
      if (!who) return noAssignee(raw);
      const scope = scopeOf(azure, a);
      if (typeof scope !== 'string') return failure(`ERROR: ${scope.error}`);
      const access = azure.access!;
      const at = simDate(azure.sim.now).replace(' +0000', '+00:00').replace(' ', 'T');
      const had = access.azureAssignments.find(
        (x) => x.principal === who.principal && x.role === role.roleName && x.scope.toLowerCase() === scope.toLowerCase(),
      );
      if (had) return { result: () => assignmentObject(had, at, true) };
      const made: RoleAssignment = { id: stableUuid(`assignment:${who.principal}:${role.name}:${scope.toLowerCase()}`), ...who, role: role.roleName, scope };
      access.azureAssignments.push(made);
      access.changed();
      return { result: () => assignmentObject(made, at, false), changed: true };
    },
  },
  list: {
    args: [
      ASSIGNEE,
      ROLE,
      SCOPE,
      RG,
      { dest: 'all', options: ['--all'], kind: 'flag' },
      { dest: 'include-inherited', options: ['--include-inherited'], kind: 'flag' },
    ],
    table: (r) => (r as Record<string, string>[]).map((x) => ({ Principal: x.principalName, Role: x.roleDefinitionName, Scope: x.scope })),
    run: (azure, a) => {
      const all = flag(a, 'all');
      if (all && (str(a, 'scope') !== undefined || str(a, 'resource-group') !== undefined))
        return failure('ERROR: group or scope are not required when --all is used');
      const scope = scopeOf(azure, a);
      if (typeof scope !== 'string') return failure(`ERROR: ${scope.error}`);
      const who = str(a, 'assignee') === undefined ? undefined : assignee(azure, str(a, 'assignee')!);
      if (str(a, 'assignee') !== undefined && !who) return noAssignee(str(a, 'assignee')!);
      const role = str(a, 'role') === undefined ? undefined : azureRole(str(a, 'role')!);
      if (str(a, 'role') !== undefined && !role) return failure(`ERROR: Role '${str(a, 'role')}' doesn't exist.`);
      const inherited = flag(a, 'include-inherited');
      const at = simDate(azure.sim.now).replace(' +0000', '+00:00').replace(' ', 'T');
      const found = azure.access!.azureAssignments.filter(
        (x) =>
          (all || x.scope.toLowerCase() === scope.toLowerCase() || (inherited && scope.toLowerCase().startsWith(`${x.scope.toLowerCase()}/`))) &&
          (!who || x.principal === who.principal) &&
          (!role || x.role === role.roleName),
      );
      return { result: () => found.map((x) => assignmentObject(x, at, true)) };
    },
  },
  delete: {
    args: [ASSIGNEE, ROLE, SCOPE, RG, { dest: 'ids', options: ['--ids'], kind: 'list' }, YES],
    run: (azure, a) => {
      const access = azure.access!;
      const raw = str(a, 'assignee');
      const who = raw === undefined ? undefined : assignee(azure, raw);
      if (raw !== undefined && !who) return noAssignee(raw);
      const role = str(a, 'role') === undefined ? undefined : azureRole(str(a, 'role')!);
      if (str(a, 'role') !== undefined && !role) return failure(`ERROR: Role '${str(a, 'role')}' doesn't exist.`);
      const scope = scopeOf(azure, a);
      if (typeof scope !== 'string') return failure(`ERROR: ${scope.error}`);
      if (!who && !role && str(a, 'scope') === undefined && str(a, 'resource-group') === undefined && !flag(a, 'yes'))
        return failure('WARNING: Unable to prompt for confirmation as no tty available. Use --yes.\nERROR: Operation cancelled.');
      const gone = access.azureAssignments.filter(
        (x) => x.scope.toLowerCase() === scope.toLowerCase() && (!who || x.principal === who.principal) && (!role || x.role === role.roleName),
      );
      if (gone.length === 0) return failure('ERROR: No matched assignments were found to delete');
      access.azureAssignments = access.azureAssignments.filter((x) => !gone.includes(x));
      access.changed();
      return { result: () => null, changed: true };
    },
  },
});

export const ROLE_DEFINITION: Readonly<Record<string, Command>> = table<Command>({
  list: {
    args: [{ dest: 'name', options: ['--name', '-n'] }, { dest: 'custom-role-only', options: ['--custom-role-only'], kind: 'flag' }, SCOPE, RG],
    table: (r) => (r as Record<string, string>[]).map((x) => ({ Name: x.roleName, Type: x.type, Description: x.description })),
    run: (_azure, a) => {
      const name = str(a, 'name')?.toLowerCase();
      const found = flag(a, 'custom-role-only') ? [] : AZURE_ROLES.filter((r) => name === undefined || r.roleName.toLowerCase() === name || r.name === name);
      return { result: () => found.map(definitionObject) };
    },
  },
});
