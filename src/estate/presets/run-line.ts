// A preset sets up its networks as an administrator would: with the platforms'
// own command lines, so what it builds is what those commands make.
import type { Estate } from '../estate.js';

/** Runs each line against the estate; a line that fails is a fault in the preset. */
export function runLines(estate: Estate, preset: string, lines: readonly string[]): void {
  for (const line of lines) {
    const r = estate.providers.exec(line);
    if (r.exitCode !== 0) throw new Error(`${preset} estate: ${line}: ${r.stderr.trim()}`);
  }
}
