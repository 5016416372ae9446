// Images: a catalogue of well-known ones (sizes about what `docker images` showed
// for them on Docker Hub, 2024, with the overlay2 store: the unpacked layers, in
// decimal MB; working sets about what `docker stats` shows for each at rest; the
// ports each image's Dockerfile EXPOSEs, from the docker-library Dockerfiles and
// the vendors' own, and the USER each sets, from the same Dockerfiles), image
// references, and which images each Docker host has pulled.

import { table } from '../../core/own.js';
import { hash32 } from '../../core/prng.js';
import { CONTENT_PER_UNPACKED } from './defaults.js';

export interface ImageInfo {
  /** The image's layers unpacked on disk, bytes. */
  readonly unpackedBytes: number;
  /** Its compressed layers as the registry serves them, bytes (the containerd store keeps these too). */
  readonly contentBytes: number;
  /** The unpacked size in MiB: what a pull is reckoned on. */
  readonly sizeMiB: number;
  /** Memory the container uses doing its usual work. */
  readonly workingSetMiB: number;
  /** vCPUs' worth it uses when busy. */
  readonly cpus: number;
  readonly cmd: string;
  readonly model: 'idle' | 'steady' | 'diurnal' | 'bursty';
  /** TCP ports the image EXPOSEs: `docker ps` shows them ("6379/tcp") unless published. */
  readonly exposed: readonly number[];
  /** The USER its Dockerfile sets ('' when it sets none: the container runs as root). */
  readonly user: string;
}

interface CatalogueEntry {
  /** Unpacked size in decimal MB, as `docker images` printed it. */
  readonly sizeMB: number;
  readonly workingSetMiB: number;
  readonly cpus: number;
  readonly cmd: string;
  readonly model: ImageInfo['model'];
  readonly exposed?: readonly number[];
  readonly user?: string;
}

const CATALOGUE: Readonly<Record<string, CatalogueEntry>> = table<CatalogueEntry>({
  nginx: { sizeMB: 188, workingSetMiB: 24, cpus: 1, cmd: '/docker-entrypoint.sh nginx -g daemon off;', model: 'diurnal', exposed: [80] },
  httpd: { sizeMB: 148, workingSetMiB: 32, cpus: 1, cmd: 'httpd-foreground', model: 'diurnal', exposed: [80] },
  traefik: { sizeMB: 180, workingSetMiB: 48, cpus: 1, cmd: '/entrypoint.sh traefik', model: 'diurnal', exposed: [80] },
  redis: { sizeMB: 117, workingSetMiB: 48, cpus: 1, cmd: 'docker-entrypoint.sh redis-server', model: 'steady', exposed: [6379] },
  memcached: { sizeMB: 85, workingSetMiB: 64, cpus: 1, cmd: 'docker-entrypoint.sh memcached', model: 'steady', exposed: [11211] },
  postgres: { sizeMB: 432, workingSetMiB: 256, cpus: 2, cmd: 'docker-entrypoint.sh postgres', model: 'steady', exposed: [5432] },
  mysql: { sizeMB: 602, workingSetMiB: 400, cpus: 2, cmd: 'docker-entrypoint.sh mysqld', model: 'steady', exposed: [3306, 33060] },
  mongo: { sizeMB: 757, workingSetMiB: 300, cpus: 2, cmd: 'docker-entrypoint.sh mongod', model: 'steady', exposed: [27017] },
  rabbitmq: {
    sizeMB: 220,
    workingSetMiB: 160,
    cpus: 1,
    cmd: 'docker-entrypoint.sh rabbitmq-server',
    model: 'bursty',
    exposed: [4369, 5671, 5672, 15691, 15692, 25672],
  },
  node: { sizeMB: 1100, workingSetMiB: 96, cpus: 1, cmd: 'docker-entrypoint.sh node', model: 'diurnal' },
  python: { sizeMB: 1010, workingSetMiB: 64, cpus: 1, cmd: 'python3', model: 'bursty' },
  // grafana/grafana's Dockerfile: ARG GF_UID="472" ... USER "$GF_UID".
  'grafana/grafana': { sizeMB: 450, workingSetMiB: 128, cpus: 1, cmd: '/run.sh', model: 'idle', exposed: [3000], user: '472' },
  'prom/prometheus': {
    sizeMB: 260,
    workingSetMiB: 192,
    cpus: 1,
    cmd: '/bin/prometheus --config.file=/etc/prometheus/prometheus.yml',
    model: 'steady',
    exposed: [9090],
    // prometheus/prometheus's Dockerfile: USER nobody.
    user: 'nobody',
  },
  ubuntu: { sizeMB: 78, workingSetMiB: 8, cpus: 1, cmd: '/bin/bash', model: 'idle' },
  debian: { sizeMB: 117, workingSetMiB: 8, cpus: 1, cmd: 'bash', model: 'idle' },
  alpine: { sizeMB: 8, workingSetMiB: 2, cpus: 1, cmd: '/bin/sh', model: 'idle' },
  busybox: { sizeMB: 4, workingSetMiB: 1, cpus: 1, cmd: 'sh', model: 'idle' },
});

/** Slim and alpine variants are much smaller than the default tags. */
function variantSize(_repo: string, tag: string, base: number): number {
  if (/alpine/.test(tag)) return Math.max(5, Math.round(base / 7));
  if (/slim/.test(tag)) return Math.max(5, Math.round(base / 8));
  return base;
}

export interface ImageRef {
  readonly repository: string;
  readonly tag: string;
}

