// Whose vSphere permission decides what a user may do to an object, by the
// rules of the vSphere Security guide ("Hierarchical Inheritance of
// Permissions", "Multiple Permission Settings" and its Examples 1-3) and the
// AuthorizationManager API reference:
//  - a permission reaches an object's descendants only when it propagates;
//  - walking up from the object, the closest level where any of the user's
//    principals has a permission decides, whoever's it is (a child's permission
//    overrides the parent's, Example 2);
//  - on that level the user's own permission beats every group's (Example 3);
//    with none, the groups' roles add up (Example 1);
//  - No access holds no privilege, so when it decides it masks all above it;
//  - a VM has two parents, its VM folder and its cluster (or host), and what
//    each path gives is added (6.5 guide: "the permissions on one object are
//    added to the permissions on the other object").
import { roleHolds, type VsphereRole } from './vsphere-roles.js';

export interface VspherePermission {
  /** The inventory path it is set on ("/", "/dc-east", "/dc-east/host/vsphere-prod", "/dc-east/vm/web-01"). */
  readonly entity: string;
  readonly principal: string;
  readonly group: boolean;
  /** Its role's name. */
  readonly role: string;
  readonly propagate: boolean;
}

/** What one path up from the object gave: the permissions that decided, where, and by which rule. */
interface PathResult {
  readonly level?: string;
  readonly decided: readonly VspherePermission[];
  /** "on X itself" or "inherited from X". */
  readonly where: string;
  /** Which rule picked them, or '' for a single permission. */
  readonly rule: string;
}

export interface VsphereVerdict {
  readonly allowed: boolean;
  /** The permissions that decided, over every path. */
  readonly decided: readonly VspherePermission[];
  /** The derivation, one line a step. */
  readonly because: readonly string[];
}

const describe = (p: VspherePermission) => `${p.group ? 'group' : 'user'} ${p.principal}'s ${p.role}`;

function walk(perms: readonly VspherePermission[], user: string, groups: ReadonlySet<string>, chain: readonly string[]): PathResult {
  for (const [i, level] of chain.entries()) {
    const here = perms.filter((p) => p.entity === level && (i === 0 || p.propagate) && (p.group ? groups.has(p.principal) : p.principal === user));
    if (here.length === 0) continue;
    const own = here.find((p) => !p.group);
    const where = i === 0 ? `on ${level} itself` : `inherited from ${level}`;
    if (own) {
      const beaten = here.length - 1;
      return { level, decided: [own], where, rule: beaten > 0 ? `the user's own beats its groups' there` : '' };
    }
    return { level, decided: here, where, rule: here.length > 1 ? 'the groups there add up' : '' };
  }
  return { decided: [], where: '', rule: 'no permission on the way up to the root' };
}

/**
 * Whether `user` (in `groups`) holds `privilege` on an object reached by `chains`: each chain runs from the
 * object itself up to the root folder ("/"); a VM has two (its VM folder's and its cluster's).
 */
export function vspherePrivilege(
  perms: readonly VspherePermission[],
  roles: (name: string) => VsphereRole | undefined,
  user: string,
  groups: ReadonlySet<string>,
  privilege: string,
  chains: readonly (readonly string[])[],
): VsphereVerdict {
  const because: string[] = [];
  const decided: VspherePermission[] = [];
  let allowed = false;
  const seen = new Set<string>();
  for (const chain of chains) {
    const r = walk(perms, user, groups, chain);
    const key = r.decided.map((p) => `${describe(p)}@${p.entity}`).join('|') || r.rule;
    if (seen.has(key)) continue;
    seen.add(key);
    if (r.decided.length === 0) {
      because.push(`${chain.join(' <- ')}: ${r.rule}`);
      continue;
    }
    const holders = r.decided.filter((p) => {
      const role = roles(p.role);
      return role !== undefined && roleHolds(role, privilege);
    });
    const masked = r.decided.every((p) => roles(p.role)?.privileges.length === 0);
    const verdict = holders.length > 0 ? `grants ${privilege}` : masked ? `No access masks all granted above ${r.level}` : `does not hold ${privilege}`;
    because.push(`${r.where}: ${r.decided.map(describe).join(' + ')}${r.rule ? ` (${r.rule})` : ''}: ${verdict}`);
    decided.push(...r.decided);
    if (holders.length > 0) allowed = true;
  }
  if (chains.length > 1 && seen.size > 1) because.push(`a VM's two parents add up: ${allowed ? 'one of them grants it' : 'neither grants it'}`);
  return { allowed, decided, because };
}
