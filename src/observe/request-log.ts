// A web server's request lines, at the rate its measured CPU implies. At the end
// of each minute (Simulation.onMinute, with the alarms) every container whose
// image writes an access log records how many requests that minute's CPU served,
// by the Utilization Law U = X x S (Denning and Buzen, "The Operational Analysis
// of Queueing Network Models", ACM Computing Surveys 10(3), 1978): a server busy
// U CPU-seconds a second, each request costing S, serves X = U / S a second. The
// lines themselves are not kept: a minute's count and its span are enough to
// write any stretch of them again, the same on every run and after a reload.
import { MINUTE_MS } from '../core/duration.js';
import type { SimulationApi, WorkloadRow } from '../core/index.js';

/**
 * S for nginx serving the default page: NGINX's own measurement ("Testing the
 * Performance of NGINX and NGINX Plus Web Servers", Amir Rawdat, nginx.com blog,
 * 2017, table "RPS for HTTP Requests"): 74,091 requests a second on one CPU for a
 * 1 KB file, the column nearest the image's 615-byte index.html.
 */
export const NGINX_RPS_PER_CPU = 74_091;

/** Minutes of counts kept a server: a day, as a json-file log that rotates would keep the newest of it. */
export const KEPT_MINUTES = 1440;

/** The images that write a request line per request, by what each costs: a function of the image's reference. */
export type ServesRequests = (image: string) => number | undefined;

interface Served {
  /** The container's row in the core's table (an id is used again after a delete). */
  readonly index: number;
  /** The minute (index since the epoch) of counts[0]. */
  first: number;
  readonly counts: number[];
}

export interface RequestLogState {
  readonly servers: Readonly<Record<string, { readonly first: number; readonly counts: readonly number[] }>>;
}

/** A stretch of a server's requests: when each minute's began and ended, and how many it served evenly over it. */
export interface RequestSpan {
  readonly from: number;
  readonly to: number;
  readonly count: number;
}

export class RequestLog {
  private readonly served = new Map<string, Served>();
  /** Each workload's requests a second per CPU (0: its image writes none), looked up once per container. */
  private readonly rates = new Map<string, { readonly index: number; readonly rate: number }>();
  /** Counts every minute recorded, for views that redraw on one. */
  version = 0;

  constructor(
    private readonly sim: SimulationApi,
    private readonly serves: ServesRequests,
  ) {
    sim.onMinute(() => this.record());
  }

  /** The minute just closed: each server's count from its minute's mean CPU. */
  record(): void {
    const sim = this.sim;
    const minute = Math.floor(sim.now / MINUTE_MS) - 1;
    const row = sim.workloadCursor();
    let changed = false;
    for (let w = 0; w < sim.workloadCount; w++) {
      row.at(w);
      if (row.kind !== 'container') continue;
      const id = row.id;
      // A deleted container's record stays in the table, and its id may be used again by a new one (at another
      // index): what a server served is its own, by index.
      if (row.state === 'deleted') {
        if (this.rates.get(id)?.index === w) this.rates.delete(id);
        if (this.served.get(id)?.index === w) changed = this.served.delete(id) || changed;
        continue;
      }
      let known = this.rates.get(id);
      if (known?.index !== w) {
        known = { index: w, rate: this.serves(row.image) ?? 0 };
        this.rates.set(id, known);
      }
      if (known.rate === 0) continue;
      const count = this.minuteCount(row, minute, known.rate);
      let s = this.served.get(id);
      if (s !== undefined && s.index !== w) {
        this.served.delete(id);
        s = undefined;
      }
      if (count === 0 && s === undefined) continue;
      if (s === undefined) {
        s = { index: w, first: minute, counts: [] };
        this.served.set(id, s);
      }
      // Minutes it served nothing in (stopped, or its count not yet begun) stand as noughts; a day or more of them
      // (a clock that jumped: a file's, or one stopped that long) leaves nothing kept before.
      if (minute - (s.first + s.counts.length) >= KEPT_MINUTES) {
        s.counts.length = 0;
        s.first = minute;
      }
      while (s.first + s.counts.length < minute) s.counts.push(0);
      if (s.first + s.counts.length === minute) s.counts.push(count);
      if (s.counts.length > KEPT_MINUTES) {
        const drop = s.counts.length - KEPT_MINUTES;
        s.counts.splice(0, drop);
        s.first += drop;
      }
      changed ||= count > 0;
    }
    // Views redraw on a change: a minute that served nothing anywhere changes no line.
    if (changed) this.version++;
  }

