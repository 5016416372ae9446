// Draws the README's picture of the console, docs/console.svg, from the guided
// tour (src/session/picture.ts says which moment): bundled as the app is (Ink
// mended the same way, scripts/build.mjs) into a scratch folder, run, removed.
// The same bytes every run: the tour plays on the virtual clock.
//   npm run picture
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Inside the package (its files are found from the bundle's place), and ignored by git (.hyperpane-tmp*).
const out = join(root, '.hyperpane-tmp-picture');
try {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--out', out, '--entry', join(root, 'src/session/picture.ts')], {
    cwd: root,
    stdio: 'inherit',
  });
} catch {
  // esbuild has said what went wrong.
  console.error('npm run picture: the build failed; docs/console.svg was not drawn');
  process.exit(1);
}
try {
  // Recordings' colours, whatever terminal this runs in (src/session/play/colours.ts), before Ink loads.
  process.env.FORCE_COLOR = '3';
  const { consolePicture, PICTURE_PATH } = await import(pathToFileURL(join(out, 'picture.js')).href);
  const svg = await consolePicture();
  const path = join(root, PICTURE_PATH);
  let before = '';
  try {
    before = readFileSync(path, 'utf8');
  } catch {
    // not drawn yet
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, svg);
  console.log(`${PICTURE_PATH}: ${svg === before ? 'unchanged' : 'written'} (${Buffer.byteLength(svg)} bytes)`);
} catch (error) {
  // The tour failed or never reached the pictured moment: say so, without a stack.
  console.error(`npm run picture: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
