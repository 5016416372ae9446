// A workload's log as its platform's tools read it: a container's output (what
// docker logs prints: its image's start-up lines each time it starts), a VM's
// serial console (what virsh console and az vm boot-diagnostics get-boot-log
// show: its guest's boot, then its login prompt, and its shutdown). Written from
// the workload's runs (observe/workload-runs.ts), so the same events give the
// same log on every run.

import type { SimulationApi } from '../core/index.js';
import { type ConsoleGuest, consoleLines, guestOf } from '../observe/guest-console.js';
import { runsOf } from '../observe/workload-runs.js';
import { DOCKER_HOST_OS } from './docker/defaults.js';
import { type OutputLine, startOutput } from './docker/image-output.js';

/** What the guest's kernel calls the hypervisor under it (arch/x86/kernel/cpu: x86_hyper_vmware, _ms_hyperv, _kvm); Azure runs Hyper-V. */
const HYPERVISOR: Partial<Record<string, string>> = { vmware: 'VMware', hyperv: 'Microsoft Hyper-V', kvm: 'KVM', azure: 'Microsoft Hyper-V' };

export interface WorkloadLogLine {
  /** When it was written, ms of the virtual clock. */
  readonly at: number;
  readonly stream: 'stdout' | 'stderr' | 'console';
  readonly text: string;
}

/** What a container printed, run after run: its image's start-up output each time it came up. */
export function containerLog(sim: SimulationApi, id: string): OutputLine[] {
  const row = sim.workloadRow(id);
  if (!row) return [];
  const host = row.host === undefined ? undefined : sim.host(row.host);
  const cpus = host ? host.cores : 1;
  // A Docker host in a VM runs what the VM runs; every Docker host of the estate is built from one image.
  const kernel = DOCKER_HOST_OS.kernel;
  return runsOf(sim, id).flatMap((run) => (run.upAt === undefined ? [] : (startOutput(row.image, run.upAt, { cpus, kernel }) ?? [])));
}

/** A VM's serial console, boot after boot; undefined when its guest writes nothing to a serial port (Windows). */
export function consoleLog(sim: SimulationApi, id: string): WorkloadLogLine[] | undefined {
  const row = sim.workloadRow(id);
  if (!row) return undefined;
  const guest: ConsoleGuest | undefined = guestOf(row.image, row.name, row.cpuMilli / 1000, HYPERVISOR[row.platform]);
  if (!guest) return undefined;
  return runsOf(sim, id).flatMap((run) => consoleLines(guest, run).map((l) => ({ at: l.at, stream: 'console' as const, text: l.text })));
}

/** A workload's log, whichever kind it is: a container's output, a VM's console. */
export function workloadLog(sim: SimulationApi, id: string): WorkloadLogLine[] | undefined {
  const row = sim.workloadRow(id);
  if (!row) return undefined;
  if (row.kind === 'container') return containerLog(sim, id);
  return consoleLog(sim, id);
}
