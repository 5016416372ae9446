// docker network ls, create, rm, inspect, connect and disconnect, in the words of
// docker/cli cli/command/network/{list,create,remove,inspect,connect,disconnect}.go
// (v29: formatter.go "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}", names
// sorted with sortorder.NaturalLess; rm's "exit status 1" after its errors) and of
// the daemon (moby daemon/network.go, libnetwork/error.go, network.go: "operation
// is not permitted on predefined %s network", "%s is a pre-defined network and
// cannot be removed", "network %s has active endpoints (%s)"). Each subcommand has
// its own flags, as each cobra command does: rm -f is --force, inspect -f --format,
// ls -f --filter.
import { naturalCompare } from '../../core/natural-compare.js';
import { type Cidr, cidrText, inCidr, overlaps, parseCidr, parseIp } from '../../network/ipv4.js';
import { bool, type ParsedFlags, str } from '../cli/flags.js';
import { failure, output } from '../exec-result.js';
import type { ExecResult } from '../provider.js';
import { type DockerCommand, dockerTime, goTimeString, noSuchContainer, onDaemon } from './cli-command.js';
import { managed } from './cli-swarm.js';
import { daemonError } from './cli-usage.js';
import {
  aliasRefused,
  hasEndpoints,
  type Membership,
  membershipsOf,
  membershipsText,
  NETWORKS_ATTR,
  noAddresses,
  notAttachable,
  PREDEFINED_NETWORKS,
  syncEndpoints,
} from './container-networks.js';
import type { DockerDriver } from './driver.js';
import { formattedList, goContext } from './format-flag.js';
import { dockerTable, truncateId } from './formatter.js';
import { inspectTemplate } from './inspect-format.js';
import { type DockerNetwork, MAX_LOCAL_NETWORKS, MAX_OVERLAYS, PREDEFINED } from './networks.js';
import { attachmentTask, NOT_IN_SWARM } from './swarm.js';

const ok = output;

/** A network by name, ID or ID prefix, or the daemon's error; `attach`: an overlay of the host's swarm too. */
function findNetwork(docker: DockerDriver, host: string, term: string, attach = false): DockerNetwork | string {
  const n = attach ? docker.networks.findToAttach(host, term) : docker.networks.find(host, term);
  if (!n) return daemonError(`network ${term} not found`);
  if ('ambiguous' in n) return daemonError(`network ${term} is ambiguous (${n.ambiguous} matches found based on ID prefix)`);
  return n;
}

/** A network subcommand, run with the daemon's endpoints brought up to date first. */
const sub = (flags: DockerCommand['flags'], run: (docker: DockerDriver, host: string, f: ParsedFlags) => ExecResult): DockerCommand =>
  onDaemon(flags, (docker, host, f) => {
    syncEndpoints(docker, host);
    return run(docker, host, f);
  });

const ls = sub(
  {
    quiet: { type: 'boolean', aliases: ['q'] },
    'no-trunc': { type: 'boolean' },
    filter: { type: 'string', aliases: ['f'], ignored: true, repeat: true },
    format: { type: 'string' },
  },
  (docker, host, f) => {
    const list = [...docker.networks.list(host)].sort((a, b) => naturalCompare(a.name, b.name));
    const id = (n: DockerNetwork) => (bool(f, 'no-trunc') ? n.id : truncateId(n.id));
    const format = str(f, 'format') ?? '';
    // network/list.go newFormat: -q makes the table {{.ID}}; a format of one's own is kept.
    if (format !== '' && !(bool(f, 'quiet') && format === 'table'))
      return formattedList(
        format,
        list.map((n) => networkContext(n, id(n))),
        NETWORK_LIST,
      );
    if (bool(f, 'quiet')) return ok(list.map((n) => `${id(n)}\n`).join(''));
    return ok(
      dockerTable(
        ['NETWORK ID', 'NAME', 'DRIVER', 'SCOPE'],
        list.map((n) => [id(n), n.name, n.driver, scopeOf(n)]),
      ),
    );
  },
);

/** network/formatter.go: the default table, the headers, and networkContext's fields. */
const NETWORK_LIST = {
  type: '*network.networkContext',
  defaultTable: 'table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}',
  headers: {
    ID: 'NETWORK ID',
    Name: 'NAME',
    Driver: 'DRIVER',
    Scope: 'SCOPE',
    IPv4: 'IPV4',
    IPv6: 'IPV6',
    Internal: 'INTERNAL',
    Labels: 'LABELS',
    CreatedAt: 'CREATED AT',
  },
};

