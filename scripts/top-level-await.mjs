// The app is bundled as CommonJS (build.mjs: V8's code cache takes only a script),
// and CommonJS has no top-level await. Ink and Yoga use it in three places; this
// esbuild plugin makes each synchronous, for the bundle only (the tests run the
// packages as published, through ink-patches). Each text must be in its file
// exactly once, so a new Ink or Yoga (both pinned exactly in package.json) stops
// the build here rather than bundling something else.
//   - Yoga compiles its WebAssembly asynchronously. Node compiles a module of any
//     size synchronously too (browsers refuse above 4 KB on the main thread), so
//     Emscripten's glue is given the module at once: new WebAssembly.Instance on
//     the bytes it would have compiled (its own wa(), the embedded base64), and
//     loadYoga fills in the object it is handed before it returns.
//   - Ink awaits React's devtools and its own package.json only when DEV=true, and
//     the devtools are not installed (build.mjs leaves them out). The import fails
//     as it fails unbundled, so Ink says what it says there; the package.json is
//     read only to introduce Ink to the devtools.
// Ink's mends (ink-patches.mjs) are applied first where a file has both: list
// this plugin before inkPatches, which then sees only the files this one leaves.
import { readFileSync } from 'node:fs';
import { mend, mendedFile } from './ink-patches.mjs';

/** @type {{ file: RegExp, edits: [string, string][] }[]} */
const EDITS = [
  {
    file: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/,
    edits: [
      [
        'var d={a:Jb};F++;h.monitorRunDependencies&&h.monitorRunDependencies(F);',
        'var d={a:Jb};F++;h.monitorRunDependencies&&h.monitorRunDependencies(F);return a(new WebAssembly.Instance(new WebAssembly.Module(wa()),d)),{};',
      ],
    ],
  },
  {
    file: /yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/,
    edits: [['const Yoga = wrapAssembly(await loadYoga());', 'const loaded = {};\nloadYoga(loaded);\nconst Yoga = wrapAssembly(loaded);']],
  },
  {
    file: /ink[\\/]build[\\/]reconciler\.js$/,
    edits: [
      ["await import('./devtools.js');", "throw Object.assign(new Error('react-devtools-core is not bundled'), { code: 'ERR_MODULE_NOT_FOUND' });"],
      ['? await loadPackageJson()', '? { name: undefined, version: undefined }'],
    ],
  },
];

/**
 * The esbuild plugin; `mended`: whether the build mends Ink (build.mjs --unmended does not).
 * @returns {import('esbuild').Plugin}
 */
export function noTopLevelAwait(mended) {
  return { name: 'no-top-level-await', setup: (build) => setup(build, mended) };
}

/** @param {import('esbuild').PluginBuild} build @param {boolean} mended */
function setup(build, mended) {
  for (const { file, edits } of EDITS) {
    build.onLoad({ filter: file }, (args) => {
      const mends = mended ? mendedFile(args.path) : undefined;
      let text = readFileSync(args.path, 'utf8');
      if (mends) text = mend(mends, text);
      for (const [from, to] of edits) {
        if (text.split(from).length !== 2) throw new Error(`top-level-await: ${args.path} must hold this exactly once: ${from}`);
        text = text.replace(from, () => to);
      }
      return { contents: text, loader: 'js' };
    });
  }
}
