// docker swarm init, join, join-token and leave, and docker node ls, promote and
// demote, in the words of docker/cli cli/command/swarm/{init,join,join_token,
// leave}.go and cli/command/node/{list,promote,demote,update,formatter}.go, and of
// the daemon (moby daemon/cluster/errors.go, swarm.go Leave, helpers.go getNode,
// listen_addr.go) and swarmkit (ca/config.go ParseJoinToken, ca/server.go,
// manager/controlapi/node.go). The address a node advertises is its host's own on
// its LAN (the registry's, DockerDriver.nodeAddress).
import { naturalCompare } from '../../core/natural-compare.js';
import { parseIp } from '../../network/ipv4.js';
import { bool, str } from '../cli/flags.js';
import { failure, output } from '../exec-result.js';
import type { ExecResult } from '../provider.js';
import { type DockerCommand, withDaemon } from './cli-command.js';
import { daemonError } from './cli-usage.js';
import { membershipsOf, membershipsText, NETWORKS_ATTR } from './container-networks.js';
import { ENGINE_VERSION } from './defaults.js';
import type { DockerDriver } from './driver.js';
import { dockerTable } from './formatter.js';
import { DockerNetworks, hexId, MAX_LOCAL_NETWORKS } from './networks.js';
import {
  JOIN_TIMEOUT,
  joinToken,
  NO_LEADER,
  NO_SWARM,
  NOT_IN_SWARM,
  NOT_MANAGER,
  parseJoinToken,
  SWARM_EXISTS,
  SWARM_PORT,
  type Swarm,
  type SwarmNode,
  type SwarmRole,
  Swarms,
} from './swarm.js';

const ok = output;
const refused = (message: string) => failure(daemonError(message), 1);

/** The swarm a manager runs, or the daemon's refusal (cluster.go errNoManager: in no swarm, or a worker; raft: no leader, no quorum). */
export function managed(docker: DockerDriver, host: string): { swarm: Swarm; node: SwarmNode } | ExecResult {
  const at = docker.networks.swarms.of(host);
  if (!at) return refused(NOT_IN_SWARM);
  if (at.node.role !== 'manager') return refused(NOT_MANAGER);
  if (!leaderOf(docker, at.swarm)) return refused(NO_LEADER);
  return at;
}

const leaderOf = (docker: DockerDriver, s: Swarm) => Swarms.leader(s, (n) => isDown(docker, n));

/**
 * Takes a node out of its swarm (it left, or a manager removed it): its
 * containers on the swarm's networks are disconnected from them and keep running
 * (moby daemon.go DaemonLeavesCluster, network.go clearAttachableNetworks), and
 * the overlays go from the node.
 */
function dropNode(docker: DockerDriver, swarm: Swarm, node: SwarmNode): void {
  for (const n of swarm.networks)
    for (const e of [...n.endpoints.values()]) {
      if (e.host !== node.host) continue;
      docker.networks.leave(n, e.container);
      const row = docker.sim.workloadRow(e.container);
      if (row) docker.sim.setAttrs(e.container, { ...row.attrs, [NETWORKS_ATTR]: membershipsText(membershipsOf(row.attrs).filter((m) => m.id !== n.id)) });
    }
  docker.networks.swarms.remove(swarm, node);
}

/** The address a node advertises: --advertise-addr (an IP, or an interface: the host's own) with its port, or the host's own with 2377. */
function advertised(docker: DockerDriver, host: string, given: string | undefined): string | { error: string } {
  const own = docker.nodeAddress(host);
  // An empty one is none: the daemon picks (cli init.go passes it on as it is).
  if (given === undefined || given === '')
    return own === undefined ? { error: "could not find the system's IP address - specify one with --advertise-addr" } : `${own}:${SWARM_PORT}`;
  const m = /^([^:]+)(?::(\d{1,5}))?$/.exec(given);
  const port = m?.[2] === undefined ? SWARM_PORT : Number(m[2]);
  const ip = m && parseIp(m[1]!) !== undefined && m[1] !== '0.0.0.0' ? m[1]! : m && /^[a-z][a-z0-9._-]*$/i.test(m[1]!) ? own : undefined;
  if (ip === undefined || port < 1 || port > 65535)
    return { error: 'advertise address must be a non-zero IP address or network interface (with optional port number)' };
  return `${ip}:${port}`;
}

/** printJoinCommand: the line a worker or a manager runs to join. */
const joinCommand = (s: Swarm, role: SwarmRole, addr: string) =>
  `To add a ${role} to this swarm, run the following command:\n\n    docker swarm join --token ${joinToken(s, role)} ${addr}\n\n`;

