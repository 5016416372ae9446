// A search index over the hosts of one platform: a segment tree whose nodes hold,
// over their eligible hosts, what it takes to bound a placement's score and fit
// (see score.ts). A placement is a branch-and-bound descent: subtrees where
// nothing can fit, or whose best possible score cannot beat the best host found,
// are never visited. The answer is exact (the host a full scan would pick)
// without scanning every host.
import { CPU, DISK, MEM, RESOURCES, type Amounts } from '../units.js';
import { codeOf, PLACEMENT_POLICIES, type PlacementPolicy } from '../model.js';
import { boundByCode, inverse, term, usedFraction } from './score.js';

// Node layout: max free of each resource; min and max of S = u_cpu + u_mem,
// D = u_cpu - u_mem, A = 1 / C_cpu and B = 1 / C_mem.
const FREE = 0;
const MIN_S = 3;
const MAX_S = 4;
const MIN_D = 5;
const MAX_D = 6;
const MIN_A = 7;
const MAX_A = 8;
const MIN_B = 9;
const MAX_B = 10;
// Joint fit: per direction k, max over hosts of min(freeCpu / ALPHA[k], freeMem).
// Max free CPU and max free memory alone let a subtree through when one host has
// the CPU and another the memory; these catch most of that. ALPHA is CPU milli per
// MiB of memory, in powers of two so every division is exact.
const DIR = 11;
const ALPHA = Array.from({ length: 12 }, (_, k) => 2 ** (k - 8));
const STRIDE = DIR + ALPHA.length;

// Which values of D occur below a node, in 512 buckets over [-1, 1]: balanced
// scoring wants the host whose D is nearest a target, and min/max of D alone
// cannot rule out a subtree whose hosts straddle it.
const BUCKETS = 512;
const WORDS = BUCKETS / 32;
const BUCKETS_PER_UNIT = BUCKETS / 2;
/** Bucket-derived distances are shaved by this much, so rounding can never make them exceed a true gap. */
const SLACK = 1e-12;

const BALANCED = codeOf(PLACEMENT_POLICIES, 'balanced');

export interface LeafSource {
  eligible(host: number): boolean;
  capacity(host: number, r: number): number;
  used(host: number, r: number): number;
}

export interface IndexQuery {
  readonly amounts: Amounts;
  readonly policy: PlacementPolicy;
  /** Positions [lo, hi) of the pool to consider (a site or a cluster is a contiguous range). */
  readonly lo: number;
  readonly hi: number;
  /** Ties go to the lowest key; key(pos) = (pos - tieOffset) mod n. 0 gives the stable order. */
  readonly tieOffset: number;
  /** Filters the tree cannot know (anti-affinity, HA admission, exclusions). */
  readonly accept: (host: number) => boolean;
}

export interface IndexHit {
  readonly host: number;
  readonly score: number;
}

export class PoolIndex {
  private size = 1;
  private data = new Float64Array(2 * STRIDE);
  private bits = new Uint32Array(2 * WORDS);
  private stack = new Int32Array(3 * 128);
  private bounds = new Float64Array(128);

  /** Host indices in pool order. */
  constructor(
    readonly hosts: readonly number[],
    private readonly source: LeafSource,
  ) {
    this.rebuild();
  }

  rebuild(): void {
    const n = this.hosts.length;
    let size = 1;
    while (size < n) size <<= 1;
    this.size = size;
    this.data = new Float64Array(2 * size * STRIDE);
    this.bits = new Uint32Array(2 * size * WORDS);
    for (let pos = 0; pos < size; pos++) this.writeLeaf(pos);
    for (let node = size - 1; node >= 1; node--) this.pull(node);
  }

  /** Refreshes one host's leaf (by pool position) and its ancestors. */
  update(pos: number): void {
    this.writeLeaf(pos);
    for (let node = (this.size + pos) >> 1; node >= 1; node >>= 1) this.pull(node);
  }

