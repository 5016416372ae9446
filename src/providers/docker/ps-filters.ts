// docker ps --filter (moby v29 daemon/list.go foldFilter and includeContainerInList,
// daemon/internal/filters parse.go and errors.go, api/types/network/port.go
// ParsePortRange; docker/cli opts/opts.go FilterOpt): KEY=VALUE, split at the
// first "="; keys AND'd, one key's values OR'd (label's AND'd). name and id as
// filters.Match does it: the exact text, or an unanchored regular expression
// (RE2, Go's syntax; one that does not compile matches nothing), name against the
// name with and without its "/"; id a unique ID prefix. status and health from
// their own lists; exited a container's exit code once it has run; ancestor an
// image (and those built on it: none here); before and since a container by whole
// ID or name, by creation order among those the name and id filters leave; volume
// a mount's name, source or destination; network a name or an ID prefix of a
// network it is on (stopped or not); publish and expose a port (OR'd together);
// label a key or key=value (no labels are kept here: a label filter matches none);
// is-task true or false; isolation nothing on Linux. A status filter lists
// stopped containers without -a. Checked in foldFilter's order.
import { failure } from '../exec-result.js';
import type { ExecResult, ProviderWorkload } from '../provider.js';
import { daemonError, flagError } from './cli-usage.js';
import { membershipsOf } from './container-networks.js';
import type { DockerDriver } from './driver.js';
import { filterMatcher } from './filter-match.js';
import { imageDigest, parseRef, refText } from './images.js';
import { mountsOf } from './mounts.js';
import { portsShown } from './ports-shown.js';
import { dockerState, shownExitCode } from './status.js';

const KEYS = [
  'ancestor',
  'before',
  'exited',
  'id',
  'isolation',
  'label',
  'name',
  'status',
  'health',
  'since',
  'volume',
  'network',
  'is-task',
  'publish',
  'expose',
];
/** api/types/container/state.go ValidateContainerState. */
const STATES = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];
const HEALTHS = ['none', 'starting', 'healthy', 'unhealthy'];

export interface PsFilter {
  /** Whether the filters list stopped containers too (a status filter does). */
  readonly all: boolean;
  /** The containers the filters keep, of those listed (newest first). */
  readonly apply: (listed: readonly ProviderWorkload[]) => ProviderWorkload[];
}

interface PortRange {
  readonly start: number;
  readonly end: number;
  readonly proto: string;
}

/** nat.ParsePortRange with its protocol (portOp): "80", "8000-8010", "53/udp"; the error as moby says it. */
function portRange(key: string, value: string): PortRange | string {
  if (value.includes(':')) return `filter for '${key}' should not contain ':': ${value}`;
  const slash = value.indexOf('/');
  const range = slash < 0 ? value : value.slice(0, slash);
  const proto = slash < 0 || value.slice(slash + 1) === '' ? 'tcp' : value.slice(slash + 1).toLowerCase();
  const bad = (why: string) => `error while looking up for ${key} ${value}: ${why}`;
  if (range === '') return bad('invalid port range: value is empty');
  const dash = range.indexOf('-');
  const [start, end] = dash < 0 ? [range, range] : [range.slice(0, dash), range.slice(dash + 1)];
  const port = (text: string, which: string): number | string => {
    if (text === '') return bad('invalid port range: value is empty');
    if (!/^\d+$/.test(text)) return bad(`invalid ${which} port '${text}': invalid syntax`);
    return Number(text) > 65535 ? bad(`invalid ${which} port '${text}': value out of range`) : Number(text);
  };
  const a = port(start, 'start');
  if (typeof a === 'string') return a;
  const b = port(end, 'end');
  if (typeof b === 'string') return b;
  if (b < a) return bad(`invalid port range: ${range}`);
  return { start: a, end: b, proto };
}

