// Images: a catalogue of well-known ones (sizes about what `docker images` shows
// for them on Docker Hub, 2024; working sets about what `docker stats` shows for
// each at rest), image references, and which images each Docker host has pulled.
import { hash32 } from '../../core/prng.js';
import { table } from '../../core/own.js';

export interface ImageInfo {
  readonly sizeMiB: number;
  /** Memory the container uses doing its usual work. */
  readonly workingSetMiB: number;
  /** vCPUs' worth it uses when busy. */
  readonly cpus: number;
  readonly cmd: string;
  readonly model: 'idle' | 'steady' | 'diurnal' | 'bursty';
}

const CATALOGUE: Readonly<Record<string, ImageInfo>> = table<ImageInfo>({
  nginx: { sizeMiB: 188, workingSetMiB: 24, cpus: 1, cmd: '/docker-entrypoint.sh nginx -g daemon off;', model: 'diurnal' },
  httpd: { sizeMiB: 148, workingSetMiB: 32, cpus: 1, cmd: 'httpd-foreground', model: 'diurnal' },
  traefik: { sizeMiB: 180, workingSetMiB: 48, cpus: 1, cmd: '/entrypoint.sh traefik', model: 'diurnal' },
  redis: { sizeMiB: 117, workingSetMiB: 48, cpus: 1, cmd: 'docker-entrypoint.sh redis-server', model: 'steady' },
  memcached: { sizeMiB: 85, workingSetMiB: 64, cpus: 1, cmd: 'docker-entrypoint.sh memcached', model: 'steady' },
  postgres: { sizeMiB: 432, workingSetMiB: 256, cpus: 2, cmd: 'docker-entrypoint.sh postgres', model: 'steady' },
  mysql: { sizeMiB: 602, workingSetMiB: 400, cpus: 2, cmd: 'docker-entrypoint.sh mysqld', model: 'steady' },
  mongo: { sizeMiB: 757, workingSetMiB: 300, cpus: 2, cmd: 'docker-entrypoint.sh mongod', model: 'steady' },
  rabbitmq: { sizeMiB: 220, workingSetMiB: 160, cpus: 1, cmd: 'docker-entrypoint.sh rabbitmq-server', model: 'bursty' },
  node: { sizeMiB: 1100, workingSetMiB: 96, cpus: 1, cmd: 'docker-entrypoint.sh node', model: 'diurnal' },
  python: { sizeMiB: 1010, workingSetMiB: 64, cpus: 1, cmd: 'python3', model: 'bursty' },
  'grafana/grafana': { sizeMiB: 450, workingSetMiB: 128, cpus: 1, cmd: '/run.sh', model: 'idle' },
  'prom/prometheus': { sizeMiB: 260, workingSetMiB: 192, cpus: 1, cmd: '/bin/prometheus --config.file=/etc/prometheus/prometheus.yml', model: 'steady' },
  ubuntu: { sizeMiB: 78, workingSetMiB: 8, cpus: 1, cmd: '/bin/bash', model: 'idle' },
  debian: { sizeMiB: 117, workingSetMiB: 8, cpus: 1, cmd: 'bash', model: 'idle' },
  alpine: { sizeMiB: 8, workingSetMiB: 2, cpus: 1, cmd: '/bin/sh', model: 'idle' },
  busybox: { sizeMiB: 4, workingSetMiB: 1, cpus: 1, cmd: 'sh', model: 'idle' },
});

/** Slim and alpine variants are much smaller than the default tags. */
function variantSize(repo: string, tag: string, base: number): number {
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
  if (known) return { ...known, sizeMiB: variantSize(ref.repository, ref.tag, known.sizeMiB) };
  if (ref.repository.includes('/')) return { sizeMiB: 120, workingSetMiB: 128, cpus: 1, cmd: '/app/start', model: 'steady' };
  return undefined;
}

/** "sha256:..." short image id, stable per reference. */
export function imageId(ref: ImageRef): string {
  const text = refText(ref);
  return [0, 1, 2].map((k) => hash32(hash32(text.length, k), text.split('').reduce((a, c) => hash32(a, c.charCodeAt(0)), k)).toString(16).padStart(8, '0')).join('').slice(0, 12);
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

  list(host: string): readonly { ref: ImageRef; pulledAt: number }[] {
    return this.byHost.get(host) ?? [];
  }

  /** For saving an estate. */
  toJSON(): Record<string, { image: string; pulledAt: number }[]> {
    return Object.fromEntries([...this.byHost].map(([h, l]) => [h, l.map((i) => ({ image: refText(i.ref), pulledAt: i.pulledAt }))]));
  }

  static fromJSON(data: Record<string, { image: string; pulledAt: number }[]>): ImageStore {
    const store = new ImageStore();
    for (const [host, list] of Object.entries(data)) for (const i of list) {
      const ref = parseRef(i.image);
      if (ref) store.add(host, ref, i.pulledAt);
    }
    return store;
  }
}
