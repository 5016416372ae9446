// Splits a command line into words the way a shell does: whitespace separates,
// single quotes keep everything, double quotes keep spaces and allow \" and \\,
// a backslash outside quotes escapes the next character. A PowerShell line (its
// first word a Verb-Noun cmdlet) escapes with the backtick instead, so Windows
// paths keep their backslashes (about_Special_Characters: "`" is the escape
// character; about_Quoting_Rules), and splits at an unquoted | as PowerShell's
// parser does (about_Pipelines), spaces round it or not.

/** A line that starts with a cmdlet: one of PowerShell's approved verbs (Get-Verb), a dash, a noun. */
const VERBS = [
  ...['get', 'set', 'new', 'remove', 'start', 'stop', 'restart', 'suspend', 'resume', 'save', 'checkpoint', 'restore', 'move'],
  ...['connect', 'disconnect', 'add', 'enable', 'disable', 'test', 'resize', 'mount', 'dismount', 'optimize', 'convert', 'update'],
  ...['rename', 'export', 'import', 'measure', 'invoke', 'clear', 'compare', 'repair', 'wait'],
];
const POWERSHELL = new RegExp(`^\\s*(${VERBS.join('|')})-[a-z]\\w*(\\s|$)`, 'i');

export type Tokens = { ok: true; words: string[] } | { ok: false; error: string };

export function tokenize(line: string): Tokens {
  const escapeChar = POWERSHELL.test(line) ? '`' : '\\';
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === escapeChar && (line[i + 1] === '"' || line[i + 1] === escapeChar)) word += line[++i];
      else word += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === escapeChar && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (c === '|' && escapeChar === '`') {
      // PowerShell ends a command at an unquoted | with or without spaces round it (Get-VHD x|fl): a word of its own.
      if (inWord) words.push(word);
      words.push('|');
      word = '';
      inWord = false;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) return { ok: false, error: `unterminated ${quote === '"' ? 'double' : 'single'} quote` };
  if (inWord) words.push(word);
  return { ok: true, words };
}

/** Quotes a word for display if it needs it, so a line can be shown as it would be typed. */
export function quoteWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
