// Puts the console on a terminal: Ink renders the App into a ScreenWriter, which
// writes to the terminal only what changed. The live console and the benchmark
// both mount it here, so the benchmark measures what users run. Import this
// module only after CI is pinned (see run.tsx): Ink reads it when loaded.
import { render, type Instance } from 'ink';
import React from 'react';
import { App } from '../components/App.js';
import type { Controller } from '../controller.js';
import { ScreenWriter, StrayOutput, type Terminal } from './screen-writer.js';

export interface Mounted {
  readonly app: Instance;
  readonly screen: ScreenWriter;
}

export interface MountOptions {
  readonly stdin: NodeJS.ReadStream;
  readonly terminal: Terminal;
  /** Called after each frame reaches the terminal, with its size in bytes. */
  readonly onFrame?: (bytes: number) => void;
}

export function mountConsole(controller: Controller, opts: MountOptions): Mounted {
  const screen = new ScreenWriter(opts.terminal, opts.onFrame);
  const app = render(React.createElement(App, { controller }), {
    stdin: opts.stdin,
    stdout: screen as unknown as NodeJS.WriteStream,
    stderr: new StrayOutput(screen) as unknown as NodeJS.WriteStream,
    // Debug mode: every frame is written whole, at once, without Ink's throttle
    // (a key is drawn at once, not up to 33 ms later); the writer sends the difference.
    debug: true,
    exitOnCtrlC: false,
    patchConsole: true,
  });
  return { app, screen };
}
