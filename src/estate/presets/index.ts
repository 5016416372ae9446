// The estates hyperpane can start from.

import { table } from '../../core/own.js';
import type { Estate } from '../estate.js';
import { MAX_SAVED_WORKLOADS } from '../store.js';
import { buildDefaultEstate } from './default.js';
import { buildEnterprise } from './enterprise.js';
import { buildHybrid } from './hybrid.js';
import { buildScaleEstate } from './scale.js';
import { buildSmallOffice } from './small-office.js';

export interface Preset {
  readonly description: string;
  /** Builds it; a large one says how far it has got now and then (workloads placed of all). */
  build(seed: number, progress?: (done: number, total: number) => void): Estate;
  /** Why it cannot be written to an estate file, if it cannot. */
  readonly unsaveable?: string;
}

export const PRESETS: Readonly<Record<string, Preset>> = table<Preset>({
  default: { description: 'two datacenters and a cloud region: ESXi, Hyper-V, KVM, Docker and Azure, 31 workloads', build: (seed) => buildDefaultEstate(seed) },
  'small-office': {
    description: 'one server room: a two-node Hyper-V failover cluster, a Docker host inside a VM, a NAS for backups',
    build: buildSmallOffice,
  },
  enterprise: {
    description:
      'two datacenters: vSphere production and DR, Hyper-V, KVM, Docker, backups, databases replicated to DR, Kubernetes on vSphere and AKS-like; about 200 workloads',
    build: buildEnterprise,
  },
  hybrid: {
    description: 'on-premises vSphere and Docker, an Azure-like cloud in two regions for the shop and its batch jobs, Kubernetes on vSphere VMs and AKS-like',
    build: buildHybrid,
  },
  scale: { description: '10,000 hosts and 100,000 VMs across four datacenters', build: (seed, progress) => buildScaleEstate({ seed, progress }) },
  huge: {
    description: '100,000 hosts and 1,000,000 VMs across four datacenters, for rehearsing at the largest scale',
    build: (seed, progress) => buildScaleEstate({ name: 'huge estate', seed, hosts: 100_000, workloads: 1_000_000, progress }),
    unsaveable: `a million workloads is more than an estate file holds (${MAX_SAVED_WORKLOADS.toLocaleString('en-US')})`,
  },
});

export function presetNames(): string[] {
  return Object.keys(PRESETS);
}
