// One network's or subnet's addresses, handed out lowest free first, as Docker's
// default IPAM (libnetwork/ipams/defaultipam, "the first available address" of a
// bitmask) and Azure's dynamic allocation ("the next available unassigned
// address", learn.microsoft.com/azure/virtual-network/ip-services/private-ip-addresses)
// both do. A freed address is the next one given out again.
import { type Cidr, cidrSize, inCidr, ipText, parseIp } from './ipv4.js';

export class AddressPool {
  private readonly used = new Set<number>();
  /** No free offset lies below this one (offsets from the block's base). */
  private lowest: number;
  private readonly first: number;
  private readonly last: number;

  /**
   * `reservedLow` offsets at the start of the block and `reservedHigh` at its end
   * are never handed out: Docker keeps the network address and the gateway (.0,
   * .1) and the broadcast; Azure keeps .0 to .3 and the last.
   */
  constructor(
    readonly cidr: Cidr,
    reservedLow: number,
    reservedHigh: number,
  ) {
    this.first = reservedLow;
    this.last = cidrSize(cidr) - 1 - reservedHigh;
    this.lowest = this.first;
  }

  /** How many addresses it can hand out in all. */
  get capacity(): number {
    return Math.max(0, this.last - this.first + 1);
  }

  get inUse(): number {
    return this.used.size;
  }

  /** The lowest free address, now taken; undefined when the block is full. */
  take(): string | undefined {
    let o = this.lowest;
    while (o <= this.last && this.used.has(o)) o++;
    if (o > this.last) {
      this.lowest = o;
      return undefined;
    }
    this.used.add(o);
    this.lowest = o + 1;
    return ipText(this.cidr.base + o);
  }

  /** Why this address cannot be taken as given (a static address), or undefined if it can: then it is. */
  claim(ip: string): 'invalid' | 'outside' | 'reserved' | 'taken' | undefined {
    const n = parseIp(ip);
    if (n === undefined) return 'invalid';
    if (!inCidr(n, this.cidr)) return 'outside';
    const o = n - this.cidr.base;
    if (o < this.first || o > this.last) return 'reserved';
    if (this.used.has(o)) return 'taken';
    this.used.add(o);
    return undefined;
  }

  release(ip: string): void {
    const n = parseIp(ip);
    if (n === undefined || !inCidr(n, this.cidr)) return;
    const o = n - this.cidr.base;
    if (this.used.delete(o) && o < this.lowest) this.lowest = o;
  }

  holds(ip: string): boolean {
    const n = parseIp(ip);
    return n !== undefined && inCidr(n, this.cidr) && this.used.has(n - this.cidr.base);
  }
}