/** The filters, or the error docker prints for them. */
export function psFilter(docker: DockerDriver, given: readonly string[]): PsFilter | ExecResult {
  const byKey = new Map<string, string[]>();
  for (const raw of given) {
    if (raw === '') continue;
    const at = raw.indexOf('=');
    if (at < 0) return flagError('ps', `invalid argument ${JSON.stringify(raw)} for "-f, --filter" flag: bad format of filter (expected name=value)`);
    const key = raw.slice(0, at).trim().toLowerCase();
    const value = raw.slice(at + 1).trim();
    // The daemon keeps a key's values as a set.
    const values = byKey.get(key) ?? [];
    if (!values.includes(value)) values.push(value);
    byKey.set(key, values);
  }
  const refuse = (message: string) => failure(daemonError(message), 1);
  for (const key of byKey.keys()) if (!KEYS.includes(key)) return refuse(key === '' ? 'invalid filter' : `invalid filter '${key}'`);
  const values = (key: string) => byKey.get(key) ?? [];
  for (const v of values('exited')) {
    if (!/^[+-]?\d+$/.test(v)) return refuse(`invalid filter 'exited=${v}': strconv.Atoi: parsing ${JSON.stringify(v)}: invalid syntax`);
    if (Math.abs(Number(v)) > 2 ** 63 - 1) return refuse(`invalid filter 'exited=${v}': strconv.Atoi: parsing ${JSON.stringify(v)}: value out of range`);
  }
  for (const v of values('status'))
    if (!STATES.includes(v)) return refuse(`invalid filter 'status=${v}': invalid value for state (${v}): must be one of ${STATES.join(', ')}`);
  // GetBoolOrDefault: true if a true value is given and no false one; false the other way; neither or both refused.
  let task: boolean | undefined;
  if (byKey.has('is-task')) {
    const t = values('is-task').some((v) => v === 'true' || v === '1');
    const f = values('is-task').some((v) => v === 'false' || v === '0');
    if (t === f) return refuse(`invalid filter 'is-task=[${values('is-task').join(' ')}]'`);
    task = t;
  }
  for (const v of values('health'))
    if (!HEALTHS.includes(v)) return refuse(`invalid filter 'health=${v}': invalid value for health (${v}): must be one of ${HEALTHS.join(', ')}`);
  const containers = docker.containers();
  const fullId = (c: ProviderWorkload) => docker.containerId(c.id);
  // before and since name a container by its whole ID or its name (idOrNameFilter).
  const anchors = new Map<string, string>();
  for (const key of ['before', 'since'])
    for (const v of values(key)) {
      const c = containers.find((x) => fullId(x) === v || x.name === v.replace(/^\//, ''));
      if (!c) return refuse(`No such container: ${v}`);
      anchors.set(key, c.id);
    }
  const ports = new Map<string, PortRange[]>();
  for (const key of ['publish', 'expose'])
    for (const v of values(key)) {
      const range = portRange(key, v);
      if (typeof range === 'string') return refuse(range);
      ports.set(key, [...(ports.get(key) ?? []), range]);
    }

  // id: each value a unique prefix of a whole ID (GetByPrefix refuses an empty or ambiguous one), then Match.
  const ids = new Set(
    values('id').flatMap((v) => {
      const found = v === '' ? [] : containers.filter((c) => fullId(c).startsWith(v));
      return found.length === 1 && filterMatcher(v)(fullId(found[0]!)) ? [found[0]!.id] : [];
    }),
  );
  const names = values('name').map(filterMatcher);
  const ancestors = new Set(
    values('ancestor').flatMap((v) => {
      const ref = parseRef(v);
      const image = docker.images
        .list(docker.currentHost() ?? '')
        .find(
          (i) =>
            (ref !== undefined && refText(i.ref) === refText(ref)) ||
            (/^(sha256:)?[0-9a-f]{4,64}$/.test(v) && imageDigest(i.ref).startsWith(v.replace(/^sha256:/, ''))),
        );
      return image ? [refText(image.ref)] : [];
    }),
  );
  const networkIds = new Map(docker.networks.list(docker.currentHost() ?? '').map((n) => [n.name, n.id]));
  const inRange = (key: string, port: string) => {
    const [p = '', proto = 'tcp'] = port.split('/');
    return (ports.get(key) ?? []).some((r) => r.proto === proto && Number(p) >= r.start && Number(p) <= r.end);
  };

  /** filterByNameIDMatches: the containers the id and name filters leave, the list before and since walk. */
  const named = (c: ProviderWorkload): boolean =>
    (!byKey.has('id') || ids.has(c.id)) && (!byKey.has('name') || names.some((m) => m(`/${c.name}`) || m(c.name)));

  /** Whether the container passes the filters but name, id, before and since. */
  const keeps = (c: ProviderWorkload): boolean => {
    const row = docker.sim.workloadRow(c.id)!;
    const has = (key: string) => byKey.has(key);
    // No labels are kept: every label filter fails.
    if (has('label')) return false;
    const state = dockerState(row);
    if (has('status') && !values('status').includes(state)) return false;
    // Only a container that has run and stopped has an exit code to match.
    if (has('exited') && !(state === 'exited' && values('exited').some((v) => Number(v) === shownExitCode(row)))) return false;
    // No healthchecks: every container's health is none.
    if (has('health') && !values('health').includes('none')) return false;
    // No container here is a swarm task.
    if (task === true) return false;
    if (has('ancestor') && !ancestors.has(String(c.attrs.imageAsGiven ?? c.image)) && !ancestors.has(c.image)) return false;
    if (has('volume')) {
      const mounts = mountsOf(c.attrs);
      if (!values('volume').some((v) => mounts.some((m) => m.source === v || m.destination === v))) return false;
    }
    if (has('network')) {
      // The networks it is on, stopped or not (releaseNetwork keeps them).
      const on = membershipsOf(row.attrs);
      const id = (m: { name: string; id?: string }) => m.id ?? networkIds.get(m.name) ?? '';
      if (!values('network').some((v) => on.some((m) => m.name === v || (v !== '' && id(m).startsWith(v))))) return false;
    }
    if (ports.size > 0) {
      const { published, exposed } = portsOf(portsShown(docker, c));
      if (!published.some((p) => inRange('publish', p)) && !exposed.some((p) => inRange('expose', p))) return false;
    }
    return true;
  };

  const apply = (newestFirst: readonly ProviderWorkload[]): ProviderWorkload[] => {
    // before and since walk what the name and id filters leave, whatever its state: an anchor not among them
    // leaves before nothing and since everything (includeContainerInList checks them first).
    const walked = newestFirst.filter(named);
    const before = anchors.get('before');
    const since = anchors.get('since');
    let out = walked;
    if (before !== undefined) {
      const at = walked.findIndex((c) => c.id === before);
      out = at < 0 ? [] : walked.slice(at + 1);
    }
    if (since !== undefined) {
      const at = out.findIndex((c) => c.id === since);
      if (at >= 0) out = out.slice(0, at);
    }
    return out.filter(keeps);
  };
  return { all: byKey.has('status'), apply };
}

/** A container's ports as PORTS shows them ("0.0.0.0:8080->80/tcp, 443/tcp"): the public ones (0 for one only exposed) and the private ones. */
function portsOf(shown: string): { published: string[]; exposed: string[] } {
  const published: string[] = [];
  const exposed: string[] = [];
  const expand = (range: string, proto: string) => {
    const [a = '', b = a] = range.split('-');
    const out: string[] = [];
    for (let p = Number(a); p <= Number(b) && out.length < 65536; p++) out.push(`${p}/${proto}`);
    return out;
  };
  for (const entry of shown.split(', ').filter((e) => e !== '')) {
    const arrow = entry.indexOf('->');
    const right = arrow < 0 ? entry : entry.slice(arrow + 2);
    const [range = '', proto = 'tcp'] = right.split('/');
    exposed.push(...expand(range, proto));
    // An exposed port's PublicPort is 0 (the API's Port).
    if (arrow < 0) published.push(...expand(range, proto).map(() => `0/${proto}`));
    else published.push(...expand(entry.slice(entry.lastIndexOf(':', arrow) + 1, arrow), proto));
  }
  return { published, exposed };
}
