// docker volume create, ls, inspect, rm and prune, in the words of docker/cli
// cli/command/volume/{create,list,inspect,remove,prune}.go (ls: "table
// {{.Driver}}\t{{.Name}}" sorted with sortorder.NaturalLess; rm: each error
// joined, each removed name on its line; prune's warning and "Total reclaimed
// space:") and of the daemon (moby daemon/volume/service: "get NAME: no such
// volume", "remove NAME: volume is in use - [IDS]", "create NAME: ..." with the
// local driver's name rule). Only the local driver is here.
import { naturalCompare } from '../../core/natural-compare.js';
import { CONTROL_CHARS } from '../../core/validate.js';
import { bool, type ParsedFlags, str } from '../cli/flags.js';
import { failure, output } from '../exec-result.js';
import type { ExecResult } from '../provider.js';
import { type DockerCommand, dockerTime, onDaemon } from './cli-command.js';
import { daemonError } from './cli-usage.js';
import type { DockerDriver } from './driver.js';
import { filterMatcher } from './filter-match.js';
import { formattedList, goContext, labelsText } from './format-flag.js';
import { dockerTable } from './formatter.js';
import { inspectTemplate } from './inspect-format.js';
import { mountsOf } from './mounts.js';
import { type DockerVolume, labelsShown, MAX_LABEL_KEY, MAX_LABEL_VALUE, MAX_VOLUMES, mountpoint, sortedKeys, volumeNameProblem } from './volumes.js';

const ok = output;

/** The containers of a host (any state but removed) that mount a volume: its references. */
export function volumeUsers(docker: DockerDriver, host: string, name: string): string[] {
  return docker.containerIdsOn(host).filter((id) => mountsOf(docker.sim.workloadRow(id)!.attrs).some((m) => m.type === 'volume' && m.source === name));
}

/** `--label k=v` or `-o k=v`, as opts.ConvertKVStringsToMap reads them (a key alone has an empty value; the last of a key wins). */
function pairsOf(f: ParsedFlags, flag: string): Record<string, string> {
  const out = new Map<string, string>();
  for (const l of (f.values.get(flag) as string[] | undefined) ?? []) {
    const at = l.indexOf('=');
    out.set(at < 0 ? l : l.slice(0, at), at < 0 ? '' : l.slice(at + 1));
  }
  // Object.fromEntries keeps a key such as __proto__ as a key of its own.
  return Object.fromEntries(out);
}

/** Why an estate file could not hold these labels or options, in the simulation's words, or undefined. */
function tooLong(pairs: Readonly<Record<string, string>>): string | undefined {
  const entries = Object.entries(pairs);
  if (entries.some(([k, v]) => k.length > MAX_LABEL_KEY || v.length > MAX_LABEL_VALUE))
    return `(hyperpane: a label's or option's key here is at most ${MAX_LABEL_KEY} characters and its value ${MAX_LABEL_VALUE})`;
  if (entries.some(([k, v]) => CONTROL_CHARS.test(k) || CONTROL_CHARS.test(v)))
    return "(hyperpane: a label's or option's key and value here have no control characters)";
  if (Object.hasOwn(pairs, '__proto__')) return "(hyperpane: a label's or option's key here cannot be __proto__)";
  return undefined;
}

/** The local driver's options: type, o, device and size, each with those it needs (daemon/volume/local/local_unix.go validateOpts). */
function optionsProblem(options: Readonly<Record<string, string>>): string | undefined {
  const keys = Object.keys(options);
  const unknown = keys.find((k) => !['type', 'o', 'device', 'size'].includes(k));
  if (unknown !== undefined) return `invalid option: ${JSON.stringify(unknown)}`;
  // A size is a quota, which the daemon's usual root (overlay on ext4) cannot enforce.
  if (keys.includes('size')) return 'quota size requested but no quota support';
  const needs: Readonly<Record<string, readonly string[]>> = { device: ['type'], type: ['device'], o: ['device', 'type'] };
  for (const k of ['device', 'type', 'o']) {
    if (!keys.includes(k)) continue;
    const missing = needs[k]!.find((r) => !keys.includes(r));
    if (missing !== undefined) return `missing required option: ${JSON.stringify(missing)}`;
  }
  return undefined;
}

/** Why a daemon cannot take another volume here: an estate file holds so many of a daemon's. */
export function volumesFull(docker: DockerDriver, host: string, more = 1): ExecResult | undefined {
  return docker.volumes.list(host).length + more > MAX_VOLUMES
    ? failure(`(hyperpane: a daemon here holds at most ${MAX_VOLUMES} volumes; remove one first)`, 1)
    : undefined;
}

