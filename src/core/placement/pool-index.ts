// A search index over the hosts of one platform: a segment tree whose nodes hold,
// over their eligible hosts, what it takes to bound a placement's fit and score
// (see score.ts). A placement is a branch-and-bound descent: subtrees where
// nothing can fit, or whose best possible score cannot beat the best host found,
// are never visited; a host reached at the bottom is scored exactly from the
// ledger. The answer is the host a full scan would pick, without scanning every
// host. Nodes are float32 rounded the safe way (maxima up, minima down), so one
// takes 84 bytes (two cache lines at most) rather than 168: the descent is bound
// by memory, not arithmetic. A refusal is counted on the same tree.
import { codeOf, PLACEMENT_POLICIES, type PlacementPolicy } from '../model.js';
import { type Amounts, CPU, DISK, MEM } from '../units.js';
import { f32Down, f32Up } from './f32.js';
import { bucketGap, classBase, markHost, WORDS } from './gap-buckets.js';
import { boundByCode, hostScore, inverse, term, usedFraction } from './score.js';

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
// MiB of memory (1/128 to 8: 1 vCPU per 128 GiB up to 8 vCPUs per GiB), in powers
// of four so every division is exact.
const DIR = 11;
const ALPHA = [2 ** -7, 2 ** -5, 2 ** -3, 2 ** -1, 2 ** 1, 2 ** 3];
// For counting a refusal without a look at every host: min free of each resource
// over the eligible hosts, and how many eligible hosts there are.
const MIN_FREE = DIR + ALPHA.length;
const COUNT = MIN_FREE + 3;
const STRIDE = COUNT + 1;

const BALANCED = codeOf(PLACEMENT_POLICIES, 'balanced');

/** A node over no eligible host: nothing free, ranges empty (min Infinity, max -Infinity), no hosts. */
const EMPTY = new Float32Array(STRIDE);
for (let f = FREE; f < MIN_S; f++) EMPTY[f] = -Infinity;
for (let f = MIN_S; f < DIR; f += 2) {
  EMPTY[f] = Infinity;
  EMPTY[f + 1] = -Infinity;
}
for (let f = DIR; f < MIN_FREE; f++) EMPTY[f] = -Infinity;
for (let f = MIN_FREE; f < COUNT; f++) EMPTY[f] = Infinity;
EMPTY[COUNT] = 0;

