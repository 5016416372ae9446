// `npm run bench` after the app's build: bundles the benchmark's entry points into .bench/ as build.mjs
// bundles the app (Ink's mends included), then runs it; arguments go on to test/bench/run.ts
// (--json FILE, --soak-minutes N). A script because the list of entry points outgrew package.json's line.
import { spawnSync } from 'node:child_process';

const ENTRIES = ['run', 'cloudsim', 'core', 'growth', 'ui', 'files', 'terminal', 'keys', 'tour', 'soak', 'k8s'].map((name) => `test/bench/${name}.ts`);

for (const args of [
  ['scripts/build.mjs', '--out', '.bench', ...ENTRIES.flatMap((entry) => ['--entry', entry])],
  ['.bench/run.js', ...process.argv.slice(2)],
]) {
  const { status } = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}
