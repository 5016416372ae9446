// Rendering the real App into a fake terminal of any size, pressing keys through
// its stdin as a terminal would, and reading the last frame. Frames are flushed
// by yielding to the event loop, never by waiting on a clock.
import { EventEmitter } from 'node:events';
import { render } from 'ink';
import type { ResolvedTheme } from '../../src/config/theme-tokens.js';
import { MONOCHROME } from '../../src/config/themes.js';
import type { Estate } from '../../src/estate/estate.js';
import { App } from '../../src/ui/components/App.js';
import { Controller, type ControllerOptions } from '../../src/ui/controller.js';
import { Keymap } from '../../src/ui/keymap.js';
import { paneDef } from '../../src/ui/panes/index.js';
import { defaultEstate } from '../default-estate.js';

class FakeStdout extends EventEmitter {
  frames: string[] = [];
  isTTY = true;
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string) => {
    this.frames.push(frame);
    return true;
  };
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write(data: string) {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  }
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

let shared: Estate | undefined;
/** The built-in estate, built once per file (it is read-only for most tests). */
export function sharedEstate(): Estate {
  return (shared ??= defaultEstate(1));
}

export function controllerFor(estate: Estate = defaultEstate(1), options: Partial<ControllerOptions> = {}): Controller {
  return new Controller({ estate, keymap: new Keymap(), theme: MONOCHROME, width: 120, height: 40, ...options });
}

export const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

export async function renderApp(width: number, height: number, options: { estate?: Estate; theme?: ResolvedTheme; controller?: Controller } = {}) {
  const stdout = new FakeStdout(width, height);
  const stdin = new FakeStdin();
  const controller = options.controller ?? controllerFor(options.estate, { width, height, theme: options.theme ?? MONOCHROME });
  const app = render(<App controller={controller} />, {
    stdout: stdout as never,
    stdin: stdin as never,
    stderr: new FakeStdout(width, height) as never,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  await flush();
  return {
    controller,
    frame: () => stdout.frames[stdout.frames.length - 1] ?? '',
    /** Raw bytes as a terminal sends them ("j", "\r", "\u001b[B"). */
    type: async (data: string) => {
      stdin.write(data);
      await flush();
    },
    resize: async (w: number, h: number) => {
      stdout.columns = w;
      stdout.rows = h;
      stdout.emit('resize');
      await flush();
    },
    unmount: () => app.unmount(),
  };
}

/** Presses keys on a controller: a character as itself, a named key (enter, escape, space) by its name. */
export const press = (ctl: Controller, ...keys: string[]) => {
  for (const k of keys) ctl.press(k, k.length === 1 ? k : k === 'space' ? ' ' : '');
};

/** Types text a character at a time. */
export const typeText = (ctl: Controller, text: string) => {
  for (const ch of text) ctl.press(ch === ' ' ? 'space' : ch, ch);
};

/** Runs a line at the `:` prompt. */
export const prompt = (ctl: Controller, line: string) => {
  press(ctl, ':');
  typeText(ctl, line);
  press(ctl, 'enter');
};

/** The pane's rows as the table shows them: each column's text. */
export function cells(ctl: Controller): string[][] {
  const pane = paneDef(ctl.state.pane);
  const ctx = { estate: ctl.estate, events: [] };
  return ctl.rows().rows.map((r) => pane.columns.map((c) => c.text(ctx, r)));
}
