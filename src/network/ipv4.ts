// IPv4 addresses as unsigned 32-bit numbers, and CIDR blocks: the arithmetic every
// platform's address management and every security rule's prefix match share.

export interface Cidr {
  /** The block's first address (the network address), host bits zero. */
  readonly base: number;
  /** The prefix length, 0-32. */
  readonly bits: number;
}

const QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** A dotted quad as a number, or undefined if it is not one (no leading zeros past one digit, each octet 0-255). */
export function parseIp(text: string): number | undefined {
  const m = QUAD.exec(text);
  if (!m) return undefined;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const o = m[i]!;
    if (o.length > 1 && o[0] === '0') return undefined;
    const v = Number(o);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

export function ipText(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export const cidrSize = (c: Cidr): number => 2 ** (32 - c.bits);

/** The block's mask as an unsigned number. */
const mask = (bits: number): number => (bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0);

/**
 * "10.0.1.0/24" as a block; a bare address is a /32. `strict` refuses host bits
 * set below the prefix ("10.0.1.5/24"), as Docker's and Azure's APIs do; without
 * it they are cleared, as a security rule's prefix is read.
 */
export function parseCidr(text: string, strict = false): Cidr | undefined {
  const slash = text.indexOf('/');
  const ip = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (ip === undefined) return undefined;
  if (slash < 0) return { base: ip, bits: 32 };
  const bitsText = text.slice(slash + 1);
  if (!/^\d{1,2}$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  if (bits > 32) return undefined;
  const base = (ip & mask(bits)) >>> 0;
  if (strict && base !== ip) return undefined;
  return { base, bits };
}

export const cidrText = (c: Cidr): string => `${ipText(c.base)}/${c.bits}`;

export const inCidr = (ip: number, c: Cidr): boolean => (ip & mask(c.bits)) >>> 0 === c.base;

/** Whether two blocks share any address. */
export const overlaps = (a: Cidr, b: Cidr): boolean => inCidr(a.base, b) || inCidr(b.base, a);

/** Whether `inner` lies wholly inside `outer`. */
export const within = (inner: Cidr, outer: Cidr): boolean => inner.bits >= outer.bits && inCidr(inner.base, outer);

/**
 * The private ranges of RFC 1918 (10/8, 172.16/12, 192.168/16), with RFC 6598's
 * shared 100.64/10 and loopback and link-local: addresses no route on the internet
 * carries, so an endpoint there is never "the internet".
 */
const NOT_PUBLIC = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '0.0.0.0/8'].map((c) => parseCidr(c)!);

export const isPublic = (ip: number): boolean => !NOT_PUBLIC.some((c) => inCidr(ip, c));
