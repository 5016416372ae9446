// docker network and docker run --network, against docker/cli v29
// cli/command/network/{list,create,remove,inspect,connect,disconnect}.go (the
// table "NETWORK ID NAME DRIVER SCOPE", tabwriter 10/1/3, names sorted with
// sortorder.NaturalLess; testdata/network-list.golden; rm's "exit status 1"),
// moby daemon/daemon_unix.go (the daemon's bridge, host and none; the default
// bridge's options), daemon/libnetwork/ipamutils/utils.go (172.17.0.0/16 for the
// default bridge, then 172.18.0.0/16 ... as /16s, 192.168.0.0/16 as /20s),
// libnetwork/error.go ("network with name %s already exists"), network.go
// ("endpoint with name %s already exists in network %s"; active endpoints), and
// daemon/start_linux.go ("failed to set up container networking: network %s not found").
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/core/simulation.js';
import { gib } from '../../src/core/units.js';
import { estateFromJson } from '../../src/estate/file-read.js';
import { estateFileBytes } from '../../src/estate/file-write.js';
import { buildDefaultEstate } from '../../src/estate/presets/default.js';
import { returned } from '../../src/providers/blocking.js';
import { tokenize } from '../../src/providers/cli/tokenize.js';
import { DockerDriver } from '../../src/providers/docker/driver.js';

function estate() {
  const sim = new Simulation({ seed: 2 });
  sim.addSite({ id: 'dc', kind: 'datacenter' });
  sim.addCluster({ id: 'd', site: 'dc', platform: 'docker' });
  const docker = new DockerDriver(sim);
  sim.addHost({ id: 'docker-01', cluster: 'd', cores: 4, memoryMiB: gib(8), storageMiB: gib(200) });
  sim.addHost({ id: 'docker-02', cluster: 'd', cores: 4, memoryMiB: gib(8), storageMiB: gib(200) });
  const run = (line: string) => {
    const t = tokenize(line);
    if (!t.ok) throw new Error(t.error);
    return returned(sim, docker.exec(t.words));
  };
  return { sim, docker, run };
}

const inspect = (run: (l: string) => { stdout: string }, what: string) => JSON.parse(run(`docker network inspect ${what}`).stdout)[0];

