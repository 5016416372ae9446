// A container's PORTS as docker ps shows them (docker/cli formatter/container.go
// Ports): what it publishes while it runs; containers made outside docker run (the
// estate's own) show what their image exposes; one not running shows none (the
// daemon drops a container's port map when it stops, exposed ports with it).
import type { ProviderWorkload } from '../provider.js';
import { membershipsOf } from './container-networks.js';
import type { DockerDriver } from './driver.js';
import { imageInfo, parseRef } from './images.js';
import { bindsPorts, publishedPorts } from './ports.js';

export function portsShown(docker: DockerDriver, c: ProviderWorkload): string {
  const row = docker.sim.workloadRow(c.id);
  if (!row || !bindsPorts(row)) return '';
  // In the host's namespace, another container's or none, a container has no ports of its own to show.
  const mode = membershipsOf(row.attrs)[0]?.name ?? 'bridge';
  if (mode === 'host' || mode === 'none' || mode.startsWith('container:')) return '';
  return String(c.attrs.ports || publishedPorts(docker, [], imageInfo(parseRef(c.image) ?? { repository: '', tag: '' })?.exposed));
}
