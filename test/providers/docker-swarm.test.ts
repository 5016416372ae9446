// Docker swarm mode and its overlay networks, against docker/cli, moby and
// swarmkit. Sources: docker/cli cli/command/swarm/{init,join,join_token,leave}.go
// ("Swarm initialized: current node (%s) is now a manager.", printJoinCommand's
// four-space join line, "This node joined a swarm as a worker.", "Node left the
// swarm.", "unknown role %s", "Successfully rotated %s join token.");
// cli/command/node/{formatter,list,promote,demote,update}.go ("table {{.ID}}
// {{if .Self}}*{{else}} {{ end }}\t{{.Hostname}}...", sorted by hostname, "Node %s
// promoted to a manager in the swarm.", "Manager %s demoted in the swarm.", "Node
// %s is already a manager."); cli/command/network/remove.go (ingressWarning);
// moby daemon/cluster/errors.go (errNoSwarm, errSwarmExists, errSwarmNotManager),
// cluster.go errNoManager, swarm.go Leave and utils.go (the manager-leave
// refusals), helpers.go getNode ("node %s not found"), daemon/network.go (overlay
// only on a manager), cluster/networks.go ("Could not attach to network %s: %v"),
// daemon.go/network.go clearAttachableNetworks (leave disconnects attachable
// overlays' containers); swarmkit identity/randomid.go (25 base-36 IDs),
// ca/config.go (SWMTKN-1-<50>-<25>, "invalid join token"), ca/server.go ("A valid
// join token is necessary to join this cluster"), resourceapi/allocator.go
// ("network %s not manually attachable"), controlapi/network.go ("network %s is in
// use by task %s"), controlapi/node.go ("attempting to demote the last manager of
// the swarm"), controlapi/cluster.go (10.0.0.0/8 in /24s, ingress first).
import { describe, expect, it } from 'vitest';
import { estateFromJson } from '../../src/estate/file-read.js';
import { estateToFile } from '../../src/estate/file-write.js';
import { runLine } from '../../src/estate/script.js';
import { defaultEstate } from '../default-estate.js';
import { decided, err, ok } from './estate-lines.js';

/** The built-in estate with docker-01 a swarm's manager and docker-vm-01 its worker; the CLI left on docker-01. */
function swarmOfTwo() {
  const e = defaultEstate(1);
  const init = ok(e, 'docker swarm init');
  const token = ok(e, 'docker swarm join-token -q worker').trim();
  const addr = /docker swarm join --token \S+ (\S+)/.exec(init)![1]!;
  runLine(e, 'docker context use docker-vm-01');
  expect(ok(e, `docker swarm join --token ${token} ${addr}`)).toBe('This node joined a swarm as a worker.\n');
  runLine(e, 'docker context use docker-01');
  return { e, token, addr, init };
}

const networkNames = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .slice(1)
    .map((l) =>
      l
        .split(/\s{2,}/)
        .slice(1)
        .join(' '),
    );

