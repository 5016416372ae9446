// Published host ports: held from a container's start until it exits, and a
// port another running container holds refuses a start. Sources: moby
// daemon/libnetwork/portallocator/portallocator.go (ErrPortAlreadyAllocated:
// "Bind for %s:%d failed: port is already allocated"; since 28.3 an address and
// its family's 0.0.0.0 or :: clash), daemon/libnetwork/endpoint.go
// programExternalConnectivity ("driver failed programming external
// connectivity on endpoint %s (%s): %v"), daemon/start_linux.go (28.0.1 and
// later: "failed to set up container networking: %w"), daemon/container/state.go
// (Created while never started), daemon/container_operations.go releaseNetwork
// (the port map dropped when it stops); integration/network/bridge
// TestPublishedPortAlreadyInUse (left Created); docker/cli
// cli/command/container/run.go (withHelp, status 125), start.go ("failed to
// start containers: NAME", status 1) and port.go (v29: "80/tcp -> 0.0.0.0:8080"
// lines sorted naturally; "no public port '%s' published for %s"; golden files
// container-port-all-ports.golden, container-port-ipv6-and-ipv4.golden) with
// moby api/types/network ParsePort's errors, and cli/required.go RequiresRangeArgs.
import { describe, expect, it } from 'vitest';
import { blockingBinding, namedBindings } from '../../src/providers/docker/ports.js';
import { dockerHosts } from './docker-hosts.js';

const estate = dockerHosts;

/** docker inspect's State.Status of a container. */
const status = (run: (line: string) => { stdout: string }, name: string) => JSON.parse(run(`docker inspect ${name}`).stdout)[0].State.Status;

/** The daemon's words for a port another container holds, as a start of `name` meets them. */
const taken = (name: string) =>
  'failed to set up container networking: driver failed programming external connectivity on endpoint ' +
  `${name} \\([0-9a-f]{64}\\): Bind for 0\\.0\\.0\\.0:8080 failed: port is already allocated`;
const TAKEN = new RegExp(`^docker: Error response from daemon: ${taken('web2')}\\n\\nRun 'docker run --help' for more information\\n$`);

