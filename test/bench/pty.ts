// The built app in a real pseudo-terminal (util-linux `script`, which every
// Debian has): what a user at a terminal sees, from `node dist/cli.js` on.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { COLS, ROWS } from './stand-in.js';

export { COLS, ROWS };

/** The end of a synchronized update (DEC mode 2026): a whole frame has been written. */
const FRAME_END = '\x1b[?2026l';
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

export interface App {
  readonly child: ChildProcess;
  /** Wall ms from spawn to the end of the first full frame. */
  readonly firstFrame: Promise<number>;
  /** Bytes the app has written to the terminal so far. */
  bytes(): number;
  /** The node process's pid (script's grandchild). */
  pid(): number;
  keys(text: string): void;
  stop(): Promise<void>;
}

/**
 * Wall ms from spawn to exit of a bare `node -e 0` through the same pseudo-terminal:
 * what any Node program pays to start on this machine, to measure startup against.
 */
export function bareNode(): Promise<number> {
  const start = performance.now();
  const child = spawn('script', ['-qfec', `exec ${process.execPath} -e 0`, '/dev/null'], { stdio: ['pipe', 'ignore', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => (code === 0 ? resolve(performance.now() - start) : reject(new Error(`node -e 0 exited with ${code}`))));
  });
}

export function launch(args: readonly string[]): App {
  const home = mkdtempSync(join(tmpdir(), 'hyperpane-bench-'));
  const command = `stty cols ${COLS} rows ${ROWS} && exec ${process.execPath} ${CLI} ${args.join(' ')}`;
  const start = performance.now();
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), TERM: 'xterm-256color', COLORTERM: 'truecolor', CI: '', NO_COLOR: '' },
  });
  let bytes = 0;
  let seen = '';
  const firstFrame = new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (seen.length < 1_000_000) seen += chunk.toString('latin1');
      // The first end of a synchronized update after a screenful of output.
      if (seen.length > 2000 && seen.includes(FRAME_END)) resolve(performance.now() - start);
    });
    child.once('exit', (code) => reject(new Error(`the app exited (${code}) before its first frame: ${JSON.stringify(seen.slice(-400))}`)));
    setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no frame in 60 s: ${JSON.stringify(seen.slice(-400))}`));
    }, 60_000).unref();
  });
  firstFrame.catch(() => {});
  return {
    child,
    firstFrame,
    bytes: () => bytes,
    pid: () => nodePid(child.pid!),
    keys: (text) => child.stdin!.write(text),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.stdin!.write('q');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** script runs the command through a shell that execs node: node is its only child. */
function nodePid(scriptPid: number): number {
  const children = readFileSync(`/proc/${scriptPid}/task/${scriptPid}/children`, 'utf8').trim().split(/\s+/);
  return Number(children[0]);
}

/** CPU seconds (user + system) a process has used. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
