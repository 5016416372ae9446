import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/core/simulation.js';
import { gib } from '../../src/core/units.js';
import { DockerDriver } from '../../src/providers/docker/driver.js';
import { dockerHosts } from './docker-hosts.js';

const hosts = dockerHosts;

describe('docker run and ps', () => {
  it('pulls a missing image, starts in seconds, and lists the container', () => {
    const { sim, run } = hosts();
    const r = run('docker run -d --name web --memory 256m --cpus 1 --restart unless-stopped -p 8080:80 nginx:1.27');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect(r.stderr).toContain("Unable to find image 'nginx:1.27' locally");
    // It returned once web ran: about 5 s of pull (188 MB at 40 MiB/s) and a start of under 2 s.
    expect(sim.now).toBeGreaterThan(4000);
    expect(sim.now).toBeLessThan(8000);
    sim.advance(10_000);
    const ps = run('docker ps').stdout.split('\n');
    expect(ps[0]).toMatch(/^CONTAINER ID +IMAGE +COMMAND +CREATED +STATUS +PORTS +NAMES$/);
    // Published on IPv4 and IPv6 both (docker/cli formatter/container.go DisplayablePorts).
    expect(ps[1]).toMatch(
      /^[0-9a-f]{12} +nginx:1\.27 +"\/docker-entrypoint\.…" +1\d seconds ago +Up 10 seconds +0\.0\.0\.0:8080->80\/tcp, \[::\]:8080->80\/tcp +web$/,
    );
    // The second run of the same image needs no pull.
    expect(run('docker run -d --name web2 nginx:1.27').stderr).toBe('');
  });

  it('stops, restarts and removes by name, and says when a name is not there', () => {
    const { sim, run } = hosts();
    run('docker run -d --name api node:22-alpine');
    sim.advance(5000);
    expect(run('docker stop api').stdout).toBe('api\n');
    sim.advance(15_000);
    expect(run('docker ps').stdout).not.toContain('api');
    expect(run('docker ps -a').stdout).toMatch(/Exited \(0\) \d+ seconds ago +api\n$/);
    expect(run('docker start api').stdout).toBe('api\n');
    const rm = run('docker rm api');
    sim.advance(5000);
    // moby daemon/delete.go: the name as given, quoted.
    expect(run('docker rm api').stderr).toBe(
      'Error response from daemon: cannot remove container "api": container is running: stop the container before removing or force remove\n',
    );
    void rm;
    expect(run('docker rm -f api').stdout).toBe('api\n');
    expect(run('docker stop ghost').stderr).toBe('Error response from daemon: No such container: ghost\n');
  });

  it('keeps containers per Docker host, chosen with -H or docker context use', () => {
    const { run } = hosts();
    run('docker -H docker-02 run -d --name cache redis:7');
    expect(run('docker ps -a').stdout).not.toContain('cache');
    expect(run('docker -H docker-02 ps -a').stdout).toContain('cache');
    run('docker context use docker-02');
    expect(run('docker ps -a').stdout).toContain('cache');
    expect(run('docker context ls').stdout).toContain('docker-02 *');
  });

  it('refuses what the daemon refuses, in its words', () => {
    const { run } = hosts();
    run('docker run -d --name web nginx');
    const conflict = run('docker run -d --name web nginx');
    expect(conflict.exitCode).toBe(125);
    expect(conflict.stderr).toMatch(
      /^docker: Error response from daemon: Conflict\. The container name "\/web" is already in use by container "[0-9a-f]{64}"\./,
    );
    // moby daemon/containerd/image_pull.go; docker/cli run.go withHelp.
    expect(run('docker run -d ngnix').stderr).toBe(
      "Unable to find image 'ngnix:latest' locally\n" +
        "docker: Error response from daemon: pull access denied for ngnix, repository does not exist or may require 'docker login'\n\n" +
        "Run 'docker run --help' for more information\n",
    );
    expect(run('docker run -d --memory 4m nginx').stderr).toContain('Minimum memory limit allowed is 6MB');
    expect(run('docker run -d --cpus 9 nginx').stderr).toContain('Range of CPUs is from 0.01 to 4.00, as there are only 4 CPUs available');
    expect(run('docker run -d --memory 100m --memory-reservation 200m nginx').stderr).toContain(
      'Minimum memory limit can not be less than memory reservation limit',
    );
    // The daemon checks the policy (moby api/types/container/hostconfig.go ValidateRestartPolicy).
    expect(run('docker run -d --restart sometimes nginx').stderr).toContain(
      "docker: Error response from daemon: invalid restart policy: unknown policy 'sometimes'",
    );
    expect(run('docker run -d --bogus nginx').stderr).toBe(
      "unknown flag: --bogus\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n",
    );
    expect(run('docker frobnicate').stderr).toBe("docker: unknown command: docker frobnicate\n\nRun 'docker --help' for more information\n");
  });

  it('accepts real flags it does not simulate (env, volumes, -it)', () => {
    const { run } = hosts();
    expect(run('docker run -dit --name box -e A=1 -v /data:/data --network host alpine sh -c "sleep 1000"').exitCode).toBe(0);
    expect(run('docker ps -a --no-trunc').stdout).toContain('"sh -c sleep 1000"');
  });
});

