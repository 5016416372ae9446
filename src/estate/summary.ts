// A plain-text summary of an estate: what `hyperpane --summary` prints, for scripts
// and terminals that cannot host the console.
import stringWidth from 'string-width';
import { formatClockMs } from '../core/duration.js';
import { HYPERVISOR_LABEL } from '../core/model.js';
import { formatCpu, formatMiB } from '../core/units.js';
import { describeSites, hostCount, isCloudPool, plural } from './counts.js';
import type { Estate } from './estate.js';

/** `s` padded to `n` terminal columns, measured as the console measures them (a wide 東 takes two). */
function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - stringWidth(s)));
}

export function estateSummary(estate: Estate): string {
  const sim = estate.sim;
  const lines: string[] = [];
  const all = sim.hostViews();
  // Hosts as a user counts them (counts.ts); a cloud region's capacity pool is listed as its region.
  const hosts = all.filter((h) => !isCloudPool(h.platform));
  const pools = all.filter((h) => isCloudPool(h.platform));
  const workloads = sim.workloadViews();
  const count = hostCount(sim);
  lines.push(`${sim.name} - sim time ${formatClockMs(sim.now)} - seed ${sim.seed}`);
  lines.push(`${describeSites(sim)}, ${plural(sim.clusters().length, 'cluster')}, ${count.connected}/${plural(count.hosts, 'host')} connected`);
  lines.push('');
  lines.push(
    `${pad('HOST', 22)}${pad('HYPERVISOR', 11)}${pad('CLUSTER', 17)}${pad('STATE', 12)}${pad('CPU%', 7)}${pad('MEM%', 7)}${pad('ALLOCATED', 26)}WORKLOADS`,
  );
  for (const h of hosts) {
    const allocated = `${formatCpu(h.allocated.cpuMilli)}, ${formatMiB(h.allocated.memoryMiB)}`;
    lines.push(
      `${pad(h.id, 22)}${pad(HYPERVISOR_LABEL[h.platform], 11)}${pad(h.cluster, 17)}${pad(h.state, 12)}` +
        `${pad(h.cpuPct.toFixed(0), 7)}${pad(h.memoryPct.toFixed(0), 7)}${pad(allocated, 26)}${h.workloads}`,
    );
  }
  if (pools.length > 0) {
    lines.push('');
    lines.push(`${pad('REGION', 22)}${pad('CLOUD', 11)}${pad('STATE', 12)}${pad('ALLOCATED', 26)}CLOUD VMS`);
    for (const p of pools) {
      const allocated = `${formatCpu(p.allocated.cpuMilli)}, ${formatMiB(p.allocated.memoryMiB)}`;
      lines.push(
        `${pad(p.site, 22)}${pad(HYPERVISOR_LABEL[p.platform], 11)}${pad(p.state === 'connected' ? 'available' : p.state, 12)}${pad(allocated, 26)}${p.workloads}`,
      );
    }
  }
  lines.push('');
  for (const kind of ['vm', 'container', 'cloud-vm'] as const) {
    const of = workloads.filter((w) => w.kind === kind);
    const byState = new Map<string, number>();
    for (const w of of) byState.set(w.state, (byState.get(w.state) ?? 0) + 1);
    const states = [...byState.entries()].map(([s, n]) => `${n} ${s}`).join(', ');
    lines.push(`${pad(kind === 'vm' ? 'VMs' : kind === 'container' ? 'Containers' : 'Cloud VMs', 12)}${of.length} (${states || 'none'})`);
  }
  lines.push('');
  lines.push('Recent events:');
  for (const e of sim.log.recent(5).reverse()) lines.push(`  ${formatClockMs(e.at)}  ${e.message}`);
  return lines.join('\n');
}
