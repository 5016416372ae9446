// Enter on a cluster of the Capacity view: its outlook. Demand over the kept
// history as a chart with the usable-capacity line and the trend carried on,
// when it runs out, how many more VMs fit, and the consolidation plan with its
// before-and-after: asked to apply when it frees a host (run as `consolidate
// CLUSTER --apply`, through the policy point like any line), else shown.

import { DEFAULT_TARGET_PCT } from '../../core/consolidate.js';
import { formatDurationMs, HOUR_MS } from '../../core/duration.js';
import { formatCpu, formatMiB } from '../../core/units.js';
import { type ClusterCapacity, fitMore, headroomUse } from '../../observe/capacity.js';
import { monthlyCost } from '../../observe/energy.js';
import { areaChart, bar } from '../chart-text.js';
import type { Controller } from '../controller.js';
import { money, pct } from '../format.js';
import { clustersOf, runsOut, soonest } from '../panes/capacity.js';
import { confirm } from './actions.js';

/** The size the outlook counts room for: a common small VM. */
const FIT_SIZE = { cpuMilli: 2000, memoryMiB: 4096 };
const CHART_WIDTH = 56;
/** The confirm dialog's rows around its lines: borders, padding, title, the command, the buttons and the hint. */
const CONFIRM_CHROME = 10;
/** The text's width inside the dialog (76 wide, less its border and padding). */
const DIALOG_TEXT = 70;
const CHART_HEIGHT = 6;

export function openOutlook(ctl: Controller): boolean {
  const row = ctl.rows().rows[ctl.state.panes.capacity.cursor];
  const c = row === undefined ? undefined : clustersOf({ estate: ctl.estate, events: [] })[row];
  if (!c) {
    ctl.flash('nothing selected');
    return true;
  }
  const plan = ctl.estate.sim.planConsolidation(c.cluster, DEFAULT_TARGET_PCT);
  // The dialog's own rows (border, padding, title, command, buttons, hint) beside its lines: what fits the terminal.
  const room = ctl.layout().bodyRows - CONFIRM_CHROME;
  if (!plan.ok) {
    const why = ['', `consolidation: ${plan.error.message}`];
    ctl.set({ overlay: { type: 'output', title: `${c.cluster}: outlook`, lines: [...outlookLines(ctl, c, room, why), ...why], scroll: 0, failed: false } });
    return true;
  }
  const p = plan.value;
  const hostsAfter = p.hosts.length - p.freed.length;
  const site = ctl.estate.sim.sites().find((s) => s.id === c.site);
  const month = monthlyCost(p.wattsBefore - p.wattsAfter, site);
  const planLines = [
    '',
    `Consolidation within ${p.targetPct}% (consolidate ${c.cluster}):`,
    `  before ${bar(p.utilisationBeforePct, 20)} ${pct(p.utilisationBeforePct).padStart(4)}  ${hostCount(p.hosts.length)}  ${Math.round(p.wattsBefore)} W`,
    `  after  ${bar(p.utilisationAfterPct, 20)} ${pct(p.utilisationAfterPct).padStart(4)}  ${hostCount(hostsAfter)}  ${Math.round(p.wattsAfter)} W`,
    p.freed.length > 0
      ? `  frees ${p.freed.join(', ')}; saves ${money(month.cost)} a month (${Math.round(month.kWh)} kWh at the wall)`
      : `  frees no host${p.notes.length > 0 ? `: ${p.notes[0]}` : ''}`,
  ];
  const lines = outlookLines(ctl, c, room, planLines);
  if (p.freed.length === 0 || p.moves.length === 0) {
    ctl.set({ overlay: { type: 'output', title: `${c.cluster}: outlook`, lines: [...lines, ...planLines], scroll: 0, failed: false } });
    return true;
  }
  confirm(ctl, { kind: 'native', line: `consolidate ${c.cluster} --apply` }, `Consolidate ${c.cluster}: ${p.moves.length} live migrations?`, [
    ...lines,
    ...planLines,
  ]);
  return true;
}

