// The estates hyperpane can start from.
import type { Estate } from '../estate.js';
import { buildDefaultEstate } from './default.js';
import { buildScaleEstate } from './scale.js';

export interface Preset {
  readonly description: string;
  build(seed: number): Estate;
}

export const PRESETS: Record<string, Preset> = {
  default: { description: 'two datacenters and a cloud region: ESXi, Hyper-V, KVM, Docker and Azure, 31 workloads', build: buildDefaultEstate },
  scale: { description: '10,000 hosts and 100,000 VMs across four datacenters', build: (seed) => buildScaleEstate({ seed }) },
};

export function presetNames(): string[] {
  return Object.keys(PRESETS);
}
