// The console at 100,000 workloads: what a key or a clock frame costs the list
// (filtering and sorting every row, then the visible window), measured on the
// controller the app renders from. Prints its figures as one JSON line.
import { MONOCHROME } from '../../src/config/themes.js';
import { buildScaleEstate } from '../../src/estate/presets/scale.js';
import { Controller } from '../../src/ui/controller.js';
import { Keymap } from '../../src/ui/keymap.js';
import { paneDef } from '../../src/ui/panes/index.js';

const estate = buildScaleEstate({ seed: 1 });
const ctl = new Controller({ estate, keymap: new Keymap(), theme: MONOCHROME, width: 160, height: 50 });

function time(fn: () => void, runs = 7): number {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    xs.push(performance.now() - start);
  }
  xs.sort((a, b) => a - b);
  return xs[Math.floor(xs.length / 2)];
}

/** What a screen needs from the list: its rows, and the cells of the window in view. */
function frame(): void {
  const list = ctl.rows();
  const ctx = ctl.rowContext();
  const p = ctl.state.panes[ctl.state.pane];
  const columns = paneDef(ctl.state.pane).columns;
  for (const row of list.rows.slice(p.top, p.top + 45)) for (const c of columns) c.text(ctx, row);
}

ctl.press('2', '2');
// Every frame of a running clock re-reads the estate: the cache is cold each time, as here.
const cold = () => estate.sim.changed();
const refreshPlain = time(() => {
  estate.sim.advance(250);
  frame();
});
ctl.press('C', 'C');
// Typing a filter: each keystroke filters all 100,000 VMs afresh (the list the
// previous keystroke left is not reused: the estate has moved on since).
ctl.press('/', '/');
const typed: number[] = [];
for (const ch of 'vm-0042') {
  cold();
  const start = performance.now();
  ctl.press(ch, ch);
  frame();
  typed.push(performance.now() - start);
}
ctl.press('escape');
ctl.press('escape');
typed.sort((a, b) => a - b);

const figures = [
  { name: 'filter.100k', value: typed[Math.floor(typed.length / 2)], unit: 'ms', target: 30 },
  { name: 'ui.refresh.100k', value: refreshPlain, unit: 'ms', target: 100 },
  {
    name: 'ui.refresh-sorted.100k',
    value: time(() => {
      estate.sim.advance(250);
      frame();
    }),
    unit: 'ms',
    target: 100,
  },
  {
    name: 'ui.move.100k',
    value: time(() => {
      ctl.press('j', 'j');
      frame();
    }),
    unit: 'ms',
    target: 16,
  },
  {
    name: 'ui.sort.100k',
    value: time(() => {
      cold();
      ctl.press('M', 'M');
      frame();
    }),
    unit: 'ms',
    target: 150,
  },
];
process.stdout.write(`${JSON.stringify(figures)}\n`);