  search(q: IndexQuery): IndexHit | undefined {
    const n = this.hosts.length;
    const lo = Math.max(0, q.lo);
    const hi = Math.min(n, q.hi);
    if (lo >= hi) return undefined;
    const d = this.data;
    const size = this.size;
    const policy = codeOf(PLACEMENT_POLICIES, q.policy);
    const [rc, rm, rd] = q.amounts;
    // The two directions around the request's own CPU:memory ratio.
    let kLo = -1;
    let kHi = -1;
    if (rc > 0 && rm > 0) {
      for (let k = 0; k < ALPHA.length; k++) {
        if (ALPHA[k] * rm <= rc) kLo = k;
        if (kHi < 0 && ALPHA[k] * rm >= rc) kHi = k;
      }
    }
    const needHi = kHi < 0 ? 0 : rc / ALPHA[kHi];

    /** The node's score bound, or -1 if it is out of range or nothing below it can fit. */
    const viable = (node: number, nodeLo: number, nodeHi: number): number => {
      if (nodeHi <= lo || nodeLo >= hi) return -1;
      const b = node * STRIDE;
      if (d[b + FREE + CPU] < rc || d[b + FREE + MEM] < rm || d[b + FREE + DISK] < rd) return -1;
      if ((kLo >= 0 && d[b + DIR + kLo] < rm) || (kHi >= 0 && d[b + DIR + kHi] < needHi)) return -1;
      if (d[b + MIN_S] === Infinity) return -1;
      const tcLo = term(rc, d[b + MIN_A]);
      const tcHi = term(rc, d[b + MAX_A]);
      const tmLo = term(rm, d[b + MIN_B]);
      const tmHi = term(rm, d[b + MAX_B]);
      let loG = d[b + MIN_D] + tcLo - tmHi;
      const hiG = d[b + MAX_D] + tcHi - tmLo;
      if (policy === BALANCED && loG < 0 && hiG > 0) {
        // The D range straddles the target; ask the buckets how near any host really is.
        const gap = this.bucketGap(node, tmLo - tcHi, tmHi - tcLo);
        if (gap > 0) loG = gap; // only loG > 0 matters to the bound's max(0, loG, -hiG)
      }
      return boundByCode(policy, d[b + MIN_S] + tcLo + tmLo, d[b + MAX_S] + tcHi + tmHi, loG, hiG);
    };

    let bestPos = -1;
    let bestScore = -1;
    let bestKey = Infinity;
    let stack = this.stack;
    let bounds = this.bounds;
    let top = 0;
    const rootBound = viable(1, 0, size);
    if (rootBound < 0) return undefined;
    stack[0] = 1;
    stack[1] = 0;
    stack[2] = size;
    bounds[0] = rootBound;
    top = 1;
    while (top > 0) {
      top--;
      const node = stack[3 * top];
      const nodeLo = stack[3 * top + 1];
      const nodeHi = stack[3 * top + 2];
      const s = bounds[top];
      if (s < bestScore) continue;
      if (s === bestScore && minKey(Math.max(nodeLo, lo), Math.min(nodeHi, hi), q.tieOffset, n) >= bestKey) continue;
      if (node >= size) {
        // A leaf's bound is its exact score; what is left are the filters.
        const pos = node - size;
        if (!q.accept(this.hosts[pos])) continue;
        bestPos = pos;
        bestScore = s;
        bestKey = (pos - q.tieOffset + n) % n;
        continue;
      }
      if (3 * (top + 2) > stack.length) {
        const bigger = new Int32Array(stack.length * 2);
        bigger.set(stack);
        this.stack = stack = bigger;
        const more = new Float64Array(bounds.length * 2);
        more.set(bounds);
        this.bounds = bounds = more;
      }
      const mid = (nodeLo + nodeHi) >> 1;
      const left = 2 * node;
      const sl = viable(left, nodeLo, mid);
      const sr = viable(left + 1, mid, nodeHi);
      // Push the child to visit second first: the stack pops the other one next.
      const leftFirst = sl > sr || (sl === sr && minKey(Math.max(nodeLo, lo), Math.min(mid, hi), q.tieOffset, n) <= minKey(Math.max(mid, lo), Math.min(nodeHi, hi), q.tieOffset, n));
      if (leftFirst) {
        if (sr >= 0 && sr >= bestScore) top = push(stack, bounds, top, left + 1, mid, nodeHi, sr);
        if (sl >= 0 && sl >= bestScore) top = push(stack, bounds, top, left, nodeLo, mid, sl);
      } else {
        if (sl >= 0 && sl >= bestScore) top = push(stack, bounds, top, left, nodeLo, mid, sl);
        if (sr >= 0 && sr >= bestScore) top = push(stack, bounds, top, left + 1, mid, nodeHi, sr);
      }
    }
    return bestPos < 0 ? undefined : { host: this.hosts[bestPos], score: bestScore };
  }

  /** A lower bound of |D - t| over the node's hosts for t in [tLo, tHi], from its buckets. */
  private bucketGap(node: number, tLo: number, tHi: number): number {
    const base = node * WORDS;
    const below = highestSetAtOrBelow(this.bits, base, bucketOf(tHi));
    const bLo = bucketOf(tLo);
    if (below >= bLo) return 0;
    const above = lowestSetAtOrAbove(this.bits, base, bLo);
    let best = Infinity;
    if (below >= 0) best = tLo - ((below + 1) / BUCKETS_PER_UNIT - 1);
    if (above >= 0) best = Math.min(best, above / BUCKETS_PER_UNIT - 1 - tHi);
    return best === Infinity ? 0 : Math.max(0, best - SLACK);
  }

