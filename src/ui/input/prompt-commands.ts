// What the `:` prompt runs: the app's own commands (:theme, :speed, :pause, :quit,
// :help, :w, pane names), and every native command the drivers answer, whose
// output opens in a scrollable panel.
import { SPEEDS, type Speed } from '../../config/settings.js';
import { advanceProblem } from '../../core/advance-limits.js';
import { formatDurationMs, parseDurationMs } from '../../core/duration.js';
import { runSim } from '../../estate/scenario/run.js';
import { checkSim, SIM_VERBS, splitWords } from '../../estate/scenario/syntax.js';
import { isReadOnlyCommand } from '../../providers/access/looking.js';
import { PLAN_COMMANDS } from '../../providers/plan-commands.js';
import type { ExecResult } from '../../providers/provider.js';
import type { Controller } from '../controller.js';
import { PANE_IDS } from '../panes/types.js';
import { bar, fraction, progressText } from '../progress.js';
import { saveTo } from './actions.js';
import { openBalance } from './balance.js';
import { dispatch } from './dispatch.js';
import { DR_COMMANDS, runDr } from './dr-commands.js';
import { switchPane } from './global.js';
import { followLogs, openLogs, showLogs } from './logs.js';
import { ownRefusal } from './policy.js';

export interface AppCommand {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly args: string;
  readonly description: string;
  /** Whether it changes the estate (read-only mode refuses those: input/dispatch.ts). */
  readonly changes: boolean;
  /** `rest`: the line after the command's word, as typed. */
  run(ctl: Controller, args: string[], rest: string): void;
}

/** An app command that only looks (or runs the console, not the estate). */
const looks = (name: string, aliases: string[], args: string, description: string, run: AppCommand['run']): AppCommand => ({
  name,
  aliases,
  args,
  description,
  changes: false,
  run,
});

/** k9s's resource names and short names (its `:` commands) for the Kubernetes views. */
const K9S_WORDS: Partial<Record<(typeof PANE_IDS)[number], readonly string[]>> = {
  kubernetes: ['pods', 'pod', 'po', 'k8s'],
  'k8s-deployments': ['deploy', 'deployments', 'deployment', 'dp'],
  'k8s-services': ['svc', 'services', 'service'],
  'k8s-nodes': ['nodes', 'node', 'no'],
};

export const APP_COMMANDS: readonly AppCommand[] = [
  looks('help', ['h', '?'], '', 'every key and command', (ctl) => ctl.set({ overlay: { type: 'help', scroll: 0 } })),
  looks('quit', ['q', 'q!', 'exit'], '', 'leave hyperpane', (ctl) => ctl.quit()),
  looks('theme', [], '[NAME]', 'switch theme (no name: list them)', theme),
  looks('speed', [], 'N', `clock speed: ${SPEEDS.join(', ')} (0 pauses)`, speed),
  looks('pause', [], '', 'pause the clock', (ctl) => {
    ctl.setSpeed(0);
    ctl.flash('clock paused (space or :resume runs it again)');
  }),
  looks('resume', ['play'], '', 'run the clock again', (ctl) => {
    ctl.setSpeed(ctl.state.resumeSpeed);
    ctl.flash(`clock running at ${ctl.state.resumeSpeed}x`);
  }),
  // Saving writes the estate as it is: it changes a file, not the estate, and read-only mode never saves on its own.
  looks(
    'w',
    ['write', 'save'],
    '[FILE]',
    'save the estate (to FILE, or the file it came from); asks before replacing a file it did not come from',
    (ctl, args) => saveTo(ctl, fileArg(args), false),
  ),
  looks('w!', ['write!', 'save!'], '[FILE]', 'save even over a file another program changed, or one it did not come from', (ctl, args) =>
    saveTo(ctl, fileArg(args), true),
  ),
  looks('open', ['e', 'edit'], 'FILE', 'open another estate file (this one is saved first, if it has a file)', openFile),
  { name: 'drs', aliases: ['balance'], args: 'CLUSTER [THRESHOLD]', description: 'balancing recommendations for a cluster, to apply', changes: true, run: drs },
  ...DR_COMMANDS.map((c) => ({ ...c, aliases: [], run: (ctl: Controller, args: string[]) => runDr(ctl, c.name, args) })),
  looks('tasks', [], '', 'the operations under way, with their progress', tasks),
  looks('as', ['user'], 'USER', 'act as another user of the estate (only an administrator may); the panes then show what they may see', actAs),
  looks('why', [], '', 'why each host refused the last thing no host could take', why),
  looks('logs', ['log'], '[NAME...]', "workloads' logs together, in time order (none: the selected one's); / filters, f follows", logsOf),
  {
    name: 'sim',
    aliases: [],
    args: 'VERB ...',
    description: `a scenario event, as in tapes: ${Object.values(SIM_VERBS)
      .map((v) => v.usage)
      .join('; ')}`,
    changes: true,
    run: (ctl, _, rest) => runScenario(ctl, rest),
  },
  // k9s's words for its views take you to the Kubernetes pane's.
  ...PANE_IDS.map((p) => looks(p, [...(K9S_WORDS[p] ?? [])], '', `go to the ${p} pane`, (ctl) => switchPane(ctl, p))),
];

