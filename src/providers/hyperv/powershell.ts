// Hyper-V's PowerShell cmdlets: the subset this simulation answers, with
// PowerShell's parameter binding (case-insensitive, unique prefixes, positional
// names, $true/$false) and its error records. Binding errors are PowerShell's own
// (ParameterBinderStrings.resx in PowerShell/PowerShell; ParameterBindingException,
// the error id naming what failed, pointing at the word that failed).

import { table } from '../../core/own.js';
import { wildcardMatch } from '../../core/wildcard.js';
import { type FlagSpec, type ParsedFlags, parseFlags } from '../cli/flags.js';
import { powershellList } from '../cli/table.js';
import { output } from '../exec-result.js';
import type { ExecResult } from '../provider.js';
import type { Call, Cmdlet, Properties } from './cmdlet.js';
import { CHECKPOINT_CMDLETS } from './cmdlets-checkpoints.js';
import { DRIVE_CMDLETS } from './cmdlets-drives.js';
import { HOST_CMDLETS } from './cmdlets-host.js';
import { NETWORK_CMDLETS } from './cmdlets-network.js';
import { POWER_CMDLETS } from './cmdlets-power.js';
import { STORAGE_CMDLETS } from './cmdlets-storage.js';
import { VHD_CMDLETS } from './cmdlets-vhd.js';
import { VM_CMDLETS } from './cmdlets-vm.js';
import type { HypervDriver } from './driver.js';
import { errorRecord, type Invocation } from './error-record.js';

/** Parameters every cmdlet here takes (common parameters and those every Hyper-V cmdlet has). */
const COMMON: Readonly<Record<string, FlagSpec>> = table<FlagSpec>({
  ComputerName: { type: 'string', ignored: true },
  Confirm: { type: 'boolean', ignored: true },
  WhatIf: { type: 'boolean', ignored: true },
  Verbose: { type: 'boolean', ignored: true },
  ErrorAction: { type: 'string', ignored: true },
  WarningAction: { type: 'string', ignored: true },
});

const CMDLETS = table<Cmdlet>({
  ...VM_CMDLETS,
  ...STORAGE_CMDLETS,
  ...DRIVE_CMDLETS,
  ...VHD_CMDLETS,
  ...POWER_CMDLETS,
  ...CHECKPOINT_CMDLETS,
  ...HOST_CMDLETS,
  ...NETWORK_CMDLETS,
  // Checkpoint is the name since Windows Server 2012 R2; the Snapshot cmdlets answer to both.
  'get-vmcheckpoint': CHECKPOINT_CMDLETS['get-vmsnapshot'],
  'restore-vmcheckpoint': CHECKPOINT_CMDLETS['restore-vmsnapshot'],
  'remove-vmcheckpoint': CHECKPOINT_CMDLETS['remove-vmsnapshot'],
});

/** The .NET type PowerShell names when a parameter's argument is missing or wrong (Microsoft Learn: each cmdlet's parameters). */
const PARAM_TYPES: Readonly<Record<string, string>> = table<string>({
  Name: 'System.String[]',
  VMName: 'System.String[]',
  Generation: 'System.Int16',
  Buffer: 'System.Int32',
  Priority: 'System.Int32',
  Delay: 'System.UInt16',
  Timeout: 'System.Int32',
  MaximumIOPS: 'System.UInt64',
  MinimumIOPS: 'System.UInt64',
  ControllerNumber: 'System.Int32',
  ControllerLocation: 'System.Int32',
  ControllerType: 'Microsoft.HyperV.PowerShell.ControllerType',
  ToControllerNumber: 'System.Int32',
  ToControllerLocation: 'System.Int32',
  ToControllerType: 'Microsoft.HyperV.PowerShell.ControllerType',
  DiskNumber: 'System.UInt32',
  SizeBytes: 'System.UInt64',
  BlockSizeBytes: 'System.UInt32',
  LogicalSectorSizeBytes: 'System.UInt32',
  PhysicalSectorSizeBytes: 'System.UInt32',
});

function dotnetType(name: string, spec: FlagSpec): string {
  return (
    PARAM_TYPES[name] ??
    (spec.type === 'bytes' || spec.type === 'number'
      ? 'System.Int64'
      : spec.type === 'boolean'
        ? spec.valued
          ? 'System.Boolean'
          : 'System.Management.Automation.SwitchParameter'
        : 'System.String')
  );
}

/** Every parameter a cmdlet takes. */
function paramsOf(cmdlet: Cmdlet): Record<string, FlagSpec> {
  return {
    ...COMMON,
    ...(cmdlet.asJob ? { AsJob: { type: 'boolean' } } : {}),
    ...(cmdlet.passthru ? { Passthru: { type: 'boolean' } } : {}),
    ...cmdlet.params,
  };
}

/** Which parameter a word names: its name or an alias, or a unique prefix of a name. */
function resolve(word: string, specs: Readonly<Record<string, FlagSpec>>): string | string[] | undefined {
  const name = word.replace(/^-/, '').split(':')[0].toLowerCase();
  const entries = Object.entries(specs);
  const exact = entries.find(([n, s]) => n.toLowerCase() === name || s.aliases?.some((a) => a.toLowerCase() === name));
  if (exact) return exact[0];
  const prefixed = entries.filter(([n]) => n.toLowerCase().startsWith(name)).map(([n]) => n);
  return prefixed.length === 1 ? prefixed[0] : prefixed.length > 1 ? prefixed : undefined;
}

