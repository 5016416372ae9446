// Small estates for core tests, built through the public Simulation API.
import type { HaPolicy, Platform } from '../../src/core/model.js';
import type { Result } from '../../src/core/result.js';
import { Simulation, type WorkloadInput } from '../../src/core/simulation.js';
import { gib, vcpu } from '../../src/core/units.js';

export function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

export interface HostShape {
  id: string;
  cores?: number;
  memGiB?: number;
  diskGiB?: number;
  cpuRatio?: number;
}

/** One site, one cluster of `platform`, the given hosts. */
export function cluster(hosts: HostShape[], opts: { platform?: Platform; ha?: HaPolicy; seed?: number } = {}): Simulation {
  const sim = new Simulation({ seed: opts.seed ?? 1 });
  const platform = opts.platform ?? 'kvm';
  must(sim.addSite({ id: 'dc1', kind: 'datacenter' }));
  must(sim.addCluster({ id: 'c1', site: 'dc1', platform, ha: opts.ha }));
  for (const h of hosts) {
    must(
      sim.addHost({
        id: h.id,
        cluster: 'c1',
        cores: h.cores ?? 16,
        memoryMiB: gib(h.memGiB ?? 64),
        storageMiB: gib(h.diskGiB ?? 1000),
        ratios: { cpu: h.cpuRatio ?? 1 },
      }),
    );
  }
  return sim;
}

export function vm(id: string, cpus: number, memGiB: number, extra: Partial<WorkloadInput> = {}): WorkloadInput {
  return { id, platform: 'kvm', cpuMilli: vcpu(cpus), memoryMiB: gib(memGiB), diskMiB: gib(10), initialState: 'running', ...extra };
}
