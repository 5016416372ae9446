// Builds what the end-to-end and robustness suites run: dist/ (the real hyperpane
// binary), the estate store alone for the kill test's child process, and the fuzz
// suite's worker (.test-build/). Each suite that needs a build names this file; a
// run of both builds each thing once (the flags live in the one vitest process).

import { execa } from 'execa';
import type { TestProject } from 'vitest/node';

const BUILDS: Record<string, string[][]> = {
  e2e: [[]],
  robustness: [
    [],
    ['--entry', 'src/estate/store.ts', '--out', '.test-build/store'],
    // The hostile-input fuzz suite runs its cases in worker threads, which load plain JavaScript.
    ['--entry', 'test/robustness/fuzz/worker.ts', '--out', '.test-build/fuzz'],
  ],
};

export default async function setup(project: TestProject): Promise<void> {
  const wanted = (BUILDS[project.name] ?? []).filter((args) => {
    const flag = `HYPERPANE_TEST_BUILT ${args.join(' ')}`;
    if (process.env[flag]) return false;
    process.env[flag] = '1';
    return true;
  });
  await Promise.all(wanted.map((args) => execa(process.execPath, ['scripts/build.mjs', ...args], { stdio: 'inherit' })));
}
