// How the Hyper-V module's objects print: the Get-VM table, .NET TimeSpans and
// dates, checkpoint names, a VM's ID. Sources: Get-VM captures in
// MicrosoftDocs/windows-powershell-docs and WSL docs (`PS C:\Users\sarah> Get-VM`):
// every column left-aligned, Uptime a TimeSpan ("00:00:00" for a VM that is off,
// "4.00:04:10.4700000" with days); the default checkpoint name "VM - (date - time)"
// (John Savill, Mastering Hyper-V 2016, ch. 6: "savdalsr02 - (5/30/2016 - 11:16:25 AM)").

import { MEM } from '../../core/units.js';
import { powershellTable } from '../cli/table.js';
import { two } from '../common.js';
import type { ProviderWorkload } from '../provider.js';
import { CONFIG_VERSION } from './defaults.js';
import type { HypervDriver } from './driver.js';

/** The simulation's clock starts at midnight UTC on 1 January 2026. */
const EPOCH = Date.UTC(2026, 0, 1);

/** The Get-VM table (also what -Passthru prints). */
export function vmTable(hv: HypervDriver, vms: readonly ProviderWorkload[]): string {
  // A VM that is off or saved uses no CPU and has no memory assigned, whatever the last sample said.
  const off = (v: ProviderWorkload) => v.state === 'stopped' || v.state === 'suspended' || v.state === 'failed' || v.state === 'provisioning';
  const rows = vms.map((v) => [
    v.name,
    v.nativeState,
    String(off(v) ? 0 : Math.round(v.cpuPct)),
    String(off(v) ? 0 : hv.sim.workloadRow(v.id)!.claim[MEM]),
    timeSpan(v.uptimeMs ?? 0),
    v.state === 'failed' ? 'Host failed' : 'Operating normally',
    CONFIG_VERSION,
  ]);
  return powershellTable(['Name', 'State', 'CPUUsage(%)', 'MemoryAssigned(M)', 'Uptime', 'Status', 'Version'], rows);
}

/** A .NET TimeSpan as it prints: [d.]hh:mm:ss[.fffffff], the fraction only when there is one. */
export function timeSpan(ms: number): string {
  const s = Math.floor(ms / 1000);
  const days = Math.floor(s / 86400);
  const ticks = Math.round((ms % 1000) * 10_000);
  return `${days > 0 ? `${days}.` : ''}${two(Math.floor((s % 86400) / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}${ticks > 0 ? `.${String(ticks).padStart(7, '0')}` : ''}`;
}

/** A date as the en-US culture prints it by default: "1/1/2026 12:05:00 AM". */
export function psDate(simMs: number): string {
  return `${shortDate(simMs)} ${longTime(simMs)}`;
}

function shortDate(simMs: number): string {
  const d = new Date(EPOCH + simMs);
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
}

function longTime(simMs: number): string {
  const d = new Date(EPOCH + simMs);
  const h = d.getUTCHours();
  return `${h % 12 === 0 ? 12 : h % 12}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

/** The name Checkpoint-VM gives a checkpoint when none is given. */
export function defaultCheckpointName(vm: string, simMs: number): string {
  return `${vm} - (${shortDate(simMs)} - ${longTime(simMs)})`;
}

/** A VM's ID (a GUID, shown in some errors): made from its name, so the same estate gives the same ID. */
export function vmGuid(name: string): string {
  // FNV-1a, four times with different offsets, for 128 bits.
  const parts = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b].map((seed) => {
    let h = seed >>> 0;
    for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
    return h.toString(16).padStart(8, '0').toUpperCase();
  });
  const hex = parts.join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
