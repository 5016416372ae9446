// What a host has left for a workload, said as its platform admits: a host whose
// admission limits a resource has that much free; one with no limit (ESXi memory,
// plain KVM) admits anything, so what is said is how much of its hardware is then
// provisioned.
import type { Simulation } from '../core/simulation.js';
import { CPU, formatMiB, MEM } from '../core/units.js';

function cpuText(milli: number): string {
  return `${Math.round(milli / 100) / 10} vCPU`;
}

/** "6 vCPU and 12 GiB free after", or "memory 140% provisioned after (no admission limit)". */
export function roomAfter(sim: Simulation, h: number, cpuMilli: number, memoryMiB: number): string {
  const ledger = sim.ledger;
  const part = (r: number, amount: number, show: (n: number) => string, name: string) => {
    const after = ledger.used(h, r) + amount;
    if (ledger.capacity(h, r) !== Infinity) return `${show(ledger.capacity(h, r) - after)} free`;
    return `${name} ${Math.round((100 * after) / Math.max(1, ledger.scale(h, r)))}% provisioned (no admission limit)`;
  };
  return `${part(CPU, cpuMilli, cpuText, 'CPU')} and ${part(MEM, memoryMiB, formatMiB, 'memory')} after`;
}
