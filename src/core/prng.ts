// The only source of randomness in the simulation: a seeded sfc32 generator whose
// whole state is four 32-bit words, so an estate can save and restore it exactly.

export type PrngState = [number, number, number, number];

/** splitmix32: spreads a small integer seed over 32 bits. */
function splitmix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  let z = x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | PrngState) {
    if (Array.isArray(seed)) {
      [this.a, this.b, this.c, this.d] = seed.map((w) => w >>> 0) as PrngState;
      return;
    }
    const s = seed >>> 0;
    this.a = splitmix32(s);
    this.b = splitmix32(s ^ 0x1b873593);
    this.c = splitmix32(s ^ 0xcc9e2d51);
    this.d = 1;
    // Discard the first outputs: sfc32 needs a few rounds to mix a fresh state.
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  state(): PrngState {
    return [this.a >>> 0, this.b >>> 0, this.c >>> 0, this.d >>> 0];
  }

  /** Continues from a saved state. */
  restore(state: PrngState): void {
    [this.a, this.b, this.c, this.d] = state.map((w) => w >>> 0) as PrngState;
  }

  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** Uniform real in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }
}

/**
 * A stateless 32-bit hash of two words (murmur3's finaliser over a mix of both).
 * Per-workload noise uses it so that a workload's value at a tick does not depend
 * on the order in which workloads are visited.
 */
export function hash32(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** hash32 scaled to [0, 1). */
export function unitHash(a: number, b: number): number {
  return hash32(a, b) / 4294967296;
}
