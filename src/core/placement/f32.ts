// Rounding to 32-bit floats in a chosen direction. The index stores its bounds as
// float32 to halve a node's bytes (pool-index.ts); a bound rounded the safe way
// (maxima up, minima down) stays a bound.
const f32 = new Float32Array(1);
const bits = new Uint32Array(f32.buffer);

function step(f: number, up: boolean): number {
  if (f === 0) return up ? 1.401298464324817e-45 : -1.401298464324817e-45;
  f32[0] = f;
  // For positive floats a larger bit pattern is a larger value; for negative ones, smaller.
  bits[0] += f > 0 === up ? 1 : -1;
  return f32[0];
}

/** The smallest float32 >= x. */
export function f32Up(x: number): number {
  const f = Math.fround(x);
  return f < x && f !== Infinity ? step(f, true) : f;
}

/** The largest float32 <= x. */
export function f32Down(x: number): number {
  const f = Math.fround(x);
  return f > x && f !== -Infinity ? step(f, false) : f;
}
