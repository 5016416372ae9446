// Kubernetes resource quantities ("500m", "128Mi", "1.5", "2e3"), read exactly
// as the API server reads them: k8s.io/apimachinery/pkg/api/resource,
// quantity.go (ParseQuantity, parseQuantityString) and suffix.go (interpret).
// A quantity is kept in nano-units, rounded away from zero to the nano as
// ParseQuantity rounds, so a request compares and sums without a float's error.

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The value in billionths of the unit (cores or bytes), exact. */
  readonly nanos: bigint;
  /** The kind of suffix it was written with, as Kubernetes remembers it to print it back. */
  readonly format: QuantityFormat;
}

/** quantity.go's splitREString: what its format error quotes. */
export const QUANTITY_PATTERN = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
/** quantity.go's three errors, word for word. */
export const QUANTITY_ERRORS = {
  format: `quantities must match the regular expression '${QUANTITY_PATTERN}'`,
  numeric: 'unable to parse numeric part of quantity',
  suffix: "unable to parse quantity's suffix",
} as const;

const NANO = 1_000_000_000n;
/** BinarySI values are capped, silently, at 2^63-1 (quantity.go's maxAllowed). */
const MAX_BINARY_NANOS = (2n ** 63n - 1n) * NANO;
/**
 * Decimal values are not capped by Kubernetes; past 10^40 of a unit every
 * quantity is far beyond any node, so one is held there rather than computing
 * 10^(a written exponent) digits.
 */
const MAX_POWER = 40;

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const SUFFIX_CHARS = 'eEinumkKMGTP';
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

interface Scanned {
  readonly positive: boolean;
  readonly num: string;
  readonly denom: string;
  readonly suffix: string;
  /** Whether the number as written has a digit at all (inf.Dec's SetString needs one: ParseQuantity's slow path). */
  readonly digits: boolean;
}

/** parseQuantityString: sign, whole digits (leading zeros dropped), fraction digits, suffix. */
function scan(str: string): Scanned | undefined {
  let pos = 0;
  const end = str.length;
  let positive = true;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') pos++;
  const zerosFrom = pos;
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, num: '0', denom: '', suffix: '', digits: pos > zerosFrom };
  const zeros = pos > zerosFrom;
  const numStart = pos;
  while (pos < end && isDigit(str[pos])) pos++;
  const numDigits = pos > numStart;
  const num = str.slice(numStart, pos) || '0';
  let denom = '';
  if (str[pos] === '.') {
    const denomStart = ++pos;
    while (pos < end && isDigit(str[pos])) pos++;
    denom = str.slice(denomStart, pos);
  }
  const suffixStart = pos;
  while (pos < end && SUFFIX_CHARS.includes(str[pos])) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  // A character that is none of these where the suffix's exponent should end.
  if (pos < end) return undefined;
  return { positive, num, denom, suffix: str.slice(suffixStart), digits: zeros || numDigits || denom !== '' };
}

/** suffix.go's interpret: a decimal or binary suffix, or e/E and a whole exponent. */
function interpret(suffix: string): { base: 10 | 2; exponent: number; format: QuantityFormat } | undefined {
  const dec = Object.hasOwn(DECIMAL_SUFFIXES, suffix) ? DECIMAL_SUFFIXES[suffix] : undefined;
  if (dec !== undefined) return { base: 10, exponent: dec, format: 'DecimalSI' };
  const bin = Object.hasOwn(BINARY_SUFFIXES, suffix) ? BINARY_SUFFIXES[suffix] : undefined;
  if (bin !== undefined) return { base: 2, exponent: bin, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?\d+$/.test(suffix.slice(1))) {
    // strconv.ParseInt(..., 10, 64), then the int32 interpret returns: past int64 is an error, past int32 wraps.
    const parsed = BigInt(suffix.slice(1));
    if (parsed < -(2n ** 63n) || parsed > 2n ** 63n - 1n) return undefined;
    return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)), format: 'DecimalExponent' };
  }
  return undefined;
}

