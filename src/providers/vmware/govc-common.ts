// What govc's commands share: a command's flags, usage and run, the VM a name or
// inventory path names, and govc's usage error (cli/command.go).
import { type FlagSpec, type ParsedFlags, str } from '../cli/flags.js';
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

/**
 * The VM -vm names, given to `run`, or govc's error. The words for a missing -vm
 * are the command's own: most of govc says "-vm is required", the NetworkFlag
 * commands "please specify a vm" (govc/test/network.bats).
 */
export function withVm(
  vmw: VmwareDriver,
  f: ParsedFlags,
  run: (vm: ProviderWorkload) => ExecResult,
  missing = 'govc: -vm is required (or set GOVC_VM)',
): ExecResult {
  const name = str(f, 'vm');
  if (!name) return failure(missing);
  const vm = findVm(vmw, name);
  return vm ? run(vm) : failure(`govc: vm '${name}' not found`);
}

/** A host's managed object id ("host-12"), by its place among the ESXi hosts. */
export function hostMoref(vmw: VmwareDriver, id: string): string {
  return `host-${vmw.hosts().findIndex((h) => h.id === id) + 10}`;
}

/** A VM's managed object id ("vm-1003"), by its place in the estate. */
export function vmMoref(vmw: VmwareDriver, id: string): string {
  return `vm-${1000 + vmw.sim.workloadRow(id)!.index}`;
}
