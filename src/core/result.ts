// Commands return results, not exceptions: a user's mistake (no capacity, wrong
// state, unknown name) is a value with a sentence the UI can show as it is.

import type { Platform, WorkloadState } from './model.js';
import type { ResourceName } from './units.js';

export type ErrorCode =
  | 'not-found'
  | 'duplicate-id'
  | 'invalid-input'
  | 'invalid-state'
  | 'insufficient-capacity'
  | 'admission-control'
  | 'quota-exceeded'
  | 'unsupported';

/**
 * What a refusal was about, as data: drivers choose their platform's own words
 * from these (and the code), never by reading the core's sentence.
 */
export interface ErrorFacts {
  /** The workload's state when it refused (invalid-state). */
  readonly state?: WorkloadState;
  /** The resources no host had enough of (insufficient-capacity). */
  readonly short?: readonly ResourceName[];
  /** The input at fault (invalid-input): 'location', 'name', 'size', ... */
  readonly field?: string;
  /** The platform whose driver's start guard refused (invalid-state): its message is in that platform's own words. */
  readonly guard?: Platform;
  /** The datastore, by name, that had too little room (insufficient-capacity). */
  readonly datastore?: string;
  /** The host whose own storage holds the disk a move would have to take along (invalid-state). */
  readonly ownStorage?: string;
}

export interface CoreError {
  readonly code: ErrorCode;
  /** One sentence for a person. */
  readonly message: string;
  /** Further lines, e.g. every problem of an estate file. */
  readonly details?: readonly string[];
  readonly facts?: ErrorFacts;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CoreError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string, details?: readonly string[], facts?: ErrorFacts): Result<T> {
  return { ok: false, error: { code, message, ...(details ? { details } : {}), ...(facts ? { facts } : {}) } };
}
