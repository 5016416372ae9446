// Measured power models by server model: watts at 0%, 10%, ..., 100% CPU load, as
// CloudSim ships them (Cloudslab/cloudsim, modules/cloudsim/src/main/java/org/
// cloudbus/cloudsim/power/models/PowerModelSpecPower*.java), each from the
// SPECpower_ssj2008 result its class names. An estate file names one as a host's
// `power: { "model": "hp-proliant-ml110-g5" }`.

import type { HostPower } from '../core/power.js';
import { measuredPower } from '../core/power.js';

export interface PowerModelEntry {
  readonly name: string;
  /** What the server is, as CloudSim's class comment says. */
  readonly description: string;
  /** The SPECpower_ssj2008 result the readings come from. */
  readonly source: string;
  readonly watts: readonly number[];
}

export const POWER_MODELS: readonly PowerModelEntry[] = [
  {
    // PowerModelSpecPowerHpProLiantMl110G4Xeon3040
    name: 'hp-proliant-ml110-g4',
    description: 'HP ProLiant ML110 G4 (1 x Xeon 3040 1860 MHz, 2 cores, 4 GB)',
    source: 'http://www.spec.org/power_ssj2008/results/res2011q1/power_ssj2008-20110127-00342.html',
    watts: [86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117],
  },
  {
    // PowerModelSpecPowerHpProLiantMl110G5Xeon3075
    name: 'hp-proliant-ml110-g5',
    description: 'HP ProLiant ML110 G5 (1 x Xeon 3075 2660 MHz, 2 cores, 4 GB)',
    source: 'http://www.spec.org/power_ssj2008/results/res2011q1/power_ssj2008-20110124-00339.html',
    watts: [93.7, 97, 101, 105, 110, 116, 121, 125, 129, 133, 135],
  },
  {
    // PowerModelSpecPowerIbmX3550XeonX5670
    name: 'ibm-x3550-m3-x5670',
    description: 'IBM System x3550 M3 (2 x Xeon X5670 2933 MHz, 6 cores, 12 GB)',
    source: 'http://www.spec.org/power_ssj2008/results/res2010q2/power_ssj2008-20100315-00239.html',
    watts: [66, 107, 120, 131, 143, 156, 173, 191, 211, 229, 247],
  },
  {
    // PowerModelSpecPowerIbmX3550XeonX5675
    name: 'ibm-x3550-m3-x5675',
    description: 'IBM System x3550 M3 (2 x Xeon X5675 3067 MHz, 6 cores, 16 GB)',
    source: 'http://www.spec.org/power_ssj2008/results/res2011q2/power_ssj2008-20110406-00368.html',
    watts: [58.4, 98, 109, 118, 128, 140, 153, 170, 189, 205, 222],
  },
];

/** The catalogue's model of that name, as a host's power. */
export function powerModel(name: string): HostPower | undefined {
  const m = POWER_MODELS.find((p) => p.name === name);
  return m && measuredPower(m.watts, m.name);
}

/** Whether a host's power is exactly a catalogue model (so a file can name it rather than list its readings). */
export function isCatalogued(p: HostPower): boolean {
  const m = p.model === undefined ? undefined : POWER_MODELS.find((e) => e.name === p.model);
  return m !== undefined && p.table !== undefined && m.watts.length === p.table.length && m.watts.every((w, i) => w === p.table![i]);
}
