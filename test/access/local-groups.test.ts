// Hyper-V's, libvirt's and Docker's access, table by table: a local group on a
// host, all or nothing there (Hyper-V Administrators, BUILTIN S-1-5-32-578:
// "complete and unrestricted access to all features of Hyper-V"; libvirt's polkit
// rule, src/remote/libvirtd.rules: members of "libvirt" get
// org.libvirt.unix.manage; Docker's docs: "The docker group grants root-level
// privileges to the user"), a user in it directly or through a directory group,
// on that host or on every host ('*').
import { describe, expect, it } from 'vitest';
import { LOCAL_GROUP, type LocalGroup, localMembership } from '../../src/access/local-groups.js';

const list: LocalGroup[] = [
  { host: 'kvm-01', group: 'libvirt', members: ['alice'] },
  { host: '*', group: 'docker', members: ['ops'] },
  { host: 'hv-02', group: 'Hyper-V Administrators', members: ['windows-admins'] },
];

describe('local groups', () => {
  it.each([
    ['alice', [], 'kvm-01', 'libvirt', true, 'in it, on that host'],
    ['alice', [], 'kvm-02', 'libvirt', false, 'not on another host'],
    ['alice', [], 'kvm-01', 'docker', false, 'not another group'],
    ['bob', ['ops'], 'docker-vm-01', 'docker', true, "through a directory group, on every host ('*')"],
    ['carol', ['windows-admins'], 'hv-02', 'Hyper-V Administrators', true, 'through a group'],
    ['carol', ['windows-admins'], 'hv-01', 'Hyper-V Administrators', false, 'only where it is given'],
  ] as const)('%s %j on %s, %s: %s', (user, groups, host, group, member, _why) => {
    expect(localMembership(list, user, new Set<string>(groups), host, group) !== undefined).toBe(member);
  });

  it('names the group each platform asks for', () => {
    expect(LOCAL_GROUP).toEqual({ hyperv: 'Hyper-V Administrators', kvm: 'libvirt', docker: 'docker' });
  });
});
