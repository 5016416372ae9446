// Docker networks against docker/cli and moby. Sources: docker/cli
// cli/command/network/{list,create,remove,inspect,connect,disconnect}.go (v29:
// ls's "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}" sorted by
// sortorder.NaturalLess; rm's "exit status 1" after its errors; each subcommand's
// own flags, rm -f --force), cli/command/container/opts.go ("conflicting options:
// port publishing and the container type network mode"); moby
// daemon/network.go ("operation is not permitted on predefined %s network",
// "network with name %s already exists", "%s is a pre-defined network and cannot
// be removed", "error while removing network: network %s has active endpoints
// (%s)"), daemon/container_operations.go (an endpoint made as a container starts
// and released as it stops; "endpoint with name %s already exists in network %s";
// "container %s is not connected to network %s"), daemon/start_linux.go
// ("failed to set up container networking: %w"), daemon/create.go (the
// host-mode warning), libnetwork/ipamutils (172.17.0.0/16 for the default bridge,
// then 172.18-31 as /16s) and ipams/defaultipam (the lowest free address after
// the gateway's .1); api/types/network Inspect (v29's field order).
import { describe, expect, it } from 'vitest';
import { estateFromJson } from '../../src/estate/file-read.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { runLine } from '../../src/estate/script.js';
import { topologyOf } from '../../src/network/topology.js';
import type { DockerDriver } from '../../src/providers/docker/driver.js';
import { reachCommand } from '../../src/providers/reach-command.js';
import { defaultEstate } from '../default-estate.js';
import { dockerHosts } from './docker-hosts.js';

const inspect = (run: (line: string) => { stdout: string }, what: string) => JSON.parse(run(`docker network inspect ${what}`).stdout)[0];
const addresses = (run: (line: string) => { stdout: string }, network: string) =>
  Object.values(inspect(run, network).Containers as Record<string, { Name: string; IPv4Address: string }>).map((c) => `${c.Name} ${c.IPv4Address}`);