function networkContext(n: DockerNetwork, id: string): Record<string, unknown> {
  return goContext(
    {
      ID: id,
      Name: n.name,
      Driver: n.driver,
      Scope: scopeOf(n),
      // Every network here has IPv4 and none IPv6 (inspect's EnableIPv4 and EnableIPv6).
      IPv4: 'true',
      IPv6: 'false',
      Internal: String(n.internal),
      // The simulation keeps no network labels (network create --label is not simulated).
      Labels: '',
      CreatedAt: goTimeString(n.created),
    },
    null,
  );
}

const swarmOf = (docker: DockerDriver, host: string) => docker.networks.swarms.of(host)?.swarm;

/** A swarm's network is the swarm's, any other the daemon's own (libnetwork/scope: "swarm", "local"). */
const scopeOf = (n: DockerNetwork) => (n.driver === 'overlay' ? 'swarm' : 'local');

/** What the daemon refuses as a network's name: none at all (libnetwork ErrInvalidName), or one no terminal could show. */
function badName(name: string): string | undefined {
  if (name === '' || name.length > 253 || /[\u0000-\u001f\u007f-\u009f]/.test(name)) return daemonError(`invalid name: ${JSON.stringify(name).slice(1, -1)}`);
  return undefined;
}

const create = sub(
  {
    driver: { type: 'string', aliases: ['d'] },
    internal: { type: 'boolean' },
    attachable: { type: 'boolean' },
    subnet: { type: 'string', repeat: true },
    gateway: { type: 'string', repeat: true },
    label: { type: 'string', ignored: true, repeat: true },
    opt: { type: 'string', aliases: ['o'], ignored: true, repeat: true },
  },
  (docker, host, f) => {
    const [name] = f.positionals;
    const driver = str(f, 'driver') ?? 'bridge';
    const bad = badName(name!);
    if (bad) return failure(bad, 1);
    if ((PREDEFINED as readonly string[]).includes(name!) || name === 'default')
      return failure(daemonError(`operation is not permitted on predefined ${name} network`), 1);
    if (docker.networks.list(host).some((n) => n.name === name)) return failure(daemonError(`network with name ${name} already exists`), 1);
    // What an estate file holds of them (the daemon itself sets no such limit).
    const full = driver === 'overlay' ? (swarmOf(docker, host)?.networks.length ?? 0) >= MAX_OVERLAYS : docker.networks.localCount(host) >= MAX_LOCAL_NETWORKS;
    if (full)
      return failure(
        `(hyperpane: ${driver === 'overlay' ? `a swarm here holds at most ${MAX_OVERLAYS} overlay networks` : `a daemon here holds at most ${MAX_LOCAL_NETWORKS} networks`}; remove one first)`,
        1,
      );
    // Overlay networks span a swarm's nodes; only a manager makes one (daemon/network.go createNetwork).
    const swarm = docker.networks.swarms.of(host);
    if (driver === 'overlay' && swarm?.node.role !== 'manager') return failure(daemonError(NOT_IN_SWARM), 1);
    const manager = driver === 'overlay' ? managed(docker, host) : undefined;
    if (manager && 'exitCode' in manager) return manager;
    if (driver === 'macvlan' || driver === 'ipvlan')
      return failure(`(hyperpane: ${driver} networks, which put containers on the host's own LAN, are not simulated; use a bridge)`, 1);
    // host and null are the daemon's own, one network each (daemon/network.go).
    if (driver === 'host' || driver === 'null') return failure(daemonError(`only one instance of "${driver}" network is allowed`), 1);
    // The daemon's drivers are bridge, and host and null for its own; any other is a plugin it does not have.
    if (driver !== 'bridge' && driver !== 'overlay') return failure(daemonError(`plugin ${JSON.stringify(driver)} not found`), 1);
    const subnets = (f.values.get('subnet') as string[] | undefined) ?? [];
    const gateways = (f.values.get('gateway') as string[] | undefined) ?? [];
    let subnet: Cidr | undefined;
    if (subnets.length > 0) {
      // moby's ValidateIPAM: "invalid network config:" and each problem on a line of its own.
      const invalid = (why: string) => failure(daemonError(`invalid network config:\ninvalid subnet ${subnets[0]}: ${why}`), 1);
      const loose = parseCidr(subnets[0]!);
      subnet = parseCidr(subnets[0]!, true) ?? undefined;
      if (!loose || !subnets[0]!.includes('/')) return invalid('invalid CIDR block notation');
      if (!subnet) return invalid(`it should be ${cidrText(loose)}`);
      if (subnet.bits > 30 || subnet.bits < 8) return failure(`(hyperpane: a subnet here is an IPv4 block from /8 to /30, got ${subnets[0]})`, 1);
      const near = driver === 'overlay' ? swarm!.swarm.networks : docker.networks.list(host).filter((n) => n.driver !== 'overlay');
      const clash = near.find((n) => n.subnet && overlaps(n.subnet, subnet!));
      // The swarm's manager stores an overlay whatever its block, and its allocator then fails to give it one: the
      // simulation refuses it at once instead.
      if (clash && driver === 'overlay')
        return failure(
          `(hyperpane: ${cidrText(subnet)} overlaps overlay network ${clash.name}'s ${cidrText(clash.subnet!)}: the swarm could give it no addresses)`,
          1,
        );
      if (clash) return failure(daemonError('invalid pool request: Pool overlaps with other one on this address space'), 1);
    }
    const gateway = gateways[0];
    if (gateway !== undefined) {
      const g = parseIp(gateway);
      // The client's own check (cli/command/network/create.go consolidateIpam), so no daemon prefix.
      if (!subnet || g === undefined || !inCidr(g, subnet)) return failure(`no matching subnet for gateway ${gateway}`, 1);
    }
    const o = {
      internal: bool(f, 'internal'),
      attachable: bool(f, 'attachable'),
      created: docker.sim.now,
      ...(subnet ? { subnet } : {}),
      ...(gateway ? { gateway } : {}),
    };
    const made =
      driver === 'overlay'
        ? docker.networks.createOverlay(host, name!, o)
        : docker.networks.create(host, name!, o, (netId) =>
            docker.containerIdsOn(host).some((c) => membershipsOf(docker.sim.workloadRow(c)!.attrs).some((m) => m.id === netId)),
          );
    if (!made) return failure(daemonError('all predefined address pools have been fully subnetted'), 1);
    return ok(`${made.id}\n`, true);
  },
);

