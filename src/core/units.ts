// Units the core counts in. Everything is an integer so that claiming and freeing
// add and subtract exactly: CPU in millicores (1 vCPU = 1000), memory and disk in MiB.
import { table } from './own.js';

export const CPU = 0;
export const MEM = 1;
export const DISK = 2;
/** Number of resources the ledger tracks per host. */
export const RESOURCES = 3;
export const RESOURCE_NAMES = ['CPU', 'memory', 'disk'] as const;
export type ResourceName = (typeof RESOURCE_NAMES)[number];

export const MILLI_PER_VCPU = 1000;
export const MIB_PER_GIB = 1024;
export const MIB_PER_TIB = 1024 * 1024;

export type Amounts = readonly [cpuMilli: number, memoryMiB: number, diskMiB: number];

export function vcpu(n: number): number {
  return Math.round(n * MILLI_PER_VCPU);
}

export function gib(n: number): number {
  return Math.round(n * MIB_PER_GIB);
}

export function tib(n: number): number {
  return Math.round(n * MIB_PER_TIB);
}

function trimmed(n: number): string {
  // One decimal at most, without a trailing ".0": "6 GiB", "1.5 GiB".
  const s = n.toFixed(1);
  return s.endsWith('.0') ? s.slice(0, -2) : s;
}

export function formatMiB(mib: number): string {
  const abs = Math.abs(mib);
  if (abs >= MIB_PER_TIB) return `${trimmed(mib / MIB_PER_TIB)} TiB`;
  if (abs >= MIB_PER_GIB) return `${trimmed(mib / MIB_PER_GIB)} GiB`;
  return `${trimmed(mib)} MiB`;
}

export function formatCpu(milli: number): string {
  const v = milli / MILLI_PER_VCPU;
  return `${Number.isInteger(v) ? v : v.toFixed(2).replace(/0$/, '')} vCPU`;
}

export function formatAmount(resource: number, amount: number): string {
  return resource === CPU ? formatCpu(amount) : formatMiB(amount);
}

const SIZE_UNITS: Readonly<Record<string, number>> = table<number>({
  '': 1, // a bare number is MiB
  b: 1 / (1024 * 1024),
  k: 1 / 1024,
  kb: 1 / 1024,
  kib: 1 / 1024,
  m: 1,
  mb: 1,
  mib: 1,
  g: MIB_PER_GIB,
  gb: MIB_PER_GIB,
  gib: MIB_PER_GIB,
  t: MIB_PER_TIB,
  tb: MIB_PER_TIB,
  tib: MIB_PER_TIB,
  p: MIB_PER_TIB * 1024,
  pb: MIB_PER_TIB * 1024,
  pib: MIB_PER_TIB * 1024,
  e: MIB_PER_TIB * 1024 * 1024,
  eb: MIB_PER_TIB * 1024 * 1024,
  eib: MIB_PER_TIB * 1024 * 1024,
});

/**
 * Parses a size such as "64GiB", "512m", "1.5 TB" into MiB, or null if it is not one.
 * Binary multiples throughout, as docker, virsh and the Azure CLI all mean them.
 */
export function parseSizeMiB(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!m) return null;
  const factor = SIZE_UNITS[m[2].toLowerCase()];
  if (factor === undefined) return null;
  const value = Number(m[1]) * factor;
  return Number.isFinite(value) ? Math.round(value) : null;
}
