// docker logs [OPTIONS] CONTAINER: what the container wrote, each stream to its
// own (providers/workload-logs.ts containerLog). Source: docker/cli
// cli/command/container/logs.go (flags, their defaults and help, ExactArgs(1)),
// moby api/server/httputils/write_log_stream.go (-t: each line led by its time
// in RFC3339NanoFixed, "2006-01-02T15:04:05.000000000Z07:00", then a space),
// docs/reference/commandline/container_logs.md (--since and --until: an RFC
// 3339 date, a UNIX timestamp, or a Go duration before now; --tail: a negative
// or non-integer value is taken as all).

import { bool, str } from '../cli/flags.js';
import { SIM_EPOCH_MS } from '../common.js';
import { failure } from '../exec-result.js';
import { containerLog } from '../workload-logs.js';
import { type DockerCommand, noSuchContainer, withDaemon } from './cli-command.js';
import { logTimestamp } from './image-output.js';

/** A Go duration ("1m30s", "3h", "250ms"): its milliseconds, or undefined when it is not one. */
export function goDuration(text: string): number | undefined {
  const units: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const m = /^([+-]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/.exec(text);
  if (!m) return undefined;
  let total = 0;
  for (const part of text.replace(/^[+-]/, '').matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) total += Number(part[1]) * units[part[2]];
  return m[1] === '-' ? -total : total;
}

/** --since/--until as a sim time (ms), or a problem: a duration before now, a UNIX timestamp, or an RFC 3339 date (UTC without a zone). */
export function logTime(value: string, now: number): number | string {
  const d = goDuration(value);
  if (d !== undefined && value !== '0') return now - d;
  if (/^\d+(\.\d{1,9})?$/.test(value)) return Number(value) * 1000 - SIM_EPOCH_MS;
  const iso = /^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:\d\d)?)?$/.test(value)
    ? Date.parse(/T.*(Z|[+-]\d\d:\d\d)$/.test(value) ? value : `${value}${value.includes('T') ? 'Z' : 'T00:00:00Z'}`)
    : Number.NaN;
  if (Number.isFinite(iso)) return iso - SIM_EPOCH_MS;
  return `invalid value for "since": failed to parse value as time or duration: "${value}"`;
}

export const logs: DockerCommand = {
  flags: {
    follow: { type: 'boolean', aliases: ['f'] },
    since: { type: 'string' },
    until: { type: 'string' },
    timestamps: { type: 'boolean', aliases: ['t'] },
    details: { type: 'boolean' },
    tail: { type: 'string', aliases: ['n'] },
  },
  run: (docker, f) =>
    withDaemon(docker, (host) => {
      const name = f.positionals[0];
      const c = docker.find(name, host);
      if (!c) return failure(noSuchContainer(name), 1);
      // Following streams the log as it grows until interrupted: the console's logs view (l) does that.
      if (bool(f, 'follow'))
        return failure(
          "hyperpane: docker logs -f streams the log as it grows: at the console's prompt it opens the logs view, following (as l on the container does); here leave out -f",
          1,
        );
      const now = docker.sim.now;
      const window: { since?: number; until?: number; tail?: number } = {};
      for (const flag of ['since', 'until'] as const) {
        const v = str(f, flag);
        if (v === undefined) continue;
        const t = logTime(v, now);
        if (typeof t === 'string') return failure(t.replace('"since"', `"${flag}"`), 1);
        window[flag] = t;
      }
      // --tail: a whole number of lines from the end; anything else (all, -1, 3.5) is all of it.
      const tail = str(f, 'tail') ?? 'all';
      if (/^\d+$/.test(tail)) window.tail = Number(tail);
      const { lines, omitted } = containerLog(docker.sim, docker.requests!, c.id, window);
      const note =
        omitted > 0
          ? `hyperpane: ${omitted.toLocaleString('en-US')} earlier lines left out, the newest ${lines.length.toLocaleString('en-US')} written (--tail, --since and --until choose others)\n`
          : '';
      const stamp = bool(f, 'timestamps');
      const text = (stream: 'stdout' | 'stderr') =>
        lines
          .filter((l) => l.stream === stream)
          .map((l) => `${stamp ? `${logTimestamp(l.at)} ` : ''}${l.text}\n`)
          .join('');
      return { exitCode: 0, stdout: text('stdout'), stderr: note + text('stderr'), changed: false };
    }),
};
