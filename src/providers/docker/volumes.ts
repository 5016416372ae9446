// Docker volumes, per Docker host as each daemon keeps its own (the local
// driver: moby daemon/volume/local), named or anonymous (a 64-hex random name,
// made for `docker run -v /path`), and which containers use them (a volume is in
// use while any container, running or not, mounts it: daemon/volume/service
// store.go Remove refuses "volume is in use - [ids]").
import { hexId } from './networks.js';

export interface DockerVolume {
  readonly name: string;
  /** Simulated ms it was made. */
  readonly created: number;
  /** Its labels; null for one a `docker run` made (the daemon is given none: inspect shows null). */
  readonly labels: Readonly<Record<string, string>> | null;
  /** The driver's options (`docker volume create -o`); null as for labels. A volume with options is never pruned. */
  readonly options: Readonly<Record<string, string>> | null;
  /** Named by the daemon (`docker volume create` without a name, `docker run -v /path`): `volume prune` takes these. */
  readonly anonymous: boolean;
}

/** What an estate file keeps of a host's volumes (labels and options none, null, when it does not say). */
export type DockerVolumeState = Omit<DockerVolume, 'labels' | 'options'> & Partial<Pick<DockerVolume, 'labels' | 'options'>>;

/** What an estate file holds (the daemon itself sets no such limits): volumes of one daemon, a label's key and value. */
export const MAX_VOLUMES = 1000;
export const MAX_LABEL_KEY = 255;
export const MAX_LABEL_VALUE = 1000;

/** The longest name a directory may have (NAME_MAX), which the local driver makes for each volume. */
export const MAX_NAME = 255;

/** The label the daemon puts on a volume it names itself (daemon/volume/service AnonymousLabel, API 1.42 and later). */
export const ANONYMOUS_LABEL = 'com.docker.volume.anonymous';

/** A volume's labels as the daemon shows them: an anonymous one's with its mark, keys in order (encoding/json sorts a map's). */
export function labelsShown(v: DockerVolume): Record<string, string> | null {
  return sortedKeys(v.anonymous ? { [ANONYMOUS_LABEL]: '', ...v.labels } : v.labels);
}

/** A map as encoding/json writes it: its keys in order; null stays null. */
export function sortedKeys(m: Readonly<Record<string, string>> | null): Record<string, string> | null {
  return m ? Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : null;
}

/** Where the local driver keeps a volume's data (daemon/volume/local: <root>/volumes/<name>/_data). */
export const mountpoint = (name: string) => `/var/lib/docker/volumes/${name}/_data`;

/** names.RestrictedNameChars, the local driver's rule for a volume's name. */
const NAME_CHARS = '[a-zA-Z0-9][a-zA-Z0-9_.-]';
const NAME = new RegExp(`^${NAME_CHARS}+$`);

/** Why the local driver refuses a name (daemon/volume/local/local.go validateName), or undefined. */
export function volumeNameProblem(name: string): string | undefined {
  if (name.length === 1) return 'volume name is too short, names should be at least two alphanumeric characters';
  if (!NAME.test(name))
    return `${JSON.stringify(name)} includes invalid characters for a local volume name, only ${JSON.stringify(NAME_CHARS)} are allowed. If you intended to pass a host directory, use absolute path`;
  // Then the local driver makes a directory of that name (local.go Create): longer than a file name may be, mkdir fails.
  if (name.length > MAX_NAME)
    return `error while creating volume root path '/var/lib/docker/volumes/${name}': mkdir /var/lib/docker/volumes/${name}: file name too long`;
  return undefined;
}

export class DockerVolumes {
  private readonly byHost = new Map<string, DockerVolume[]>();

  /** A host's volumes in the order they were made. */
  list(host: string): readonly DockerVolume[] {
    return this.byHost.get(host) ?? [];
  }

  find(host: string, name: string): DockerVolume | undefined {
    return this.list(host).find((v) => v.name === name);
  }

  /** The volume of that name, made now if there is none (the daemon's create returns an existing one as it is). */
  ensure(
    host: string,
    name: string,
    o: { created: number; labels?: Readonly<Record<string, string>> | null; options?: Readonly<Record<string, string>> | null; anonymous?: boolean },
  ): DockerVolume {
    const had = this.find(host, name);
    if (had) return had;
    const copy = (r: Readonly<Record<string, string>> | null | undefined) => (r ? Object.fromEntries(Object.entries(r)) : null);
    const made: DockerVolume = { name, created: o.created, labels: copy(o.labels), options: copy(o.options), anonymous: o.anonymous ?? false };
    let list = this.byHost.get(host);
    if (!list) this.byHost.set(host, (list = []));
    list.push(made);
    return made;
  }

  /** A new anonymous volume's name: 64 hex digits, as the daemon's random IDs (stringid.GenerateRandomID), never one the host has. */
  anonymousName(host: string, key: string): string {
    for (let salt = 0; ; salt++) {
      const name = hexId(`${host}\u0000volume\u0000${key}\u0000${salt}`);
      if (!this.find(host, name)) return name;
    }
  }

  remove(host: string, v: DockerVolume): void {
    const list = this.byHost.get(host);
    if (list?.includes(v)) list.splice(list.indexOf(v), 1);
  }

  /** The hosts whose daemons have volumes. */
  hosts(): string[] {
    return [...this.byHost].filter(([, l]) => l.length > 0).map(([h]) => h);
  }

  state(): Record<string, DockerVolumeState[]> {
    return Object.fromEntries(this.hosts().map((h) => [h, this.list(h).map((v) => ({ ...v }))]));
  }

  /** Reads a file's volumes back, or says what in them is wrong: a name the local driver refuses, or one used twice on a host. */
  static fromState(state: Readonly<Record<string, readonly DockerVolumeState[]>>): DockerVolumes | string[] {
    const out = new DockerVolumes();
    const problems: string[] = [];
    for (const [host, list] of Object.entries(state))
      for (const [i, v] of list.entries()) {
        const at = `providers.docker.volumes.${host}[${i}].name`;
        const bad = volumeNameProblem(v.name);
        if (bad) problems.push(`${at}: ${bad}`);
        else if (out.find(host, v.name)) problems.push(`${at}: ${v.name} is used twice on ${host}`);
        else out.ensure(host, v.name, v);
      }
    return problems.length > 0 ? problems : out;
  }
}
