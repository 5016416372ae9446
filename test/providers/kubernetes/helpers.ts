// The built-in estate with its "lab" cluster, and a runner that answers a line
// as `hyperpane exec` does (returning when the real command would).
import { join } from 'node:path';
import type { Estate } from '../../../src/estate/estate.js';
import { buildDefaultEstate } from '../../../src/estate/presets/default.js';
import { runLine } from '../../../src/estate/script.js';

/** The course manifest the issue names: a Deployment of three nginx:1.20 and a LoadBalancer Service. */
export const WEB_APP = join(import.meta.dirname, '../../../demo/web-app.yaml');

export function lab(seed = 1): { estate: Estate; run: (line: string) => ReturnType<typeof runLine>; sleep: (s: number) => void } {
  const estate = buildDefaultEstate(seed);
  return {
    estate,
    run: (line: string) => runLine(estate, line),
    sleep: (s: number) => estate.sim.advance(s * 1000),
  };
}

/** The table's rows as arrays of cells (split on runs of two or more spaces). */
export function rows(stdout: string): string[][] {
  return stdout
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((l) => l.trim().split(/\s{2,}/));
}
