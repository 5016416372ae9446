// The policy point: who the console, exec, tapes and scenarios act as, and
// whether that user may do what a command asks. Every command path asks here
// before it changes or shows anything (providers/access/authorize.ts turns a
// native command line into the requests below); each platform's own rules
// decide: vSphere's permissions, Azure's role and deny assignments, a host's
// local groups (Hyper-V, libvirt, Docker), Kubernetes' system:masters.
// --readonly is a built-in role on top of whoever acts: it lets every request
// that only looks through, and none that changes.
import { AuditTrail } from './audit.js';
import { azureAccess, type DenyAssignment, type RoleAssignment } from './azure-rbac.js';
import { ADMINISTRATOR, ADMINISTRATORS, type User } from './directory.js';
import { type ClusterRbac, type RbacRequest, rbacDecide } from './kubernetes-rbac.js';
import { LOCAL_GROUP, type LocalGroup, type LocalPlatform, localMembership } from './local-groups.js';
import { type VspherePermission, vspherePrivilege } from './vsphere-permissions.js';
import { customRole, SYSTEM_ROLES, type VsphereRole } from './vsphere-roles.js';

/** The Kubernetes group whose members are cluster-admin everywhere (the ClusterRoleBinding cluster-admin binds it). */
export const KUBERNETES_MASTERS = 'system:masters';

export type AccessRequest =
  | { readonly kind: 'vsphere'; readonly privilege: string; readonly entity: string; readonly chains: readonly (readonly string[])[] }
  | { readonly kind: 'azure'; readonly action: string; readonly scope: string }
  | { readonly kind: 'local'; readonly platform: LocalPlatform; readonly host: string }
  | ({ readonly kind: 'kubernetes'; readonly cluster: string } & RbacRequest)
  | { readonly kind: 'hyperpane'; readonly what: string };

export interface Decision {
  readonly allowed: boolean;
  /** What allowed it (a role and where it is granted), or what was missing. */
  readonly as: string;
  /** The derivation, a line a step. */
  readonly because: readonly string[];
}

/** What an estate file keeps of access control. */
export interface AccessState {
  readonly users: readonly User[];
  readonly vsphere: { readonly roles: readonly { name: string; privileges: readonly string[] }[]; readonly permissions: readonly VspherePermission[] };
  readonly azure: { readonly assignments: readonly RoleAssignment[]; readonly denies: readonly DenyAssignment[] };
  readonly localGroups: readonly LocalGroup[];
  /** Each Kubernetes cluster's Roles, ClusterRoles and bindings of a user's making (the bootstrap ones are always there). */
  readonly kubernetes?: Readonly<Record<string, ClusterRbac>>;
}

/** A new estate's access: its administrator, in Administrators, administers every platform. */
export function defaultAccess(subscription: string): AccessState {
  return {
    users: [{ name: ADMINISTRATOR, groups: [ADMINISTRATORS, KUBERNETES_MASTERS] }],
    vsphere: { roles: [], permissions: [{ entity: '/', principal: ADMINISTRATORS, group: true, role: 'Admin', propagate: true }] },
    azure: {
      assignments: [
        { id: '00000000-0000-4000-a000-000000000001', principal: ADMINISTRATOR, principalType: 'User', role: 'Owner', scope: `/subscriptions/${subscription}` },
      ],
      denies: [],
    },
    localGroups: (Object.keys(LOCAL_GROUP) as LocalPlatform[]).map((p) => ({ host: '*', group: LOCAL_GROUP[p], members: [ADMINISTRATORS] })),
  };
}

