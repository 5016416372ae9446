// az's error texts. Levels are printed as knack prints them when colour is off (the
// output is not a terminal, as under `hyperpane exec`): "ERROR: ", "WARNING: "
// (knack/log.py _get_console_log_formats). Parser errors exit 2 (AzCliCommandParser.error,
// _check_value); errors while running exit 1, or 3 for a missing resource
// (azure-cli src/azure-cli-core/azure/cli/core/util.py handle_exception). An ARM error
// reads as azure-core's ODataV4Format prints it: "(Code) Message\nCode: ...\nMessage: ...".
import { failure } from '../exec-result.js';
import type { ExecResult } from '../provider.js';
import type { ArgSpec } from './az-parser.js';

/** azure-cli parser.py OVERVIEW_REFERENCE: the link shown when the examples come from the help files. */
const OVERVIEW_REFERENCE = 'https://aka.ms/cli_ref';
/** azure-cli util.py QUERY_REFERENCE, as current releases print it. */
export const QUERY_REFERENCE = "To learn more about --query, please visit: 'https://learn.microsoft.com/cli/azure/query-azure-cli'";

export interface HelpExample {
  readonly command: string;
  readonly description: string;
}

/** An ARM error from the service (ODataV4Format), exit 1, or 3 for a 404 (ResourceNotFoundError). */
export function armError(code: string, message: string, exitCode: 1 | 3): ExecResult {
  return failure(`ERROR: (${code}) ${message}\nCode: ${code}\nMessage: ${message}`, exitCode);
}

/** ARM's not-found for a VM of a resource group. */
export function vmNotFound(group: string, name: string): ExecResult {
  return armError(
    'ResourceNotFound',
    `The Resource 'Microsoft.Compute/virtualMachines/${name}' under resource group '${group}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
    3,
  );
}

export function groupNotFound(name: string): ExecResult {
  return armError('ResourceGroupNotFound', `Resource group '${name}' could not be found.`, 3);
}

/** AzCliCommandInvoker._extract_parameter_names: the option names a command line used. */
function parameterNames(args: readonly string[]): string[] {
  return args.filter((p) => p.startsWith('-') && !p.startsWith('---') && p.length > 1).map((p) => (p.startsWith('--') ? p.split('=')[0] : p.slice(0, 2)));
}

/** command_recommender.py get_parameter_mappings: each option to its command's longest spelling. */
function normalized(args: readonly string[], specs: readonly ArgSpec[]): string[] {
  const mappings = new Map<string, string>([
    ['-h', '--help'],
    ['-o', '--output'],
    ['--only-show-errors', '--only-show-errors'],
    ['--help', '--help'],
    ['--output', '--output'],
    ['--query', '--query'],
    ['--debug', '--debug'],
    ['--verbose', '--verbose'],
    ['--yes', '--yes'],
    ['--no-wait', '--no-wait'],
  ]);
  for (const a of specs) {
    const sorted = [...a.options].sort((x, y) => y.length - x.length);
    for (const o of sorted) mappings.set(o, sorted[0]);
  }
  return parameterNames(args)
    .flatMap((p) => (mappings.has(p) ? [mappings.get(p)!] : []))
    .sort();
}

/**
 * CommandRecommender.provide_recommendations with the help files' examples (the
 * Aladdin service is not reachable here): examples of the command typed first, most
 * options in common with what was typed, then fewest options; three at most; then
 * the reference link. AzCLIError.print_error prints a blank line, the heading, and
 * each example and its description (which ends in a line break of its own).
 * An "unrecognized arguments" error shows no examples, only the link (recorded:
 * `az vm create ... --subnet-name SUB1`).
 */
function recommendations(command: string, typed: readonly string[], specs: readonly ArgSpec[], examples: readonly HelpExample[]): string[] {
  const target = normalized(typed, specs);
  const ranked = examples
    .map((e, index) => {
      const list = normalized(e.command.split(' '), specs);
      const matches = e.command.startsWith(`az ${command}`) ? list.filter((a) => target.includes(a)).length : -1;
      return { e, index, matches, count: list.length };
    })
    .sort((a, b) => b.matches - a.matches || a.count - b.count || a.index - b.index)
    .slice(0, 3);
  // Recorded (azure-cli 2.7x, Cloud Shell): examples from the help file come under "Examples from
  // command's help:"; with none, only the reference link follows the blank line.
  const lines = ranked.length > 0 ? ['', "Examples from command's help:"] : [''];
  for (const { e } of ranked) lines.push(e.command, e.description, '');
  lines.push(OVERVIEW_REFERENCE, 'Read more about the command in reference docs');
  return lines;
}

/** AzCLIError.print_error: "ERROR: " and the message, the recommendations one a line, then the examples. */
const printError = (message: string, recommended: readonly string[], examples: readonly string[], exitCode: number) =>
  failure([`ERROR: ${message}`, ...recommended, ...examples].join('\n'), exitCode);

/** AzCliCommandParser.error: the message, then (unless it is about --query) the examples; exit 2. */
export function parserError(
  message: string,
  command: string,
  typed: readonly string[],
  specs: readonly ArgSpec[],
  examples: readonly HelpExample[],
): ExecResult {
  if (message.includes('--query')) return printError(message, [QUERY_REFERENCE], [], 2);
  return printError(message, [], recommendations(command, typed, specs, message.startsWith('unrecognized arguments') ? [] : examples), 2);
}

/** AzCliCommandParser._check_value for an argument's value: the allowed values, a close one, the examples. */
export function invalidChoice(
  command: string,
  option: string,
  value: string,
  choices: readonly string[],
  closest: string | undefined,
  typed: readonly string[],
  specs: readonly ArgSpec[],
  examples: readonly HelpExample[],
): ExecResult {
  const message = `az ${command}: '${value}' is not a valid value for '${option}'. Allowed values: ${choices.join(', ')}.`;
  return printError(message, closest ? [`Did you mean '${closest}' ?`] : [], recommendations(command, typed, specs, examples), 2);
}

/** AzCliCommandParser._check_value for a command name: misspelled, the closest one, the inferred command's examples. */
export function misspelled(
  value: string,
  closest: string | undefined,
  typedCommand: string,
  typed: readonly string[],
  examples: readonly HelpExample[],
  note: string,
): ExecResult {
  const r = printError(
    `'${value}' is misspelled or not recognized by the system.`,
    closest ? [`Did you mean '${closest}' ?`] : [],
    recommendations(typedCommand, typed, [], examples),
    2,
  );
  return { ...r, stderr: `${r.stderr + note}\n` };
}
