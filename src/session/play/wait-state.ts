// `Wait[@timeout] State [TYPE/]NAME STATE`: a tape waits on the estate itself, not
// on the screen (what VHS users ask for most: charmbracelet/vhs#70, #682, #708).
// NAME is read as the console's lists name their rows, `*` matching any run of
// characters, or a /regex/; TYPE picks the list (host, vm, container, cloud, pod,
// deployment: its READY, as 5/5, node), none looks at hosts and workloads alike (tape/state-target.ts reads it). It holds when at least one row
// matches and every matching row's state is STATE (any case), or matches STATE's
// /regex/: as kubectl wait holds for every object it selects.
import { compileUserRegex } from '../../core/regex.js';
import { wildcardMatch } from '../../core/wildcard.js';
import type { Estate } from '../../estate/estate.js';
import { paneDef } from '../../ui/panes/index.js';
import type { PaneId, RowContext } from '../../ui/panes/types.js';
import { asRegex, type StateTarget, type StateType } from '../tape/state-target.js';

/** The list each TYPE names. */
const LISTS: Readonly<Record<StateType, PaneId>> = {
  host: 'hosts',
  vm: 'vms',
  container: 'containers',
  cloud: 'cloud',
  pod: 'kubernetes',
  deployment: 'k8s-deployments',
  node: 'k8s-nodes',
};
const ANY: readonly StateType[] = ['host', 'vm', 'container', 'cloud'];

function matcher(text: string, exact: boolean): (s: string) => boolean {
  const re = asRegex(text);
  if (re !== undefined) {
    const c = compileUserRegex(re, { ignoreCase: true });
    return c.ok ? (s) => c.re.test(s) : () => false;
  }
  const lower = text.toLowerCase();
  return exact ? (s) => s.toLowerCase() === lower : (s) => wildcardMatch(text, s, { ignoreCase: true, question: false });
}

/** Each target's matchers, made once: a Wait looks again every 100 ms of tape time. */
const matchers = new WeakMap<StateTarget, { readonly named: (s: string) => boolean; readonly inState: (s: string) => boolean }>();

function matchersOf(t: StateTarget) {
  let m = matchers.get(t);
  if (!m) matchers.set(t, (m = { named: matcher(t.name, false), inState: matcher(t.state, true) }));
  return m;
}

export interface StateSeen {
  readonly holds: boolean;
  /** Each matching row, as "TYPE/NAME STATE". */
  readonly seen: readonly string[];
}

/** Where the target stands now; `seen` is written only when asked for (a timeout's message), and a look stops at the first row not in the state otherwise. */
export function lookState(estate: Estate, t: StateTarget, tell = false): StateSeen {
  const ctx: RowContext = { estate, events: [] };
  const { named, inState } = matchersOf(t);
  const seen: string[] = [];
  let holds = true;
  let matched = 0;
  for (const type of t.type ? [t.type] : ANY) {
    const pane = paneDef(LISTS[type]);
    const name = pane.fields.name;
    const state = pane.fields.state;
    if (!name || !state) continue;
    for (const row of pane.rows(ctx)) {
      if (!named(name(ctx, row))) continue;
      const now = state(ctx, row);
      matched++;
      if (tell) seen.push(`${type}/${name(ctx, row)} ${now}`);
      if (!inState(now)) {
        holds = false;
        if (!tell) return { holds, seen };
      }
    }
  }
  return { holds: holds && matched > 0, seen };
}