const run = withDaemon;

const init: DockerCommand = {
  flags: {
    'advertise-addr': { type: 'string' },
    'listen-addr': { type: 'string', ignored: true },
    'data-path-addr': { type: 'string', ignored: true },
    'data-path-port': { type: 'string', ignored: true },
    'force-new-cluster': { type: 'boolean', ignored: true },
    autolock: { type: 'boolean', ignored: true },
    availability: { type: 'string', ignored: true },
    'default-addr-pool': { type: 'string', ignored: true, repeat: true },
    'default-addr-pool-mask-length': { type: 'string', ignored: true },
    'task-history-limit': { type: 'string', ignored: true },
    'dispatcher-heartbeat': { type: 'string', ignored: true },
    'cert-expiry': { type: 'string', ignored: true },
    'external-ca': { type: 'string', ignored: true },
    'max-snapshots': { type: 'string', ignored: true },
    'snapshot-interval': { type: 'string', ignored: true },
  },
  run: (docker, f) =>
    run(docker, (host) => {
      if (docker.networks.swarms.of(host)) return refused(SWARM_EXISTS);
      const addr = advertised(docker, host, str(f, 'advertise-addr'));
      if (typeof addr !== 'string') return refused(addr.error);
      const full = noRoom(docker, host);
      if (full) return full;
      const now = docker.sim.now;
      const swarm = docker.networks.swarms.init(host, addr, now, (s) => DockerNetworks.ingress(s, now));
      gatewayBridge(docker, host);
      return ok(
        `Swarm initialized: current node (${swarm.nodes[0]!.id}) is now a manager.\n\n${joinCommand(swarm, 'worker', addr)}` +
          "To add a manager to this swarm, run 'docker swarm join-token manager' and follow the instructions.\n",
        true,
      );
    }),
};

/** docker_gwbridge, the bridge a node's overlay containers leave the host by (libnetwork default_gateway_linux.go), made as it joins. */
function gatewayBridge(docker: DockerDriver, host: string): void {
  if (hasGateway(docker, host)) return;
  docker.networks.create(host, 'docker_gwbridge', { internal: false, attachable: false, created: docker.sim.now });
}

const hasGateway = (docker: DockerDriver, host: string) => docker.networks.list(host).some((n) => n.name === 'docker_gwbridge');

/** Why the daemon cannot take part in a swarm here: no room for its docker_gwbridge among the networks a file holds. */
function noRoom(docker: DockerDriver, host: string): ExecResult | undefined {
  if (hasGateway(docker, host) || docker.networks.localCount(host) < MAX_LOCAL_NETWORKS) return undefined;
  return failure(`(hyperpane: a daemon here holds at most ${MAX_LOCAL_NETWORKS} networks, and joining a swarm adds docker_gwbridge; remove one first)`, 1);
}

const join: DockerCommand = {
  flags: {
    token: { type: 'string' },
    'advertise-addr': { type: 'string' },
    'listen-addr': { type: 'string', ignored: true },
    'data-path-addr': { type: 'string', ignored: true },
    availability: { type: 'string', ignored: true },
  },
  run: (docker, f) =>
    run(docker, (host) => {
      if (docker.networks.swarms.of(host)) return refused(SWARM_EXISTS);
      const given = str(f, 'token') ?? '';
      const token = parseJoinToken(given);
      if (given !== '' && !token) return refused('invalid join token');
      const [remote] = f.positionals as [string];
      const target = remote.includes(':') ? remote : `${remote}:${SWARM_PORT}`;
      const swarm = docker.networks.swarms.list.find((s) => s.nodes.some((n) => n.role === 'manager' && n.addr === target));
      if (!swarm)
        return failure(`(hyperpane: no swarm manager of the estate listens at ${target}; a manager's address is in its 'docker swarm join-token worker')`, 1);
      // A manager that is down, or a swarm with no leader, answers no one: the join waits, and gives up (errors.go).
      const manager = swarm.nodes.find((n) => n.role === 'manager' && n.addr === target)!;
      if (isDown(docker, manager) || !leaderOf(docker, swarm)) return refused(JOIN_TIMEOUT);
      // ca/certificates.go: the digest as the CA's SHA-256 in hex (the token carries it in base 36).
      if (token && token.digest !== swarm.digest) return refused(`remote CA does not match fingerprint. Expected: ${hexId(token.digest)}`);
      const role: SwarmRole | undefined = token?.secret === swarm.managerSecret ? 'manager' : token?.secret === swarm.workerSecret ? 'worker' : undefined;
      if (!role) return refused('rpc error: code = InvalidArgument desc = A valid join token is necessary to join this cluster');
      const addr = advertised(docker, host, str(f, 'advertise-addr'));
      if (typeof addr !== 'string') return refused(addr.error);
      const full = noRoom(docker, host);
      if (full) return full;
      docker.networks.swarms.join(swarm, host, role, addr, docker.sim.now);
      gatewayBridge(docker, host);
      return ok(`This node joined a swarm as a ${role}.\n`, true);
    }),
};

