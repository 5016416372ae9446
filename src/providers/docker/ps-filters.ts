// docker ps --filter (moby v29 daemon/list.go includeContainerInList, daemon/
// internal/filters parse.go and errors.go; docker/cli opts/opts.go FilterOpt):
// KEY=VALUE, split at the first "="; keys AND'd, one key's values OR'd (label's
// AND'd). name and id as filters.Match does it: the exact text, or an unanchored
// regular expression (RE2, Go's syntax; one that does not compile matches
// nothing), name against the name with and without its "/"; id a unique ID
// prefix. status and health from their own lists; exited a container's exit code
// once it has run; ancestor an image (and those built on it: none here); before
// and since a container by whole ID or name, by creation order; volume a mount's
// name, source or destination; network a name or an ID prefix; publish and
// expose a port (OR'd together); label a key or key=value (no labels are kept
// here: a label filter matches none); is-task true or false; isolation nothing
// on Linux. A status filter lists stopped containers without -a.
import { compileUserRegex } from '../../core/regex.js';
import { failure } from '../exec-result.js';
import type { ExecResult, ProviderWorkload } from '../provider.js';
import { daemonError, flagError } from './cli-usage.js';
import { endpointsOf } from './container-networks.js';
import type { DockerDriver } from './driver.js';
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
  readonly keep: (c: ProviderWorkload, newestFirst: readonly ProviderWorkload[]) => boolean;
}

/** filters.Match: the text itself, or an unanchored regular expression that finds it. */
function matches(value: string, text: string): boolean {
  if (value === text) return true;
  const re = compileUserRegex(value);
  return re.ok && re.re.test(text);
}

/** `<port>[/<proto>]` or `<start-end>[/<proto>]` (portOp): the ports it names, as "80/tcp". */
function portSet(key: string, value: string): Set<string> | string {
  if (value.includes(':')) return `filter for '${key}' should not contain ':': ${value}`;
  const [range = '', proto = 'tcp'] = value.split('/');
  const [start = '', end = start] = range.split('-');
  const [a, b] = [Number(start), Number(end)];
  if (!/^\d+$/.test(start)) return `error while looking up for ${key} ${value}: invalid start port '${start}': invalid syntax`;
  if (!/^\d+$/.test(end)) return `error while looking up for ${key} ${value}: invalid end port '${end}': invalid syntax`;
  const out = new Set<string>();
  for (let p = a; p <= b && p - a < 65536; p++) out.add(`${p}/${proto.toLowerCase()}`);
  return out;
}

