// Builds dist/ once before the tests that run the real hyperpane binary, the
// estate store alone for the kill test's child process, and the fuzz suite's worker (.test-build/).
import { execa } from 'execa';

export default async function setup(): Promise<void> {
  const build = (args: string[]) => execa(process.execPath, ['scripts/build.mjs', ...args], { stdio: 'inherit' });
  await Promise.all([
    build([]),
    build(['--entry', 'src/estate/store.ts', '--out', '.test-build/store']),
    // The hostile-input fuzz suite runs its cases in worker threads, which load plain JavaScript.
    build(['--entry', 'test/robustness/fuzz/worker.ts', '--out', '.test-build/fuzz']),
  ]);
}
