// docker volume create, ls, inspect, rm and prune, in the words of docker/cli
// cli/command/volume/{create,list,inspect,remove,prune}.go (ls: "table
// {{.Driver}}\t{{.Name}}" sorted with sortorder.NaturalLess; rm: each error
// joined, each removed name on its line; prune's warning and "Total reclaimed
// space:") and of the daemon (moby daemon/volume/service: "get NAME: no such
// volume", "remove NAME: volume is in use - [IDS]", "create NAME: ..." with the
// local driver's name rule). Only the local driver is here.
import { naturalCompare } from '../../core/natural-compare.js';
import { bool, type ParsedFlags, str } from '../cli/flags.js';
import { failure } from '../exec-result.js';
import type { ExecResult } from '../provider.js';
import { type DockerCommand, dockerTime } from './cli-command.js';
import { daemonError } from './cli-usage.js';
import type { DockerDriver } from './driver.js';
import { dockerTable } from './formatter.js';
import { mountsOf } from './mounts.js';
import { type DockerVolume, labelsShown, mountpoint, volumeNameProblem } from './volumes.js';

const ok = (stdout: string, changed = false): ExecResult => ({ exitCode: 0, stdout, stderr: '', changed });

const sub = (flags: DockerCommand['flags'], run: (docker: DockerDriver, host: string, f: ParsedFlags) => ExecResult): DockerCommand => ({
  flags,
  run: (docker, f) => {
    const host = docker.currentHost();
    return host === undefined
      ? failure('Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?', 1)
      : run(docker, host, f);
  },
});

/** The containers of a host (any state but removed) that mount a volume: its references. */
export function volumeUsers(docker: DockerDriver, host: string, name: string): string[] {
  return docker.containerIdsOn(host).filter((id) => mountsOf(docker.sim.workloadRow(id)!.attrs).some((m) => m.type === 'volume' && m.source === name));
}

/** `--label k=v`, as opts.ConvertKVStringsToMap reads them (a key alone has an empty value). */
function labelsOf(f: ParsedFlags): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of (f.values.get('label') as string[] | undefined) ?? []) {
    const at = l.indexOf('=');
    out[at < 0 ? l : l.slice(0, at)] = at < 0 ? '' : l.slice(at + 1);
  }
  return out;
}

const create = sub(
  {
    driver: { type: 'string', aliases: ['d'] },
    name: { type: 'string' },
    label: { type: 'string', repeat: true },
    opt: { type: 'string', aliases: ['o'], ignored: true, repeat: true },
  },
  (docker, host, f) => {
    const [given] = f.positionals;
    const flagName = str(f, 'name');
    if (given !== undefined && flagName !== undefined)
      return failure('conflicting options: cannot specify a volume-name through both --name and as a positional arg', 1);
    const driver = str(f, 'driver') ?? 'local';
    const name = given ?? flagName ?? docker.volumes.anonymousName(host, `${docker.sim.now}\u0000${docker.sim.rng.int(0, 2 ** 30)}`);
    if (driver !== 'local') return failure(daemonError(`create ${name}: error looking up volume plugin ${driver}: plugin "${driver}" not found`), 1);
    const bad = volumeNameProblem(name);
    if (bad) return failure(daemonError(`create ${name}: ${bad}`), 1);
    const had = docker.volumes.find(host, name);
    docker.volumes.ensure(host, name, { created: docker.sim.now, labels: labelsOf(f), anonymous: given === undefined && flagName === undefined });
    return ok(`${name}\n`, had === undefined);
  },
);

const ls = sub(
  {
    quiet: { type: 'boolean', aliases: ['q'] },
    filter: { type: 'string', aliases: ['f'], repeat: true },
    format: { type: 'string', ignored: true },
    cluster: { type: 'boolean', ignored: true },
  },
  (docker, host, f) => {
    let list = [...docker.volumes.list(host)].sort((a, b) => naturalCompare(a.name, b.name));
    for (const filter of (f.values.get('filter') as string[] | undefined) ?? []) {
      const [key, value = ''] = filter.split(/=(.*)/s, 2) as [string, string?];
      // daemon/volume/service acceptedListFilters: dangling, name (a substring), driver, label.
      if (key === 'dangling') list = list.filter((v) => (volumeUsers(docker, host, v.name).length === 0) === (value === 'true' || value === '1'));
      else if (key === 'name') list = list.filter((v) => v.name.includes(value));
      else if (key === 'driver') list = list.filter(() => value === 'local');
      else if (key === 'label') list = list.filter((v) => labelMatches(v, value));
      else return failure(daemonError(`invalid filter '${key}'`), 1);
    }
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
  const labels = labelsShown(v);
  return at < 0 ? Object.hasOwn(labels, want) : labels[want.slice(0, at)] === want.slice(at + 1);
};

/** volume inspect's object (moby api/types/volume Volume, its JSON order). */
const inspectVolume = (v: DockerVolume) => ({
  CreatedAt: dockerTime(v.created).replace(/\.\d+Z$/, 'Z'),
  Driver: 'local',
  Labels: labelsShown(v),
  Mountpoint: mountpoint(v.name),
  Name: v.name,
  Options: {},
  Scope: 'local',
});

const inspect = sub({ format: { type: 'string', aliases: ['f'], ignored: true } }, (docker, host, f) => {
  const found: object[] = [];
  const errors: string[] = [];
  for (const name of f.positionals) {
    const v = docker.volumes.find(host, name);
    if (v) found.push(inspectVolume(v));
    else errors.push(daemonError(`get ${name}: no such volume`));
  }
  return { exitCode: errors.length > 0 ? 1 : 0, stdout: `${JSON.stringify(found, null, 4)}\n`, stderr: errors.map((e) => `${e}\n`).join(''), changed: false };
});

const rm = sub({ force: { type: 'boolean', aliases: ['f'] } }, (docker, host, f) => {
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

const prune = sub(
  { all: { type: 'boolean', aliases: ['a'] }, force: { type: 'boolean', aliases: ['f'] }, filter: { type: 'string', ignored: true, repeat: true } },
  (docker, host, f) => {
    // Asked first unless --force; with no answer to read (no terminal), the answer is no.
    if (!bool(f, 'force')) return ok(`${bool(f, 'all') ? ALL_WARNING : UNUSED_WARNING} [y/N] \n`);
    const gone = docker.volumes.list(host).filter((v) => (bool(f, 'all') || v.anonymous) && volumeUsers(docker, host, v.name).length === 0);
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
