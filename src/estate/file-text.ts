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

/** The JSON of a value, or undefined for one JSON leaves out (undefined, a function), as JSON.stringify does. */
function laidOut(input: unknown, key: string, indent: string): string | undefined {
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
    .map(([k, v]) => [k, laidOut(v, k, inner)] as const)
    .filter(([, text]) => text !== undefined);
  if (fields.length === 0) return '{}';
  return `{\n${fields.map(([k, text]) => `${inner}${JSON.stringify(k)}: ${text}`).join(',\n')}\n${indent}}`;
}

function hasToJson(v: unknown): v is { toJSON(key: string): unknown } {
  return typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON === 'function';
}
