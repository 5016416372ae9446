// Which values of D = u_cpu - u_mem occur below an index node, in 128 buckets over
// [-1, 1], kept apart by how much the host has free. Balanced scoring wants the
// host whose D is nearest a target; min/max of D alone cannot rule out a subtree
// whose hosts straddle it, nor can one set of buckets, because the hosts that
// filled up evenly sit right on the target and fit nothing. So a node has a bucket
// set per class of free capacity: class (i, j) holds the hosts with at least
// CLASS_CPU[i] CPU and CLASS_MEM[j] memory free, and a request reads the class
// that every host able to take it belongs to.

export const BUCKETS = 128;
export const BUCKET_WORDS = BUCKETS / 32;
const BUCKETS_PER_UNIT = BUCKETS / 2;
const CLASS_CPU = [0, 1000, 4000, 16000];
const CLASS_MEM = [0, 2048, 8192, 32768];
/** Words of bucket bits per node. */
export const WORDS = CLASS_CPU.length * CLASS_MEM.length * BUCKET_WORDS;
/** Distances from buckets are shaved by this much, so rounding can never make them exceed a true gap. */
const SLACK = 1e-12;

export function bucketOf(d: number): number {
  const b = Math.floor((d + 1) * BUCKETS_PER_UNIT);
  return b < 0 ? 0 : b >= BUCKETS ? BUCKETS - 1 : b;
}

/** The first word of the bucket set that every host able to take (rc, rm) is in. */
export function classBase(rc: number, rm: number): number {
  let i = 0;
  while (i + 1 < CLASS_CPU.length && CLASS_CPU[i + 1] <= rc) i++;
  let j = 0;
  while (j + 1 < CLASS_MEM.length && CLASS_MEM[j + 1] <= rm) j++;
  return (i * CLASS_MEM.length + j) * BUCKET_WORDS;
}

/** Marks a host with this D and free capacity in a node's bucket sets (starting at word `node`). */
export function markHost(bits: Uint32Array, node: number, d: number, freeCpu: number, freeMem: number): void {
  const bucket = bucketOf(d);
  const bit = 1 << (bucket & 31);
  for (let i = 0; i < CLASS_CPU.length && CLASS_CPU[i] <= freeCpu; i++) {
    for (let j = 0; j < CLASS_MEM.length && CLASS_MEM[j] <= freeMem; j++) {
      bits[node + (i * CLASS_MEM.length + j) * BUCKET_WORDS + (bucket >> 5)] |= bit;
    }
  }
}

/**
 * A lower bound of |D - t| for t in [tLo, tHi] over the hosts of one bucket set
 * (at word `base`); Infinity if the set is empty, that is, if no host below can
 * take the request at all.
 */
export function bucketGap(bits: Uint32Array, base: number, tLo: number, tHi: number): number {
  const below = highestSetAtOrBelow(bits, base, bucketOf(tHi));
  const bLo = bucketOf(tLo);
  if (below >= bLo) return 0;
  const above = lowestSetAtOrAbove(bits, base, bLo);
  let best = Infinity;
  if (below >= 0) best = tLo - ((below + 1) / BUCKETS_PER_UNIT - 1);
  if (above >= 0) best = Math.min(best, above / BUCKETS_PER_UNIT - 1 - tHi);
  return best === Infinity ? Infinity : Math.max(0, best - SLACK);
}

function highestSetAtOrBelow(bits: Uint32Array, base: number, b: number): number {
  let w = b >> 5;
  let word = bits[base + w] & (0xffffffff >>> (31 - (b & 31)));
  for (;;) {
    if (word !== 0) return w * 32 + 31 - Math.clz32(word);
    if (--w < 0) return -1;
    word = bits[base + w];
  }
}

function lowestSetAtOrAbove(bits: Uint32Array, base: number, b: number): number {
  let w = b >> 5;
  let word = (bits[base + w] >>> (b & 31)) << (b & 31);
  for (;;) {
    if (word !== 0) return w * 32 + 31 - Math.clz32(word & -word);
    if (++w >= BUCKET_WORDS) return -1;
    word = bits[base + w];
  }
}
