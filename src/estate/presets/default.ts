// The built-in estate a new user sees first: two datacenters and a cloud region,
// a dozen hosts across ESXi, Hyper-V and KVM, two container hosts (one inside a
// KVM VM) and a handful of cloud VMs; some busy, some idle.
import { noteBuilt } from './built.js';
import { Simulation } from '../../core/simulation.js';
import { gib, tib, vcpu } from '../../core/units.js';
import type { Platform, UtilizationModel } from '../../core/model.js';

type Vm = [id: string, platform: Platform, vcpus: number, memGiB: number, diskGiB: number, model: UtilizationModel, image: string];

const VMS: Vm[] = [
  ['web-01', 'vmware', 2, 4, 40, 'diurnal', 'ubuntu-24.04'],
  ['web-02', 'vmware', 2, 4, 40, 'diurnal', 'ubuntu-24.04'],
  ['web-03', 'vmware', 2, 4, 40, 'diurnal', 'ubuntu-24.04'],
  ['app-01', 'vmware', 4, 16, 80, 'steady', 'rhel-9'],
  ['app-02', 'vmware', 4, 16, 80, 'steady', 'rhel-9'],
  ['db-01', 'vmware', 8, 64, 500, 'steady', 'rhel-9'],
  ['db-02', 'vmware', 8, 64, 500, 'idle', 'rhel-9'],
  ['batch-01', 'vmware', 8, 32, 100, 'bursty', 'ubuntu-24.04'],
  ['ad-01', 'hyperv', 2, 8, 60, 'idle', 'windows-server-2022'],
  ['ad-02', 'hyperv', 2, 8, 60, 'idle', 'windows-server-2022'],
  ['sql-01', 'hyperv', 8, 48, 400, 'diurnal', 'windows-server-2022'],
  ['files-01', 'hyperv', 4, 16, 2000, 'idle', 'windows-server-2022'],
  ['rdsh-01', 'hyperv', 8, 32, 120, 'diurnal', 'windows-server-2022'],
  ['ci-runner-01', 'kvm', 8, 16, 200, 'bursty', 'debian-12'],
  ['ci-runner-02', 'kvm', 8, 16, 200, 'bursty', 'debian-12'],
  ['monitoring', 'kvm', 4, 8, 200, 'steady', 'debian-12'],
  ['dev-01', 'kvm', 2, 4, 40, 'idle', 'fedora-40'],
  ['dockervm-01', 'kvm', 8, 32, 200, 'steady', 'ubuntu-24.04'],
];

type Container = [id: string, host: string, image: string, cpus: number, memMiB: number, model: UtilizationModel];

const CONTAINERS: Container[] = [
  ['nginx', 'docker-01', 'nginx:1.27', 1, 256, 'diurnal'],
  ['api', 'docker-01', 'node:22-alpine', 2, 1024, 'diurnal'],
  ['redis', 'docker-01', 'redis:7', 1, 2048, 'steady'],
  ['postgres', 'docker-01', 'postgres:16', 2, 4096, 'steady'],
  ['worker-1', 'docker-vm-01', 'python:3.12-slim', 1, 512, 'bursty'],
  ['worker-2', 'docker-vm-01', 'python:3.12-slim', 1, 512, 'bursty'],
  ['grafana', 'docker-vm-01', 'grafana/grafana:11', 1, 512, 'idle'],
  ['prometheus', 'docker-vm-01', 'prom/prometheus:v2', 1, 2048, 'steady'],
];

type CloudVm = [id: string, vcpus: number, memGiB: number, model: UtilizationModel];

const CLOUD_VMS: CloudVm[] = [
  ['shop-web-1', 2, 4, 'diurnal'],
  ['shop-web-2', 2, 4, 'diurnal'],
  ['shop-api', 2, 8, 'steady'],
  ['reports', 4, 16, 'idle'],
  ['jumpbox', 1, 1, 'idle'],
];

export function buildDefaultEstate(seed = 1): Simulation {
  const sim = new Simulation({ name: 'hyperpane demo estate', seed });
  const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
    if (!r.ok) throw new Error(`default estate: ${r.error.message}`);
    return r.value;
  };
  must(sim.addSite({ id: 'dc-east', kind: 'datacenter', location: 'Ashburn' }));
  must(sim.addSite({ id: 'dc-west', kind: 'datacenter', location: 'Portland' }));
  must(sim.addSite({ id: 'westeurope', kind: 'region', location: 'West Europe' }));
  must(sim.addCluster({ id: 'vsphere-prod', site: 'dc-east', platform: 'vmware', ha: { kind: 'percentage', cpuPct: 25, memoryPct: 25 } }));
  must(sim.addCluster({ id: 'hyperv-app', site: 'dc-east', platform: 'hyperv' }));
  must(sim.addCluster({ id: 'kvm-lab', site: 'dc-west', platform: 'kvm' }));
  must(sim.addCluster({ id: 'docker-east', site: 'dc-east', platform: 'docker' }));
  must(sim.addCluster({ id: 'westeurope-pool', site: 'westeurope', platform: 'azure' }));

  for (let i = 1; i <= 4; i++) must(sim.addHost({ id: `esx-0${i}`, cluster: 'vsphere-prod', cores: 32, memoryMiB: gib(256), storageMiB: tib(4), nicMbps: 25_000, ratios: { cpu: 4 } }));
  for (let i = 1; i <= 3; i++) must(sim.addHost({ id: `hv-0${i}`, cluster: 'hyperv-app', cores: 24, memoryMiB: gib(192), storageMiB: tib(4), ratios: { cpu: 4 } }));
  for (let i = 1; i <= 3; i++) must(sim.addHost({ id: `kvm-0${i}`, cluster: 'kvm-lab', cores: 16, memoryMiB: gib(128), storageMiB: tib(2), reserved: { memoryMiB: 512 }, ratios: { cpu: 4 } }));
  must(sim.addHost({ id: 'docker-01', cluster: 'docker-east', cores: 16, memoryMiB: gib(64), storageMiB: tib(1) }));
  // The cloud region's capacity is, for a customer, as good as unbounded; quotas are what limit it.
  must(sim.addHost({ id: 'westeurope-capacity', cluster: 'westeurope-pool', cores: 100_000, memoryMiB: tib(800), storageMiB: tib(100_000) }));

  for (const [id, platform, cpus, mem, disk, model, image] of VMS) {
    must(sim.createWorkload({ id, platform, cpuMilli: vcpu(cpus), memoryMiB: gib(mem), diskMiB: gib(disk), model, image, initialState: 'running' }));
  }
  must(sim.addHost({ id: 'docker-vm-01', cluster: 'docker-east', cores: 0, memoryMiB: 0, storageMiB: 0, backingWorkload: 'dockervm-01' }));
  for (const [id, host, image, cpus, mem, model] of CONTAINERS) {
    must(sim.createWorkload({ id, platform: 'docker', cpuMilli: vcpu(cpus), memoryMiB: mem, diskMiB: 500, model, image, host, initialState: 'running' }));
  }
  for (const [id, cpus, mem, model] of CLOUD_VMS) {
    must(sim.createWorkload({ id, platform: 'azure', cpuMilli: vcpu(cpus), memoryMiB: gib(mem), diskMiB: gib(30), model, image: 'Ubuntu2404', initialState: 'running' }));
  }
  noteBuilt(sim);
  return sim;
}
