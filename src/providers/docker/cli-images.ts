// docker images and docker pull, as Docker 29 prints them with the containerd
// image store (the default for new installations since Engine 29.0):
//  - `docker images` shows the collapsed image tree by default since docker/cli
//    v29.0.0 (cli/command/image/list.go shouldUseTree, tree.go printImageTree,
//    testdata/tree-command-success.*.golden); -q, --no-trunc, --digests and
//    --format give the classic table (cli/command/formatter/image.go). DISK USAGE
//    and the classic SIZE are the compressed content plus the unpacked layers
//    (moby daemon/containerd/image_list.go), CONTENT SIZE the compressed content.
//  - `docker pull` (cli/command/image/pull.go; moby daemon/containerd/image_pull.go).
import { blockUntilTime } from '../blocking.js';
import { bool, str } from '../cli/flags.js';
import type { ExecResult } from '../provider.js';
import { type DockerCommand, goTimeString } from './cli-command.js';
import { badReference, pullLines } from './cli-containers.js';
import { daemonError } from './cli-usage.js';
import type { DockerDriver } from './driver.js';
import { formattedList, goContext } from './format-flag.js';
import { dockerTable, truncateId } from './formatter.js';
import { humanDuration, humanSizeWithPrecision } from './go-units.js';
import { fullName, type ImageRef, imageDigest, imageInfo, parseRef, refText } from './images.js';

interface Listed {
  readonly ref: ImageRef;
  readonly pulledAt: number;
  readonly diskBytes: number;
  readonly contentBytes: number;
  readonly inUse: boolean;
  /** How many of the host's containers run it. */
  readonly containers: number;
}

/** The current host's images that match `[REPOSITORY[:TAG]]`, newest first. */
function listImages(docker: DockerDriver, match: string | undefined): Listed[] {
  const images = docker.containers().map((c) => c.image);
  return [...docker.images.list(docker.currentHost() ?? '')]
    .reverse()
    .filter((i) => match === undefined || (match.includes(':') ? refText(i.ref) === match : i.ref.repository === match))
    .map((i) => {
      const info = imageInfo(i.ref);
      const content = info?.contentBytes ?? 0;
      const containers = images.filter((image) => image === refText(i.ref)).length;
      return { ref: i.ref, pulledAt: i.pulledAt, diskBytes: (info?.unpackedBytes ?? 0) + content, contentBytes: content, inUse: containers > 0, containers };
    });
}

/** A row of the image tree, its values formatted. */
export interface TreeRow {
  readonly name: string;
  readonly id: string;
  readonly diskUsage: string;
  readonly contentSize: string;
  readonly inUse: boolean;
}

/**
 * tree.go printImageTree, collapsed and without a terminal (no legend, no
 * colours): the rows in the order given, columns three spaces apart, IMAGE as
 * wide as its widest name, ID 12, DISK USAGE 10 and CONTENT SIZE 12 aligned
 * right, EXTRA as wide as its title or the chips some image has ("U": in use).
 */
export function imageTree(rows: readonly TreeRow[]): string {
  const nameWidth = Math.max('Image'.length, ...rows.map((r) => r.name.length));
  const left = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - s.length));
  const right = (s: string, w: number) => ' '.repeat(Math.max(0, w - s.length)) + s;
  const chips = rows.some((r) => r.inUse) ? 1 : 0;
  const extraWidth = Math.max('Extra'.length, chips);
  const head = [left('IMAGE', nameWidth), left('ID', 12), right('DISK USAGE', 10), right('CONTENT SIZE', 12), left('EXTRA', extraWidth)].join('   ');
  const lines = rows.map((r) =>
    [left(r.name, nameWidth), left(r.id, 12), right(r.diskUsage, 10), right(r.contentSize, 12), left(chips ? (r.inUse ? 'U' : ' ') : '', extraWidth)].join(
      '   ',
    ),
  );
  return [head, ...lines].map((l) => `${l}\n`).join('');
}

