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
  /** The mode as given after the second colon ("" if none): ro, rw, z, a propagation, nocopy. */
  readonly mode: string;
  readonly rw: boolean;
}

export const MOUNTS_ATTR = 'mounts';

/** Where the simulated CLI runs: a relative host path ("./data") is made absolute from here (cli opts.go filepath.Abs). */
const CLI_DIR = '/root';

/** The mode words the Linux parser takes, each kind at most once (linux_parser.go linuxValidMountMode). */
const MODE_KINDS: readonly (readonly string[])[] = [
  ['rw', 'ro'],
  ['z', 'Z'],
  ['shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate'],
  ['nocopy'],
  ['consistent', 'cached', 'delegated'],
];

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
    // A bind's relative host path is made absolute before it is sent.
    if (parts.length > 1 && parts[0]!.startsWith('.')) spec = [`${CLI_DIR}/${parts[0]!.replace(/^\.\/?/, '')}`.replace(/\/$/, ''), ...parts.slice(1)].join(':');
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
  if (!isAbsolute(destination))
    return { daemon: `${invalid.daemon}: invalid mount config for type "${type}": invalid mount path: '${destination}' mount path must be absolute` };
  return { type, source, destination, mode, rw: !mode.split(',').includes('ro') };
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
