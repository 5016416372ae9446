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
import { readFile } from 'node:fs/promises';

const BOUNDED_MAP = 'class BoundedMap extends Map { constructor(limit) { super(); this.limit = limit; } set(key, value) { if (this.size >= this.limit) this.clear(); return super.set(key, value); } }\n';

const PATCHES = {
  'ink/build/measure-text.js': [['const cache = new Map();', `${BOUNDED_MAP}const cache = new BoundedMap(20000);`]],
  'ink/build/wrap-text.js': [
    ['const cache = {};', `${BOUNDED_MAP}const cache = new BoundedMap(20000);`],
    ['const cachedText = cache[cacheKey];', 'const cachedText = cache.get(cacheKey);'],
    ['cache[cacheKey] = wrappedText;', 'cache.set(cacheKey, wrappedText);'],
  ],
  'ink/build/render-node-to-output.js': [
    ["import wrapText from './wrap-text.js';", "import wrapText from './wrap-text.js';\nimport measureText from './measure-text.js';"],
    ['const currentWidth = widestLine(text);', 'const currentWidth = measureText(text).width;'],
  ],
  'ink/build/sanitize-ansi.js': [
    ['const sanitizeAnsi = (text) => {\n    if (!hasAnsiControlCharacters(text)) {\n        return text;\n    }', `${BOUNDED_MAP}const sanitized = new BoundedMap(20000);\nconst sanitizeAnsi = (text) => {\n    if (!hasAnsiControlCharacters(text)) {\n        return text;\n    }\n    const known = sanitized.get(text);\n    if (known !== undefined) {\n        return known;\n    }\n    const output = sanitizeAnsiUncached(text);\n    sanitized.set(text, output);\n    return output;\n};\nconst sanitizeAnsiUncached = (text) => {`],
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
    ['    widths = new Map();', '    widths = new BoundedMap(20000);'],
    ['    blockWidths = new Map();', '    blockWidths = new BoundedMap(20000);'],
    // A styled line is about 12 KB of cell objects: a few frames' worth is kept.
    ['    styledChars = new Map();', '    styledChars = new BoundedMap(1000);'],
    ['    caches = new OutputCaches();', '    caches = sharedCaches;'],
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
