// Containers that run privileged, or as root: a privileged container is root on
// its host; one whose user is root (no --user, and no USER in its image) is a
// step from it. Checked as the CIS Docker Benchmark checks them (docker inspect's
// HostConfig.Privileged and Config.User; see the control's source in report.ts).
// The fix recreates the container as it is, but unprivileged and as a user.
import type { Check } from '../../access/posture.js';
import { containerUser } from '../docker/cli-containers.js';
import { runLineOf } from '../docker/run-line.js';
import type { Providers } from '../registry.js';

/** Whether a Config.User is root: empty (none given), root or uid 0, with or without a group. */
export const isRoot = (user: string) => user === '' || /^(root|0)(:.*)?$/.test(user);

/** The user a fixed container runs as: an unprivileged uid (the node image's own user, node, is uid 1000: docker-library/node's Dockerfile). */
const FIX_USER = '1000';

export function containerChecks(p: Providers): Check[] {
  const out: Check[] = [];
  for (const c of p.docker.workloads()) {
    // Running containers, as Defender and the CIS benchmark judge them; a Kubernetes pod's (the kubelet names
    // them k8s_...) are its pods', which a docker line must not make again behind its back.
    if (c.state !== 'running' || c.host === undefined || c.name.startsWith('k8s_')) continue;
    const privileged = c.attrs.privileged === true;
    const root = isRoot(containerUser(c));
    const where = c.host === p.docker.currentHost() ? '' : `-H ${c.host} `;
    const wrong = [...(privileged ? ['runs privileged (--privileged: all devices and capabilities of its host)'] : []), ...(root ? ['runs as root'] : [])];
    out.push(
      wrong.length === 0
        ? { control: 'access', resource: c.name, healthy: true }
        : {
            control: 'access',
            resource: c.name,
            healthy: false,
            finding: `${wrong.join(', and ')} (${c.image} on ${c.host})`,
            fix: [`docker ${where}rm -f ${c.name}`, runLineOf(p.docker, c, { privileged: false, ...(root ? { user: FIX_USER } : {}) })],
          },
    );
  }
  return out;
}