export interface LeafSource {
  eligible(host: number): boolean;
  /** What admission lets the host take: Infinity where it has no limit. */
  capacity(host: number, r: number): number;
  /** What a used fraction is measured against (the capacity, or the hardware where capacity is unlimited). */
  scale(host: number, r: number): number;
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
  private data = new Float32Array(2 * STRIDE);
  // The gap buckets cost more to keep current than the rest of a node, and only
  // balanced placement reads them: a pool builds them at its first balanced search.
  private bits = new Uint32Array(0);
  private buckets = false;
  private stack = new Int32Array(3 * 128);
  private bounds = new Float64Array(128);
  // The query being searched, kept on the instance so viable() is a plain method.
  private rc = 0;
  private rm = 0;
  private rd = 0;
  private qLo = 0;
  private qHi = 0;
  private policy = 0;
  private kLo = -1;
  private kHi = -1;
  private needHi = 0;
  private classAt = 0;

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
    this.data = new Float32Array(2 * size * STRIDE);
    this.bits = new Uint32Array(this.buckets ? 2 * size * WORDS : 0);
    // The tree is padded to a power of two: the padding (up to half the leaves, and
    // every node above only padding) is one empty node copied, not computed.
    const d = this.data;
    // Hosts of one model, alike so far (every host of a new pool, empty), have
    // equal leaves: each is copied from the one before rather than worked out.
    for (let pos = 0; pos < n; pos++) {
      if (pos > 0 && this.sameInputs(this.hosts[pos - 1], this.hosts[pos])) this.copyLeaf(pos - 1, pos);
      else this.writeLeaf(pos);
    }
    for (let pos = n; pos < size; pos++) d.set(EMPTY, (size + pos) * STRIDE);
    for (let node = size - 1; node >= 1; node--) {
      const level = 31 - Math.clz32(node);
      if ((node - (1 << level)) * (size >> level) >= n) d.set(EMPTY, node * STRIDE);
      else this.pull(node);
    }
  }

  /** Refreshes one host's leaf (by pool position) and its ancestors, stopping where nothing changes. */
  update(pos: number): void {
    this.writeLeaf(pos);
    for (let node = (this.size + pos) >> 1; node >= 1; node >>= 1) if (!this.pull(node)) break;
  }

  search(q: IndexQuery): IndexHit | undefined {
    const n = this.hosts.length;
    const lo = Math.max(0, q.lo);
    const hi = Math.min(n, q.hi);
    if (lo >= hi) return undefined;
    this.prepare(q, lo, hi);
    const size = this.size;
    const src = this.source;
    const [rc, rm, rd] = q.amounts;

    let bestPos = -1;
    let bestScore = -1;
    let bestKey = Infinity;
    let stack = this.stack;
    let bounds = this.bounds;
    const rootBound = this.viable(1, 0, size);
    if (rootBound < 0) return undefined;
    stack[0] = 1;
    stack[1] = 0;
    stack[2] = size;
    bounds[0] = rootBound;
    let top = 1;
    while (top > 0) {
      top--;
      const node = stack[3 * top];
      const nodeLo = stack[3 * top + 1];
      const nodeHi = stack[3 * top + 2];
      let s = bounds[top];
      if (s < bestScore) continue;
      if (s === bestScore && minKey(Math.max(nodeLo, lo), Math.min(nodeHi, hi), q.tieOffset, n) >= bestKey) continue;
      if (node >= size) {
        // A host: check the fit and take the score from the ledger itself, then the filters.
        const pos = node - size;
        const h = this.hosts[pos];
        if (src.capacity(h, CPU) - src.used(h, CPU) < rc || src.capacity(h, MEM) - src.used(h, MEM) < rm || src.capacity(h, DISK) - src.used(h, DISK) < rd)
          continue;
        s = hostScore(q.policy, src.used(h, CPU), src.scale(h, CPU), src.used(h, MEM), src.scale(h, MEM), rc, rm);
        const key = (pos - q.tieOffset + n) % n;
        if (s < bestScore || (s === bestScore && key >= bestKey)) continue;
        if (!q.accept(h)) continue;
        bestPos = pos;
        bestScore = s;
        bestKey = key;
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
      const sl = this.viable(left, nodeLo, mid);
      const sr = this.viable(left + 1, mid, nodeHi);
      // Push the child to visit second first: the stack pops the other one next.
      const leftFirst =
        sl > sr ||
        (sl === sr && minKey(Math.max(nodeLo, lo), Math.min(mid, hi), q.tieOffset, n) <= minKey(Math.max(mid, lo), Math.min(nodeHi, hi), q.tieOffset, n));
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

  // Counting a refusal. Each answer is exact: a node's float32 bounds only decide
  // where they are conclusive (maxima rounded up, minima down), and a host they
  // leave open is read from the ledger itself.

  /** How many eligible hosts sit at positions [lo, hi). */
  eligibleIn(lo: number, hi: number, node = 1, nodeLo = 0, nodeHi = this.size): number {
    if (nodeHi <= lo || nodeLo >= hi) return 0;
    const count = this.data[node * STRIDE + COUNT];
    if (count === 0 || (nodeLo >= lo && nodeHi <= hi)) return count;
    const mid = (nodeLo + nodeHi) >> 1;
    return this.eligibleIn(lo, hi, 2 * node, nodeLo, mid) + this.eligibleIn(lo, hi, 2 * node + 1, mid, nodeHi);
  }

  /** How many eligible hosts have less than `need` of resource r free. */
  countShort(r: number, need: number, node = 1): number {
    const d = this.data;
    const b = node * STRIDE;
    const count = d[b + COUNT];
    if (count === 0 || d[b + MIN_FREE + r] >= need) return 0;
    if (d[b + FREE + r] < need) return count;
    if (node >= this.size) return this.free(this.hosts[node - this.size], r) < need ? 1 : 0;
    return this.countShort(r, need, 2 * node) + this.countShort(r, need, 2 * node + 1);
  }

  /**
   * Among eligible hosts at positions [lo, hi) with less than `need` of resource r
   * free and not skipped, the one with the most free (the earliest on a tie).
   */
  mostFreeShort(r: number, need: number, lo: number, hi: number, skip: (host: number) => boolean): { host: number; free: number } | undefined {
    const best = { pos: -1, free: -Infinity };
    this.visitMostFree(best, r, need, lo, hi, skip, 1, 0, this.size);
    return best.pos < 0 ? undefined : { host: this.hosts[best.pos], free: best.free };
  }

  private visitMostFree(
    best: { pos: number; free: number },
    r: number,
    need: number,
    lo: number,
    hi: number,
    skip: (host: number) => boolean,
    node: number,
    nodeLo: number,
    nodeHi: number,
  ): void {
    if (nodeHi <= lo || nodeLo >= hi) return;
    const d = this.data;
    const b = node * STRIDE;
    const max = d[b + FREE + r];
    if (d[b + COUNT] === 0 || d[b + MIN_FREE + r] >= need || max < best.free || (max === best.free && nodeLo >= best.pos)) return;
    if (node >= this.size) {
      const pos = node - this.size;
      const h = this.hosts[pos];
      const free = this.free(h, r);
      if (free < need && (free > best.free || (free === best.free && pos < best.pos)) && !skip(h)) {
        best.pos = pos;
        best.free = free;
      }
      return;
    }
    // The child that may hold more first, so the other is mostly cut off.
    const mid = (nodeLo + nodeHi) >> 1;
    const left = 2 * node;
    if (d[(left + 1) * STRIDE + FREE + r] > d[left * STRIDE + FREE + r]) {
      this.visitMostFree(best, r, need, lo, hi, skip, left + 1, mid, nodeHi);
      this.visitMostFree(best, r, need, lo, hi, skip, left, nodeLo, mid);
    } else {
      this.visitMostFree(best, r, need, lo, hi, skip, left, nodeLo, mid);
      this.visitMostFree(best, r, need, lo, hi, skip, left + 1, mid, nodeHi);
    }
  }

  /** Calls `fn` for each eligible host at positions [lo, hi) with room for `amounts`. */
  forEachFitting(amounts: Amounts, lo: number, hi: number, fn: (host: number) => void, node = 1, nodeLo = 0, nodeHi = this.size): void {
    if (nodeHi <= lo || nodeLo >= hi) return;
    const d = this.data;
    const b = node * STRIDE;
    if (d[b + FREE + CPU] < amounts[CPU] || d[b + FREE + MEM] < amounts[MEM] || d[b + FREE + DISK] < amounts[DISK]) return;
    if (node >= this.size) {
      const h = this.hosts[node - this.size];
      if (this.free(h, CPU) >= amounts[CPU] && this.free(h, MEM) >= amounts[MEM] && this.free(h, DISK) >= amounts[DISK]) fn(h);
      return;
    }
    const mid = (nodeLo + nodeHi) >> 1;
    this.forEachFitting(amounts, lo, hi, fn, 2 * node, nodeLo, mid);
    this.forEachFitting(amounts, lo, hi, fn, 2 * node + 1, mid, nodeHi);
  }

  /** Calls `fn` for each host of the pool that is not eligible (in maintenance, failed). */
  forEachIneligible(fn: (host: number) => void, node = 1, nodeLo = 0, nodeHi = this.size): void {
    const span = Math.min(nodeHi, this.hosts.length) - nodeLo;
    if (span <= 0 || this.data[node * STRIDE + COUNT] === span) return;
    if (node >= this.size) {
      fn(this.hosts[node - this.size]);
      return;
    }
    const mid = (nodeLo + nodeHi) >> 1;
    this.forEachIneligible(fn, 2 * node, nodeLo, mid);
    this.forEachIneligible(fn, 2 * node + 1, mid, nodeHi);
  }

  private free(host: number, r: number): number {
    return this.source.capacity(host, r) - this.source.used(host, r);
  }

  private prepare(q: IndexQuery, lo: number, hi: number): void {
    const [rc, rm, rd] = q.amounts;
    this.rc = rc;
    this.rm = rm;
    this.rd = rd;
    this.qLo = lo;
    this.qHi = hi;
    this.policy = codeOf(PLACEMENT_POLICIES, q.policy);
    if (this.policy === BALANCED && !this.buckets) {
      this.buckets = true;
      this.rebuild();
    }
    // The two directions around the request's own CPU:memory ratio (exact: ALPHA are powers of two).
    this.kLo = -1;
    this.kHi = -1;
    if (rc > 0 && rm > 0) {
      for (let k = 0; k < ALPHA.length; k++) {
        if (ALPHA[k] * rm <= rc) this.kLo = k;
        if (this.kHi < 0 && ALPHA[k] * rm >= rc) this.kHi = k;
      }
    }
    this.needHi = this.kHi < 0 ? 0 : rc / ALPHA[this.kHi];
    this.classAt = classBase(rc, rm);
  }

  /** Upper bound of the score over a node's hosts, or -1 if it is out of range or none of them can fit. */
  private viable(node: number, nodeLo: number, nodeHi: number): number {
    if (nodeHi <= this.qLo || nodeLo >= this.qHi) return -1;
    const d = this.data;
    const b = node * STRIDE;
    const rc = this.rc;
    const rm = this.rm;
    if (d[b + FREE + CPU] < rc || d[b + FREE + MEM] < rm || d[b + FREE + DISK] < this.rd) return -1;
    if ((this.kLo >= 0 && d[b + DIR + this.kLo] < rm) || (this.kHi >= 0 && d[b + DIR + this.kHi] < this.needHi)) return -1;
    if (d[b + MIN_S] === Infinity) return -1;
    const tcLo = term(rc, d[b + MIN_A]);
    const tcHi = term(rc, d[b + MAX_A]);
    const tmLo = term(rm, d[b + MIN_B]);
    const tmHi = term(rm, d[b + MAX_B]);
    let loG = d[b + MIN_D] + tcLo - tmHi;
    const hiG = d[b + MAX_D] + tcHi - tmLo;
    if (this.policy === BALANCED) {
      // Min and max of D count every host, full ones too; the buckets say how near
      // the target the hosts that could take the request really are.
      const gap = bucketGap(this.bits, node * WORDS + this.classAt, tmLo - tcHi, tmHi - tcLo);
      if (gap === Infinity) return -1;
      if (gap > loG) loG = gap; // the bound is max(0, loG, -hiG): a larger loG is a tighter bound
    }
    return boundByCode(this.policy, d[b + MIN_S] + tcLo + tmLo, d[b + MAX_S] + tcHi + tmHi, loG, hiG);
  }

  private writeLeaf(pos: number): void {
    const d = this.data;
    const node = this.size + pos;
    const b = node * STRIDE;
    const host = pos < this.hosts.length ? this.hosts[pos] : -1;
    if (this.buckets) this.bits.fill(0, node * WORDS, (node + 1) * WORDS);
    if (host < 0 || !this.source.eligible(host)) {
      d.set(EMPTY, b);
      return;
    }
    const src = this.source;
    const capCpu = src.capacity(host, CPU);
    const capMem = src.capacity(host, MEM);
    const freeCpu = capCpu - src.used(host, CPU);
    const freeMem = capMem - src.used(host, MEM);
    d[b + FREE + CPU] = f32Up(freeCpu);
    d[b + FREE + MEM] = f32Up(freeMem);
    const freeDisk = src.capacity(host, DISK) - src.used(host, DISK);
    d[b + FREE + DISK] = f32Up(freeDisk);
    d[b + MIN_FREE + CPU] = f32Down(freeCpu);
    d[b + MIN_FREE + MEM] = f32Down(freeMem);
    d[b + MIN_FREE + DISK] = f32Down(freeDisk);
    d[b + COUNT] = 1;
    const scaleCpu = src.scale(host, CPU);
    const scaleMem = src.scale(host, MEM);
    const uc = usedFraction(src.used(host, CPU), scaleCpu);
    const um = usedFraction(src.used(host, MEM), scaleMem);
    setRange(d, b + MIN_S, uc + um);
    setRange(d, b + MIN_D, uc - um);
    setRange(d, b + MIN_A, inverse(scaleCpu));
    setRange(d, b + MIN_B, inverse(scaleMem));
    for (let k = 0; k < ALPHA.length; k++) d[b + DIR + k] = f32Up(Math.min(freeCpu / ALPHA[k], freeMem));
    if (this.buckets) markHost(this.bits, node * WORDS, uc - um, freeCpu, freeMem);
  }

  /** Whether two hosts give equal leaves: writeLeaf reads nothing else of a host. */
  private sameInputs(g: number, h: number): boolean {
    const src = this.source;
    if (src.eligible(g) !== src.eligible(h)) return false;
    for (let r = CPU; r <= DISK; r++) if (src.capacity(g, r) !== src.capacity(h, r) || src.used(g, r) !== src.used(h, r)) return false;
    return src.scale(g, CPU) === src.scale(h, CPU) && src.scale(g, MEM) === src.scale(h, MEM);
  }

  /** Leaf `to` made equal to leaf `from` (pool positions). */
  private copyLeaf(from: number, to: number): void {
    const a = (this.size + from) * STRIDE;
    this.data.copyWithin((this.size + to) * STRIDE, a, a + STRIDE);
    if (!this.buckets) return;
    const w = (this.size + from) * WORDS;
    this.bits.copyWithin((this.size + to) * WORDS, w, w + WORDS);
  }

  /** Recomputes a node from its children; returns whether anything in it changed. */
  private pull(node: number): boolean {
    const d = this.data;
    const b = node * STRIDE;
    const l = 2 * node * STRIDE;
    const r = l + STRIDE;
    let changed = false;
    for (let f = FREE; f < MIN_S; f++) {
      const v = Math.max(d[l + f], d[r + f]);
      if (v !== d[b + f]) changed = true;
      d[b + f] = v;
    }
    for (let f = MIN_S; f < DIR; f += 2) {
      const lo = Math.min(d[l + f], d[r + f]);
      const hi = Math.max(d[l + f + 1], d[r + f + 1]);
      if (lo !== d[b + f] || hi !== d[b + f + 1]) changed = true;
      d[b + f] = lo;
      d[b + f + 1] = hi;
    }
    for (let f = DIR; f < MIN_FREE; f++) {
      const v = Math.max(d[l + f], d[r + f]);
      if (v !== d[b + f]) changed = true;
      d[b + f] = v;
    }
    for (let f = MIN_FREE; f < COUNT; f++) {
      const v = Math.min(d[l + f], d[r + f]);
      if (v !== d[b + f]) changed = true;
      d[b + f] = v;
    }
    const count = d[l + COUNT] + d[r + COUNT];
    if (count !== d[b + COUNT]) changed = true;
    d[b + COUNT] = count;
    if (!this.buckets) return changed;
    const bits = this.bits;
    const nb = node * WORDS;
    const lb = 2 * node * WORDS;
    const rb = lb + WORDS;
    for (let w = 0; w < WORDS; w++) {
      const v = bits[lb + w] | bits[rb + w];
      if (v !== bits[nb + w]) changed = true;
      bits[nb + w] = v;
    }
    return changed;
  }
}

/** Stores one value as a [min, max] pair, rounded outwards to float32. */
function setRange(d: Float32Array, at: number, v: number): void {
  d[at] = f32Down(v);
  d[at + 1] = f32Up(v);
}

function push(stack: Int32Array, bounds: Float64Array, top: number, node: number, lo: number, hi: number, bound: number): number {
  stack[3 * top] = node;
  stack[3 * top + 1] = lo;
  stack[3 * top + 2] = hi;
  bounds[top] = bound;
  return top + 1;
}

/** Smallest key (pos - offset) mod n over positions [a, b). */
function minKey(a: number, b: number, offset: number, n: number): number {
  if (a >= b) return Infinity;
  if (offset >= a && offset < b) return 0;
  return (a - offset + n) % n;
}
