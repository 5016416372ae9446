// A word as the prompt's tokenizer (cli/tokenize.ts) reads it back: as it is,
// or in single quotes when it holds a space, a quote or a backslash, or is empty.

export function quoteWord(w: string): string {
  return /[\s'"\\]/.test(w) || w === '' ? `'${w.replace(/'/g, "'\\''")}'` : w;
}
