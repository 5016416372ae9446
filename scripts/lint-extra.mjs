// What Biome does not check, on the tree (run by `npm run lint` after Biome); the checks are in lint-checks.mjs.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isChecked, longLines, unusedPackages } from './lint-checks.mjs';

const files = new Map();
for (const f of execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { encoding: 'utf8' }).split('\n').filter(isChecked)) {
  try {
    files.set(f, readFileSync(f, 'utf8'));
  } catch {
    // listed by git, deleted in the work tree
  }
}
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const problems = [...longLines(files), ...unusedPackages(pkg, files).map((name) => `package.json: ${name} is used by nothing here; remove it`)];

for (const p of problems) console.error(p);
if (problems.length > 0) {
  console.error(`lint: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  process.exit(1);
}
