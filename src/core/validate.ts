// Checks on what callers hand the core. Every failure is a sentence naming the
// field, so a hand-written estate or a typo in a command says what is wrong.

/**
 * Characters a terminal obeys rather than shows: C0/C1 controls (escapes), the
 * bidirectional marks, overrides and isolates that reorder what follows them on
 * the line (so a name could make a row read as something else), line separators.
 */
export const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

export function badId(what: string, id: unknown): string | undefined {
  if (typeof id !== 'string' || id.length === 0) return `${what} id must be a non-empty string`;
  if (id.length > 253) return `${what} id is longer than 253 characters`;
  // Control characters would reach the terminal raw; ids are shown everywhere.
  if (CONTROL_CHARS.test(id)) return `${what} id "${JSON.stringify(id).slice(1, -1)}" contains control characters`;
  return undefined;
}

/** What a count must be. Checks share one rule object of each kind, so a check that passes allocates nothing. */
export interface CountRule {
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
}

export function badCount(field: string, value: unknown, rule: CountRule = {}): string | undefined {
  const problem = countProblem(value, rule);
  return problem === undefined ? undefined : `${field} ${problem}`;
}

/** What is wrong with a count, as the end of a sentence ("must be at least 1, got 0"), or undefined: the field's name is added only when something is. */
export function countProblem(value: unknown, { min = 0, integer = false, max = Number.MAX_SAFE_INTEGER }: CountRule = {}): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a number, got ${String(value)}`;
  if (integer && !Number.isInteger(value)) return `must be a whole number, got ${value}`;
  if (value < min) return `must be at least ${min}, got ${value}`;
  if (value > max) return `must be at most ${max}, got ${value}`;
  return undefined;
}

/** The first problem found, if any. */
export function firstOf(...problems: (string | undefined)[]): string | undefined {
  return problems.find((p) => p !== undefined);
}