describe('docker network ls, create, rm', () => {
  it("lists the daemon's bridge, host and none, and a user's bridge by name, with 12-digit IDs", () => {
    const { run } = dockerHosts();
    const id = run('docker network create backend');
    expect(id.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    const ls = run('docker network ls').stdout.split('\n');
    expect(ls[0]).toBe('NETWORK ID     NAME      DRIVER    SCOPE');
    expect(ls.slice(1, -1).map((l) => l.replace(/^[0-9a-f]{12}\s+/, ''))).toEqual([
      'backend   bridge    local',
      'bridge    bridge    local',
      'host      host      local',
      'none      null      local',
    ]);
    expect(ls[1]!.slice(0, 12)).toBe(id.stdout.slice(0, 12));
    // ls -f is --filter, rm -f --force: each subcommand its own flags.
    expect(run('docker network ls -f driver=bridge -q').exitCode).toBe(0);
  });

  it("refuses a name taken, the daemon's own names, an overlay outside a swarm and a driver it lacks", () => {
    const { run } = dockerHosts();
    run('docker network create backend');
    expect(run('docker network create backend').stderr).toBe('Error response from daemon: network with name backend already exists\n');
    expect(run('docker network create host').stderr).toBe('Error response from daemon: operation is not permitted on predefined host network\n');
    expect(run('docker network create -d overlay o').stderr).toContain('This node is not a swarm manager.');
    expect(run('docker network create -d weave w').stderr).toBe('Error response from daemon: plugin "weave" not found\n');
    expect(run('docker network create ""').stderr).toBe('Error response from daemon: invalid name: \n');
  });

  it('gives each bridge the lowest free pool, the gateway .1 and containers the lowest free address from .2', () => {
    const { run } = dockerHosts();
    run('docker network create a');
    run('docker network create b');
    expect(inspect(run, 'a').IPAM.Config).toEqual([{ Subnet: '172.18.0.0/16', Gateway: '172.18.0.1' }]);
    expect(inspect(run, 'b').IPAM.Config).toEqual([{ Subnet: '172.19.0.0/16', Gateway: '172.19.0.1' }]);
    run('docker network rm a');
    run('docker network create c');
    expect(inspect(run, 'c').IPAM.Config[0].Subnet).toBe('172.18.0.0/16');
    run('docker run -d --name one --network c nginx:1.27');
    run('docker run -d --name two --network c nginx:1.27');
    expect(addresses(run, 'c').sort()).toEqual(['one 172.18.0.2/16', 'two 172.18.0.3/16']);
    // An address is the container's while it runs; the lowest free is handed out again.
    run('docker stop one');
    expect(addresses(run, 'c')).toEqual(['two 172.18.0.3/16']);
    run('docker run -d --name three --network c nginx:1.27');
    expect(addresses(run, 'c').sort()).toEqual(['three 172.18.0.2/16', 'two 172.18.0.3/16']);
    run('docker start one');
    expect(addresses(run, 'c').sort()).toEqual(['one 172.18.0.4/16', 'three 172.18.0.2/16', 'two 172.18.0.3/16']);
  });

  it('will not remove a network with endpoints (naming them) or a predefined one; -f passes over one not there', () => {
    const { run, id } = dockerHosts();
    run('docker network create backend');
    run('docker run -d --name db --network backend postgres:16');
    const r = run('docker network rm backend bridge gone');
    expect(r.exitCode).toBe(1);
    const endpoint = inspect(run, 'backend').Containers[id('db')].EndpointID.slice(0, 12);
    expect(r.stderr).toBe(
      [
        `Error response from daemon: error while removing network: network backend has active endpoints (name:"db" id:"${endpoint}")`,
        'Error response from daemon: bridge is a pre-defined network and cannot be removed',
        'Error response from daemon: network gone not found',
        'exit status 1',
        '',
      ].join('\n'),
    );
    expect(run('docker network rm -f gone')).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
    run('docker rm -f db');
    expect(run('docker network rm backend')).toMatchObject({ exitCode: 0, stdout: 'backend\n' });
  });
});

describe('docker run --network', () => {
  it('leaves a container Created when its network is not there (exit 125)', () => {
    const { run } = dockerHosts();
    run('docker pull nginx:1.27');
    const r = run('docker run -d --name x --network nope nginx:1.27');
    expect(r.exitCode).toBe(125);
    expect(r.stderr).toBe(
      "docker: Error response from daemon: failed to set up container networking: network nope not found\n\nRun 'docker run --help' for more information\n",
    );
    expect(JSON.parse(run('docker inspect x').stdout)[0].State.Status).toBe('created');
  });

  it('keeps the ID of the network a container joined: one made again under its name is not it', () => {
    const { run } = dockerHosts();
    const first = run('docker network create backend').stdout.trim();
    run('docker run -d --name db --network backend postgres:16');
    run('docker stop db');
    run('docker network rm backend');
    run('docker network create backend');
    const r = run('docker start db');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`Error response from daemon: failed to set up container networking: network ${first} not found`);
  });

  it("discards published ports in host mode, with the daemon's warning; refuses them in another container's namespace", () => {
    const { run } = dockerHosts();
    const host = run('docker run -d --name h --network host -p 8080:80 nginx:1.27');
    expect(host.exitCode).toBe(0);
    expect(host.stderr).toContain('WARNING: Published ports are discarded when using host network mode\n');
    expect(run('docker port h').stdout).toBe('');
    expect(run('docker run -d --name c --network container:h -p 81:80 nginx:1.27')).toMatchObject({
      exitCode: 125,
      stderr: "docker: conflicting options: port publishing and the container type network mode\n\nRun 'docker run --help' for more information\n",
    });
    // --network "" is the default bridge.
    run('docker run -d --name d --network "" nginx:1.27');
    expect(addresses(run, 'bridge')).toEqual(['d 172.17.0.2/16']);
  });
});

