// The first word on the command line picks the mode: one of these commands, or
// the console. The entry point dispatches on it, and the launcher keeps one code
// cache per mode (each mode runs different code).

export const COMMANDS = ['exec', 'import', 'new', 'play', 'report'] as const;

export type Mode = (typeof COMMANDS)[number] | 'console';

export function modeOf(argv: readonly string[]): Mode {
  const first = argv[0];
  return (COMMANDS as readonly string[]).includes(first ?? '') ? (first as Mode) : 'console';
}
