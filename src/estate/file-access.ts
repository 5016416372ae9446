// The estate file's access section: users and their groups, vSphere's roles of a
// user's making and its permissions, Azure's role and deny assignments, the
// hosts' local groups, and the audit trail. A file without one is a new estate's
// (its administrator administers everything: access/policy.ts defaultAccess).
import * as z from 'zod';
import { AUDIT_LIMIT, type AuditEntry } from '../access/audit.js';
import { AZURE_ROLES } from '../access/azure-roles.js';
import { ADMINISTRATOR } from '../access/directory.js';
import { LOCAL_GROUP } from '../access/local-groups.js';
import { type AccessControl, type AccessState, defaultAccess } from '../access/policy.js';
import { PRIVILEGES, SYSTEM_ROLES } from '../access/vsphere-roles.js';
import type { fileValues } from './file-values.js';

export function accessSchema(v: ReturnType<typeof fileValues>) {
  const { name, text, count, ms } = v;
  const principal = z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9._:-]{0,63}$/, 'a user or group name: a letter, then letters, digits, dots, dashes, underscores or colons');
  return z.strictObject({
    users: z
      .array(z.strictObject({ name: principal, groups: z.array(principal).max(1000) }))
      .min(1)
      .max(100_000),
    vsphere: z
      .strictObject({
        roles: z.array(z.strictObject({ name, privileges: z.array(z.enum(PRIVILEGES as [string, ...string[]])).max(PRIVILEGES.length) })).max(1000),
        permissions: z.array(z.strictObject({ entity: text(1000), principal, group: z.boolean(), role: name, propagate: z.boolean() })).max(1_000_000),
      })
      .optional(),
    azure: z
      .strictObject({
        assignments: z
          .array(
            z.strictObject({
              id: z.string().regex(/^[0-9a-f-]{36}$/),
              principal,
              principalType: z.enum(['User', 'Group']),
              role: z.enum(AZURE_ROLES.map((r) => r.roleName) as [string, ...string[]]),
              scope: text(1000),
            }),
          )
          .max(1_000_000),
        denies: z
          .array(
            z.strictObject({
              name,
              principals: z.array(z.union([principal, z.literal('*')])).max(1000),
              excludePrincipals: z.array(principal).max(1000),
              actions: z.array(text(300)).max(1000),
              notActions: z.array(text(300)).max(1000),
              scope: text(1000),
              doNotApplyToChildScopes: z.boolean(),
            }),
          )
          .max(10_000),
      })
      .optional(),
    localGroups: z
      .array(z.strictObject({ host: name, group: z.enum(Object.values(LOCAL_GROUP) as [string, ...string[]]), members: z.array(principal).max(10_000) }))
      .max(1_000_000)
      .optional(),
    kubernetes: z
      .record(
        name,
        z.strictObject({
          roles: z
            .array(
              z.strictObject({
                name,
                namespace: name.optional(),
                rules: z
                  .array(
                    z.strictObject({
                      apiGroups: z.array(z.string().max(253)).max(100),
                      resources: z.array(z.string().min(1).max(253)).max(100),
                      verbs: z.array(z.string().min(1).max(64)).max(100),
                      resourceNames: z.array(z.string().min(1).max(253)).max(1000).optional(),
                    }),
                  )
                  .max(1000),
                createdAt: ms,
              }),
            )
            .max(100_000),
          bindings: z
            .array(
              z.strictObject({
                name,
                namespace: name.optional(),
                roleRef: z.strictObject({ kind: z.enum(['Role', 'ClusterRole']), name }),
                // Kubernetes' user names are whatever the authenticator says ("alice@example.com", "system:serviceaccount:..."): any printable word.
                subjects: z.array(z.strictObject({ kind: z.enum(['User', 'Group']), name: z.string().regex(/^[\x21-\x7e]{1,253}$/) })).max(1000),
                createdAt: ms,
              }),
            )
            .max(100_000),
        }),
      )
      .optional(),
    audit: z
      .strictObject({
        count,
        entries: z
          .array(
            z.strictObject({
              at: ms,
              user: principal,
              as: text(2000),
              command: text(10_000),
              object: text(2000),
              result: z.enum(['succeeded', 'failed', 'denied']),
              detail: text(10_000),
              correlationId: z.string().regex(/^[0-9a-f-]{36}$/),
              changed: z.boolean(),
            }),
          )
          .max(AUDIT_LIMIT),
      })
      .optional(),
  });
}