export class AccessControl {
  users = new Map<string, User>();
  /** vSphere's roles of a user's making (the system ones are always there). */
  vsphereRoles = new Map<string, VsphereRole>();
  vspherePermissions: VspherePermission[] = [];
  azureAssignments: RoleAssignment[] = [];
  azureDenies: DenyAssignment[] = [];
  localGroups: LocalGroup[] = [];
  /** Kubernetes RBAC by cluster. */
  kubernetes = new Map<string, ClusterRbac>();
  readonly audit = new AuditTrail();
  /** Who signed in (--as, or the estate's administrator): whose right to act as another decides :as. */
  signedIn = ADMINISTRATOR;
  /** Who acts: the signed-in user, or whom they act as (:as, Set User). */
  actor = ADMINISTRATOR;
  /** --readonly: nothing that changes is allowed, whoever acts. */
  readOnly = false;
  /** Counts changes to who may do what, for views that show only what the actor may see. */
  version = 0;

  constructor(state: AccessState) {
    this.load(state);
  }

  load(state: AccessState): void {
    this.users = new Map(state.users.map((u) => [u.name, { name: u.name, groups: [...u.groups] }]));
    this.vsphereRoles = new Map(state.vsphere.roles.map((r, i) => [r.name, customRole(i + 1000, r.name, r.privileges)]));
    this.vspherePermissions = state.vsphere.permissions.map((p) => ({ ...p }));
    this.azureAssignments = state.azure.assignments.map((a) => ({ ...a }));
    this.azureDenies = state.azure.denies.map((d) => ({ ...d }));
    this.localGroups = state.localGroups.map((g) => ({ ...g, members: [...g.members] }));
    this.kubernetes = new Map(
      Object.entries(state.kubernetes ?? {}).map(([c, r]) => [c, { roles: r.roles.map((x) => ({ ...x })), bindings: r.bindings.map((x) => ({ ...x })) }]),
    );
    this.version++;
  }

  /** A cluster's RBAC objects of a user's making (made empty when first asked for). */
  rbacOf(cluster: string): ClusterRbac {
    let r = this.kubernetes.get(cluster);
    if (!r) this.kubernetes.set(cluster, (r = { roles: [], bindings: [] }));
    return r;
  }

  state(): AccessState {
    return {
      users: [...this.users.values()].map((u) => ({ name: u.name, groups: [...u.groups] })),
      vsphere: {
        roles: [...this.vsphereRoles.values()].map((r) => ({ name: r.name, privileges: (r.privileges as string[]).filter((p) => !p.startsWith('System.')) })),
        permissions: this.vspherePermissions.map((p) => ({ ...p })),
      },
      azure: { assignments: this.azureAssignments.map((a) => ({ ...a })), denies: this.azureDenies.map((d) => ({ ...d })) },
      localGroups: this.localGroups.map((g) => ({ ...g, members: [...g.members] })),
      ...([...this.kubernetes.values()].some((r) => r.roles.length + r.bindings.length > 0)
        ? {
            kubernetes: Object.fromEntries(
              [...this.kubernetes]
                .filter(([, r]) => r.roles.length + r.bindings.length > 0)
                .map(([c, r]) => [c, { roles: [...r.roles], bindings: [...r.bindings] }]),
            ),
          }
        : {}),
    };
  }

  /** Signs in as a user (--as): why not, or undefined. */
  signIn(user: string): string | undefined {
    if (!this.users.has(user)) return `no user ${user} in this estate (its users: ${[...this.users.keys()].join(', ')})`;
    this.signedIn = user;
    this.actor = user;
    this.version++;
    return undefined;
  }

  /**
   * Acts as another user (:as, Set User, exec's "as USER"), as an administrator impersonates one (vCenter's
   * Sessions.ImpersonateUser, kubectl --as's impersonate verb): only a signed-in member of Administrators may
   * act as someone else; anyone may go back to being themselves. Why not, or undefined.
   */
  actAs(user: string): string | undefined {
    if (!this.users.has(user)) return `no user ${user} in this estate (its users: ${[...this.users.keys()].join(', ')})`;
    if (user !== this.signedIn && !this.administers(this.signedIn))
      return `${this.signedIn} may not act as ${user}: only members of ${ADMINISTRATORS} may act as another user`;
    this.actor = user;
    this.version++;
    return undefined;
  }

