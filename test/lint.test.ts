// `npm run lint` can fail: Biome, with this repository's biome.jsonc, reports a module imported twice and a
// file it would format otherwise; lint-checks.mjs reports a line over 200 characters and a package nothing uses.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { isChecked, longLines, MAX_LINE, unusedPackages } from '../scripts/lint-checks.mjs';

const ROOT = join(import.meta.dirname, '..');
// Inside the repository, so Biome finds biome.jsonc; in a folder .gitignore names (.hyperpane-tmp*), so no
// one else's `git status` or `biome check .` meets these files while the test runs. Biome skips ignored
// files, hence --vcs-use-ignore-file=false below; the rest of biome.jsonc applies.
const DIR = mkdtempSync(join(ROOT, '.hyperpane-tmp-lint-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

const FILES = {
  // Already in order: the only change organizeImports can make is to merge the two.
  twice:
    "import { existsSync } from 'node:fs';\nimport { readFileSync } from 'node:fs';\n\nexport const read = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : '');\n",
  // As Biome's defaults would format it; biome.jsonc asks for single quotes.
  unformatted: 'export const greeting = "hello";\n',
  // As biome.jsonc formats it; Biome's defaults would indent with a tab.
  clean: "export const greeting = {\n  text: 'hello',\n};\n",
};

const biome = (...args: string[]) =>
  execa('biome', ['check', '--vcs-use-ignore-file=false', '--reporter=github', ...args], { cwd: ROOT, preferLocal: true, reject: false });

/** Biome's findings by file name, from its GitHub reporter's lines: ::error title=CATEGORY,file=PATH,...::MESSAGE */
function findings(stdout: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const m of stdout.matchAll(/^::\w+ title=([^,]+),file=([^,]+),/gm)) {
    const name = relative(DIR, m[2]);
    found.set(name, [...(found.get(name) ?? []), m[1]]);
  }
  return found;
}

describe('Biome, as biome.jsonc sets it up', () => {
  it('reports a module imported twice and a file not formatted as configured, and passes a clean one', async () => {
    const paths = Object.entries(FILES).map(([name, text]) => {
      const path = join(DIR, `${name}.ts`);
      writeFileSync(path, text);
      return path;
    });
    const r = await biome(...paths);
    expect(r.exitCode).toBe(1);
    expect(findings(r.stdout)).toEqual(
      new Map([
        ['twice.ts', ['assist/source/organizeImports']],
        ['unformatted.ts', ['format']],
      ]),
    );
  });

  it('merges the two imports into one when it writes', async () => {
    const path = join(DIR, 'merged.ts');
    writeFileSync(path, FILES.twice);
    const r = await biome('--write', path);
    expect(r.exitCode).toBe(0);
    expect(
      readFileSync(path, 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('import')),
    ).toEqual(["import { existsSync, readFileSync } from 'node:fs';"]);
  });
});

describe('lint-checks.mjs', () => {
  it(`reports each line over ${MAX_LINE} characters, by file and line`, () => {
    const files = new Map([
      ['src/a.ts', `ok\n${'x'.repeat(MAX_LINE + 1)}\n`],
      ['src/b.ts', 'x'.repeat(MAX_LINE)],
    ]);
    expect(longLines(files)).toEqual([`src/a.ts:2: ${MAX_LINE + 1} characters (at most ${MAX_LINE}); break the string or the expression`]);
  });

  it('reports a package nothing imports or runs', () => {
    const pkg = {
      scripts: { build: 'node scripts/build.mjs', test: 'vitest run' },
      dependencies: { chalk: '1', 'left-pad': '1' },
      devDependencies: { vitest: '1', esbuild: '1', '@types/jmespath': '1', jmespath: '1', typescript: '1' },
    };
    const files = new Map([
      ['src/a.ts', "import chalk from 'chalk';\nimport { search } from 'jmespath';\n"],
      ['scripts/build.mjs', "import { build } from 'esbuild';\n"],
      // A name in JSON is no use: only code and scripts count.
      ['tsconfig.json', '{ "types": ["left-pad", "typescript"] }'],
    ]);
    expect(unusedPackages(pkg, files)).toEqual(['left-pad', 'typescript']);
  });

  it('reads code and its JSON, not the recorded fixtures or the lock file', () => {
    expect(
      ['src/a.ts', 'src/ui/A.tsx', 'scripts/b.mjs', 'biome.jsonc', 'package.json', 'README.md', 'test/e2e/fixtures/x.json', 'package-lock.json'].filter(
        isChecked,
      ),
    ).toEqual(['src/a.ts', 'src/ui/A.tsx', 'scripts/b.mjs', 'biome.jsonc', 'package.json']);
  });
});
