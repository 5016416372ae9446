// One flag parser for three command-line styles:
//   gnu         --name value, --name=value, -n value, --flag (virsh, docker, az, virt-install)
//   go          -name value, -name=value, -flag, -flag=false (govc)
//   powershell  -Name value, -Name:value, -Switch, case-insensitive, unique prefixes (Hyper-V)
// Each command declares its flags; a flag of the real command that means nothing
// in the simulation is declared `ignored`: accepted and recorded, never an error.
// Anything undeclared is an error in the command's own words, left to the caller.
import { parseSizeMiB } from '../../core/units.js';

/** `integer`: whole numbers only, as Go's strconv.ParseInt reads them (no 1e3, no 0x10). `size`: a bare number is MiB ("512", "2g"); `bytes`: a bare number is bytes, as PowerShell's 1GB is. */
export type FlagType = 'string' | 'number' | 'integer' | 'boolean' | 'size' | 'bytes';

export interface FlagSpec {
  readonly type: FlagType;
  readonly aliases?: readonly string[];
  /** Accepted and recorded, but has no meaning in the simulation (graphics, consoles, networks). */
  readonly ignored?: boolean;
  /** May be given more than once (its values are collected). */
  readonly repeat?: boolean;
  /** A boolean that takes its value as the next word (PowerShell's [bool]: -DynamicMemoryEnabled $true). */
  readonly valued?: boolean;
}

export type FlagStyle = 'gnu' | 'go' | 'powershell';

export type FlagValue = string | number | boolean | string[];

export interface ParsedFlags {
  readonly values: Map<string, FlagValue>;
  readonly positionals: string[];
  /** Ignored flags as given, e.g. "--graphics none". */
  readonly recorded: string[];
}

export type FlagResult =
  | { ok: true; value: ParsedFlags }
  | { ok: false; kind: 'unknown' | 'missing-value' | 'bad-value' | 'ambiguous'; flag: string; detail?: string };

export function parseFlags(args: readonly string[], specs: Readonly<Record<string, FlagSpec>>, style: FlagStyle): FlagResult {
  const values = new Map<string, FlagValue>();
  const positionals: string[] = [];
  const recorded: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--' && style !== 'powershell') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    const parsed = splitFlag(arg, style);
    if (!parsed) {
      positionals.push(arg);
      continue;
    }
    // GNU short booleans may be bundled: -it, -dit.
    if (
      style === 'gnu' &&
      !arg.startsWith('--') &&
      parsed.name.length > 1 &&
      parsed.inline === undefined &&
      lookup(parsed.name, specs, style).kind !== 'found'
    ) {
      const letters = parsed.name.split('').map((l) => lookup(l, specs, style));
      if (letters.every((l) => l.kind === 'found' && l.entry[1].type === 'boolean')) {
        for (const l of letters)
          if (l.kind === 'found') {
            values.set(l.entry[0], true);
            if (l.entry[1].ignored) recorded.push(`-${l.entry[0]}`);
          }
        continue;
      }
    }
    const found = lookup(parsed.name, specs, style);
    if (found.kind !== 'found') return { ok: false, kind: found.kind, flag: parsed.display };
    const [name, spec] = found.entry;
    let raw: string | undefined = parsed.inline;
    if (spec.type === 'boolean') {
      if (raw === undefined && spec.valued) {
        if (i + 1 >= args.length) return { ok: false, kind: 'missing-value', flag: parsed.display };
        raw = args[++i];
      }
      if (raw !== undefined && !/^(true|false|\$true|\$false|1|0)$/i.test(raw)) return { ok: false, kind: 'bad-value', flag: parsed.display, detail: raw };
    } else if (raw === undefined) {
      if (i + 1 >= args.length) return { ok: false, kind: 'missing-value', flag: parsed.display };
      raw = args[++i];
    }
    const value = convert(spec.type, raw);
    if (value === undefined) return { ok: false, kind: 'bad-value', flag: parsed.display, detail: raw };
    if (spec.ignored) recorded.push(raw === undefined || spec.type === 'boolean' ? parsed.display : `${parsed.display} ${raw}`);
    // A repeated flag's values are appended in place: copying the list each time made 40,000 -e flags take 90 s.
    if (spec.repeat) {
      const list = values.get(name);
      if (Array.isArray(list)) list.push(String(value));
      else values.set(name, [String(value)]);
    } else values.set(name, value);
  }
  return { ok: true, value: { values, positionals, recorded } };
}

function splitFlag(arg: string, style: FlagStyle): { name: string; inline?: string; display: string } | undefined {
  if (!arg.startsWith('-') || arg === '-' || /^-\d/.test(arg)) return undefined;
  const body = style === 'gnu' && arg.startsWith('--') ? arg.slice(2) : arg.replace(/^--?/, '');
  const sep = style === 'powershell' ? body.indexOf(':') : body.indexOf('=');
  const name = sep >= 0 ? body.slice(0, sep) : body;
  const inline = sep >= 0 ? body.slice(sep + 1) : undefined;
  const display = style === 'gnu' && arg.startsWith('--') ? `--${name}` : `-${name}`;
  return { name, inline, display };
}

type Lookup = { kind: 'found'; entry: [string, FlagSpec] } | { kind: 'unknown' | 'ambiguous' };

function lookup(name: string, specs: Readonly<Record<string, FlagSpec>>, style: FlagStyle): Lookup {
  const entries = Object.entries(specs);
  const matches = (candidate: string) => (style === 'powershell' ? candidate.toLowerCase() === name.toLowerCase() : candidate === name);
  const exact = entries.find(([n, s]) => matches(n) || s.aliases?.some(matches));
  if (exact) return { kind: 'found', entry: exact };
  if (style !== 'powershell') return { kind: 'unknown' };
  // PowerShell accepts any unique prefix of a parameter name.
  const prefixed = entries.filter(([n]) => n.toLowerCase().startsWith(name.toLowerCase()));
  if (prefixed.length === 1) return { kind: 'found', entry: prefixed[0] };
  return { kind: prefixed.length > 1 ? 'ambiguous' : 'unknown' };
}

function convert(type: FlagType, raw: string | undefined): FlagValue | undefined {
  switch (type) {
    case 'boolean':
      return raw === undefined || /^(true|\$true|1)$/i.test(raw);
    case 'number': {
      const n = Number(raw);
      return raw !== undefined && raw.trim() !== '' && Number.isFinite(n) ? n : undefined;
    }
    case 'integer': {
      const n = Number(raw);
      return raw !== undefined && /^[+-]?\d+$/.test(raw) && Number.isSafeInteger(n) ? n : undefined;
    }
    case 'size': {
      const mib = parseSizeMiB(raw ?? '');
      return mib === null ? undefined : mib;
    }
    case 'bytes': {
      if (raw !== undefined && /^\d+$/.test(raw)) return Math.round(Number(raw) / 1048576);
      const mib = parseSizeMiB(raw ?? '');
      return mib === null ? undefined : mib;
    }
    default:
      return raw;
  }
}

/** Typed reads of parsed values. */
export function str(p: ParsedFlags, name: string): string | undefined {
  const v = p.values.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function num(p: ParsedFlags, name: string): number | undefined {
  const v = p.values.get(name);
  return typeof v === 'number' ? v : undefined;
}

export function bool(p: ParsedFlags, name: string): boolean {
  return p.values.get(name) === true;
}
