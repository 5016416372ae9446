// What the official redis image prints: its start-up, a restart's loading of the
// snapshot its last stop saved, and its stop.

import { clockOf, MONTHS, SIM_EPOCH_MS, two } from '../common.js';
import type { OutputLine } from './image-output.js';

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
export const REDIS: Readonly<Record<string, string>> = {
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
  const clock = `${clockOf(d)}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
  return `${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${clock}`;
}

/**
 * When a run before was stopped it saved a snapshot to /data (`savedAt`; a killed run saves nothing, and the
 * estate writes no keys, so no save point is reached between) (the default config's save points, active with no
 * config file; prepareForShutdown "Saving the final RDB snapshot before exiting."), a volume the image
 * declares, so a restart loads it between "Server initialized" and "Ready" (rdb.c rdbLoad and server.c
 * loadDataFromDisk: "Loading RDB produced by version %s", "RDB age %ld seconds", "RDB memory usage when
 * created %.2f Mb", "Done loading RDB, keys loaded: %lld, keys expired: %lld.", "DB loaded from disk: %.3f
 * seconds"). The estate writes no keys; an empty instance's 0.90 Mb is what captured 7.4.1, 7.4.5 and 7.4.8 restarts show.
 */
export function redisOutput(release: string, at: number, savedAt?: number): OutputLine[] {
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
    ...(savedAt === undefined
      ? []
      : [
          line('M', '*', `Loading RDB produced by version ${release}`),
          line('M', '*', `RDB age ${Math.max(0, Math.round((at - savedAt) / 1000))} seconds`),
          line('M', '*', 'RDB memory usage when created 0.90 Mb'),
          line('M', '*', 'Done loading RDB, keys loaded: 0, keys expired: 0.'),
          line('M', '*', 'DB loaded from disk: 0.000 seconds'),
        ]),
    line('M', '*', 'Ready to accept connections tcp'),
  ];
}

/**
 * Its stop on SIGTERM (the image's STOPSIGNAL is the default): the signal handler's raw line
 * (serverLogRawFromHandler: "%d:signal-handler (%ld) %s", the Unix time), then prepareForShutdown's and
 * rdbSave's notices and the farewell at warning level (server.c, rdb.c at 7.2.3 and 7.4.1; a captured
 * redis:7.4.8 docker compose stop reads the same).
 */
export function redisStop(at: number): OutputLine[] {
  const line = (level: '*' | '#', text: string): OutputLine => ({ stream: 'stdout', at, text: `1:M ${redisTime(at)} ${level} ${text}` });
  return [
    { stream: 'stdout', at, text: `1:signal-handler (${Math.floor((SIM_EPOCH_MS + at) / 1000)}) Received SIGTERM scheduling shutdown...` },
    line('*', 'User requested shutdown...'),
    line('*', 'Saving the final RDB snapshot before exiting.'),
    line('*', 'DB saved on disk'),
    line('#', 'Redis is now ready to exit, bye bye...'),
  ];
}
