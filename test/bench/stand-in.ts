// A terminal and a keyboard for the console to be mounted on inside a benchmark:
// a 160x50 screen that swallows what is written, and a stdin in raw mode that
// keys can be written into.
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';

export const COLS = 160;
export const ROWS = 50;

export class StandInTerminal extends EventEmitter {
  readonly columns = COLS;
  readonly rows = ROWS;
  write(_text: string): boolean {
    return true;
  }
}

export function standInStdin(): NodeJS.ReadStream & PassThrough {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin, ref: () => stdin, unref: () => stdin });
  return stdin as unknown as NodeJS.ReadStream & PassThrough;
}
