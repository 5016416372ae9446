// What a host has left for a workload, said as its platform admits: a host whose
// admission limits a resource has that much free; one with no limit (ESXi memory,
// plain KVM) admits anything, so what is said is how much of its hardware is then
// provisioned.
import type { HostRow } from '../core/host-row.js';
import { CPU, formatMiB, MEM } from '../core/units.js';

function cpuText(milli: number): string {
  return `${Math.round(milli / 100) / 10} vCPU`;
}

/** "6 vCPU and 12 GiB free after", or "memory 140% provisioned after (no admission limit)". */
export function roomAfter(host: HostRow, cpuMilli: number, memoryMiB: number): string {
  const part = (r: number, amount: number, show: (n: number) => string, name: string) => {
    const after = host.used(r) + amount;
    if (host.capacity(r) !== Infinity) return `${show(host.capacity(r) - after)} free`;
    return `${name} ${Math.round((100 * after) / Math.max(1, host.scale(r)))}% provisioned (no admission limit)`;
  };
  return `${part(CPU, cpuMilli, cpuText, 'CPU')} and ${part(MEM, memoryMiB, formatMiB, 'memory')} after`;
}
