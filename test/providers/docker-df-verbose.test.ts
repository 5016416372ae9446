// docker system df -v against docker/cli cli/command/formatter/disk_usage.go
// (verboseWriteTable: "Images space usage:", "Containers space usage:", "Local
// Volumes space usage:" and "Build cache usage: %s", a blank line after each and
// before each but the first; the tables defaultDiskUsageImageTableFormat,
// defaultDiskUsageContainerTableFormat, defaultDiskUsageVolumeTableFormat and
// defaultDiskUsageBuildCacheTableFormat through formatter.go postFormat's
// tabwriter), its test disk_usage_test.go TestDiskUsageContextFormatWrite (the
// verbose table layout with no rows, whose headers and build-cache tail are
// asserted here as it writes them), formatter/image.go (Size with three
// significant digits, SharedSize and UniqueSize with four), container.go
// (Command ellipsized to 20 and quoted, LocalVolumes the local-driver mounts)
// and volume.go (Links, Size); and moby daemon/disk_usage.go,
// daemon/containerd/image_list.go (images newest first) and
// daemon/volume/service/service.go LocalVolumesSize (local volumes without
// options only).
import { describe, expect, it } from 'vitest';
import { defaultEstate } from '../default-estate.js';
import { err, ok } from './estate-lines.js';

describe('docker system df -v', () => {
  it('lists the host’s images, containers, volumes and (empty) build cache, each under its heading', () => {
    const e = defaultEstate(1);
    expect(ok(e, 'docker -H docker-01 system df -v')).toBe(
      [
        'Images space usage:',
        '',
        'REPOSITORY   TAG         IMAGE ID       CREATED             SIZE      SHARED SIZE   UNIQUE SIZE   CONTAINERS',
        'postgres     16          d1dd717746f9   About an hour ago   618MB     0B            617.9MB       1',
        'redis        7           5eb14394d3c4   About an hour ago   167MB     0B            167.3MB       1',
        'node         22-alpine   582df9550250   About an hour ago   225MB     0B            224.6MB       1',
        'nginx        1.27        a7ee97236962   About an hour ago   269MB     0B            268.9MB       1',
        '',
        'Containers space usage:',
        '',
        'CONTAINER ID   IMAGE            COMMAND                  LOCAL VOLUMES   SIZE      CREATED             STATUS             NAMES',
        '084f847f4841   postgres:16      "docker-entrypoint.s…"   0               0B        About an hour ago   Up About an hour   postgres',
        '0af6868d03a5   redis:7          "docker-entrypoint.s…"   0               0B        About an hour ago   Up About an hour   redis',
        'dcd400819640   node:22-alpine   "docker-entrypoint.s…"   0               0B        About an hour ago   Up About an hour   api',
        'acca834014e6   nginx:1.27       "/docker-entrypoint.…"   0               0B        About an hour ago   Up About an hour   nginx',
        '',
        'Local Volumes space usage:',
        '',
        // disk_usage_test.go: a table with no rows is its header alone.
        'VOLUME NAME   LINKS     SIZE',
        '',
        'Build cache usage: 0B',
        '',
        'CACHE ID   CACHE TYPE   SIZE      CREATED   LAST USED   USAGE     SHARED',
        '',
      ].join('\n'),
    );
    // --verbose is -v's long name (df.go).
    expect(ok(e, 'docker -H docker-01 system df --verbose')).toBe(ok(e, 'docker -H docker-01 system df -v'));
  });

  it('counts a container’s volumes and a volume’s containers, newest image and container first, and leaves out volumes made with options', () => {
    const e = defaultEstate(1);
    ok(e, 'docker -H docker-01 volume create data');
    ok(e, 'docker -H docker-01 volume create -o type=tmpfs -o device=tmpfs scratch');
    ok(e, 'docker -H docker-01 pull alpine');
    ok(e, 'docker -H docker-01 run -d --name w -v data:/data -v /srv:/srv -v /cache alpine');
    ok(e, 'docker -H docker-01 stop w');
    const out = ok(e, 'docker -H docker-01 system df -v').split('\n');
    expect(out[3]).toBe('alpine       latest      a3799e5c73ff   7 seconds ago       11.4MB    0B            11.44MB       1');
    expect(out[12]).toBe(
      'f43dd1425f6d   alpine           "/bin/sh"                2               0B        6 seconds ago       Exited (0) Less than a second ago   w',
    );
    // The anonymous volume of -v /cache and data; scratch has options, so the daemon does not count it; a bind is no volume.
    expect(out.slice(20, 24)).toEqual([
      'VOLUME NAME                                                        LINKS     SIZE',
      '53be765d4e3aeee75a0bb4688c5fd7930ca9361f25fa9c5bede550faec707697   1         0B',
      'data                                                               1         0B',
      '',
    ]);
    // The summary counts the same volumes.
    expect(ok(e, 'docker -H docker-01 system df').split('\n')[3]).toBe('Local Volumes   2         2         0B        0B');
  });

  it('does not simulate --format', () => {
    const e = defaultEstate(1);
    expect(err(e, 'docker -H docker-01 system df -v --format "{{json .}}"')).toMatch(/--format is not simulated/);
  });
});
