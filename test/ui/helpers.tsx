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
