// Small things several drivers print: dates, UUIDs, states in plain words.
import { hash32 } from '../core/prng.js';

/** Sim time 0 is this moment, so "created" dates read like dates and never depend on the wall clock. */
export const SIM_EPOCH_MS = Date.UTC(2026, 0, 1, 0, 0, 0);

/** "2026-01-01 00:02:14 +0000", as virsh prints times. */
export function simDate(simMs: number): string {
  return new Date(SIM_EPOCH_MS + simMs)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' +0000');
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

/** The host a URI names (qemu+ssh://root@kvm-02/system, ssh://docker-01, tcp://docker-01:2375), or undefined for a local one (qemu:///system). */
export function hostOfUri(uri: string): string | undefined {
  const m = /^[a-z0-9+]+:\/\/(?:[^@/]*@)?([^/:?]+)/i.exec(uri);
  return m ? m[1] : undefined;
}

/** Month names as Go's time layouts ("Jan") and C's strftime %b print them. */
/** Two digits, zero first: a clock's and a date's fields. */
export const two = (n: number): string => String(n).padStart(2, '0');

/** A moment's UTC time of day as HH:MM:SS, as the tools' logs and listings write it. */
export const clockOf = (d: Date): string => `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
