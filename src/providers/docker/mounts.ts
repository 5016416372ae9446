// A container's mounts: `docker run -v` specs as the client splits them (docker/cli
// internal/volumespec Parse: "invalid empty volume spec", "empty section between
// colons", "too many colons"; a relative host path made absolute) and the daemon
// reads them (moby daemon/volume/mounts/linux_parser.go ParseMountRaw: a source
// that is an absolute path is a bind mount, any other a named volume, none an
// anonymous one; "invalid volume specification: '%s'", "invalid mode: %v", the
// target an absolute path). Kept on the container as attribute `mounts`, a JSON
// list, in the order given.
import type { Attrs } from '../../core/workloads.js';

export interface Mount {
  readonly type: 'volume' | 'bind';
  /** A volume's name (an anonymous one's is filled in as the container is made), or a bind's host path. */
  readonly source: string;
  readonly destination: string;
  /** The mode as given after the second colon: ro, rw, z, a propagation, nocopy; "z" for a named volume given none. */
  readonly mode: string;
  readonly rw: boolean;
  /** Given without a name (`-v /path`): the daemon named its volume, and `docker rm -v` takes it. */
  readonly anonymous?: boolean;
}

const PROPAGATIONS = ['shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate'];

/** A bind's propagation: the mode's, else rprivate (linux_parser.go linuxGetPropagation, the default). */
export const propagationOf = (m: Mount) => m.mode.split(',').find((o) => PROPAGATIONS.includes(o)) ?? 'rprivate';

/** path.Clean for an absolute path: no empty, "." or ".." parts, no slash at the end. */
export function cleanPath(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

export const MOUNTS_ATTR = 'mounts';

/** The most an estate file holds of a container's mounts (an attribute's text). */
export const MAX_MOUNTS_TEXT = 10_000;

/** Where the simulated CLI runs: a relative host path ("./data") is made absolute from here (cli opts.go filepath.Abs). */
const CLI_DIR = '/root';

/** The mode words the Linux parser takes, each kind at most once (linux_parser.go linuxValidMountMode). */
const MODE_KINDS: readonly (readonly string[])[] = [['rw', 'ro'], ['z', 'Z'], PROPAGATIONS, ['nocopy'], ['consistent', 'cached', 'delegated']];

function validMode(mode: string): boolean {
  if (mode === '') return true;
  const counts = MODE_KINDS.map(() => 0);
  for (const o of mode.split(',')) {
    const k = MODE_KINDS.findIndex((kind) => kind.includes(o));
    if (k < 0) return false;
    counts[k]!++;
  }
  return counts.every((c) => c <= 1);
}

const isAbsolute = (p: string) => p.startsWith('/');

/**
 * A -v spec as the client and then the daemon read it: the mount, or the error
 * and whose it is (the client's own, or the daemon's).
 */
export function parseVolumeSpec(raw: string): Mount | { client: string } | { daemon: string } {
  // The client (volumespec.Parse): one or two characters are a target alone; otherwise colon-separated parts.
  if (raw === '') return { client: 'invalid empty volume spec' };
  let spec = raw;
  if (raw.length > 2) {
    const parts = raw.split(':');
    if (parts.some((p) => p === '')) return { client: `invalid spec: ${raw}: empty section between colons` };
    if (parts.length > 3) return { client: `invalid spec: ${raw}: too many colons` };
    // A bind's relative host path is made absolute before it is sent (filepath.Abs: joined to where the CLI runs, cleaned).
    if (parts.length > 1 && parts[0]!.startsWith('.')) spec = [cleanPath(`${CLI_DIR}/${parts[0]!}`), ...parts.slice(1)].join(':');
  }
  // The daemon (ParseMountRaw).
  const invalid = { daemon: `invalid volume specification: '${spec}'` };
  const arr = spec.split(':');
  if (arr[0] === '' || arr.length > 3) return invalid;
  const [a, b, mode = ''] = arr as [string, string?, string?];
  // "/foo:rw" is a destination and a mode: not a volume.
  if (arr.length === 2 && b !== undefined && validMode(b)) return invalid;
  if (!validMode(mode)) return { daemon: `invalid mode: ${mode}` };
  const source = arr.length === 1 ? '' : a;
  const destination = arr.length === 1 ? a : b!;
  const type = isAbsolute(source) ? 'bind' : 'volume';
  // validateMountConfigImpl: an absolute target, not the root; a volume takes no propagation, a bind no nocopy.
  const config = (why: string) => ({ daemon: `${invalid.daemon}: invalid mount config for type "${type}": ${why}` });
  if (!isAbsolute(destination)) return config(`invalid mount path: '${destination}' mount path must be absolute`);
  if (cleanPath(destination) === '/') return config("invalid specification: destination can't be '/'");
  const words = mode.split(',');
  if (type === 'volume' && words.some((o) => PROPAGATIONS.includes(o))) return config('field BindOptions must not be specified');
  if (type === 'bind' && words.includes('nocopy')) return config('field VolumeOptions must not be specified');
  // A named local volume given no mode is relabelled for SELinux: its mode reads "z" (daemon/volumes_unix.go setBindModeIfNull).
  const shown = type === 'volume' && source !== '' && mode === '' ? 'z' : mode;
  return {
    type,
    source: type === 'bind' ? cleanPath(source) : source,
    destination: cleanPath(destination),
    mode: shown,
    rw: !words.includes('ro'),
    ...(source === '' ? { anonymous: true } : {}),
  };
}

/** The mounts a container was made with. */
export function mountsOf(attrs: Attrs): Mount[] {
  const raw = attrs[MOUNTS_ATTR];
  if (typeof raw !== 'string') return [];
  try {
    const list: unknown = JSON.parse(raw);
    return Array.isArray(list)
      ? list.filter(
          (m): m is Mount =>
            m && typeof m === 'object' && (m.type === 'volume' || m.type === 'bind') && typeof m.source === 'string' && typeof m.destination === 'string',
        )
      : [];
  } catch {
    return [];
  }
}

export const mountsText = (list: readonly Mount[]) => JSON.stringify(list);
