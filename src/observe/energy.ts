// Power and what it costs, per site, with the cloud's bill beside it.
//  - IT power: each host's draw by its power model (core/power.ts), now and on
//    average over its kept history (hourly means when it has them, else minutes,
//    else the last ticks), since a day's energy is the mean draw times 24 h.
//  - Facility power = IT power x PUE (The Green Grid's power usage effectiveness,
//    total facility energy over IT equipment energy). A site without its own PUE
//    is taken at 1.58, the industry average in 2023 (Uptime Institute Intelligence,
//    Update 221, "Large data centers are mostly more efficient, analysis confirms").
//  - A month is 730 hours, as Azure's prices are quoted (8,760 hours / 12).
//  - A kWh without a site's own price costs 0.1241, the U.S. average price to the
//    commercial sector in 2022 (U.S. EIA, Electric Power Annual, Table 2.4), in
//    the estate's currency.
//  - The cloud: what its VMs are billed now by their power state (core/billing.ts),
//    per hour, day and month.
import type { HostRow, Resolution, SimulationApi, Site } from '../core/index.js';
import { isCloudPool, powerAt } from '../core/index.js';
import { mean } from './stats.js';

export const TYPICAL_PUE = 1.58;
export const TYPICAL_KWH_PRICE = 0.1241;
export const HOURS_PER_MONTH = 730;

export interface SitePower {
  readonly site: string;
  readonly kind: 'datacenter' | 'region';
  /** Hosts drawing power (connected or in maintenance, physical). */
  readonly hosts: number;
  readonly itWattsNow: number;
  readonly itWattsAverage: number;
  readonly pue: number;
  readonly facilityWatts: number;
  readonly kWhPerDay: number;
  readonly kWhPerMonth: number;
  readonly kwhPrice: number;
  readonly costPerDay: number;
  readonly costPerMonth: number;
  /** A region's VMs billed now, and what an hour of them costs. */
  readonly billedVms: number;
  readonly cloudPerHour: number;
}

/** A host's mean draw over its kept history, at the coarsest resolution it has. */
export function averageWatts(h: HostRow): number {
  if (!(h.state === 'connected' || h.state === 'maintenance') || h.backingWorkload !== undefined) return 0;
  const resolutions: Resolution[] = ['coarse', 'minute', 'tick'];
  for (const r of resolutions) {
    const cpu = h.history('cpu', r);
    if (cpu.length > 0) return mean(cpu.map((pct) => powerAt(h.power, pct)));
  }
  return h.powerW;
}

/** Energy for a mean draw: kWh in `hours`. */
export function kWh(watts: number, hours: number): number {
  return (watts * hours) / 1000;
}

/** A site's PUE and price per kWh: its own, else the typical ones above. */
function siteRates(site: Site | undefined): { readonly pue: number; readonly kwhPrice: number } {
  return { pue: site?.pue ?? TYPICAL_PUE, kwhPrice: site?.kwhPrice ?? TYPICAL_KWH_PRICE };
}

/** What a steady IT draw costs a site a month: at the wall (times its PUE), in kWh and in money at its price. */
export function monthlyCost(
  itWatts: number,
  site: Site | undefined,
): { readonly kWh: number; readonly cost: number; readonly pue: number; readonly kwhPrice: number } {
  const { pue, kwhPrice } = siteRates(site);
  const energy = kWh(itWatts * pue, HOURS_PER_MONTH);
  return { kWh: energy, cost: energy * kwhPrice, pue, kwhPrice };
}

export function sitePower(sim: SimulationApi, site: Site): SitePower {
  const { pue, kwhPrice } = siteRates(site);
  let hosts = 0;
  let now = 0;
  let avg = 0;
  let billedVms = 0;
  let cloudPerHour = 0;
  const region = site.kind === 'region';
  for (const c of sim.clusters()) {
    if (c.siteIndex !== site.index) continue;
    for (const index of c.hosts) {
      const h = sim.hostRow(index)!;
      if (h.removed || isCloudPool(h.platform)) continue;
      if ((h.state === 'connected' || h.state === 'maintenance') && h.backingWorkload === undefined) hosts++;
      now += h.powerW;
      avg += averageWatts(h);
    }
  }
  if (region) {
    const w = sim.workloadCursor();
    for (let i = 0; i < sim.workloadCount; i++) {
      w.at(i);
      if (w.hostIndex < 0 || sim.hostRow(w.hostIndex)!.site !== site.id) continue;
      const rate = w.hourlyRate;
      if (rate > 0) {
        billedVms++;
        cloudPerHour += rate;
      }
    }
  }
  const facilityWatts = avg * pue;
  const kWhPerDay = kWh(facilityWatts, 24);
  const kWhPerMonth = kWh(facilityWatts, HOURS_PER_MONTH);
  return {
    site: site.id,
    kind: site.kind,
    hosts,
    itWattsNow: now,
    itWattsAverage: avg,
    pue,
    facilityWatts,
    kWhPerDay,
    kWhPerMonth,
    kwhPrice,
    costPerDay: kWhPerDay * kwhPrice + cloudPerHour * 24,
    costPerMonth: kWhPerMonth * kwhPrice + cloudPerHour * HOURS_PER_MONTH,
    billedVms,
    cloudPerHour,
  };
}

/** Every site, datacenters first, then regions. */
export function powerReport(sim: SimulationApi): SitePower[] {
  return sim
    .sites()
    .map((s) => sitePower(sim, s))
    .sort((a, b) => (a.kind === b.kind ? a.site.localeCompare(b.site) : a.kind === 'datacenter' ? -1 : 1));
}
