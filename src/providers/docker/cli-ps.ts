// docker ps (docker/cli v29 cli/command/container/list.go, cli/command/formatter/
// container.go): the containers running (all with -a, the last n with -n or -l),
// newest first, in the default table, by ID alone with -q, or through --format
// (format-flag.ts) with the fields of formatter.ContainerContext.
import { bool, num, type ParsedFlags, str } from '../cli/flags.js';
import { STRINGER } from '../cli/go-template-values.js';
import { SIM_EPOCH_MS } from '../common.js';
import { failure, isExecResult } from '../exec-result.js';
import type { ExecResult, ProviderWorkload } from '../provider.js';
import { type DockerCommand, goTimeString, newestFirst } from './cli-command.js';
import { imageShown } from './cli-containers.js';
import { endpointsOf } from './container-networks.js';
import type { DockerDriver } from './driver.js';
import { formatList, goContext, headerContext, listFormat, TemplateExecError, TemplateParseError } from './format-flag.js';
import { dockerTable, ellipsis, goQuote, truncateId } from './formatter.js';
import { humanDuration } from './go-units.js';
import { mountsOf } from './mounts.js';
import { portsShown } from './ports-shown.js';
import { type PsFilter, psFilter } from './ps-filters.js';
import { dockerState } from './status.js';

/** list.go's default table (without --size). */
const DEFAULT_TABLE = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';

/** container.go NewContainerContext's header names. */
const HEADERS: Readonly<Record<string, string>> = {
  ID: 'CONTAINER ID',
  Image: 'IMAGE',
  Command: 'COMMAND',
  CreatedAt: 'CREATED AT',
  RunningFor: 'CREATED',
  Ports: 'PORTS',
  State: 'STATE',
  Status: 'STATUS',
  Size: 'SIZE',
  Names: 'NAMES',
  Labels: 'LABELS',
  Mounts: 'MOUNTS',
  LocalVolumes: 'LOCAL VOLUMES',
  Networks: 'NETWORKS',
  Platform: 'PLATFORM',
};

/** Which containers ps lists: running ones (Running to the daemon: up, paused, restarting), or all with -a, -n or -l. */
function listed(docker: DockerDriver, f: ParsedFlags, filter: PsFilter): ProviderWorkload[] {
  const last = num(f, 'last');
  const n = last !== undefined ? last : bool(f, 'latest') ? 1 : -1;
  // daemon/list.go: a stopped container is left out unless -a, a status filter, or a limit asks for it.
  const all = bool(f, 'all') || filter.all || n > 0;
  const list = filter
    .apply(newestFirst(docker.containers()))
    .filter((c) => all || ['running', 'paused', 'restarting'].includes(dockerState(docker.sim.workloadRow(c.id)!)));
  // The newest n of those the filters keep.
  return n > 0 ? list.slice(0, n) : list;
}

export const ps: DockerCommand = {
  flags: {
    all: { type: 'boolean', aliases: ['a'] },
    quiet: { type: 'boolean', aliases: ['q'] },
    'no-trunc': { type: 'boolean' },
    latest: { type: 'boolean', aliases: ['l'] },
    last: { type: 'integer', aliases: ['n'] },
    size: { type: 'boolean', aliases: ['s'], ignored: true },
    filter: { type: 'string', aliases: ['f'], repeat: true },
    format: { type: 'string' },
  },
  run: (docker, f) => {
    const trunc = !bool(f, 'no-trunc');
    const filter = psFilter(docker, (f.values.get('filter') as string[] | undefined) ?? []);
    if (isExecResult(filter)) return filter;
    const list = listed(docker, f, filter);
    const id = (c: ProviderWorkload) => (trunc ? truncateId(docker.containerId(c.id)) : docker.containerId(c.id));
    const format = str(f, 'format') ?? '';
    if (format !== '') return psFormatted(docker, list, format, trunc, bool(f, 'quiet'));
    if (bool(f, 'quiet')) return { exitCode: 0, stdout: list.map((c) => `${id(c)}\n`).join(''), stderr: '', changed: false };
    const command = (c: ProviderWorkload) => goQuote(trunc ? ellipsis(String(c.attrs.cmd ?? ''), 20) : String(c.attrs.cmd ?? ''));
    const ports = (c: ProviderWorkload) => portsShown(docker, c);
    const rows = list.map((c) => [
      id(c),
      imageShown(c),
      command(c),
      `${humanDuration(docker.sim.now - Number(c.attrs.created ?? 0))} ago`,
      c.nativeState,
      ports(c),
      c.name,
    ]);
    return { exitCode: 0, stdout: dockerTable(['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES'], rows), stderr: '', changed: false };
  },
};