const joinTokenCmd: DockerCommand = {
  flags: { quiet: { type: 'boolean', aliases: ['q'] }, rotate: { type: 'boolean' } },
  run: (docker, f) =>
    run(docker, (host) => {
      const [role] = f.positionals as [string];
      // The role is checked before the daemon is asked (join_token.go).
      if (role !== 'worker' && role !== 'manager') return failure(`unknown role ${role}`, 1);
      const at = managed(docker, host);
      if ('exitCode' in at) return at;
      let head = '';
      if (bool(f, 'rotate')) {
        rotate(docker.networks.swarms, at.swarm, role, docker.sim.now);
        if (!bool(f, 'quiet')) head = `Successfully rotated ${role} join token.\n\n`;
      }
      if (bool(f, 'quiet')) return ok(`${joinToken(at.swarm, role)}\n`, bool(f, 'rotate'));
      return ok(head + joinCommand(at.swarm, role, at.node.addr), bool(f, 'rotate'));
    }),
};

/** A new secret for a role's token: the old one no longer joins anyone. */
function rotate(swarms: Swarms, s: Swarm, role: SwarmRole, now: number): void {
  if (role === 'manager') s.managerSecret = swarms.newId(`${s.id}\u0000manager\u0000${s.managerSecret}\u0000${now}`);
  else s.workerSecret = swarms.newId(`${s.id}\u0000worker\u0000${s.workerSecret}\u0000${now}`);
}

const leave: DockerCommand = {
  flags: { force: { type: 'boolean', aliases: ['f'] } },
  run: (docker, f) =>
    run(docker, (host) => {
      const at = docker.networks.swarms.of(host);
      if (!at) return refused(NO_SWARM);
      if (at.node.role === 'manager' && !bool(f, 'force')) return refused(managerLeaving(docker, at.swarm));
      dropNode(docker, at.swarm, at.node);
      return ok('Node left the swarm.\n', true);
    }),
};

/** Why a manager may not leave without --force (moby daemon/cluster/swarm.go Leave, utils.go). */
function managerLeaving(docker: DockerDriver, s: Swarm): string {
  const managers = s.nodes.filter((n) => n.role === 'manager' && !n.pending);
  const reachable = managers.filter((n) => !isDown(docker, n)).length;
  const unreachable = managers.length - reachable;
  let msg = 'You are attempting to leave the swarm on a node that is participating as a manager. ';
  // With no leader the managers' figures cannot be had (managerStats fails), and only the warning's ends are said.
  if (leaderOf(docker, s) && reachable - 2 <= unreachable) {
    if (reachable === 1 && unreachable === 0)
      return `${msg}Removing the last manager erases all current state of the swarm. Use \`--force\` to ignore this message. `;
    msg += `Removing this node leaves ${reachable - 1} managers out of ${reachable + unreachable}. Without a Raft quorum your swarm will be inaccessible. `;
  }
  return `${msg}The only way to restore a swarm that has lost consensus is to reinitialize it with \`--force-new-cluster\`. Use \`--force\` to suppress this message.`;
}

export const swarm: DockerCommand = {
  flags: {},
  run: () => failure('docker swarm: give a subcommand', 1),
  subcommands: { init, join, 'join-token': joinTokenCmd, leave },
};

/** A node by full ID, by hostname, or by a unique ID prefix (moby daemon/cluster/helpers.go getNode). */
function findNode(docker: DockerDriver, s: Swarm, term: string): SwarmNode | string {
  // The client's own check (client/utils.go trimID), so no daemon prefix.
  if (term.trim() === '') return 'invalid node name or ID: value is empty';
  const exact = s.nodes.find((n) => n.id === term);
  if (exact) return exact;
  const named = s.nodes.filter((n) => hostname(docker, n) === term);
  const found = named.length > 0 ? named : s.nodes.filter((n) => n.id.startsWith(term));
  if (found.length === 0) return daemonError(`node ${term} not found`);
  if (found.length > 1) return daemonError(`node ${term} is ambiguous (${found.length} matches found)`);
  return found[0]!;
}

/** A node whose host has failed, or is gone (its VM deleted), answers no one: Down, and an unreachable manager. */
const isDown = (docker: DockerDriver, n: SwarmNode) => {
  const h = docker.sim.host(n.host);
  return h === undefined || h.state === 'failed';
};

