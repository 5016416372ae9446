// A cloud VM priced anew (az vm resize): its hourly rate changes from now, what it
// cost at the old rate accrued first, and its CPU credits follow the new size: a
// burstable size keeps what it banked up to the new cap, any other stops bursting.
import { setRate } from '../billing.js';
import { fail, ok, type Result } from '../result.js';
import type { Core } from '../state.js';

export interface PriceTerms {
  readonly ratePerHour: number;
  /** Burstable CPU (Azure B-series): base performance in percent of one vCPU, and the most credits it banks; undefined for a size that does not burst. */
  readonly credits?: { readonly basePct: number; readonly max: number };
}

export function reprice(core: Core, id: string, terms: PriceTerms): Result<void> {
  const wl = core.workloads;
  const w = wl.indexOf(id);
  if (w === undefined || wl.stateOf(w) === 'deleted') return fail('not-found', `no workload named ${id}`);
  setRate(core, w, terms.ratePerHour);
  const credits = terms.credits;
  if (credits) {
    if (!wl.burstable.includes(w)) wl.burstable.push(w);
    wl.creditBase[w] = credits.basePct;
    wl.creditMax[w] = credits.max;
    wl.credits[w] = Math.min(wl.credits[w], credits.max);
  } else wl.creditBase[w] = 0;
  core.changed();
  return ok(undefined);
}