describe('docker swarm init, join, join-token, leave', () => {
  it("init makes the node a manager, says how to join in docker/cli's words, and adds ingress and docker_gwbridge", () => {
    const { e, init, addr, token } = swarmOfTwo();
    expect(init).toMatch(
      new RegExp(
        '^Swarm initialized: current node \\([0-9a-z]{25}\\) is now a manager\\.\\n\\n' +
          'To add a worker to this swarm, run the following command:\\n\\n' +
          '    docker swarm join --token SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25} 10\\.20\\.0\\.\\d+:2377\\n\\n' +
          "To add a manager to this swarm, run 'docker swarm join-token manager' and follow the instructions\\.\\n$",
      ),
    );
    // The address is docker-01's own on dc-east's LAN.
    expect(addr).toBe(`${e.providers.hostAddress('docker-01')}:2377`);
    expect(init).toContain(token);
    expect(networkNames(ok(e, 'docker network ls'))).toEqual([
      'bridge bridge local',
      'docker_gwbridge bridge local',
      'host host local',
      'ingress overlay swarm',
      'none null local',
    ]);
    // ingress has the first /24 of 10.0.0.0/8; docker_gwbridge the next local pool after docker0's.
    expect(JSON.parse(ok(e, 'docker network inspect ingress'))[0]).toMatchObject({
      Scope: 'swarm',
      Driver: 'overlay',
      Ingress: true,
      Attachable: false,
      IPAM: { Config: [{ Subnet: '10.0.0.0/24', Gateway: '10.0.0.1' }] },
      // VXLAN IDs from 4096, past the 802.1Q VLAN IDs (libnetwork ovmanager vxlanIDStart).
      Options: { 'com.docker.network.driver.overlay.vxlanid_list': '4096' },
    });
    expect(JSON.parse(ok(e, 'docker network inspect docker_gwbridge'))[0].IPAM.Config).toEqual([{ Subnet: '172.18.0.0/16', Gateway: '172.18.0.1' }]);
    // Tokens: the worker's and the manager's share the CA digest and differ in their secrets.
    const manager = ok(e, 'docker swarm join-token -q manager').trim();
    expect(manager.slice(0, 59)).toBe(token.slice(0, 59));
    expect(manager).not.toBe(token);
    expect(ok(e, 'docker swarm join-token manager')).toBe(
      `To add a manager to this swarm, run the following command:\n\n    docker swarm join --token ${manager} ${addr}\n\n`,
    );
  });

  it('node ls: the nodes sorted by hostname, the current one starred, the leader and the workers', () => {
    const { e } = swarmOfTwo();
    const lines = ok(e, 'docker node ls').split('\n');
    expect(lines[0]).toBe('ID                            HOSTNAME       STATUS    AVAILABILITY   MANAGER STATUS   ENGINE VERSION');
    expect(lines[1]).toMatch(/^[0-9a-z]{25} \* {3}docker-01 {6}Ready {5}Active {9}Leader {11}29\.0\.0$/);
    expect(lines[2]).toMatch(/^[0-9a-z]{25} {5}docker-vm-01 {3}Ready {5}Active {26}29\.0\.0$/);
    expect(ok(e, 'docker node ls -q').split('\n').filter(Boolean)).toHaveLength(2);
  });

  it("says what is wrong in the daemon's words: twice, no swarm, a worker, a bad or wrong token, no manager there, a role", () => {
    const { e, token, addr } = swarmOfTwo();
    expect(err(e, 'docker swarm init')).toBe(
      'Error response from daemon: This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.',
    );
    expect(err(e, `docker swarm join --token ${token} ${addr}`)).toContain('This node is already part of a swarm.');
    expect(err(e, 'docker swarm join-token admin')).toBe('unknown role admin');
    runLine(e, 'docker context use docker-vm-01');
    const notManager =
      "Error response from daemon: This node is not a swarm manager. Worker nodes can't be used to view or modify " +
      'cluster state. Please run this command on a manager node or promote the current node to a manager.';
    expect(err(e, 'docker node ls')).toBe(notManager);
    expect(err(e, 'docker swarm join-token worker')).toBe(notManager);
    // A worker does not make swarm networks.
    expect(err(e, 'docker network create -d overlay appnet')).toBe(
      'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.',
    );
    // A worker leaves without --force; then it is in no swarm.
    expect(ok(e, 'docker swarm leave')).toBe('Node left the swarm.\n');
    expect(err(e, 'docker swarm leave')).toBe('Error response from daemon: This node is not part of a swarm');
    expect(err(e, 'docker node ls')).toBe(
      'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.',
    );
    expect(err(e, `docker swarm join --token SWMTKN-1-abc ${addr}`)).toBe('Error response from daemon: invalid join token');
    const wrong = `${token.slice(0, -25)}${'0'.repeat(25)}`;
    expect(err(e, `docker swarm join --token ${wrong} ${addr}`)).toBe(
      'Error response from daemon: rpc error: code = InvalidArgument desc = A valid join token is necessary to join this cluster',
    );
    expect(err(e, `docker swarm join --token ${token} 10.99.0.1:2377`)).toMatch(/^\(hyperpane: no swarm manager of the estate listens at 10\.99\.0\.1:2377/);
    expect(err(e, 'docker swarm join 10.20.0.1 10.20.0.2')).toMatch(/requires 1 argument/);
    // Without a port, 2377.
    expect(ok(e, `docker swarm join --token ${token} ${addr.replace(':2377', '')}`)).toBe('This node joined a swarm as a worker.\n');
  });

  it('a manager leaves only with --force, told why: the last manager, or the quorum it leaves', () => {
    const { e, addr } = swarmOfTwo();
    const last = err(e, 'docker swarm leave');
    expect(last).toBe(
      'Error response from daemon: You are attempting to leave the swarm on a node that is participating as a ' +
        'manager. Removing the last manager erases all current state of the swarm. Use `--force` to ignore this ' +
        'message.',
    );
    // Two managers: one leaving leaves 1 of 2, no quorum.
    const vm = ok(e, 'docker node ls -q').trim().split('\n')[1]!;
    expect(ok(e, 'docker node promote docker-vm-01')).toBe('Node docker-vm-01 promoted to a manager in the swarm.\n');
    expect(ok(e, `docker node promote ${vm}`)).toBe(`Node ${vm} is already a manager.\n`);
    expect(ok(e, 'docker node ls')).toMatch(/docker-vm-01 +Ready +Active +Reachable +29\.0\.0/);
    expect(err(e, 'docker swarm leave')).toBe(
      'Error response from daemon: You are attempting to leave the swarm on a node that is participating as a ' +
        'manager. Removing this node leaves 1 managers out of 2. Without a Raft quorum your swarm will be inaccessible. ' +
        'The only way to restore a swarm that has lost consensus is to reinitialize it with `--force-new-cluster`. Use ' +
        '`--force` to suppress this message.',
    );
    expect(ok(e, 'docker node demote docker-vm-01')).toBe('Manager docker-vm-01 demoted in the swarm.\n');
    expect(err(e, 'docker node demote docker-01')).toBe(
      'Error response from daemon: rpc error: code = FailedPrecondition desc = attempting to demote the last manager of the swarm',
    );
    expect(err(e, 'docker node promote nowhere')).toBe('Error response from daemon: node nowhere not found');
    expect(ok(e, 'docker swarm leave --force')).toBe('Node left the swarm.\n');
    // The worker is still in the swarm, which has no manager now: nothing joins it at the old address.
    runLine(e, 'docker context use docker-vm-01');
    expect(err(e, 'docker node ls')).toContain("Worker nodes can't be used");
    runLine(e, 'docker context use docker-01');
    expect(err(e, `docker swarm join --token SWMTKN-1-${'a'.repeat(50)}-${'b'.repeat(25)} ${addr}`)).toMatch(/^\(hyperpane: no swarm manager/);
  });

  it('join-token --rotate: the old token joins no one', () => {
    const { e, token, addr } = swarmOfTwo();
    expect(ok(e, 'docker swarm join-token --rotate worker')).toMatch(/^Successfully rotated worker join token\.\n\nTo add a worker to this swarm/);
    const fresh = ok(e, 'docker swarm join-token -q worker').trim();
    expect(fresh).not.toBe(token);
    runLine(e, 'docker context use docker-vm-01');
    ok(e, 'docker swarm leave');
    expect(err(e, `docker swarm join --token ${token} ${addr}`)).toContain('A valid join token is necessary');
    expect(ok(e, `docker swarm join --token ${fresh} ${addr}`)).toBe('This node joined a swarm as a worker.\n');
  });
});

describe('overlay networks', () => {
  it('one network across the nodes: one address pool, the containers of both hosts on it reach each other by name', () => {
    const { e } = swarmOfTwo();
    expect(ok(e, 'docker network create -d overlay --attachable appnet')).toMatch(/^[0-9a-z]{25}\n$/);
    expect(networkNames(ok(e, 'docker network ls'))).toContain('appnet overlay swarm');
    ok(e, 'docker run -d --name web-a --network appnet nginx:1.27');
    runLine(e, 'docker context use docker-vm-01');
    // A worker sees an overlay once a container of its own is on it.
    expect(networkNames(ok(e, 'docker network ls'))).not.toContain('appnet overlay swarm');
    runLine(e, 'docker run -d --name web-b --network appnet nginx:1.27');
    expect(networkNames(ok(e, 'docker network ls'))).toContain('appnet overlay swarm');
    const onVm = JSON.parse(ok(e, 'docker network inspect appnet'))[0];
    expect(onVm.IPAM.Config).toEqual([{ Subnet: '10.0.1.0/24', Gateway: '10.0.1.1' }]);
    expect(onVm.Options).toEqual({ 'com.docker.network.driver.overlay.vxlanid_list': '4097' });
    // Each daemon lists its own containers' endpoints; the addresses are the one pool's.
    expect(Object.values(onVm.Containers).map((c) => (c as { Name: string; IPv4Address: string }).IPv4Address)).toEqual(['10.0.1.3/24']);
    runLine(e, 'docker context use docker-01');
    expect(Object.values(JSON.parse(ok(e, 'docker network inspect appnet'))[0].Containers).map((c) => (c as { Name: string }).Name)).toEqual(['web-a']);
    const r = runLine(e, 'reach web-b web-a 80');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("same segment: Docker overlay network appnet of docker-01's swarm");
    expect(r.stdout).toContain('the name web-a resolves to 10.0.1.2');
    // Out through the node's own docker_gwbridge, as its host.
    expect(decided(e, 'reach web-b internet 443')).toBe('nothing on the path filters tcp/443');
    // Nothing off the overlay reaches in: it is no LAN's.
    expect(decided(e, 'reach web-01 web-a 80')).toMatch(/^no route from the LAN of dc-east on VLAN 10 to Docker overlay network appnet/);
  });

  it('a network made without --attachable takes no container by itself; one in use is not removed; ingress asks first', () => {
    const { e } = swarmOfTwo();
    const id = ok(e, 'docker network create -d overlay backend').trim();
    const r = runLine(e, 'docker run -d --name api-2 --network backend nginx:1.27');
    expect(r.exitCode).toBe(125);
    expect(r.stderr).toContain(
      'docker: Error response from daemon: Could not attach to network backend: rpc error: code = PermissionDenied desc = network backend not manually attachable\n',
    );
    expect(ok(e, 'docker ps -a --filter name=api-2 --format x')).toBeDefined();
    expect(err(e, 'docker network connect ingress nginx')).toContain('network ingress not manually attachable');
    ok(e, 'docker network create -d overlay --attachable appnet');
    ok(e, 'docker run -d --name web-a --network appnet nginx:1.27');
    expect(err(e, 'docker network rm appnet')).toMatch(
      /^Error response from daemon: rpc error: code = FailedPrecondition desc = network [0-9a-z]{25} is in use by task [0-9a-z]{25}\nexit status 1$/,
    );
    expect(ok(e, `docker network rm ${id}`)).toBe(`${id}\n`);
    // With no answer to read (no terminal), the prompt's answer is no: nothing is removed.
    expect(ok(e, 'docker network rm ingress')).toBe(
      'WARNING! Before removing the routing-mesh network, make sure all the nodes in your swarm run the same docker ' +
        'engine version. Otherwise, removal may not be effective and functionality of newly create ingress networks ' +
        'will be impaired.\nAre you sure you want to continue? [y/N] \n',
    );
    expect(networkNames(ok(e, 'docker network ls'))).toContain('ingress overlay swarm');
    // Names are the swarm's: a second appnet is refused, a local bridge of that name too.
    expect(err(e, 'docker network create -d overlay appnet')).toBe('Error response from daemon: network with name appnet already exists');
    expect(err(e, 'docker network create appnet')).toBe('Error response from daemon: network with name appnet already exists');
  });

  it("a node that leaves disconnects its containers from the swarm's networks; they keep running", () => {
    const { e } = swarmOfTwo();
    ok(e, 'docker network create -d overlay --attachable appnet');
    runLine(e, 'docker context use docker-vm-01');
    runLine(e, 'docker run -d --name web-b --network appnet nginx:1.27');
    ok(e, 'docker swarm leave');
    expect(networkNames(ok(e, 'docker network ls'))).not.toContain('appnet overlay swarm');
    const c = JSON.parse(ok(e, 'docker inspect web-b'))[0];
    expect(c.State.Status).toBe('running');
    expect(Object.keys(c.NetworkSettings.Networks)).toEqual([]);
    // Its next start finds no network to be on, and runs on none of them: it no longer names appnet.
    ok(e, 'docker restart web-b');
  });

  it('an estate file keeps the swarms, their tokens and overlays; a node that is not a Docker host is refused', () => {
    const { e, token } = swarmOfTwo();
    ok(e, 'docker network create -d overlay --attachable appnet');
    ok(e, 'docker run -d --name web-a --network appnet nginx:1.27');
    const file = JSON.parse(JSON.stringify(estateToFile(e)));
    expect(file.providers.docker.swarms).toHaveLength(1);
    expect(file.providers.docker.swarms[0].networks.map((n: { name: string }) => n.name)).toEqual(['ingress', 'appnet']);
    const back = estateFromJson(file);
    if (!back.ok) throw new Error(back.error.message);
    for (const line of ['docker node ls', 'docker network ls', 'docker network inspect appnet', 'docker swarm join-token -q worker'])
      expect(runLine(back.value, line).stdout, line).toBe(runLine(e, line).stdout);
    expect(runLine(back.value, 'docker swarm join-token -q worker').stdout.trim()).toBe(token);
    const refused = (swarms: unknown) => {
      const r = estateFromJson({ ...file, providers: { ...file.providers, docker: { ...file.providers.docker, swarms } } });
      return r.ok ? 'accepted' : r.error.message;
    };
    const s = file.providers.docker.swarms[0];
    expect(refused([{ ...s, nodes: [{ ...s.nodes[0], host: 'esx-01' }, s.nodes[1]] }])).toContain('esx-01 is not a Docker host');
    const other = { ...s, id: 'z'.repeat(25), nodes: s.nodes.map((n: object, j: number) => ({ ...n, id: String(j).repeat(25) })) };
    expect(refused([s, other])).toContain('is a node of another swarm already');
    expect(refused([s, { ...other, id: s.id }])).toContain(`${s.id} is another swarm's or node's ID`);
    expect(refused([{ ...s, networks: [s.networks[1], s.networks[0]] }])).toContain('is its ingress');
    expect(refused([{ ...s, networks: [s.networks[0], { ...s.networks[1], vni: 4096 }] }])).toContain('a VXLAN ID of its own');
    // The next overlay after a reload takes the next VXLAN ID.
    ok(back.value, 'docker network create -d overlay --attachable more');
    expect(JSON.parse(ok(back.value, 'docker network inspect more'))[0].Options).toEqual({ 'com.docker.network.driver.overlay.vxlanid_list': '4098' });
  });

  it('a refused run stays Created however long it waits, and --rm takes it away; a worker disconnects a stopped container by name', () => {
    const { e } = swarmOfTwo();
    ok(e, 'docker network create -d overlay backend');
    expect(runLine(e, 'docker run -d --name api-2 --network backend nginx:1.27').exitCode).toBe(125);
    runLine(e, 'sleep 30s');
    expect(JSON.parse(ok(e, 'docker inspect api-2'))[0].State).toMatchObject({
      Status: 'created',
      Error: 'Could not attach to network backend: rpc error: code = PermissionDenied desc = network backend not manually attachable',
    });
    expect(runLine(e, 'docker start api-2').exitCode).toBe(1);
    expect(runLine(e, 'docker run --rm -d --name api-3 --network backend nginx:1.27').exitCode).toBe(125);
    expect(err(e, 'docker inspect api-3')).toBe('error: no such object: api-3');
    // A second attachment is refused in the swarm's words.
    ok(e, 'docker network create -d overlay --attachable appnet');
    ok(e, 'docker run -d --name web-a --network appnet nginx:1.27');
    expect(err(e, 'docker network connect appnet web-a')).toBe('Error response from daemon: web-a is already attached to network appnet');
    // A worker no longer sees the overlay once its container has stopped; it still takes the container off it by name.
    runLine(e, 'docker context use docker-vm-01');
    runLine(e, 'docker run -d --name web-b --network appnet nginx:1.27');
    ok(e, 'docker stop web-b');
    ok(e, 'docker network disconnect appnet web-b');
    expect(Object.keys(JSON.parse(ok(e, 'docker inspect web-b'))[0].NetworkSettings.Networks)).toEqual([]);
  });

  it('with half its managers down a swarm has no leader and its managers answer nothing; a down worker is removed with node rm', () => {
    const { e } = swarmOfTwo();
    ok(e, 'docker node promote docker-vm-01');
    ok(e, 'virsh destroy dockervm-01');
    expect(err(e, 'docker node ls')).toBe(
      'Error response from daemon: rpc error: code = Unknown desc = The swarm does not have a leader. ' +
        "It's possible that too few managers are online. Make sure more than half of the managers are online.",
    );
    expect(err(e, 'docker network create -d overlay x')).toContain('The swarm does not have a leader');
    ok(e, 'virsh start dockervm-01');
    runLine(e, 'sleep 2m');
    expect(ok(e, 'docker node ls')).toMatch(/docker-vm-01 +Ready +Active +Reachable/);
    ok(e, 'docker node demote docker-vm-01');
    const vmId = ok(e, 'docker node ls -q').trim().split('\n')[1]!;
    expect(err(e, 'docker node rm docker-01')).toMatch(
      /is a cluster manager and is a member of the raft cluster\. It must be demoted to worker before removal$/,
    );
    expect(err(e, 'docker node rm docker-vm-01')).toBe(
      `Error response from daemon: rpc error: code = FailedPrecondition desc = node ${vmId} is not down and can't be removed`,
    );
    ok(e, 'virsh destroy dockervm-01');
    expect(ok(e, 'docker node ls')).toMatch(/docker-vm-01 +Down +Active/);
    expect(ok(e, 'docker node rm docker-vm-01')).toBe('docker-vm-01\n');
    expect(ok(e, 'docker node ls -q').trim().split('\n')).toHaveLength(1);
    expect(err(e, 'docker node promote ""')).toBe('invalid node name or ID: value is empty');
  });

  it('a swarm made again is a new one: new IDs, and the old token does not match its CA', () => {
    const { e, token, addr } = swarmOfTwo();
    const id = ok(e, 'docker node ls -q').trim().split('\n')[0];
    ok(e, 'docker swarm leave --force');
    ok(e, 'docker swarm init');
    expect(ok(e, 'docker node ls -q').trim()).not.toBe(id);
    runLine(e, 'docker context use docker-vm-01');
    ok(e, 'docker swarm leave');
    expect(err(e, `docker swarm join --token ${token} ${addr}`)).toMatch(
      /^Error response from daemon: remote CA does not match fingerprint\. Expected: [0-9a-f]{64}$/,
    );
  });

  it('a swarm made again after the estate was saved and opened is a new one: the old token joins nothing', () => {
    const { e, token, addr } = swarmOfTwo();
    const back = estateFromJson(JSON.parse(JSON.stringify(estateToFile(e))));
    if (!back.ok) throw new Error(back.error.message);
    const b = back.value;
    expect(ok(b, 'docker swarm join-token -q worker').trim()).toBe(token);
    ok(b, 'docker swarm leave --force');
    expect(ok(b, 'docker swarm init')).not.toContain(token.slice(0, 59));
    runLine(b, 'docker context use docker-vm-01');
    ok(b, 'docker swarm leave');
    expect(err(b, `docker swarm join --token ${token} ${addr}`)).toMatch(/^Error response from daemon: remote CA does not match fingerprint/);
  });

  it('a node promoted while down joins the managers as it comes back; until then the quorum is the others', () => {
    const { e } = swarmOfTwo();
    ok(e, 'virsh destroy dockervm-01');
    expect(ok(e, 'docker node promote docker-vm-01')).toBe('Node docker-vm-01 promoted to a manager in the swarm.\n');
    // Still a leader: docker-01 is the one member of the managers' group.
    expect(ok(e, 'docker node ls')).toMatch(/docker-vm-01 +Down +Active {26}29\.0\.0/);
    ok(e, 'virsh start dockervm-01');
    runLine(e, 'sleep 2m');
    expect(ok(e, 'docker node ls')).toMatch(/docker-vm-01 +Ready +Active +Reachable/);
  });

  it("a join to a manager that is down times out in moby's words; a context whose VM is gone reaches no other daemon", () => {
    const e = defaultEstate(1);
    runLine(e, 'docker context use docker-vm-01');
    const init = ok(e, 'docker swarm init');
    const token = /--token (\S+) (\S+)/.exec(init)!;
    runLine(e, 'docker context use docker-01');
    ok(e, 'virsh destroy dockervm-01');
    expect(err(e, `docker swarm join --token ${token[1]} ${token[2]}`)).toBe(
      'Error response from daemon: Timeout was reached before node joined. The attempt to join the swarm will continue in the background. ' +
        'Use the "docker info" command to see the current swarm status of your node.',
    );
    runLine(e, 'docker context use docker-vm-01');
    ok(e, 'virsh undefine dockervm-01');
    expect(err(e, 'docker swarm leave --force')).toBe('Cannot connect to the Docker daemon at tcp://docker-vm-01:2376. Is the docker daemon running?');
    runLine(e, 'docker context use docker-01');
    expect(err(e, 'docker swarm leave')).toBe('Error response from daemon: This node is not part of a swarm');
  });
});
