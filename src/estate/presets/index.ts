// The estates hyperpane can start from.

import { table } from '../../core/own.js';
import type { Estate } from '../estate.js';
import { buildDefaultEstate } from './default.js';
import { buildEnterprise } from './enterprise.js';
import { buildHybrid } from './hybrid.js';
import { buildScaleEstate } from './scale.js';
import { buildSmallOffice } from './small-office.js';

export interface Preset {
  readonly description: string;
  build(seed: number): Estate;
}

export const PRESETS: Readonly<Record<string, Preset>> = table<Preset>({
  default: { description: 'two datacenters and a cloud region: ESXi, Hyper-V, KVM, Docker and Azure, 31 workloads', build: buildDefaultEstate },
  'small-office': {
    description: 'one server room: a two-node Hyper-V failover cluster, a Docker host inside a VM, a NAS for backups',
    build: buildSmallOffice,
  },
  enterprise: {
    description: 'two datacenters: vSphere production and DR, Hyper-V, KVM, Docker, backups, databases replicated to DR; about 200 workloads',
    build: buildEnterprise,
  },
  hybrid: { description: 'on-premises vSphere and Docker, and an Azure-like cloud in two regions for the shop and its batch jobs', build: buildHybrid },
  scale: { description: '10,000 hosts and 100,000 VMs across four datacenters', build: (seed) => buildScaleEstate({ seed }) },
});

export function presetNames(): string[] {
  return Object.keys(PRESETS);
}
