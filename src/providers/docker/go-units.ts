// docker/go-units, ported: how docker prints sizes and durations (size.go,
// duration.go), with Go's own float formatting ("%.4g", "%.3g", FormatFloat 'f'),
// which rounds half to even on exact ties and writes large values as "1e+03".
// Sources: github.com/docker/go-units size.go (BytesSize, HumanSize,
// HumanSizeWithPrecision, getSizeAndUnit), duration.go (HumanDuration); Go
// strconv/ftoa.go (formatDigits for 'g' and 'f').

const DECIMAL = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];

function sizeAndUnit(size: number, base: number, units: readonly string[]): [number, string] {
  let i = 0;
  while (size >= base && i < units.length - 1) {
    size /= base;
    i++;
  }
  return [size, units[i]];
}

/** units.BytesSize: binary units, "%.4g" ("1GiB", "14.02MiB", "7.629GiB"). */
export function bytesSize(bytes: number): string {
  const [size, unit] = sizeAndUnit(bytes, 1024, BINARY);
  return formatG(size, 4) + unit;
}

/** units.HumanSizeWithPrecision: decimal units ("188MB", "1.2kB", "0B"). */
export function humanSizeWithPrecision(bytes: number, precision: number): string {
  const [size, unit] = sizeAndUnit(bytes, 1000, DECIMAL);
  return formatG(size, precision) + unit;
}

/** units.HumanSize: four significant digits. */
export function humanSize(bytes: number): string {
  return humanSizeWithPrecision(bytes, 4);
}

/** units.HumanDuration: "Less than a second", "About a minute", "3 hours", "2 weeks". */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  // int(d.Hours() + 0.5): hours round to the nearest.
  const hours = Math.trunc(ms / 3_600_000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(Math.trunc(ms / 3_600_000) / 24 / 365)} years`;
}

/** A float's decimal digits, rounded as Go rounds: `digits` without trailing zeros, value 0.digits x 10^dp. */
interface Decimal {
  digits: string;
  dp: number;
}

/** The exact decimal expansion of a non-negative finite double. */
function exact(x: number): Decimal {
  if (x === 0) return { digits: '', dp: 0 };
  // toFixed is exact for the digits it writes; a double below 1e21 has at most 100 fraction digits worth keeping here.
  const text = x < 1e21 ? x.toFixed(100) : BigInt(x).toString();
  const [int, frac = ''] = text.split('.');
  const all = (int === '0' ? '' : int) + frac;
  const lead = all.length - all.replace(/^0+/, '').length;
  const dp = int === '0' ? -lead : int.length;
  return { digits: all.slice(lead).replace(/0+$/, ''), dp };
}

/** Rounds to `n` digits in all (n >= 0), half to even as strconv's decimal.Round does. */
function roundTo(d: Decimal, n: number): Decimal {
  if (n < 0) return { digits: '', dp: 0 }; // below half of the last place kept
  if (d.digits.length <= n) return d;
  const next = d.digits.charCodeAt(n) - 48;
  const restNonZero = /[1-9]/.test(d.digits.slice(n + 1));
  const prevOdd = n > 0 && (d.digits.charCodeAt(n - 1) - 48) % 2 === 1;
  const up = next > 5 || (next === 5 && (restNonZero || prevOdd));
  let kept = d.digits.slice(0, n);
  if (!up) return { digits: kept.replace(/0+$/, ''), dp: d.dp };
  let i = kept.length - 1;
  while (i >= 0 && kept[i] === '9') i--;
  if (i < 0) return { digits: '1', dp: d.dp + 1 };
  kept = kept.slice(0, i) + String.fromCharCode(kept.charCodeAt(i) + 1);
  return { digits: kept, dp: d.dp };
}

function digitAt(d: Decimal, i: number): string {
  return i >= 0 && i < d.digits.length ? d.digits[i] : '0';
}

/** fmtF: %f with `prec` decimals from rounded digits. */
function fixed(d: Decimal, prec: number): string {
  let int = '';
  if (d.dp > 0) for (let i = 0; i < d.dp; i++) int += digitAt(d, i);
  else int = '0';
  let frac = '';
  for (let i = 0; i < prec; i++) frac += digitAt(d, d.dp + i);
  return prec > 0 ? `${int}.${frac}` : int;
}

/** Go's fmt "%.{prec}g" (strconv 'g'): trailing zeros dropped, exponent form for large or tiny values. */
export function formatG(x: number, prec: number): string {
  const neg = x < 0;
  if (prec === 0) prec = 1;
  const d = roundTo(exact(Math.abs(x)), prec);
  if (d.digits === '') return neg ? '-0' : '0';
  let eprec = prec;
  if (eprec > d.digits.length && d.digits.length >= d.dp) eprec = d.digits.length;
  const exp = d.dp - 1;
  let out: string;
  if (exp < -4 || exp >= eprec) {
    const p = Math.min(prec, d.digits.length) - 1;
    const mant = d.digits[0] + (p > 0 ? `.${d.digits.slice(1, 1 + p).padEnd(p, '0')}` : '');
    const e = Math.abs(exp);
    out = `${mant}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  } else {
    out = fixed(d, Math.max((prec > d.dp ? d.digits.length : prec) - d.dp, 0));
  }
  return neg ? `-${out}` : out;
}

/** strconv.FormatFloat(x, 'f', prec, 64): "12.35" (half to even on exact ties). */
export function formatF(x: number, prec: number): string {
  const neg = x < 0;
  const e = exact(Math.abs(x));
  const d = roundTo(e, e.dp + prec);
  const out = fixed(d, prec);
  return neg ? `-${out}` : out;
}
