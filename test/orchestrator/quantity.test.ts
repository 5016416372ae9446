// Quantities as the API server reads them. The table is TestQuantityParse's in
// k8s.io/apimachinery/pkg/api/resource/quantity_test.go (input, then
// decQuantity(value, scale, format): value x 10^scale), and the invalid inputs
// are that test's; the errors are quantity.go's own words.
import { describe, expect, it } from 'vitest';
import { milliValue, parseQuantity, QUANTITY_ERRORS, type QuantityFormat, value } from '../../src/orchestrator/quantity.js';

const D: QuantityFormat = 'DecimalSI';
const B: QuantityFormat = 'BinarySI';
const X: QuantityFormat = 'DecimalExponent';
const MAX = 'max';

/** [input, value, scale, format] from quantity_test.go; MAX is maxAllowed (2^63-1). */
const TABLE: [string, number | typeof MAX, number, QuantityFormat][] = [
  ['0', 0, 0, D],
  ['0n', 0, 0, D],
  ['0u', 0, 0, D],
  ['0m', 0, 0, D],
  ['0Ki', 0, 0, B],
  ['0k', 0, 0, D],
  ['0Mi', 0, 0, B],
  ['0M', 0, 0, D],
  ['0Gi', 0, 0, B],
  ['0G', 0, 0, D],
  ['0Ti', 0, 0, B],
  ['0T', 0, 0, D],
  ['1', 1, 0, D],
  ['1Ki', 1024, 0, B],
  ['8Ki', 8 * 1024, 0, B],
  ['7Mi', 7 * 1024 ** 2, 0, B],
  ['6Gi', 6 * 1024 ** 3, 0, B],
  ['5Ti', 5 * 1024 ** 4, 0, B],
  ['4Pi', 4 * 1024 ** 5, 0, B],
  ['3Ei', 3 * 1024 ** 6, 0, B],
  ['10Ti', 10 * 1024 ** 4, 0, B],
  ['100Ti', 100 * 1024 ** 4, 0, B],
  ['5n', 5, -9, D],
  ['4u', 4, -6, D],
  ['3m', 3, -3, D],
  ['9', 9, 0, D],
  ['8k', 8, 3, D],
  ['50k', 5, 4, D],
  ['7M', 7, 6, D],
  ['6G', 6, 9, D],
  ['5T', 5, 12, D],
  ['40T', 4, 13, D],
  ['300T', 3, 14, D],
  ['2P', 2, 15, D],
  ['1E', 1, 18, D],
  ['1E-3', 1, -3, X],
  ['1e3', 1, 3, X],
  ['1E6', 1, 6, X],
  ['1e9', 1, 9, X],
  ['1E12', 1, 12, X],
  ['1e15', 1, 15, X],
  ['1E18', 1, 18, X],
  ['1e14', 1, 14, X],
  ['1e13', 1, 13, X],
  ['100.035k', 100035, 0, D],
  ['0.001', 1, -3, D],
  ['0.0005k', 5, -1, D],
  ['0.005', 5, -3, D],
  ['0.05', 5, -2, D],
  ['0.5', 5, -1, D],
  ['0.00050k', 5, -1, D],
  ['0.00500', 5, -3, D],
  ['0.05000', 5, -2, D],
  ['0.50000', 5, -1, D],
  ['0.5e0', 5, -1, X],
  ['0.5e-1', 5, -2, X],
  ['0.5e-2', 5, -3, X],
  ['10.035M', 10035, 3, D],
  ['1.2e3', 12, 2, X],
  ['1.3E+6', 13, 5, X],
  ['1.40e9', 14, 8, X],
  ['1.53E12', 153, 10, X],
  ['1.6e15', 16, 14, X],
  ['1.7E18', 17, 17, X],
  ['9.01', 901, -2, D],
  ['8.1k', 81, 2, D],
  ['7.123456M', 7123456, 0, D],
  ['6.987654321G', 6987654321, 0, D],
  ['5.444T', 5444, 9, D],
  ['40.1T', 401, 11, D],
  ['300.2T', 3002, 11, D],
  ['2.5P', 25, 14, D],
  ['1.01E', 101, 16, D],
  ['3.001n', 4, -9, D],
  ['1.1E-9', 2, -9, X],
  ['0.0000000001', 1, -9, D],
  ['0.0000000005', 1, -9, D],
  ['0.00000000050', 1, -9, D],
  ['0.5e-9', 1, -9, X],
  ['0.9n', 1, -9, D],
  ['0.00000012345', 124, -9, D],
  ['0.00000012354', 124, -9, D],
  ['9Ei', MAX, 0, B],
  ['9223372036854775807Ki', MAX, 0, B],
  ['12E', 12, 18, D],
  ['100.035Ki', 10243584, -2, B],
  ['0.5Mi', 0.5 * 1024 * 1024, 0, B],
  ['0.05Gi', 536870912, -1, B],
  ['0.025Ti', 274877906944, -1, B],
  ['0.000000000001Ki', 2, -9, D],
  ['.001', 1, -3, D],
  ['.0001k', 100, -3, D],
  ['1.', 1, 0, D],
  ['1.G', 1, 9, D],
];

