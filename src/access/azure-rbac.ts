// Whether Azure RBAC lets a principal perform an action over a scope, in the
// order Azure Resource Manager decides it (azure-docs role-based-access-control
// overview.md, "How Azure RBAC determines if a user has access to a resource"):
// a deny assignment that applies blocks first; then the role assignments of the
// user and of its groups at the scope or any scope above it (management group,
// subscription, resource group, resource: "Lower levels inherit role
// permissions from higher levels", scope-overview.md) add up, each giving its
// role's Actions minus its NotActions ("NotActions is not a deny": another
// assignment may still grant it).
import { type AzureRole, azureRole } from './azure-roles.js';

export interface RoleAssignment {
  /** The assignment's GUID (the last segment of its id). */
  readonly id: string;
  readonly principal: string;
  /** The principal's type, as az shows it (User, Group). */
  readonly principalType: 'User' | 'Group';
  readonly role: string;
  readonly scope: string;
}

/** A deny assignment (made by Azure for managed apps, Blueprints and deployment stacks: no az command makes one). */
export interface DenyAssignment {
  readonly name: string;
  /** Principals it applies to; '*' for all (the empty GUID, "SystemDefined"). */
  readonly principals: readonly string[];
  readonly excludePrincipals: readonly string[];
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly scope: string;
  /** DoNotApplyToChildScopes. */
  readonly doNotApplyToChildScopes: boolean;
}

/** The tenant root management group every subscription is under (its id is the tenant's). */
export const ROOT_MANAGEMENT_GROUP = '/providers/Microsoft.Management/managementGroups/72f988bf-0000-0000-0000-000000000000';

/** Whether an action pattern ("Microsoft.Compute/*", "*\/read") matches an action; case does not matter. */
export function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  );
  return re.test(action);
}

/** Whether an assignment at `above` reaches `scope` (itself or a scope below it); a management group reaches its subscriptions. */
export function scopeCovers(above: string, scope: string): boolean {
  const a = above.toLowerCase().replace(/\/+$/, '');
  const s = scope.toLowerCase().replace(/\/+$/, '');
  if (a === ROOT_MANAGEMENT_GROUP.toLowerCase()) return s.startsWith('/subscriptions/') || s === a;
  if (a === '' || a === '/') return true;
  return s === a || s.startsWith(`${a}/`);
}

/** Whether a role grants an action (its Actions minus its NotActions). */
export function roleGrants(role: AzureRole, action: string): boolean {
  return role.actions.some((p) => actionMatches(p, action)) && !role.notActions.some((p) => actionMatches(p, action));
}

export interface AzureVerdict {
  readonly allowed: boolean;
  readonly granting?: RoleAssignment;
  readonly because: readonly string[];
}

export function azureAccess(
  assignments: readonly RoleAssignment[],
  denies: readonly DenyAssignment[],
  user: string,
  groups: ReadonlySet<string>,
  action: string,
  scope: string,
): AzureVerdict {
  const mine = (p: string) => p === user || groups.has(p);
  for (const d of denies) {
    const reaches = d.doNotApplyToChildScopes ? d.scope.toLowerCase() === scope.toLowerCase() : scopeCovers(d.scope, scope);
    const applies = (d.principals.includes('*') || d.principals.some(mine)) && !d.excludePrincipals.some(mine);
    if (reaches && applies && d.actions.some((p) => actionMatches(p, action)) && !d.notActions.some((p) => actionMatches(p, action)))
      return { allowed: false, because: [`deny assignment ${d.name} at ${d.scope} blocks ${action}: deny assignments are checked first`] };
  }
  const because: string[] = [];
  for (const a of assignments) {
    if (!mine(a.principal) || !scopeCovers(a.scope, scope)) continue;
    const role = azureRole(a.role);
    const who = a.principal === user ? 'the user' : `group ${a.principal}`;
    const where = a.scope.toLowerCase() === scope.toLowerCase() ? `at ${a.scope}` : `inherited from ${a.scope}`;
    if (role && roleGrants(role, action)) return { allowed: true, granting: a, because: [...because, `${who}'s ${a.role} ${where} grants ${action}`] };
    because.push(
      `${who}'s ${a.role} ${where} does not grant ${action}${role?.notActions.some((p) => actionMatches(p, action)) ? ' (its NotActions take it out)' : ''}`,
    );
  }
  if (because.length === 0) because.push(`no role assignment of the user or its groups at ${scope} or above`);
  return { allowed: false, because };
}
