// Colours of states and levels, as theme tokens: one place decides that "booting"
// is pending and 92% is critical.
import type { Token } from '../../config/theme-tokens.js';
import type { Severity } from '../../core/event-log.js';
import { table } from '../../core/own.js';

const STATE_TONE: Readonly<Record<string, Token>> = table<Token>({
  running: 'status.running',
  connected: 'status.running',
  stopped: 'status.stopped',
  deallocated: 'status.stopped',
  deleted: 'status.stopped',
  paused: 'status.paused',
  suspended: 'status.paused',
  maintenance: 'status.paused',
  failed: 'status.failed',
});

export function stateTone(state: string): Token {
  return STATE_TONE[state] ?? 'status.pending';
}

/** A line's state tone, if it has one (a tree's lines: some are quiet). */
export function lineTone(state: string | undefined): Token | undefined {
  return state ? stateTone(state) : undefined;
}

/** Warning at 70%, critical at 90%. */
export function levelTone(pct: number): Token | undefined {
  if (pct >= 90) return 'severity.critical';
  if (pct >= 70) return 'severity.warn';
  return undefined;
}

export function severityTone(severity: Severity): Token | undefined {
  if (severity === 'critical') return 'severity.critical';
  if (severity === 'warning') return 'severity.warn';
  return undefined;
}
