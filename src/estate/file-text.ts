// The text of an estate file: its JSON laid out with each field of the top and of
// the objects under it on a line, and each item of a list (a workload, a host, an
// event) on one line of its own. A file of 100,000 workloads is then 100,000
// lines a diff can name and an editor can jump to, at a third of the size that
// indenting every field gave it (68 MB), which is time to write, read and parse.

/** How deep objects are broken into a line a field: the top and the objects directly under it. */
const BROKEN_LEVELS = 2;

/** The file's JSON text, ending in a newline: JSON.parse gives back what JSON.stringify would have written. */
export function fileText(file: object): string {
  return `${laidOut(file, '', '') ?? ''}\n`;
}

/** How an item of a list under the top is indented (a workload's line begins with it). */
export const ITEM_INDENT = '  ';

/**
 * fileText's text in two halves, around the items of the top-level list `key`
 * (whatever `file` holds there is not written): the first ends with the list's
 * opening line, the second begins with the line break before its closing one.
 * Items go between, each ITEM_INDENT then its JSON, separated by ",\n", as
 * fileText writes them (a test holds the two equal); at least one, since
 * fileText writes an empty list as []. A writer can then make the items one at
 * a time rather than hold them all (file-write.ts).
 */
export function fileTextAround(file: object, key: string): [before: string, after: string] {
  const [before, after, more] = `${laidOut(file, '', '', key) ?? ''}\n`.split(HOLE);
  if (after === undefined || more !== undefined) throw new Error(`the file has no top-level list ${key}`);
  return [before, after];
}

/** Where the items go: JSON escapes NUL inside strings and keys, and the layout writes none of its own, so a raw NUL is only this mark. */
const HOLE = '\u0000';

/** The JSON of a value, or undefined for one JSON leaves out (undefined, a function), as JSON.stringify does. */
function laidOut(input: unknown, key: string, indent: string, hole?: string): string | undefined {
  // As JSON.stringify does: an object's toJSON speaks for it (a Date writes its ISO time).
  const value = hasToJson(input) ? input.toJSON(key) : input;
  const inner = `${indent} `;
  if (Array.isArray(value)) {
    if (!value.some((x) => typeof x === 'object' && x !== null)) return JSON.stringify(value);
    // Array.from visits holes; an item JSON has no word for (undefined, a function) is null, as in JSON.stringify.
    return `[\n${Array.from(value, (x) => inner + ((JSON.stringify(x) as string | undefined) ?? 'null')).join(',\n')}\n${indent}]`;
  }
  if (typeof value !== 'object' || value === null || indent.length >= BROKEN_LEVELS) return JSON.stringify(value);
  const fields = Object.entries(value)
    .map(([k, v]) => [k, indent === '' && k === hole ? `[\n${HOLE}\n${inner}]` : laidOut(v, k, inner)] as const)
    .filter(([, text]) => text !== undefined);
  if (fields.length === 0) return '{}';
  return `{\n${fields.map(([k, text]) => `${inner}${JSON.stringify(k)}: ${text}`).join(',\n')}\n${indent}}`;
}

function hasToJson(v: unknown): v is { toJSON(key: string): unknown } {
  return typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON === 'function';
}
