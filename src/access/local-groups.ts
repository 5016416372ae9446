// Who may manage a host's hypervisor or container engine when the platform's
// answer is a local group, all or nothing on that host:
//  - Hyper-V: members of the host's Administrators or "Hyper-V Administrators"
//    (BUILTIN, S-1-5-32-578) manage every VM on it;
//  - libvirt (qemu:///system): root, or members of the "libvirt" group, which
//    its polkit rule lets manage every domain (org.libvirt.unix.manage);
//  - Docker: members of the "docker" group may use the daemon's socket, which
//    is root on that host (Docker's "Linux post-installation steps": "The docker
//    group grants root-level privileges to the user").

export type LocalPlatform = 'hyperv' | 'kvm' | 'docker';

/** The group that lets a user manage each platform on a host. */
export const LOCAL_GROUP: Readonly<Record<LocalPlatform, string>> = {
  hyperv: 'Hyper-V Administrators',
  kvm: 'libvirt',
  docker: 'docker',
};

export interface LocalGroup {
  /** The host's id, or '*' for every host of the group's platform. */
  readonly host: string;
  readonly group: string;
  /** Users and directory groups. */
  readonly members: readonly string[];
}

/** The entry that makes `user` (in `groups`) a member of `group` on `host`, if one does. */
export function localMembership(
  list: readonly LocalGroup[],
  user: string,
  groups: ReadonlySet<string>,
  host: string,
  group: string,
): { entry: LocalGroup; through: string } | undefined {
  for (const entry of list) {
    if (entry.group !== group || (entry.host !== '*' && entry.host !== host)) continue;
    const through = entry.members.find((m) => m === user || groups.has(m));
    if (through !== undefined) return { entry, through };
  }
  return undefined;
}