/** The filters, or the error docker prints for them. */
export function psFilter(docker: DockerDriver, given: readonly string[]): PsFilter | ExecResult {
  const byKey = new Map<string, string[]>();
  for (const raw of given) {
    if (raw === '') continue;
    const at = raw.indexOf('=');
    if (at < 0) return flagError('ps', `invalid argument ${JSON.stringify(raw)} for "-f, --filter" flag: bad format of filter (expected name=value)`);
    const key = raw.slice(0, at).trim().toLowerCase();
    byKey.set(key, [...(byKey.get(key) ?? []), raw.slice(at + 1).trim()]);
  }
  for (const key of byKey.keys()) if (!KEYS.includes(key)) return failure(daemonError(`invalid filter '${key}'`), 1);
  const values = (key: string) => byKey.get(key) ?? [];
  for (const v of values('status'))
    if (!STATES.includes(v))
      return failure(daemonError(`invalid filter 'status=${v}': invalid value for state (${v}): must be one of ${STATES.join(', ')}`), 1);
  for (const v of values('health'))
    if (!HEALTHS.includes(v))
      return failure(daemonError(`invalid filter 'health=${v}': invalid value for health (${v}): must be one of ${HEALTHS.join(', ')}`), 1);
  for (const v of values('exited'))
    if (!/^[+-]?\d+$/.test(v)) return failure(daemonError(`invalid filter 'exited=${v}': strconv.Atoi: parsing ${JSON.stringify(v)}: invalid syntax`), 1);
  const tasks = values('is-task').map((v) => (['true', '1'].includes(v) ? true : ['false', '0'].includes(v) ? false : undefined));
  if (tasks.includes(undefined) || new Set(tasks).size > 1) return failure(daemonError(`invalid filter 'is-task=[${values('is-task').join(' ')}]'`), 1);
  const ports = new Map<string, Set<string>>();
  for (const key of ['publish', 'expose'])
    for (const v of values(key)) {
      const set = portSet(key, v);
      if (typeof set === 'string') return failure(daemonError(set), 1);
      ports.set(key, new Set([...(ports.get(key) ?? []), ...set]));
    }
  // before and since name a container by its whole ID or its name (idOrNameFilter).
  const anchors = new Map<string, ProviderWorkload>();
  for (const key of ['before', 'since'])
    for (const v of values(key)) {
      const c = docker.containers().find((x) => docker.containerId(x.id) === v || x.name === v.replace(/^\//, ''));
      if (!c) return failure(daemonError(`No such container: ${v}`), 1);
      anchors.set(key, c);
    }
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

  const keep = (c: ProviderWorkload, list: readonly ProviderWorkload[]): boolean => {
    const row = docker.sim.workloadRow(c.id)!;
    const id = docker.containerId(c.id);
    const has = (key: string) => byKey.has(key);
    if (has('id')) {
      // A unique ID prefix (GetByPrefix), then matched as the other keys are.
      const found = values('id').some(
        (v) => docker.containers().filter((x) => docker.containerId(x.id).startsWith(v)).length === 1 && id.startsWith(v) && matches(v, id),
      );
      if (!found) return false;
    }
    if (has('name') && !values('name').some((v) => matches(v, `/${c.name}`) || matches(v, c.name))) return false;
    // No labels are kept: every label filter fails.
    if (has('label')) return false;
    const state = dockerState(row);
    if (has('status') && !values('status').includes(state)) return false;
    // Only a container that has run and stopped has an exit code to match.
    if (has('exited') && !(state === 'exited' && values('exited').some((v) => Number(v) === shownExitCode(row)))) return false;
    // No healthchecks: every container's health is none.
    if (has('health') && !values('health').includes('none')) return false;
    if (has('is-task') && tasks[0] !== false) return false;
    if (has('ancestor') && !ancestors.has(String(c.attrs.imageAsGiven ?? c.image)) && !ancestors.has(c.image)) return false;
    const at = list.indexOf(c);
    const before = anchors.get('before');
    if (before && at <= list.indexOf(before)) return false;
    const since = anchors.get('since');
    if (since && at >= list.indexOf(since)) return false;
    if (has('volume')) {
      const mounts = mountsOf(c.attrs);
      if (!values('volume').some((v) => mounts.some((m) => m.source === v || m.destination === v))) return false;
    }
    if (has('network')) {
      const nets = row.host === undefined ? [] : endpointsOf(docker, row.host, c.id).map(([n]) => n);
      if (!values('network').some((v) => nets.some((n) => n.name === v || n.id.startsWith(v)))) return false;
    }
    if (ports.size > 0) {
      const { published, exposed } = portsOf(portsShown(docker, c));
      const hit = published.some((p) => ports.get('publish')?.has(p)) || exposed.some((p) => ports.get('expose')?.has(p));
      if (!hit) return false;
    }
    return true;
  };
  return { all: byKey.has('status'), keep };
}

/** A container's ports as PORTS shows them ("0.0.0.0:8080->80/tcp, 443/tcp"): the public ones and the private ones, as "80/tcp". */
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
    const [left, right = left] = entry.includes('->') ? entry.split('->') : [undefined, entry];
    const [range = '', proto = 'tcp'] = right!.split('/');
    exposed.push(...expand(range, proto));
    if (left !== undefined) published.push(...expand(left.slice(left.lastIndexOf(':') + 1), proto));
  }
  return { published, exposed };
}