const rm = sub({ force: { type: 'boolean', aliases: ['f'] } }, (docker, host, f) => {
  const out: string[] = [];
  const errors: string[] = [];
  for (const term of f.positionals) {
    const n = findNetwork(docker, host, term);
    if (typeof n === 'string') {
      // --force: "Do not error if the network does not exist".
      if (!(bool(f, 'force') && n.endsWith('not found'))) errors.push(n);
      continue;
    }
    if ((PREDEFINED as readonly string[]).includes(n.name)) {
      errors.push(daemonError(`${n.name} is a pre-defined network and cannot be removed`));
      continue;
    }
    if (n.driver === 'overlay') {
      const refused = overlayRemoval(docker, host, n);
      if (refused === 'ingress') out.push(`${INGRESS_WARNING} [y/N] `);
      else if (refused) errors.push(refused);
      else out.push(term);
      continue;
    }
    // A container being created by a run holds its endpoint already (hasEndpoints counts it).
    if (n.endpoints.size > 0) {
      const list = [...n.endpoints.values()]
        .map((e) => `name:${JSON.stringify(docker.sim.workloadRow(e.container)?.name ?? e.container)} id:${JSON.stringify(truncateId(e.endpointId))}`)
        .join(', ');
      errors.push(daemonError(`error while removing network: network ${n.name} has active endpoints (${list})`));
      continue;
    }
    docker.networks.remove(host, n);
    out.push(term);
  }
  // remove.go: each error as it comes, then a status error whose text main prints too.
  return {
    exitCode: errors.length > 0 ? 1 : 0,
    stdout: out.map((n) => `${n}\n`).join(''),
    stderr: errors.length > 0 ? `${errors.join('\n')}\nexit status 1\n` : '',
    changed: out.length > 0,
  };
});

const inspect = sub({ format: { type: 'string', aliases: ['f'] }, verbose: { type: 'boolean', aliases: ['v'], ignored: true } }, (docker, host, f) => {
  const template = inspectTemplate(str(f, 'format') ?? '');
  if (typeof template === 'string') return failure(template, 64);
  const found: object[] = [];
  const errors: string[] = [];
  for (const term of f.positionals) {
    const n = findNetwork(docker, host, term);
    if (typeof n === 'string') errors.push(n);
    else found.push(inspectNetwork(docker, host, n));
  }
  const { stdout, failed } = template(found);
  errors.push(...failed);
  return { exitCode: errors.length ? 1 : 0, stdout, stderr: errors.map((e) => `${e}\n`).join(''), changed: false };
});

