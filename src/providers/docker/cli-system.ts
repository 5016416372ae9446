// docker system df, in docker/cli's words: cli/command/system/df.go and
// formatter/disk_usage.go (defaultDiskUsageTableFormat "table {{.Type}}\t
// {{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}"; sizes by
// units.HumanSize; reclaimable "%s (%v%%)" of the total, integer division, when
// there is a total). What the daemon counts (moby daemon/disk_usage.go): images
// on the host, active when a container uses one, reclaimable the size of those
// none uses; containers, active when running, paused or restarting; local volumes, active when a
// container mounts one. Containers' writable layers and volumes' contents are
// not written to in this simulation: their size is 0 B. No build cache.
//
// -v (formatter/disk_usage.go verboseWriteTable; the empty layout is
// disk_usage_test.go TestDiskUsageContextFormatWrite's): "Images space usage:",
// "Containers space usage:", "Local Volumes space usage:" and "Build cache
// usage: SIZE", each followed by a blank line and its table, a blank line before
// each but the first; every table through formatter.go postFormat's tabwriter,
// its header printed even when it has no rows. The tables' columns are
// defaultDiskUsageImageTableFormat, defaultDiskUsageContainerTableFormat,
// defaultDiskUsageVolumeTableFormat and defaultDiskUsageBuildCacheTableFormat,
// their headers and cells those of formatter/image.go, container.go, volume.go
// and buildcache.go. --format (a Go template) is not simulated.

import { naturalCompare } from '../../core/natural-compare.js';
import { bool, type ParsedFlags } from '../cli/flags.js';
import { failure, output } from '../exec-result.js';
import type { ExecResult } from '../provider.js';
import { type DockerCommand, newestFirst, onDaemon } from './cli-command.js';
import { imageShown } from './cli-containers.js';
import { volumeUsers } from './cli-volume.js';
import type { DockerDriver } from './driver.js';
import { dockerTable, ellipsis, goQuote, truncateId } from './formatter.js';
import { humanDuration, humanSize, humanSizeWithPrecision } from './go-units.js';
import { type ImageRef, imageDigest, imageInfo, refText } from './images.js';
import { mountsOf } from './mounts.js';
import type { DockerVolume } from './volumes.js';

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

/**
 * An image's size as the containerd store reports it: its compressed content
 * plus its unpacked layers (moby daemon/containerd/image_list.go
 * singlePlatformImage, totalSize := contentSize + unpackedSize).
 */
function imageBytes(ref: ImageRef): number {
  const info = imageInfo(ref);
  return (info?.unpackedBytes ?? 0) + (info?.contentBytes ?? 0);
}

/**
 * The volumes the daemon counts: the local driver's, those created without
 * options (moby daemon/volume/service/service.go LocalVolumesSize: ByDriver
 * "local" and len(dv.Options()) == 0). Only the local driver is here.
 */
function localVolumes(docker: DockerDriver, host: string): DockerVolume[] {
  return docker.volumes.list(host).filter((v) => Object.keys(v.options ?? {}).length === 0);
}

