// A search index over the hosts of one platform: a segment tree whose nodes hold,
// over their hosts, the largest free amount of each resource and the ranges of
// used fraction and capacity for CPU and memory. A placement is a branch-and-bound
// descent: subtrees where nothing can fit, or whose best possible score cannot
// beat the best host found, are never visited. The answer is exact (the same host
// a full scan would pick) without scanning every host.
import { CPU, DISK, MEM, RESOURCES, type Amounts } from '../units.js';
import type { PlacementPolicy } from '../model.js';
import { bound, requestFraction, usedFraction } from './score.js';

// Node layout: 3 max-free, then lo/hi used fraction and lo/hi capacity for CPU and memory.
const FREE = 0;
const LO_U = 3;
const HI_U = 5;
const LO_CAP = 7;
const HI_CAP = 9;
const STRIDE = 11;

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
  private stack = new Int32Array(3 * 128);

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
    const [rc, rm, rd] = q.amounts;
    let bestPos = -1;
    let bestScore = -1;
    let bestKey = Infinity;
    let stack = this.stack;
    let top = 0;
    stack[top++] = 1;
    stack[top++] = 0;
    stack[top++] = this.size;
    while (top > 0) {
      const nodeHi = stack[--top];
      const nodeLo = stack[--top];
      const node = stack[--top];
      if (nodeHi <= lo || nodeLo >= hi) continue;
      const b = node * STRIDE;
      if (d[b + FREE + CPU] < rc || d[b + FREE + MEM] < rm || d[b + FREE + DISK] < rd) continue;
      const s = this.nodeBound(b, q.policy, rc, rm);
      if (s < 0 || s < bestScore) continue;
      const key = minKey(Math.max(nodeLo, lo), Math.min(nodeHi, hi), q.tieOffset, n);
      if (s === bestScore && key >= bestKey) continue;
      if (node >= this.size) {
        const host = this.hosts[node - this.size];
        // The leaf's bound is its exact score; the remaining checks are the filters.
        if (!q.accept(host)) continue;
        bestPos = node - this.size;
        bestScore = s;
        bestKey = key;
        continue;
      }
      if (top + 6 > stack.length) {
        const bigger = new Int32Array(stack.length * 2);
        bigger.set(stack);
        this.stack = stack = bigger;
      }
      const mid = (nodeLo + nodeHi) >> 1;
      const left = 2 * node;
      const right = left + 1;
      const sl = this.nodeBound(left * STRIDE, q.policy, rc, rm);
      const sr = this.nodeBound(right * STRIDE, q.policy, rc, rm);
      const leftFirst =
        sl > sr ||
        (sl === sr &&
          minKey(Math.max(nodeLo, lo), Math.min(mid, hi), q.tieOffset, n) <=
            minKey(Math.max(mid, lo), Math.min(nodeHi, hi), q.tieOffset, n));
      // Push the child to visit second first: the stack pops the other one next.
      if (leftFirst) {
        stack[top++] = right; stack[top++] = mid; stack[top++] = nodeHi;
        stack[top++] = left; stack[top++] = nodeLo; stack[top++] = mid;
      } else {
        stack[top++] = left; stack[top++] = nodeLo; stack[top++] = mid;
        stack[top++] = right; stack[top++] = mid; stack[top++] = nodeHi;
      }
    }
    return bestPos < 0 ? undefined : { host: this.hosts[bestPos], score: bestScore };
  }

  private nodeBound(b: number, policy: PlacementPolicy, rc: number, rm: number): number {
    const d = this.data;
    if (d[b + LO_CAP] === Infinity) return -1; // no eligible host below
    return bound(
      policy,
      d[b + LO_U] + requestFraction(rc, d[b + HI_CAP]),
      d[b + HI_U] + requestFraction(rc, d[b + LO_CAP]),
      d[b + LO_U + 1] + requestFraction(rm, d[b + HI_CAP + 1]),
      d[b + HI_U + 1] + requestFraction(rm, d[b + LO_CAP + 1]),
    );
  }

  private writeLeaf(pos: number): void {
    const d = this.data;
    const b = (this.size + pos) * STRIDE;
    const host = pos < this.hosts.length ? this.hosts[pos] : -1;
    if (host < 0 || !this.source.eligible(host)) {
      for (let r = 0; r < RESOURCES; r++) d[b + FREE + r] = -Infinity;
      for (let r = 0; r < 2; r++) {
        d[b + LO_U + r] = Infinity;
        d[b + HI_U + r] = -Infinity;
        d[b + LO_CAP + r] = Infinity;
        d[b + HI_CAP + r] = -Infinity;
      }
      return;
    }
    const src = this.source;
    for (let r = 0; r < RESOURCES; r++) d[b + FREE + r] = src.capacity(host, r) - src.used(host, r);
    for (let r = 0; r < 2; r++) {
      const cap = src.capacity(host, r);
      const f = usedFraction(src.used(host, r), cap);
      d[b + LO_U + r] = f;
      d[b + HI_U + r] = f;
      d[b + LO_CAP + r] = cap;
      d[b + HI_CAP + r] = cap;
    }
  }

  private pull(node: number): void {
    const d = this.data;
    const b = node * STRIDE;
    const l = 2 * node * STRIDE;
    const r = l + STRIDE;
    for (let i = 0; i < RESOURCES; i++) d[b + FREE + i] = Math.max(d[l + FREE + i], d[r + FREE + i]);
    for (let i = 0; i < 2; i++) {
      d[b + LO_U + i] = Math.min(d[l + LO_U + i], d[r + LO_U + i]);
      d[b + HI_U + i] = Math.max(d[l + HI_U + i], d[r + HI_U + i]);
      d[b + LO_CAP + i] = Math.min(d[l + LO_CAP + i], d[r + LO_CAP + i]);
      d[b + HI_CAP + i] = Math.max(d[l + HI_CAP + i], d[r + HI_CAP + i]);
    }
  }
}

/** Smallest key (pos - offset) mod n over positions [a, b). */
function minKey(a: number, b: number, offset: number, n: number): number {
  if (a >= b) return Infinity;
  if (offset >= a && offset < b) return 0;
  return (a - offset + n) % n;
}
