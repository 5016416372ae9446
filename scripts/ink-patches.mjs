// Mends to Ink and the packages under it (each pinned exactly in package.json:
// Ink itself, ansi-tokenize and Yoga through overrides), one unified diff each in
// scripts/ink-patches/, applied to Ink's built files as they are loaded: by
// esbuild when the app is bundled (build.mjs) and by Vite when vitest runs the
// tests (vitest.config.ts), so the tests run the very Ink users get. Each diff
// says above its first file what it mends and the upstream issue. They apply in
// the order of their numbers, each to Ink as the ones before it left it; a hunk
// whose lines are not in the file exactly once stops the build and the tests:
// review the mends against the new Ink before moving to it. Nothing is written
// to node_modules, so a plain `npm ci` installs what is tested. A mend that
// saves time says so on a "Measured: " line: CPU time from a key to its frame,
// the console mounted as the app mounts it at 160x50 in truecolour on the
// built-in estate with the clock paused (600 keys: moves, pages, panes, details
// opened and closed), median of five runs, Node 20 on the 2-core CI machine.
//   node scripts/ink-patches.mjs   checks every mend applies to the installed Ink
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('./ink-patches/', import.meta.url));

/** @typedef {{ old: string, new: string }} Hunk */
/** @typedef {{ name: string, about: string, files: Map<string, Hunk[]> }} Mend */

/** Reads one diff: what it is about, and the hunks of each file (paths from node_modules/ on). */
function parse(name, text) {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('--- '));
  if (start < 0) throw new Error(`ink-patches: ${name} holds no diff`);
  const about = lines.slice(0, start).join('\n').trim();
  if (!/^Upstream: /m.test(about))
    throw new Error(`ink-patches: ${name} must say above its diff what it mends, and on an "Upstream: " line the upstream issue`);
  /** @type {Map<string, Hunk[]>} */
  const files = new Map();
  let hunks;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('--- ')) continue;
    if (line.startsWith('+++ ')) {
      const file = line
        .slice(4)
        .split('\t')[0]
        .replace(/^b\/node_modules\//, '');
      files.set(file, (hunks = files.get(file) ?? []));
      continue;
    }
    const head = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/.exec(line);
    if (!head) {
      if (line === '' && i === lines.length - 1) break;
      throw new Error(`ink-patches: ${name}, line ${i + 1}: expected a hunk, found "${line}"`);
    }
    const [oldCount, newCount] = [Number(head[1] ?? 1), Number(head[2] ?? 1)];
    const before = [];
    const after = [];
    while (before.length < oldCount || after.length < newCount) {
      const body = lines[++i];
      if (body === undefined) throw new Error(`ink-patches: ${name} ends inside a hunk`);
      if (body.startsWith('\\')) continue; // "\ No newline at end of file"
      const [mark, rest] = [body[0], body.slice(1)];
      if (mark === ' ' || mark === '-') before.push(rest);
      if (mark === ' ' || mark === '+') after.push(rest);
      if (mark !== ' ' && mark !== '-' && mark !== '+') throw new Error(`ink-patches: ${name}, line ${i + 1}: not a diff line: "${body}"`);
    }
    if (before.length !== oldCount || after.length !== newCount) throw new Error(`ink-patches: ${name}, line ${i + 1}: a hunk's lines do not match its counts`);
    while (lines[i + 1]?.startsWith('\\')) i++;
    hunks.push({ old: before.join('\n'), new: after.join('\n') });
  }
  return { name, about, files };
}

const PATCHES = readdirSync(DIR)
  .filter((f) => f.endsWith('.patch'))
  .sort()
  .map((f) => ({ name: f, text: readFileSync(join(DIR, f), 'utf8') }));

/** @type {Mend[]} Every mend, in the order they apply. */
export const MENDS = PATCHES.map((p) => parse(p.name, p.text));

/** Changes when any mend does: part of the key under which vitest keeps a mended file's transform on disk. */
const MENDS_KEY = createHash('sha256').update(JSON.stringify(PATCHES)).digest('hex');

