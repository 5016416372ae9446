// vSphere's roles: sets of privileges. The system roles and their ids are
// vCenter's (vSphere Web Services programming guide, "Description of Roles on
// vSphere Servers"; govmomi simulator/esx/authorization_manager.go holds the
// captured role list with these names and summaries). A role a user makes
// always holds System.Anonymous, System.View and System.Read
// (AuthorizationManager.AddAuthorizationRole; govc/test/role.bats counts 3).

/** The privileges every role but No access holds (AuthorizationManager: "always present" in user-defined roles). */
export const SYSTEM_PRIVILEGES = ['System.Anonymous', 'System.View', 'System.Read'] as const;

/**
 * The privileges the simulated govc commands check, by API id (vSphere Security guide privilege tables;
 * pyVmomi _typeinfo_vim.py for which method needs which). The catalogue role.create takes names from.
 */
export const PRIVILEGES: readonly string[] = [
  ...SYSTEM_PRIVILEGES,
  'Alarm.Acknowledge',
  'Authorization.ModifyPermissions',
  'Authorization.ModifyRoles',
  'Datastore.AllocateSpace',
  'Datastore.Browse',
  'Datastore.FileManagement',
  'DVPortgroup.Create',
  'DVSwitch.Create',
  'DVSwitch.HostOp',
  'Host.Config.Maintenance',
  'Host.Config.Network',
  'Host.Inventory.EditCluster',
  'Network.Assign',
  'Resource.AssignVMToPool',
  'Resource.ColdMigrate',
  'Resource.HotMigrate',
  'VirtualMachine.Config.AddExistingDisk',
  'VirtualMachine.Config.AddNewDisk',
  'VirtualMachine.Config.AddRemoveDevice',
  'VirtualMachine.Config.DiskExtend',
  'VirtualMachine.Config.EditDevice',
  'VirtualMachine.Config.RemoveDisk',
  'VirtualMachine.Interact.AnswerQuestion',
  'VirtualMachine.Interact.PowerOff',
  'VirtualMachine.Interact.PowerOn',
  'VirtualMachine.Interact.Reset',
  'VirtualMachine.Interact.Suspend',
  'VirtualMachine.Inventory.Create',
  'VirtualMachine.Inventory.CreateFromExisting',
  'VirtualMachine.Inventory.Delete',
  'VirtualMachine.Provisioning.Clone',
  'VirtualMachine.Provisioning.MarkAsTemplate',
  'VirtualMachine.Provisioning.MarkAsVM',
  'VirtualMachine.State.CreateSnapshot',
  'VirtualMachine.State.RemoveSnapshot',
  'VirtualMachine.State.RevertToSnapshot',
];

export interface VsphereRole {
  readonly id: number;
  /** The API name govc uses (Admin, ReadOnly, NoAccess, or a user's own). */
  readonly name: string;
  readonly summary: string;
  /** Its privileges; 'all' for Admin. */
  readonly privileges: readonly string[] | 'all';
  readonly system: boolean;
}

/** vCenter's system roles that can be granted (View -3 and Anonymous -4 cannot: SetEntityPermissions raises InvalidArgument). */
export const SYSTEM_ROLES: readonly VsphereRole[] = [
  { id: -1, name: 'Admin', summary: 'Full access rights', privileges: 'all', system: true },
  { id: -2, name: 'ReadOnly', summary: 'See details of objects, but not make changes', privileges: SYSTEM_PRIVILEGES, system: true },
  { id: -5, name: 'NoAccess', summary: 'Used for restricting granted access', privileges: [], system: true },
];

/** A user's role: the privileges asked for and the three system ones, in the catalogue's order. */
export function customRole(id: number, name: string, privileges: readonly string[]): VsphereRole {
  const want = new Set([...SYSTEM_PRIVILEGES, ...privileges]);
  return { id, name, summary: '', privileges: PRIVILEGES.filter((p) => want.has(p)), system: false };
}

/** Whether a role holds a privilege. */
export function roleHolds(role: VsphereRole, privilege: string): boolean {
  return role.privileges === 'all' || role.privileges.includes(privilege);
}
