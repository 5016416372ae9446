// A host's electrical power as a function of its CPU utilisation, by one of the
// two models CloudSim uses (Beloglazov and Buyya, CCPE 24(13), 2012):
//  - linear:   P(u) = P_idle + (P_max - P_idle) x u  (CloudSim PowerModelLinear);
//  - measured: eleven watts readings at 0%, 10%, ..., 100% load from a SPECpower_ssj2008
//    result, linearly interpolated between the two readings either side of u
//    (CloudSim PowerModelSpecPower.getPower: index = floor(u x 10), then
//    power[i] + (power[i+1] - power[i]) x (u - i/10) x 10).

export interface HostPower {
  /** Watts at idle and at full load; for a measured model, its first and last readings. */
  readonly idleW: number;
  readonly maxW: number;
  /** A measured model's readings at 0%, 10%, ..., 100% CPU (eleven of them); absent: linear. */
  readonly table?: readonly number[];
  /** The measured model's name in the catalogue (observe/power-models.ts), to show and to save. */
  readonly model?: string;
}

/** Readings in a measured model's table: 0% to 100% in steps of 10%. */
export const POWER_TABLE_POINTS = 11;

/** Watts drawn at `pct` percent CPU (clamped to 0-100). */
export function powerAt(p: HostPower, pct: number): number {
  const u = pct <= 0 ? 0 : pct >= 100 ? 1 : pct / 100;
  const t = p.table;
  if (t === undefined) return p.idleW + (p.maxW - p.idleW) * u;
  const i = Math.floor(u * 10);
  if (i >= 10) return t[10];
  return t[i] + (t[i + 1] - t[i]) * (u - i / 10) * 10;
}

/** A measured model from its readings: idle and max are its ends. */
export function measuredPower(table: readonly number[], model?: string): HostPower {
  return { idleW: table[0], maxW: table[POWER_TABLE_POINTS - 1], table, ...(model ? { model } : {}) };
}
