// vSphere's permission rules, table by table, from the vSphere Security guide's
// own examples ("Multiple Permission Settings", Examples 1-3, 7.0: GUID-5F611264,
// GUID-9E7486ED, GUID-4974F024) and "Hierarchical Inheritance of Permissions"
// (propagation; a VM's two parents), with roles as the AuthorizationManager
// reference defines them (No access holds no privilege).
import { describe, expect, it } from 'vitest';
import { type VspherePermission, vspherePrivilege } from '../../src/access/vsphere-permissions.js';
import { customRole, SYSTEM_ROLES, type VsphereRole } from '../../src/access/vsphere-roles.js';

const POWER_ON = 'VirtualMachine.Interact.PowerOn';
const SNAPSHOT = 'VirtualMachine.State.CreateSnapshot';
const ROLES: VsphereRole[] = [...SYSTEM_ROLES, customRole(1, 'PowerOnVMRole', [POWER_ON]), customRole(2, 'SnapShotRole', [SNAPSHOT])];
const role = (n: string) => ROLES.find((r) => r.name === n);

// The guide's figure: VM A and VM B in "VM Folder" under a datacenter; each VM's second parent its cluster.
const FOLDER = '/dc/vm/folder';
const vm = (name: string) => [
  [`${FOLDER}/${name}`, FOLDER, '/dc', '/'],
  [`${FOLDER}/${name}`, '/dc/host/cl', '/dc', '/'],
];
const perm = (entity: string, principal: string, r: string, group = true, propagate = true): VspherePermission => ({
  entity,
  principal,
  group,
  role: r,
  propagate,
});
const may = (perms: VspherePermission[], user: string, groups: string[], privilege: string, chains: string[][]) =>
  vspherePrivilege(perms, role, user, new Set(groups), privilege, chains).allowed;

describe('vSphere permissions', () => {
  it('Example 1: groups on one object add up', () => {
    const perms = [perm(FOLDER, 'PowerOnVMGroup', 'PowerOnVMRole'), perm(FOLDER, 'SnapShotGroup', 'SnapShotRole')];
    const groups = ['PowerOnVMGroup', 'SnapShotGroup'];
    for (const name of ['vm-a', 'vm-b']) {
      expect(may(perms, 'user1', groups, POWER_ON, vm(name))).toBe(true);
      expect(may(perms, 'user1', groups, SNAPSHOT, vm(name))).toBe(true);
    }
  });

  it("Example 2: a permission on a child overrides the parent's, even another group's", () => {
    const perms = [perm(FOLDER, 'PowerOnVMGroup', 'PowerOnVMRole'), perm(`${FOLDER}/vm-b`, 'SnapShotGroup', 'SnapShotRole', true, false)];
    const groups = ['PowerOnVMGroup', 'SnapShotGroup'];
    const table: [string, string, boolean][] = [
      ['vm-a', POWER_ON, true],
      ['vm-a', SNAPSHOT, false],
      ['vm-b', SNAPSHOT, true],
      ['vm-b', POWER_ON, false],
    ];
    for (const [name, privilege, allowed] of table)
      expect([name, privilege, may(perms, 'user1', groups, privilege, vm(name))]).toEqual([name, privilege, allowed]);
  });

  it("Example 3: the user's own permission beats its groups', and No access masks and hides", () => {
    const perms = [perm(FOLDER, 'PowerOnVMGroup', 'PowerOnVMRole'), perm(FOLDER, 'user1', 'NoAccess', false)];
    for (const name of ['vm-a', 'vm-b']) {
      expect(may(perms, 'user1', ['PowerOnVMGroup'], POWER_ON, vm(name))).toBe(false);
      // Not visible in the hierarchy either: No access holds not even System.View.
      expect(may(perms, 'user1', ['PowerOnVMGroup'], 'System.View', vm(name))).toBe(false);
    }
    // Another member of the group, with no permission of its own, keeps the group's.
    expect(may(perms, 'user2', ['PowerOnVMGroup'], POWER_ON, vm('vm-a'))).toBe(true);
  });

  it('No access on a child masks what propagates from above', () => {
    const perms = [perm('/', 'ops', 'Admin'), perm(`${FOLDER}/vm-b`, 'ops', 'NoAccess', true, false)];
    expect(may(perms, 'u', ['ops'], POWER_ON, vm('vm-a'))).toBe(true);
    expect(may(perms, 'u', ['ops'], POWER_ON, vm('vm-b'))).toBe(false);
    const v = vspherePrivilege(perms, role, 'u', new Set(['ops']), POWER_ON, vm('vm-b'));
    expect(v.because.join('\n')).toMatch(/No access masks all granted above/);
  });

  it('a permission that does not propagate stays on its object', () => {
    const perms = [perm('/dc', 'ops', 'Admin', true, false)];
    expect(may(perms, 'u', ['ops'], POWER_ON, [['/dc', '/']])).toBe(true);
    expect(may(perms, 'u', ['ops'], POWER_ON, vm('vm-a'))).toBe(false);
  });

  it("a VM's two parents add up: its folder's and its cluster's", () => {
    const perms = [perm(FOLDER, 'a', 'PowerOnVMRole'), perm('/dc/host/cl', 'b', 'SnapShotRole')];
    expect(may(perms, 'u', ['a', 'b'], POWER_ON, vm('vm-a'))).toBe(true);
    expect(may(perms, 'u', ['a', 'b'], SNAPSHOT, vm('vm-a'))).toBe(true);
    // A host or datastore has one parent: the folder's permission does not reach it.
    expect(may(perms, 'u', ['a', 'b'], POWER_ON, [['/dc/host/cl/esx-01', '/dc/host/cl', '/dc', '/']])).toBe(false);
  });

  it("Read-only holds the three system privileges and nothing that changes; a role of a user's making always holds them too", () => {
    expect(SYSTEM_ROLES.find((r) => r.name === 'ReadOnly')!.privileges).toEqual(['System.Anonymous', 'System.View', 'System.Read']);
    expect(customRole(9, 'Empty', []).privileges).toEqual(['System.Anonymous', 'System.View', 'System.Read']);
    const perms = [perm('/', 'auditors', 'ReadOnly')];
    expect(may(perms, 'u', ['auditors'], 'System.Read', vm('vm-a'))).toBe(true);
    expect(may(perms, 'u', ['auditors'], POWER_ON, vm('vm-a'))).toBe(false);
  });
});
