// The capacity ledger: per host and resource, capacity and usage; usage is always
// the sum of the live claims on that host. A claim covers every resource at once
// and is made whole or not at all. Integers only, so freeing restores the exact
// previous numbers.
import { ensureLength } from './typed.js';
import { type Amounts, RESOURCES } from './units.js';

const NO_HOST = -1;

export class Ledger {
  private cap = new Float64Array(64 * RESOURCES);
  /** What use is measured against where capacity is unlimited (see scaleOf in hosts.ts). */
  private scl = new Float64Array(64 * RESOURCES);
  private use = new Float64Array(64 * RESOURCES);
  private hosts = 0;

  private claimHost = new Int32Array(256).fill(NO_HOST);
  private claimAmt = new Float64Array(256 * RESOURCES);
  private freeClaims: number[] = [];
  private claimSlots = 0;
  private live = 0;

  /** Called with a host index whenever its usage or capacity changes. */
  onChange: (host: number) => void = () => {};

  get hostCount(): number {
    return this.hosts;
  }

  get liveClaims(): number {
    return this.live;
  }

  /** Room for `hosts` hosts and `claims` live claims without growing. */
  reserve(hosts: number, claims: number): void {
    this.cap = ensureLength(this.cap, hosts * RESOURCES);
    this.scl = ensureLength(this.scl, hosts * RESOURCES);
    this.use = ensureLength(this.use, hosts * RESOURCES);
    this.claimHost = ensureLength(this.claimHost, claims, NO_HOST);
    this.claimAmt = ensureLength(this.claimAmt, claims * RESOURCES);
  }

  addHost(capacity: Amounts, scale: Amounts = capacity): number {
    const h = this.hosts++;
    this.cap = ensureLength(this.cap, this.hosts * RESOURCES);
    this.scl = ensureLength(this.scl, this.hosts * RESOURCES);
    this.use = ensureLength(this.use, this.hosts * RESOURCES);
    this.setCapacity(h, capacity, scale);
    return h;
  }

  /** What admission lets the host take (Infinity: no limit), and what its use is measured against. */
  setCapacity(h: number, capacity: Amounts, scale: Amounts = capacity): void {
    for (let r = 0; r < RESOURCES; r++) {
      this.cap[h * RESOURCES + r] = capacity[r];
      this.scl[h * RESOURCES + r] = scale[r];
    }
    this.onChange(h);
  }

  capacity(h: number, r: number): number {
    return this.cap[h * RESOURCES + r];
  }

  /** The capacity where it is limited, else what the host physically has: the denominator of a used fraction. */
  scale(h: number, r: number): number {
    return this.scl[h * RESOURCES + r];
  }

  used(h: number, r: number): number {
    return this.use[h * RESOURCES + r];
  }

  free(h: number, r: number): number {
    return this.cap[h * RESOURCES + r] - this.use[h * RESOURCES + r];
  }

  /** True if every resource of `amounts` fits in what the host has free. */
  fits(h: number, amounts: Amounts): boolean {
    const base = h * RESOURCES;
    for (let r = 0; r < RESOURCES; r++) {
      if (this.use[base + r] + amounts[r] > this.cap[base + r]) return false;
    }
    return true;
  }

  /** The resources that do not fit, in order (empty if the claim fits). */
  shortfalls(h: number, amounts: Amounts): number[] {
    const out: number[] = [];
    const base = h * RESOURCES;
    for (let r = 0; r < RESOURCES; r++) {
      if (this.use[base + r] + amounts[r] > this.cap[base + r]) out.push(r);
    }
    return out;
  }

  /** Claims `amounts` on host `h` if all of it fits; returns the claim id, or -1 and changes nothing. */
  claim(h: number, amounts: Amounts): number {
    checkAmounts(amounts);
    if (!this.fits(h, amounts)) return -1;
    const id = this.newClaimSlot();
    this.claimHost[id] = h;
    for (let r = 0; r < RESOURCES; r++) {
      this.claimAmt[id * RESOURCES + r] = amounts[r];
      this.use[h * RESOURCES + r] += amounts[r];
    }
    this.live++;
    this.onChange(h);
    return id;
  }

  /** Changes a live claim to `amounts` if the difference fits; returns false and changes nothing if not. */
  resize(id: number, amounts: Amounts): boolean {
    checkAmounts(amounts);
    const h = this.hostOfClaim(id);
    const base = h * RESOURCES;
    for (let r = 0; r < RESOURCES; r++) {
      const delta = amounts[r] - this.claimAmt[id * RESOURCES + r];
      if (delta > 0 && this.use[base + r] + delta > this.cap[base + r]) return false;
    }
    for (let r = 0; r < RESOURCES; r++) {
      this.use[base + r] += amounts[r] - this.claimAmt[id * RESOURCES + r];
      this.claimAmt[id * RESOURCES + r] = amounts[r];
    }
    this.onChange(h);
    return true;
  }

  release(id: number): void {
    const h = this.hostOfClaim(id);
    for (let r = 0; r < RESOURCES; r++) this.use[h * RESOURCES + r] -= this.claimAmt[id * RESOURCES + r];
    this.claimHost[id] = NO_HOST;
    this.freeClaims.push(id);
    this.live--;
    this.onChange(h);
  }

  hostOfClaim(id: number): number {
    const h = id >= 0 && id < this.claimSlots ? this.claimHost[id] : NO_HOST;
    if (h === NO_HOST) throw new RangeError(`claim ${id} is not live`);
    return h;
  }

  /** One resource of a live claim, unchecked: for the tick's loops, which read it for every powered-on workload. */
  claimed(id: number, r: number): number {
    return this.claimAmt[id * RESOURCES + r];
  }

  claimAmounts(id: number): Amounts {
    this.hostOfClaim(id);
    const b = id * RESOURCES;
    return [this.claimAmt[b], this.claimAmt[b + 1], this.claimAmt[b + 2]];
  }

  /** Every live claim as [claim id, host]: for invariant checks and saving. */
  *claims(): Generator<[number, number]> {
    for (let id = 0; id < this.claimSlots; id++) {
      if (this.claimHost[id] !== NO_HOST) yield [id, this.claimHost[id]];
    }
  }

  private newClaimSlot(): number {
    const reused = this.freeClaims.pop();
    if (reused !== undefined) return reused;
    const id = this.claimSlots++;
    this.claimHost = ensureLength(this.claimHost, id + 1, NO_HOST);
    this.claimAmt = ensureLength(this.claimAmt, (id + 1) * RESOURCES);
    return id;
  }
}

function checkAmounts(amounts: Amounts): void {
  for (let r = 0; r < RESOURCES; r++) {
    const a = amounts[r];
    if (!Number.isSafeInteger(a) || a < 0) throw new RangeError(`claim amounts must be whole, non-negative numbers, got ${amounts.join(', ')}`);
  }
}
