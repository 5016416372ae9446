// docker network ls, create, rm, inspect, connect and disconnect, in the words of
// docker/cli cli/command/network/{list,create,remove,inspect,connect,disconnect}.go
// (v29: formatter.go "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}", names
// sorted with sortorder.NaturalLess; rm's "exit status 1" after its errors) and
// of the daemon (moby daemon/network.go, libnetwork/error.go, network.go;
// "operation is not permitted on predefined %s network", "%s is a pre-defined
// network and cannot be removed", "network %s has active endpoints (%s)").
import { naturalCompare } from '../../core/natural-compare.js';
import { bool, type ParsedFlags, str } from '../cli/flags.js';
import { failure } from '../exec-result.js';
import type { ExecResult } from '../provider.js';
import { type DockerCommand, dockerTime, noSuchContainer } from './cli-command.js';
import { argsError, daemonError, help, unknownSubcommand } from './cli-usage.js';
import {
  ADDRESSES_ATTR,
  addressesOf,
  addressesText,
  endpointsOn,
  freeAddress,
  hasEndpoints,
  NETWORKS_ATTR,
  networksOf,
  networksText,
} from './container-networks.js';
import type { DockerDriver } from './driver.js';
import { dockerTable, truncateId } from './formatter.js';
import { type DockerNetwork, PREDEFINED } from './networks.js';

type Sub = (docker: DockerDriver, host: string, args: readonly string[], f: ParsedFlags) => ExecResult;

const ok = (stdout: string): ExecResult => ({ exitCode: 0, stdout, stderr: '', changed: false });

