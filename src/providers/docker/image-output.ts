// What a container prints when it starts, for the images whose output is known
// line by line; what `kubectl logs` and `docker logs` read back. The simulation
// runs no processes, so only the start of each run is written, at the moment it
// came up; an image not in the table prints nothing here (an empty log, which is
// what a quiet process gives), never made-up lines.
//
// nginx 1.20.2 and 1.21.6 (the official image, Debian bullseye): the entrypoint's
// scripts (nginxinc/docker-nginx at tags 1.20.2 and 1.21.6, byte-identical there:
// docker-entrypoint.sh, 10-listen-on-ipv6-by-default.sh; 20-envsubst-on-templates.sh
// and 30-tune-worker-processes.sh print nothing by default) write to standard
// output; nginx's own start-up notices go to its error log, linked to standard
// error by the Dockerfile, at the notice level the package's nginx.conf sets from
// 1.20.0 (nginx/pkg-oss ea2a245, "Bumped default error log level to notice").
// The notices' words are nginx's (release-1.21.6: ngx_event.c "using the \"%s\"
// event method", ngx_posix_init.c NGINX_VER_BUILD, "built by " NGX_COMPILER and
// "getrlimit(RLIMIT_NOFILE): %r:%r", ngx_linux_init.c "OS: %s %s",
// ngx_process_cycle.c "start worker processes", ngx_process.c "start %s %P"), in
// ngx_log.c's format ("2021/11/17 12:00:00 [notice] 1#1: ..."). The compiler line
// (with its trailing space), the file limit and the first worker's pid (31) are a
// captured nginx:1.21.6 log's; worker_processes auto starts one worker per CPU.

import { NGINX_RPS_PER_CPU } from '../../observe/request-log.js';
import { MONTHS, SIM_EPOCH_MS } from '../common.js';
import { parseRef } from './images.js';
import { POSTGRES, postgresOutput } from './postgres-output.js';

export interface OutputLine {
  readonly stream: 'stdout' | 'stderr';
  /** When it was written (ms of the virtual clock). */
  readonly at: number;
  readonly text: string;
}

/** The machine a container runs on, as its processes see it, and what it left from an earlier run. */
export interface ContainerMachine {
  readonly cpus: number;
  /** The kernel release (uname -r). */
  readonly kernel: string;
  /** When the container's previous run stopped, if it ran before (its writable layer keeps what that run wrote). */
  readonly previousEnd?: number;
}

/** nginx releases whose image output is known, by the tags that name them. */
const NGINX: Readonly<Record<string, string>> = {
  '1.20': '1.20.2',
  '1.20.2': '1.20.2',
  '1.21': '1.21.6',
  '1.21.6': '1.21.6',
  // The tag 1.27 pointed at 1.27.5 from 2025-04-16 until the line ended (docker-library/official-images library/nginx, 6dce4fb).
  '1.27': '1.27.5',
  '1.27.5': '1.27.5',
};

const ENTRYPOINT = [
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
  '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
  '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
  '/docker-entrypoint.sh: Configuration complete; ready for start up',
];

/**
 * What changed from 1.21 to 1.27 (nginxinc/docker-nginx at 1.27.5, Debian bookworm): the entrypoint
 * sources 15-local-resolvers.envsh ("Sourcing", docker-entrypoint.sh's case for *.envsh), the build is
 * bookworm's gcc, and the first worker is pid 29 in captured 1.27.2, 1.27.4 and 1.27.5 logs.
 */
interface NginxBuild {
  readonly entrypoint: readonly string[];
  readonly compiler: string;
  readonly firstWorkerPid: number;
}

const BULLSEYE_BUILD: NginxBuild = { entrypoint: ENTRYPOINT, compiler: 'gcc 10.2.1 20210110 (Debian 10.2.1-6) ', firstWorkerPid: 31 };
const BOOKWORM_BUILD: NginxBuild = {
  entrypoint: [...ENTRYPOINT.slice(0, 5), '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh', ...ENTRYPOINT.slice(5)],
  compiler: 'gcc 12.2.0 (Debian 12.2.0-14) ',
  firstWorkerPid: 29,
};

function buildOf(release: string): NginxBuild {
  return release.startsWith('1.27.') ? BOOKWORM_BUILD : BULLSEYE_BUILD;
}

/** Requests a second one CPU serves, for an image that writes a line per request (observe/request-log.ts); undefined for one that writes none. */
export function requestRate(image: string): number | undefined {
  const ref = parseRef(image);
  return ref?.repository === 'nginx' && NGINX[ref.tag] !== undefined ? NGINX_RPS_PER_CPU : undefined;
}

/**
 * One request line in the image's access log (linked to standard output): the package's nginx.conf
 * log_format main (nginx/pkg-oss 1.27.5-1 debian/debian/nginx.conf), $time_local as ngx_times.c writes
 * it ("%02d/%s/%d:%02d:%02d:%02d %c%02i%02i"). The requests are what the rate was measured with: the
 * default page, 615 bytes (docs/html/index.html), fetched from `client`.
 */
