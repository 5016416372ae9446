// dist/cli.js, the launcher (src/launch.ts), on a copy of the built app: the first
// run of a mode writes that mode's code cache beside the bundle, the next runs read
// it (and leave it as it is), and they answer as the first did. --debug loads the
// bundle without the cache; a missing bundle is said plainly.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

/** A copy of the package with its own dist/ (the real one is shared by the other tests). */
function install(): string {
  const pkg = mkdtempSync(join(tmpdir(), 'hyperpane-launch-'));
  for (const part of ['package.json', 'themes', 'demo']) symlinkSync(join(ROOT, part), join(pkg, part));
  mkdirSync(join(pkg, 'dist'));
  // The built files only: the other tests write caches into dist/ meanwhile.
  for (const f of ['cli.js', 'app.cjs', 'app.cjs.map']) cpSync(join(ROOT, 'dist', f), join(pkg, 'dist', f));
  return pkg;
}

const run = (pkg: string, args: string[]) =>
  execa(process.execPath, [join(pkg, 'dist/cli.js'), ...args], {
    reject: false,
    stdin: 'ignore',
    env: { CI: 'true', XDG_CACHE_HOME: join(pkg, 'user-cache') },
  });

const caches = (pkg: string) => readdirSync(join(pkg, 'dist')).filter((f) => f.endsWith('.code-cache'));

describe('the launcher', () => {
  it("writes each mode's code cache on its first run, and later runs read it and answer the same", async () => {
    const pkg = install();
    const first = await run(pkg, ['exec', 'virsh list --all', 'docker ps']);
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toMatch(/ Id +Name +State/);
    const [cache] = caches(pkg);
    expect(caches(pkg)).toEqual([expect.stringMatching(/^hyperpane-[0-9a-f]{16}\.exec\.v8-.+\.code-cache$/)]);
    const written = statSync(join(pkg, 'dist', cache!));
    // Provisional: an exec ends before the app would be up.
    expect(readFileSync(join(pkg, 'dist', cache!))[4]).toBe(1);

    const second = await run(pkg, ['exec', 'virsh list --all', 'docker ps']);
    expect([second.exitCode, second.stdout, second.stderr]).toEqual([0, first.stdout, first.stderr]);
    // Read: left as it was, or, had this run lasted the 3 s after which a run writes a final cache, written again as
    // final (a run that read none writes a provisional one as it ends, as the first did: byte 4 of the header is 1).
    const after = statSync(join(pkg, 'dist', cache!));
    const kind = readFileSync(join(pkg, 'dist', cache!))[4];
    if (after.ino === written.ino) expect(after.mtimeMs).toBe(written.mtimeMs);
    else expect(kind).toBe(0);
    expect(
      readFileSync(join(pkg, 'dist', cache!))
        .subarray(0, 4)
        .toString(),
    ).toBe('HPC2');

    const summary = await run(pkg, ['--summary']);
    expect(summary.exitCode).toBe(0);
    expect(
      caches(pkg)
        .map((f) => f.split('.')[1])
        .sort(),
    ).toEqual(['console', 'exec']);
  });

  it('writes a provisional cache again after a run that went much further than the one that wrote it', async () => {
    const pkg = install();
    await run(pkg, ['--version']);
    const [cache] = caches(pkg);
    const first = statSync(join(pkg, 'dist', cache!));
    // --summary builds the estate, which --version never reaches: many times as long, and much more compiled.
    expect((await run(pkg, ['--summary'])).exitCode).toBe(0);
    const second = statSync(join(pkg, 'dist', cache!));
    expect(second.ino).not.toBe(first.ino);
    // Another --summary goes no further: the cache is left as it is.
    await run(pkg, ['--summary']);
    expect(statSync(join(pkg, 'dist', cache!)).ino).toBe(second.ino);
  });

  it('loads the bundle without the cache under --debug, to the same answer', async () => {
    const pkg = install();
    const debug = await run(pkg, ['--summary', '--debug']);
    expect(debug.exitCode).toBe(0);
    expect(caches(pkg)).toEqual([]);
    const plain = await run(pkg, ['--summary']);
    expect(plain.stdout).toBe(debug.stdout);
  });

  it('runs a bundle that is strict code, as the ES modules it was made of, and ASCII, as the launcher reads it', () => {
    const [bundle] = readdirSync(join(ROOT, 'dist')).filter((f) => f.endsWith('.cjs'));
    const text = readFileSync(join(ROOT, 'dist', bundle!), 'latin1');
    // A directive counts only as the first statement.
    expect(text.startsWith('"use strict";\n')).toBe(true);
    expect(/[^\x00-\x7f]/.test(text)).toBe(false);
  });

  it('says the bundle is missing, and how to mend it', async () => {
    const pkg = install();
    rmSync(join(pkg, 'dist/app.cjs'));
    const r = await run(pkg, ['--version']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^hyperpane: .*app\.cjs is missing: build the app again \(npm run build\)\n?$/);
  });
});
