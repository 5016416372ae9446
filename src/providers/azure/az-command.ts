// What every az command is made of: its arguments, what it did (an error, or a
// result printed now or when its operation ends), and the argument specs many
// commands share. az.ts dispatches; az-network.ts and az.ts hold the commands.
import type { Until } from '../blocking.js';
import { isExecResult } from '../exec-result.js';
import type { ExecResult } from '../provider.js';
import type { TableTransformer } from './az-output.js';
import type { ArgSpec, ArgValue } from './az-parser.js';
import type { AzureDriver } from './driver.js';

export type Args = ReadonlyMap<string, ArgValue>;
export const str = (a: Args, k: string) => (typeof a.get(k) === 'string' ? (a.get(k) as string) : undefined);
export const flag = (a: Args, k: string) => a.get(k) === true;

/** What a command did: an error, or a result printed now or when its operation ends. */
export type Outcome =
  | ExecResult
  | {
      /** The result as Python holds it; a model (plain dict, sorted where printed) unless `ordered`. */
      readonly result: () => unknown;
      /** An OrderedDict of a transform: tsv and table keep its order. */
      readonly ordered?: boolean;
      /** Printed at once, before the operation (a validator's warning). */
      readonly stderr?: string;
      readonly changed?: boolean;
      /** The long-running operation it waits for, unless --no-wait. */
      readonly wait?: { readonly ids: readonly string[]; readonly until: Until; readonly waitingFor: string };
    };

export interface Command {
  readonly args: readonly ArgSpec[];
  /** supports_no_wait: --no-wait returns at once and prints nothing. */
  readonly noWait?: boolean;
  /** confirmation=True: --yes/-y, or az asks, which it cannot without a terminal. */
  readonly confirm?: boolean;
  readonly table?: TableTransformer;
  /** knack deprecate_info redirect: printed before the command runs. */
  readonly deprecatedFor?: string;
  run(azure: AzureDriver, a: Args): Outcome;
}

export const RG: ArgSpec = { dest: 'resource-group', options: ['--resource-group', '-g'] };
/** Custom commands' VM name (vm/_params.py name_arg_type) and an AAZ command's (options as generated, "-n" first). */
export const customTarget = (): ArgSpec[] => [
  { ...RG, idPart: true },
  { dest: 'name', options: ['--name', '-n'], idPart: true },
  { dest: 'ids', options: ['--ids'], kind: 'list' },
];
export const aazTarget = (names: string[]): ArgSpec[] => [
  { ...RG, idPart: true },
  { dest: 'name', options: names, idPart: true },
  { dest: 'ids', options: ['--ids'], kind: 'list' },
];
export const NO_WAIT: ArgSpec = { dest: 'no-wait', options: ['--no-wait'], kind: 'flag' };
export const YES: ArgSpec = { dest: 'yes', options: ['--yes', '-y'], kind: 'flag' };
export const GROUP_NAME: ArgSpec = { dest: 'name', options: ['--name', '-n', '--resource-group', '-g'], required: true };

export const isError = isExecResult;
