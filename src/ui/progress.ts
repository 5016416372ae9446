// Progress of an operation, in words and a bar: how far along it is on the
// simulated clock, and how long is left.
import type { Operation } from '../core/operations.js';
import { age } from './format.js';

export function fraction(op: Operation, now: number): number {
  const span = op.endsAt - op.startedAt;
  return span <= 0 ? 1 : Math.max(0, Math.min(1, (now - op.startedAt) / span));
}

export function bar(f: number, width: number): string {
  const full = Math.round(f * width);
  return '█'.repeat(full) + '░'.repeat(width - full);
}

/** "62% · pre-copy round 2 of 3 · 4s left" */
export function progressText(op: Operation, now: number): string {
  const left = Math.max(0, op.endsAt - now);
  return `${Math.floor(fraction(op, now) * 100)}% · ${op.phase} · ${left < 1000 ? 'under 1s' : age(left)} left`;
}
