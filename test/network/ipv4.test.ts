import { describe, expect, it } from 'vitest';
import { AddressPool } from '../../src/network/address-pool.js';
import { cidrText, inCidr, ipText, isPublic, overlaps, parseCidr, parseIp, within } from '../../src/network/ipv4.js';

describe('IPv4 addresses and blocks', () => {
  it('reads dotted quads and refuses what is not one', () => {
    expect(parseIp('10.0.0.4')).toBe(0x0a000004);
    expect(ipText(parseIp('255.255.255.255')!)).toBe('255.255.255.255');
    for (const bad of ['256.0.0.1', '10.0.0', '10.0.0.01', '1.2.3.4.5', '', 'a.b.c.d', ' 10.0.0.1']) expect(parseIp(bad), bad).toBeUndefined();
  });

  it('reads CIDR blocks, clearing host bits unless strict', () => {
    expect(cidrText(parseCidr('10.0.1.5/24')!)).toBe('10.0.1.0/24');
    expect(parseCidr('10.0.1.5/24', true)).toBeUndefined();
    expect(cidrText(parseCidr('10.0.1.5')!)).toBe('10.0.1.5/32');
    expect(cidrText(parseCidr('1.2.3.4/0')!)).toBe('0.0.0.0/0');
    for (const bad of ['10.0.0.0/33', '10.0.0.0/', '10.0.0.0/x', '10.0.0/8']) expect(parseCidr(bad), bad).toBeUndefined();
  });

  it('says what lies in, within and across blocks', () => {
    const vnet = parseCidr('10.0.0.0/16')!;
    expect(inCidr(parseIp('10.0.255.255')!, vnet)).toBe(true);
    expect(inCidr(parseIp('10.1.0.0')!, vnet)).toBe(false);
    expect(within(parseCidr('10.0.2.0/24')!, vnet)).toBe(true);
    expect(within(vnet, parseCidr('10.0.2.0/24')!)).toBe(false);
    expect(overlaps(parseCidr('10.0.2.0/24')!, vnet)).toBe(true);
    expect(overlaps(parseCidr('10.1.0.0/16')!, vnet)).toBe(false);
  });

  it('knows the private ranges of RFC 1918 from public addresses', () => {
    expect(['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.122.1', '127.0.0.1', '100.64.0.1'].map((a) => isPublic(parseIp(a)!))).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(['172.32.0.1', '8.8.8.8', '20.50.1.2', '203.0.113.10'].map((a) => isPublic(parseIp(a)!))).toEqual([true, true, true, true]);
  });
});

describe('an address pool (lowest free first)', () => {
  it('hands out from the first unreserved address, reuses the lowest freed, and says when full', () => {
    // Azure keeps .0-.3 and the last address of a subnet (virtual-network-ip-addresses-overview-arm).
    const azure = new AddressPool(parseCidr('10.0.0.0/29')!, 4, 1);
    expect(azure.capacity).toBe(3);
    expect([azure.take(), azure.take(), azure.take(), azure.take()]).toEqual(['10.0.0.4', '10.0.0.5', '10.0.0.6', undefined]);
    azure.release('10.0.0.5');
    expect(azure.take()).toBe('10.0.0.5');
    expect(azure.inUse).toBe(3);
  });

  it('takes a static address only inside, unreserved and free', () => {
    const pool = new AddressPool(parseCidr('172.18.0.0/16')!, 2, 1);
    expect(pool.claim('172.18.0.9')).toBeUndefined();
    expect(pool.claim('172.18.0.9')).toBe('taken');
    expect(pool.claim('172.18.0.1')).toBe('reserved');
    expect(pool.claim('172.18.255.255')).toBe('reserved');
    expect(pool.claim('172.19.0.2')).toBe('outside');
    expect(pool.claim('x')).toBe('invalid');
    expect(pool.holds('172.18.0.9')).toBe(true);
    // The lowest free skips the static one.
    expect(Array.from({ length: 8 }, () => pool.take())).toEqual([2, 3, 4, 5, 6, 7, 8, 10].map((o) => `172.18.0.${o}`));
  });
});