export function appCommand(word: string): AppCommand | undefined {
  return APP_COMMANDS.find((c) => c.name === word || c.aliases.includes(word));
}

export function runPromptLine(ctl: Controller, text: string): void {
  const line = text.trim();
  ctl.set({ overlay: undefined });
  if (!line) return;
  if (ctl.history[ctl.history.length - 1] !== line) ctl.history.push(line);
  if (ctl.history.length > 200) ctl.history.splice(0, ctl.history.length - 200);
  ctl.options.onSettings?.({ history: ctl.history.slice(-100) });
  const [word, ...args] = line.split(/\s+/);
  // :capacity and :power open their views; with options they are the planning commands of those names.
  const app = args.length > 0 && (PLAN_COMMANDS as readonly string[]).includes(word) ? undefined : appCommand(word);
  if (app)
    return dispatch(
      ctl,
      {
        changes: app.changes,
        refusal: `:${app.name} is not allowed`,
        judge: () => ownRefusal(ctl, `run :${app.name}`),
        // Each writes its changes to the audit trail where it makes them (runDr, :drs's picker, runSim).
        run: () => app.run(ctl, args, line.slice(word.length)),
      },
      undefined,
    );
  // docker logs -f and kubectl logs -f follow in the logs view, as they would in a terminal.
  if (followLogs(ctl, line)) return;
  // A native line passes only when it is known to look (providers/access/looking.ts): anything else is refused before it runs.
  dispatch(
    ctl,
    { changes: !isReadOnlyCommand(line), refusal: 'only commands that look and do not change are allowed', run: () => ctl.commands.submit(line) },
    undefined,
  );
}

/** :as USER: act as another user (access/policy.ts actAs), or say who acts. */
function actAs(ctl: Controller, args: string[]): void {
  const access = ctl.estate.providers.access;
  if (args.length === 0) {
    ctl.flash(`acting as ${access.actor}${access.actor === access.signedIn ? '' : ` (signed in as ${access.signedIn})`}`);
    return;
  }
  const problem = access.actAs(args[0]);
  if (problem) ctl.flash(`:as: ${problem}`, 'error');
  else ctl.flash(`acting as ${access.actor}: the panes show what ${access.actor} may see, the footer what ${access.actor} may do`);
}

const fileArg = (args: string[]) => (args.length > 0 ? args.join(' ') : undefined);

function theme(ctl: Controller, args: string[]): void {
  const names = ctl.options.themes?.names() ?? [];
  if (args.length === 0) {
    ctl.set({ overlay: { type: 'output', title: ':theme', lines: names.map((n) => `${n === ctl.state.theme ? '*' : ' '} ${n}`), scroll: 0, failed: false } });
    return;
  }
  ctl.setTheme(args[0]);
}

function speed(ctl: Controller, args: string[]): void {
  const n = Number((args[0] ?? '').replace(/x$/i, ''));
  if (!args[0] || !(SPEEDS as readonly number[]).includes(n)) {
    ctl.flash(`:speed takes one of ${SPEEDS.join(', ')} (0 pauses), got ${args[0] ?? 'nothing'}`, 'error');
    return;
  }
  ctl.setSpeed(n as Speed);
  ctl.flash(n === 0 ? 'clock paused' : `speed ${n}x`);
}

function drs(ctl: Controller, args: string[]): void {
  if (!args[0]) {
    ctl.flash(
      `:drs takes a cluster (${ctl.estate.sim
        .clusters()
        .map((c) => c.id)
        .join(', ')}) and, if you like, a threshold 1-5`,
      'error',
    );
    return;
  }
  openBalance(ctl, args[0], args[1] === undefined ? undefined : Number(args[1]));
}

