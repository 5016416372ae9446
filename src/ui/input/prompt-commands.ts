// What the `:` prompt runs: the app's own commands (:theme, :speed, :pause, :quit,
// :help, :w, pane names), and every native command the drivers answer, whose
// output opens in a scrollable panel.
import { SPEEDS, type Speed } from '../../config/settings.js';
import type { Controller } from '../controller.js';
import { PANE_IDS, type PaneId } from '../panes/types.js';
import { switchPane } from './global.js';
import { isReadOnlyCommand } from './read-only-commands.js';
import { checkSim, SIM_VERBS, splitWords } from '../../estate/scenario/syntax.js';
import { runSim } from '../../estate/scenario/run.js';
import { advanceProblem } from '../../core/advance-limits.js';
import { formatDurationMs, parseDurationMs } from '../../core/duration.js';
import { bar, fraction, progressText } from '../progress.js';
import { openBalance } from './balance.js';
import { DR_COMMANDS, runDr } from './dr-commands.js';
import { saveTo } from './actions.js';
import type { ExecResult } from '../../providers/provider.js';

export interface AppCommand {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly args: string;
  readonly description: string;
}

export const APP_COMMANDS: readonly AppCommand[] = [
  { name: 'help', aliases: ['h', '?'], args: '', description: 'every key and command' },
  { name: 'quit', aliases: ['q', 'q!', 'exit'], args: '', description: 'leave hyperpane' },
  { name: 'theme', aliases: [], args: '[NAME]', description: 'switch theme (no name: list them)' },
  { name: 'speed', aliases: [], args: 'N', description: `clock speed: ${SPEEDS.join(', ')} (0 pauses)` },
  { name: 'pause', aliases: [], args: '', description: 'pause the clock' },
  { name: 'resume', aliases: ['play'], args: '', description: 'run the clock again' },
  { name: 'w', aliases: ['write', 'save'], args: '[FILE]', description: 'save the estate (to FILE, or the file it came from); asks before replacing a file it did not come from' },
  { name: 'w!', aliases: ['write!', 'save!'], args: '[FILE]', description: 'save even over a file another program changed, or one it did not come from' },
  { name: 'open', aliases: ['e', 'edit'], args: 'FILE', description: 'open another estate file (this one is saved first, if it has a file)' },
  { name: 'drs', aliases: ['balance'], args: 'CLUSTER [THRESHOLD]', description: 'balancing recommendations for a cluster, to apply' },
  ...DR_COMMANDS.map((c) => ({ name: c.name, aliases: [] as string[], args: c.args, description: c.description })),
  { name: 'tasks', aliases: [], args: '', description: 'the operations under way, with their progress' },
  { name: 'why', aliases: [], args: '', description: 'why each host refused the last thing no host could take' },
  { name: 'sim', aliases: [], args: 'VERB ...', description: `a scenario event, as in tapes: ${Object.values(SIM_VERBS).map((v) => v.usage).join('; ')}` },
  ...PANE_IDS.map((p) => ({ name: p, aliases: [] as string[], args: '', description: `go to the ${p} pane` })),
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
  const app = appCommand(word);
  if (app?.name === 'sim') return runScenario(ctl, line.slice(word.length));
  if (app) return runApp(ctl, app, args);
  runNative(ctl, line);
}

