// Starts the longest files first, whatever their suite: the hostile-input fuzz
// suite alone is a third of the run's CPU, and a long file started last leaves the
// other core idle while it ends. Vitest orders by the durations of earlier runs when
// it has them, which a fresh CI clone does not; these were measured on the 2-core machine.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// The tour's tmux test is long but mostly waits on the tour's pace: it goes beside the fuzz suite, which keeps more than a core busy.
const FIRST = [
  'test/robustness/hostile-inputs.test.ts',
  'test/e2e/demo.test.ts',
  'test/robustness/kill-while-saving.test.ts',
  'test/e2e/play.test.ts',
  'test/e2e/bundle-screens.test.ts',
];

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = FIRST.findIndex((name) => f.moduleId.endsWith(name));
      return i < 0 ? FIRST.length : i;
    };
    // Array.prototype.sort is stable: the rest keep vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
