// Who there is: the estate's users and the groups they are in. One directory
// serves every platform, as an Active Directory synced into vCenter Single
// Sign-On, Entra ID and the hosts' local accounts would; each platform writes a
// principal its own way (VSPHERE.LOCAL\alice, alice@contoso.com, alice), and
// every form names the same user here.

export interface User {
  readonly name: string;
  readonly groups: readonly string[];
}

/** The estate's own administrator: who a console, exec or tape acts as unless told otherwise. */
export const ADMINISTRATOR = 'administrator';
/** The group whose members administer every platform of a new estate, and run hyperpane's own changing commands. */
export const ADMINISTRATORS = 'Administrators';

/** vCenter's single sign-on domain: how govc writes a principal (govc permissions.ls, "VSPHERE.LOCAL\\name"). */
export const SSO_DOMAIN = 'VSPHERE.LOCAL';
/** The Entra ID tenant's domain: a user's sign-in name in az's output and errors. */
export const TENANT_DOMAIN = 'contoso.onmicrosoft.com';

/** A principal however a platform writes it ("VSPHERE.LOCAL\\alice", "alice@vsphere.local", "alice@contoso.onmicrosoft.com"), as the directory names it. */
export function principalName(raw: string): string {
  const s = raw.trim();
  const slash = s.lastIndexOf('\\');
  const bare = slash >= 0 ? s.slice(slash + 1) : s;
  const at = bare.indexOf('@');
  return at > 0 ? bare.slice(0, at) : bare;
}

/** Why a name cannot be a user's or a group's, or undefined. */
export function badPrincipal(name: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9._:-]{0,63}$/.test(name))
    return `"${name.replace(/[^\x20-\x7e]/g, '?')}" is not a name for a user or group: a letter, then letters, digits, dots, dashes, underscores or colons (64 at most)`;
  return undefined;
}
