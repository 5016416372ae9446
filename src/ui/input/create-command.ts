// The native command a console form's create stands for, per platform: what the
// policy point judges, and what the audit trail records, for `n`.
import type { Platform } from '../../core/model.js';
import type { Estate } from '../../estate/estate.js';
import type { CreateRequest } from '../../providers/provider.js';

export function createCommand(estate: Estate, platform: Platform, r: CreateRequest): string {
  const mem = r.memoryMiB ?? 2048;
  const cpus = r.vcpus ?? 1;
  switch (platform) {
    case 'vmware':
      return `govc vm.create -c ${cpus} -m ${mem}${r.host ? ` -host ${r.host}` : ''} ${r.name}`;
    case 'hyperv':
      return `New-VM -Name ${r.name} -MemoryStartupBytes ${mem}MB${r.host ? ` -ComputerName ${r.host}` : ''}`;
    case 'kvm':
      return `virt-install --name ${r.name} --memory ${mem} --vcpus ${cpus} --import --noautoconsole${r.host ? ` --connect qemu+ssh://${r.host}/system` : ''}`;
    case 'docker':
      return `docker${r.host && r.host !== estate.providers.docker.currentHost() ? ` -H ssh://${r.host}` : ''} run -d --name ${r.name} ${r.image ?? 'nginx'}`;
    case 'azure':
      return `az vm create -g ${r.group ?? ''} -n ${r.name} --image ${r.image ?? 'Ubuntu2404'} --size ${r.size ?? 'Standard_B1s'}`;
  }
}
