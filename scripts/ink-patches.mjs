// Two mends to Ink 6, applied when it is bundled (an esbuild plugin), each an
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
  'ink/build/output.js': [
    ['class OutputCaches {', `${BOUNDED_MAP}class OutputCaches {`],
    ['    widths = new Map();', '    widths = new BoundedMap(20000);'],
    ['    blockWidths = new Map();', '    blockWidths = new BoundedMap(20000);'],
    // A styled line is about 12 KB of cell objects: a few frames' worth is kept.
    ['    styledChars = new Map();', '    styledChars = new BoundedMap(1000);'],
    ['    caches = new OutputCaches();', '    caches = sharedCaches;'],
    ['export default class Output {', 'const sharedCaches = new OutputCaches();\nexport default class Output {'],
  ],
};

export const inkPatches = {
  name: 'ink-patches',
  setup(build) {
    build.onLoad({ filter: /[\\/]ink[\\/]build[\\/](measure-text|wrap-text|output|render-node-to-output|sanitize-ansi)\.js$/ }, async (args) => {
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
