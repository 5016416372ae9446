// What Biome does not check (run by `npm run lint` after it):
// - no line of code over 200 characters (Biome's formatter wraps at 160 but cannot break a string);
// - every package in package.json is used: imported by the code, or run by a script or config.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const MAX = 200;
const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(ts|tsx|mjs|js|json|jsonc)$/.test(f) && !f.startsWith('test/e2e/fixtures/') && f !== 'package-lock.json');
const problems = [];
const texts = new Map();
for (const f of files) {
  let text;
  try {
    text = readFileSync(f, 'utf8');
  } catch {
    continue; // listed by git, deleted in the work tree
  }
  texts.set(f, text);
  text.split('\n').forEach((line, i) => {
    if (line.length > MAX) problems.push(`${f}:${i + 1}: ${line.length} characters (at most ${MAX}); break the string or the expression`);
  });
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
// Packages used by their command (not imported), or whose types the compiler loads by name.
const BY_COMMAND = { typescript: 'tsc', '@biomejs/biome': 'biome', esbuild: 'esbuild', vitest: 'vitest', '@types/node': 'node' };
const code = [...texts].filter(([f]) => !f.endsWith('.json') && !f.endsWith('.jsonc')).map(([, t]) => t);
const used = (name) =>
  code.some((t) => t.includes(`'${name}'`) || t.includes(`'${name}/`) || t.includes(`"${name}"`)) ||
  (BY_COMMAND[name] !== undefined &&
    (Object.values(pkg.scripts).some((s) => s.includes(BY_COMMAND[name])) || code.some((t) => t.includes(`from '${name}`)) || name === '@types/node'));
for (const name of [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]) {
  const target = name.startsWith('@types/') && name !== '@types/node' ? name.slice('@types/'.length) : name;
  if (!used(target)) problems.push(`package.json: ${name} is used by nothing here; remove it`);
}

for (const p of problems) console.error(p);
if (problems.length > 0) {
  console.error(`lint: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  process.exit(1);
}