/** A platform as the API gives it (ocispec.Platform): printed by its String (platforms.FormatAll), marshalled as an object. */
const PLATFORM = Object.freeze({ architecture: 'amd64', os: 'linux', [STRINGER]: () => 'linux/amd64' });

/**
 * formatter.ContainerContext for one container (none: the empty one list.go tries the format on),
 * its fields in the order its json has them (sorted); Label, a method, out of the json.
 */
function contextOf(docker: DockerDriver, c: ProviderWorkload | undefined, trunc: boolean): Record<string, unknown> {
  const row = c ? docker.sim.workloadRow(c.id) : undefined;
  const mounts = c ? mountsOf(c.attrs) : [];
  const cmd = String(c?.attrs.cmd ?? '');
  return goContext(
    {
      Command: goQuote(trunc ? ellipsis(cmd, 20) : cmd),
      // time.Unix(created, 0).String(): whole seconds.
      CreatedAt: goTimeString(c ? Number(c.attrs.created ?? 0) : -SIM_EPOCH_MS, true),
      ID: c ? (trunc ? truncateId(docker.containerId(c.id)) : docker.containerId(c.id)) : '',
      Image: c ? imageShown(c) : '<no image>',
      // The simulation keeps no labels (run --label is accepted and left out).
      Labels: '',
      LocalVolumes: String(mounts.filter((m) => m.type === 'volume').length),
      Mounts: mounts.map((m) => (trunc ? ellipsis(m.source, 15) : m.source)).join(','),
      Names: c?.name ?? '',
      // Go ranges over the map of networks in no set order; here in their names' order.
      Networks:
        c && row?.host !== undefined
          ? endpointsOf(docker, row.host, c.id)
              .map(([n]) => n.name)
              .sort()
              .join(',')
          : '',
      Platform: c ? PLATFORM : null,
      Ports: c ? portsShown(docker, c) : '',
      RunningFor: c ? `${humanDuration(docker.sim.now - Number(c.attrs.created ?? 0))} ago` : '',
      // Sizes are not simulated (ps -s is accepted and left out): SizeRw and SizeRootFs are 0.
      Size: '0B',
      State: row ? dockerState(row) : '',
      Status: c?.nativeState ?? '',
    },
    null,
  );
}

const missingField = (name: string) => `can't evaluate field ${name} in type *formatter.ContainerContext`;

/** ps --format: checked first on an empty container, as list.go does, then each container through it. */
function psFormatted(docker: DockerDriver, list: readonly ProviderWorkload[], format: string, trunc: boolean, quiet: boolean): ExecResult {
  // NewContainerFormat's raw layout is not simulated: said, rather than printed as a template that writes "raw".
  if (format === 'raw') return failure('hyperpane: docker ps --format raw is not simulated; --format json, table or a template are');
  const warning = quiet ? 'WARNING: Ignoring custom format, because both --format and --quiet are set.\n' : '';
  const tried = attempt(() => formatList({ table: false, template: format }, [contextOf(docker, undefined, trunc)], {}, missingField));
  if (tried.parse) return failure(`${warning}failed to parse template: ${tried.parse}`);
  if (tried.exec) return failure(`${warning}failed to execute template: ${tried.exec}`);
  const shown = attempt(() =>
    formatList(
      listFormat(quiet ? '{{.ID}}' : format, DEFAULT_TABLE),
      list.map((c) => contextOf(docker, c, trunc)),
      headerContext(HEADERS),
      missingField,
    ),
  );
  // formatter.go contextFormat: an error while writing a row is said as the template's, and nothing is printed.
  if (shown.parse || shown.exec) return { exitCode: 1, stdout: '', stderr: `${warning}template parsing error: ${shown.parse ?? shown.exec}\n`, changed: false };
  return { exitCode: 0, stdout: shown.out ?? '', stderr: warning, changed: false };
}

function attempt(fn: () => string): { out?: string; parse?: string; exec?: string } {
  try {
    return { out: fn() };
  } catch (e) {
    if (e instanceof TemplateParseError) return { parse: e.message };
    if (e instanceof TemplateExecError) return { exec: e.message };
    throw e;
  }
}
