// Driving the real binary in a real terminal: a private tmux server per test
// file, the screen read with capture-pane, and waits that poll for what the test
// expects (the app runs on real time there), never a fixed delay.

import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { execa } from 'execa';

export const BIN = join(import.meta.dirname, '../../dist/cli.js');

export function tmuxServer(name: string) {
  const socket = `hyperpane-${name}-${process.pid}`;
  const tmux = (...args: string[]) => execa('tmux', ['-L', socket, ...args], { reject: false });
  // The screen is read every poll of every wait (hundreds of times a test): through node's execFile, a
  // small fraction of the CPU execa spends setting up each call (the tour's test: 8 s of CPU, most of it polls).
  const screen = (session: string) =>
    new Promise<string>((resolve) => {
      execFile('tmux', ['-L', socket, 'capture-pane', '-p', '-t', session], (_error, stdout) => resolve(String(stdout).replace(/\n$/, '')));
    });
  return {
    tmux,
    screen,
    /** Polls a session's screen until it matches, and returns it. */
    async waitFor(session: string, pattern: RegExp, timeoutMs = 20_000): Promise<string> {
      const until = performance.now() + timeoutMs;
      let last = '';
      while (performance.now() < until) {
        last = await screen(session);
        if (pattern.test(last)) return last;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`screen never matched ${pattern}; last screen:\n${last}`);
    },
    send: async (session: string, ...keys: string[]) => {
      await tmux('send-keys', '-t', session, ...keys);
    },
    flag: async (session: string, name: string) => (await tmux('display', '-p', '-t', session, `#{${name}}`)).stdout,
    kill: () => tmux('kill-server'),
  };
}
