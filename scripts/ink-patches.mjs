// Mends to Ink 6, applied when it is bundled (an esbuild plugin), each an
// exact text replacement that fails the build if Ink's source has changed:
// - measureText and wrapText keep every string ever laid out in module-level
//   caches that are never emptied (vadimdemedes/ink#986, unfixed in 6.x), so a
//   console whose clock and figures change leaks without end. Here they are
//   bounded: emptied when full.
// - Output turns every line it writes into styled cells through caches it makes
//   afresh for each frame, so an unchanged line is tokenized again on every
//   frame. Here the caches are shared by all frames, and bounded.
// - Every frame measures each text's width (string-width, grapheme by grapheme)
//   and strips unsafe escapes from it (a full tokenization) again, though the
//   text has not changed. Here both go through bounded caches.
// - Turning a row of cells back into a string diffs the styles of every two
//   neighbouring cells, each cell with its own copy of its styles. Here cells
//   styled alike share one styles array (blank cells one empty array), and
//   neighbours sharing theirs are not diffed.
// - A row that one text alone writes, from its first column and not clipped
//   across (every table row, the header, the footer), is that text: Ink would
//   cut it into cells and join them again to the same picture. Here such rows
//   are taken as they are (DIRECT_ROWS below); the others go Ink's way.
import { readFile } from 'node:fs/promises';

// A frame lays out fewer than 200 texts: 2,000 entries keep ten frames' worth; a styled
// line is about 12 KB of cell objects, so of those a few frames' worth.
const BOUNDED_MAP = 'const LIMIT = 2000;\nconst LINE_LIMIT = 256;\nclass BoundedMap extends Map { constructor(limit) { super(); this.limit = limit; } set(key, value) { if (this.size >= this.limit) this.clear(); return super.set(key, value); } }\n';

const DIRECT_ROWS = `    /** Rows one write alone covers, from x = 0, unclipped across: their text as it is. */
    directRows() {
        const found = new Map();
        const mixed = new Set();
        const stack = [];
        for (const operation of this.operations) {
            if (operation.type === 'clip') {
                stack.push(operation.clip);
                continue;
            }
            if (operation.type === 'unclip') {
                stack.pop();
                continue;
            }
            if (operation.type !== 'write' || !operation.text) {
                continue;
            }
            let { x, y } = operation;
            let lines = operation.text.split('\\n');
            const clip = stack.at(-1);
            const across = clip !== undefined && typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
            if (clip && typeof clip.y1 === 'number' && typeof clip.y2 === 'number') {
                const height = lines.length;
                if (y + height < clip.y1 || y > clip.y2) {
                    continue;
                }
                const from = y < clip.y1 ? clip.y1 - y : 0;
                const to = y + height > clip.y2 ? clip.y2 - y : height;
                lines = lines.slice(from, to);
                if (y < clip.y1) {
                    y = clip.y1;
                }
            }
            for (let index = 0; index < lines.length; index++) {
                const row = y + index;
                if (row < 0 || row >= this.height) {
                    continue;
                }
                if (across || x !== 0 || found.has(row)) {
                    mixed.add(row);
                    continue;
                }
                let line = lines[index];
                for (const transformer of operation.transformers) {
                    line = transformer(line, index);
                }
                found.set(row, line);
            }
        }
        for (const row of mixed) {
            found.delete(row);
        }
        return found;
    }
    get() {`;

