// One name for each key press, whatever the terminal sent: "j", "G", "down",
// "ctrl+f", "shift+tab", "pagedown", "enter", "escape", "space". The keymap and
// the tapes speak these names.
import type { Key } from 'ink';
import { clean } from './format.js';

export function keyName(input: string, key: Key): string {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageDown) return 'pagedown';
  if (key.pageUp) return 'pageup';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.escape) return 'escape';
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  // Most terminals send DEL (0x7f) for Backspace and Ink reports it as delete; the
  // Delete key proper cannot be told apart, so both erase backwards, as in a shell.
  if (key.backspace || key.delete) return 'backspace';
  if (key.ctrl && input) return `ctrl+${input.toLowerCase()}`;
  if (key.meta && input) return `alt+${input}`;
  if (input === ' ') return 'space';
  return input;
}

/** How a key is written in hints and help: "ctrl+f" -> "Ctrl-F", "pagedown" -> "PgDn". */
export function keyLabel(name: string): string {
  const special: Record<string, string> = {
    up: '↑',
    down: '↓',
    left: '←',
    right: '→',
    pagedown: 'PgDn',
    pageup: 'PgUp',
    home: 'Home',
    end: 'End',
    enter: 'Enter',
    escape: 'Esc',
    tab: 'Tab',
    'shift+tab': 'Shift-Tab',
    space: 'Space',
    backspace: 'Bksp',
  };
  if (Object.hasOwn(special, name)) return special[name];
  const m = /^(ctrl|alt)\+(.+)$/.exec(name);
  // A key named in the settings is drawn: what a terminal would obey in it is shown as a mark.
  if (m) return clean(`${m[1] === 'ctrl' ? 'Ctrl' : 'Alt'}-${m[2].toUpperCase()}`);
  return clean(name);
}

/**
 * The key presses in one read from the terminal. Ink hands over a run of plain
 * text as one string (keys typed faster than a frame, a paste, tmux send-keys),
 * so "jj\r" becomes j, j, enter here; escape sequences arrive already split.
 */
export function keyPresses(input: string, key: Key): [name: string, input: string][] {
  if (input.length <= 1 || input.includes('\u001b')) return [[keyName(input, key), input]];
  const out: [string, string][] = [];
  for (const ch of input) {
    const code = ch.codePointAt(0)!;
    if (ch === '\r' || ch === '\n') out.push(['enter', '']);
    else if (ch === '\t') out.push(['tab', '']);
    else if (ch === '\u007f' || ch === '\b') out.push(['backspace', '']);
    else if (code < 32) out.push([`ctrl+${String.fromCharCode(code + 96)}`, '']);
    else if (ch === ' ') out.push(['space', ' ']);
    else out.push([ch, ch]);
  }
  return out;
}
