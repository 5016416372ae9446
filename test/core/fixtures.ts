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

/** A VM's disk on the cluster's shared datastore (cluster(..., { shared: true })), allocated whole. */
export const SHARED = { datastore: { id: 'shared', format: 'thick' } } as const;

/**
 * One site, one cluster of `platform`, the given hosts, and a SAN datastore they all mount (10 TiB, "shared";
 * `shared: false` leaves it out) for the VMs that live-migrate or restart elsewhere (vm(..., SHARED)), as a
 * vSphere or Hyper-V cluster has.
 */
export function cluster(hosts: HostShape[], opts: { platform?: Platform; ha?: HaPolicy; seed?: number; shared?: boolean } = {}): Simulation {
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
  if (opts.shared !== false) must(sim.addDatastore({ id: 'shared', medium: 'san', clusters: ['c1'], capacityMiB: gib(10 * 1024) }));
  return sim;
}

/** A running KVM VM with a 10 GiB disk on its host's own storage (with SHARED: on the cluster's shared datastore). */
export function vm(id: string, cpus: number, memGiB: number, extra: Partial<WorkloadInput> = {}): WorkloadInput {
  return { id, platform: 'kvm', cpuMilli: vcpu(cpus), memoryMiB: gib(memGiB), diskMiB: gib(10), initialState: 'running', ...extra };
}
