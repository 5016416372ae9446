// Builds dist/ once before the tests that run the real hyperpane binary, and the
// estate store alone for the kill test's child process (.test-build/).
import { execa } from 'execa';

export default async function setup(): Promise<void> {
  const build = (args: string[]) => execa(process.execPath, ['scripts/build.mjs', ...args], { stdio: 'inherit' });
  await Promise.all([build([]), build(['--entry', 'src/estate/store.ts', '--out', '.test-build/store'])]);
}
