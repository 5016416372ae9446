// The directions imports may take between src/'s folders, written down once
// (LAYERS) and checked here on every import, type-only ones included; and no new
// cycle of modules that run each other's code (a cycle makes the order they load
// in matter). A tool such as dependency-cruiser or an ESLint import rule would
// parse TypeScript with the `typescript` package's JavaScript API, which the
// native compiler this project uses (TypeScript 7) does not have; swc, the other
// parser they take, needs an install script. Import statements are regular
// enough to read here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** What each folder of src/ may import besides itself. */
const LAYERS: Readonly<Record<string, readonly string[]>> = {
  core: [],
  files: [],
  config: ['core', 'files'],
  // A domain over the core (the design's "domains import core only").
  orchestrator: ['core'],
  network: ['core'],
  access: ['core'],
  observe: ['core'],
  providers: ['core', 'orchestrator', 'network', 'access', 'observe'],
  estate: ['core', 'orchestrator', 'network', 'access', 'observe', 'providers', 'files', 'config'],
  ui: ['core', 'orchestrator', 'network', 'access', 'observe', 'providers', 'estate', 'files', 'config'],
  session: ['core', 'orchestrator', 'network', 'access', 'observe', 'providers', 'estate', 'files', 'config', 'ui'],
  cli: ['core', 'orchestrator', 'network', 'access', 'observe', 'providers', 'estate', 'files', 'config', 'ui', 'session'],
};

/** Modules in a cycle of running code still to be broken: none (keep it so). */
const KNOWN_CYCLES = new Set<string>([]);

const SRC = join(import.meta.dirname, '../src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : /\.tsx?$/.test(f) ? [join(dir, f)] : []));

interface Edge {
  readonly to: string;
  readonly typeOnly: boolean;
}

/** Each module's imports of our own modules, as paths relative to src/ (a .js specifier names the .ts or .tsx beside it). */
function graph(): Map<string, Edge[]> {
  const out = new Map<string, Edge[]>();
  const known = new Set(files(SRC).map((f) => relative(SRC, f)));
  for (const file of files(SRC)) {
    const from = relative(SRC, file);
    const text = readFileSync(file, 'utf8');
    const edges: Edge[] = [];
    const statements = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?'(\.[^']+)'|import\('(\.[^']+)'\)/g;
    for (const m of text.matchAll(statements)) {
      const spec = m[3] ?? m[4];
      const target = normalize(join(dirname(from), spec)).replace(/\.js$/, '');
      const to = [`${target}.ts`, `${target}.tsx`, `${target}/index.ts`].find((t) => known.has(t));
      if (!to) continue; // not ours (or not a module: a .json, say)
      edges.push({ to, typeOnly: m[2] !== undefined });
    }
    out.set(from, edges);
  }
  return out;
}

const folderOf = (path: string) => (path.includes('/') ? path.split('/')[0] : '(root)');

/** Modules on a cycle of imports that run code (Tarjan's strongly connected components, those with more than one module). */
function cycles(g: Map<string, Edge[]>): Set<string> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found = new Set<string>();
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const { to, typeOnly } of g.get(v) ?? []) {
      if (typeOnly) continue;
      if (!index.has(to)) {
        visit(to);
        low.set(v, Math.min(low.get(v)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(v, Math.min(low.get(v)!, index.get(to)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) for (const c of component) found.add(c);
    }
  };
  for (const v of g.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('imports run one way', () => {
  const g = graph();

  it('reads the imports it checks (a sanity check of the reader)', () => {
    expect(g.get('cli/exec.ts')!.map((e) => e.to)).toContain('estate/script.ts');
    expect(g.get('core/state.ts')!.some((e) => e.to === 'core/events.ts' && e.typeOnly)).toBe(true);
    expect(g.size).toBeGreaterThan(250);
  });

  it('no folder imports one it may not (type-only imports included)', () => {
    const wrong: string[] = [];
    for (const [from, edges] of g) {
      const layer = folderOf(from);
      const may = LAYERS[layer];
      if (!may) continue; // src/cli.tsx, the entry point, imports what it needs
      for (const { to } of edges) {
        const target = folderOf(to);
        if (target !== layer && !may.includes(target))
          wrong.push(`${from} imports ${to}: src/${layer} may import ${may.length ? may.map((m) => `src/${m}`).join(', ') : 'nothing else of ours'}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('every folder of src/ has its place in the layers', () => {
    const folders = new Set([...g.keys()].map(folderOf).filter((f) => f !== '(root)'));
    expect([...folders].filter((f) => !(f in LAYERS))).toEqual([]);
  });

  it("no new cycle of modules that run each other's code", () => {
    const found = cycles(g);
    expect([...found].filter((f) => !KNOWN_CYCLES.has(f)).sort()).toEqual([]);
    // A cycle broken comes off the list.
    expect([...KNOWN_CYCLES].filter((f) => !found.has(f)).sort()).toEqual([]);
  });
});
