// What every cmdlet of this module is: its parameters as PowerShell binds them,
// and what it does with a bound call. With the helpers they share: finding VMs
// by name (wildcards included), the records for a VM not found, and waiting.

import { wildcardMatch } from '../../core/wildcard.js';
import { reached } from '../blocking.js';
import { type FlagSpec, type ParsedFlags, str } from '../cli/flags.js';
import type { ExecResult, ProviderWorkload } from '../provider.js';
import type { HypervWait } from './defaults.js';
import type { HypervDriver } from './driver.js';
import { type ErrorSpec, errorRecord, type Invocation } from './error-record.js';
import { jobTable } from './jobs.js';

/** A cmdlet with its parameters bound. */
export interface Call {
  readonly hv: HypervDriver;
  readonly p: ParsedFlags;
  readonly inv: Invocation;
  /** Which word of the line gave a parameter its value, for where an error points. */
  at(param: string): number | undefined;
}

export interface Cmdlet {
  readonly params: Readonly<Record<string, FlagSpec>>;
  /** Parameters bound by position, in order. */
  readonly positional: readonly string[];
  readonly required?: readonly string[];
  /** Whether it takes -AsJob (Microsoft Learn lists it in the cmdlet's syntax). */
  readonly asJob?: boolean;
  /** Whether it takes -Passthru. */
  readonly passthru?: boolean;
  /** The module's class for it, which ends an error id; the Hyper-V module's own when absent. */
  readonly type?: string;
  run(c: Call): ExecResult;
  /** The objects it writes, each as its properties in order, for `| Format-List` (a cmdlet without it is not formatted as a list here). */
  records?(c: Call): Properties[] | ExecResult;
}

/** An object's properties as PowerShell's list view prints them, in order. */
export type Properties = readonly (readonly [string, string])[];

export function error(c: Call, e: ErrorSpec): ExecResult {
  return errorRecord(c.inv, e);
}

/**
 * The VMs a name stands for: with * or ? all that match, perhaps none (a pattern
 * that matches nothing is no error: taliesins/terraform-provider-hyperv#32 looks
 * VMs up by wildcard for that reason); else the one of that name, or the record
 * for a VM not found.
 */
export function vmsNamed(c: Call, name: string, by: 'Name' | 'VMName' = 'Name'): ProviderWorkload[] | ExecResult {
  if (/[*?]/.test(name)) return c.hv.workloads().filter((v) => wildcardMatch(name, v.name, { ignoreCase: true }));
  const vm = c.hv.vm(name);
  return vm ? [vm] : notFound(c, name, by);
}

/**
 * "Hyper-V was unable to find a virtual machine with name "x"." Looked up by -Name
 * it is an InvalidArgument with the name as target (kubernetes/minikube#8970,
 * Get-VM); by -VMName an ObjectNotFound with none (pluralsight/PS-AutoLab-Env#133,
 * Set-VMFirmware -VMName).
 */
export function notFound(c: Call, name: string, by: 'Name' | 'VMName' = 'Name'): ExecResult {
  const message = `Hyper-V was unable to find a virtual machine with name "${name}".`;
  return by === 'Name'
    ? error(c, { message, category: 'InvalidArgument', target: name, exception: 'VirtualizationException', id: 'InvalidParameter' })
    : error(c, { message, category: 'ObjectNotFound', exception: 'VirtualizationException', id: 'ObjectNotFound' });
}

/** Whether a workload has got where a cmdlet waits for it to get. */
export function arrived(hv: HypervDriver, id: string, wait: HypervWait): boolean {
  if (wait === 'at-once' || wait === 'drained') return true;
  if (wait === 'migrated') return hv.sim.workload(id)?.state !== 'migrating';
  return reached(hv.sim, id, wait);
}

/** With -AsJob the cmdlet returns at once with its job (what it started goes on). */
export function asJob(c: Call, r: ExecResult): ExecResult {
  return { exitCode: 0, stdout: jobTable(c.hv.nextJobId(), c.inv.cmdlet), stderr: '', changed: r.changed };
}

/**
 * A PowerShell UInt64 or UInt32 argument (a byte count, a number of IOPS): digits, hex, or a number with PowerShell's
 * multiplier (10GB, 1.5TB, 512KB); or .NET's words for why it is none.
 */
function unsigned(raw: string, max: number): number | { why: string } {
  const m = /^(?:0x([0-9a-f]+)|(\d+(?:\.\d+)?)(kb|mb|gb|tb|pb)?)$/i.exec(raw.trim());
  const tooBig = (type: string) => ({ why: `Value was either too large or too small for a ${type}.` });
  const type = max > 2 ** 32 ? 'UInt64' : 'UInt32';
  if (!m) return /^-\d/.test(raw.trim()) ? tooBig(type) : { why: 'Input string was not in a correct format.' };
  const unit = { kb: 2 ** 10, mb: 2 ** 20, gb: 2 ** 30, tb: 2 ** 40, pb: 2 ** 50 }[(m[3] ?? '').toLowerCase() as 'kb'] ?? 1;
  const n = m[1] !== undefined ? Number.parseInt(m[1], 16) : Math.round(Number(m[2]) * unit);
  return Number.isSafeInteger(n) && n <= max ? n : tooBig(type);
}

/** An unsigned parameter's value (a byte count, IOPS), or PowerShell's record for one it cannot convert. */
export function unsignedParam(c: Call, name: string, max = Number.MAX_SAFE_INTEGER): number | undefined | ExecResult {
  const raw = str(c.p, name);
  if (raw === undefined) return undefined;
  const n = unsigned(raw, max);
  if (typeof n === 'number') return n;
  const type = max > 2 ** 32 ? 'System.UInt64' : 'System.UInt32';
  return error(c, {
    message: `Cannot bind parameter '${name}'. Cannot convert value "${raw}" to type "${type}". Error: "${n.why}"`,
    category: 'InvalidArgument',
    exception: 'ParameterBindingException',
    id: 'CannotConvertArgumentNoMessage',
    at: c.at(name),
  });
}
