// An estate: one simulation and the five drivers that manage it.
import { Simulation, type SimulationOptions } from '../core/simulation.js';
import { Providers } from '../providers/registry.js';

export class Estate {
  readonly sim: Simulation;
  readonly providers: Providers;

  constructor(options: SimulationOptions = {}) {
    this.sim = new Simulation(options);
    this.providers = new Providers(this.sim);
  }

  get name(): string {
    return this.sim.name;
  }
}
