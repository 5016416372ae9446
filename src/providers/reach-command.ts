// `reach`, hyperpane's own question for the platforms that have no such command:
// whether traffic flows from one endpoint to another and what decided, hop by
// hop (Azure Network Watcher's IP flow verify for the whole estate); and
// `reach --matrix`, every pair of a set of workloads at once (Mininet's pingall).
//   reach web-01 db-01 5432          tcp unless said otherwise
//   reach internet web-01 tcp/443    "internet", a workload's name or an address
//   reach --matrix tcp/22 [NAME...]  all workloads on a network if none are named
import { type Endpoint, reach, resolve, type Verdict } from '../network/reach.js';
import type { Protocol } from '../network/security-rules.js';
import type { Topology } from '../network/topology.js';
import { failure, output } from './exec-result.js';
import type { ExecResult } from './provider.js';

export const REACH_USAGE =
  'usage: reach FROM TO [PROTOCOL/]PORT | reach --matrix [PROTOCOL/]PORT [NAME...]\n' +
  '  FROM, TO: a workload, an IPv4 address or "internet"; PROTOCOL: tcp (the default), udp or icmp (no port)';

/**
 * At most this many workloads in a matrix: 1,600 checks, each row a few hundred
 * columns, read in a pager or a wide terminal. The built-in estate's 31 networked
 * workloads fit whole; a larger estate names the ones it wants.
 */
const MATRIX_MAX = 40;

/** "5432", "tcp/5432", "udp/53" or "icmp", or the reason it is none of them. */
export function parseService(text: string): { protocol: Protocol; port: number } | string {
  if (/^icmp$/i.test(text)) return { protocol: 'Icmp', port: 0 };
  const m = /^(?:(tcp|udp)\/)?(\d{1,5})$/i.exec(text);
  if (!m || Number(m[2]) > 65535) return `'${text}' is not a port (0-65535), PROTOCOL/PORT (tcp/443, udp/53) or icmp`;
  return { protocol: m[1]?.toLowerCase() === 'udp' ? 'Udp' : 'Tcp', port: Number(m[2]) };
}

const endpoint = (word: string): Endpoint =>
  word.toLowerCase() === 'internet' ? { kind: 'internet' } : /^\d+\.\d+\.\d+\.\d+$/.test(word) ? { kind: 'ip', ip: word } : { kind: 'workload', name: word };

const serviceText = (protocol: Protocol, port: number) => (protocol === 'Icmp' ? 'icmp' : `${protocol.toLowerCase()}/${port}`);

export function verdictText(v: Verdict, protocol: Protocol, port: number): string {
  const mark = { pass: 'pass ', allow: 'allow', deny: 'deny ' } as const;
  return [
    `${v.from} -> ${v.to} ${serviceText(protocol, port)}: ${v.allowed ? 'allowed' : 'denied'}`,
    ...v.hops.map((h, i) => `  ${i + 1}. ${mark[h.result]}  ${h.text}`),
    `decided by: ${v.decidedBy}`,
  ].join('\n');
}

export function reachCommand(topo: () => Topology, words: readonly string[]): ExecResult {
  const args = words.slice(1);
  if (args[0] === '--help' || args[0] === '-h') return output(REACH_USAGE);
  if (args[0] === '--matrix') return matrix(topo(), args.slice(1));
  if (args.length !== 3) return failure(`reach: give a source, a destination and a port\n${REACH_USAGE}`, 2);
  const service = parseService(args[2]!);
  if (typeof service === 'string') return failure(`reach: ${service}\n${REACH_USAGE}`, 2);
  const v = reach(topo(), endpoint(args[0]!), endpoint(args[1]!), service.protocol, service.port);
  if (typeof v === 'string') return failure(`reach: ${v}`, 1);
  // As ping and nc -z do, the exit status says whether it got through.
  return { exitCode: v.allowed ? 0 : 1, stdout: `${verdictText(v, service.protocol, service.port)}\n`, stderr: '', changed: false };
}

function matrix(topo: Topology, args: readonly string[]): ExecResult {
  if (args.length === 0) return failure(`reach: --matrix needs a port\n${REACH_USAGE}`, 2);
  const service = parseService(args[0]!);
  if (typeof service === 'string') return failure(`reach: ${service}\n${REACH_USAGE}`, 2);
  // Every workload on a network by default, each by its name unless another has it too (then by its id).
  const byName = new Map<string, Set<string>>();
  for (const n of topo.nics) (byName.get(n.workloadName) ?? byName.set(n.workloadName, new Set()).get(n.workloadName)!).add(n.workloadId);
  const names =
    args.length > 1
      ? args.slice(1)
      : [...new Map(topo.nics.map((n) => [n.workloadId, byName.get(n.workloadName)!.size > 1 ? n.workloadId : n.workloadName])).values()];
  // A name must be a workload with a network; one not running now is a row and a column of X.
  const down = new Set<string>();
  for (const name of names) {
    const found = resolve(topo, endpoint(name), 'from', service.protocol, service.port);
    if (typeof found !== 'string') continue;
    if (!topo.offline.some((o) => o.workloadName === name || o.workloadId === name)) return failure(`reach: ${found}`, 1);
    down.add(name);
  }
  if (names.length > MATRIX_MAX) return failure(`reach: ${names.length} workloads make too wide a matrix; name at most ${MATRIX_MAX}`, 2);
  if (names.length === 0) return output('reach: no workload has a network adapter');
  const cells: string[][] = [];
  let denied = 0;
  for (const from of names) {
    const row: string[] = [];
    for (const to of names) {
      if (from === to) {
        row.push('-');
        continue;
      }
      if (down.has(from) || down.has(to)) {
        denied++;
        row.push('X');
        continue;
      }
      const v = reach(topo, endpoint(from), endpoint(to), service.protocol, service.port);
      if (typeof v === 'string') return failure(`reach: ${v}`, 1);
      if (!v.allowed) denied++;
      row.push(v.allowed ? 'ok' : 'X');
    }
    cells.push(row);
  }
  const width = Math.max(4, ...names.map((n) => n.length));
  const colWidth = names.map((n) => Math.max(2, n.length));
  const line = (head: string, row: readonly string[]) => [head.padEnd(width), ...row.map((c, i) => c.padEnd(colWidth[i]!))].join('  ').trimEnd();
  const pairs = names.length * (names.length - 1);
  return output(
    [
      `${serviceText(service.protocol, service.port)}: from each row to each column (ok: allowed, X: denied)`,
      line('from', names),
      ...cells.map((row, i) => line(names[i]!, row)),
      `${pairs - denied} of ${pairs} pairs reach each other (${denied} denied); reach FROM TO PORT says why`,
    ].join('\n'),
  );
}
