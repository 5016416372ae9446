// Commands return results, not exceptions: a user's mistake (no capacity, wrong
// state, unknown name) is a value with a sentence the UI can show as it is.

export type ErrorCode =
  | 'not-found'
  | 'duplicate-id'
  | 'invalid-input'
  | 'invalid-state'
  | 'insufficient-capacity'
  | 'admission-control'
  | 'quota-exceeded'
  | 'unsupported';

export interface CoreError {
  readonly code: ErrorCode;
  /** One sentence for a person. */
  readonly message: string;
  /** Further lines, e.g. every host's reasons for a failed placement. */
  readonly details?: readonly string[];
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CoreError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string, details?: readonly string[]): Result<T> {
  return { ok: false, error: details ? { code, message, details } : { code, message } };
}
