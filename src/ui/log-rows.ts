// The lines of the logs view: each workload's log (providers/workload-logs.ts)
// merged in time order, each line led by its time and, when several workloads
// are shown, by its workload's name; then the filter: the lines holding its text
// (any case, each match marked) or matching its /regex/.

import { compileUserRegex } from '../core/regex.js';
import type { Estate } from '../estate/estate.js';
import { runsOf } from '../observe/workload-runs.js';
import { SIM_EPOCH_MS } from '../providers/common.js';
import { knownImages } from '../providers/docker/image-output.js';
import { MOST_LINES, workloadLog } from '../providers/workload-logs.js';
import { clean, simTime } from './format.js';
import { kubectlLabel } from './log-args.js';

export interface LogRow {
  readonly text: string;
  /** The matches of a text filter: [start, end) in `text`. */
  readonly marks: readonly (readonly [number, number])[];
}

export interface LogRows {
  readonly rows: readonly LogRow[];
  /** Lines before the filter. */
  readonly total: number;
  /** What is wrong with the filter, if anything. */
  readonly error?: string;
  /** Workloads with nothing to show, and why. */
  readonly quiet: readonly string[];
}

/** The last answer, by estate: the view asks on every frame and key, and a log changes only when the event log does. */
const last = new WeakMap<Estate, { readonly key: string; readonly rows: LogRows }>();

export function logRows(estate: Estate, workloads: readonly string[], filter: string, kubectl: readonly string[] = []): LogRows {
  // A pod's log changes with the cluster too (a restart is a new container): any change but the clock's reads it again.
  const pods = kubectl.length > 0 ? `${estate.sim.version - estate.sim.advanced}\u0000${kubectl.join('\u0000')}` : '';
  const key = `${estate.sim.log.total}\u0000${estate.providers.requests.version}\u0000${filter}\u0000${workloads.join('\u0000')}\u0000${pods}`;
  const hit = last.get(estate);
  if (hit?.key === key) return hit.rows;
  const rows = computeRows(estate, workloads, filter, kubectl);
  last.set(estate, { key, rows });
  return rows;
}

/** kubectl logs --timestamps' stamp (RFC3339NanoFixed) and the line after it. */
const STAMPED = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z) (.*)$/;

/** A pod's lines as kubectl logs gives them (its current container, or the one its arguments name), or why there are none. */
function podLines(estate: Estate, args: string): { lines: { at: number; text: string }[]; said: string[] } {
  const r = estate.providers.exec(`kubectl logs --timestamps ${args}`);
  const said =
    r.stderr.trim() === ''
      ? []
      : r.stderr
          .trim()
          .split('\n')
          .map((l) => `kubectl logs ${args}: ${l.replace(/^error: /, '')}`);
  if (r.exitCode !== 0) return { lines: [], said };
  const lines: { at: number; text: string }[] = [];
  for (const l of r.stdout.split('\n')) {
    const m = STAMPED.exec(l);
    if (m) lines.push({ at: Date.parse(m[1]) - SIM_EPOCH_MS, text: m[2] });
  }
  return { lines, said };
}

/** What the platforms call moving a running VM (vSphere's vMotion; Hyper-V's and libvirt's live migration). */
const MOVE: Partial<Record<string, string>> = { vmware: 'vMotion', hyperv: 'live migration', kvm: 'live migration' };

/**
 * A VM's live migrations, marked in the view (not in its console): the guest runs on through them and writes
 * nothing of them, which is the lesson; the marks say when each began and where it landed.
 */
function migrationMarks(sim: Estate['sim'], id: string): { at: number; text: string }[] {
  const row = sim.workloadRow(id);
  const term = row && row.kind !== 'container' ? MOVE[row.platform] : undefined;
  if (!term) return [];
  return runsOf(sim, id).flatMap((run) =>
    run.migrations.flatMap((m) => [
      { at: m.at, text: `── ${term} from ${m.from ?? 'its host'} begins: the guest runs on and writes nothing of it ──` },
      ...(m.endAt === undefined ? [] : [{ at: m.endAt, text: `── ${term} done: now on ${m.to ?? 'its new host'} ──` }]),
    ]),
  );
}

function computeRows(estate: Estate, workloads: readonly string[], filter: string, kubectl: readonly string[]): LogRows {
  const sim = estate.sim;
  const several = workloads.length + kubectl.length > 1;
  const names = [...workloads.map((id) => sim.workload(id)?.name ?? id), ...kubectl.map(kubectlLabel)];
  const width = Math.max(...names.map((n) => n.length));
  const lines: { at: number; order: number; text: string }[] = [];
  const quiet: string[] = [];
  let omitted = 0;
  workloads.forEach((id, i) => {
    const slice = workloadLog(sim, estate.providers.requests, id);
    omitted += slice?.omitted ?? 0;
    const log = slice?.lines;
    if (log === undefined) quiet.push(`${names[i]}: no serial console (a Windows guest writes its boot to the screen, not to a serial port)`);
    else if (log.length === 0) {
      // A container's log is its image's start-up output, for the images whose output is known line by line.
      const row = sim.workloadRow(id);
      quiet.push(
        row?.kind === 'container'
          ? `${names[i]}: empty (the output of ${row.image} is not known line by line here; ${knownImages()} are)`
          : `${names[i]}: nothing logged yet`,
      );
    }
    const own = [...(log ?? []), ...migrationMarks(sim, id)];
    for (const [k, l] of own.entries())
      lines.push({ at: l.at, order: i * 1e7 + k, text: `${simTime(l.at)} ${several ? `${names[i].padEnd(width)} │ ` : ''}${clean(l.text)}` });
  });
  kubectl.forEach((args, j) => {
    const i = workloads.length + j;
    const got = podLines(estate, args);
    quiet.push(...got.said);
    if (got.lines.length === 0 && got.said.length === 0) quiet.push(`${names[i]}: empty (its image prints nothing known line by line here)`);
    for (const [k, l] of got.lines.entries())
      lines.push({ at: l.at, order: i * 1e7 + k, text: `${simTime(l.at)} ${several ? `${names[i].padEnd(width)} │ ` : ''}${clean(l.text)}` });
  });
  lines.sort((a, b) => a.at - b.at || a.order - b.order);
  // Several servers' newest lines each: the merged log holds the newest MOST_LINES of them all.
  const all = lines.slice(Math.max(0, lines.length - MOST_LINES)).map((l) => l.text);
  omitted += lines.length - all.length;
  if (omitted > 0) quiet.push(`${omitted.toLocaleString('en-US')} earlier lines not held (the newest ${MOST_LINES.toLocaleString('en-US')} are)`);
  if (filter === '') return { rows: all.map((text) => ({ text, marks: [] })), total: all.length, quiet };
  const re = /^\/(.*)\/$/.exec(filter);
  if (re) {
    const compiled = compileUserRegex(re[1], { ignoreCase: true });
    if (!compiled.ok) return { rows: [], total: all.length, error: `bad /regex/: ${compiled.error}`, quiet };
    return { rows: all.filter((t) => compiled.re.test(t)).map((text) => ({ text, marks: [] })), total: all.length, quiet };
  }
  const needle = filter.toLowerCase();
  const rows: LogRow[] = [];
  for (const text of all) {
    const lower = text.toLowerCase();
    const marks: [number, number][] = [];
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) marks.push([at, at + needle.length]);
    if (marks.length > 0) rows.push({ text, marks });
  }
  return { rows, total: all.length, quiet };
}
