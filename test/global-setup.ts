// Builds dist/ once before the tests that run the real hyperpane binary.
import { execa } from 'execa';

export default async function setup(): Promise<void> {
  await execa(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
