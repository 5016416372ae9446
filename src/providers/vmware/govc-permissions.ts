// govc's roles and permissions commands, in govc's words (govmomi
// cli/permissions/*.go, cli/role/*.go, govc/USAGE.md): role.ls lists API names
// and summaries with no header, or one role's privileges one a line, sorted;
// permissions.ls prints Role, Entity, Principal, Propagate (tabwriter minwidth
// 2, padding 2); permissions.set defaults to -role Admin -propagate=true and,
// like SetEntityPermissions, replaces the principal's permission on the entity;
// an unknown role is `role "NAME" not found` (object/authorization_manager.go).
// Principals print as vCenter stores them, DOMAIN\name.
import { badPrincipal, principalName, SSO_DOMAIN } from '../../access/directory.js';
import type { VspherePermission } from '../../access/vsphere-permissions.js';
import { customRole, PRIVILEGES, SYSTEM_ROLES } from '../../access/vsphere-roles.js';
import { table } from '../../core/own.js';
import { bool, type ParsedFlags, str } from '../cli/flags.js';
import { goTabwriter, runeCount } from '../cli/table.js';
import { failure, isExecResult, output } from '../exec-result.js';
import type { VmwareDriver } from './driver.js';
import type { Cmd } from './govc-common.js';
import { usage } from './govc-common.js';
import { type Entity, entityAt } from './inventory-paths.js';

const PERMISSION_FLAGS = {
  principal: { type: 'string' },
  group: { type: 'boolean' },
  i: { type: 'boolean', ignored: true },
  dc: { type: 'string', ignored: true },
} as const;

/** NotFound's faultstring (govc/test/session.bats). */
const NOT_FOUND = 'govc: ServerFaultCode: The object or item referred to could not be found.';

const shown = (p: VspherePermission) => `${SSO_DOMAIN}\\${p.principal}`;

function permissionTable(rows: readonly VspherePermission[]): string {
  const lines = [['Role', 'Entity', 'Principal', 'Propagate'], ...rows.map((p) => [p.role, p.entity, shown(p), p.propagate ? 'Yes' : 'No'])];
  return goTabwriter(lines, { minWidth: 2, padding: 2, width: runeCount });
}

/** The permissions defined on a path, then (with -a) those its ancestors pass down to it, nearest first. */
function onAndAbove(vmw: VmwareDriver, path: string, chains: readonly (readonly string[])[], inherited: boolean): VspherePermission[] {
  const perms = vmw.access!.vspherePermissions;
  const levels = [...new Set(chains.flat())];
  return levels.flatMap((level, i) => (i === 0 || inherited ? perms.filter((p) => p.entity === level && (level === path || p.propagate)) : []));
}

function roleNamed(vmw: VmwareDriver, name: string) {
  return vmw.access!.vsphereRole(name);
}

/** permissions.set's and permissions.remove's -principal, -group and PATHs (the root without any), or govc's error. */
function targets(vmw: VmwareDriver, f: ParsedFlags) {
  const raw = str(f, 'principal');
  if (!raw) return failure('govc: ServerFaultCode: A specified parameter was not correct: principal');
  const principal = principalName(raw);
  const group = bool(f, 'group');
  const entities: Entity[] = [];
  for (const path of f.positionals.length > 0 ? f.positionals : ['/']) {
    const e = entityAt(vmw, path);
    if (!e) return failure(`govc: object '${path}' not found`);
    entities.push(e);
  }
  /** Whether a permission is this principal's on a path (an entity holds one a principal). */
  const same = (x: VspherePermission, path: string) => x.entity === path && x.principal === principal && x.group === group;
  return { raw, principal, group, entities, same };
}