const isParam = (w: string) => w.startsWith('-') && w !== '-' && !/^-\d/.test(w);

/** Where each parameter got its value: the index of the word, as PowerShell binds them. */
function positions(
  words: readonly string[],
  specs: Readonly<Record<string, FlagSpec>>,
  positional: readonly string[],
  named: ReadonlySet<string>,
): Map<string, number> {
  const at = new Map<string, number>();
  const free = positional.filter((n) => !named.has(n));
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if (!isParam(w)) {
      const name = free.shift();
      if (name) at.set(name, i);
      continue;
    }
    const name = resolve(w, specs);
    if (typeof name !== 'string') continue;
    const spec = specs[name];
    const takesNext = !w.includes(':') && (spec.type !== 'boolean' || spec.valued);
    at.set(name, takesNext ? i + 1 : i);
    if (takesNext) i++;
  }
  return at;
}

/**
 * Runs one cmdlet line, already split into words. The one pipeline answered is a
 * trailing `| Format-List` (fl), with property names or * (all): PowerShell's
 * list view of what the cmdlet writes.
 */
export function powershell(hv: HypervDriver, argv: readonly string[]): ExecResult {
  const bar = argv.indexOf('|');
  if (bar < 0) return runLine(hv, argv);
  const tail = argv.slice(bar + 1);
  const head = argv.slice(0, bar);
  const cmdlet = CMDLETS[head[0]?.toLowerCase() ?? ''];
  if (head.length === 0 || !/^(format-list|fl)$/i.test(tail[0] ?? '') || tail.includes('|'))
    return notSimulated(`hyperpane's PowerShell answers one pipeline, a cmdlet's output piped to Format-List (fl); not '${argv.join(' ')}'`);
  if (!cmdlet?.records) return runLine(hv, head, 'list');
  const wanted = formatListNames(argv, bar);
  if (!Array.isArray(wanted)) return wanted;
  return runLine(hv, head, 'list', wanted.length > 0 ? wanted : ['*']);
}

/**
 * The property names a Format-List after the `|` at `bar` asks for: its positional -Property,
 * or -Property named (any unique prefix, -Property:names too), split at commas. Its other
 * parameters (-GroupBy, -View, ...) are not simulated.
 */
function formatListNames(argv: readonly string[], bar: number): string[] | ExecResult {
  const names: string[] = [];
  for (let i = bar + 2; i < argv.length; i++) {
    const w = argv[i];
    if (!isParam(w)) {
      names.push(w);
      continue;
    }
    const [flag, inline] = [w.slice(1).split(':')[0], w.includes(':') ? w.slice(w.indexOf(':') + 1) : undefined];
    if (!'property'.startsWith(flag.toLowerCase())) return notSimulated(`hyperpane's PowerShell answers Format-List with property names (-Property); not ${w}`);
    if (inline !== undefined && inline !== '') names.push(inline);
    else if (i + 1 < argv.length && !isParam(argv[i + 1])) names.push(argv[++i]);
    else {
      const inv: Invocation = { cmdlet: 'Format-List', words: argv, type: 'Microsoft.PowerShell.Commands.FormatListCommand' };
      return errorRecord(inv, {
        message: "Missing an argument for parameter 'Property'. Specify a parameter of type 'System.Object[]' and try again.",
        category: 'InvalidArgument',
        exception: 'ParameterBindingException',
        id: 'MissingArgument',
        at: i,
      });
    }
  }
  return names.flatMap((w) => w.split(',')).filter((w) => w !== '');
}

function notSimulated(message: string): ExecResult {
  return { exitCode: 1, stdout: '', stderr: `${message}\n`, changed: false };
}

/**
 * The properties of a record that a Format-List's names pick, in the order they were asked for (as
 * PowerShell's -Property lists them): each wildcard's matches in the record's order, any case, a
 * property picked twice shown once.
 */
function picked(record: Properties, wanted: readonly string[]): Properties {
  const out: (readonly [string, string])[] = [];
  const seen = new Set<string>();
  for (const w of wanted)
    for (const p of record)
      if (!seen.has(p[0]) && wildcardMatch(w, p[0], { ignoreCase: true })) {
        seen.add(p[0]);
        out.push(p);
      }
  return out;
}

/** The properties of each record that match a Format-List's names, as its list view. */
function listView(records: readonly Properties[], wanted: readonly string[]): string {
  const lists = records
    .map((r) => picked(r, wanted))
    .filter((r) => r.length > 0)
    .map(powershellList);
  return lists.length > 0 ? `\n${lists.join('\n\n')}\n\n` : '';
}

