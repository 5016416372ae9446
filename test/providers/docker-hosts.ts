// Two Docker hosts in one cluster, as the Docker tests use them, and a line run as
// `hyperpane exec` runs it: it returns when docker would, simulated time passing meanwhile.
import { Simulation } from '../../src/core/simulation.js';
import { gib } from '../../src/core/units.js';
import { returned } from '../../src/providers/blocking.js';
import { tokenize } from '../../src/providers/cli/tokenize.js';
import { DockerDriver } from '../../src/providers/docker/driver.js';

export function dockerHosts() {
  const sim = new Simulation({ seed: 2 });
  sim.addSite({ id: 'dc', kind: 'datacenter' });
  sim.addCluster({ id: 'd', site: 'dc', platform: 'docker' });
  const docker = new DockerDriver(sim);
  sim.addHost({ id: 'docker-01', cluster: 'd', cores: 4, memoryMiB: gib(8), storageMiB: gib(200) });
  sim.addHost({ id: 'docker-02', cluster: 'd', cores: 4, memoryMiB: gib(8), storageMiB: gib(200) });
  const words = (line: string) => {
    const t = tokenize(line);
    if (!t.ok) throw new Error(t.error);
    return t.words;
  };
  const run = (line: string) => returned(sim, docker.exec(words(line)));
  const id = (name: string, host = 'docker-01') => docker.containerId(`${host}/${name}`);
  return { sim, docker, run, words, id };
}
