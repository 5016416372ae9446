// An enterprise datacenter pair: a production vSphere cluster with HA and DRS
// and a smaller DR cluster at the second site, a Hyper-V failover cluster for the
// Windows estate, a KVM cluster for Linux services and CI, two Docker hosts,
// backup repositories at both sites, and the production databases replicated to
// the DR site. About two hundred workloads, some busy, many idle, as estates are.

import type { UtilizationModel } from '../../core/model.js';
import { Prng } from '../../core/prng.js';
import type { Result } from '../../core/result.js';
import { gib, tib } from '../../core/units.js';
import { NETWORK_ATTR } from '../../providers/kvm/networks.js';
import { Estate } from '../estate.js';
import { noteBuilt } from './built.js';
import { addAksCluster, addOnPremCluster } from './clusters.js';
import { DEFAULT_WARMUP_MS } from './default.js';
import { runLines } from './run-line.js';

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`enterprise estate: ${r.error.message}`);
  return r.value;
}

const MODELS: UtilizationModel[] = ['idle', 'idle', 'steady', 'diurnal', 'diurnal', 'bursty'];

export function buildEnterprise(seed = 1): Estate {
  const estate = new Estate({ name: 'enterprise datacenters', seed });
  const { sim, providers: p } = estate;
  const rng = new Prng(seed ^ 0x5eed);
  must(sim.addSite({ id: 'dc-prod', kind: 'datacenter', location: 'Amsterdam' }));
  must(sim.addSite({ id: 'dc-dr', kind: 'datacenter', location: 'Rotterdam' }));

  must(sim.addCluster({ id: 'vsphere-prod', site: 'dc-prod', platform: 'vmware', ha: { kind: 'percentage', cpuPct: 25, memoryPct: 25 } }));
  must(p.vmware.setDrs('vsphere-prod', { enabled: true, threshold: 3, mode: 'manual' }));
  for (let i = 1; i <= 8; i++)
    must(
      sim.addHost(
        p.vmware.hostInput({
          id: `esx-p${String(i).padStart(2, '0')}`,
          cluster: 'vsphere-prod',
          cores: 48,
          memoryMiB: gib(768),
          storageMiB: tib(20),
          nicMbps: 25_000,
        }),
      ),
    );
  must(sim.addCluster({ id: 'vsphere-dr', site: 'dc-dr', platform: 'vmware', ha: { kind: 'slots', hostFailures: 1 } }));
  for (let i = 1; i <= 4; i++)
    must(
      sim.addHost(
        p.vmware.hostInput({
          id: `esx-d${String(i).padStart(2, '0')}`,
          cluster: 'vsphere-dr',
          cores: 48,
          memoryMiB: gib(768),
          storageMiB: tib(20),
          nicMbps: 25_000,
        }),
      ),
    );
  must(sim.addCluster({ id: 'hyperv-win', site: 'dc-prod', platform: 'hyperv', haRestart: true }));
  for (let i = 1; i <= 4; i++)
    must(
      sim.addHost(p.hyperv.hostInput({ id: `hv-${String(i).padStart(2, '0')}`, cluster: 'hyperv-win', cores: 32, memoryMiB: gib(512), storageMiB: tib(10) })),
    );
  must(p.hyperv.addSwitch('External', 'External', 'Ethernet 1'));
  must(sim.addCluster({ id: 'kvm-linux', site: 'dc-prod', platform: 'kvm' }));
  for (let i = 1; i <= 4; i++)
    must(sim.addHost(p.kvm.hostInput({ id: `kvm-${String(i).padStart(2, '0')}`, cluster: 'kvm-linux', cores: 32, memoryMiB: gib(256), storageMiB: tib(8) })));

  // Shared storage where HA and vMotion need it: a VMFS LUN per vSphere cluster, a Cluster Shared Volume for Hyper-V.
  // Thin disks, each written to about half. The KVM cluster keeps its disks on its hosts.
  must(sim.addDatastore({ id: 'prod-vmfs01', medium: 'san', clusters: ['vsphere-prod'], capacityMiB: tib(24) }));
  must(sim.addDatastore({ id: 'dr-vmfs01', medium: 'san', clusters: ['vsphere-dr'], capacityMiB: tib(24) }));
  must(sim.addDatastore({ id: 'Volume1', medium: 'san', clusters: ['hyperv-win'], capacityMiB: tib(8) }));
  const thinOn = (id: string, diskGiB: number) => ({ id, format: 'thin', allocatedGiB: Math.round(diskGiB / 2) }) as const;
  const pick = <T>(xs: readonly T[]) => xs[rng.int(0, xs.length - 1)];
  for (let i = 1; i <= 60; i++) {
    // Drawn in this order, as the estate always has been.
    const vcpus = pick([2, 4, 4, 8]);
    const memoryMiB = gib(pick([8, 16, 16, 32]));
    const diskGiB = pick([60, 100, 200]);
    must(
      p.vmware.create({
        name: `app-${String(i).padStart(3, '0')}`,
        vcpus,
        memoryMiB,
        diskGiB,
        image: 'rhel9_64Guest',
        model: pick(MODELS),
        cluster: 'vsphere-prod',
        initialState: 'running',
        datastore: thinOn('prod-vmfs01', diskGiB),
      }),
    );
  }
  for (let i = 1; i <= 4; i++)
    must(
      p.vmware.create({
        name: `db-${String(i).padStart(2, '0')}`,
        vcpus: 16,
        memoryMiB: gib(128),
        diskGiB: 2000,
        image: 'rhel9_64Guest',
        model: 'steady',
        cluster: 'vsphere-prod',
        initialState: 'running',
        datastore: thinOn('prod-vmfs01', 2000),
      }),
    );
  for (let i = 1; i <= 40; i++)
    must(
      p.hyperv.create({
        name: `win-${String(i).padStart(3, '0')}`,
        vcpus: pick([2, 4]),
        memoryMiB: gib(pick([4, 8, 16])),
        diskGiB: 120,
        image: 'windows-server-2022',
        model: pick(MODELS),
        initialState: 'running',
        datastore: thinOn('Volume1', 120),
      }),
    );
  for (let i = 1; i <= 24; i++)
    must(
      p.kvm.create({
        name: `svc-${String(i).padStart(3, '0')}`,
        vcpus: pick([2, 4, 8]),
        memoryMiB: gib(pick([4, 8, 16])),
        diskGiB: 80,
        image: 'debian12',
        model: pick(MODELS),
        initialState: 'running',
      }),
    );
  for (let i = 1; i <= 2; i++)
    must(p.kvm.create({ name: `dockervm-${i}`, vcpus: 16, memoryMiB: gib(64), diskGiB: 400, image: 'ubuntu24.04', model: 'steady', initialState: 'running' }));

  // Networks by role: the application VMs on VLAN 20, the databases on VLAN 30 (port groups of those names on
  // every host of both sites, so a replica failed over to dc-dr finds its network there and takes an address
  // of dc-dr's LAN), the Windows VMs on VLAN 40 through the External switch, the Linux services bridged onto
  // dc-prod's untagged LAN; both sites' routers route them.
  const esx = [
    ...Array.from({ length: 8 }, (_, i) => `esx-p${String(i + 1).padStart(2, '0')}`),
    ...Array.from({ length: 4 }, (_, i) => `esx-d${String(i + 1).padStart(2, '0')}`),
  ];
  runLines(estate, 'enterprise', [
    ...esx.flatMap((h) => [
      `govc host.portgroup.add -host ${h} -vswitch vSwitch0 -vlan 20 app`,
      `govc host.portgroup.add -host ${h} -vswitch vSwitch0 -vlan 30 db`,
    ]),
    'router dc-prod add 20 30 40',
    'router dc-dr add 20 30',
    ...Array.from({ length: 60 }, (_, i) => `govc vm.network.change -vm app-${String(i + 1).padStart(3, '0')} -net app ethernet-0`),
    ...Array.from({ length: 4 }, (_, i) => `govc vm.network.change -vm db-${String(i + 1).padStart(2, '0')} -net db ethernet-0`),
    ...Array.from({ length: 40 }, (_, i) => `win-${String(i + 1).padStart(3, '0')}`).flatMap((n) => [
      `Connect-VMNetworkAdapter -VMName ${n} -SwitchName External`,
      `Set-VMNetworkAdapterVlan -VMName ${n} -Access -VlanId 40`,
    ]),
  ]);
  for (const d of sim.workloadViews()) if (d.platform === 'kvm' && d.state !== 'deleted') sim.setAttrs(d.id, { ...d.attrs, [NETWORK_ATTR]: 'bridge=br0' });
  must(sim.addCluster({ id: 'docker-prod', site: 'dc-prod', platform: 'docker' }));
  for (let i = 1; i <= 2; i++)
    must(sim.addHost({ id: `docker-${i}`, cluster: 'docker-prod', cores: 0, memoryMiB: 0, storageMiB: 0, backingWorkload: `dockervm-${i}` }));
  const images = ['nginx:1.27', 'node:22-alpine', 'redis:7', 'python:3.12-slim', 'grafana/grafana:11', 'prom/prometheus:v2'];
  for (let i = 1; i <= 30; i++) {
    const r = p.docker.run({
      name: `svc-${i}`,
      host: `docker-${1 + (i % 2)}`,
      image: images[i % images.length],
      memoryLimitMiB: pick([256, 512, 1024]),
      restart: pick(['always', 'unless-stopped', 'on-failure'] as const),
      initialState: 'running',
    });
    if (!r.ok) throw new Error(`enterprise estate: ${r.error.message}`);
  }

  // Kubernetes on premises (kubeadm on vSphere VMs, with a MetalLB-style pool) and AKS-like in the cloud.
  addOnPremCluster(estate, {
    name: 'k8s-prod',
    site: 'dc-prod',
    platform: 'vmware',
    vmCluster: 'vsphere-prod',
    datastore: 'prod-vmfs01',
    workers: 3,
    vcpus: 8,
    memoryGiB: 32,
    loadBalancerPool: '10.20.0.250-10.20.0.254',
  });
  must(p.azure.createGroup('platform-rg', 'westeurope'));
  addAksCluster(estate, { name: 'platform-aks', group: 'platform-rg', region: 'westeurope', nodes: 3, size: 'Standard_D2s_v5' });
  must(sim.addBackupTarget({ id: 'backup-prod', site: 'dc-prod', capacityMiB: tib(200), throughputMiBps: 800 }));
  must(sim.addBackupTarget({ id: 'backup-dr', site: 'dc-dr', capacityMiB: tib(200), throughputMiBps: 800 }));
  for (let i = 1; i <= 4; i++) must(sim.replicate(`db-${String(i).padStart(2, '0')}`, 'dc-dr', 5 * 60_000));
  noteBuilt(sim);
  sim.advance(DEFAULT_WARMUP_MS);
  return estate;
}