describe('limits and restart policies', () => {
  it('a --memory below the working set gets OOM-killed and restarted by its policy', () => {
    const { sim, run } = hosts();
    // postgres works in about 256 MiB: a 64 MiB limit cannot hold it.
    run('docker run -d --name pg --memory 64m --restart on-failure:3 postgres:16');
    sim.advance(120_000);
    const inspect = JSON.parse(run('docker inspect pg').stdout)[0];
    expect(inspect.State.OOMKilled).toBe(true);
    expect(inspect.State.ExitCode).toBe(137);
    expect(inspect.RestartCount).toBe(3);
    expect(inspect.HostConfig.Memory).toBe(64 * 1048576);
    expect(inspect.HostConfig.RestartPolicy).toEqual({ Name: 'on-failure', MaximumRetryCount: 3 });
    expect(run('docker ps -a').stdout).toMatch(/Exited \(137\)/);
  });

  it('docker stats shows usage against the limit', () => {
    const { sim, run } = hosts();
    run('docker run -d --name r --memory 512m redis:7');
    sim.advance(10_000);
    const stats = run('docker stats --no-stream').stdout.split('\n');
    expect(stats[0]).toMatch(/^CONTAINER ID +NAME +CPU % +MEM USAGE \/ LIMIT +MEM % +NET I\/O +BLOCK I\/O +PIDS$/);
    expect(stats[1]).toMatch(/^[0-9a-f]{12} +r +\d+\.\d\d% +\d+(\.\d+)?MiB \/ 512MiB +\d+\.\d\d% /);
  });

  it('docker images lists what the current host has pulled', () => {
    const { run } = hosts();
    run('docker pull alpine');
    run('docker run -d --name x redis:7');
    // Docker 29's default view, sorted by name (docker/cli cli/command/image/tree.go).
    const images = run('docker images').stdout.split('\n');
    expect(images[0]).toMatch(/^IMAGE +ID +DISK USAGE +CONTENT SIZE +EXTRA$/);
    expect(images.slice(1, 3).map((l) => l.split(/ +/)[0])).toEqual(['alpine:latest', 'redis:7']);
    // The classic table, newest first.
    const classic = run('docker images --digests').stdout.split('\n');
    expect(classic[0]).toMatch(/^REPOSITORY +TAG +DIGEST +IMAGE ID +CREATED +SIZE$/);
    expect(classic.slice(1, 3).map((l) => l.split(/ +/).slice(0, 2).join(':'))).toEqual(['redis:7', 'alpine:latest']);
  });
});

describe('soft limits (--memory-reservation)', () => {
  // Docker docs, "Resource constraints": --memory-reservation is a soft limit, never a
  // reservation checked at start; docker run has no admission control at all.
  it('claim nothing at placement and never refuse a container', () => {
    const { sim, run } = hosts();
    expect(run('docker run -d --name a --memory-reservation 1g --memory 2g postgres:16').exitCode).toBe(0);
    expect(run('docker run -d --name big --memory-reservation 64g nginx').exitCode).toBe(0);
    expect(sim.host('docker-01')!.allocated.memoryMiB).toBe(0);
  });

  it('do not protect a container from the OOM killer: the kernel kills the biggest user (mm/oom_kill.c oom_badness)', () => {
    const sim = new Simulation({ seed: 2 });
    sim.addSite({ id: 'dc', kind: 'datacenter' });
    sim.addCluster({ id: 'd', site: 'dc', platform: 'docker' });
    const docker = new DockerDriver(sim);
    sim.addHost({ id: 'small', cluster: 'd', cores: 4, memoryMiB: 320, storageMiB: gib(50) });
    // About 440 MiB used on 320 MiB: someone goes, whatever its reservation.
    docker.run({ name: 'reserved', image: 'postgres:16', memoryReservationMiB: 300 });
    docker.run({ name: 'greedy', image: 'postgres:16' });
    docker.run({ name: 'docs', image: 'mongo:7' });
    const names = ['reserved', 'greedy', 'docs'];
    const w = names.map((n) => sim.workloads.indexOf(`small/${n}`)!);
    for (let t = 0; t < 60 && names.every((n) => sim.workload(`small/${n}`)!.state !== 'stopped'); t++) sim.advance(1000);
    const killed = names.filter((n) => sim.workload(`small/${n}`)!.state === 'stopped');
    expect(killed).toHaveLength(1);
    // What each used at the kill (the tick's figures are still there): the victim used the most.
    const used = w.map((i) => sim.workloads.granted[i]);
    expect(used[names.indexOf(killed[0])]).toBe(Math.max(...used));
  });
});
