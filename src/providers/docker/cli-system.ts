// docker system df, in docker/cli's words: cli/command/system/df.go and
// formatter/disk_usage.go (defaultDiskUsageTableFormat "table {{.Type}}\t
// {{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}"; sizes by
// units.HumanSize; reclaimable "%s (%v%%)" of the total, integer division, when
// there is a total). What the daemon counts (moby daemon/disk_usage.go): images
// on the host, active when a container uses one, reclaimable the size of those
// none uses; containers, active when running, paused or restarting; local volumes, active when a
// container mounts one. Containers' writable layers and volumes' contents are
// not written to in this simulation: their size is 0 B. No build cache.
import { bool, type ParsedFlags } from '../cli/flags.js';
import { failure, output } from '../exec-result.js';
import type { ExecResult } from '../provider.js';
import { type DockerCommand, onDaemon } from './cli-command.js';
import { volumeUsers } from './cli-volume.js';
import type { DockerDriver } from './driver.js';
import { dockerTable } from './formatter.js';
import { humanSize } from './go-units.js';
import { imageInfo, refText } from './images.js';

interface Usage {
  readonly type: string;
  readonly total: number;
  readonly active: number;
  readonly size: number;
  readonly reclaimable: number;
}

function row(u: Usage): string[] {
  // Go's integer division of int64s: the share rounds towards zero.
  const share = u.size > 0 ? ` (${Math.trunc((u.reclaimable * 100) / u.size)}%)` : '';
  return [u.type, String(u.total), String(u.active), humanSize(u.size), `${humanSize(u.reclaimable)}${share}`];
}

function usage(docker: DockerDriver, host: string): Usage[] {
  const containers = docker.containers(host);
  const used = new Set(containers.map((c) => c.image));
  let imageBytes = 0;
  let unusedBytes = 0;
  let imagesUsed = 0;
  const images = docker.images.list(host);
  for (const i of images) {
    const info = imageInfo(i.ref);
    const bytes = (info?.unpackedBytes ?? 0) + (info?.contentBytes ?? 0);
    imageBytes += bytes;
    if (used.has(refText(i.ref))) imagesUsed++;
    else unusedBytes += bytes;
  }
  const volumes = docker.volumes.list(host);
  return [
    { type: 'Images', total: images.length, active: imagesUsed, size: imageBytes, reclaimable: unusedBytes },
    // A container is active running, paused or restarting (moby's disk usage: any state but created, exited, dead).
    {
      type: 'Containers',
      total: containers.length,
      active: containers.filter((c) => ['running', 'paused', 'booting'].includes(c.state)).length,
      size: 0,
      reclaimable: 0,
    },
    {
      type: 'Local Volumes',
      total: volumes.length,
      active: volumes.filter((v) => volumeUsers(docker, host, v.name).length > 0).length,
      size: 0,
      reclaimable: 0,
    },
    { type: 'Build Cache', total: 0, active: 0, size: 0, reclaimable: 0 },
  ];
}

const df = onDaemon({ verbose: { type: 'boolean', aliases: ['v'] }, format: { type: 'string' } }, (docker, host, f: ParsedFlags): ExecResult => {
  if (bool(f, 'verbose') || f.values.has('format'))
    return failure('hyperpane: docker system df -v and --format are not simulated; docker system df prints the summary', 1);
  return output(dockerTable(['TYPE', 'TOTAL', 'ACTIVE', 'SIZE', 'RECLAIMABLE'], usage(docker, host).map(row)));
});

export const system: DockerCommand = {
  flags: {},
  run: () => failure('docker system: give a subcommand', 1),
  subcommands: { df },
};