const PATCHES = {
  'ink/build/measure-text.js': [['const cache = new Map();', `${BOUNDED_MAP}const cache = new BoundedMap(LIMIT);`]],
  'ink/build/wrap-text.js': [
    ['const cache = {};', `${BOUNDED_MAP}const cache = new BoundedMap(LIMIT);`],
    ['const cachedText = cache[cacheKey];', 'const cachedText = cache.get(cacheKey);'],
    ['cache[cacheKey] = wrappedText;', 'cache.set(cacheKey, wrappedText);'],
  ],
  'ink/build/render-node-to-output.js': [
    ["import wrapText from './wrap-text.js';", "import wrapText from './wrap-text.js';\nimport measureText from './measure-text.js';"],
    ['const currentWidth = widestLine(text);', 'const currentWidth = measureText(text).width;'],
  ],
  'ink/build/sanitize-ansi.js': [
    ['const sanitizeAnsi = (text) => {\n    if (!hasAnsiControlCharacters(text)) {\n        return text;\n    }', `${BOUNDED_MAP}const sanitized = new BoundedMap(LIMIT);\nconst sanitizeAnsi = (text) => {\n    if (!hasAnsiControlCharacters(text)) {\n        return text;\n    }\n    const known = sanitized.get(text);\n    if (known !== undefined) {\n        return known;\n    }\n    const output = sanitizeAnsiUncached(text);\n    sanitized.set(text, output);\n    return output;\n};\nconst sanitizeAnsiUncached = (text) => {`],
  ],
  '@alcalzone/ansi-tokenize/build/styledChars.js': [
    ['    let codes = [];\n    const ret = [];', '    let codes = [];\n    let shared;\n    const ret = [];'],
    ['            codes = reduceAnsiCodesIncremental(codes, [token]);', '            codes = reduceAnsiCodesIncremental(codes, [token]);\n            shared = undefined;'],
    ['                styles: [...codes],', '                styles: (shared ??= [...codes]),'],
    ['        else {\n            ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));\n        }', '        else if (chars[i - 1].styles !== char.styles) {\n            ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));\n        }'],
  ],
  'ink/build/output.js': [
    // One blank cell for every blank place (cells are replaced, never changed), not 8,000 new objects a frame.
    ["                row.push({\n                    type: 'char',\n                    value: ' ',\n                    fullWidth: false,\n                    styles: [],\n                });", '                row.push(BLANK_CELL);'],
    ['class OutputCaches {', `${BOUNDED_MAP}class OutputCaches {`],
    ['    widths = new Map();', '    widths = new BoundedMap(LIMIT);'],
    ['    blockWidths = new Map();', '    blockWidths = new BoundedMap(LIMIT);'],
    ['    styledChars = new Map();', '    styledChars = new BoundedMap(LINE_LIMIT);'],
    ['    caches = new OutputCaches();', '    caches = sharedCaches;'],
    ['    get() {', DIRECT_ROWS],
    ['        const clips = [];\n        for (const operation of this.operations) {', '        const direct = this.directRows();\n        const clips = [];\n        for (const operation of this.operations) {'],
    ['                    if (!currentLine) {\n                        continue;\n                    }', '                    if (!currentLine) {\n                        continue;\n                    }\n                    if (direct.has(y + offsetY)) {\n                        offsetY++;\n                        continue;\n                    }'],
    ['            .map(line => {', '            .map((line, row) => {\n            if (direct.has(row)) {\n                return direct.get(row).trimEnd();\n            }'],
    ['export default class Output {', "const sharedCaches = new OutputCaches();\nconst BLANK_CELL = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: [] });\nexport default class Output {"],
  ],
};

export const inkPatches = {
  name: 'ink-patches',
  setup(build) {
    build.onLoad({ filter: /[\\/](ink[\\/]build[\\/](measure-text|wrap-text|output|render-node-to-output|sanitize-ansi)|@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars)\.js$/ }, async (args) => {
      const key = Object.keys(PATCHES).find((k) => args.path.replaceAll('\\', '/').endsWith(k));
      let text = await readFile(args.path, 'utf8');
      for (const [from, to] of PATCHES[key]) {
        if (!text.includes(from)) throw new Error(`ink-patches: "${from}" is no longer in ${key}; review the patch against this Ink version`);
        text = text.replace(from, to);
      }
      return { contents: text, loader: 'js' };
    });
  },
};
