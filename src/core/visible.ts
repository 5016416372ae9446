// Text a user put in (a file name, a command line, a value in a file) on its way
// to a terminal: what the terminal would obey (escape sequences that recolour,
// move the cursor or write the clipboard with OSC 52; bidirectional overrides
// that reorder a line) is shown instead, as ␛ for escape and � for the rest.
// Line breaks and tabs stay: this is for messages of several lines.
import { CONTROL_CHARS } from './validate.js';

const UNSAFE_IN_LINES = new RegExp(CONTROL_CHARS.source.replace('\\u0000-\\u001f', '\\u0000-\\u0008\\u000b-\\u001f'), 'g');

export function visibleText(text: string): string {
  return text.replace(UNSAFE_IN_LINES, (c) => (c === '\u001b' ? '␛' : '�'));
}
