// A preset sets up its networks as an administrator would: with the platforms'
// own command lines, so what it builds is what those commands make.
import type { Estate } from '../estate.js';

/**
 * Runs each line against the estate; a line that fails is a fault in the preset. Building a preset is the
 * estate's history before anyone uses it, not a change anyone made: its lines leave the audit trail as it was.
 */
export function runLines(estate: Estate, preset: string, lines: readonly string[]): void {
  const trail = estate.providers.access.audit;
  const kept = { entries: [...trail.entries], count: trail.count };
  for (const line of lines) {
    const r = estate.providers.exec(line);
    if (r.exitCode !== 0) throw new Error(`${preset} estate: ${line}: ${r.stderr.trim()}`);
  }
  trail.load(kept.entries, kept.count);
}
