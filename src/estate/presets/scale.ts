// A large estate for benchmarks and the scale and huge presets: 10,000 hosts (or
// 100,000) in clusters of 32 identical hosts (as clusters are bought), across four
// datacenters and the three hypervisors, and ten VMs a host of everyday sizes,
// which fill it to about 40%.
import type { PlacementPolicy, Platform, UtilizationModel } from '../../core/model.js';
import { Prng } from '../../core/prng.js';
import type { WorkloadInput } from '../../core/simulation.js';
import type { SimulationApi } from '../../core/simulation-api.js';
import { gib, tib, vcpu } from '../../core/units.js';
import { Estate } from '../estate.js';
import { noteBuilt } from './built.js';
import { addScaleNetworks, scaleManagementVlan } from './scale-networks.js';

export const HOSTS_PER_CLUSTER = 32;
const SITES = ['dc-ams', 'dc-fra', 'dc-iad', 'dc-sjc'];
const PLATFORMS: Platform[] = ['vmware', 'vmware', 'hyperv', 'kvm'];
const HOST_MODELS = [
  { cores: 32, memGiB: 384 },
  { cores: 48, memGiB: 512 },
  { cores: 64, memGiB: 768 },
  { cores: 40, memGiB: 256 },
];
const VCPUS = [1, 2, 2, 2, 4, 4, 4, 8, 8, 16];
const MEMORY_GIB = [2, 4, 4, 8, 8, 8, 16, 16, 32, 64];
const MODELS: UtilizationModel[] = ['idle', 'idle', 'steady', 'steady', 'diurnal', 'bursty'];

/** Adds sites, clusters and `hosts` hosts to an empty simulation. */
export function addScaleHosts(sim: SimulationApi, hosts: number): void {
  for (const id of SITES) sim.addSite({ id, kind: 'datacenter' });
  const clusters = Math.ceil(hosts / HOSTS_PER_CLUSTER);
  for (let c = 0; c < clusters; c++) {
    const platform = PLATFORMS[c % PLATFORMS.length];
    const id = `${platform}-c${String(c).padStart(4, '0')}`;
    // Each cluster's hosts on a management VLAN of their own (scale-networks.ts): one /24 of a site holds 240.
    sim.addCluster({ id, site: SITES[c % SITES.length], platform, managementVlan: scaleManagementVlan(Math.floor(c / SITES.length)) });
    const model = HOST_MODELS[c % HOST_MODELS.length];
    for (let i = 0; i < HOSTS_PER_CLUSTER && c * HOSTS_PER_CLUSTER + i < hosts; i++) {
      sim.addHost({
        id: `${id}-h${String(i).padStart(2, '0')}`,
        cluster: id,
        cores: model.cores,
        memoryMiB: gib(model.memGiB),
        storageMiB: tib(20),
        ratios: { cpu: 4 },
      });
    }
  }
}

/** `n` VM definitions of everyday sizes, the same for the same seed. */
export function scaleWorkloads(n: number, policy: PlacementPolicy, seed = 1): WorkloadInput[] {
  const rng = new Prng(seed);
  const out: WorkloadInput[] = [];
  for (let i = 0; i < n; i++) {
    const platform = PLATFORMS[i % PLATFORMS.length];
    out.push({
      id: `vm-${String(i).padStart(6, '0')}`,
      platform,
      cpuMilli: vcpu(rng.pick(VCPUS)),
      memoryMiB: gib(rng.pick(MEMORY_GIB)),
      diskMiB: gib(rng.pick([40, 60, 100, 200])),
      model: rng.pick(MODELS),
      initialState: 'running',
      placement: { policy },
    });
  }
  return out;
}

/** How often a build says how far it has got: a million workloads take seconds. */
const PROGRESS_EVERY = 50_000;

export function buildScaleEstate(
  options: {
    name?: string;
    hosts?: number;
    workloads?: number;
    policy?: PlacementPolicy;
    seed?: number;
    progress?: (done: number, total: number) => void;
  } = {},
): Estate {
  const estate = new Estate({ name: options.name ?? 'scale estate', seed: options.seed ?? 1 });
  const sim = estate.sim;
  const hosts = options.hosts ?? 10_000;
  const workloads = options.workloads ?? 100_000;
  sim.reserve({ hosts, workloads });
  addScaleHosts(sim, hosts);
  const inputs = scaleWorkloads(workloads, options.policy ?? 'spread', options.seed);
  for (let i = 0; i < inputs.length; i++) {
    const r = sim.createWorkload(inputs[i]);
    if (!r.ok) throw new Error(`scale estate: ${r.error.message}`);
    if (options.progress && (i + 1) % PROGRESS_EVERY === 0) options.progress(i + 1, inputs.length);
  }
  addScaleNetworks(sim, estate.providers);
  noteBuilt(sim);
  return estate;
}
