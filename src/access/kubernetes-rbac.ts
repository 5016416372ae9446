// Kubernetes RBAC, as the API server's authorizer decides it (kubernetes/website
// docs/reference/access-authn-authz/rbac.md; plugin/pkg/auth/authorizer/rbac/
// rbac.go): rules are purely additive, no deny; a Role grants within its
// namespace, a ClusterRole cluster-wide through a ClusterRoleBinding or within
// one namespace through a RoleBinding; a rule allows when its verbs, API groups
// and resources (and resourceNames, when it has any) match, "*" matching all.
// The bootstrap roles a cluster comes with: cluster-admin, bound to the group
// system:masters (bootstrappolicy/policy.go), and the user-facing admin, edit
// and view, over the resources this simulation serves, as rbac.md's table
// describes them (view: read most objects, not secrets nor roles; edit: change
// them too, not roles or bindings; admin: edit and roles and bindings in a
// namespace, not the namespace itself nor quotas).

export interface PolicyRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames?: readonly string[];
}

export interface RbacRole {
  readonly name: string;
  /** A Role's namespace; none for a ClusterRole. */
  readonly namespace?: string;
  readonly rules: readonly PolicyRule[];
  readonly createdAt: number;
}

export interface RbacSubject {
  readonly kind: 'User' | 'Group';
  readonly name: string;
}

export interface RbacBinding {
  readonly name: string;
  /** A RoleBinding's namespace; none for a ClusterRoleBinding. */
  readonly namespace?: string;
  readonly roleRef: { readonly kind: 'Role' | 'ClusterRole'; readonly name: string };
  readonly subjects: readonly RbacSubject[];
  readonly createdAt: number;
}

export interface ClusterRbac {
  roles: RbacRole[];
  bindings: RbacBinding[];
}

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'update', 'patch', 'delete', 'deletecollection'];
const WORKLOADS: readonly PolicyRule[] = [
  { apiGroups: [''], resources: ['pods', 'pods/log', 'services', 'endpoints', 'events'], verbs: READ },
  { apiGroups: ['apps'], resources: ['deployments', 'deployments/scale', 'replicasets'], verbs: READ },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: READ },
];
const withVerbs = (rules: readonly PolicyRule[], verbs: readonly string[]) => rules.map((r) => ({ ...r, verbs: [...r.verbs, ...verbs] }));
const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** The cluster roles every cluster has (bootstrapping=rbac-defaults). */
export const DEFAULT_CLUSTER_ROLES: readonly RbacRole[] = [
  { name: 'cluster-admin', rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }], createdAt: 0 },
  {
    name: 'admin',
    rules: [...withVerbs(WORKLOADS, WRITE), { apiGroups: [RBAC_GROUP], resources: ['roles', 'rolebindings'], verbs: [...READ, ...WRITE] }],
    createdAt: 0,
  },
  { name: 'edit', rules: withVerbs(WORKLOADS, WRITE), createdAt: 0 },
  { name: 'view', rules: WORKLOADS, createdAt: 0 },
];

/** The binding every cluster has: cluster-admin to system:masters. */
export const DEFAULT_BINDINGS: readonly RbacBinding[] = [
  { name: 'cluster-admin', roleRef: { kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ kind: 'Group', name: 'system:masters' }], createdAt: 0 },
];

export interface RbacRequest {
  readonly verb: string;
  /** The API group ('' for the core group). */
  readonly group: string;
  /** The resource, with its subresource ("deployments/scale"). */
  readonly resource: string;
  readonly namespace?: string;
  readonly name?: string;
}

const has = (list: readonly string[], x: string) => list.includes('*') || list.includes(x);

/** RuleAllows: verb, API group, resource (or resource/subresource) and name all match. */
export function ruleAllows(rule: PolicyRule, r: RbacRequest): boolean {
  if (!has(rule.verbs, r.verb) || !has(rule.apiGroups, r.group)) return false;
  if (!has(rule.resources, r.resource) && !(r.resource.includes('/') && rule.resources.includes(`*/${r.resource.split('/')[1]}`))) return false;
  return !rule.resourceNames?.length || (r.name !== undefined && rule.resourceNames.includes(r.name));
}

export interface RbacVerdict {
  readonly allowed: boolean;
  /** "RBAC: allowed by ClusterRoleBinding "cluster-admin" of ClusterRole "cluster-admin" to Group "system:masters"" (rbac.go's reason). */
  readonly reason: string;
  /** A binding whose role is not there: RBAC's resolution error. */
  readonly errors: readonly string[];
}

export function rbacDecide(rbac: ClusterRbac, user: string, groups: ReadonlySet<string>, r: RbacRequest): RbacVerdict {
  const errors: string[] = [];
  const roles = [...DEFAULT_CLUSTER_ROLES, ...rbac.roles];
  for (const b of [...DEFAULT_BINDINGS, ...rbac.bindings]) {
    // A RoleBinding grants only in its namespace; a ClusterRoleBinding everywhere.
    if (b.namespace !== undefined && b.namespace !== r.namespace) continue;
    const subject = b.subjects.find((s) => (s.kind === 'User' ? s.name === user : groups.has(s.name)));
    if (!subject) continue;
    const role = roles.find((x) => x.name === b.roleRef.name && (b.roleRef.kind === 'ClusterRole' ? x.namespace === undefined : x.namespace === b.namespace));
    if (!role) {
      errors.push(`${b.roleRef.kind === 'Role' ? 'role' : 'clusterrole'}.rbac.authorization.k8s.io "${b.roleRef.name}" not found`);
      continue;
    }
    if (role.rules.some((rule) => ruleAllows(rule, r))) {
      const kind = b.namespace === undefined ? 'ClusterRoleBinding' : 'RoleBinding';
      return {
        allowed: true,
        reason: `RBAC: allowed by ${kind} "${b.name}${b.namespace ? `/${b.namespace}` : ''}" of ${b.roleRef.kind} "${b.roleRef.name}" to ${subject.kind} "${subject.name}"`,
        errors,
      };
    }
  }
  return { allowed: false, reason: errors.length > 0 ? `RBAC: ${errors.join(', ')}` : '', errors };
}
