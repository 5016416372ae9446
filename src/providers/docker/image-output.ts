// What a container prints when it starts and when it is stopped, for the images
// whose output is known line by line; what `kubectl logs` and `docker logs` read
// back (a web server's request lines between: observe/request-log.ts). The
// simulation runs no processes, so each line is written at the moment its event
// happened; an image not in the tables prints nothing here (an empty log, which is
// what a quiet process gives), never made-up lines.
//
// The images' own: nginx-output.ts, redis-output.ts, postgres-output.ts.

import { naturalCompare } from '../../core/natural-compare.js';
import { NGINX_RPS_PER_CPU } from '../../observe/request-log.js';
import { SIM_EPOCH_MS } from '../common.js';
import { parseRef } from './images.js';
import { accessLine, NGINX, nginxStart, nginxStop } from './nginx-output.js';
import { POSTGRES, postgresOutput } from './postgres-output.js';
import { REDIS, redisOutput, redisStop } from './redis-output.js';
export interface OutputLine {
  readonly stream: 'stdout' | 'stderr';
  /** When it was written (ms of the virtual clock). */
  readonly at: number;
  readonly text: string;
}

/** The machine a container runs on, as its processes see it, and what it left from an earlier run. */
/** How the run before ended: when it came up, when it ended, and when it was signalled to stop (a clean stop), if it was. */
export interface PreviousRun {
  readonly upAt: number;
  readonly endAt: number;
  readonly stoppedAt?: number;
  /** When the last of the runs before was signalled to stop, if any was (what a server saved on its way out). */
  readonly lastCleanStop?: number;
}

export interface ContainerMachine {
  readonly cpus: number;
  /** The kernel release (uname -r). */
  readonly kernel: string;
  /** The container's run before, if it ran before (its writable layer and volumes keep what that run wrote). */
  readonly previous?: PreviousRun;
}

/** What the image prints when a container of it starts at `at`; undefined when the image's output is not known. */
export function startOutput(image: string, at: number, machine: ContainerMachine): OutputLine[] | undefined {
  // Read as every image of the estate is (images.ts parseRef): "nginx:1.20", and "nginx" as nginx:latest.
  const ref = parseRef(image);
  if (!ref) return undefined;
  const redis = ref.repository === 'redis' ? REDIS[ref.tag] : undefined;
  if (redis !== undefined) return redisOutput(redis, at, machine.previous?.lastCleanStop);
  const postgres = ref.repository === 'postgres' ? POSTGRES[ref.tag] : undefined;
  if (postgres !== undefined) return postgresOutput(postgres, at, machine.previous);
  const nginx = ref.repository === 'nginx' ? NGINX[ref.tag] : undefined;
  return nginx === undefined ? undefined : nginxStart(nginx, at, machine);
}

/** What it prints when stopped gracefully (docker stop's STOPSIGNAL) at `at`; nothing for an image whose stop is not known. */
export function stopOutput(image: string, at: number, machine: ContainerMachine): OutputLine[] {
  const ref = parseRef(image);
  if (!ref) return [];
  const redis = ref.repository === 'redis' ? REDIS[ref.tag] : undefined;
  if (redis !== undefined) return redisStop(at);
  const nginx = ref.repository === 'nginx' ? NGINX[ref.tag] : undefined;
  return nginx === undefined ? [] : nginxStop(nginx, at, machine);
}

/** The line a request writes to the image's log at `at` (an image that writes none: undefined). */
export function requestLine(image: string, at: number, client: string, userAgent: string): string | undefined {
  const ref = parseRef(image);
  const nginx = ref?.repository === 'nginx' ? NGINX[ref.tag] : undefined;
  return nginx === undefined ? undefined : accessLine(nginx, at, client, userAgent);
}

/** Requests a second one CPU serves, for an image that writes a line per request (observe/request-log.ts); undefined for one that writes none. */
export function requestRate(image: string): number | undefined {
  const ref = parseRef(image);
  return ref?.repository === 'nginx' && NGINX[ref.tag] !== undefined ? NGINX_RPS_PER_CPU : undefined;
}

/** The runtime's time on a log line (RFC3339NanoFixed: the kubelet's and dockerd's --timestamps). */
export function logTimestamp(ms: number): string {
  return new Date(SIM_EPOCH_MS + ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

/** The images whose output is known, by their release lines as the tables name them: "nginx 1.20, 1.21, 1.27, redis 7.2, 7.4 and postgres 16". */
export function knownImages(): string {
  const lines = (name: string, table: Readonly<Record<string, string>>, parts: number) =>
    `${name} ${[...new Set(Object.values(table).map((v) => v.split('.').slice(0, parts).join('.')))].sort(naturalCompare).join(', ')}`;
  const all = [lines('nginx', NGINX, 2), lines('redis', REDIS, 2), lines('postgres', POSTGRES, 1)];
  return `${all.slice(0, -1).join(', ')} and ${all.at(-1)}`;
}
