// Checks that code handling a record names every field of it, so that a field
// added to the record stops the compiler wherever it would be left behind.

/**
 * T with every key present: an optional field is still written down, as undefined
 * where it has no value. (Over Exclude<keyof T, never>, not keyof T: a mapped type
 * over keyof T with -? would take undefined out of the optional fields' types.)
 */
export type Complete<T> = { [K in Exclude<keyof T, never>]: T[K] };

/**
 * Given what is left of a record taken apart field by field
 * (`const { a, b, ...rest } = x; noneLeft(rest)`): it compiles only if that is nothing.
 */
export function noneLeft(_rest: Record<string, never>): void {
  // The check is the parameter's type; there is nothing to do when it runs.
}

/** Compiles only when Missing is never; where it is not, the error names what is missing. */
export type NoneMissing<Missing extends never> = Missing;

/** A type as a plain value compares: nothing read-only, every field optional (whether one may be left out is the reader's business). */
type Loose<T> = T extends object ? { -readonly [K in keyof T]+?: Loose<T[K]> } : T;

/** Where two records' fields differ, all the way down: never where they agree. */
type FieldsDiffer<A, B> = [A] extends [readonly (infer EA)[]]
  ? [B] extends [readonly (infer EB)[]]
    ? FieldsDiffer<NonNullable<EA>, NonNullable<EB>>
    : { listOnlyIn: 'the first' }
  : [A] extends [object]
    ? [B] extends [object]
      ? [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never]
        ? { [K in keyof A & keyof B]-?: FieldsDiffer<NonNullable<A[K]>, NonNullable<B[K]>> }[keyof A & keyof B]
        : { onlyInTheFirst: Exclude<keyof A, keyof B>; onlyInTheSecond: Exclude<keyof B, keyof A> }
      : { recordOnlyIn: 'the first' }
    : never;

/**
 * Two declarations of one record agree: the same fields all the way down, each
 * of a type the other accepts (read-only and optional aside). Use it as
 * NoneMissing<Mirror<A, B>>: where they differ, the error says how.
 */
export type Mirror<A, B> = [Loose<A>] extends [Loose<B>]
  ? [Loose<B>] extends [Loose<A>]
    ? FieldsDiffer<A, B>
    : { notAcceptedByTheFirst: B }
  : { notAcceptedByTheSecond: A };
