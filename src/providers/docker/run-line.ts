// The `docker run` line that makes a container again as it is (its name, image,
// command, restart policy, limits, published ports, networks, mounts, hostname,
// user), with changes: what a posture fix runs after `docker rm -f` to recreate a
// container without root or --privileged, as one would by hand (a container's
// user and privileges are fixed when it is created: `docker update` changes
// neither, docker/cli cli/command/container/update.go).
import type { ProviderWorkload } from '../provider.js';
import { membershipsOf } from './container-networks.js';
import type { DockerDriver } from './driver.js';
import { mountsOf } from './mounts.js';
import { PUBLISH_ATTR } from './ports.js';

/** A word quoted for the prompt's tokenizer when it holds a space or a quote. */
const word = (w: string) => (/[\s'"\\]/.test(w) || w === '' ? `'${w.replace(/'/g, "'\\''")}'` : w);

export function runLineOf(docker: DockerDriver, c: ProviderWorkload, change: { user?: string; privileged?: boolean }): string {
  const a = c.attrs;
  const out = ['docker'];
  if (c.host && c.host !== docker.currentHost()) out.push('-H', c.host);
  out.push('run', '-d', '--name', c.name);
  if (typeof a.restart === 'string' && a.restart !== 'no') out.push('--restart', a.restart);
  if (Number(a.memoryLimitMiB ?? 0) > 0) out.push('-m', `${a.memoryLimitMiB}m`);
  if (Number(a.memoryReservationMiB ?? 0) > 0) out.push('--memory-reservation', `${a.memoryReservationMiB}m`);
  if (Number(a.cpus ?? 0) > 0) out.push('--cpus', String(a.cpus));
  for (const p of typeof a[PUBLISH_ATTR] === 'string' ? String(a[PUBLISH_ATTR]).split(' ').filter(Boolean) : []) out.push('-p', p);
  for (const m of membershipsOf(a)) if (m.name !== 'bridge') out.push('--network', m.name);
  for (const m of mountsOf(a)) if (!m.anonymous) out.push('-v', `${m.source}:${m.destination}${m.rw ? '' : ':ro'}`);
  if (typeof a.hostname === 'string') out.push('--hostname', a.hostname);
  const user = change.user ?? (typeof a.user === 'string' ? a.user : undefined);
  if (user !== undefined) out.push('--user', user);
  if (change.privileged ?? a.privileged === true) out.push('--privileged');
  out.push(typeof a.imageAsGiven === 'string' ? a.imageAsGiven : c.image);
  return out.map(word).join(' ');
}
