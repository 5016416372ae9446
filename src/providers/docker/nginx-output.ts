// What the official nginx image prints: its start-up, a line a request, its stop.
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

//
// docker stop sends the image's STOPSIGNAL, SIGQUIT (nginxinc/docker-nginx Dockerfile): the master's
// "signal 3 (SIGQUIT) received, shutting down" (ngx_process_cycle.c, "signal %d (%s) received%s"),
// each worker "gracefully shutting down", "exiting", "exit", then the master's "signal 17 (SIGCHLD)
// received from %P", "worker process %P exited with code %d" and "exit", as a captured nginx:1.29.5
// stop reads (the workers' order is the kernel's; here it is theirs by pid).

import { clockOf, MONTHS, SIM_EPOCH_MS, two } from '../common.js';
import type { ContainerMachine, OutputLine } from './image-output.js';

/** nginx releases whose image output is known, by the tags that name them. */
export const NGINX: Readonly<Record<string, string>> = {
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

/** The default index.html's size: 612 bytes until 1.21.2 reworded it, 615 since (nginx docs/html/index.html, e455bcedf). */
function indexBytes(release: string): number {
  const [, minor, patch] = release.split('.').map(Number);
  return minor < 21 || (minor === 21 && patch < 2) ? 612 : 615;
}

/**
 * One request line in the image's access log (linked to standard output): the package's nginx.conf
 * log_format main (nginx/pkg-oss 1.27.5-1 debian/debian/nginx.conf), $time_local as ngx_times.c writes
 * it ("%02d/%s/%d:%02d:%02d:%02d %c%02i%02i"). The requests are what the rate was measured with: the
 * default page (docs/html/index.html), fetched from `client`.
 */
export function accessLine(release: string, at: number, client: string, userAgent: string): string {
  const d = new Date(SIM_EPOCH_MS + at);
  const local = `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${clockOf(d)} +0000`;
  return `${client} - - [${local}] "GET / HTTP/1.1" 200 ${indexBytes(release)} "-" "${userAgent}" "-"`;
}

/** ngx_log.c's time: local time (UTC in the image) as YYYY/MM/DD HH:MM:SS. */
function nginxTime(ms: number): string {
  const iso = new Date(SIM_EPOCH_MS + ms).toISOString();
  return `${iso.slice(0, 10).replaceAll('-', '/')} ${iso.slice(11, 19)}`;
}

/** nginx's start-up at `at`. */
export function nginxStart(release: string, at: number, machine: ContainerMachine): OutputLine[] {
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

/** nginx's graceful stop at `at` (SIGQUIT), its workers those its start-up began. */
export function nginxStop(release: string, at: number, machine: ContainerMachine): OutputLine[] {
  const build = buildOf(release);
  const t = nginxTime(at);
  const notice = (pid: number, text: string): OutputLine => ({ stream: 'stderr', at, text: `${t} [notice] ${pid}#${pid}: ${text}` });
  const workers = Array.from({ length: Math.max(1, machine.cpus) }, (_, k) => build.firstWorkerPid + k);
  return [
    notice(1, 'signal 3 (SIGQUIT) received, shutting down'),
    ...workers.map((w) => notice(w, 'gracefully shutting down')),
    ...workers.map((w) => notice(w, 'exiting')),
    ...workers.map((w) => notice(w, 'exit')),
    // One SIGCHLD reaps every worker already gone (ngx_process_get_status loops on waitpid); the last to go comes
    // after the master's channel woke it (SIGIO), as captured 2- and 4-worker stops read.
    ...(workers.length === 1
      ? []
      : [
          notice(1, `signal 17 (SIGCHLD) received from ${workers.at(-2)}`),
          ...workers.slice(0, -1).map((w) => notice(1, `worker process ${w} exited with code 0`)),
        ]),
    ...(workers.length === 1 ? [] : [notice(1, 'signal 29 (SIGIO) received')]),
    notice(1, `signal 17 (SIGCHLD) received from ${workers.at(-1)}`),
    notice(1, `worker process ${workers.at(-1)} exited with code 0`),
    notice(1, 'exit'),
  ];
}
