// PowerShell's error records and warnings as Windows PowerShell 5.1, the shell
// the Hyper-V module ships with, prints them in its default view: the message
// after "<cmdlet> : ", where in the line it went wrong (the line echoed, the
// failing part underlined), the category and the fully qualified error id, and
// a line holding one space after the record. Checked against captures of real
// records: kubernetes/minikube#8970 (Get-VM, a VM not found by -Name),
// pluralsight/PS-AutoLab-Env#133 (ObjectNotFound by -VMName),
// canonical/multipass#3345 (Start-VM, OutOfMemory), canonical/multipass#4204
// (Set-VM, InvalidState), jamesstringer90/Easy-GPU-PV#449 (the line with one
// space between records), and PowerShell's own ParameterBinderStrings.resx.
import { failure } from '../exec-result.js';
import type { ExecResult } from '../provider.js';

/** A cmdlet as it was typed. */
export interface Invocation {
  /** The cmdlet as its module spells it ("Start-VM"). */
  readonly cmdlet: string;
  /** Every word of the line, the cmdlet's own first, as typed. */
  readonly words: readonly string[];
  /** The .NET class behind it, which ends the error id ("Microsoft.HyperV.PowerShell.Commands.StartVM"). */
  readonly type: string;
}

export interface ErrorSpec {
  readonly message: string;
  /** The ErrorCategory ("InvalidArgument", "ObjectNotFound", ...). */
  readonly category: string;
  /** The target object, shown as "(ad-01:String)"; none shows "(:)". */
  readonly target?: string;
  /** The target's type as CategoryInfo names it ("FileInfo"); String when absent. */
  readonly targetType?: string;
  /** The exception's type name ("VirtualizationException", "ParameterBindingException"). */
  readonly exception: string;
  /** The error id before the class name ("InvalidParameter", "OutOfMemory"). */
  readonly id: string;
  /** The word (an index into the invocation's words) the error points at; the whole command when absent. */
  readonly at?: number;
  /** What shows in [brackets] and ends the error id; the cmdlet's own when absent ('' for a command not found). */
  readonly activity?: string;
}

/**
 * CategoryInfo's shortening of a name over 40 characters: its first and last 15 around "..."
 * (PowerShell's ErrorCategoryInfo.Ellipsize; "(Microsoft.Hyper...l.VMStorageTask:VMStorageTask)",
 * "(C:\Users\ACER\O...io\node_modules:String)" in transcripts).
 */
function ellipsize(name: string): string {
  return name.length <= 40 ? name : `${name.slice(0, 15)}...${name.slice(-15)}`;
}

/** A word as it would have been typed: quoted when it holds a space or is empty. */
function typed(word: string): string {
  return word === '' || /[\s'"]/.test(word) ? `'${word.replace(/'/g, "''")}'` : word;
}

/** The record's text, its lines ending in newlines. */
export function errorText(inv: Invocation, e: ErrorSpec): string {
  const words = inv.words.map(typed);
  const line = words.join(' ');
  const start = e.at === undefined ? 0 : words.slice(0, e.at).reduce((n, w) => n + w.length + 1, 0);
  const width = e.at === undefined ? line.length : words[e.at].length;
  const activity = e.activity ?? inv.cmdlet;
  const id = activity === '' ? e.id : `${e.id},${inv.type}`;
  return [
    `${activity === '' ? words[0] : inv.cmdlet} : ${e.message}`,
    `At line:1 char:${start + 1}`,
    `+ ${line}`,
    `+ ${' '.repeat(start)}${'~'.repeat(Math.max(1, width))}`,
    `    + CategoryInfo          : ${e.category}: (${e.target === undefined ? ':' : `${ellipsize(e.target)}:${e.targetType ?? 'String'}`}) [${activity}], ${e.exception}`,
    `    + FullyQualifiedErrorId : ${id}`,
    ' ',
    '',
  ].join('\n');
}

export function errorRecord(inv: Invocation, e: ErrorSpec): ExecResult {
  return failure(errorText(inv, e));
}

/** A line of the warning stream, which the console shows with the output. */
export function warning(text: string): string {
  return `WARNING: ${text}\n`;
}