  changed(): void {
    this.version++;
  }

  /** A vSphere role by its API name (a system one or a user's). */
  vsphereRole(name: string): VsphereRole | undefined {
    return SYSTEM_ROLES.find((r) => r.name === name) ?? this.vsphereRoles.get(name);
  }

  groupsOf(user: string): ReadonlySet<string> {
    return new Set(this.users.get(user)?.groups ?? []);
  }

  /** Whether the actor is in Administrators and acts with no --readonly: the estate's own administrator. */
  administers(user = this.actor): boolean {
    return this.groupsOf(user).has(ADMINISTRATORS);
  }

  /** Whether the actor may do what a request asks; `changes` says whether the command changes the estate. */
  check(request: AccessRequest, changes: boolean): Decision {
    if (this.readOnly && changes)
      return { allowed: false, as: 'Read-only (--readonly)', because: ['started with --readonly: nothing that changes the estate'] };
    return this.decide(this.actor, request);
  }

  /** Whether `user` may do what a request asks, and why (the :access explanation). */
  decide(user: string, request: AccessRequest): Decision {
    if (!this.users.has(user)) return { allowed: false, as: 'no such user', because: [`${user} is not a user of this estate`] };
    const groups = this.groupsOf(user);
    switch (request.kind) {
      case 'vsphere': {
        const v = vspherePrivilege(this.vspherePermissions, (n) => this.vsphereRole(n), user, groups, request.privilege, request.chains);
        const granting = v.decided.find((p) => {
          const r = this.vsphereRole(p.role);
          return r && (r.privileges === 'all' || r.privileges.includes(request.privilege));
        });
        return {
          allowed: v.allowed,
          as: granting ? `${granting.role} on ${granting.entity}` : `no ${request.privilege} on ${request.entity}`,
          because: v.because,
        };
      }
      case 'azure': {
        const v = azureAccess(this.azureAssignments, this.azureDenies, user, groups, request.action, request.scope);
        return {
          allowed: v.allowed,
          as: v.granting ? `${v.granting.role} at ${v.granting.scope}` : `no ${request.action} over ${request.scope}`,
          because: v.because,
        };
      }
      case 'local': {
        const group = LOCAL_GROUP[request.platform];
        const m = localMembership(this.localGroups, user, groups, request.host, group);
        return m
          ? {
              allowed: true,
              as: `${group} on ${request.host}`,
              because: [
                `${m.through === user ? 'the user is' : `through group ${m.through}, the user is`} in ${group} on ${m.entry.host === '*' ? 'every host' : m.entry.host}: all or nothing on that host`,
              ],
            }
          : {
              allowed: false,
              as: `not in ${group} on ${request.host}`,
              because: [`the user is not in ${group} on ${request.host}, and nothing less than that group lets one manage it`],
            };
      }
      case 'kubernetes': {
        const v = rbacDecide(this.rbacOf(request.cluster), user, groups, request);
        const what = `${request.verb} ${request.resource}${request.group ? `.${request.group}` : ''}${request.namespace ? ` in ${request.namespace}` : ' at the cluster scope'}`;
        return v.allowed
          ? { allowed: true, as: v.reason.replace(/^RBAC: allowed by /, ''), because: [v.reason] }
          : {
              allowed: false,
              as: `no RBAC rule allows ${what}`,
              because: [`no binding of the user or its groups grants ${what} (RBAC has no deny: only what is bound is allowed)`, ...v.errors],
            };
      }
      case 'hyperpane':
        return groups.has(ADMINISTRATORS)
          ? { allowed: true, as: ADMINISTRATORS, because: [`the user is in ${ADMINISTRATORS}, who run hyperpane's own commands`] }
          : { allowed: false, as: `not in ${ADMINISTRATORS}`, because: [`only members of ${ADMINISTRATORS} may ${request.what}`] };
    }
  }
}