/** "nginx" -> nginx:latest; "grafana/grafana:11" -> grafana/grafana:11; undefined if it is not a reference. */
export function parseRef(text: string): ImageRef | undefined {
  const m = /^((?:[a-z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*)(?::([\w][\w.-]{0,127}))?$/.exec(text);
  return m ? { repository: m[1], tag: m[2] ?? 'latest' } : undefined;
}

export function refText(ref: ImageRef): string {
  return `${ref.repository}:${ref.tag}`;
}

/**
 * What an image is. Well-known images from the catalogue; an image from a
 * registry or namespace of one's own ("registry.local/app", "acme/api") is taken
 * on trust; a bare name that is not in the catalogue is treated as not found, as
 * a typo of a Docker Hub name would be.
 */
export function imageInfo(ref: ImageRef): ImageInfo | undefined {
  const known = CATALOGUE[ref.repository];
  if (known) return info({ ...known, sizeMB: variantSize(ref.repository, ref.tag, known.sizeMB) });
  if (ref.repository.includes('/')) return someImage();
  return undefined;
}

/** An image the catalogue does not know (a registry's own, one already on a host): a typical application's. */
export function someImage(): ImageInfo {
  return info({ sizeMB: 120, workingSetMiB: 128, cpus: 1, cmd: '/app/start', model: 'steady' });
}

/**
 * Whether a well-known image has this tag: Docker Hub's official images tag
 * versions ("1.27", "v2", "3.12.4") and named releases and variants ("latest",
 * "mainline", "alpine3.20", "slim", "bookworm"), alone or joined by - or .; a
 * tag of any other word ("nginx:doesnotexist") is not there.
 */
const TAG_WORD = [
  'v?\\d+(\\.\\d+)*',
  'latest|stable|mainline|lts|edge|alpine(\\d+(\\.\\d+)*)?|slim|bookworm|bullseye|buster|trixie|jammy|noble|focal',
  'perl|otel|management|windowsservercore|nanoserver|oss|enterprise|community|ubi\\d*',
]
  .map((w) => `(${w})`)
  .join('|');
const TAG = new RegExp(`^(${TAG_WORD})([.-](${TAG_WORD}))*$`);

export function tagExists(ref: ImageRef): boolean {
  return !CATALOGUE[ref.repository] || TAG.test(ref.tag);
}

function info(e: CatalogueEntry): ImageInfo {
  const unpackedBytes = e.sizeMB * 1e6;
  const { sizeMB: _size, ...rest } = e;
  return {
    ...rest,
    exposed: e.exposed ?? [],
    user: e.user ?? '',
    unpackedBytes,
    contentBytes: Math.round(unpackedBytes * CONTENT_PER_UNPACKED),
    sizeMiB: unpackedBytes / 1048576,
  };
}

/** The image's digest, 64 hex digits, stable per reference: its ID, and its repo digest, in the containerd store. */
export function imageDigest(ref: ImageRef): string {
  const text = refText(ref);
  return [0, 1, 2, 3, 4, 5, 6, 7]
    .map((k) =>
      hash32(
        hash32(text.length, k),
        text.split('').reduce((a, c) => hash32(a, c.charCodeAt(0)), k),
      )
        .toString(16)
        .padStart(8, '0'),
    )
    .join('');
}

/** The short image ID `docker images` shows: the digest's first 12 hex digits. */
export function imageId(ref: ImageRef): string {
  return imageDigest(ref).slice(0, 12);
}

/** reference.FamiliarName's opposite: "nginx" is docker.io/library/nginx, "grafana/grafana" docker.io/grafana/grafana. */
export function fullName(ref: ImageRef): string {
  const first = ref.repository.split('/')[0];
  const hasDomain = ref.repository.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasDomain) return ref.repository;
  return `docker.io/${ref.repository.includes('/') ? '' : 'library/'}${ref.repository}`;
}

/** reference.Path: the name without its registry ("library/nginx", "grafana/grafana", "team/app"). */
export function refPath(ref: ImageRef): string {
  const full = fullName(ref);
  return full.slice(full.indexOf('/') + 1);
}

/** Which images each Docker host has, in the order they were pulled. */
export class ImageStore {
  private readonly byHost = new Map<string, { ref: ImageRef; pulledAt: number }[]>();

  has(host: string, ref: ImageRef): boolean {
    return (this.byHost.get(host) ?? []).some((i) => refText(i.ref) === refText(ref));
  }

  add(host: string, ref: ImageRef, at: number): void {
    if (this.has(host, ref)) return;
    const list = this.byHost.get(host) ?? [];
    list.push({ ref, pulledAt: at });
    this.byHost.set(host, list);
  }

  /** When the host's pull of the image began, if it has it. */
  pulledAt(host: string, ref: ImageRef): number | undefined {
    return (this.byHost.get(host) ?? []).find((i) => refText(i.ref) === refText(ref))?.pulledAt;
  }

  list(host: string): readonly { ref: ImageRef; pulledAt: number }[] {
    return this.byHost.get(host) ?? [];
  }

  /** For saving an estate. */
  toJSON(): Record<string, { image: string; pulledAt: number }[]> {
    return Object.fromEntries([...this.byHost].map(([h, l]) => [h, l.map((i) => ({ image: refText(i.ref), pulledAt: i.pulledAt }))]));
  }

  static fromJSON(data: Record<string, { image: string; pulledAt: number }[]>): ImageStore {
    const store = new ImageStore();
    for (const [host, list] of Object.entries(data))
      for (const i of list) {
        const ref = parseRef(i.image);
        if (ref) store.add(host, ref, i.pulledAt);
      }
    return store;
  }
}