describe("the review's cases", () => {
  it('a stopped container whose network was made again is mended by connect, and disconnect works on one gone', () => {
    const { run } = dockerHosts();
    run('docker network create app');
    run('docker run -d --name w --network app nginx:1.27');
    run('docker stop w');
    run('docker network rm app');
    run('docker network create app');
    expect(run('docker start w').exitCode).toBe(1);
    // Connecting a stopped container to a network it names sets the entry anew; its next start joins the new one.
    expect(run('docker network connect app w').exitCode).toBe(0);
    expect(run('docker start w').exitCode).toBe(0);
    expect(addresses(run, 'app')).toEqual(['w 172.18.0.2/16']);
    run('docker stop w');
    run('docker network rm app');
    // moby DisconnectFromNetwork: for a stopped container the network's lookup error does not matter (!Running ||
    // (err != nil && force)); the entry goes by the name given. A second time there is no entry.
    expect(run('docker network disconnect app w').exitCode).toBe(0);
    expect(run('docker network disconnect app w').stderr).toMatch(/^Error response from daemon: container [0-9a-f]{64} is not connected to the network app\n$/);
    expect(run('docker start w').exitCode).toBe(0);
  });

  it("a stopped container's address is free for the next one at once", () => {
    const { run } = dockerHosts();
    run('docker run -d --name a nginx:1.27');
    run('docker kill a');
    run('docker run -d --name b nginx:1.27');
    expect(addresses(run, 'bridge')).toEqual(['b 172.17.0.2/16']);
  });

  it('joins each of several --network (API 1.44), refuses mixing them with host and naming one twice', () => {
    const { run } = dockerHosts();
    run('docker network create x');
    run('docker network create y');
    expect(run('docker run -d --name m --network x --network y nginx:1.27').exitCode).toBe(0);
    expect([...addresses(run, 'x'), ...addresses(run, 'y')]).toEqual(['m 172.18.0.2/16', 'm 172.19.0.2/16']);
    expect(run('docker run -d --name n --network bridge --net host nginx:1.27').stderr).toContain(
      'docker: conflicting options: cannot attach both user-defined and non-user-defined network-modes',
    );
    expect(run('docker run -d --name n --network x --network x nginx:1.27').stderr).toContain('docker: network "x" is specified multiple times');
  });

  it('publishes nothing on none, and --subnet chooses the block (an overlapping one is refused)', () => {
    const { run } = dockerHosts();
    expect(run('docker run -d --name n1 --network none -p 8080:80 nginx:1.27').exitCode).toBe(0);
    expect(run('docker run -d --name n2 -p 8080:80 nginx:1.27').exitCode).toBe(0);
    run('docker network create --subnet 10.5.0.0/24 small');
    expect(inspect(run, 'small').IPAM.Config).toEqual([{ Subnet: '10.5.0.0/24', Gateway: '10.5.0.1' }]);
    expect(run('docker network create --subnet 10.5.0.128/25 clash').stderr).toBe(
      'Error response from daemon: invalid pool request: Pool overlaps with other one on this address space\n',
    );
    expect(run('docker network create -d host h2').stderr).toBe('Error response from daemon: only one instance of "host" network is allowed\n');
  });

  it('reach: no way in by a loopback port, a port of a container only on internal networks, or a private bind address', () => {
    const { run, docker } = dockerHosts();
    run('docker run -d --name lo -p 127.0.0.1:8081:80 nginx:1.27');
    run('docker network create --internal int');
    run('docker run -d --name in -p 8083:80 --network int nginx:1.27');
    run('docker run -d --name ip -p 10.9.9.9:8082:80 nginx:1.27');
    expect(runReach(docker, 'reach internet lo 8081')).toContain('decided by: lo has no public address, and no published tcp port 8081');
    expect(runReach(docker, 'reach internet in 8083')).toContain('decided by: in has no public address, and no published tcp port 8083');
    expect(runReach(docker, 'reach internet ip 8082')).toContain('decided by: 10.9.9.9 is a private address: nothing routes to it from the internet');
  });
});