const connect = sub(
  {
    ip: { type: 'string', ignored: true },
    alias: { type: 'string', repeat: true },
    'driver-opt': { type: 'string', ignored: true, repeat: true },
  },
  (docker, host, f) => {
    const [term, container] = f.positionals as [string, string];
    const c = docker.find(container, host);
    if (!c) return failure(noSuchContainer(container), 1);
    const row = docker.sim.workloadRow(c.id)!;
    const on = membershipsOf(row.attrs);
    const running = hasEndpoints(row);
    const found = findNetwork(docker, host, term, true);
    // A stopped container only has the setting written (daemon/container_operations.go ConnectToNetwork: a network
    // that is not there fails at its start).
    if (typeof found === 'string' && (running || !found.endsWith('not found'))) return failure(found, 1);
    const n = typeof found === 'string' ? undefined : found;
    const name = n?.name ?? term;
    if (name === 'host') return failure(daemonError('cannot connect container to host network - container must be created in host network mode'), 1);
    if (on.some((m) => m.name === 'host' || m.name.startsWith('container:')))
      return failure(daemonError('container sharing network namespace with another container or host cannot be connected to any other network'), 1);
    if (name === 'none' || on.some((m) => m.name === 'none'))
      return failure(daemonError('container cannot be connected to multiple networks with one of the networks in private (none) mode'), 1);
    const aliases = (f.values.get('alias') as string[] | undefined) ?? [];
    if (aliases.length > 0 && PREDEFINED_NETWORKS.includes(name)) return failure(daemonError(aliasRefused(name)), 1);
    const mine = on.find((m) => m.name === name);
    // A swarm's network refuses a second attachment before any endpoint (container_operations.go findAndAttachNetwork).
    if (mine && running && n?.endpoints.has(c.id))
      return failure(
        daemonError(
          n.driver === 'overlay' ? `${c.name} is already attached to network ${name}` : `endpoint with name ${c.name} already exists in network ${name}`,
        ),
        1,
      );
    // A stopped container already on it: its settings are written anew (daemon updateNetworkConfig), aliases and all; a
    // stale entry, of a network made again, is set anew too.
    if (mine && !running && (mine.id === undefined || mine.id === n?.id)) {
      if (aliases.length === 0 && !mine.aliases?.length) return ok('', false);
      const kept: Membership = { name: mine.name, ...(mine.id !== undefined ? { id: mine.id } : {}), ...(aliases.length > 0 ? { aliases } : {}) };
      docker.sim.setAttrs(c.id, { ...row.attrs, [NETWORKS_ATTR]: membershipsText(on.map((m) => (m === mine ? kept : m))) });
      return ok('', true);
    }
    if (running && n?.driver === 'overlay' && !n.attachable) return failure(daemonError(notAttachable(n.name)), 1);
    if (running && n && !docker.networks.join(n, c.id, docker.sim.now, host)) return failure(daemonError(noAddresses(n)), 1);
    const entry: Membership = { name, ...(running && n ? { id: n.id } : {}), ...(aliases.length > 0 ? { aliases } : {}) };
    const joined = mine ? on.map((m) => (m === mine ? entry : m)) : [...on, entry];
    docker.sim.setAttrs(c.id, { ...row.attrs, [NETWORKS_ATTR]: membershipsText(joined) });
    return ok('', true);
  },
);