const SUBCOMMANDS: Readonly<Record<string, Sub>> = {
  ls: (docker, host, _args, f) => {
    const list = docker.networks.list(host).sort((a, b) => naturalCompare(a.name, b.name));
    const id = (n: DockerNetwork) => (bool(f, 'no-trunc') ? n.id : truncateId(n.id));
    if (bool(f, 'quiet')) return ok(list.map((n) => `${id(n)}\n`).join(''));
    return ok(
      dockerTable(
        ['NETWORK ID', 'NAME', 'DRIVER', 'SCOPE'],
        list.map((n) => [id(n), n.name, n.driver, 'local']),
      ),
    );
  },
  create: (docker, host, [name], f) => {
    const driver = str(f, 'driver') ?? 'bridge';
    if (PREDEFINED.includes(name as (typeof PREDEFINED)[number]) || name === 'default')
      return failure(daemonError(`operation is not permitted on predefined ${name} network`), 1);
    if (docker.networks.list(host).some((n) => n.name === name)) return failure(daemonError(`network with name ${name} already exists`), 1);
    // The daemon's drivers are bridge, and host and null for its own; any other is a plugin it does not have.
    if (driver !== 'bridge') return failure(daemonError(`plugin ${JSON.stringify(driver)} not found`), 1);
    const made = docker.networks.create(host, name, { internal: bool(f, 'internal'), attachable: bool(f, 'attachable'), created: docker.sim.now });
    if (!made) return failure(daemonError('all predefined address pools have been fully subnetted'), 1);
    return { exitCode: 0, stdout: `${made.id}\n`, stderr: '', changed: true };
  },
  rm: (docker, host, names, f) => {
    const out: string[] = [];
    const errors: string[] = [];
    for (const name of names) {
      const n = docker.networks.find(host, name);
      if (!n) {
        if (!bool(f, 'force')) errors.push(daemonError(`network ${name} not found`));
        continue;
      }
      if (n.driver !== 'bridge' || n.name === 'bridge') {
        errors.push(daemonError(`${n.name} is a pre-defined network and cannot be removed`));
        continue;
      }
      const active = endpointsOn(docker, host, n);
      if (active.length > 0) {
        const list = active.map((e) => `name:${JSON.stringify(e.name)} id:${JSON.stringify(truncateId(docker.endpointId(e.id)))}`).join(', ');
        errors.push(daemonError(`error while removing network: network ${n.name} has active endpoints (${list})`));
        continue;
      }
      docker.networks.remove(host, n.id);
      out.push(name);
    }
    // remove.go: each error as it comes, then a status error whose text main prints too.
    return {
      exitCode: errors.length > 0 ? 1 : 0,
      stdout: out.map((n) => `${n}\n`).join(''),
      stderr: errors.length > 0 ? `${errors.join('\n')}\nexit status 1\n` : '',
      changed: out.length > 0,
    };
  },
  inspect: (docker, host, names) => {
    const found: object[] = [];
    const errors: string[] = [];
    for (const name of names) {
      const n = docker.networks.find(host, name);
      if (n) found.push(inspectNetwork(docker, host, n));
      else errors.push(daemonError(`network ${name} not found`));
    }
    const stdout = found.length > 0 ? `${JSON.stringify(found, null, 4)}\n` : '[]\n';
    return { exitCode: errors.length ? 1 : 0, stdout, stderr: errors.map((e) => `${e}\n`).join(''), changed: false };
  },
  connect: (docker, host, [net, container]) => {
    const n = docker.networks.find(host, net);
    const c = docker.find(container, host);
    if (!c) return failure(noSuchContainer(container), 1);
    const row = docker.sim.workloadRow(c.id)!;
    const on = networksOf(c);
    const running = hasEndpoints(row);
    if (!n) {
      // A stopped container keeps the setting (it fails at its start); a running one needs the network now.
      if (running) return failure(daemonError(`network ${net} not found`), 1);
      docker.sim.setAttrs(c.id, { ...c.attrs, [NETWORKS_ATTR]: networksText([...on, net]) });
      return { exitCode: 0, stdout: '', stderr: '', changed: true };
    }
    if (n.name === 'host') return failure(daemonError('cannot connect container to host network - container must be created in host network mode'), 1);
    if (on.includes('host') || on.some((x) => x.startsWith('container:')))
      return failure(daemonError('container sharing network namespace with another container or host cannot be connected to any other network'), 1);
    if (n.name === 'none' || on.includes('none'))
      return failure(daemonError('container cannot be connected to multiple networks with one of the networks in private (none) mode'), 1);
    if (on.includes(n.name)) {
      // Already on it: a running container's endpoint clashes; a stopped one's setting is kept as it is.
      if (running) return failure(daemonError(`endpoint with name ${c.name} already exists in network ${n.name}`), 1);
      return { exitCode: 0, stdout: '', stderr: '', changed: false };
    }
    const attrs: Record<string, string | number | boolean> = { ...c.attrs, [NETWORKS_ATTR]: networksText([...on, n.name]) };
    if (running) {
      const ip = freeAddress(docker, host, n, c.id);
      if (!ip && n.subnet) return failure(daemonError('no available addresses on this pool'), 1);
      const addresses = addressesOf(c);
      if (ip) addresses.set(n.name, ip);
      attrs[ADDRESSES_ATTR] = addressesText(addresses);
    }
    docker.sim.setAttrs(c.id, attrs);
    return { exitCode: 0, stdout: '', stderr: '', changed: true };
  },
  disconnect: (docker, host, [net, container]) => {
    const c = docker.find(container, host);
    if (!c) return failure(noSuchContainer(container), 1);
    const n = docker.networks.find(host, net);
    const running = hasEndpoints(docker.sim.workloadRow(c.id)!);
    if (!n && running) return failure(daemonError(`network ${net} not found`), 1);
    const name = n?.name ?? net;
    if (name === 'host' && networksOf(c).includes('host'))
      return failure(daemonError('cannot disconnect container from host network - container was created in host network mode'), 1);
    if (!networksOf(c).includes(name))
      return failure(daemonError(`container ${docker.containerId(c.id)} is not connected to ${running ? 'network' : 'the network'} ${net}`), 1);
    const addresses = addressesOf(c);
    addresses.delete(name);
    docker.sim.setAttrs(c.id, {
      ...c.attrs,
      [NETWORKS_ATTR]: networksText(networksOf(c).filter((x) => x !== name)),
      [ADDRESSES_ATTR]: addressesText(addresses),
    });
    return { exitCode: 0, stdout: '', stderr: '', changed: true };
  },
};