const nanosOf = (v: number | typeof MAX, scale: number) =>
  v === MAX ? (2n ** 63n - 1n) * 10n ** 9n : scale + 9 >= 0 ? BigInt(v) * 10n ** BigInt(scale + 9) : BigInt(v) / 10n ** BigInt(-(scale + 9));

describe('Kubernetes quantities (apimachinery quantity_test.go)', () => {
  it.each(TABLE)('%s', (input, v, scale, format) => {
    const nanos = nanosOf(v, scale);
    expect(parseQuantity(input)).toEqual({ ok: true, value: { nanos, format } });
    // The test tries each with a sign, too: the same value negated, the same format.
    expect(parseQuantity(`-${input}`)).toEqual({ ok: true, value: { nanos: -nanos, format } });
    expect(parseQuantity(`+${input}`)).toEqual({ ok: true, value: { nanos, format } });
  });

  it("refuses what quantity_test.go calls invalid, with quantity.go's own errors", () => {
    for (const bad of ['1.1.M', '1+1.0M', ' 1', '1 ', 'aoeu', '']) expect(parseQuantity(bad)).toEqual({ ok: false, error: QUANTITY_ERRORS.format });
    for (const bad of ['0.1mi', '0.1am', '.5i', '1i', '-3.01i', '-3.01e-']) expect(parseQuantity(bad).ok).toBe(false);
    expect(parseQuantity('1i')).toEqual({ ok: false, error: "unable to parse quantity's suffix" });
    expect(QUANTITY_ERRORS.format).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });

  it('gives a CPU request in millicores and a memory request in bytes, rounded up as MilliValue and Value round', () => {
    const q = (s: string) => {
      const r = parseQuantity(s);
      if (!r.ok) throw new Error(r.error);
      return r.value;
    };
    expect(milliValue(q('500m'))).toBe(500);
    expect(milliValue(q('1.5'))).toBe(1500);
    expect(milliValue(q('0.0001'))).toBe(1);
    expect(milliValue(q('2'))).toBe(2000);
    expect(value(q('128Mi'))).toBe(134217728);
    expect(value(q('1G'))).toBe(1e9);
    expect(value(q('0.5'))).toBe(1);
    expect(value(q('1e3'))).toBe(1000);
  });

  it('takes the paths ParseQuantity takes: no digits at all is refused where it needs inf.Dec (review findings)', () => {
    // Computed in int64: 0. Through inf.Dec (precision or scale out of int64's reach): "no digits read".
    for (const zero of ['Ki', '.', '+.', '-0', 'k']) expect(parseQuantity(zero)).toMatchObject({ ok: true, value: { nanos: 0n } });
    for (const bad of ['Pi', 'Ei', '.Pi', '-Ei', 'e-10', '.e-10', '-.e-10']) expect(parseQuantity(bad)).toEqual({ ok: false, error: QUANTITY_ERRORS.numeric });
    // The exponent is an int64 (past it, a suffix error), then an int32 (past it, it wraps).
    expect(parseQuantity('1e9223372036854775808')).toEqual({ ok: false, error: QUANTITY_ERRORS.suffix });
    expect(parseQuantity('1e4294967296')).toEqual({ ok: true, value: { nanos: 10n ** 9n, format: 'DecimalExponent' } });
    expect(parseQuantity('1e-4294967295')).toEqual({ ok: true, value: { nanos: 10n * 10n ** 9n, format: 'DecimalExponent' } });
  });

  it('does not build a number the size of an absurd exponent', () => {
    const huge = parseQuantity('1e999999999');
    const tiny = parseQuantity('1e-999999999');
    expect(huge.ok && huge.value.nanos > 10n ** 40n).toBe(true);
    expect(tiny).toEqual({ ok: true, value: { nanos: 1n, format: 'DecimalExponent' } });
    // Held at one value, so a larger one is never less than a smaller (the hold is by value, not by exponent).
    const [a, b] = [parseQuantity('1e41'), parseQuantity('5e40')];
    expect(a.ok && b.ok && a.value.nanos >= b.value.nanos).toBe(true);
  });
});