function why(ctl: Controller): void {
  const refusal = ctl.estate.sim.lastRefusal;
  if (!refusal) {
    ctl.flash('no placement has been refused since the estate was opened', 'info');
    return;
  }
  const now = ctl.estate.sim.now;
  // The per-host reasons are worked out on the first ask: said when that is later than the refusal.
  const when = now > refusal.at ? [`(refused ${formatDurationMs(now - refusal.at)} ago; each host as it stood when first asked about)`] : [];
  const lines = [refusal.message, ...when, '', ...refusal.rejections().flatMap((h) => h.reasons.map((x) => `${h.host}: ${x.message}`))];
  ctl.set({ overlay: { type: 'output', title: ':why', lines, scroll: 0, failed: false } });
}

function tasks(ctl: Controller): void {
  const now = ctl.estate.sim.now;
  const ops = ctl.tasks();
  const lines =
    ops.length === 0
      ? ['nothing is under way']
      : ops.map((op) => `${op.subject.padEnd(20)} ${op.title.padEnd(28)} ${bar(fraction(op, now), 12)} ${progressText(op, now)}`);
  ctl.set({ overlay: { type: 'output', title: `:tasks (${ops.length})`, lines, scroll: 0, failed: false } });
}

function openFile(ctl: Controller, args: string[]): void {
  if (!args[0]) {
    ctl.flash(':open takes an estate file (hyperpane new FILE writes one)', 'error');
    return;
  }
  if (!ctl.options.onOpen) {
    ctl.flash('opening another estate is not available here', 'error');
    return;
  }
  const r = ctl.options.onOpen(args.join(' '));
  ctl.flash(r.message, r.ok ? 'info' : 'error');
}

/** :sim VERB ...: the scenario events tapes have (a host failing, load rising, time jumping). */
function runScenario(ctl: Controller, rest: string): void {
  const words = splitWords(rest.trim());
  const bad = 'error' in words ? words.error : checkSim(words);
  if (bad) {
    ctl.flash(`:sim: ${bad.replace(/\bSim /g, ':sim ')}`, 'error');
    return;
  }
  const w = words as string[];
  // In the live console a jump of the clock runs in slices: the console answers keys meanwhile, esc stops it.
  if (w[0] === 'advance' && ctl.options.onJump) {
    const ms = parseDurationMs(w[1])!;
    const problem = advanceProblem(ctl.estate.sim, ms);
    if (problem) return ctl.flash(`:sim advance: ${problem}`, 'error');
    ctl.set({ jump: { done: 0, total: ms } });
    ctl.options.onJump(ms);
    ctl.flash(`advancing the clock ${formatDurationMs(ms)} · esc stops`);
    return;
  }
  const problem = runSim(ctl.estate, w);
  ctl.flash(problem ? `:sim ${w[0]}: ${problem}` : `:sim ${w.join(' ')}: done`, problem ? 'error' : 'info');
}

/** A native command's whole answer: a line in the status line, or the output panel; `refused`: a placement it asked for found no host. */
export function showAnswer(ctl: Controller, line: string, r: ExecResult, refused = false): void {
  const out = `${r.stdout}${r.stderr}`.replace(/\n$/, '');
  if (r.changed) ctl.estate.sim.changed();
  if (!out) {
    // The whole line, first the outcome: a long line is cut at the screen's edge, not the word that says it worked.
    ctl.flash(r.exitCode === 0 ? `done: ${line.trim()}` : `exit ${r.exitCode}: ${line.trim()}`, r.exitCode === 0 ? 'info' : 'error');
    return;
  }
  // A refusal's summary counts hosts by reason (kube-scheduler's way); the list host by host is one command away.
  const lines = out.split('\n');
  if (refused) lines.push('', "(:why lists each host's reasons)");
  ctl.set({ overlay: { type: 'output', title: `$ ${line}${r.exitCode === 0 ? '' : `   (exit ${r.exitCode})`}`, lines, scroll: 0, failed: r.exitCode !== 0 } });
}

/** :logs NAME...: those workloads' logs, merged; none named, the selected one's. */
function logsOf(ctl: Controller, args: string[]): void {
  if (args.length === 0) {
    openLogs(ctl);
    return;
  }
  const ids: string[] = [];
  for (const name of args) {
    const id = workloadNamed(ctl, name);
    if (id === undefined) return ctl.flash(`:logs: no workload named ${name}`, 'error');
    if (!ids.includes(id)) ids.push(id);
  }
  showLogs(ctl, ids);
}

/** The live workload with this id, else the live one with this name (a cloud VM's id is its resource id). */
function workloadNamed(ctl: Controller, name: string): string | undefined {
  const sim = ctl.estate.sim;
  const byId = sim.workload(name);
  if (byId && byId.state !== 'deleted') return byId.id;
  const row = sim.workloadCursor();
  for (let w = 0; w < sim.workloadCount; w++) if (row.at(w).name === name && row.state !== 'deleted') return row.id;
  return undefined;
}
