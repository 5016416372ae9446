// What `Wait State` waits on, as a tape writes it: [TYPE/]NAME STATE
// (session/play/wait-state.ts looks it up in the estate).
import { compileUserRegex } from '../../core/regex.js';

export const STATE_TYPES = ['host', 'vm', 'container', 'cloud', 'pod', 'deployment', 'node'] as const;
export type StateType = (typeof STATE_TYPES)[number];

export interface StateTarget {
  /** The TYPE before the slash, if given. */
  readonly type?: StateType;
  /** The name, with `*` wildcards, or a /regex/ (with its slashes). */
  readonly name: string;
  /** The state: a word, or a /regex/ (with its slashes). */
  readonly state: string;
}

/** A /regex/'s source, or undefined for a plain word. */
export const asRegex = (text: string) => (text.length >= 2 && text.startsWith('/') && text.endsWith('/') ? text.slice(1, -1) : undefined);

/** The target a selector and a state make, or what is wrong with them. */
export function stateTarget(selector: string, state: string): StateTarget | string {
  const slash = selector.startsWith('/') ? -1 : selector.indexOf('/');
  const type = slash > 0 ? selector.slice(0, slash) : undefined;
  const name = slash > 0 ? selector.slice(slash + 1) : selector;
  if (type !== undefined && !(STATE_TYPES as readonly string[]).includes(type)) return `Wait State knows ${STATE_TYPES.join(', ')} as TYPE/NAME, got ${type}/`;
  if (name === '') return 'Wait State expects a NAME after the TYPE/';
  for (const [what, text] of [
    ['NAME', name],
    ['STATE', state],
  ] as const) {
    const re = asRegex(text);
    if (re === undefined) continue;
    const c = compileUserRegex(re, { ignoreCase: true });
    if (!c.ok) return `Wait State's ${what} /${re}/: ${c.error}`;
  }
  return { ...(type !== undefined ? { type: type as StateType } : {}), name, state };
}