const disconnect = sub({ force: { type: 'boolean', aliases: ['f'] } }, (docker, host, f) => {
  const [term, container] = f.positionals as [string, string];
  const c = docker.find(container, host);
  if (!c) return failure(noSuchContainer(container), 1);
  const row = docker.sim.workloadRow(c.id)!;
  const running = hasEndpoints(row);
  const found = findNetwork(docker, host, term, true);
  const on = membershipsOf(row.attrs);
  // A stopped container's setting goes by the name given whatever the lookup found (a worker does not see its
  // swarm's overlay once nothing of its own is on it), a running one's with --force when the network is gone
  // (daemon/container_operations.go DisconnectFromNetwork: !Running || (err != nil && force)).
  if (typeof found === 'string' && running && !(bool(f, 'force') && found.endsWith('not found'))) return failure(found, 1);
  const n = typeof found === 'string' ? undefined : found;
  const name = n?.name ?? term;
  if (name === 'host' && on.some((m) => m.name === 'host'))
    return failure(daemonError('cannot disconnect container from host network - container was created in host network mode'), 1);
  const mine = running && n ? on.find((m) => (m.id !== undefined ? m.id === n.id : m.name === n.name)) : on.find((m) => m.name === name);
  // daemon/container_operations.go DisconnectFromNetwork: the network's name as the daemon resolved it.
  if (!mine) return failure(daemonError(`container ${docker.containerId(c.id)} is not connected to ${running ? 'network' : 'the network'} ${name}`), 1);
  if (n) docker.networks.leave(n, c.id);
  docker.sim.setAttrs(c.id, { ...row.attrs, [NETWORKS_ATTR]: membershipsText(on.filter((m) => m !== mine)) });
  return ok('', true);
});

/** The swarm's managers remove its networks; a worker is refused, as is a network a container is attached to (an attachment task). */
function overlayRemoval(docker: DockerDriver, host: string, n: DockerNetwork): string | 'ingress' | undefined {
  // cli/command/network/remove.go asks before the routing mesh's network goes; with no answer to read, it does not.
  if (n.ingress) return 'ingress';
  const manager = managed(docker, host);
  if ('exitCode' in manager) return manager.stderr.trimEnd();
  const [first] = n.endpoints.values();
  // swarmkit manager/controlapi/network.go removeNetwork: the first task still on it.
  if (first) return daemonError(`rpc error: code = FailedPrecondition desc = network ${n.id} is in use by task ${attachmentTask(n, first.container)}`);
  docker.networks.remove(host, n);
  return undefined;
}

/** cli/command/network/remove.go ingressWarning. */
const INGRESS_WARNING =
  'WARNING! Before removing the routing-mesh network, make sure all the nodes in your swarm run the same docker engine version. ' +
  'Otherwise, removal may not be effective and functionality of newly create ingress networks will be impaired.\nAre you sure you want to continue?';

/** network inspect's object (moby api/types/network Inspect, v29 field order: the network, then its containers and status). */
function inspectNetwork(docker: DockerDriver, host: string, n: DockerNetwork): object {
  const subnet = n.subnet ? cidrText(n.subnet) : undefined;
  const defaultBridge = n.name === 'bridge';
  // encoding/json writes a map's keys sorted: the containers by their IDs.
  // A daemon knows the endpoints of its own containers: an overlay's on other nodes are theirs.
  const containers = [...n.endpoints.values()]
    .filter((e) => e.host === undefined || e.host === host)
    .map((e) => [docker.containerId(e.container), e] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, e]) => [
      id,
      {
        Name: docker.sim.workloadRow(e.container)?.name ?? '',
        EndpointID: e.endpointId,
        MacAddress: e.mac ?? '',
        IPv4Address: e.ip ? `${e.ip}/${n.subnet!.bits}` : '',
        IPv6Address: '',
      },
    ]);
  return {
    Name: n.name,
    Id: n.id,
    Created: dockerTime(n.created),
    Scope: scopeOf(n),
    Driver: n.driver,
    EnableIPv4: true,
    EnableIPv6: false,
    IPAM: { Driver: 'default', Options: defaultBridge || n.driver !== 'bridge' ? null : {}, Config: subnet ? [{ Subnet: subnet, Gateway: n.gateway }] : null },
    Internal: n.internal,
    Attachable: n.attachable,
    Ingress: n.ingress === true,
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    // The default bridge's options as the daemon makes it (daemon_unix.go initBridgeDriver).
    // A swarm's overlay carries its VXLAN ID (netlabel.OverlayVxlanIDList).
    Options:
      n.vni !== undefined
        ? { 'com.docker.network.driver.overlay.vxlanid_list': String(n.vni) }
        : defaultBridge
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
    Containers: Object.fromEntries(containers),
    Status: {
      IPAM:
        n.subnet && n.pool ? { Subnets: { [subnet!]: { IPsInUse: 3 + n.pool.inUse, DynamicIPsAvailable: n.pool.capacity - n.pool.inUse } } } : { Subnets: {} },
    },
  };
}

export const network: DockerCommand = {
  flags: {},
  run: () => failure('docker network: give a subcommand', 1),
  subcommands: { ls, create, rm, inspect, connect, disconnect },
  subcommandAliases: { list: 'ls', remove: 'rm' },
};