/** One function for every suite (vitest keeps a set of them): a mended file's key holds the mends. */
const mendsKey = ({ id }) => (mendedFile(id) === undefined ? undefined : MENDS_KEY);

/** The files the mends change, as paths from node_modules/ on (e.g. ink/build/output.js). */
export const MENDED_FILES = [...new Set(MENDS.flatMap((m) => [...m.files.keys()]))];

/** The package a file is in: ink/build/output.js is in ink. */
export function packageOf(file) {
  const parts = file.split('/');
  return parts.slice(0, parts[0].startsWith('@') ? 2 : 1).join('/');
}

/** The packages the mends change (each pinned exactly in package.json). */
export const MENDED_PACKAGES = [...new Set(MENDED_FILES.map(packageOf))];

/** Which mended file, if any, a loaded module's path is. */
export function mendedFile(path) {
  const normal = path.replaceAll('\\', '/').split('?')[0];
  return MENDED_FILES.find((f) => normal.endsWith(`/node_modules/${f}`));
}

/** The file's text with every mend to it applied; throws if a hunk does not find its lines exactly once. */
export function mend(file, text) {
  let out = text;
  for (const m of MENDS) {
    for (const hunk of m.files.get(file) ?? []) {
      const at = out.indexOf(hunk.old);
      if (at < 0 || out.indexOf(hunk.old, at + 1) >= 0) {
        throw new Error(
          `ink-patches: ${m.name} ${at < 0 ? 'no longer finds its lines' : 'finds its lines more than once'} in ${file}; review the mend against this version`,
        );
      }
      out = out.slice(0, at) + hunk.new + out.slice(at + hunk.old.length);
    }
  }
  return out;
}

const FILTER = new RegExp(
  `[\\\\/]node_modules[\\\\/](${MENDED_FILES.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll('/', '[\\\\/]')).join('|')})$`,
);

/** The esbuild plugin: the bundle's Ink is mended. */
export const inkPatches = {
  name: 'ink-patches',
  setup(build) {
    build.onLoad({ filter: FILTER }, (args) => {
      const file = mendedFile(args.path);
      return { contents: mend(file, readFileSync(args.path, 'utf8')), loader: 'js' };
    });
  },
};

/** The packages vitest must run through Vite: those mended, and one that imports Ink (so that it shares the mended one). */
export const INLINED = [...MENDED_PACKAGES, '@alcalzone/ink-table'];

const INLINED_FILE = new RegExp(`[\\\\/]node_modules[\\\\/](${INLINED.map((p) => p.replace('/', '[\\\\/]')).join('|')})[\\\\/].*\\.js$`);

/**
 * The Vite plugin: the tests' Ink is mended. Vitest hands packages in node_modules
 * to Node untouched unless they are inlined, so the config inlines INLINED, and
 * this loads their files: mended where a mend applies, and without their source
 * maps, which name TypeScript sources the packages do not ship (and would not
 * fit a mended file).
 */
export const inkPatchesVite = {
  name: 'ink-patches',
  enforce: 'pre',
  load(id) {
    const path = id.split('?')[0];
    if (!INLINED_FILE.test(path)) return undefined;
    const file = mendedFile(path);
    const text = readFileSync(path, 'utf8');
    return { code: (file === undefined ? text : mend(file, text)).replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'), map: null };
  },
  // Vitest keeps transformed files on disk (vitest.config.ts), keyed by a file's own text and the config;
  // a mended file's code depends on the mends too.
  configureVitest({ experimental_defineCacheKeyGenerator }) {
    experimental_defineCacheKeyGenerator(mendsKey);
  },
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('../node_modules/', import.meta.url));
  for (const file of MENDED_FILES) mend(file, readFileSync(join(root, file), 'utf8'));
  const { version } = JSON.parse(readFileSync(join(root, 'ink/package.json'), 'utf8'));
  process.stdout.write(`${MENDS.length} mends apply to Ink ${version}:\n${MENDS.map((m) => `  ${m.name}`).join('\n')}\n`);
}