const hostname = (docker: DockerDriver, n: SwarmNode) => docker.sim.host(n.host)?.name ?? n.host;

const ls: DockerCommand = {
  flags: {
    quiet: { type: 'boolean', aliases: ['q'] },
    filter: { type: 'string', aliases: ['f'], ignored: true, repeat: true },
    format: { type: 'string', ignored: true },
  },
  run: (docker, f) =>
    run(docker, (host) => {
      const at = managed(docker, host);
      if ('exitCode' in at) return at;
      const nodes = [...at.swarm.nodes].sort((a, b) => naturalCompare(hostname(docker, a), hostname(docker, b)));
      if (bool(f, 'quiet')) return ok(nodes.map((n) => `${n.id}\n`).join(''));
      const leader = leaderOf(docker, at.swarm);
      const rows = nodes.map((n) => {
        const down = isDown(docker, n);
        // A manager to be that has not joined the Raft group has no manager status yet.
        const manager = n.role !== 'manager' || n.pending ? '' : down ? 'Unreachable' : n === leader ? 'Leader' : 'Reachable';
        return [`${n.id} ${n.host === host ? '*' : ' '}`, hostname(docker, n), down ? 'Down' : 'Ready', 'Active', manager, ENGINE_VERSION];
      });
      return ok(dockerTable(['ID', 'HOSTNAME', 'STATUS', 'AVAILABILITY', 'MANAGER STATUS', 'ENGINE VERSION'], rows));
    }),
};

/** promote and demote: each node named in turn, stopping at the first error (node/update.go updateNodes). */
function roleChange(to: SwarmRole): DockerCommand {
  return {
    flags: {},
    run: (docker, f) =>
      run(docker, (host) => {
        const at = managed(docker, host);
        if ('exitCode' in at) return at;
        let out = '';
        let changed = false;
        for (const term of f.positionals) {
          const n = findNode(docker, at.swarm, term);
          if (typeof n === 'string') return { exitCode: 1, stdout: out, stderr: `${n}\n`, changed };
          if (n.role === to) {
            out += `Node ${n.id} is already a ${to}.\n`;
            continue;
          }
          // swarmkit controlapi/node.go UpdateNode: the last manager stays one.
          if (to === 'worker' && at.swarm.nodes.filter((x) => x.role === 'manager').length === 1)
            return {
              exitCode: 1,
              stdout: out,
              stderr: `${daemonError('rpc error: code = FailedPrecondition desc = attempting to demote the last manager of the swarm')}\n`,
              changed,
            };
          n.role = to;
          // A node that is down takes the role as it comes back (its desired role; swarmkit's role manager).
          if (to === 'manager' && isDown(docker, n)) n.pending = true;
          else delete n.pending;
          changed = true;
          out += to === 'manager' ? `Node ${term} promoted to a manager in the swarm.\n` : `Manager ${term} demoted in the swarm.\n`;
        }
        return ok(out, changed);
      }),
  };
}

/** node rm: a worker that is down, or any worker with --force; a manager must be demoted first (swarmkit controlapi/node.go RemoveNode). */
const rm: DockerCommand = {
  flags: { force: { type: 'boolean', aliases: ['f'] } },
  run: (docker, f) =>
    run(docker, (host) => {
      const at = managed(docker, host);
      if ('exitCode' in at) return at;
      let out = '';
      const errors: string[] = [];
      for (const term of f.positionals) {
        const n = findNode(docker, at.swarm, term);
        if (typeof n === 'string') errors.push(n);
        else if (n.role === 'manager')
          errors.push(
            daemonError(
              `rpc error: code = FailedPrecondition desc = node ${n.id} is a cluster manager and is a member of the raft cluster. It must be demoted to worker before removal`,
            ),
          );
        else if (!bool(f, 'force') && !isDown(docker, n))
          errors.push(daemonError(`rpc error: code = FailedPrecondition desc = node ${n.id} is not down and can't be removed`));
        else {
          dropNode(docker, at.swarm, n);
          out += `${term}\n`;
        }
      }
      // errors.Join: each on a line of its own.
      return { exitCode: errors.length > 0 ? 1 : 0, stdout: out, stderr: errors.map((e) => `${e}\n`).join(''), changed: out !== '' };
    }),
};

export const node: DockerCommand = {
  flags: {},
  run: () => failure('docker node: give a subcommand', 1),
  subcommands: { ls, promote: roleChange('manager'), demote: roleChange('worker'), rm },
  subcommandAliases: { list: 'ls', remove: 'rm' },
};