/** The cluster's demand chart, its forecast and its room, as lines of text. */
function outlookLines(ctl: Controller, c: ClusterCapacity, room: number, plan: readonly string[]): string[] {
  const { history } = c;
  const step = history.stepMs;
  const span = history.cpu.length * step;
  const perDay = c.forecast.cpu.perDay;
  // The trend carried on for a third of the history's span (the chart's last quarter).
  const ahead = Math.max(1, Math.round(history.cpu.length / 3));
  const forecast = perDay === undefined ? undefined : Array.from({ length: ahead }, (_, k) => c.demandPct.cpu + (perDay * ((k + 1) * step)) / 86_400_000);
  const chart =
    history.cpu.length > 1
      ? areaChart(history.cpu, {
          width: CHART_WIDTH,
          height: CHART_HEIGHT,
          max: 100,
          threshold: { value: c.usablePct.cpu, label: pct(c.usablePct.cpu) },
          ...(forecast ? { forecast, to: `+${formatDurationMs(ahead * step)}` } : {}),
          from: `-${formatDurationMs(span)}`,
        })
      : ['  (no history yet: let the clock run)'];
  const parts = {
    head: [
      `${c.hosts} ${c.platform} hosts at ${c.site}; demand CPU ${pct(c.demandPct.cpu)}, memory ${pct(c.demandPct.memory)} of the cluster;`,
      `usable ${pct(c.usablePct.cpu)} / ${pct(c.usablePct.memory)} after the HA reserve: ${pct(100 * headroomUse(c))} of it in use`,
    ],
    chart: ['', `CPU demand, ${step >= HOUR_MS ? 'hourly' : 'minute'} averages; ─ usable, · trend:`, ...chart],
    runsOut: [`runs out ${runsOut(soonest(c, 'conservativeMs'))} (conservative), ${runsOut(soonest(c, 'aggressiveMs'))} (aggressive)`],
    fit: [] as string[],
  };
  // A short terminal loses the least needed first: the fit, the chart, then the forecast; the head and the plan stay.
  const rows = (lines: readonly string[]) => lines.reduce((n, l) => n + Math.max(1, Math.ceil(l.length / DIALOG_TEXT)), 0);
  // The fit places VMs one by one through the allocation core (up to 10,000): asked only where its line could show.
  if (rows([...parts.head, ...parts.chart, ...parts.runsOut, ...plan]) < room) parts.fit = [fitLine(ctl, c)];
  for (const drop of [[], ['fit'], ['fit', 'chart'], ['fit', 'chart', 'runsOut']] as const) {
    const lines = (['head', 'chart', 'runsOut', 'fit'] as const).filter((k) => !(drop as readonly string[]).includes(k)).flatMap((k) => parts[k]);
    if (rows(lines) + rows(plan) <= room || drop.length === 3) return lines;
  }
  return parts.head;
}

const hostCount = (n: number) => `${n} host${n === 1 ? '' : 's'}`.padEnd(8);

/** How many more VMs of FIT_SIZE the allocation core places in the cluster, as a line. */
function fitLine(ctl: Controller, c: ClusterCapacity): string {
  const fit = fitMore(ctl.estate.sim, c.cluster, FIT_SIZE);
  const sizeName = `${formatCpu(FIT_SIZE.cpuMilli)} ${formatMiB(FIT_SIZE.memoryMiB)}`;
  if (typeof fit === 'string') return `fits: ${fit}`;
  if (fit.atLimit) return `fits ${fit.count}+ more ${sizeName} VMs: nothing on ${c.platform} refuses one (it sets no ceiling on overcommit)`;
  return `fits ${fit.count} more ${sizeName} VMs${fit.stoppedBy ? `; the next: ${fit.stoppedBy}` : ''}`;
}