  /**
   * What it served in the minute: its mean CPU's worth, or, when it came up during the minute, the CPU of its
   * ticks since (a start's own CPU, the image pulled and the process booting, serves nobody).
   */
  private minuteCount(row: WorkloadRow, minute: number, rate: number): number {
    const from = minute * MINUTE_MS;
    const since = row.runningSince;
    if (!(since > from && since < from + MINUTE_MS)) return requestsInMinute(row.lastMinute('cpu') ?? 0, row.cpuMilli, rate);
    // The tick ring, oldest first, ends with this tick's sample, the next minute's first.
    const ticks = row.history('cpu', 'tick');
    const tickMs = this.sim.tickMs;
    let pctSeconds = 0;
    for (let k = 1; k < ticks.length; k++) {
      const t = this.sim.now - k * tickMs;
      if (t < from) break;
      if (t >= since) pctSeconds += ticks[ticks.length - 1 - k] * (tickMs / 1000);
    }
    return requestsInMinute(pctSeconds / (MINUTE_MS / 1000), row.cpuMilli, rate);
  }

  /** The minutes with requests that overlap [from, to), oldest first. */
  spans(id: string, from: number, to: number): RequestSpan[] {
    const s = this.served.get(id);
    if (!s) return [];
    const out: RequestSpan[] = [];
    const lo = Math.max(s.first, Math.floor(from / MINUTE_MS));
    const hi = Math.min(s.first + s.counts.length - 1, Math.floor((to - 1) / MINUTE_MS));
    for (let m = lo; m <= hi; m++) {
      const count = s.counts[m - s.first];
      if (count > 0) out.push({ from: m * MINUTE_MS, to: (m + 1) * MINUTE_MS, count });
    }
    return out;
  }

  save(): RequestLogState {
    const servers: Record<string, { first: number; counts: number[] }> = {};
    // A container deleted and gone from the estate since its last minute takes its counts with it.
    for (const [id, s] of this.served) if ((this.sim.workload(id)?.state ?? 'deleted') !== 'deleted') servers[id] = { first: s.first, counts: [...s.counts] };
    return { servers };
  }

  /** Puts back what a file kept; a problem when it does not hold together. */
  load(state: RequestLogState): string | undefined {
    this.served.clear();
    this.rates.clear();
    for (const [id, s] of Object.entries(state.servers)) {
      if (s.counts.length > KEPT_MINUTES) return `servers.${id}: ${s.counts.length} minutes of counts, more than the ${KEPT_MINUTES} kept`;
      const index = this.sim.workloadRow(id)?.index;
      if (index === undefined) continue;
      this.served.set(id, { index, first: s.first, counts: [...s.counts] });
    }
    this.version++;
    return undefined;
  }
}

/** X = U / S over a minute: a workload busy `cpuPct` of `cpuMilli` millicores, serving `rate` requests a CPU-second. */
export function requestsInMinute(cpuPct: number, cpuMilli: number, rate: number): number {
  return Math.round((cpuPct / 100) * (cpuMilli / 1000) * rate * (MINUTE_MS / 1000));
}

/**
 * Request k of a span's `count`, spread evenly over it (at from + floor(k x length / count)),
 * and how many of them come before `t`: so any stretch of lines is written without the rest.
 */
export function requestAt(span: RequestSpan, k: number): number {
  return span.from + Math.floor((k * (span.to - span.from)) / span.count);
}

export function requestsBefore(span: RequestSpan, t: number): number {
  if (t <= span.from) return 0;
  if (t >= span.to) return span.count;
  // Request k is before t when floor(k L / c) < t - from, i.e. k < (t - from) c / L: the ceiling of that.
  const length = span.to - span.from;
  return Math.min(span.count, Math.floor(((t - span.from) * span.count + length - 1) / length));
}
