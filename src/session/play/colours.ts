// Recordings must not depend on the terminal they were made in. Ink colours
// through chalk, which decides its colour level once, when it is imported, from
// the environment (FORCE_COLOR, NO_COLOR, TERM, COLORTERM, CI, whether stdout is
// a TTY). So the level is pinned twice: FORCE_COLOR before Ink is first
// imported, and the level set on the chalk instance Ink itself resolves.

/** Truecolor: what asciinema's player, xterm.js and every modern terminal draw. */
export const RECORDING_COLOUR_LEVEL = 3;

/** Call before anything imports Ink. */
export function pinColourEnvironment(): void {
  process.env.FORCE_COLOR = String(RECORDING_COLOUR_LEVEL);
}

/** Sets the level on the chalk Ink colours with (the same module: chalk is a dependency of both, deduplicated). */
export async function pinChalkLevel(level = RECORDING_COLOUR_LEVEL): Promise<void> {
  const chalk = (await import('chalk')).default;
  chalk.level = level as typeof chalk.level;
}