type AccessFile = z.output<ReturnType<typeof accessSchema>>;

/** The section as a file keeps it; none for a new estate's access, with nothing in its audit trail. */
export function accessToFile(access: AccessControl, subscription: string): AccessFile | undefined {
  const s = access.state();
  if (access.audit.count === 0 && JSON.stringify(s) === JSON.stringify(defaultAccess(subscription))) return undefined;
  return {
    users: s.users.map((u) => ({ name: u.name, groups: [...u.groups] })),
    vsphere: {
      roles: s.vsphere.roles.map((r) => ({ name: r.name, privileges: [...r.privileges] })),
      permissions: s.vsphere.permissions.map((p) => ({ ...p })),
    },
    azure: {
      assignments: s.azure.assignments.map((a) => ({ ...a })),
      denies: s.azure.denies.map((d) => ({
        ...d,
        principals: [...d.principals],
        excludePrincipals: [...d.excludePrincipals],
        actions: [...d.actions],
        notActions: [...d.notActions],
      })),
    },
    localGroups: s.localGroups.map((g) => ({ ...g, members: [...g.members] })),
    ...(s.kubernetes ? { kubernetes: structuredClone(s.kubernetes) as AccessFile['kubernetes'] } : {}),
    ...(access.audit.entries.length > 0 ? { audit: { count: access.audit.count, entries: access.audit.entries.map((e) => ({ ...e })) } } : {}),
  };
}

/** Puts a file's section into an estate's access control: the problems with it, if any (then nothing is changed). */
export function loadAccess(access: AccessControl, f: AccessFile | undefined): string[] {
  if (!f) return [];
  const problems: string[] = [];
  const users = new Set<string>();
  f.users.forEach((u, i) => {
    if (users.has(u.name)) problems.push(`access.users[${i}].name: ${u.name} is listed twice`);
    users.add(u.name);
  });
  if (!users.has(ADMINISTRATOR)) problems.push(`access.users: ${ADMINISTRATOR}, the estate's own administrator, is not among them`);
  // A group is a name users are put in: one nobody is in now may still hold permissions (they grant no one anything).
  const known = (p: string, group: boolean) => group || users.has(p);
  const roles = new Set([...SYSTEM_ROLES.map((r) => r.name), ...(f.vsphere?.roles ?? []).map((r) => r.name)]);
  (f.vsphere?.roles ?? []).forEach((r, i) => {
    if (SYSTEM_ROLES.some((s) => s.name === r.name)) problems.push(`access.vsphere.roles[${i}].name: ${r.name} is a system role`);
  });
  (f.vsphere?.permissions ?? []).forEach((p, i) => {
    if (!roles.has(p.role)) problems.push(`access.vsphere.permissions[${i}].role: no role ${p.role}`);
    if (!known(p.principal, p.group)) problems.push(`access.vsphere.permissions[${i}].principal: no ${p.group ? 'group' : 'user'} ${p.principal}`);
  });
  (f.azure?.assignments ?? []).forEach((a, i) => {
    if (!known(a.principal, a.principalType === 'Group'))
      problems.push(`access.azure.assignments[${i}].principal: no ${a.principalType === 'Group' ? 'group' : 'user'} ${a.principal}`);
  });
  if (problems.length > 0) return problems;
  const state: AccessState = {
    users: f.users,
    vsphere: f.vsphere ?? { roles: [], permissions: [] },
    azure: f.azure ?? { assignments: [], denies: [] },
    localGroups: f.localGroups ?? [],
    ...(f.kubernetes ? { kubernetes: f.kubernetes } : {}),
  };
  access.load(state);
  if (f.audit) access.audit.load(f.audit.entries as AuditEntry[], f.audit.count);
  return [];
}