describe('published ports', () => {
  it('refuses a second container the host port a running one holds, and leaves it Created with no ports shown', () => {
    const { sim, run } = estate();
    expect(run('docker run -d --name web1 -p 8080:80 nginx:1.27').exitCode).toBe(0);
    const r = run('docker run -d --name web2 -p 8080:80 nginx:1.27');
    expect(r.exitCode).toBe(125);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(TAKEN);
    sim.advance(5000);
    const ps = run('docker ps -a').stdout.split('\n');
    const web2 = ps.find((l) => l.endsWith(' web2'))!;
    expect(web2).toMatch(/ +Created +web2$/);
    expect(ps.find((l) => l.endsWith(' web1'))).toMatch(/Up \d+ seconds +0\.0\.0\.0:8080->80\/tcp, \[::\]:8080->80\/tcp +web1$/);
    expect(status(run, 'web2')).toBe('created');
    expect(JSON.parse(run('docker inspect web2').stdout)[0].State).toMatchObject({ ExitCode: 128, StartedAt: '0001-01-01T00:00:00Z' });
    // The name is taken: the Created container is there.
    expect(run('docker run -d --name web2 -p 8081:80 nginx:1.27').stderr).toContain('Conflict. The container name "/web2" is already in use');
  });

  it('frees a port when its container stops: a stopped one shows no ports, and another can start on it', () => {
    const { sim, run } = estate();
    run('docker run -d --name web1 -p 8080:80 nginx:1.27');
    run('docker run -d --name cache -p 6379 redis:7');
    expect(run('docker stop web1').exitCode).toBe(0);
    const stopped = run('docker ps -a')
      .stdout.split('\n')
      .find((l) => l.endsWith(' web1'))!;
    expect(stopped).toMatch(/Exited \(0\) .* ago +web1$/);
    expect(stopped).not.toContain('8080');
    expect(run('docker run -d --name web2 -p 8080:80 nginx:1.27').exitCode).toBe(0);
    // Now web1 cannot start: web2 holds 8080. It stays exited; start prints the daemon's error and its summary.
    const again = run('docker start web1');
    expect(again.exitCode).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(new RegExp(`^Error response from daemon: ${taken('web1')}\\nfailed to start containers: web1\\n$`));
    expect(status(run, 'web1')).toBe('exited');
    // daemon/start.go: the failed start is kept as State.Error, and an exit code of 0 becomes 128 (exitUnknown).
    expect(JSON.parse(run('docker inspect web1').stdout)[0].State).toMatchObject({
      ExitCode: 128,
      Error: expect.stringMatching(/^failed to set up container networking: .*port is already allocated$/),
    });
    expect(run('docker ps -a').stdout).toMatch(/ Exited \(128\) .* +web1\n/);
    // Once web2 is gone, web1 starts.
    run('docker rm -f web2');
    expect(run('docker start web1').exitCode).toBe(0);
    sim.advance(3000);
    expect(run('docker ps').stdout).toMatch(/0\.0\.0\.0:8080->80\/tcp, \[::\]:8080->80\/tcp +web1\n/);
    expect(JSON.parse(run('docker inspect web1').stdout)[0].State).toMatchObject({ Status: 'running', ExitCode: 0, Error: '' });
  });

  it('starts a Created container once its port is free, and restart says why it cannot', () => {
    const { sim, run } = estate();
    run('docker run -d --name web1 -p 8080:80 nginx:1.27');
    expect(run('docker run -d --name web2 -p 8080:80 nginx:1.27').exitCode).toBe(125);
    const restart = run('docker restart web2');
    expect(restart.exitCode).toBe(1);
    expect(restart.stderr).toMatch(
      /^Error response from daemon: Cannot restart container web2: failed to set up container networking: .*Bind for 0\.0\.0\.0:8080 failed/,
    );
    run('docker stop web1');
    expect(run('docker start web2').stdout).toBe('web2\n');
    sim.advance(3000);
    expect(run('docker ps').stdout).toMatch(/Up \d+ seconds +0\.0\.0\.0:8080->80\/tcp, \[::\]:8080->80\/tcp +web2\n/);
    expect(status(run, 'web2')).toBe('running');
  });

  it('with --rm, the container that could not start is removed', () => {
    const { run } = estate();
    run('docker run -d --name web1 -p 8080:80 nginx:1.27');
    expect(run('docker run -d --rm --name web2 -p 8080:80 nginx:1.27').stderr).toMatch(TAKEN);
    expect(run('docker ps -a').stdout).not.toContain('web2');
  });

  it('a name taken again after docker rm is one container, listed once (review finding)', () => {
    const { run } = estate();
    run('docker run -d --name web -p 8080:80 nginx:1.27');
    run('docker rm -f web');
    expect(run('docker run -d --name web -p 8080:80 nginx:1.27').exitCode).toBe(0);
    expect(
      run('docker ps -a')
        .stdout.split('\n')
        .filter((l) => l.endsWith(' web')),
    ).toHaveLength(1);
    expect(run('docker port web').stdout).toBe('80/tcp -> 0.0.0.0:8080\n80/tcp -> [::]:8080\n');
  });

  it('holds a port per host: the same port on another Docker host is free', () => {
    const { run } = estate();
    run('docker run -d --name web1 -p 8080:80 nginx:1.27');
    run('docker context use docker-02');
    expect(run('docker run -d --name web2 -p 8080:80 nginx:1.27').exitCode).toBe(0);
  });

  it('clashes as the allocator does: an address and its family any-address both ways, the holder named; other addresses and protocols not', () => {
    const held = (specs: string[]) => namedBindings(specs);
    const wants = (spec: string, holder: string[]) => blockingBinding(namedBindings([spec]), held(holder));
    expect(wants('127.0.0.1:8080:80', ['8080:80'])).toEqual({ ip: '0.0.0.0', port: 8080, proto: 'tcp' });
    expect(wants('8080:80', ['127.0.0.1:8080:80'])).toEqual({ ip: '127.0.0.1', port: 8080, proto: 'tcp' });
    expect(wants('[::1]:8080:80', ['8080:80'])).toEqual({ ip: '::', port: 8080, proto: 'tcp' });
    expect(wants('127.0.0.1:8080:80', ['10.0.0.5:8080:80'])).toBeUndefined();
    expect(wants('8080:80/udp', ['8080:80'])).toBeUndefined();
    expect(wants('[::1]:8080:80', ['127.0.0.1:8080:80'])).toBeUndefined();
    // An unpublished host port (-p 80) is the daemon's pick, never a clash; nor is a spec it cannot read.
    expect(wants('80', ['8080:80'])).toBeUndefined();
    expect(wants('not-a-port', ['8080:80'])).toBeUndefined();
  });

  it('docker port lists what a running container publishes, one port or all, and nothing once it stops', () => {
    const { run } = estate();
    run('docker run -d --name web -p 8443:443 -p 8080:80 -p 127.0.0.1:5353:53/udp -p 80 nginx:1.27');
    // Sorted as whole lines, digit runs by value: 80 before 443, 0.0.0.0 before [::], the daemon's pick shown as it fell.
    expect(run('docker port web')).toMatchObject({
      exitCode: 0,
      stdout:
        '53/udp -> 127.0.0.1:5353\n80/tcp -> 0.0.0.0:8080\n80/tcp -> 0.0.0.0:32768\n80/tcp -> [::]:8080\n80/tcp -> [::]:32768\n443/tcp -> 0.0.0.0:8443\n443/tcp -> [::]:8443\n',
    });
    expect(run('docker port web 443').stdout).toBe('0.0.0.0:8443\n[::]:8443\n');
    // One port's addresses sorted as whole lines too; an empty port is none (all of them).
    run('docker run -d --name multi -p 8081:80 -p 127.0.0.1:9090:80 -p 80:80 nginx:1.27');
    expect(run('docker port multi 80').stdout).toBe('0.0.0.0:80\n0.0.0.0:8081\n127.0.0.1:9090\n[::]:80\n[::]:8081\n');
    expect(run("docker port multi ''").stdout).toBe(run('docker port multi').stdout);
    // A port the daemon picks is none the container names itself.
    run('docker run -d --name picked -p 80 -p 32769:81 nginx:1.27');
    expect(run('docker port picked').stdout).toBe('80/tcp -> 0.0.0.0:32770\n80/tcp -> [::]:32770\n81/tcp -> 0.0.0.0:32769\n81/tcp -> [::]:32769\n');
    expect(run('docker port web 53/UDP').stdout).toBe('127.0.0.1:5353\n');
    expect(run('docker port web 81')).toMatchObject({ exitCode: 1, stdout: '', stderr: "no public port '81' published for web\n" });
    expect(run('docker port web 53')).toMatchObject({ exitCode: 1, stderr: "no public port '53' published for web\n" });
    expect(run('docker port web abc')).toMatchObject({ exitCode: 1, stderr: "invalid port 'abc': invalid syntax\n" });
    expect(run('docker port web 70000')).toMatchObject({ exitCode: 1, stderr: "invalid port '70000': value out of range\n" });
    expect(run('docker port nope 80')).toMatchObject({ exitCode: 1, stderr: 'Error response from daemon: No such container: nope\n' });
    expect(run('docker port')).toMatchObject({
      exitCode: 1,
      stderr:
        "docker: 'docker port' requires at least 1 and at most 2 arguments\n\nUsage:  docker port CONTAINER [PRIVATE_PORT[/PROTO]]\n\nRun 'docker port --help' for more information\n",
    });
    // An exposed port that is not published is no mapping; a stopped container has none at all.
    run('docker run -d --name cache redis:7');
    expect(run('docker port cache')).toMatchObject({ exitCode: 0, stdout: '' });
    run('docker stop web');
    expect(run('docker port web')).toMatchObject({ exitCode: 0, stdout: '' });
    expect(run('docker port web 443')).toMatchObject({ exitCode: 1, stderr: "no public port '443' published for web\n" });
  });

  describe('whoever starts it (review findings)', () => {
    it('a restart policy: a port taken while the container waited to restart leaves it exited, as the daemon does', () => {
      const { sim, run } = estate();
      // postgres needs about 256 MiB: 64 MiB gets it OOM-killed, and "always" brings it back after a back-off.
      run('docker run -d --name pg --memory 64m --restart always -p 5432:5432 postgres:16');
      let waiting = false;
      for (let t = 0; t < 400 && !waiting; t++) {
        sim.advance(250);
        waiting = / Restarting \(137\) .* +pg\n/.test(run('docker ps').stdout);
      }
      expect(waiting).toBe(true);
      expect(run('docker run -d --name pg2 -p 5432:5432 postgres:16').exitCode).toBe(0);
      sim.advance(120_000);
      expect(status(run, 'pg')).toBe('exited');
      expect(run('docker port pg2').stdout).toBe('5432/tcp -> 0.0.0.0:5432\n5432/tcp -> [::]:5432\n');
      expect(sim.log.all().some((e) => e.kind === 'workload.restart-failed' && e.message.includes('Bind for 0.0.0.0:5432 failed'))).toBe(true);
    });

    it('a host back: a Created container stays Created, the one that ran comes back', () => {
      const { sim, run } = estate();
      run('docker run -d --name web1 --restart always -p 8080:80 nginx:1.27');
      run('docker run -d --name web2 --restart always -p 8080:80 nginx:1.27');
      run('docker run -d --name api --restart always -p 9000:80 nginx:1.27');
      // web2's port is free again when the host comes back: it stays Created all the same (HasBeenStartedBefore).
      run('docker rm -f web1');
      expect(sim.setHostState('docker-01', 'failed').ok).toBe(true);
      sim.advance(1000);
      expect(sim.setHostState('docker-01', 'connected').ok).toBe(true);
      sim.advance(30_000);
      expect(status(run, 'api')).toBe('running');
      expect(status(run, 'web2')).toBe('created');
    });

    it('the console (the provider): refused the same, and a container that started once is never Created again', () => {
      const { sim, docker, run } = estate();
      run('docker run -d --name web1 -p 8080:80 nginx:1.27');
      run('docker run -d --name web2 -p 8080:80 nginx:1.27');
      const refused = docker.perform('docker-01/web2', 'start');
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error.message).toMatch(/Bind for 0\.0\.0\.0:8080 failed: port is already allocated$/);
      run('docker stop web1');
      expect(docker.perform('docker-01/web2', 'start').ok).toBe(true);
      sim.advance(3000);
      run('docker stop web2');
      expect(status(run, 'web2')).toBe('exited');
      expect(run('docker ps -a').stdout).toMatch(/Exited \(0\) .* +web2\n/);
    });

    it('a port the daemon picked (-p 80) is picked again at each start, never one another container holds', () => {
      const { run } = estate();
      run('docker run -d --name a -p 80 nginx:1.27');
      expect(run('docker port a 80').stdout).toBe('0.0.0.0:32768\n[::]:32768\n');
      run('docker stop a');
      expect(run('docker run -d --name b -p 32768:80 nginx:1.27').exitCode).toBe(0);
      expect(run('docker start a').exitCode).toBe(0);
      expect(run('docker port a 80').stdout).not.toContain(':32768');
      expect(run('docker port b 80').stdout).toBe('0.0.0.0:32768\n[::]:32768\n');
    });

    it('a container from a file saved before its -p specs were kept binds what its PORTS text shows', () => {
      const { sim, run } = estate();
      run('docker run -d --name web1 -p 8080:80 nginx:1.27');
      const { publish: _specs, ...older } = sim.workloadRow('docker-01/web1')!.attrs;
      sim.setAttrs('docker-01/web1', older);
      run('docker stop web1');
      run('docker run -d --name web2 -p 8080:80 nginx:1.27');
      expect(run('docker start web1').stderr).toMatch(/Bind for 0\.0\.0\.0:8080 failed: port is already allocated/);
    });

    it('one port named twice meets itself; a paused container still holds its ports', () => {
      const { run } = estate();
      expect(run('docker run -d --name twice -p 8080:80 -p 8080:81 nginx:1.27').stderr).toMatch(/endpoint twice .*Bind for 0\.0\.0\.0:8080 failed/);
      expect(status(run, 'twice')).toBe('created');
      run('docker run -d --name web1 -p 9090:80 nginx:1.27');
      run('docker pause web1');
      expect(run('docker run -d --name web2 -p 9090:80 nginx:1.27').exitCode).toBe(125);
    });
  });
});
