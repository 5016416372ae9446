// Tab completion in the `:` prompt: app commands and every native command phrase
// the drivers answer; then, after an app command, what its arguments name (theme
// names, speeds, VMs, clusters, sites), and after a native command only that
// platform's objects, as its own completer offers them (complete-*.ts).
import { SPEEDS } from '../../config/settings.js';
import type { Platform } from '../../core/model.js';
import { quoteWord } from '../../providers/cli/tokenize.js';
import type { Controller } from '../controller.js';
import { completeAz } from './complete-az.js';
import { completeDocker } from './complete-docker.js';
import { completeGovc } from './complete-govc.js';
import { completeHyperv } from './complete-hyperv.js';
import { completeKvm } from './complete-kvm.js';
import { APP_COMMANDS, appCommand } from './prompt-commands.js';

/** A platform's completer: the candidates for `last`, the words before it on the line. */
type Completer = (ctl: Controller, words: readonly string[], last: string) => string[];
const NATIVE: Readonly<Record<Platform, Completer>> = {
  vmware: completeGovc,
  hyperv: completeHyperv,
  kvm: completeKvm,
  docker: completeDocker,
  azure: completeAz,
};

/** At most this many names are offered (and 30 shown). */
const MAX = 50;

/** The candidates for the last word of `text`. */
export function candidates(ctl: Controller, text: string): string[] {
  const words = text.trimStart().split(/\s+/);
  // A name being typed in quotes ('Web VM - (1/1/2026) is matched without its opening quote.
  const last = words[words.length - 1].replace(/^'/, '');
  const before = words.slice(0, -1);
  const lower = last.toLowerCase();
  const starts = (c: string) => c.toLowerCase().startsWith(lower) && c !== last;
  if (before.length === 0) {
    const app = APP_COMMANDS.map((c) => c.name);
    const native = ctl.estate.providers.commandWords();
    return unique([...app, ...native]).filter(starts);
  }
  const app = appCommand(before[0]);
  if (app)
    return unique(appArguments(ctl, app.name, app.args, before.length - 1))
      .filter(starts)
      .slice(0, MAX);
  const provider = ctl.estate.providers.forCommand(before[0]);
  if (!provider) return [];
  // The next word of a known phrase ("virsh sta", "az vm de"), else what the platform's completer offers.
  const prefix = before.join(' ').toLowerCase();
  const next = provider.vocabulary
    .filter((p) => p.toLowerCase().startsWith(`${prefix} `))
    .map((p) => p.split(' ')[before.length])
    .filter((w): w is string => w !== undefined);
  if (next.some(starts)) return unique(next).filter(starts);
  return unique(NATIVE[provider.platform](ctl, before, last))
    .filter(starts)
    .slice(0, MAX);
}

/** What an app command's argument at `index` names, read from its usage ("VM [TARGET] [KEEP]"). */
function appArguments(ctl: Controller, name: string, usage: string, index: number): string[] {
  if (name === 'theme') return ctl.options.themes?.names() ?? [];
  if (name === 'speed') return SPEEDS.map(String);
  const sim = ctl.estate.sim;
  const word = usage.split(' ')[index]?.replace(/[[\]]/g, '');
  if (word === 'VM') {
    const names: string[] = [];
    const row = sim.workloadCursor();
    for (let w = 0; w < sim.workloadCount; w++) if (row.at(w).kind === 'vm') names.push(row.name);
    return names;
  }
  if (word === 'CLUSTER') return sim.clusters().map((c) => c.id);
  if (word === 'SITE' || word === 'SITE|REPLICA') return sim.sites().map((s) => s.id);
  return [];
}

/** Completes the last word: fully if one candidate, to the common prefix if several. */
export function complete(ctl: Controller, text: string): { text: string; shown: string[] } {
  const list = candidates(ctl, text);
  if (list.length === 0) return { text, shown: [] };
  const head = text.slice(0, text.length - (text.split(/\s+/).pop()?.length ?? 0));
  // A folder of an inventory path takes no space after it, so the next level can follow (readline's mark-directories);
  // a name with spaces or quotes goes in quotes, as the line is split as a shell splits it (checkpoint names).
  if (list.length === 1) return { text: `${head}${quoteWord(list[0])}${list[0].endsWith('/') ? '' : ' '}`, shown: [] };
  const common = list.reduce((a, b) => {
    let i = 0;
    while (i < a.length && i < b.length && a[i].toLowerCase() === b[i].toLowerCase()) i++;
    return a.slice(0, i);
  });
  const word = (text.split(/\s+/).pop() ?? '').replace(/^'/, '');
  const extend = common.length > word.length && quoteWord(common) === common;
  return { text: extend ? `${head}${common}` : text, shown: list.slice(0, 30) };
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)].sort();
}
