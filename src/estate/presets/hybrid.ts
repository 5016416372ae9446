// Hybrid with cloud: a modest vSphere cluster on premises for the systems of
// record, a Docker host for the web tier's services, and an Azure-like region
// for the shop front and its batch jobs: the estate most companies now have;
// and Kubernetes on both sides, on the vSphere VMs and AKS-like in the cloud.

import type { UtilizationModel } from '../../core/model.js';
import type { Result } from '../../core/result.js';
import { gib, tib } from '../../core/units.js';
import { Estate } from '../estate.js';
import { noteBuilt } from './built.js';
import { addAksCluster, addOnPremCluster } from './clusters.js';
import { DEFAULT_WARMUP_MS } from './default.js';

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`hybrid estate: ${r.error.message}`);
  return r.value;
}

export function buildHybrid(seed = 1): Estate {
  const estate = new Estate({ name: 'hybrid estate', seed });
  const { sim, providers: p } = estate;
  must(sim.addSite({ id: 'dc-main', kind: 'datacenter', location: 'Frankfurt' }));
  must(sim.addCluster({ id: 'onprem', site: 'dc-main', platform: 'vmware', ha: { kind: 'slots', hostFailures: 1 } }));
  must(p.vmware.setDrs('onprem', { enabled: true, threshold: 3, mode: 'manual' }));
  for (let i = 1; i <= 3; i++)
    must(sim.addHost(p.vmware.hostInput({ id: `esx-0${i}`, cluster: 'onprem', cores: 32, memoryMiB: gib(384), storageMiB: tib(8), nicMbps: 25_000 })));
  const onprem: [string, number, number, number, UtilizationModel][] = [
    ['erp-app', 8, 32, 200, 'diurnal'],
    ['erp-db', 16, 128, 2000, 'steady'],
    ['crm', 4, 16, 100, 'diurnal'],
    ['ldap', 2, 4, 40, 'idle'],
    ['build', 8, 16, 300, 'bursty'],
    ['docker-01', 8, 32, 200, 'steady'],
  ];
  // A VMFS LUN the three hosts share (HA restarts and vMotion need it); thin disks, each written to about half.
  must(sim.addDatastore({ id: 'vmfs01', medium: 'san', clusters: ['onprem'], capacityMiB: tib(6) }));
  for (const [name, vcpus, mem, disk, model] of onprem) {
    const datastore = { id: 'vmfs01', format: 'thin', allocatedGiB: Math.round(disk / 2) } as const;
    must(p.vmware.create({ name, vcpus, memoryMiB: gib(mem), diskGiB: disk, image: 'rhel9_64Guest', model, initialState: 'running', datastore }));
  }
  must(sim.addCluster({ id: 'docker', site: 'dc-main', platform: 'docker' }));
  must(sim.addHost({ id: 'docker-01', cluster: 'docker', cores: 0, memoryMiB: 0, storageMiB: 0, backingWorkload: 'docker-01' }));
  for (const [name, image, limit] of [
    ['api-gateway', 'traefik:3', 256],
    ['orders', 'node:22-alpine', 512],
    ['queue', 'rabbitmq:3', 1024],
    ['cache', 'redis:7', 1024],
  ] as const) {
    const r = p.docker.run({ name, host: 'docker-01', image, memoryLimitMiB: limit, restart: 'always', initialState: 'running' });
    if (!r.ok) throw new Error(`hybrid estate: ${r.error.message}`);
  }
  must(sim.addBackupTarget({ id: 'backup-main', site: 'dc-main', capacityMiB: tib(40), throughputMiBps: 500 }));
  must(p.azure.createGroup('shop-rg', 'westeurope'));
  must(p.azure.createGroup('batch-rg', 'northeurope'));
  const cloud: [string, string, string, UtilizationModel][] = [
    ['shop-web-1', 'shop-rg', 'Standard_B2s', 'diurnal'],
    ['shop-web-2', 'shop-rg', 'Standard_B2s', 'diurnal'],
    ['shop-web-3', 'shop-rg', 'Standard_B2s', 'diurnal'],
    ['shop-api', 'shop-rg', 'Standard_D4s_v5', 'steady'],
    ['reporting', 'batch-rg', 'Standard_E4s_v5', 'bursty'],
    ['etl', 'batch-rg', 'Standard_F4s_v2', 'bursty'],
  ];
  for (const [name, group, size, model] of cloud) must(p.azure.create({ name, group, size, image: 'Ubuntu2404', model, initialState: 'running' }));
  // Kubernetes both ways: on the vSphere VMs (no load-balancer pool, so a LoadBalancer service waits <pending>), and AKS-like in the cloud.
  // The Kubernetes VMs have a vSphere cluster of their own, outside onprem's HA slots.
  must(sim.addCluster({ id: 'onprem-k8s', site: 'dc-main', platform: 'vmware' }));
  for (let i = 1; i <= 2; i++)
    must(sim.addHost(p.vmware.hostInput({ id: `esx-k8s-0${i}`, cluster: 'onprem-k8s', cores: 32, memoryMiB: gib(256), storageMiB: tib(4), nicMbps: 25_000 })));
  addOnPremCluster(estate, {
    name: 'k8s-onprem',
    site: 'dc-main',
    platform: 'vmware',
    vmCluster: 'onprem-k8s',
    workers: 2,
    vcpus: 4,
    memoryGiB: 16,
  });
  addAksCluster(estate, { name: 'shop-aks', group: 'shop-rg', region: 'westeurope', nodes: 3, size: 'Standard_D2s_v5' });
  noteBuilt(sim);
  sim.advance(DEFAULT_WARMUP_MS);
  return estate;
}
