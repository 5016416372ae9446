// What govc's commands share: a command's flags, usage and run, the VM a name or
// inventory path names, and govc's usage error (cli/command.go).
import type { FlagSpec, ParsedFlags } from '../cli/flags.js';
import { failure } from '../exec-result.js';
import type { ExecResult, ProviderWorkload } from '../provider.js';
import type { VmwareDriver } from './driver.js';

export interface Cmd {
  readonly flags: Readonly<Record<string, FlagSpec>>;
  readonly usage: string;
  run(vmw: VmwareDriver, f: ParsedFlags): ExecResult;
}

export function findVm(vmw: VmwareDriver, nameOrPath: string): ProviderWorkload | undefined {
  return vmw.workload(nameOrPath.split('/').filter(Boolean).pop() ?? nameOrPath);
}

export function usage(name: string, text: string): ExecResult {
  return failure(`Usage: govc ${text}\n\nRun 'govc ${name} -h' for details.`);
}
