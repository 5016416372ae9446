// One name for each key press, whatever the terminal sent: "j", "G", "down",
// "ctrl+f", "shift+tab", "pagedown", "enter", "escape", "space". The keymap and
// the tapes speak these names.
import type { Key } from 'ink';

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
  if (key.backspace) return 'backspace';
  if (key.delete) return 'delete';
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
  if (special[name]) return special[name];
  const m = /^(ctrl|alt)\+(.+)$/.exec(name);
  if (m) return `${m[1] === 'ctrl' ? 'Ctrl' : 'Alt'}-${m[2].toUpperCase()}`;
  return name;
}
