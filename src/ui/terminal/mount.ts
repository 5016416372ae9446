// Puts the console on a terminal: Ink renders the App into a ScreenWriter, which
// writes to the terminal only what changed. The live console and the benchmark
// both mount it here, so the benchmark measures what users run. Import this
// module only after CI is pinned (see run.tsx): Ink reads it when loaded.
import { format } from 'node:util';
import { type Instance, render } from 'ink';
import React from 'react';
import { App } from '../components/App.js';
import type { Controller } from '../controller.js';
import { crashGuard } from './crash-guard.js';
import { ScreenWriter, StrayOutput, type Terminal } from './screen-writer.js';

export interface Mounted {
  readonly app: Instance;
  readonly screen: ScreenWriter;
  /** Settles when the console has ended: resolved when it quit, rejected with what broke a frame. */
  readonly exited: Promise<unknown>;
}

export interface MountOptions {
  readonly stdin: NodeJS.ReadStream;
  readonly terminal: Terminal;
  /** Called after each frame reaches the terminal, with its size in bytes. */
  readonly onFrame?: (bytes: number) => void;
}

export function mountConsole(controller: Controller, opts: MountOptions): Mounted {
  const screen = new ScreenWriter(opts.terminal, opts.onFrame);
  let app: Instance | undefined;
  let broke: ((error: unknown) => void) | undefined;
  let failed: { error: unknown } | undefined;
  const onError = (error: unknown) => {
    failed ??= { error };
    broke?.(error);
    app?.unmount();
  };
  const stray = new StrayOutput(screen);
  const restoreConsole = catchConsole(stray);
  app = render(crashGuard(onError, React.createElement(App, { controller })), {
    stdin: opts.stdin,
    stdout: screen as unknown as NodeJS.WriteStream,
    stderr: stray as unknown as NodeJS.WriteStream,
    // Debug mode: every frame is written whole, at once, without Ink's throttle
    // (a key is drawn at once, not up to 33 ms later); the writer sends the difference.
    debug: true,
    exitOnCtrlC: false,
    // Console output is caught here, not by Ink: in debug mode Ink writes it glued to the
    // frame, and no rule can tell that from a frame that ends as the last one did.
    patchConsole: false,
  });
  const mounted = app;
  // Ink's unmount() drops the error it is given, so the console's end is its own
  // promise; it is waited on before an error in the first frame ends it.
  const exited = new Promise<unknown>((resolve, reject) => {
    broke = reject;
    mounted.waitUntilExit().then(resolve, reject);
  }).finally(restoreConsole);
  if (failed) {
    broke!(failed.error);
    mounted.unmount();
  }
  return { app: mounted, screen, exited };
}

const CAUGHT = ['log', 'info', 'debug', 'warn', 'error', 'trace'] as const;

/** Sends console output to `into` while the console runs; returns what puts it back. */
function catchConsole(into: StrayOutput): () => void {
  const saved = CAUGHT.map((name) => [name, console[name]] as const);
  for (const name of CAUGHT) console[name] = (...args: unknown[]) => void into.write(`${format(...args)}\n`);
  return () => {
    for (const [name, fn] of saved) console[name] = fn;
  };
}
