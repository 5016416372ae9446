// What Biome does not check, as pure functions over file texts (scripts/lint-extra.mjs runs them on the
// tree; test/lint.test.ts on made-up files):
// - no line of code over 200 characters (Biome's formatter wraps at 160 but cannot break a string);
// - every package in package.json is used: imported by the code, or run by a script or config.

export const MAX_LINE = 200;

/** The files the checks read: code and its JSON, not the recorded fixtures (test/e2e/fixtures, test/fixtures: tools' own outputs, as they wrote them) or npm's lock file. */
export function isChecked(path) {
  return (
    /\.(ts|tsx|mjs|js|json|jsonc)$/.test(path) && !path.startsWith('test/e2e/fixtures/') && !path.startsWith('test/fixtures/') && path !== 'package-lock.json'
  );
}

/** One problem per line over `max` characters, as `path:line: ...`. */
export function longLines(files, max = MAX_LINE) {
  const problems = [];
  for (const [path, text] of files)
    text.split('\n').forEach((line, i) => {
      if (line.length > max) problems.push(`${path}:${i + 1}: ${line.length} characters (at most ${max}); break the string or the expression`);
    });
  return problems;
}

// Packages used by their command (not imported), or whose types the compiler loads by name.
const BY_COMMAND = { typescript: 'tsc', '@biomejs/biome': 'biome', esbuild: 'esbuild', vitest: 'vitest', '@types/node': 'node' };

/** The packages of `pkg` (package.json's object) that nothing in `files` (path -> text) imports or runs. */
export function unusedPackages(pkg, files) {
  const code = [...files].filter(([f]) => !f.endsWith('.json') && !f.endsWith('.jsonc')).map(([, t]) => t);
  const scripts = Object.values(pkg.scripts ?? {});
  const used = (name) =>
    code.some((t) => t.includes(`'${name}'`) || t.includes(`'${name}/`) || t.includes(`"${name}"`)) ||
    (BY_COMMAND[name] !== undefined &&
      (scripts.some((s) => s.includes(BY_COMMAND[name])) || code.some((t) => t.includes(`from '${name}`)) || name === '@types/node'));
  return [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})].filter((name) => {
    // @types/x is used when x is.
    const target = name.startsWith('@types/') && name !== '@types/node' ? name.slice('@types/'.length) : name;
    return !used(target);
  });
}
