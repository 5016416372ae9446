// The `docker run` line that makes a container again as it is (its name, image,
// command, restart policy, limits, published ports, networks, mounts, hostname,
// user), with changes: what a posture fix runs after `docker rm -f` to recreate a
// container without root or --privileged, as one would by hand (a container's
// user and privileges are fixed when it is created: `docker update` changes
// neither, docker/cli cli/command/container/update.go).
import { quoteWord } from '../cli/quote.js';
import type { ProviderWorkload } from '../provider.js';
import { membershipsOf } from './container-networks.js';
import type { DockerDriver } from './driver.js';
import { imageInfo, parseRef } from './images.js';
import { mountsOf } from './mounts.js';
import { PUBLISH_ATTR } from './ports.js';

export function runLineOf(docker: DockerDriver, c: ProviderWorkload, change: { user?: string; privileged?: boolean }): string {
  const a = c.attrs;
  const out = ['docker'];
  if (c.host && c.host !== docker.currentHost()) out.push('-H', c.host);
  out.push('run', '-d', '--name', c.name);
  if (typeof a.restart === 'string' && a.restart !== 'no') out.push('--restart', a.restart);
  if (Number(a.memoryLimitMiB ?? 0) > 0) out.push('-m', `${a.memoryLimitMiB}m`);
  if (Number(a.memoryReservationMiB ?? 0) > 0) out.push('--memory-reservation', `${a.memoryReservationMiB}m`);
  if (Number(a.cpus ?? 0) > 0) out.push('--cpus', String(a.cpus));
  const shares = docker.sim.workloadRow(c.id)?.shares;
  if (shares !== undefined && shares !== 1024) out.push('-c', String(shares));
  for (const p of typeof a[PUBLISH_ATTR] === 'string' ? String(a[PUBLISH_ATTR]).split(' ').filter(Boolean) : []) out.push('-p', p);
  // Every network it is on (docker run takes several --network since API 1.44), with its aliases.
  const nets = membershipsOf(a);
  if (nets.length > 1 || nets[0]?.name !== 'bridge')
    for (const m of nets) {
      out.push('--network', m.name);
      for (const alias of m.aliases ?? []) out.push('--network-alias', alias);
    }
  // Its volumes by name, an anonymous one's too: `docker rm -f` without -v keeps them, and the new container takes them over.
  for (const m of mountsOf(a)) out.push('-v', `${m.source}:${m.destination}${m.rw ? '' : ':ro'}`);
  if (typeof a.hostname === 'string') out.push('--hostname', a.hostname);
  const user = change.user ?? (typeof a.user === 'string' ? a.user : undefined);
  if (user !== undefined) out.push('--user', user);
  if (change.privileged ?? a.privileged === true) out.push('--privileged');
  const image = typeof a.imageAsGiven === 'string' ? a.imageAsGiven : c.image;
  out.push(image);
  // Its command, when it is not its image's own.
  const ref = parseRef(image);
  const own = ref ? imageInfo(ref)?.cmd : undefined;
  const cmd = typeof a.cmd === 'string' ? a.cmd : undefined;
  const words = cmd !== undefined && cmd !== own ? cmd.split(' ').filter(Boolean) : [];
  return [...out, ...words].map(quoteWord).join(' ');
}
