// docker system df against docker/cli cli/command/formatter/disk_usage.go
// (defaultDiskUsageTableFormat; units.HumanSize; "%s (%v%%)" with Go's integer
// division, and no share when the total is 0) and moby daemon/disk_usage.go
// (images active when a container uses one, containers when running, volumes
// when mounted).
import { describe, expect, it } from 'vitest';
import { defaultEstate } from '../default-estate.js';
import { err, ok } from './estate-lines.js';

describe('docker system df', () => {
  it('sums the host’s images, containers and volumes, what is in use and what could be reclaimed', () => {
    const e = defaultEstate(1);
    const before = ok(e, 'docker -H docker-01 system df').split('\n');
    expect(before[0]).toBe('TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE');
    expect(before[1]).toMatch(/^Images {10}4 {9}4 {9}[\d.]+GB +0B \(0%\)$/);
    expect(before[2]).toBe('Containers      4         4         0B        0B');
    expect(before[4]).toBe('Build Cache     0         0         0B        0B');
    ok(e, 'docker -H docker-01 pull alpine');
    ok(e, 'docker -H docker-01 volume create data');
    ok(e, 'docker -H docker-01 run -d --name w -v data:/data alpine');
    ok(e, 'docker -H docker-01 stop w');
    const after = ok(e, 'docker -H docker-01 system df').split('\n');
    expect(after[1]).toMatch(/^Images {10}5 {9}5 /);
    expect(after[2]).toBe('Containers      5         4         0B        0B');
    expect(after[3]).toBe('Local Volumes   1         1         0B        0B');
    ok(e, 'docker -H docker-01 rm w');
    expect(ok(e, 'docker -H docker-01 system df').split('\n')[1]).toMatch(/^Images {10}5 {9}4 {9}[\d.]+GB +[\d.]+MB \(0%\)$/);
  });

  it('takes no arguments, as cobra says', () => {
    const e = defaultEstate(1);
    expect(err(e, 'docker system df x')).toMatch(/^docker: 'docker system df' accepts no arguments/);
  });
});
