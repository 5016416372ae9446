// A container host inside a VM has that VM's size: when the VM is resized (or
// reverted, or restored, to another size), so is the host, and its capacity with it.
import { capacityOf, scaleOf } from './hosts.js';
import type { Core } from './state.js';

export function followVmSize(core: Core, w: number): void {
  const h = core.workloads.backs[w];
  if (h < 0) return;
  const host = core.hosts.records[h];
  host.cores = core.workloads.cpuMilli[w] / 1000;
  host.memoryMiB = core.workloads.memoryMiB[w];
  host.storageMiB = core.workloads.diskMiB[w];
  core.hosts.refreshPhysical(h);
  core.ledger.setCapacity(h, capacityOf(host), scaleOf(host));
  core.placer.hostReshaped(host.platform);
}
