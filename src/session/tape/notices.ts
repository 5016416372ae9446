// What a tape asks for that hyperpane accepts but does not do, known from the
// tape alone: VHS settings with no meaning here, setup settings after the first
// action (VHS ignores them too), scrollback keys, outputs only VHS renders. Both
// --check and play say these, in the same words, and each once: a tape sourced
// twice holds its lines twice, but its notices are about one place in one file.
import { noSuchTheme } from '../../config/themes.js';
import { type Command, formatProblem, type Problem, type Tape } from './ast.js';
import { SETTINGS } from './settings.js';

/** Commands VHS runs before the recording starts; settings among them are the tape's setup. */
export const SETUP_KINDS: ReadonlySet<Command['kind']> = new Set(['set', 'output', 'require', 'env']);

/** Index of the first command that acts (after the setup); the length if there is none. */
export function firstAction(commands: readonly Command[]): number {
  const i = commands.findIndex((c) => !SETUP_KINDS.has(c.kind));
  return i < 0 ? commands.length : i;
}

export const RECORDED_OUTPUT = /\.(cast|svg|txt|ascii|test)$/i;

export function tapeNotices(tape: Tape): Problem[] {
  const out: Problem[] = [];
  const first = firstAction(tape.commands);
  tape.commands.forEach((c, i) => {
    const say = (message: string) => out.push({ pos: c.pos, message });
    if (c.kind === 'set') {
      const spec = SETTINGS[c.name];
      if (spec.use === 'ignored') say(`Set ${c.name}: ${spec.why} (ignored)`);
      else if (i > first && spec.topOnly) say(`Set ${c.name} after the first action: ignored, as VHS ignores it (move it to the top)`);
    }
    if (c.kind === 'env' && i > first && (c.name === 'NO_COLOR' || c.name === 'TERM'))
      say(`Env ${c.name} after the first action: ignored (move it to the top)`);
    if (c.kind === 'key' && (c.key === 'ScrollUp' || c.key === 'ScrollDown')) say(`${c.key} scrolls a terminal's scrollback; the console has none (ignored)`);
    if (c.kind === 'output' && !RECORDED_OUTPUT.test(c.path))
      say(
        `Output ${c.path}: ${c.path.endsWith('/') ? 'PNG frames' : c.path.slice(c.path.lastIndexOf('.'))} ${c.path.endsWith('/') ? 'are' : 'is'} for VHS to render; ` +
          'hyperpane play writes .cast (asciicast) and .txt (skipped)',
      );
    if (c.kind === 'screenshot' && /\.png$/i.test(c.path))
      say(`Screenshot ${c.path}: PNGs are VHS's to draw; the screen is written as text to ${c.path.slice(0, -4)}.txt`);
  });
  return out;
}

/** A Set Theme no theme answers to (names match whatever their case): what is said, the same in --check and play. */
export function unknownThemeNotice(value: string, names: readonly string[]): string {
  return value.startsWith('{')
    ? `a VHS terminal theme (JSON) is not a hyperpane theme: ignored (themes: ${names.join(', ')})`
    : `${noSuchTheme(value, names)}: ignored`;
}

/** Each problem once (one place, one message), in the order of the files they are in, then by line and column. */
export function uniqueProblems(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  const files = new Map<string, number>();
  const out: Problem[] = [];
  for (const p of problems) {
    const key = formatProblem(p);
    if (seen.has(key)) continue;
    seen.add(key);
    if (!files.has(p.pos.file)) files.set(p.pos.file, files.size);
    out.push(p);
  }
  return out.sort((a, b) => files.get(a.pos.file)! - files.get(b.pos.file)! || a.pos.line - b.pos.line || a.pos.col - b.pos.col);
}
