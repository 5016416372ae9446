// A workload's log as its platform's tools read it: a container's output (what
// docker logs prints: its image's start-up lines each time it starts), a VM's
// serial console (what virsh console and az vm boot-diagnostics get-boot-log
// show: its guest's boot, then its login prompt, and its shutdown). Written from
// the workload's runs (observe/workload-runs.ts), so the same events give the
// same log on every run.

import type { SimulationApi } from '../core/index.js';
import { type ConsoleGuest, consoleLines, guestOf } from '../observe/guest-console.js';
import { type RequestLog, type RequestSpan, requestAt, requestsBefore } from '../observe/request-log.js';
import { runsOf } from '../observe/workload-runs.js';
import { DOCKER_HOST_OS } from './docker/defaults.js';
import { type OutputLine, requestLine, startOutput, stopOutput } from './docker/image-output.js';

/** What the guest's kernel calls the hypervisor under it (arch/x86/kernel/cpu: x86_hyper_vmware, _ms_hyperv, _kvm); Azure runs Hyper-V. */
const HYPERVISOR: Partial<Record<string, string>> = { vmware: 'VMware', hyperv: 'Microsoft Hyper-V', kvm: 'KVM', azure: 'Microsoft Hyper-V' };

export interface WorkloadLogLine {
  /** When it was written, ms of the virtual clock. */
  readonly at: number;
  readonly stream: 'stdout' | 'stderr' | 'console';
  readonly text: string;
}

/** Which part of a log to write: from `since`, up to `until` (both ms of the virtual clock, inclusive), its last `tail` lines. */
export interface LogWindow {
  readonly since?: number;
  readonly until?: number;
  readonly tail?: number;
}

/** A log's lines in a window, and how many more the window held than are written (past MOST_LINES). */
export interface LogSlice {
  readonly lines: OutputLine[];
  readonly omitted: number;
}

/**
 * The most lines written at once: a busy web server logs tens of thousands of requests a second, and
 * the window's newest are written (a terminal's scrollback keeps a few thousand).
 */
export const MOST_LINES = 10_000;

/**
 * Who the requests come from: the Docker host itself, whose address on the default bridge is its
 * gateway's (a captured nginx container's line: 172.17.0.1 - - [...] "GET / HTTP/1.1" 200 615 "-"
 * "curl/7.81.0" "-"), with curl as the hosts' distribution ships it (Ubuntu 24.04: curl 8.5.0).
 */
const HOST_CLIENT: RequestClient = { address: '172.17.0.1', agent: 'curl/8.5.0' };

/** Where a server's requests come from, and what the client calls itself. */
export interface RequestClient {
  readonly address: string;
  readonly agent: string;
}

/**
 * What a container printed, run after run: its image's start-up output each time it came up, then a
 * line for every request it served (observe/request-log.ts) while it was up.
 */
export function containerLog(sim: SimulationApi, requests: RequestLog, id: string, window: LogWindow = {}): LogSlice {
  const row = sim.workloadRow(id);
  if (!row) return { lines: [], omitted: 0 };
  const host = row.host === undefined ? undefined : sim.host(row.host);
  const cpus = host ? host.cores : 1;
  // A Docker host in a VM runs what the VM runs; every Docker host of the estate is built from one image.
  const kernel = DOCKER_HOST_OS.kernel;
  const since = window.since ?? Number.NEGATIVE_INFINITY;
  const until = Math.min(window.until ?? sim.now, sim.now);
  const want = Math.min(window.tail ?? MOST_LINES, MOST_LINES);
  const runs = runsOf(sim, id);
  const starts = runs
    .flatMap((run, i) => {
      if (run.upAt === undefined) return [];
      // The run before (a restart's, or a start's after a stop or a kill): what it left is still there.
      const before = i > 0 ? runs[i - 1] : undefined;
      const lastCleanStop = runs
        .slice(0, i)
        .map((r) => r.stoppingAt)
        .filter((t) => t !== undefined)
        .at(-1);
      const previous =
        before?.endAt === undefined
          ? undefined
          : {
              upAt: before.upAt ?? before.bootAt,
              endAt: before.endAt,
              ...(before.stoppingAt !== undefined ? { stoppedAt: before.stoppingAt } : {}),
              lastCleanStop,
            };
      const start = startOutput(row.image, run.upAt, { cpus, kernel, previous }) ?? [];
      // A stop (docker stop, restart) signals it and lets it finish; a kill, a crash or a host's failure writes nothing more.
      return run.stoppingAt === undefined ? start : [...start, ...stopOutput(row.image, run.stoppingAt, { cpus, kernel })];
    })
    .filter((l) => l.at >= since && l.at <= until);
  // Each run's requests, from its start-up to its shutdown.
  let total = starts.length;
  const served: OutputLine[] = [];
  for (let i = runs.length - 1; i >= 0; i--) {
    const run = runs[i];
    if (run.upAt === undefined) continue;
    const r = requestLines(
      requests,
      id,
      row.image,
      { upAt: run.upAt, downAt: run.stoppingAt ?? run.endAt ?? Number.POSITIVE_INFINITY },
      { from: since, to: until + 1 },
      want - served.length,
    );
    total += r.total;
    served.unshift(...r.lines);
  }
  // A run's start-up lines come before the requests it serves from the same moment.
  const merged = [...starts.map((l) => ({ l, o: 0 })), ...served.map((l) => ({ l, o: 1 }))].sort((a, b) => a.l.at - b.l.at || a.o - b.o).map((x) => x.l);
  const lines = merged.slice(Math.max(0, merged.length - want));
  return { lines, omitted: window.tail !== undefined && window.tail <= MOST_LINES ? 0 : total - lines.length };
}