const bigMin = (a: bigint, b: bigint) => (a < b ? a : b);

/** ceil(n / d) for n >= 0, d > 0. */
const ceilDiv = (n: bigint, d: bigint) => (n + d - 1n) / d;

const CAP_NANOS = 10n ** BigInt(MAX_POWER + 9);

/** `digits` x 10^power, in nanos, rounded up; held at 10^MAX_POWER units (by value, so order is kept). */
function scaled(digits: bigint, power: number): bigint {
  if (digits === 0n) return 0n;
  const nanoPower = power + 9;
  if (nanoPower >= 0) return power > MAX_POWER ? CAP_NANOS : bigMin(digits * 10n ** BigInt(nanoPower), CAP_NANOS);
  // Below a nano: anything non-zero is one nano ("0.9n" is "1n"), and a huge divisor need not be built.
  if (-nanoPower > digits.toString().length) return 1n;
  return ceilDiv(digits, 10n ** BigInt(-nanoPower));
}

/** A quantity, or quantity.go's error for it. */
export function parseQuantity(str: string): { ok: true; value: Quantity } | { ok: false; error: string } {
  if (str.length === 0) return { ok: false, error: QUANTITY_ERRORS.format };
  if (str === '0') return { ok: true, value: { nanos: 0n, format: 'DecimalSI' } };
  const parts = scan(str);
  if (!parts) return { ok: false, error: QUANTITY_ERRORS.format };
  const unit = interpret(parts.suffix);
  if (!unit) return { ok: false, error: QUANTITY_ERRORS.suffix };
  // ParseQuantity computes in int64 when it can and otherwise through inf.Dec, which needs a digit: "Pi" or "e-10"
  // take that slow path and are refused, while "Ki" and "." are 0 (quantity.go's precision and scale tests).
  const written = parts.num + parts.denom;
  const precision =
    unit.base === 10 ? 18 - written.length : unit.exponent >= 0 && parts.denom === '' ? 15 - parts.num.length - Math.trunc((unit.exponent * 3) / 10) - 1 : -1;
  const fast =
    precision >= 0 &&
    (unit.base === 10 ? unit.exponent : 0) - parts.denom.length >= -9 &&
    (unit.base === 10 || BigInt(written) * 2n ** BigInt(unit.exponent) <= 2n ** 63n - 1n);
  if (!fast && !parts.digits) return { ok: false, error: QUANTITY_ERRORS.numeric };
  const digits = BigInt(written);
  let nanos: bigint;
  let format = unit.format;
  if (unit.base === 10) nanos = scaled(digits, unit.exponent - parts.denom.length);
  else {
    const exact = digits * 2n ** BigInt(unit.exponent) * NANO;
    nanos = ceilDiv(exact, 10n ** BigInt(parts.denom.length));
    if (nanos > MAX_BINARY_NANOS) nanos = MAX_BINARY_NANOS;
    // Less than one but not zero: "This avoids rounding and hopefully confusion, too."
    if (nanos > 0n && nanos < NANO) format = 'DecimalSI';
  }
  return { ok: true, value: { nanos: parts.positive ? nanos : -nanos, format } };
}

/** Rounded away from zero to a whole number of `unit` nanos (Quantity.ScaledValue rounds up). */
function roundedTo(q: Quantity, unit: bigint): number {
  const abs = q.nanos < 0n ? -q.nanos : q.nanos;
  const whole = Number(ceilDiv(abs, unit));
  return q.nanos < 0n ? -whole : whole;
}

/** Quantity.MilliValue: thousandths, rounded up (a CPU request in millicores). */
export function milliValue(q: Quantity): number {
  return roundedTo(q, 1_000_000n);
}

/** Quantity.Value: whole units, rounded up (a memory request in bytes). */
export function value(q: Quantity): number {
  return roundedTo(q, NANO);
}
