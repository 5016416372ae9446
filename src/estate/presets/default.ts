// The built-in estate a new user sees first: two datacenters and a cloud region;
// a dozen hosts across ESXi, Hyper-V and KVM; two Docker hosts, one of them
// inside a KVM VM; a resource group of cloud VMs. Some busy, some idle. Built
// through the drivers, so every object carries its platform's defaults.

import type { UtilizationModel } from '../../core/model.js';
import type { Result } from '../../core/result.js';
import { gib, tib } from '../../core/units.js';
import { DEFAULT_MAX_PODS } from '../../orchestrator/allocatable.js';
import { NETWORK_ATTR } from '../../providers/kvm/networks.js';
import { Estate } from '../estate.js';
import { noteBuilt } from './built.js';
import { runLines } from './run-line.js';

type Vm = [name: string, vcpus: number, memGiB: number, diskGiB: number, model: UtilizationModel, image: string, network: string, writtenGiB?: number];

// The networks by role, a three-tier layout on dc-east's LAN: a VLAN each for the
// web, application and database tiers and one for the Windows servers, each with
// a gateway on the site's router so the tiers reach each other (and a guest's own
// firewall is what keeps them apart). vSphere VMs are on port groups of those VLANs;
// Hyper-V VMs on the External switch with the adapter's VLAN. In dc-west the lab's
// services are bridged onto its LAN; the CI runners and the dev box stay on their
// host's libvirt NAT network, reaching out but reached by nothing from outside it.
const VLANS = { web: 10, app: 20, db: 30, servers: 40 } as const;

const VMWARE: Vm[] = [
  ['web-01', 2, 4, 40, 'diurnal', 'ubuntu64Guest', 'web', 12],
  ['web-02', 2, 4, 40, 'diurnal', 'ubuntu64Guest', 'web', 12],
  ['web-03', 2, 4, 40, 'diurnal', 'ubuntu64Guest', 'web', 12],
  ['app-01', 4, 16, 80, 'steady', 'rhel9_64Guest', 'app', 30],
  ['app-02', 4, 16, 80, 'steady', 'rhel9_64Guest', 'app', 30],
  ['db-01', 8, 64, 500, 'steady', 'rhel9_64Guest', 'db', 350],
  ['db-02', 8, 64, 500, 'idle', 'rhel9_64Guest', 'db', 340],
  ['batch-01', 8, 32, 100, 'bursty', 'ubuntu64Guest', 'app', 40],
];

const HYPERV: Vm[] = [
  ['ad-01', 2, 8, 60, 'idle', 'windows-server-2022', 'servers', 24],
  ['ad-02', 2, 8, 60, 'idle', 'windows-server-2022', 'servers', 24],
  ['sql-01', 8, 48, 400, 'diurnal', 'windows-server-2022', 'db', 260],
  ['files-01', 4, 16, 2000, 'idle', 'windows-server-2022', 'servers', 1100],
  ['rdsh-01', 8, 32, 120, 'diurnal', 'windows-server-2022', 'servers', 60],
];

const KVM: Vm[] = [
  ['ci-runner-01', 8, 16, 200, 'bursty', 'debian12', 'default'],
  ['ci-runner-02', 8, 16, 200, 'bursty', 'debian12', 'default'],
  ['monitoring', 4, 8, 200, 'steady', 'debian12', 'bridge=br0'],
  ['dev-01', 2, 4, 40, 'idle', 'fedora40', 'default'],
  ['dockervm-01', 8, 32, 200, 'idle', 'ubuntu24.04', 'bridge=br0'],
];

type Container = [
  name: string,
  host: string,
  image: string,
  memoryLimit: string | undefined,
  restart: 'always' | 'unless-stopped' | 'on-failure' | undefined,
  model?: UtilizationModel,
];

const CONTAINERS: Container[] = [
  ['nginx', 'docker-01', 'nginx:1.27', '256m', 'unless-stopped'],
  ['api', 'docker-01', 'node:22-alpine', '512m', 'always'],
  ['redis', 'docker-01', 'redis:7', '1g', 'always'],
  ['postgres', 'docker-01', 'postgres:16', '2g', 'unless-stopped'],
  ['worker-1', 'docker-vm-01', 'python:3.12-slim', '256m', 'on-failure'],
  ['worker-2', 'docker-vm-01', 'python:3.12-slim', '256m', 'on-failure'],
  ['grafana', 'docker-vm-01', 'grafana/grafana:11', '512m', 'unless-stopped'],
  ['prometheus', 'docker-vm-01', 'prom/prometheus:v2', '1g', 'unless-stopped'],
];

