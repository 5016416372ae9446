// A bug that breaks the very first frame must still end the console (so the
// terminal is restored and the estate saved): Ink ended on such an error before
// anyone waited for it, and the process then waited for ever, deaf to q, ctrl-c
// and SIGTERM (a theme whose token named "constructor" did it).
import { describe, expect, it } from 'vitest';
import type { ResolvedTheme } from '../../src/config/theme-tokens.js';
import { MONOCHROME } from '../../src/config/themes.js';
import { mountConsole } from '../../src/ui/terminal/mount.js';
import { StandInTerminal, standInStdin } from '../bench/stand-in.js';
import { controllerFor, flush } from './helpers.js';

/** A colour that is not a string: painting breaks at once. */
const broken = {
  ...MONOCHROME,
  monochrome: false,
  color: Object.fromEntries(Object.keys(MONOCHROME.color).map((t) => [t, Object])),
} as unknown as ResolvedTheme;

/** The console mounted on a stand-in terminal, and how it ended so far. */
function mounted(ctl: ReturnType<typeof controllerFor>) {
  const { exited, screen } = mountConsole(ctl, { stdin: standInStdin(), terminal: new StandInTerminal() });
  const state = { outcome: 'still running', screen };
  exited.then(
    () => (state.outcome = 'quit'),
    (e: Error) => (state.outcome = `ended by: ${e.message}`),
  );
  return state;
}

describe('a crash while drawing', () => {
  it('in the first frame ends the console with the error', async () => {
    const run = mounted(controllerFor(undefined, { theme: broken }));
    await flush();
    run.screen.release();
    expect(run.outcome).toMatch(/^ended by: .*(startsWith|not a function)/);
  });

  it('after the first frame ends it too', async () => {
    const ctl = controllerFor();
    const run = mounted(ctl);
    await flush();
    expect(run.outcome).toBe('still running');
    ctl.theme = broken;
    ctl.press('j', 'j');
    await flush();
    run.screen.release();
    expect(run.outcome).toMatch(/^ended by: /);
  });
});

describe('console output while the console runs', () => {
  it('is kept off the screen, to be printed after, and the console is given back when it ends', async () => {
    const ctl = controllerFor();
    const log = console.log;
    const run = mounted(ctl);
    await flush();
    console.log('a stray %s', 'line');
    expect(run.screen.stray).toEqual(['a stray line']);
    ctl.quit();
    await flush();
    run.screen.release();
    expect(console.log).toBe(log);
  });
});
