// An estate: one simulation and the five drivers that manage it.
import { Simulation, type SimulationOptions } from '../core/simulation.js';
import type { FileIdentity } from '../files/identity.js';
import { readManifest } from '../files/read-manifest.js';
import { readText } from '../files/read-text.js';
import { Providers } from '../providers/registry.js';

export class Estate {
  readonly sim: Simulation;
  readonly providers: Providers;
  /** The older file format this estate was read from and converted, if it was. */
  convertedFrom?: number;
  /**
   * The files this estate was read from or saved to (by real path), each as it
   * was then: a save over one that has changed since is a conflict, not a silent overwrite.
   */
  readonly files = new Map<string, FileIdentity>();

  /** A new estate, or one around a simulation already built (a loaded file). */
  constructor(from: SimulationOptions | Simulation = {}) {
    this.sim = from instanceof Simulation ? from : new Simulation(from);
    this.providers = new Providers(this.sim);
    this.providers.kubernetes.readFile = readManifest;
    this.providers.kvm.readFile = readManifest;
    this.providers.readText = readText;
  }

  get name(): string {
    return this.sim.name;
  }
}
