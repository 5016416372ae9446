// What every virsh command shares: how a command is declared, how a domain is
// looked up, and how errors and the end of a command are printed.
// Sources: libvirt tools/vsh.c (vshCommandRun prints "\n" after each command it
// runs; vshReportError prints "error: MSG"), tools/virsh-util.c
// (virshLookupDomainBy: by ID, then UUID, then name; "failed to get domain 'X'").

import { table } from '../../core/own.js';
import type { FlagSpec, ParsedFlags } from '../cli/flags.js';
import { hostOfUri, stableUuid } from '../common.js';
import type { ExecResult, ProviderWorkload } from '../provider.js';
import type { KvmDriver } from './driver.js';

/** What a command runs against: the driver, and the host named by -c/--connect, if any. */
export interface Virsh {
  readonly kvm: KvmDriver;
  /** The host of `virsh -c qemu+ssh://HOST/system`: list and nodeinfo show that host only. */
  readonly host?: string;
  /** -q/--quiet: tables without their header, measured without it too. */
  readonly quiet?: boolean;
}

export interface VirshCommand {
  readonly flags: Readonly<Record<string, FlagSpec>>;
  /** Positional operands in order ("domain", "snapshotname", "desturi"); required unless marked with "?". */
  readonly operands: readonly string[];
  run(v: Virsh, ops: Record<string, string>, flags: ParsedFlags): ExecResult;
}

export const DOMAIN_FLAG: Readonly<Record<string, FlagSpec>> = table<FlagSpec>({ domain: { type: 'string' } });

/** Domains a lookup may match by (virsh start looks up by name or UUID only: an inactive domain has no ID). */
export type LookupBy = 'id' | 'uuid' | 'name';

/** A domain by the word the user gave: its ID if active, its UUID, or its name (virshLookupDomainBy's order). */
export function lookupDomain(kvm: KvmDriver, word: string, by: readonly LookupBy[] = ['id', 'uuid', 'name']): ProviderWorkload | undefined {
  const domains = kvm.workloads();
  if (by.includes('id') && /^\d+$/.test(word)) {
    const d = domains.find((x) => isActive(x.nativeState) && kvm.domainId(x.id) === Number(word));
    if (d) return d;
  }
  if (by.includes('uuid') && /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(word)) {
    const d = domains.find((x) => stableUuid(x.id).replace(/-/g, '') === word.toLowerCase().replace(/-/g, ''));
    if (d) return d;
  }
  return by.includes('name') ? kvm.workload(word) : undefined;
}

/** libvirt calls a domain active while its QEMU process runs: running, paused or shutting down. */
export function isActive(nativeState: string): boolean {
  return nativeState === 'running' || nativeState === 'paused' || nativeState === 'in shutdown';
}

/**
 * A command that ran and failed: each line as virsh's "error: " lines
 * (vshReportError, on stderr), then the blank line vshCommandRun prints after
 * every command it ran (tools/vsh.c). virsh writes that line to stdout, after the
 * error; an answer here keeps no order between its two streams (exec writes
 * stdout first), so it goes on stderr, where a terminal shows it after the error
 * as virsh's does.
 */
export function virshError(...lines: string[]): ExecResult {
  return { exitCode: 1, stdout: '', stderr: `${lines.map((l) => `error: ${l}\n`).join('')}\n`, changed: false };
}

/** A refusal of the simulation's own: virsh's first line, then why, then the blank line vshCommandRun prints. */
export function refused(first: string, why: string): ExecResult {
  return { exitCode: 1, stdout: '', stderr: `error: ${first}\nhyperpane: ${why}\n\n`, changed: false };
}

/** A command line virsh refused before running it (no such command, option or operand): no blank line after. */
export function syntaxError(line: string): ExecResult {
  return { exitCode: 1, stdout: '', stderr: `error: ${line}\n`, changed: false };
}

/** virsh's own "failed to get domain" for a word that names no domain. */
export function noDomain(word: string): ExecResult {
  return virshError(`failed to get domain '${word}'`);
}

/** What a command that ran prints: its text, then the blank line vshCommandRun adds. */
export function printed(text: string, changed = false): ExecResult {
  return { exitCode: 0, stdout: `${text}\n`, stderr: '', changed };
}

/** strcasecmp, as vshStrcasecmp orders domains and snapshots: byte by byte, letters folded to lower case. */
export function caseless(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

export { hostOfUri };