function usage(docker: DockerDriver, host: string): Usage[] {
  const containers = docker.containers(host);
  const used = new Set(containers.map((c) => c.image));
  let totalBytes = 0;
  let unusedBytes = 0;
  let imagesUsed = 0;
  const images = docker.images.list(host);
  for (const i of images) {
    const bytes = imageBytes(i.ref);
    totalBytes += bytes;
    if (used.has(refText(i.ref))) imagesUsed++;
    else unusedBytes += bytes;
  }
  const volumes = localVolumes(docker, host);
  return [
    { type: 'Images', total: images.length, active: imagesUsed, size: totalBytes, reclaimable: unusedBytes },
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

/** The images table (formatter/disk_usage.go defaultDiskUsageImageTableFormat; headers formatter/image.go newImageContext). */
function imagesTable(docker: DockerDriver, host: string): string {
  const containers = docker.containers(host);
  // moby daemon/containerd/image_list.go Images: newest first (sort.Reverse(byCreated)). The simulation knows no build
  // dates: an image was created, as `docker images` shows it (cli-images.ts classic), when the host pulled it.
  const rows = [...docker.images.list(host)].reverse().map((i) => {
    const size = imageBytes(i.ref);
    // SharedSize (image_list.go computeSharedSize): the layers and blobs this image has in common with another image on
    // the host. The simulation's images (images.ts ImageInfo) have no layers, so none are shared: 0 B shared and the
    // whole size unique.
    const shared = 0;
    return [
      // disk_usage.go verboseWrite: reference.FamiliarName and the tag of the image's first tag.
      i.ref.repository,
      i.ref.tag,
      // image.go ID: TruncateID of the image's ID (images.ts imageDigest).
      truncateId(imageDigest(i.ref)),
      // image.go CreatedSince: units.HumanDuration of the time since, and " ago".
      `${humanDuration(docker.sim.now - i.pulledAt)} ago`,
      // image.go Size: units.HumanSizeWithPrecision(size, 3); SharedSize and UniqueSize: units.HumanSize.
      humanSizeWithPrecision(size, 3),
      humanSize(shared),
      humanSize(size - shared),
      // image.go Containers: how many containers use the image (image_list.go ContainersCount).
      String(containers.filter((c) => c.image === refText(i.ref)).length),
    ];
  });
  return dockerTable(['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE', 'SHARED SIZE', 'UNIQUE SIZE', 'CONTAINERS'], rows);
}

/** The containers table (disk_usage.go defaultDiskUsageContainerTableFormat; headers formatter/container.go NewContainerContext). */
function containersTable(docker: DockerDriver, host: string): string {
  // moby daemon/disk_usage.go containerDiskUsage: every container (All: true), newest first as ps lists them.
  const rows = newestFirst(docker.containers(host)).map((c) => [
    // container.go ID: TruncateID.
    truncateId(docker.containerId(c.id)),
    // container.go Image: the image as the container was created with it, as docker ps shows it (cli-containers.ts).
    imageShown(c),
    // container.go Command: Ellipsis(command, 20), then strconv.Quote, as docker ps.
    goQuote(ellipsis(String(c.attrs.cmd ?? ''), 20)),
    // container.go LocalVolumes: the mounts whose driver is "local", the container's volumes (a bind has no driver).
    String(mountsOf(c.attrs).filter((m) => m.type === 'volume').length),
    // container.go Size: units.HumanSizeWithPrecision(SizeRw, 3); verboseWrite zeroes SizeRootFs, so no "(virtual ...)".
    // The writable layer is not written to here: 0 B.
    humanSizeWithPrecision(0, 3),
    // container.go RunningFor: units.HumanDuration since it was created, and " ago", as docker ps.
    `${humanDuration(docker.sim.now - Number(c.attrs.created ?? 0))} ago`,
    // container.go Status: the daemon's status words, as docker ps.
    c.nativeState,
    // container.go Names: the one name.
    c.name,
  ]);
  return dockerTable(['CONTAINER ID', 'IMAGE', 'COMMAND', 'LOCAL VOLUMES', 'SIZE', 'CREATED', 'STATUS', 'NAMES'], rows);
}

/** The volumes table (disk_usage.go defaultDiskUsageVolumeTableFormat; headers formatter/volume.go newVolumeContext). */
function volumesTable(docker: DockerDriver, host: string): string {
  // The daemon's order is its volume store's (moby daemon/volume/local/local.go List ranges over a map), which the
  // client does not sort: here by name, as `docker volume ls` sorts them (cli-volume.ts).
  const rows = localVolumes(docker, host)
    .sort((a, b) => naturalCompare(a.name, b.name))
    .map((v) => [
      v.name,
      // volume.go Links: UsageData.RefCount, the containers that mount it (cli-volume.ts volumeUsers).
      String(volumeUsers(docker, host, v.name).length),
      // volume.go Size: units.HumanSize(UsageData.Size); a volume's contents are not written to here: 0 B.
      humanSize(0),
    ]);
  return dockerTable(['VOLUME NAME', 'LINKS', 'SIZE'], rows);
}

/** docker system df -v as disk_usage.go verboseWriteTable writes it. */
function verbose(docker: DockerDriver, host: string): string {
  return [
    'Images space usage:\n\n',
    imagesTable(docker, host),
    '\nContainers space usage:\n\n',
    containersTable(docker, host),
    '\nLocal Volumes space usage:\n\n',
    volumesTable(docker, host),
    // "\nBuild cache usage: %s\n\n" with units.HumanSize of the cache's total: there is no build cache here, so only the
    // header of defaultDiskUsageBuildCacheTableFormat (formatter/buildcache.go newBuildCacheContext).
    `\nBuild cache usage: ${humanSize(0)}\n\n`,
    dockerTable(['CACHE ID', 'CACHE TYPE', 'SIZE', 'CREATED', 'LAST USED', 'USAGE', 'SHARED'], []),
  ].join('');
}

const df = onDaemon({ verbose: { type: 'boolean', aliases: ['v'] }, format: { type: 'string' } }, (docker, host, f: ParsedFlags): ExecResult => {
  if (f.values.has('format'))
    return failure('hyperpane: docker system df --format is not simulated; docker system df prints the summary and docker system df -v the details', 1);
  if (bool(f, 'verbose')) return output(verbose(docker, host));
  return output(dockerTable(['TYPE', 'TOTAL', 'ACTIVE', 'SIZE', 'RECLAIMABLE'], usage(docker, host).map(row)));
});

export const system: DockerCommand = {
  flags: {},
  run: () => failure('docker system: give a subcommand', 1),
  subcommands: { df },
};
