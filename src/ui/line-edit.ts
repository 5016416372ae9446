// One line of text being typed (the filter, the : prompt, form fields): the text,
// the cursor, and what each editing key does to them. Pure.
import { CONTROL_CHARS } from '../core/validate.js';

export interface LineEdit {
  readonly text: string;
  readonly cursor: number;
  /** The first column in view when the line is wider than its room (line-view.ts keeps it). */
  readonly margin?: number;
}

export function line(text = ''): LineEdit {
  return { text, cursor: text.length };
}

/** The edit a key makes, or undefined if the key is not an editing key. */
export function editLine(edit: LineEdit, key: string, input: string): LineEdit | undefined {
  const { text, cursor } = edit;
  switch (key) {
    case 'backspace':
      return cursor === 0 ? edit : { ...edit, text: text.slice(0, cursor - 1) + text.slice(cursor), cursor: cursor - 1 };
    case 'delete':
    case 'ctrl+d':
      return { ...edit, text: text.slice(0, cursor) + text.slice(cursor + 1), cursor };
    case 'left':
    case 'ctrl+b':
      return { ...edit, text, cursor: Math.max(0, cursor - 1) };
    case 'right':
    case 'ctrl+f':
      return { ...edit, text, cursor: Math.min(text.length, cursor + 1) };
    case 'home':
    case 'ctrl+a':
      return { ...edit, text, cursor: 0 };
    case 'end':
    case 'ctrl+e':
      return { ...edit, text, cursor: text.length };
    case 'ctrl+u':
      return { ...edit, text: text.slice(cursor), cursor: 0 };
    case 'ctrl+k':
      return { ...edit, text: text.slice(0, cursor), cursor };
    case 'ctrl+w': {
      const before = text.slice(0, cursor).replace(/\S+\s*$/, '');
      return { ...edit, text: before + text.slice(cursor), cursor: before.length };
    }
  }
  if (key === 'space') input = ' ';
  // Printable text, typed or pasted; control characters (C0, C1, bidirectional overrides) never get into a line.
  if (input && !key.startsWith('ctrl+') && !key.startsWith('alt+') && !CONTROL_CHARS.test(input)) {
    return { ...edit, text: text.slice(0, cursor) + input + text.slice(cursor), cursor: cursor + input.length };
  }
  return undefined;
}