describe("docker inspect of a container's networks (api/types/network EndpointSettings)", () => {
  it("shows each network's endpoint while it runs, and the entry with its endpoint cleared once it stops", () => {
    const { run } = dockerHosts();
    const netId = run('docker network create backend').stdout.trim();
    run('docker run -d --name db --network backend postgres:16');
    const running = JSON.parse(run('docker inspect db').stdout)[0];
    expect(running.HostConfig.NetworkMode).toBe('backend');
    expect(running.NetworkSettings.Networks.backend).toMatchObject({ NetworkID: netId, Gateway: '172.18.0.1', IPAddress: '172.18.0.2', IPPrefixLen: 16 });
    run('docker stop db');
    // The endpoint's operational part is cleared (cleanOperationalData); its configuration, names included, stays.
    expect(JSON.parse(run('docker inspect db').stdout)[0].NetworkSettings.Networks.backend).toEqual({
      Aliases: null,
      MacAddress: '',
      NetworkID: netId,
      EndpointID: '',
      Gateway: '',
      IPAddress: '',
      IPPrefixLen: 0,
      DNSNames: ['db', running.Config.Hostname],
    });
  });
});

describe('docker network connect and disconnect', () => {
  it('gives a running container an address on another network, and takes it away', () => {
    const { run, id } = dockerHosts();
    run('docker network create backend');
    run('docker run -d --name web nginx:1.27');
    expect(run('docker network connect backend web')).toMatchObject({ exitCode: 0, stdout: '' });
    expect(addresses(run, 'backend')).toEqual(['web 172.18.0.2/16']);
    expect(run('docker network connect backend web').stderr).toBe('Error response from daemon: endpoint with name web already exists in network backend\n');
    expect(run('docker network connect host web').stderr).toBe(
      'Error response from daemon: cannot connect container to host network - container must be created in host network mode\n',
    );
    expect(run('docker network disconnect backend web').exitCode).toBe(0);
    expect(addresses(run, 'backend')).toEqual([]);
    expect(run('docker network disconnect backend web').stderr).toBe(
      `Error response from daemon: container ${id('web')} is not connected to network backend\n`,
    );
  });
});

describe('reach over Docker networks (bridge networks isolated from each other; published ports the way in)', () => {
  it('containers of one network reach each other, of two do not, and the internet reaches a published port', () => {
    const { run, docker } = dockerHosts();
    run('docker network create backend');
    run('docker run -d --name db --network backend postgres:16');
    run('docker run -d --name web --network backend -p 8080:80 nginx:1.27');
    run('docker run -d --name other nginx:1.27');
    const reach = (line: string) => runReach(docker, line);
    expect(reach('reach web db 5432')).toContain('web (172.18.0.3) -> db (172.18.0.2) tcp/5432: allowed');
    expect(reach('reach other db 5432')).toContain('decided by: no route from Docker network bridge on docker-01 to Docker network backend on docker-01');
    expect(reach('reach internet web 8080')).toContain('published port on docker-01: 0.0.0.0:8080 -> 172.18.0.3:80');
    expect(reach('reach internet web 80')).toContain('decided by: web has no public address, and no published tcp port 80');
    run('docker network create --internal sealed');
    run('docker run -d --name vault --network sealed nginx:1.27');
    expect(reach('reach vault internet 443')).toContain('an --internal network has no way out');
  });
});

function runReach(docker: DockerDriver, line: string): string {
  const r = reachCommand(() => topologyOf([docker.topology()]), line.split(' '));
  return r.stdout + r.stderr;
}

