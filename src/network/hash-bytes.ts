// Bytes drawn from a key, the same for the same key and seed: what the platforms
// draw at random (a NIC's MAC, an address a guest picks), drawn here from the
// thing's name so a replay prints the same and nothing changes as the clock moves.
import { hash32 } from '../core/prng.js';

export function hashBytes(key: string, seed: number, n: number): number[] {
  const h = key.split('').reduce((acc, c) => hash32(acc, c.charCodeAt(0)), seed);
  return Array.from({ length: n }, (_, k) => (hash32(h, k) >>> 0) & 255);
}
