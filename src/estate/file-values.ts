// The values an estate file is made of, as zod checks them: names, free text,
// counts, times and sizes ("64GiB", "512MiB", "1.5TiB" or a number of MiB), and
// how a size is written back.
import * as z from 'zod';
import { MAX_TIME_MS } from '../core/clock.js';
import { parseSizeMiB } from '../core/units.js';
import { CONTROL_CHARS } from '../core/validate.js';

/**
 * The largest size anything may have, in MiB: 1 EiB, room for a cloud region's
 * pooled capacity (the hybrid preset's is 1,000,000 TiB of storage) while 8,192
 * of them still sum to an exact integer.
 */
export const MAX_SIZE_MIB = 2 ** 40;

/** "64GiB" when it is whole GiB, "1536MiB" otherwise: exact either way. */
export function sizeText(mib: number): string {
  if (mib % (1024 * 1024) === 0 && mib > 0) return `${mib / (1024 * 1024)}TiB`;
  if (mib % 1024 === 0 && mib > 0) return `${mib / 1024}GiB`;
  return `${mib}MiB`;
}

let built: FileValues | undefined;

/** The schemas, built on first use (see estateFileSchema). */
export function fileValues(): FileValues {
  return (built ??= build());
}

export type FileValues = ReturnType<typeof build>;

function build() {
  const NO_CONTROLS = new RegExp(`^[^${CONTROL_CHARS.source.slice(1, -1)}]*$`);
  const name = z.string().min(1).max(253).regex(NO_CONTROLS, 'must not contain control characters');
  /** Free text shown on screen: no control characters, which would reach the terminal as escapes. */
  const text = (max: number) => z.string().max(max).regex(NO_CONTROLS, 'must not contain control characters');
  const count = z.number().int().min(0);
  /** A simulated time or duration, in ms: up to the end of simulated time. */
  const ms = z.number().int('a whole number of ms').min(0).max(MAX_TIME_MS, `a time of at most ${MAX_TIME_MS} ms (1,000 years)`);

  /** A size: "64GiB", "512MiB", "1.5TiB", or a whole number of MiB. */
  // Strings first: a file writes sizes as text, and a union tries its options in order (each miss makes an issue).
  const size = z.union([z.string(), z.number()]).transform((v, ctx) => {
    const mib = typeof v === 'number' ? v : parseSizeMiB(v);
    if (mib === null || !Number.isFinite(mib) || mib < 0 || !Number.isInteger(mib)) {
      ctx.addIssue({ code: 'custom', message: `expected a size like 64GiB, got ${JSON.stringify(v)}` });
      return z.NEVER;
    }
    if (mib > MAX_SIZE_MIB) {
      ctx.addIssue({ code: 'custom', message: `expected a size up to 1EiB (1048576TiB), got ${JSON.stringify(v)}` });
      return z.NEVER;
    }
    return mib;
  });

  const range = z.tuple([ms, ms]).refine(([lo, hi]) => lo <= hi, 'the first number is the shortest time and may not exceed the second');
  const durations = z.strictObject({ provision: range, boot: range, stop: range, suspend: range, resume: range, deallocate: range });

  /** A setting a driver keeps on a workload. */
  const attrValue = z.union([text(10_000), z.number().finite(), z.boolean()]);

  return { name, text, count, ms, size, durations, attrValue };
}