function runLine(hv: HypervDriver, argv: readonly string[], view?: 'list', wanted: readonly string[] = ['*']): ExecResult {
  const [word, ...rest] = argv;
  const cmdlet = CMDLETS[word.toLowerCase()];
  const self = hv.commands.find((c) => c.toLowerCase() === word.toLowerCase()) ?? word;
  const inv: Invocation = { cmdlet: self, words: argv, type: cmdlet?.type ?? `Microsoft.HyperV.PowerShell.Commands.${self.replace(/-/g, '')}` };
  const binding = (message: string, id: string, at?: number, category = 'InvalidArgument', exception = 'ParameterBindingException') =>
    errorRecord(inv, { message, category, exception, id, ...(at === undefined ? {} : { at }) });
  if (!cmdlet) {
    const r = errorRecord(inv, {
      message:
        `The term '${word}' is not recognized as the name of a cmdlet, function, script file, or operable program. ` +
        'Check the spelling of the name, or if a path was included, verify that the path is correct and try again.',
      category: 'ObjectNotFound',
      target: word,
      exception: 'CommandNotFoundException',
      id: 'CommandNotFoundException',
      at: 0,
      activity: '',
    });
    return { ...r, stderr: `${r.stderr}hint: this simulation's Hyper-V module knows: ${hv.commands.join(', ')}\n` };
  }
  const specs = paramsOf(cmdlet);
  const parsed = parseFlags(rest, specs, 'powershell');
  if (!parsed.ok) {
    const name = parsed.flag.replace(/^-/, '');
    const flagAt = argv.findIndex((w, i) => i > 0 && isParam(w) && w.replace(/^-/, '').split(':')[0].toLowerCase() === name.toLowerCase());
    const at = flagAt > 0 ? flagAt : undefined;
    if (parsed.kind === 'unknown') return binding(`A parameter cannot be found that matches parameter name '${name}'.`, 'NamedParameterNotFound', at);
    if (parsed.kind === 'ambiguous') {
      const matches = resolve(name, specs);
      return binding(
        `Parameter cannot be processed because the parameter name '${name}' is ambiguous. Possible matches include:${(Array.isArray(matches) ? matches : []).map((m) => ` -${m}`).join('')}.`,
        'AmbiguousParameter',
        at,
      );
    }
    const resolved = resolve(name, specs);
    const full = typeof resolved === 'string' ? resolved : name;
    const type = typeof resolved === 'string' ? dotnetType(resolved, specs[resolved]) : 'System.String';
    if (parsed.kind === 'missing-value')
      return binding(`Missing an argument for parameter '${full}'. Specify a parameter of type '${type}' and try again.`, 'MissingArgument', at);
    const valueAt = at !== undefined && !argv[at].includes(':') ? at + 1 : at;
    return binding(
      `Cannot bind parameter '${full}'. Cannot convert value "${parsed.detail}" to type "${type}". Error: "Input string was not in a correct format."`,
      'CannotConvertArgumentNoMessage',
      valueAt,
    );
  }
  // Bind positional arguments to the parameters not given by name.
  const p: ParsedFlags = parsed.value;
  const named = new Set(p.values.keys());
  const at = positions(argv, specs, cmdlet.positional, named);
  const free = cmdlet.positional.filter((n) => !p.values.has(n));
  for (const arg of [...p.positionals]) {
    const name = free.shift();
    if (!name) return binding(`A positional parameter cannot be found that accepts argument '${arg}'.`, 'PositionalParameterNotFound');
    const converted = parseFlags([`-${name}`, arg], { [name]: cmdlet.params[name] }, 'powershell');
    if (!converted.ok)
      return binding(
        `Cannot bind parameter '${name}'. Cannot convert value "${arg}" to type "${dotnetType(name, cmdlet.params[name])}". Error: "Input string was not in a correct format."`,
        'CannotConvertArgumentNoMessage',
        at.get(name),
      );
    p.values.set(name, converted.value.values.get(name)!);
  }
  p.positionals.length = 0;
  const missing = (cmdlet.required ?? []).filter((r) => !p.values.has(r));
  if (missing.length > 0)
    return binding(
      `Cannot process command because of one or more missing mandatory parameters:${missing.map((m) => ` ${m}`).join('')}.`,
      'MissingMandatoryParameter',
    );
  const call: Call = { hv, p, inv, at: (param) => at.get(param) };
  if (view !== 'list') return cmdlet.run(call);
  if (!cmdlet.records) {
    const listed = hv.commands.filter((c) => CMDLETS[c.toLowerCase()]?.records);
    return notSimulated(`hyperpane's PowerShell formats ${listed.join(', ')} as a list; not ${self}`);
  }
  const records = cmdlet.records(call);
  return Array.isArray(records) ? output(listView(records, wanted)) : records;
}

/** Every cmdlet answered here, for completion. */
export const CMDLETS_ANSWERED = Object.keys(CMDLETS);

/** Each cmdlet's parameters (common ones included) and positions, by lower-case name, for completion in the console's prompt. */
export const CMDLET_PARAMS: Readonly<Record<string, { readonly params: Readonly<Record<string, FlagSpec>>; readonly positional: readonly string[] }>> =
  Object.fromEntries(Object.entries(CMDLETS).map(([n, c]) => [n, { params: paramsOf(c), positional: c.positional }]));
