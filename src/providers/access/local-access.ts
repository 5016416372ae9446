// The platforms whose access is a local group on each host, all or nothing
// (access/local-groups.ts): libvirt, Hyper-V and Docker. A line needs the group
// on every host it may act on: the host it names (virsh -c, -ComputerName,
// docker -H/--context), else the hosts of the VMs it names, else every host of
// the platform (virsh and the Hyper-V cmdlets, without a host named, act across
// the estate's hosts of their kind). Even a command that only looks needs it:
// without the group there is no connection at all. Each refuses in its own
// words: libvirt's polkit (src/util/virpolkit.c, "authentication unavailable:
// no polkit agent available to authenticate action 'org.libvirt.unix.manage'",
// after virsh's "failed to connect to the hypervisor"); Hyper-V's "You do not
// have the required permission to complete this task" (kubernetes/minikube#6732);
// Docker 29's client ("permission denied while trying to connect to the docker
// API at %v", moby client/request.go).
import type { LocalPlatform } from '../../access/local-groups.js';
import type { AccessRequest } from '../../access/policy.js';
import type { ExecResult } from '../provider.js';
import type { LineAccess } from './line-access.js';
import { isReadOnlyCommand } from './looking.js';

export function localAccess(
  platform: LocalPlatform,
  hosts: readonly string[],
  words: readonly string[],
  object: string,
  refuse: (host: string) => ExecResult,
): LineAccess {
  const requests: AccessRequest[] = [...new Set(hosts)].map((host) => ({ kind: 'local', platform, host }));
  return {
    requests,
    changes: !isReadOnlyCommand(words.join(' ')),
    object,
    refuse: (r) => refuse(r.kind === 'local' ? r.host : ''),
  };
}
