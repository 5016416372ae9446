// An estate: one simulation and the five drivers that manage it.
import { Simulation, type SimulationOptions } from '../core/simulation.js';
import { Providers } from '../providers/registry.js';

export class Estate {
  readonly sim: Simulation;
  readonly providers: Providers;
  /** The older file format this estate was read from and converted, if it was. */
  convertedFrom?: number;

  /** A new estate, or one around a simulation already built (a loaded file). */
  constructor(from: SimulationOptions | Simulation = {}) {
    this.sim = from instanceof Simulation ? from : new Simulation(from);
    this.providers = new Providers(this.sim);
  }

  get name(): string {
    return this.sim.name;
  }
}
