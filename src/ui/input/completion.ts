// Tab completion in the `:` prompt: app commands and every native command phrase
// the drivers answer; then theme names, speeds, and the names of workloads and
// hosts for the word being typed.
import { SPEEDS } from '../../config/settings.js';
import type { Controller } from '../controller.js';
import { APP_COMMANDS, appCommand } from './prompt-commands.js';

/** The candidates for the last word of `text`. */
export function candidates(ctl: Controller, text: string): string[] {
  const words = text.split(/\s+/);
  const last = words[words.length - 1];
  const before = words.slice(0, -1);
  const lower = last.toLowerCase();
  const starts = (c: string) => c.toLowerCase().startsWith(lower) && c !== last;
  if (before.length === 0) {
    const app = APP_COMMANDS.map((c) => c.name);
    const native = ctl.estate.providers.commandWords();
    return unique([...app, ...native]).filter(starts);
  }
  const app = appCommand(before[0]);
  if (app?.name === 'theme') return (ctl.options.themes?.names() ?? []).filter(starts);
  if (app?.name === 'speed') return SPEEDS.map(String).filter(starts);
  if (app) return [];
  // Native: the next word of a known phrase, else the name of something in the estate.
  const prefix = before.join(' ').toLowerCase();
  const phrases = ctl.estate.providers.all().flatMap((p) => p.vocabulary);
  const next = phrases.filter((p) => p.toLowerCase().startsWith(`${prefix} `)).map((p) => p.split(' ')[before.length]).filter((w): w is string => w !== undefined);
  if (next.length > 0 && next.some(starts)) return unique(next).filter(starts);
  if (last.startsWith('-')) return [];
  const names = [...ctl.estate.sim.workloads.records.map((r) => r.name), ...ctl.estate.sim.hosts.live().map((h) => h.id)];
  return unique(names).filter(starts).slice(0, 50);
}

/** Completes the last word: fully if one candidate, to the common prefix if several. */
export function complete(ctl: Controller, text: string): { text: string; shown: string[] } {
  const list = candidates(ctl, text);
  if (list.length === 0) return { text, shown: [] };
  const head = text.slice(0, text.length - (text.split(/\s+/).pop()?.length ?? 0));
  if (list.length === 1) return { text: `${head}${list[0]} `, shown: [] };
  const common = list.reduce((a, b) => {
    let i = 0;
    while (i < a.length && i < b.length && a[i].toLowerCase() === b[i].toLowerCase()) i++;
    return a.slice(0, i);
  });
  const word = text.split(/\s+/).pop() ?? '';
  return { text: common.length > word.length ? `${head}${common}` : text, shown: list.slice(0, 30) };
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)].sort();
}