  private writeLeaf(pos: number): void {
    const d = this.data;
    const node = this.size + pos;
    const b = node * STRIDE;
    const host = pos < this.hosts.length ? this.hosts[pos] : -1;
    this.bits.fill(0, node * WORDS, (node + 1) * WORDS);
    if (host < 0 || !this.source.eligible(host)) {
      for (let r = 0; r < RESOURCES; r++) d[b + FREE + r] = -Infinity;
      for (let f = MIN_S; f < DIR; f += 2) {
        d[b + f] = Infinity;
        d[b + f + 1] = -Infinity;
      }
      for (let k = 0; k < ALPHA.length; k++) d[b + DIR + k] = -Infinity;
      return;
    }
    const src = this.source;
    for (let r = 0; r < RESOURCES; r++) d[b + FREE + r] = src.capacity(host, r) - src.used(host, r);
    const capCpu = src.capacity(host, CPU);
    const capMem = src.capacity(host, MEM);
    const uc = usedFraction(src.used(host, CPU), capCpu);
    const um = usedFraction(src.used(host, MEM), capMem);
    d[b + MIN_S] = d[b + MAX_S] = uc + um;
    d[b + MIN_D] = d[b + MAX_D] = uc - um;
    d[b + MIN_A] = d[b + MAX_A] = inverse(capCpu);
    d[b + MIN_B] = d[b + MAX_B] = inverse(capMem);
    const freeCpu = d[b + FREE + CPU];
    const freeMem = d[b + FREE + MEM];
    for (let k = 0; k < ALPHA.length; k++) d[b + DIR + k] = Math.min(freeCpu / ALPHA[k], freeMem);
    const bucket = bucketOf(uc - um);
    this.bits[node * WORDS + (bucket >> 5)] |= 1 << (bucket & 31);
  }

  private pull(node: number): void {
    const d = this.data;
    const b = node * STRIDE;
    const l = 2 * node * STRIDE;
    const r = l + STRIDE;
    for (let i = 0; i < RESOURCES; i++) d[b + FREE + i] = Math.max(d[l + FREE + i], d[r + FREE + i]);
    for (let f = MIN_S; f < DIR; f += 2) {
      d[b + f] = Math.min(d[l + f], d[r + f]);
      d[b + f + 1] = Math.max(d[l + f + 1], d[r + f + 1]);
    }
    for (let f = DIR; f < STRIDE; f++) d[b + f] = Math.max(d[l + f], d[r + f]);
    const bits = this.bits;
    for (let w = 0; w < WORDS; w++) bits[node * WORDS + w] = bits[2 * node * WORDS + w] | bits[(2 * node + 1) * WORDS + w];
  }
}

function push(stack: Int32Array, bounds: Float64Array, top: number, node: number, lo: number, hi: number, bound: number): number {
  stack[3 * top] = node;
  stack[3 * top + 1] = lo;
  stack[3 * top + 2] = hi;
  bounds[top] = bound;
  return top + 1;
}

/** The highest set bucket at or below b, or -1. */
function highestSetAtOrBelow(bits: Uint32Array, base: number, b: number): number {
  let w = b >> 5;
  let word = bits[base + w] & (0xffffffff >>> (31 - (b & 31)));
  for (;;) {
    if (word !== 0) return w * 32 + 31 - Math.clz32(word);
    if (--w < 0) return -1;
    word = bits[base + w];
  }
}

/** The lowest set bucket at or above b, or -1. */
function lowestSetAtOrAbove(bits: Uint32Array, base: number, b: number): number {
  let w = b >> 5;
  let word = (bits[base + w] >>> (b & 31)) << (b & 31);
  for (;;) {
    if (word !== 0) return w * 32 + 31 - Math.clz32(word & -word);
    if (++w >= WORDS) return -1;
    word = bits[base + w];
  }
}

function bucketOf(x: number): number {
  const b = Math.floor((x + 1) * BUCKETS_PER_UNIT);
  return b < 0 ? 0 : b >= BUCKETS ? BUCKETS - 1 : b;
}

/** Smallest key (pos - offset) mod n over positions [a, b). */
function minKey(a: number, b: number, offset: number, n: number): number {
  if (a >= b) return Infinity;
  if (offset >= a && offset < b) return 0;
  return (a - offset + n) % n;
}