type CloudVm = [name: string, size: string, model: UtilizationModel];

const CLOUD: CloudVm[] = [
  ['shop-web-1', 'Standard_B2s', 'diurnal'],
  ['shop-web-2', 'Standard_B2s', 'diurnal'],
  ['shop-api', 'Standard_D2s_v5', 'steady'],
  ['reports', 'Standard_E4s_v5', 'idle'],
  ['jumpbox', 'Standard_B1s', 'idle'],
];

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`default estate: ${r.error.message}`);
  return r.value;
}

const run = (estate: Estate, line: string) => runLines(estate, 'default', [line]);

/** An hour of history: uptimes, metrics and sparklines look lived-in from the first frame. */
export const DEFAULT_WARMUP_MS = 3_600_000;

export function buildDefaultEstate(seed = 1, warmupMs = DEFAULT_WARMUP_MS): Estate {
  const estate = new Estate({ name: 'hyperpane demo estate', seed });
  const { sim, providers: p } = estate;
  must(sim.addSite({ id: 'dc-east', kind: 'datacenter', location: 'Ashburn' }));
  must(sim.addSite({ id: 'dc-west', kind: 'datacenter', location: 'Portland' }));

  must(sim.addCluster({ id: 'vsphere-prod', site: 'dc-east', platform: 'vmware', ha: { kind: 'percentage', cpuPct: 25, memoryPct: 25 } }));
  // DRS recommends but does not move VMs by itself: the estate changes only by what you do (govc cluster.change -drs-mode fullyAutomated lets it).
  must(p.vmware.setDrs('vsphere-prod', { enabled: true, threshold: 3, mode: 'manual' }));
  for (let i = 1; i <= 4; i++)
    must(sim.addHost(p.vmware.hostInput({ id: `esx-0${i}`, cluster: 'vsphere-prod', cores: 32, memoryMiB: gib(256), storageMiB: tib(4), nicMbps: 25_000 })));

  // A failover cluster: its VMs are restarted on the other nodes when one fails.
  must(sim.addCluster({ id: 'hyperv-app', site: 'dc-east', platform: 'hyperv', haRestart: true }));
  for (let i = 1; i <= 3; i++)
    must(sim.addHost(p.hyperv.hostInput({ id: `hv-0${i}`, cluster: 'hyperv-app', cores: 24, memoryMiB: gib(192), storageMiB: tib(4) })));
  must(p.hyperv.addSwitch('External', 'External', 'Ethernet 1'));
  must(p.hyperv.addSwitch('Internal', 'Internal'));

  must(sim.addCluster({ id: 'kvm-lab', site: 'dc-west', platform: 'kvm' }));
  for (let i = 1; i <= 3; i++) must(sim.addHost(p.kvm.hostInput({ id: `kvm-0${i}`, cluster: 'kvm-lab', cores: 16, memoryMiB: gib(128), storageMiB: tib(2) })));

  must(sim.addCluster({ id: 'docker-east', site: 'dc-east', platform: 'docker' }));
  must(sim.addHost(p.docker.hostInput({ id: 'docker-01', cluster: 'docker-east', cores: 16, memoryMiB: gib(64), storageMiB: tib(1) })));

  // Shared storage: vSphere's VMs on a VMFS LUN of the SAN, thin, provisioned past its size (overcommitted) with
  // room to spare for now, and an NFS share beside it; Hyper-V's on a Cluster Shared Volume, dynamic VHDX. KVM's
  // lab keeps its disks on each host's own storage (libvirt's default pool).
  // The array behind the LUN serves 12,000 IOPS; its VMs ask about 80% of that at the estate's usual load, so a busy
  // hour or one more busy VM congests it (a scenario's figure, like its capacity).
  must(sim.addDatastore({ id: 'prod-lun01', medium: 'san', clusters: ['vsphere-prod'], capacityMiB: gib(1280), iops: 12_000 }));
  must(sim.addDatastore({ id: 'prod-nfs01', medium: 'nas', clusters: ['vsphere-prod'], capacityMiB: tib(4) }));
  must(sim.addDatastore({ id: 'Volume1', medium: 'san', clusters: ['hyperv-app'], capacityMiB: tib(6) }));

  for (const [role, vlan] of Object.entries(VLANS).filter(([role]) => role !== 'servers'))
    for (let i = 1; i <= 4; i++) run(estate, `govc host.portgroup.add -host esx-0${i} -vswitch vSwitch0 -vlan ${vlan} ${role}`);
  run(estate, `router dc-east add ${Object.values(VLANS).join(' ')}`);
  for (const [name, vcpus, mem, disk, model, image, network, written] of VMWARE) {
    const datastore = { id: 'prod-lun01', format: 'thin', allocatedGiB: written } as const;
    must(p.vmware.create({ name, vcpus, memoryMiB: gib(mem), diskGiB: disk, image, model, initialState: 'running', datastore }));
    run(estate, `govc vm.network.change -vm ${name} -net ${network} ethernet-0`);
  }
  for (const [name, vcpus, mem, disk, model, image, network, written] of HYPERV) {
    const datastore = { id: 'Volume1', format: 'thin', allocatedGiB: written } as const;
    must(p.hyperv.create({ name, vcpus, memoryMiB: gib(mem), diskGiB: disk, image, model, initialState: 'running', datastore }));
    run(estate, `Connect-VMNetworkAdapter -VMName ${name} -SwitchName External`);
    run(estate, `Set-VMNetworkAdapterVlan -VMName ${name} -Access -VlanId ${VLANS[network as keyof typeof VLANS]}`);
  }
  for (const [name, vcpus, mem, disk, model, image, network] of KVM) {
    must(p.kvm.create({ name, vcpus, memoryMiB: gib(mem), diskGiB: disk, image, model, initialState: 'running' }));
    // virt-install --network bridge=br0 puts the domain straight on the host's bridge to the LAN.
    const d = sim.workloadViews().find((w) => w.name === name && w.platform === 'kvm')!;
    if (network !== 'default') sim.setAttrs(d.id, { ...d.attrs, [NETWORK_ATTR]: network });
  }
  // A container host inside a VM of the estate: its capacity is that VM's.
  must(sim.addHost({ id: 'docker-vm-01', cluster: 'docker-east', cores: 0, memoryMiB: 0, storageMiB: 0, backingWorkload: 'dockervm-01' }));
  for (const [name, host, image, limit, restart, model] of CONTAINERS) {
    const r = p.docker.run({ name, host, image, memoryLimitMiB: limit ? parseLimit(limit) : undefined, restart, initialState: 'running', model });
    if (!r.ok) throw new Error(`default estate: ${r.error.message}`);
  }

  // A kubeadm cluster on the two Docker hosts, its control plane untainted so it runs pods too (as a
  // lab's small cluster is set up: kubectl taint nodes --all node-role.kubernetes.io/control-plane-), and
  // a MetalLB-style address pool for LoadBalancer services. The nodes' addresses are their hosts' on the sites' LANs:
  // docker-01's its own on dc-east's untagged LAN, docker-vm-01's its VM's (dockervm-01, bridged onto dc-west's); the
  // pool is the top of dc-east's untagged LAN, outside its DHCP scope, reached from the routed VLANs.
  const dockerVm = sim.workloadViews().find((w) => w.name === 'dockervm-01')!.id;
  p.kubernetes.addCluster(
    {
      name: 'lab',
      flavour: 'kubeadm',
      cloud: false,
      serviceCidr: '10.96.0.0/12',
      podCidr: '10.244.0.0/16',
      loadBalancerPool: '10.20.0.250-10.20.0.254',
      maxPods: DEFAULT_MAX_PODS,
    },
    [
      { name: 'docker-01', roles: ['control-plane'], internalIP: p.hostAddress('docker-01')! },
      { name: 'docker-vm-01', internalIP: p.kvm.siteLan().get(dockerVm)! },
    ],
  );

  // A backup repository in each datacenter (VMs are backed up with B or :backup).
  must(sim.addBackupTarget({ id: 'backup-east', site: 'dc-east', capacityMiB: tib(50), throughputMiBps: 400 }));
  must(sim.addBackupTarget({ id: 'backup-west', site: 'dc-west', capacityMiB: tib(50), throughputMiBps: 400 }));

  must(p.azure.createGroup('shop-rg', 'westeurope'));
  for (const [name, size, model] of CLOUD) must(p.azure.create({ name, group: 'shop-rg', size, image: 'Ubuntu2404', model, initialState: 'running' }));

  // Two hosts behind on patches, as estates are: esx-03 on ESXi 8.0 Update 3d, hv-02 on July 2025's update (posture/host-builds.ts).
  p.builds.set('esx-03', '24585383');
  p.builds.set('hv-02', '20348.3932');

  noteBuilt(sim);
  sim.advance(warmupMs);
  return estate;
}

function parseLimit(text: string): number {
  const n = Number(text.slice(0, -1));
  return text.endsWith('g') ? n * 1024 : n;
}
