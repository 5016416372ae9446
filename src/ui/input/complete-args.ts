// Where the word being completed stands on a native command line: the value of
// a flag, or the next operand; read with the command's own flag table (which
// flags take a value, which are switches) in its style: GNU (virsh, docker),
// Go (govc: -flag, a boolean takes no value) or PowerShell (-Name, any case,
// a unique prefix, -Name:value).
import type { FlagSpec } from '../../providers/cli/flags.js';

export type Style = 'gnu' | 'go' | 'powershell';
export type Flags = Readonly<Record<string, FlagSpec>>;

export interface Place {
  /** The flag whose value is being typed, by its declared name. */
  readonly flag?: string;
  /** The operands given before the word. */
  readonly operands: readonly string[];
  /** The flags given before the word, by declared name, with their values. */
  readonly values: ReadonlyMap<string, string | true>;
}

/** The declared name a word given as a flag stands for, if any. */
export function flagNamed(word: string, specs: Flags, style: Style): string | undefined {
  const bare = word.replace(/^--?/, '').replace(/[=:].*$/s, '');
  const names = Object.keys(specs);
  const is = (n: string, w: string) => (style === 'powershell' ? n.toLowerCase() === w.toLowerCase() : n === w);
  const exact = names.find((n) => is(n, bare) || (specs[n].aliases ?? []).some((a) => is(a, bare)));
  if (exact || style !== 'powershell') return exact;
  // PowerShell binds a unique prefix of a parameter's name.
  const prefixed = names.filter((n) => n.toLowerCase().startsWith(bare.toLowerCase()));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

const takesValue = (spec: FlagSpec | undefined) => spec !== undefined && (spec.type !== 'boolean' || spec.valued === true);

/** Reads `args` (the words after the command, before the one being completed). */
export function place(args: readonly string[], specs: Flags, style: Style): Place {
  const operands: string[] = [];
  const values = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--' && style !== 'powershell') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-' || /^-\d/.test(a)) {
      operands.push(a);
      continue;
    }
    const name = flagNamed(a, specs, style);
    const inline = /[=]/.test(a) || (style === 'powershell' && a.includes(':'));
    if (name === undefined || !takesValue(specs[name])) {
      if (name) values.set(name, true);
      continue;
    }
    if (inline) values.set(name, a.slice(a.search(style === 'powershell' ? /[:=]/ : /=/) + 1));
    else if (i + 1 < args.length) values.set(name, args[++i]);
    else return { flag: name, operands, values };
  }
  return { operands, values };
}

/** The flags as a user types them: --name (and -x) for GNU, -name for Go, -Name for PowerShell. */
export function flagWords(specs: Flags, style: Style): string[] {
  return Object.entries(specs).flatMap(([n, s]) => {
    if (style !== 'gnu') return [`-${n}`];
    const short = [n, ...(s.aliases ?? [])].filter((x) => x.length === 1).map((x) => `-${x}`);
    return [...(n.length > 1 ? [`--${n}`] : []), ...short];
  });
}

/** A string flag's value read from `values`. */
export function flagValue(values: ReadonlyMap<string, string | true>, name: string): string | undefined {
  const v = values.get(name);
  return typeof v === 'string' ? v : undefined;
}