export function accessLine(at: number, client: string, userAgent: string): string {
  const d = new Date(SIM_EPOCH_MS + at);
  const two = (n: number) => String(n).padStart(2, '0');
  const local = `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
  return `${client} - - [${local}] "GET / HTTP/1.1" 200 615 "-" "${userAgent}" "-"`;
}

/** ngx_log.c's time: local time (UTC in the image) as YYYY/MM/DD HH:MM:SS. */
function nginxTime(ms: number): string {
  const iso = new Date(SIM_EPOCH_MS + ms).toISOString();
  return `${iso.slice(0, 10).replaceAll('-', '/')} ${iso.slice(11, 19)}`;
}

/**
 * Redis 7.2 releases whose start-up is known, by tag. The official image runs
 * `redis-server` with no arguments, so it warns of no config file; stdout is no
 * terminal, so it prints "Running mode=..." instead of its logo; on a host with
 * vm.overcommit_memory 0 (the kernel's default, and the estate's Docker hosts')
 * it warns first. Each line is serverLogRaw's "%d:%c %s %c %s" (pid, role C then
 * M once initServer set the pid, "%d %b %Y %H:%M:%S." and milliseconds, level *
 * notice or # warning): redis 7.2 src/server.c main, redisAsciiArt, initServer,
 * syscheck.c checkOvercommit; a captured redis:7.2.3 container log (0xRyuzak1.
 * github.io _posts/2023-12-05-htb-cybermonday.md) reads the same, line by line.
 */
const REDIS: Readonly<Record<string, string>> = {
  '7.2': '7.2.5',
  '7.2.3': '7.2.3',
  '7.2.4': '7.2.4',
  '7.2.5': '7.2.5',
  // Tags 7 and 7.4 pointed at 7.4.7 on 2026-01-01 (docker-library/official-images library/redis at 8d37c3c). Its
  // start-up strings are 7.2's (server.c at 7.2.3 and 7.4.1 agree; a captured 7.4.5 log reads the same).
  '7': '7.4.7',
  '7.4': '7.4.7',
  '7.4.7': '7.4.7',
};

/** Redis's log time: "02 Dec 2023 21:23:46.191" (UTC in the image). */
function redisTime(ms: number): string {
  const d = new Date(SIM_EPOCH_MS + ms);
  const two = (n: number) => String(n).padStart(2, '0');
  const clock = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
  return `${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${clock}`;
}

function redisOutput(release: string, at: number): OutputLine[] {
  const line = (role: 'C' | 'M', level: '*' | '#', text: string): OutputLine => ({ stream: 'stdout', at, text: `1:${role} ${redisTime(at)} ${level} ${text}` });
  return [
    line(
      'C',
      '#',
      [
        'WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition.',
        'Being disabled, it can also cause failures without low memory condition, see https://github.com/jemalloc/jemalloc/issues/1328.',
        "To fix this issue add 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command",
        "'sysctl vm.overcommit_memory=1' for this to take effect.",
      ].join(' '),
    ),
    line('C', '*', 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo'),
    line('C', '*', `Redis version=${release}, bits=64, commit=00000000, modified=0, pid=1, just started`),
    line('C', '#', 'Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf'),
    line('M', '*', 'monotonic clock: POSIX clock_gettime'),
    line('M', '*', 'Running mode=standalone, port=6379.'),
    line('M', '*', 'Server initialized'),
    line('M', '*', 'Ready to accept connections tcp'),
  ];
}

/** What the image prints when a container of it starts at `at`; undefined when the image's output is not known. */
export function startOutput(image: string, at: number, machine: ContainerMachine): OutputLine[] | undefined {
  // Read as every image of the estate is (images.ts parseRef): "nginx:1.20", and "nginx" as nginx:latest.
  const ref = parseRef(image);
  const redis = ref?.repository === 'redis' ? REDIS[ref.tag] : undefined;
  if (redis !== undefined) return redisOutput(redis, at);
  const postgres = ref?.repository === 'postgres' ? POSTGRES[ref.tag] : undefined;
  if (postgres !== undefined) return postgresOutput(postgres, at, machine.previousEnd);
  const release = ref?.repository === 'nginx' ? NGINX[ref.tag] : undefined;
  if (release === undefined) return undefined;
  const build = buildOf(release);
  const t = nginxTime(at);
  const notice = (text: string): OutputLine => ({ stream: 'stderr', at, text: `${t} [notice] 1#1: ${text}` });
  return [
    ...build.entrypoint.map((text): OutputLine => ({ stream: 'stdout', at, text })),
    notice('using the "epoll" event method'),
    notice(`nginx/${release}`),
    notice(`built by ${build.compiler}`),
    notice(`OS: Linux ${machine.kernel}`),
    notice('getrlimit(RLIMIT_NOFILE): 1048576:1048576'),
    notice('start worker processes'),
    ...Array.from({ length: Math.max(1, machine.cpus) }, (_, k) => notice(`start worker process ${build.firstWorkerPid + k}`)),
  ];
}

/** The runtime's time on a log line (RFC3339NanoFixed: the kubelet's and dockerd's --timestamps). */
export function logTimestamp(ms: number): string {
  return new Date(SIM_EPOCH_MS + ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}