function runApp(ctl: Controller, c: AppCommand, args: string[]): void {
  switch (c.name) {
    case 'help':
      ctl.set({ overlay: { type: 'help', scroll: 0 } });
      return;
    case 'quit':
      ctl.quit();
      return;
    case 'theme': {
      const names = ctl.options.themes?.names() ?? [];
      if (args.length === 0) {
        ctl.set({ overlay: { type: 'output', title: ':theme', lines: names.map((n) => `${n === ctl.state.theme ? '*' : ' '} ${n}`), scroll: 0, failed: false } });
        return;
      }
      ctl.setTheme(args[0]);
      return;
    }
    case 'speed': {
      const n = Number((args[0] ?? '').replace(/x$/i, ''));
      if (!args[0] || !(SPEEDS as readonly number[]).includes(n)) {
        ctl.flash(`:speed takes one of ${SPEEDS.join(', ')} (0 pauses), got ${args[0] ?? 'nothing'}`, 'error');
        return;
      }
      ctl.setSpeed(n as Speed);
      ctl.flash(n === 0 ? 'clock paused' : `speed ${n}x`);
      return;
    }
    case 'pause':
      ctl.setSpeed(0);
      ctl.flash('clock paused (space or :resume runs it again)');
      return;
    case 'resume':
      ctl.setSpeed(ctl.state.resumeSpeed);
      ctl.flash(`clock running at ${ctl.state.resumeSpeed}x`);
      return;
    case 'backup':
    case 'restore':
    case 'replicate':
    case 'failover':
    case 'backups':
      runDr(ctl, c.name, args);
      return;
    case 'drs': {
      if (!args[0]) {
        ctl.flash(`:drs takes a cluster (${ctl.estate.sim.topology.clusters.map((c) => c.id).join(', ')}) and, if you like, a threshold 1-5`, 'error');
        return;
      }
      if (ctl.readonly) {
        ctl.flash('read-only: balancing is not allowed (started with --readonly)', 'error');
        return;
      }
      openBalance(ctl, args[0], args[1] === undefined ? undefined : Number(args[1]));
      return;
    }
    case 'why': {
      const refusal = ctl.estate.sim.placer.lastRefusal;
      if (!refusal) {
        ctl.flash('no placement has been refused since the estate was opened', 'info');
        return;
      }
      const now = ctl.estate.sim.now;
      // The per-host reasons are worked out on the first ask: said when that is later than the refusal.
      const when = now > refusal.at ? [`(refused ${formatDurationMs(now - refusal.at)} ago; each host as it stood when first asked about)`] : [];
      const lines = [refusal.message, ...when, '', ...refusal.rejections().flatMap((h) => h.reasons.map((x) => `${h.host}: ${x.message}`))];
      ctl.set({ overlay: { type: 'output', title: ':why', lines, scroll: 0, failed: false } });
      return;
    }
    case 'tasks': {
      const now = ctl.estate.sim.now;
      const ops = ctl.tasks();
      const lines = ops.length === 0 ? ['nothing is under way'] : ops.map((op) => `${op.subject.padEnd(20)} ${op.title.padEnd(28)} ${bar(fraction(op, now), 12)} ${progressText(op, now)}`);
      ctl.set({ overlay: { type: 'output', title: `:tasks (${ops.length})`, lines, scroll: 0, failed: false } });
      return;
    }
    case 'open': {
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
      return;
    }
    case 'w':
    case 'w!':
      saveTo(ctl, args.length > 0 ? args.join(' ') : undefined, c.name === 'w!');
      return;
    default:
      if ((PANE_IDS as readonly string[]).includes(c.name)) switchPane(ctl, c.name as PaneId);
  }
}

/** :sim VERB ...: the scenario events tapes have (a host failing, load rising, time jumping). */
function runScenario(ctl: Controller, rest: string): void {
  if (ctl.readonly) {
    ctl.flash('read-only: scenario events are not allowed (started with --readonly)', 'error');
    return;
  }
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

function runNative(ctl: Controller, line: string): void {
  if (ctl.readonly && !isReadOnlyCommand(line)) {
    ctl.flash('read-only: only commands that look and do not change are allowed (started with --readonly)', 'error');
    return;
  }
  ctl.commands.submit(line);
}

/** A native command's whole answer: a line in the status line, or the output panel. */
export function showAnswer(ctl: Controller, line: string, r: ExecResult): void {
  const out = `${r.stdout}${r.stderr}`.replace(/\n$/, '');
  if (r.changed) ctl.estate.sim.changed();
  if (!out) {
    // The whole line, first the outcome: a long line is cut at the screen's edge, not the word that says it worked.
    ctl.flash(r.exitCode === 0 ? `done: ${line.trim()}` : `exit ${r.exitCode}: ${line.trim()}`, r.exitCode === 0 ? 'info' : 'error');
    return;
  }
  // A refusal's summary counts hosts by reason (kube-scheduler's way); the list host by host is one command away.
  const lines = out.split('\n');
  if (r.exitCode !== 0 && /\b0\/\d+ hosts? (?:is|are) available\b/.test(out)) lines.push('', '(:why lists each host\'s reasons)');
  ctl.set({ overlay: { type: 'output', title: `$ ${line}${r.exitCode === 0 ? '' : `   (exit ${r.exitCode})`}`, lines, scroll: 0, failed: r.exitCode !== 0 } });
}