/** The default view: one row per tag, sorted by name (runTree). */
function tree(list: readonly Listed[]): string {
  const rows = [...list].sort((a, b) => (refText(a.ref) < refText(b.ref) ? -1 : refText(a.ref) > refText(b.ref) ? 1 : 0));
  return imageTree(
    rows.map((r) => ({
      name: refText(r.ref),
      id: truncateId(imageDigest(r.ref)),
      diskUsage: humanSizeWithPrecision(r.diskBytes, 3),
      contentSize: humanSizeWithPrecision(r.contentBytes, 3),
      inUse: r.inUse,
    })),
  );
}

/** The classic table (formatter/image.go defaultImageTableFormat, WithDigest). CREATED is when the host pulled it: the simulation knows no build dates. */
function classic(docker: DockerDriver, list: readonly Listed[], trunc: boolean, digests: boolean): string {
  const id = (r: ImageRef) => (trunc ? truncateId(imageDigest(r)) : `sha256:${imageDigest(r)}`);
  const headers = ['REPOSITORY', 'TAG', ...(digests ? ['DIGEST'] : []), 'IMAGE ID', 'CREATED', 'SIZE'];
  const rows = list.map((l) => [
    l.ref.repository,
    l.ref.tag,
    ...(digests ? [`sha256:${imageDigest(l.ref)}`] : []),
    id(l.ref),
    `${humanDuration(docker.sim.now - l.pulledAt)} ago`,
    humanSizeWithPrecision(l.diskBytes, 3),
  ]);
  return dockerTable(headers, rows);
}

/** formatter/image.go (v29): the default tables, the headers, and imageContext's fields. */
const IMAGE_LIST = {
  type: '*formatter.imageContext',
  defaultTable: 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}',
  headers: {
    ID: 'IMAGE ID',
    Repository: 'REPOSITORY',
    Tag: 'TAG',
    Digest: 'DIGEST',
    CreatedSince: 'CREATED',
    CreatedAt: 'CREATED AT',
    Size: 'SIZE',
    Containers: 'CONTAINERS',
    SharedSize: 'SHARED SIZE',
    UniqueSize: 'UNIQUE SIZE',
  },
};
const DIGEST_TABLE = 'table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}';

/** NewImageFormat: "table" is the default table (with digests, its own); --digests adds a DIGEST column to a table without one. */
function imageFormat(format: string, digests: boolean): string {
  if (format === 'table') return digests ? DIGEST_TABLE : IMAGE_LIST.defaultTable;
  return digests && format.startsWith('table') && !format.includes('{{.Digest}}') ? `${format}\t{{.Digest}}` : format;
}

/**
 * An image's context. CREATED is when the host pulled it (the simulation knows no build dates); the daemon
 * computes no shared sizes for `docker images`, so SharedSize and UniqueSize are N/A.
 */
function imageContext(docker: DockerDriver, l: Listed, trunc: boolean, digests: boolean): Record<string, unknown> {
  return goContext({
    Containers: String(l.containers),
    CreatedAt: goTimeString(l.pulledAt, true),
    CreatedSince: `${humanDuration(docker.sim.now - l.pulledAt)} ago`,
    Digest: digests ? `sha256:${imageDigest(l.ref)}` : '<none>',
    ID: trunc ? truncateId(imageDigest(l.ref)) : `sha256:${imageDigest(l.ref)}`,
    Repository: l.ref.repository,
    SharedSize: 'N/A',
    Size: humanSizeWithPrecision(l.diskBytes, 3),
    Tag: l.ref.tag,
    UniqueSize: 'N/A',
  });
}

/** A result with the hint docker prints when no image matched a subcommand's name. */
function withHint(r: ExecResult, hint: string): ExecResult {
  return { ...r, stderr: r.stderr + hint };
}

/** list.go printAmbiguousHint: `docker images ls` lists images named "ls". */
const IMAGE_SUBCOMMANDS = ['build', 'history', 'import', 'inspect', 'list', 'load', 'ls', 'prune', 'pull', 'push', 'rm', 'save', 'tag'];