/** network inspect's object (moby api/types/network Inspect, v29 field order: the network, then its containers and status). */
function inspectNetwork(docker: DockerDriver, host: string, n: DockerNetwork): object {
  const endpoints = n.driver === 'bridge' ? endpointsOn(docker, host, n) : [];
  const prefix = n.subnet ? n.subnet.split('/')[1] : '';
  const defaultBridge = n.name === 'bridge';
  return {
    Name: n.name,
    Id: n.id,
    Created: dockerTime(n.created),
    Scope: 'local',
    Driver: n.driver,
    EnableIPv4: true,
    EnableIPv6: false,
    IPAM: { Driver: 'default', Options: defaultBridge ? null : {}, Config: n.subnet ? [{ Subnet: n.subnet, Gateway: n.gateway }] : null },
    Internal: n.internal,
    Attachable: n.attachable,
    Ingress: false,
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    // The default bridge's options as the daemon makes it (daemon_unix.go initBridgeDriver).
    Options: defaultBridge
      ? {
          'com.docker.network.bridge.default_bridge': 'true',
          'com.docker.network.bridge.enable_icc': 'true',
          'com.docker.network.bridge.enable_ip_masquerade': 'true',
          'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
          'com.docker.network.bridge.name': 'docker0',
          'com.docker.network.driver.mtu': '1500',
        }
      : {},
    Labels: {},
    Containers: Object.fromEntries(
      endpoints.map((e) => [
        docker.containerId(e.id),
        {
          Name: e.name,
          EndpointID: docker.endpointId(e.id),
          MacAddress: macOf(docker.endpointId(e.id)),
          IPv4Address: e.ip ? `${e.ip}/${prefix}` : '',
          IPv6Address: '',
        },
      ]),
    ),
    Status: {
      IPAM: n.subnet
        ? { Subnets: { [n.subnet]: { IPsInUse: 3 + endpoints.length, DynamicIPsAvailable: 2 ** (32 - Number(prefix)) - 3 - endpoints.length } } }
        : {},
    },
  };
}

/** A random-looking MAC with the locally administered bit set and the multicast bit clear (libnetwork GenerateRandomMAC, moby 28 and later). */
function macOf(hex: string): string {
  const bytes = [0, 2, 4, 6, 8, 10].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  bytes[0] = (bytes[0] & 0xfe) | 0x02;
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

export const network: DockerCommand = {
  flags: {
    quiet: { type: 'boolean', aliases: ['q'] },
    'no-trunc': { type: 'boolean' },
    filter: { type: 'string', aliases: ['f'], ignored: true, repeat: true },
    format: { type: 'string', ignored: true },
    driver: { type: 'string', aliases: ['d'] },
    internal: { type: 'boolean' },
    attachable: { type: 'boolean' },
    // rm's -f is --force, ls's --filter: one set of flags for all the subcommands here, so -f is ls's.
    force: { type: 'boolean' },
  },
  run: (docker, f) => {
    const [sub, ...rest] = f.positionals;
    // The bare management command shows its help (on stderr, exit 0), as docker context does.
    if (sub === undefined) return { ...help('network'), stdout: '', stderr: help('network').stdout };
    const key = sub === 'list' ? 'ls' : sub === 'remove' ? 'rm' : sub;
    const run = Object.hasOwn(SUBCOMMANDS, key) ? SUBCOMMANDS[key] : undefined;
    if (!run) return unknownSubcommand('network', sub);
    const wrong = argsError(`network ${key}`, rest.length);
    if (wrong) return wrong;
    const host = docker.currentHost();
    if (host === undefined) return failure('Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?', 1);
    return run(docker, host, rest, f);
  },
};