describe('estate files keep the networks and endpoints', () => {
  it("reads back what was saved, and the built-in estate's containers have their addresses; pods are on none", () => {
    const e = defaultEstate(1);
    expect(runLine(e, 'docker network create backend').exitCode).toBe(0);
    expect(runLine(e, 'docker run -d --name db --network backend postgres:16').exitCode).toBe(0);
    const back = estateFromJson(JSON.parse(JSON.stringify(estateToFile(e))));
    if (!back.ok) throw new Error(back.error.message);
    expect(JSON.stringify(back.value.providers.state())).toBe(JSON.stringify(e.providers.state()));
    const bridge = JSON.parse(runLine(back.value, 'docker network inspect bridge').stdout)[0];
    // encoding/json writes the map sorted by container ID; each running container of the built-in estate is there.
    expect(Object.keys(bridge.Containers)).toEqual(Object.keys(bridge.Containers).sort());
    expect(
      Object.values(bridge.Containers)
        .map((c) => (c as { Name: string }).Name)
        .sort(),
    ).toEqual(['api', 'nginx', 'postgres', 'redis']);
  });

  it('refuses a file whose networks share an ID or sit on a host that is not a Docker host', () => {
    const e = defaultEstate(1);
    runLine(e, 'docker network create a');
    const file = JSON.parse(JSON.stringify(estateToFile(e)));
    const list = file.providers.docker.networks['docker-01'];
    list[3].id = list[0].id;
    const r = estateFromJson(file);
    expect(r.ok || r.error.message).toBe(`a problem in the estate file: providers.docker.networks.docker-01[3].id: ${list[0].id} is used twice on docker-01`);
    const moved = JSON.parse(JSON.stringify(estateToFile(e)));
    moved.providers.docker.networks['esx-01'] = moved.providers.docker.networks['docker-01'];
    delete moved.providers.docker.networks['docker-01'];
    const r2 = estateFromJson(moved);
    expect(r2.ok || r2.error.message).toContain('providers.docker.networks.esx-01: esx-01 is not a Docker host');
    // An endpoint's container is a container of the estate on that host, whatever its id looks like.
    const stray = JSON.parse(JSON.stringify(estateToFile(e)));
    stray.providers.docker.networks['docker-01'][0].endpoints[0].container = 'docker-vm-01/worker-1';
    const r3 = estateFromJson(stray);
    expect(r3.ok || r3.error.message).toContain(
      'providers.docker.networks.docker-01[0].endpoints[0].container: docker-vm-01/worker-1 is not a container of docker-01',
    );
    // One whose container is not in the file went with it.
    const gone = JSON.parse(JSON.stringify(estateToFile(e)));
    gone.providers.docker.networks['docker-01'][0].endpoints[0].container = 'docker-01/nope';
    expect(estateFromJson(gone).ok).toBe(true);
  });

  it('refuses a file whose endpoints share an address', () => {
    const e = defaultEstate(1);
    runLine(e, 'docker ps');
    const file = JSON.parse(JSON.stringify(estateToFile(e)));
    const eps = file.providers.docker.networks['docker-01'][0].endpoints;
    eps[1].ip = eps[0].ip;
    const r = estateFromJson(file);
    expect(r.ok || r.error.message).toBe(
      `a problem in the estate file: providers.docker.networks.docker-01[0].endpoints[1].ip: ${eps[0].ip} is not a free address of 172.17.0.0/16`,
    );
  });
});

