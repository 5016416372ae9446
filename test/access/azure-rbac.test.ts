// Azure RBAC's rules, table by table, from azure-docs role-based-access-control:
// overview.md ("additive model": Contributor at the subscription and Reader on a
// group is Contributor; deny assignments are checked first, step 4 of "How Azure
// RBAC determines if a user has access"), scope-overview.md (lower levels inherit
// from higher ones; management group, subscription, resource group, resource),
// role-definitions.md (Actions minus NotActions; wildcards), and the built-in
// roles' published definitions (built-in-roles/*.md).
import { describe, expect, it } from 'vitest';
import {
  actionMatches,
  azureAccess,
  type DenyAssignment,
  ROOT_MANAGEMENT_GROUP,
  type RoleAssignment,
  roleGrants,
  scopeCovers,
} from '../../src/access/azure-rbac.js';
import { azureRole } from '../../src/access/azure-roles.js';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const RG = `${SUB}/resourceGroups/dev-rg`;
const VM = `${RG}/providers/Microsoft.Compute/virtualMachines/app-1`;
const OTHER = `${SUB}/resourceGroups/prod-rg/providers/Microsoft.Compute/virtualMachines/db-1`;
const START = 'Microsoft.Compute/virtualMachines/start/action';
const READ = 'Microsoft.Compute/virtualMachines/read';
const ASSIGN = 'Microsoft.Authorization/roleAssignments/write';
const a = (principal: string, role: string, scope: string, principalType: 'User' | 'Group' = 'User'): RoleAssignment => ({
  id: '00000000-0000-4000-a000-000000000000',
  principal,
  principalType,
  role,
  scope,
});
const allowed = (as: RoleAssignment[], user: string, groups: string[], action: string, scope: string, denies: DenyAssignment[] = []) =>
  azureAccess(as, denies, user, new Set(groups), action, scope).allowed;

describe('Azure RBAC', () => {
  it('a developer deploys to one resource group and reads the rest (Contributor there, Reader at the subscription)', () => {
    const as = [a('dev', 'Contributor', RG), a('dev', 'Reader', SUB)];
    const table: [string, string, boolean][] = [
      [START, VM, true],
      [READ, VM, true],
      ['Microsoft.Compute/virtualMachines/write', VM, true],
      [READ, OTHER, true],
      [START, OTHER, false],
      ['Microsoft.Compute/virtualMachines/delete', OTHER, false],
    ];
    for (const [action, scope, want] of table) expect([action, scope, allowed(as, 'dev', [], action, scope)]).toEqual([action, scope, want]);
  });

  it('is additive: Contributor at the subscription and Reader on a group is Contributor there', () => {
    expect(allowed([a('u', 'Contributor', SUB), a('u', 'Reader', RG)], 'u', [], START, VM)).toBe(true);
  });

  it('NotActions take actions out of a role, but another assignment may grant them (NotActions is not a deny)', () => {
    expect(allowed([a('u', 'Contributor', SUB)], 'u', [], ASSIGN, RG)).toBe(false);
    expect(allowed([a('u', 'Contributor', SUB), a('u', 'User Access Administrator', RG)], 'u', [], ASSIGN, RG)).toBe(true);
  });

  it("a group's assignment reaches its members", () => {
    expect(
      allowed([a('helpdesk', 'Virtual Machine Contributor', RG, 'Group')], 'u', ['helpdesk'], 'Microsoft.Compute/virtualMachines/restart/action', VM),
    ).toBe(true);
    expect(allowed([a('helpdesk', 'Virtual Machine Contributor', RG, 'Group')], 'u', [], 'Microsoft.Compute/virtualMachines/restart/action', VM)).toBe(false);
  });

  it('Virtual Machine Contributor manages VMs but not networks or access', () => {
    const role = azureRole('Virtual Machine Contributor')!;
    expect(roleGrants(role, 'Microsoft.Compute/virtualMachines/deallocate/action')).toBe(true);
    expect(roleGrants(role, 'Microsoft.Network/virtualNetworks/write')).toBe(false);
    expect(roleGrants(role, 'Microsoft.Network/virtualNetworks/subnets/join/action')).toBe(true);
    expect(roleGrants(role, ASSIGN)).toBe(false);
  });

  it('a management group reaches its subscriptions; a resource group does not reach its neighbours', () => {
    expect(scopeCovers(ROOT_MANAGEMENT_GROUP, VM)).toBe(true);
    expect(scopeCovers(RG, VM)).toBe(true);
    expect(scopeCovers(RG, `${SUB}/resourceGroups/dev-rg2`)).toBe(false);
    expect(scopeCovers(SUB.toUpperCase(), VM)).toBe(true);
    expect(allowed([a('u', 'Reader', ROOT_MANAGEMENT_GROUP)], 'u', [], READ, OTHER)).toBe(true);
  });

  it('deny assignments are checked first, and may leave out principals or child scopes', () => {
    const deny: DenyAssignment = {
      name: 'locked-by-managed-app',
      principals: ['*'],
      excludePrincipals: ['owner'],
      actions: ['*/delete'],
      notActions: [],
      scope: RG,
      doNotApplyToChildScopes: false,
    };
    const as = [a('u', 'Owner', SUB), a('owner', 'Owner', SUB)];
    expect(allowed(as, 'u', [], 'Microsoft.Compute/virtualMachines/delete', VM, [deny])).toBe(false);
    expect(allowed(as, 'u', [], START, VM, [deny])).toBe(true);
    expect(allowed(as, 'owner', [], 'Microsoft.Compute/virtualMachines/delete', VM, [deny])).toBe(true);
    expect(allowed(as, 'u', [], 'Microsoft.Compute/virtualMachines/delete', VM, [{ ...deny, doNotApplyToChildScopes: true }])).toBe(true);
    expect(azureAccess(as, [deny], 'u', new Set(), 'Microsoft.Compute/virtualMachines/delete', VM).because[0]).toMatch(/checked first/);
  });

  it('matches actions with wildcards, whatever their case', () => {
    expect(actionMatches('*/read', READ)).toBe(true);
    expect(actionMatches('Microsoft.Authorization/*/Write', ASSIGN)).toBe(true);
    expect(actionMatches('Microsoft.Compute/*', 'Microsoft.Network/virtualNetworks/read')).toBe(false);
  });
});
