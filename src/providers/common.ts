// Small things several drivers print: dates, UUIDs, durations, states in plain words.
import { hash32 } from '../core/prng.js';

/** Sim time 0 is this moment, so "created" dates read like dates and never depend on the wall clock. */
export const SIM_EPOCH_MS = Date.UTC(2026, 0, 1, 0, 0, 0);

/** "2026-01-01 00:02:14 +0000", as virsh prints times. */
export function simDate(simMs: number): string {
  return new Date(SIM_EPOCH_MS + simMs).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000');
}

/** ISO 8601, as Azure prints times. */
export function simIso(simMs: number): string {
  return new Date(SIM_EPOCH_MS + simMs).toISOString().replace(/Z$/, '+00:00');
}

/** A stable UUID for a name: the same name, the same UUID, on every run. */
export function stableUuid(name: string): string {
  let h = [0x12345678, 0x9abcdef0, 0x0fedcba9, 0x87654321];
  for (let i = 0; i < name.length; i++) h = h.map((x, k) => hash32(x ^ name.charCodeAt(i), i * 4 + k));
  const hex = h.map((x) => x.toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** "2 hours", "3 minutes", as docker ps says how long ago or for how long. */
export function humanDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 1) return 'Less than a second';
  if (s < 60) return `${s} second${s === 1 ? '' : 's'}`;
  const m = Math.floor(s / 60);
  if (m < 60) return m === 1 ? 'About a minute' : `${m} minutes`;
  const h = Math.floor(m / 60);
  if (h < 48) return h === 1 ? 'About an hour' : `${h} hours`;
  const d = Math.floor(h / 24);
  return `${d} days`;
}

/** "01:02:03" */
export function clockDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  const hh = Math.floor(s / 3600);
  return `${String(hh).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