// Names on Docker's networks, against moby: daemon/container_operations.go
// buildEndpointDNSNames (the container's name, its aliases, its short ID and
// hostname, deduplicated; set only on a user-defined network), daemon/network.go
// validateEndpointSettings and runconfig's ErrUnsupportedNetworkAndAlias
// ("network-scoped alias is supported only for containers in user defined
// networks", under "invalid config for network %s: invalid endpoint settings:").
describe('names on Docker networks', () => {
  it("a user-defined network's DNS answers for a container's name, aliases and short ID; the default bridge's answers for none", () => {
    const e = defaultEstate(1);
    const run = (line: string) => runLine(e, line);
    run('docker network create backend');
    expect(run('docker run -d --name db --network backend --network-alias database --network-alias pg postgres:16').exitCode).toBe(0);
    expect(run('docker network connect --alias cache backend redis')).toMatchObject({ exitCode: 0, stderr: '' });
    const db = JSON.parse(run('docker inspect db').stdout)[0];
    const shortId = db.Config.Hostname;
    expect(db.NetworkSettings.Networks.backend.Aliases).toEqual(['database', 'pg']);
    expect(db.NetworkSettings.Networks.backend.DNSNames).toEqual(['db', 'database', 'pg', shortId]);
    const redis = JSON.parse(run('docker inspect redis').stdout)[0].NetworkSettings.Networks;
    expect(redis.bridge).toMatchObject({ Aliases: null, DNSNames: null });
    expect(redis.backend.DNSNames).toEqual(['redis', 'cache', JSON.parse(run('docker inspect redis').stdout)[0].Config.Hostname]);
    // reach says how the name fares where the two meet.
    expect(run('reach redis db 5432').stdout).toContain(
      `the name db resolves to ${db.NetworkSettings.Networks.backend.IPAddress} (Docker's embedded DNS, 127.0.0.11)`,
    );
    expect(run('reach nginx redis 6379').stdout).toMatch(
      /the name redis does not resolve here \(the default bridge has no DNS for its containers\): a client must use 172\.17\.0\.\d+/,
    );
  });

  it('an alias on the default bridge is refused, in the daemon words', () => {
    const e = defaultEstate(1);
    const r = runLine(e, 'docker run -d --name x --network-alias y nginx:1.27');
    expect(r.exitCode).toBe(125);
    expect(r.stderr).toBe(
      'docker: Error response from daemon: invalid config for network bridge: invalid endpoint settings:\n' +
        "network-scoped alias is supported only for containers in user defined networks\n\nRun 'docker run --help' for more information\n",
    );
    expect(runLine(e, 'docker network connect --alias z bridge api').stderr).toBe(
      'Error response from daemon: invalid config for network bridge: invalid endpoint settings:\nnetwork-scoped alias is supported only for containers in user defined networks\n',
    );
  });

  it("--hostname is the container's hostname and one of its names; connect --alias on a stopped container rewrites its settings", () => {
    const e = defaultEstate(1);
    const run = (line: string) => runLine(e, line);
    run('docker network create backend');
    run('docker run -d --name db --hostname pg.local --network backend postgres:16');
    const db = JSON.parse(run('docker inspect db').stdout)[0];
    expect(db.Config.Hostname).toBe('pg.local');
    expect(db.NetworkSettings.Networks.backend.DNSNames).toEqual(['db', db.Id.slice(0, 12), 'pg.local']);
    run('docker stop db');
    expect(run('docker network connect --alias primary backend db')).toMatchObject({ exitCode: 0, stderr: '' });
    expect(JSON.parse(run('docker inspect db').stdout)[0].NetworkSettings.Networks.backend.Aliases).toEqual(['primary']);
    run('docker start db');
    expect(JSON.parse(run('docker inspect db').stdout)[0].NetworkSettings.Networks.backend.DNSNames).toEqual(['db', 'primary', db.Id.slice(0, 12), 'pg.local']);
  });

  it('an estate file keeps the aliases', () => {
    const e = defaultEstate(1);
    runLine(e, 'docker network create backend');
    runLine(e, 'docker run -d --name db --network backend --network-alias database postgres:16');
    const back = estateFromJson(JSON.parse(JSON.stringify(estateToFile(e))));
    if (!back.ok) throw new Error(back.error.message);
    expect(JSON.parse(runLine(back.value, 'docker inspect db').stdout)[0].NetworkSettings.Networks.backend.DNSNames).toContain('database');
  });
});