export const images: DockerCommand = {
  flags: {
    all: { type: 'boolean', aliases: ['a'] },
    quiet: { type: 'boolean', aliases: ['q'] },
    'no-trunc': { type: 'boolean' },
    digests: { type: 'boolean' },
    format: { type: 'string' },
    tree: { type: 'boolean' },
    filter: { type: 'string', aliases: ['f'], ignored: true, repeat: true },
  },
  run: (docker, f) => {
    const match = f.positionals[0];
    const list = listImages(docker, match);
    const hint =
      list.length === 0 && match !== undefined && IMAGE_SUBCOMMANDS.includes(match)
        ? `No images found matching ${JSON.stringify(match)}: did you mean "docker image ${match}"?\n`
        : '';
    const quiet = bool(f, 'quiet');
    const classicView = quiet || bool(f, 'no-trunc') || bool(f, 'digests') || str(f, 'format') !== undefined;
    if (bool(f, 'tree') && classicView) {
      const which = quiet ? '--quiet' : bool(f, 'no-trunc') ? '--no-trunc' : bool(f, 'digests') ? '--show-digest' : '--format';
      return { exitCode: 1, stdout: '', stderr: `${which} is not yet supported with --tree\n`, changed: false };
    }
    const format = str(f, 'format') ?? '';
    // formatter/image.go NewImageFormat: -q makes the table {{.ID}}; a format of one's own is kept.
    if (format !== '' && !(quiet && format === 'table')) {
      // image.go needDigest: a format that shows the digest gets it, --digests or not.
      const digests = bool(f, 'digests') || format.includes('{{.Digest}}');
      const shown = formattedList(
        imageFormat(format, bool(f, 'digests')),
        list.map((l) => imageContext(docker, l, !bool(f, 'no-trunc'), digests)),
        IMAGE_LIST,
      );
      // list.go returns on the formatter's error before it prints the hint.
      return shown.exitCode === 0 ? withHint(shown, hint) : shown;
    }
    let stdout: string;
    if (quiet) stdout = list.map((l) => `${bool(f, 'no-trunc') ? `sha256:${imageDigest(l.ref)}` : truncateId(imageDigest(l.ref))}\n`).join('');
    else if (classicView) stdout = classic(docker, list, !bool(f, 'no-trunc'), bool(f, 'digests'));
    else stdout = tree(list);
    return { exitCode: 0, stdout, stderr: hint, changed: false };
  },
};

export const pull: DockerCommand = {
  flags: {
    quiet: { type: 'boolean', aliases: ['q'] },
    platform: { type: 'string', ignored: true },
    'all-tags': { type: 'boolean', aliases: ['a'], ignored: true },
  },
  run: (docker, f): ExecResult => {
    const image = f.positionals[0];
    const quiet = bool(f, 'quiet');
    const ref = parseRef(image);
    if (!ref) return { exitCode: 1, stdout: '', stderr: `${badReference(image)}\n`, changed: false };
    // pull.go: a name without a tag gets "latest", and says so.
    const defaulted = !quiet && !/:[\w][\w.-]*$/.test(image.slice(image.lastIndexOf('/') + 1)) ? 'Using default tag: latest\n' : '';
    if (!imageInfo(ref))
      return {
        exitCode: 1,
        stdout: defaulted,
        stderr: `${daemonError(`pull access denied for ${ref.repository}, repository does not exist or may require 'docker login'`)}\n`,
        changed: false,
      };
    const r = docker.pull(image);
    if (!r.ok) return { exitCode: 1, stdout: defaulted, stderr: `${daemonError(r.message)}\n`, changed: false };
    const full = `${fullName(ref)}:${ref.tag}\n`;
    const lines = pullLines(ref, r.fresh ? 'new' : 'up to date');
    const at = (text: string) => (quiet ? '' : text);
    if (!r.fresh) return { exitCode: 0, stdout: at(defaulted + lines.head + lines.tail) + full, stderr: '', changed: false };
    // The layers download at registry speed before pull returns.
    const done = docker.sim.now + r.pullMs;
    return {
      exitCode: 0,
      stdout: at(defaulted + lines.head),
      stderr: '',
      changed: true,
      blocking: blockUntilTime(docker.sim, done, `${refText(ref)} to download`, () => ({
        exitCode: 0,
        stdout: at(lines.tail) + full,
        stderr: '',
        changed: true,
      })),
    };
  },
};
