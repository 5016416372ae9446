// The ceilings a tape's numbers have. A tape is a screencast played on the
// virtual clock; these keep any one tape's work bounded (a Sleep of a million
// minutes, a million key presses) while staying far above what a screencast
// needs. The clock's own bound for one advance is core/duration.ts's MAX_ADVANCE_MS.

/** Sleep, Wait's timeout, Set WaitTimeout, Set IdleTimeLimit: an hour of tape. */
export const MAX_WAIT_MS = 3_600_000;
/** Set TypingSpeed and a key's @delay: ten seconds between two keys. */
export const MAX_KEY_DELAY_MS = 10_000;
/** A key command's count (Down 20): a thousand presses. */
export const MAX_REPEAT = 1000;
/** Keys a tape presses in all, typed text and what it sources included. */
export const MAX_TAPE_KEYS = 100_000;
/** Tape time a tape may run: a day of screencast. */
export const MAX_TAPE_MS = 24 * 3_600_000;

/** 100000 as 100,000. */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
/** Output lines in a tape (each keeps a recording in memory while the tape plays). */
export const MAX_OUTPUTS = 16;
/** What a tape's recordings may hold in all, in bytes, before it is stopped. */
export const MAX_RECORDING_BYTES = 256 * 1024 * 1024;
/** Text a tape and what it sources may hold in all. */
export const MAX_SOURCED_BYTES = 4 * 1024 * 1024;
/** Commands a tape and what it sources may hold in all. */
export const MAX_COMMANDS = 200_000;
/**
 * The simulation a tape may run, in workload-ticks (each simulated tick of every
 * host and workload, plus a tick's own fixed cost as 100): 5,000,000,000 is a
 * year of the built-in estate, or about 12 hours of the 110,000-workload one,
 * and a few minutes of this machine either way.
 */
export const MAX_TAPE_WORK = 5_000_000_000;
/** Screen cells a tape may draw in all (what a frame costs follows its cells): a few minutes of drawing. */
export const MAX_CELLS_DRAWN = 1_000_000_000;

/** A tape went past one of the ceilings above while it played: it stops there, with this message. */
export class TapeLimit extends Error {}
