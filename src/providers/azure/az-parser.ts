// az's arguments as argparse (through knack and azure-cli's AzCliCommandParser)
// reads them: --name value, --name=value, -n value, -nvalue, unique prefixes of
// long options (argparse allow_abbrev), values converted and checked left to right,
// then the required ones, then anything left over as "unrecognized arguments".
// Sources: CPython Lib/argparse.py (_parse_optional, _get_option_tuples, consume_optional,
// "the following arguments are required", "unrecognized arguments", "expected one
// argument", "ambiguous option"); knack/query.py (jmespath_type); knack/output.py
// (--output choices, type=str.lower); azure-cli src/azure-cli-core/azure/cli/core/parser.py
// (_check_value: "is not a valid value for ... Allowed values: ...").

import { OUTPUT_FORMATS } from './az-output.js';
import { compileQuery } from './az-query.js';
import { pyStrRepr } from './py-text.js';

export interface ArgSpec {
  /** Where the value goes. */
  readonly dest: string;
  /** As argparse holds them: the first names the argument in "arguments are required" and --ids errors. */
  readonly options: readonly string[];
  readonly kind?: 'value' | 'flag' | 'list';
  /** Required by argparse (create commands, --size of resize, --location of list-sizes). */
  readonly required?: boolean;
  /** Part of the resource ID: required unless --ids is given, checked after parsing (azure-cli commands/arm.py). */
  readonly idPart?: boolean;
  readonly choices?: readonly string[];
  /** AAZ's enums take any case and hand on their own spelling ("--access deny" is Deny). */
  readonly caseless?: boolean;
}

export type ArgValue = string | boolean | string[];

export type ParseError =
  /** argparse's own error (parser.error): "the following arguments are required", "unrecognized arguments", ... */
  | { readonly kind: 'usage'; readonly message: string }
  /** A value outside an argument's choices (AzCliCommandParser._check_value). */
  | { readonly kind: 'choice'; readonly option: string; readonly value: string; readonly choices: readonly string[] };

/** The global arguments every az command takes (knack's CLILogging, OutputProducer, CLIQuery; azure-cli's --subscription). */
export const GLOBAL_ARGS: readonly ArgSpec[] = [
  { dest: 'help', options: ['--help', '-h'], kind: 'flag' },
  { dest: 'verbose', options: ['--verbose'], kind: 'flag' },
  { dest: 'debug', options: ['--debug'], kind: 'flag' },
  { dest: 'only-show-errors', options: ['--only-show-errors'], kind: 'flag' },
  { dest: 'output', options: ['--output', '-o'], choices: OUTPUT_FORMATS },
  { dest: 'query', options: ['--query'] },
  { dest: 'subscription', options: ['--subscription'] },
];

const isNegativeNumber = (s: string) => /^-\d+$|^-\d*\.\d+$/.test(s);
/** argparse's 'O' pattern: an option-like string (not a negative number, no space inside a short-looking one). */
const looksLikeOption = (s: string) => s.startsWith('-') && s !== '-' && s !== '--' && !isNegativeNumber(s) && !(s.includes(' ') && !s.startsWith('--'));

const display = (a: ArgSpec) => a.options.join('/');

export function parseArgs(
  args: readonly string[],
  specs: readonly ArgSpec[],
): { ok: true; values: Map<string, ArgValue>; given: string[] } | { ok: false; error: ParseError } {
  const all = [...GLOBAL_ARGS, ...specs];
  const byOption = new Map<string, ArgSpec>();
  for (const a of all) for (const o of a.options) byOption.set(o, a);
  const values = new Map<string, ArgValue>();
  const seen = new Set<ArgSpec>();
  const extras: string[] = [];
  const usage = (message: string) => ({ ok: false as const, error: { kind: 'usage' as const, message } });

  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      extras.push(...args.slice(i + 1));
      break;
    }
    if (!looksLikeOption(arg)) {
      extras.push(arg);
      continue;
    }
    let spec = byOption.get(arg);
    let explicit: string | undefined;
    if (!spec && arg.includes('=')) {
      const at = arg.indexOf('=');
      spec = byOption.get(arg.slice(0, at));
      if (spec) explicit = arg.slice(at + 1);
    }
    if (!spec) {
      // argparse: a long option may be shortened to any unique prefix; -nVALUE is -n with its value.
      const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
      const matches: [string, ArgSpec, string | undefined][] = [];
      if (arg.startsWith('--')) {
        for (const [o, a] of byOption) if (o.startsWith('--') && o.startsWith(name)) matches.push([o, a, inline]);
      } else {
        const short = byOption.get(arg.slice(0, 2));
        if (short) matches.push([arg.slice(0, 2), short, arg.slice(2)]);
      }
      if (matches.length > 1) return usage(`ambiguous option: ${name} could match ${matches.map((m) => m[0]).join(', ')}`);
      if (matches.length === 1) {
        spec = matches[0][1];
        explicit = matches[0][2];
      }
    }
    if (!spec) {
      extras.push(arg);
      continue;
    }
    const kind = spec.kind ?? 'value';
    let value: ArgValue;
    if (kind === 'flag') {
      if (explicit !== undefined) return usage(`argument ${display(spec)}: ignored explicit argument ${pyStrRepr(explicit)}`);
      value = true;
    } else if (kind === 'list') {
      const list = explicit !== undefined ? [explicit] : [];
      while (explicit === undefined && i + 1 < args.length && !looksLikeOption(args[i + 1])) list.push(args[++i]);
      if (list.length === 0) return usage(`argument ${display(spec)}: expected at least one argument`);
      value = list;
    } else {
      if (explicit === undefined) {
        if (i + 1 >= args.length || looksLikeOption(args[i + 1])) return usage(`argument ${display(spec)}: expected one argument`);
        explicit = args[++i];
      }
      value = explicit;
      if (spec.dest === 'output') value = value.toLowerCase(); // type=str.lower
      if (spec.dest === 'query' && compileQuery(value) === undefined)
        return usage(`argument ${display(spec)}: invalid jmespath_type value: ${pyStrRepr(value)}`);
      if (spec.choices && spec.caseless) value = spec.choices.find((c) => c.toLowerCase() === (value as string).toLowerCase()) ?? value;
      if (spec.choices && !spec.choices.includes(value)) return { ok: false, error: { kind: 'choice', option: spec.options[0], value, choices: spec.choices } };
    }
    seen.add(spec);
    values.set(spec.dest, value);
  }
  const missing = specs.filter((a) => a.required && !seen.has(a));
  if (missing.length > 0) return usage(`the following arguments are required: ${missing.map(display).join(', ')}`);
  if (extras.length > 0) return usage(`unrecognized arguments: ${extras.join(' ')}`);
  return { ok: true, values, given: args.filter((a) => a.startsWith('-')) };
}

/** azure-cli commands/arm.py parse_ids_arguments: the resource-ID arguments, unless --ids names the resources. */
export function missingIdParts(specs: readonly ArgSpec[], values: ReadonlyMap<string, ArgValue>): string | undefined {
  if (values.has('ids')) return undefined;
  const missing = specs.filter((a) => a.idPart && !values.has(a.dest));
  return missing.length > 0 ? `(${missing.map((a) => a.options[0]).join(' ')} | --ids) are required` : undefined;
}