/**
 * A server's (of `image`) request lines in the window [from, to) of its run [upAt, downAt): the newest `want`
 * of them (the oldest, `fromStart`), oldest first, and how many there are. A minute's count is what the run
 * served in it, so it is spread over the part of the minute the run was up.
 */
export function requestLines(
  requests: RequestLog,
  id: string,
  image: string,
  run: { readonly upAt: number; readonly downAt: number },
  window: { readonly from: number; readonly to: number },
  want: number,
  fromStart = false,
  client: RequestClient = HOST_CLIENT,
): { lines: OutputLine[]; total: number } {
  const from = Math.max(run.upAt, window.from);
  const to = Math.min(run.downAt, window.to);
  if (to <= from) return { lines: [], total: 0 };
  const spans = requests
    .spans(id, from, to)
    .map((sp) => ({ from: Math.max(sp.from, run.upAt), to: Math.min(sp.to, run.downAt), count: sp.count }))
    .filter((sp) => sp.to > sp.from);
  let total = 0;
  const lines: OutputLine[] = [];
  const line = (sp: RequestSpan, k: number) => {
    const at = requestAt(sp, k);
    lines.push({ stream: 'stdout', at, text: requestLine(image, at, client.address, client.agent) ?? '' });
  };
  for (let i = 0; i < spans.length; i++) {
    const sp = fromStart ? spans[i] : spans[spans.length - 1 - i];
    const first = requestsBefore(sp, from);
    const last = requestsBefore(sp, to);
    total += last - first;
    if (fromStart) for (let k = first; k < last && lines.length < want; k++) line(sp, k);
    else for (let k = last - 1; k >= first && lines.length < want; k--) line(sp, k);
  }
  if (!fromStart) lines.reverse();
  return { lines, total };
}

/** A VM's serial console, boot after boot; undefined when its guest writes nothing to a serial port (Windows). */
export function consoleLog(sim: SimulationApi, id: string): WorkloadLogLine[] | undefined {
  const row = sim.workloadRow(id);
  if (!row) return undefined;
  const guest: ConsoleGuest | undefined = guestOf(row.image, row.name, row.cpuMilli / 1000, HYPERVISOR[row.platform]);
  if (!guest) return undefined;
  return runsOf(sim, id).flatMap((run) => consoleLines(guest, run).map((l) => ({ at: l.at, stream: 'console' as const, text: l.text })));
}

/** A workload's log, whichever kind it is: a container's output, a VM's console (undefined: a guest with no serial console). */
export function workloadLog(sim: SimulationApi, requests: RequestLog, id: string): LogSlice | undefined {
  const row = sim.workloadRow(id);
  if (!row) return undefined;
  if (row.kind === 'container') return containerLog(sim, requests, id);
  const lines = consoleLog(sim, id);
  return lines && { lines: lines.map((l) => ({ ...l, stream: 'stdout' as const })), omitted: 0 };
}