const create = onDaemon(
  {
    driver: { type: 'string', aliases: ['d'] },
    name: { type: 'string' },
    label: { type: 'string', repeat: true },
    opt: { type: 'string', aliases: ['o'], repeat: true },
  },
  (docker, host, f) => {
    const [given] = f.positionals;
    const flagName = str(f, 'name');
    if (given !== undefined && flagName !== undefined)
      return failure('conflicting options: cannot specify a volume-name through both --name and as a positional arg', 1);
    const driver = str(f, 'driver') ?? 'local';
    // No name (or an empty one): the daemon names it, and marks it anonymous (daemon/volume/service Create).
    const named = given || flagName || undefined;
    const name = named ?? docker.volumes.anonymousName(host, `${docker.sim.now}\u0000${docker.sim.rng.int(0, 2 ** 30)}`);
    if (driver !== 'local') return failure(daemonError(`create ${name}: error looking up volume plugin ${driver}: plugin "${driver}" not found`), 1);
    const bad = volumeNameProblem(name);
    if (bad) return failure(daemonError(`create ${name}: ${bad}`), 1);
    const labels = pairsOf(f, 'label');
    const options = pairsOf(f, 'opt');
    const long = tooLong(labels) ?? tooLong(options);
    if (long) return failure(long, 1);
    const badOptions = optionsProblem(options);
    if (badOptions) return failure(daemonError(`create ${name}: ${badOptions}`), 1);
    const had = docker.volumes.find(host, name);
    if (!had) {
      const full = volumesFull(docker, host);
      if (full) return full;
    }
    docker.volumes.ensure(host, name, { created: docker.sim.now, labels, options, anonymous: named === undefined });
    return ok(`${name}\n`, had === undefined);
  },
);

const ls = onDaemon(
  {
    quiet: { type: 'boolean', aliases: ['q'] },
    filter: { type: 'string', aliases: ['f'], repeat: true },
    format: { type: 'string' },
    cluster: { type: 'boolean', ignored: true },
  },
  (docker, host, f) => {
    let list = [...docker.volumes.list(host)].sort((a, b) => naturalCompare(a.name, b.name));
    // daemon/volume/service acceptedListFilters: dangling, name (a regular expression, as filters.Match), driver, label;
    // values of one key are alternatives, keys all must hold.
    const byKey = new Map<string, string[]>();
    for (const filter of (f.values.get('filter') as string[] | undefined) ?? []) {
      const [key, value = ''] = filter.split(/=(.*)/s, 2) as [string, string?];
      if (!['dangling', 'name', 'driver', 'label'].includes(key)) return failure(daemonError(`invalid filter '${key}'`), 1);
      byKey.set(key, [...(byKey.get(key) ?? []), value]);
    }
    // Each name pattern compiled once, for every volume.
    const names = new Map((byKey.get('name') ?? []).map((value) => [value, filterMatcher(value)]));
    const holds = (key: string, value: string, v: DockerVolume) =>
      key === 'dangling'
        ? (volumeUsers(docker, host, v.name).length === 0) === (value === 'true' || value === '1')
        : key === 'name'
          ? names.get(value)!(v.name)
          : key === 'driver'
            ? value === 'local'
            : labelMatches(v, value);
    // Labels must all hold (filters.Args MatchKVList); another key's values are alternatives.
    for (const [key, values] of byKey) list = list.filter((v) => (key === 'label' ? values.every : values.some).call(values, (value) => holds(key, value, v)));
    const format = str(f, 'format') ?? '';
    // volume/list.go NewVolumeFormat: -q makes the table {{.Name}}; a format of one's own is kept.
    if (format !== '' && !(bool(f, 'quiet') && format === 'table'))
      return formattedList(
        format,
        list.map((v) => volumeContext(v)),
        VOLUME_LIST,
      );
    if (bool(f, 'quiet')) return ok(list.map((v) => `${v.name}\n`).join(''));
    return ok(
      dockerTable(
        ['DRIVER', 'VOLUME NAME'],
        list.map((v) => ['local', v.name]),
      ),
    );
  },
);

const labelMatches = (v: DockerVolume, want: string) => {
  const at = want.indexOf('=');
  const labels = labelsShown(v) ?? {};
  return at < 0 ? Object.hasOwn(labels, want) : labels[want.slice(0, at)] === want.slice(at + 1);
};

/** formatter/volume.go: the default table, the headers, and volumeContext's fields. */
const VOLUME_LIST = {
  type: '*formatter.volumeContext',
  defaultTable: 'table {{.Driver}}\t{{.Name}}',
  headers: {
    ID: 'ID',
    Name: 'VOLUME NAME',
    Group: 'GROUP',
    Driver: 'DRIVER',
    Scope: 'SCOPE',
    Availability: 'AVAILABILITY',
    Mountpoint: 'MOUNTPOINT',
    Labels: 'LABELS',
    Links: 'LINKS',
    Size: 'SIZE',
    Status: 'STATUS',
  },
};