describe('docker network', () => {
  it('lists the daemon own three networks, then the user bridges, sorted by name', () => {
    const { run } = estate();
    const ls = run('docker network ls').stdout.split('\n');
    expect(ls[0]).toBe('NETWORK ID     NAME      DRIVER    SCOPE');
    expect(ls.slice(1, 4).map((l) => l.split(/ +/).slice(1))).toEqual([
      ['bridge', 'bridge', 'local'],
      ['host', 'host', 'local'],
      ['none', 'null', 'local'],
    ]);
    expect(ls[1]).toMatch(/^[0-9a-f]{12} {3}bridge {4}bridge {4}local$/);
    const id = run('docker network create net-10').stdout;
    expect(id).toMatch(/^[0-9a-f]{64}\n$/);
    run('docker network create net-2');
    expect(
      run('docker network ls')
        .stdout.split('\n')
        .slice(1, -1)
        .map((l) => l.split(/ +/)[1]),
    ).toEqual(['bridge', 'host', 'net-2', 'net-10', 'none']);
    expect(run('docker network ls -q --no-trunc').stdout).toContain(id);
  });

  it('gives each bridge the lowest free pool, and says why it cannot make one', () => {
    const { run } = estate();
    run('docker network create a');
    run('docker network create b');
    expect(inspect(run, 'a').IPAM.Config).toEqual([{ Subnet: '172.18.0.0/16', Gateway: '172.18.0.1' }]);
    expect(inspect(run, 'b').IPAM.Config).toEqual([{ Subnet: '172.19.0.0/16', Gateway: '172.19.0.1' }]);
    expect(run('docker network rm a').stdout).toBe('a\n');
    run('docker network create c');
    expect(inspect(run, 'c').IPAM.Config).toEqual([{ Subnet: '172.18.0.0/16', Gateway: '172.18.0.1' }]);
    expect(run('docker network create b')).toMatchObject({ exitCode: 1, stderr: 'Error response from daemon: network with name b already exists\n' });
    expect(run('docker network create host')).toMatchObject({
      exitCode: 1,
      stderr: 'Error response from daemon: operation is not permitted on predefined host network\n',
    });
    expect(run('docker network create -d overlay o').stderr).toBe('Error response from daemon: plugin "overlay" not found\n');
    expect(run('docker network create').stderr).toMatch(/^docker: 'docker network create' requires 1 argument\n/);
    // The bridge is the daemon's: 172.17.0.0/16, and its options.
    const bridge = inspect(run, 'bridge');
    expect(bridge).toMatchObject({ Name: 'bridge', Driver: 'bridge', Scope: 'local', IPAM: { Config: [{ Subnet: '172.17.0.0/16', Gateway: '172.17.0.1' }] } });
    expect(bridge.Options['com.docker.network.bridge.name']).toBe('docker0');
    expect(Object.keys(inspect(run, 'c')).slice(0, 7)).toEqual(['Name', 'Id', 'Created', 'Scope', 'Driver', 'EnableIPv4', 'EnableIPv6']);
  });

  it('runs containers on a network: each an address from .2 up, listed by inspect while it runs', () => {
    const { sim, docker, run } = estate();
    run('docker network create app');
    run('docker run -d --name web --network app nginx:1.27');
    run('docker run -d --name api --network app nginx:1.27');
    run('docker run -d --name plain nginx:1.27');
    const app = inspect(run, 'app');
    const containers = Object.values(app.Containers) as { Name: string; IPv4Address: string; MacAddress: string }[];
    const mac = containers[0].MacAddress;
    expect(containers.map((c) => [c.Name, c.IPv4Address])).toEqual([
      ['web', '172.18.0.2/16'],
      ['api', '172.18.0.3/16'],
    ]);
    // A random MAC since moby 28: locally administered, not multicast.
    expect(mac).toMatch(/^[0-9a-f][26ae](:[0-9a-f]{2}){5}$/);
    expect((Object.values(inspect(run, 'bridge').Containers) as { Name: string; IPv4Address: string }[]).map((c) => c.IPv4Address)).toEqual(['172.17.0.2/16']);
    // Stopped, it has no endpoint: its address is free for the next one.
    run('docker stop web');
    expect(Object.keys(inspect(run, 'app').Containers)).toHaveLength(1);
    run('docker run -d --name cache --network app redis:7');
    expect((Object.values(inspect(run, 'app').Containers) as { Name: string; IPv4Address: string }[]).find((c) => c.Name === 'cache')?.IPv4Address).toBe(
      '172.18.0.2/16',
    );
    // Two runs at once (the first still pulling when the second comes): each its own address.
    const t1 = tokenize('docker run -d --name w1 --network app busybox');
    const t2 = tokenize('docker run -d --name w2 --network app busybox');
    if (!t1.ok || !t2.ok) throw new Error('tokenize');
    const first = docker.exec(t1.words);
    const second = docker.exec(t2.words);
    returned(sim, first);
    returned(sim, second);
    const ips = (Object.values(inspect(run, 'app').Containers) as { Name: string; IPv4Address: string }[]).map((c) => c.IPv4Address);
    expect(new Set(ips).size).toBe(ips.length);
  });

  it('refuses to remove a network in use or the daemon own, and goes on to the next name', () => {
    const { run } = estate();
    run('docker network create app');
    run('docker network create spare');
    run('docker run -d --name web --network app nginx:1.27');
    const r = run('docker network rm app bridge nope spare');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('spare\n');
    expect(r.stderr).toMatch(
      new RegExp(
        '^Error response from daemon: error while removing network: network app has active endpoints \\(name:"web" id:"[0-9a-f]{12}"\\)\\n' +
          'Error response from daemon: bridge is a pre-defined network and cannot be removed\\n' +
          'Error response from daemon: network nope not found\\nexit status 1\\n$',
      ),
    );
    run('docker stop web');
    expect(run('docker network rm app').exitCode).toBe(0);
    // The stopped container's network is gone: it cannot start.
    expect(run('docker start web').stderr).toBe(
      'Error response from daemon: failed to set up container networking: network app not found\nfailed to start containers: web\n',
    );
  });

  it('docker run --network: a network not there leaves the container Created; host mode discards published ports', () => {
    const { run } = estate();
    const r = run('docker run -d --name web --network nope nginx:1.27');
    expect(r).toMatchObject({
      exitCode: 125,
      stderr: expect.stringMatching(
        /docker: Error response from daemon: failed to set up container networking: network nope not found\n\nRun 'docker run --help' for more information\n$/,
      ),
    });
    expect(run('docker ps -a').stdout).toMatch(/ Created +web\n/);
    const host = run('docker run -d --name h --network host -p 8080:80 nginx:1.27');
    expect(host.exitCode).toBe(0);
    expect(host.stderr).toContain('WARNING: Published ports are discarded when using host network mode\n');
    expect(run('docker port h').stdout).toBe('');
    // Nothing held: another container can publish 8080.
    expect(run('docker run -d --name w2 -p 8080:80 nginx:1.27').exitCode).toBe(0);
  });

  it('connects and disconnects containers, in the daemon words when it cannot', () => {
    const { run } = estate();
    run('docker network create app');
    run('docker run -d --name web nginx:1.27');
    expect(run('docker network connect app web')).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
    expect((Object.values(inspect(run, 'app').Containers) as { Name: string; IPv4Address: string }[])[0]).toMatchObject({
      Name: 'web',
      IPv4Address: '172.18.0.2/16',
    });
    expect(run('docker network connect app web').stderr).toBe('Error response from daemon: endpoint with name web already exists in network app\n');
    expect(run('docker network connect host web').stderr).toBe(
      'Error response from daemon: cannot connect container to host network - container must be created in host network mode\n',
    );
    expect(run('docker network connect app nope').stderr).toBe('Error response from daemon: No such container: nope\n');
    expect(run('docker network disconnect app web')).toMatchObject({ exitCode: 0, stdout: '' });
    expect(inspect(run, 'app').Containers).toEqual({});
    expect(run('docker network disconnect app web').stderr).toMatch(/^Error response from daemon: container [0-9a-f]{64} is not connected to network app\n$/);
  });

  it('comes back from a saved estate file: the networks, and which network each container is on', () => {
    const estate = buildDefaultEstate(1);
    expect(estate.providers.exec('docker network create app').exitCode).toBe(0);
    expect(estate.providers.exec('docker run -d --name web --network app nginx:1.27').exitCode).toBe(0);
    estate.sim.advance(10_000);
    const back = estateFromJson(JSON.parse(Buffer.concat(estateFileBytes(estate)).toString('utf8')));
    if (!back.ok) throw new Error(back.error.message);
    const app = JSON.parse(back.value.providers.exec('docker network inspect app').stdout)[0];
    expect(app.IPAM.Config).toEqual([{ Subnet: '172.18.0.0/16', Gateway: '172.18.0.1' }]);
    expect((Object.values(app.Containers) as { Name: string; IPv4Address: string }[]).map((c) => [c.Name, c.IPv4Address])).toEqual([['web', '172.18.0.2/16']]);
    expect(back.value.providers.exec('docker network create app').stderr).toContain('already exists');
  });

  it('keeps the networks in the estate file, and each Docker host has its own', () => {
    const { docker, run } = estate();
    run('docker network create app');
    run('docker context use docker-02');
    expect(run('docker network ls').stdout).not.toContain(' app ');
    expect(docker.networks.toJSON()).toEqual({ 'docker-01': [expect.objectContaining({ name: 'app', subnet: '172.18.0.0/16' })] });
  });
});
