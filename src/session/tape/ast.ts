// What a tape says, once parsed: a list of commands, each with where it was
// written, and the problems found on the way (errors stop a tape; notices say
// what VHS would do that hyperpane does not, and why).

import type { StateTarget } from './state-target.js';

export interface Pos {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/** The keys VHS presses by name, and two more (Home, End) terminals have. */
export const KEY_COMMANDS = [
  'Enter',
  'Backspace',
  'Delete',
  'Insert',
  'Tab',
  'Space',
  'Up',
  'Down',
  'Left',
  'Right',
  'PageUp',
  'PageDown',
  'Escape',
  'ScrollUp',
  'ScrollDown',
  'Home',
  'End',
] as const;
export type KeyCommand = (typeof KEY_COMMANDS)[number];

export type Scope = 'Line' | 'Screen';

export type Command = { readonly pos: Pos } & (
  | { readonly kind: 'output'; readonly path: string }
  | { readonly kind: 'set'; readonly name: string; readonly value: string; readonly valuePos: Pos }
  | { readonly kind: 'key'; readonly key: KeyCommand; readonly delayMs?: number; readonly repeat: number }
  | { readonly kind: 'type'; readonly text: string; readonly delayMs?: number }
  /** Ctrl+x, Alt+x, Shift+x: the app's key name ("ctrl+c", "shift+tab", "G"), and how the tape wrote it. */
  | { readonly kind: 'chord'; readonly key: string; readonly input: string; readonly label: string }
  | { readonly kind: 'sleep'; readonly ms: number }
  | { readonly kind: 'wait'; readonly scope: Scope; readonly timeoutMs?: number; readonly pattern?: string }
  /** Wait State [TYPE/]NAME STATE: on the estate, not the screen (session/play/wait-state.ts). */
  | { readonly kind: 'wait-state'; readonly target: StateTarget; readonly timeoutMs?: number }
  | { readonly kind: 'expect'; readonly scope: Scope; readonly pattern: string }
  | { readonly kind: 'hide' }
  | { readonly kind: 'show' }
  | { readonly kind: 'require'; readonly program: string }
  | { readonly kind: 'screenshot'; readonly path: string }
  | { readonly kind: 'copy'; readonly text: string }
  | { readonly kind: 'paste' }
  | { readonly kind: 'env'; readonly name: string; readonly value: string }
  /** Caption (ours) and VHS's Subtitle: a bar of text over the app; "" takes it away. */
  | { readonly kind: 'caption'; readonly text: string }
  | { readonly kind: 'marker'; readonly text: string }
  | { readonly kind: 'sim'; readonly words: readonly string[] }
);

export type CommandKind = Command['kind'];

export interface Problem {
  readonly pos: Pos;
  readonly message: string;
}

export interface Tape {
  readonly file: string;
  readonly commands: readonly Command[];
  readonly errors: readonly Problem[];
  readonly notices: readonly Problem[];
}

/** "tour.tape:12:5: message", the way compilers and linters say it. */
export function formatProblem(p: Problem): string {
  return `${p.pos.file}:${p.pos.line}:${p.pos.col}: ${p.message}`;
}