/** A local volume's context: no cluster fields, and no usage data (the daemon computes it only for system df). */
function volumeContext(v: DockerVolume): Record<string, unknown> {
  return goContext(
    {
      Availability: 'N/A',
      Driver: 'local',
      Group: 'N/A',
      Labels: labelsText(v.labels),
      Links: 'N/A',
      Mountpoint: mountpoint(v.name),
      Name: v.name,
      Scope: 'local',
      Size: 'N/A',
      Status: 'N/A',
    },
    v.labels,
  );
}

/** volume inspect's object (moby api/types/volume Volume, its JSON order). */
const inspectVolume = (v: DockerVolume) => ({
  CreatedAt: dockerTime(v.created).replace(/\.\d+Z$/, 'Z'),
  Driver: 'local',
  Labels: labelsShown(v),
  Mountpoint: mountpoint(v.name),
  Name: v.name,
  Options: sortedKeys(v.options),
  Scope: 'local',
});

const inspect = onDaemon({ format: { type: 'string', aliases: ['f'] } }, (docker, host, f) => {
  const template = inspectTemplate(str(f, 'format') ?? '');
  if (typeof template === 'string') return failure(template, 64);
  const found: object[] = [];
  const errors: string[] = [];
  for (const name of f.positionals) {
    const v = docker.volumes.find(host, name);
    if (v) found.push(inspectVolume(v));
    else errors.push(daemonError(`get ${name}: no such volume`));
  }
  const { stdout, failed } = template(found);
  errors.push(...failed);
  return { exitCode: errors.length > 0 ? 1 : 0, stdout, stderr: errors.map((e) => `${e}\n`).join(''), changed: false };
});

const rm = onDaemon({ force: { type: 'boolean', aliases: ['f'] } }, (docker, host, f) => {
  let out = '';
  const errors: string[] = [];
  for (const name of f.positionals) {
    const v = docker.volumes.find(host, name);
    if (!v) {
      // --force: "Force the removal": one not there is no error (VolumesService.Remove PurgeOnError).
      if (!bool(f, 'force')) errors.push(daemonError(`get ${name}: no such volume`));
      continue;
    }
    const users = volumeUsers(docker, host, name);
    if (users.length > 0) {
      errors.push(daemonError(`remove ${name}: volume is in use - [${users.map((id) => docker.containerId(id)).join(', ')}]`));
      continue;
    }
    docker.volumes.remove(host, v);
    out += `${name}\n`;
  }
  return { exitCode: errors.length > 0 ? 1 : 0, stdout: out, stderr: errors.map((e) => `${e}\n`).join(''), changed: out !== '' };
});

/** cli/command/volume/prune.go's warnings. */
const UNUSED_WARNING = 'WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue?';
const ALL_WARNING = 'WARNING! This will remove all local volumes not used by at least one container.\nAre you sure you want to continue?';

const prune = onDaemon(
  { all: { type: 'boolean', aliases: ['a'] }, force: { type: 'boolean', aliases: ['f'] }, filter: { type: 'string', repeat: true } },
  (docker, host, f) => {
    // daemon/volume/service acceptedPruneFilters: label, label! and all.
    const filters = ((f.values.get('filter') as string[] | undefined) ?? []).map((x) => x.split(/=(.*)/s, 2) as [string, string?]);
    const unknown = filters.find(([k]) => !['label', 'label!', 'all'].includes(k));
    if (unknown) return failure(daemonError(`invalid filter '${unknown[0]}'`), 1);
    const all = bool(f, 'all') || filters.some(([k, v]) => k === 'all' && (v === 'true' || v === '1'));
    if (bool(f, 'all') && filters.some(([k]) => k === 'all')) return failure('conflicting options: cannot specify both --all and --filter all=1', 1);
    // Asked first unless --force; with no answer to read (no terminal), the answer is no.
    if (!bool(f, 'force')) return ok(`${all ? ALL_WARNING : UNUSED_WARNING} [y/N] \n`);
    const wanted = (v: DockerVolume) =>
      filters.every(([k, want = '']) => (k === 'label' ? labelMatches(v, want) : k === 'label!' ? !labelMatches(v, want) : true));
    // A volume with driver options is the user's set-up, and prune leaves it (daemon/volume/service Prune).
    const gone = docker.volumes
      .list(host)
      .filter((v) => (all || v.anonymous) && Object.keys(v.options ?? {}).length === 0 && wanted(v) && volumeUsers(docker, host, v.name).length === 0);
    for (const v of gone) docker.volumes.remove(host, v);
    // The simulation does not size a volume's data yet: nothing is reclaimed that it could count.
    const deleted = gone.length > 0 ? `Deleted Volumes:\n${gone.map((v) => `${v.name}\n`).join('')}\n` : '';
    return ok(`${deleted}Total reclaimed space: 0B\n`, gone.length > 0);
  },
);

export const volume: DockerCommand = {
  flags: {},
  run: () => failure('docker volume: give a subcommand', 1),
  subcommands: { create, ls, inspect, rm, prune },
  subcommandAliases: { list: 'ls', remove: 'rm' },
};
