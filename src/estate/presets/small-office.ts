// A small office: one server room, a two-node Hyper-V failover cluster running
// the office's Windows servers and a Linux VM that hosts Docker, and a NAS-like
// backup target. What a one-person IT department looks after.
import type { Result } from '../../core/result.js';
import { gib, tib } from '../../core/units.js';
import { Estate } from '../estate.js';
import { noteBuilt } from './built.js';
import { DEFAULT_WARMUP_MS } from './default.js';
import { runLines } from './run-line.js';

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`small-office estate: ${r.error.message}`);
  return r.value;
}

export function buildSmallOffice(seed = 1): Estate {
  const estate = new Estate({ name: 'small office', seed });
  const { sim, providers: p } = estate;
  must(sim.addSite({ id: 'office', kind: 'datacenter', location: 'the back room' }));
  must(sim.addCluster({ id: 'hv-cluster', site: 'office', platform: 'hyperv', haRestart: true }));
  for (const id of ['hv-01', 'hv-02'])
    must(
      sim.addHost(
        p.hyperv.hostInput({ id, cluster: 'hv-cluster', cores: 16, memoryMiB: gib(128), storageMiB: tib(4), nicMbps: 10_000, power: { idleW: 90, maxW: 260 } }),
      ),
    );
  must(p.hyperv.addSwitch('External', 'External', 'Ethernet 1'));
  const vms: [string, number, number, number, 'idle' | 'steady' | 'diurnal'][] = [
    ['dc-01', 2, 4, 60, 'idle'],
    ['files', 4, 8, 2000, 'diurnal'],
    ['print', 1, 2, 40, 'idle'],
    ['accounting', 4, 16, 200, 'diurnal'],
    ['docker-host', 4, 16, 200, 'steady'],
  ];
  // The two nodes' Cluster Shared Volume on a small SAN: failover needs storage both see. Dynamic VHDX, half written.
  must(sim.addDatastore({ id: 'Volume1', medium: 'san', clusters: ['hv-cluster'], capacityMiB: tib(4) }));
  for (const [name, vcpus, mem, disk, model] of vms)
    must(
      p.hyperv.create({
        datastore: { id: 'Volume1', format: 'thin', allocatedGiB: Math.round(disk / 2) },
        name,
        vcpus,
        memoryMiB: gib(mem),
        diskGiB: disk,
        image: name === 'docker-host' ? 'ubuntu-24.04' : 'windows-server-2022',
        model,
        initialState: 'running',
      }),
    );
  // One flat office LAN: every VM on the External switch, untagged, behind the office's router.
  runLines(
    estate,
    'small-office',
    vms.map(([name]) => `Connect-VMNetworkAdapter -VMName ${name} -SwitchName External`),
  );
  must(sim.addCluster({ id: 'containers', site: 'office', platform: 'docker' }));
  must(sim.addHost({ id: 'docker-host', cluster: 'containers', cores: 0, memoryMiB: 0, storageMiB: 0, backingWorkload: 'docker-host' }));
  for (const [name, image, limit] of [
    ['wiki', 'nginx:1.27', 256],
    ['helpdesk', 'node:22-alpine', 512],
    ['db', 'postgres:16', 1024],
  ] as const) {
    const r = p.docker.run({ name, host: 'docker-host', image, memoryLimitMiB: limit, restart: 'unless-stopped', initialState: 'running' });
    if (!r.ok) throw new Error(`small-office estate: ${r.error.message}`);
  }
  must(sim.addBackupTarget({ id: 'nas', site: 'office', capacityMiB: tib(8), throughputMiBps: 150 }));
  noteBuilt(sim);
  sim.advance(DEFAULT_WARMUP_MS);
  return estate;
}