export const PERMISSION_COMMANDS: Readonly<Record<string, Cmd>> = table<Cmd>({
  'role.ls': {
    flags: { json: { type: 'boolean', ignored: true }, i: { type: 'boolean', ignored: true } },
    usage: 'role.ls [OPTIONS] [NAME]',
    run: (vmw, f) => {
      const name = f.positionals[0];
      if (name === undefined) {
        const roles = [...[...SYSTEM_ROLES].reverse(), ...vmw.access!.vsphereRoles.values()];
        return output(
          goTabwriter(
            roles.map((r) => [r.name, r.summary || r.name]),
            { minWidth: 2, padding: 2, width: runeCount },
          ),
        );
      }
      const role = roleNamed(vmw, name);
      if (!role) return failure(`govc: role "${name}" not found`);
      const privileges = role.privileges === 'all' ? PRIVILEGES : role.privileges;
      return output(
        [...privileges]
          .sort()
          .map((p) => `${p}\n`)
          .join(''),
      );
    },
  },
  'role.create': {
    flags: { i: { type: 'boolean', ignored: true } },
    usage: 'role.create [OPTIONS] NAME [PRIVILEGE]...',
    run: (vmw, f) => {
      const [name, ...privileges] = f.positionals;
      if (name === undefined) return usage('role.create', PERMISSION_COMMANDS['role.create'].usage);
      if (roleNamed(vmw, name)) return failure('govc: ServerFaultCode: The specified key, name, or identifier already exists.');
      const unknown = privileges.find((p) => !PRIVILEGES.includes(p));
      if (unknown !== undefined) return failure('govc: ServerFaultCode: A specified parameter was not correct: privIds');
      const access = vmw.access!;
      access.vsphereRoles.set(name, customRole(1000 + access.vsphereRoles.size, name, privileges));
      access.changed();
      return output('', true);
    },
  },
  'role.remove': {
    flags: { force: { type: 'boolean' }, i: { type: 'boolean', ignored: true } },
    usage: 'role.remove [OPTIONS] NAME',
    run: (vmw, f) => {
      const name = f.positionals[0];
      if (name === undefined) return usage('role.remove', PERMISSION_COMMANDS['role.remove'].usage);
      const access = vmw.access!;
      const role = roleNamed(vmw, name);
      if (!role) return failure(`govc: role "${name}" not found`);
      if (role.system) return failure('govc: ServerFaultCode: A specified parameter was not correct: roleId');
      const using = access.vspherePermissions.filter((p) => p.role === name);
      if (using.length > 0 && !bool(f, 'force')) return failure('govc: ServerFaultCode: The object or item referred to is in use.');
      access.vspherePermissions = access.vspherePermissions.filter((p) => p.role !== name);
      access.vsphereRoles.delete(name);
      access.changed();
      return output('', true);
    },
  },
  'role.usage': {
    flags: { i: { type: 'boolean', ignored: true } },
    usage: 'role.usage [OPTIONS] NAME...',
    run: (vmw, f) => {
      for (const n of f.positionals) if (!roleNamed(vmw, n)) return failure(`govc: role "${n}" not found`);
      const perms = vmw.access!.vspherePermissions.filter((p) => f.positionals.length === 0 || f.positionals.includes(p.role));
      return output(permissionTable(perms));
    },
  },
  'permissions.ls': {
    flags: { a: { type: 'boolean' }, i: { type: 'boolean', ignored: true }, dc: { type: 'string', ignored: true }, json: { type: 'boolean', ignored: true } },
    usage: 'permissions.ls [OPTIONS] [PATH]...',
    run: (vmw, f) => {
      const inherited = f.values.get('a') !== false;
      const rows: VspherePermission[] = [];
      for (const path of f.positionals.length > 0 ? f.positionals : ['/']) {
        const e = entityAt(vmw, path);
        if (!e) return failure(`govc: object '${path}' not found`);
        rows.push(...onAndAbove(vmw, e.path, e.chains, inherited));
      }
      return output(permissionTable(rows));
    },
  },
  'permissions.set': {
    flags: { ...PERMISSION_FLAGS, propagate: { type: 'boolean' }, role: { type: 'string' } },
    usage: 'permissions.set [OPTIONS] [PATH]...',
    run: (vmw, f) => {
      const t = targets(vmw, f);
      if (isExecResult(t)) return t;
      const access = vmw.access!;
      const known = t.group ? [...access.users.values()].some((u) => u.groups.includes(t.principal)) : access.users.has(t.principal);
      if (badPrincipal(t.principal) || !known) return failure(`govc: ServerFaultCode: The user or group named '${t.raw}' does not exist.`);
      const roleName = str(f, 'role') ?? 'Admin';
      const role = roleNamed(vmw, roleName);
      if (!role) return failure(`govc: role "${roleName}" not found`);
      for (const e of t.entities) {
        const p: VspherePermission = {
          entity: e.path,
          principal: t.principal,
          group: t.group,
          role: role.name,
          propagate: f.values.get('propagate') !== false,
        };
        access.vspherePermissions = [...access.vspherePermissions.filter((x) => !t.same(x, e.path)), p];
      }
      access.changed();
      return output('', true);
    },
  },
  'permissions.remove': {
    flags: { ...PERMISSION_FLAGS, f: { type: 'boolean' } },
    usage: 'permissions.remove [OPTIONS] [PATH]...',
    run: (vmw, f) => {
      const t = targets(vmw, f);
      if (isExecResult(t)) return t;
      const access = vmw.access!;
      // Every path is looked at before any permission goes: a missing one (without -f) changes nothing.
      if (!bool(f, 'f') && t.entities.some((e) => !access.vspherePermissions.some((x) => t.same(x, e.path)))) return failure(NOT_FOUND);
      access.vspherePermissions = access.vspherePermissions.filter((x) => !t.entities.some((e) => t.same(x, e.path)));
      access.changed();
      return output('', true);
    },
  },
});
