// Go's text/template: running a parsed template (text/template/exec.go) on data
// made of JSON-like values (go-template-values.ts), with the builtins
// (go-template-funcs.ts) and a CLI's own functions (docker's json, join...).
import { BUILTINS } from './go-template-funcs.js';
import { type Arg, type Command, type ControlNode, type Node, type Pipe, parseTemplate, type Template, TemplateParseError } from './go-template-parse.js';
import { format, type GoFunction, isObject, looksLikeStruct, MISSING, TemplateExecError, truth, typeName } from './go-template-values.js';

export { format, type GoFunction, MISSING, TemplateExecError, TemplateParseError };

export interface TemplateOptions {
  /** A CLI's own functions, beside the builtins. */
  readonly functions?: Readonly<Record<string, GoFunction>>;
  /**
   * The error for a field a struct (an object with Go field names) does not have; none prints "<no value>",
   * as a map's missing key does. Docker's typed structs refuse one ("can't evaluate field X in type T").
   */
  readonly missingField?: (name: string, struct: Readonly<Record<string, unknown>>) => string | undefined;
}

export interface CompiledTemplate {
  /** The template's output on `data`; throws TemplateExecError. */
  (data: unknown): string;
  /** What the template wrote before it failed, or all of it (docker's header row keeps what its failing template wrote). */
  partial(data: unknown): string;
}

/** A template parsed with the builtins and a CLI's functions; throws TemplateParseError in Go's words. */
export function compileTemplate(text: string, options: TemplateOptions = {}): CompiledTemplate {
  const funcs = { ...BUILTINS, ...options.functions };
  const template = parseTemplate(text, (name) => Object.hasOwn(funcs, name));
  const run = (data: unknown) => new Exec(template, funcs, options.missingField).run(data);
  const partial = (data: unknown) => {
    const exec = new Exec(template, funcs, options.missingField);
    try {
      return exec.run(data);
    } catch (e) {
      if (e instanceof TemplateExecError) return exec.written();
      throw e;
    }
  };
  return Object.assign(run, { partial });
}

/** Parses and runs `text` on `data`; throws TemplateParseError or TemplateExecError. */
export function runTemplate(text: string, data: unknown, options: TemplateOptions = {}): string {
  return compileTemplate(text, options)(data);
}

interface Variable {
  readonly name: string;
  value: unknown;
}

class Exec {
  private out = '';
  private readonly vars: Variable[][] = [];

  constructor(
    private readonly template: Template,
    private readonly funcs: Readonly<Record<string, GoFunction>>,
    private readonly missingField: ((name: string, struct: Readonly<Record<string, unknown>>) => string | undefined) | undefined,
  ) {}

  run(data: unknown): string {
    this.vars.push([{ name: '$', value: data }]);
    this.list(this.template.root, data);
    return this.out;
  }

  written(): string {
    return this.out;
  }

  private list(nodes: readonly Node[], dot: unknown): void {
    for (const n of nodes) this.node(n, dot);
  }

  private node(n: Node, dot: unknown): void {
    if (n.kind === 'text') {
      this.out += n.text;
      return;
    }
    if (n.kind === 'action') {
      const value = this.pipe(n.pipe, dot);
      if (n.pipe.decl.length === 0) this.out += format(value);
      return;
    }
    this.vars.push([...this.vars.at(-1)!]);
    try {
      if (n.kind === 'if') {
        if (truth(this.pipe(n.pipe, dot))) this.list(n.list, dot);
        else if (n.elseList) this.list(n.elseList, dot);
      } else if (n.kind === 'with') {
        const v = this.pipe(n.pipe, dot);
        if (truth(v)) this.list(n.list, v);
        else if (n.elseList) this.list(n.elseList, dot);
      } else {
        this.range(n, dot);
      }
    } finally {
      this.vars.pop();
    }
  }

  private range(n: ControlNode, dot: unknown): void {
    const v = this.pipe({ ...n.pipe, decl: [] }, dot);
    const each = (key: unknown, value: unknown) => {
      // Each pass gets the range's variables afresh; a variable declared inside goes at the pass's end.
      this.vars.push([...this.vars.at(-1)!]);
      try {
        if (n.pipe.decl.length === 1) this.declare(n.pipe.decl[0]!, value, n.pipe.assign);
        if (n.pipe.decl.length === 2) {
          this.declare(n.pipe.decl[0]!, key, n.pipe.assign);
          this.declare(n.pipe.decl[1]!, value, n.pipe.assign);
        }
        this.list(n.list, value);
      } finally {
        this.vars.pop();
      }
    };
    let any = false;
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) each(i, x);
      any = v.length > 0;
    } else if (isObject(v) && !looksLikeStruct(v)) {
      // Go ranges over a map in its keys' sorted order.
      const keys = Object.keys(v).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
      for (const k of keys) each(k, v[k]);
      any = keys.length > 0;
    } else if (typeof v === 'number' && Number.isInteger(v) && n.pipe.decl.length < 2) {
      // Go 1.22 on ranges over an int (docker v29 is built with 1.25).
      for (let i = 0; i < v; i++) each(i, i);
      any = v > 0;
    } else if (v !== null && v !== MISSING && v !== undefined) {
      const cmd = n.pipe.cmds.at(-1)!;
      throw this.error(cmd.args[0]!.pos, this.cmdText(cmd), `range can't iterate over ${format(v)}`);
    }
    if (!any && n.elseList) this.list(n.elseList, dot);
  }

  /** $x := v declares in the innermost scope; $x = v sets the innermost $x there is. */
  private declare(name: string, value: unknown, assign: boolean): void {
    if (!assign) {
      this.vars.at(-1)!.push({ name, value });
      return;
    }
    for (let s = this.vars.length - 1; s >= 0; s--) {
      const found = this.vars[s]!.findLast((v) => v.name === name);
      if (found) {
        found.value = value;
        // The same variable may be shared by the scopes above it (each copies its parent's list): set it once.
        return;
      }
    }
    throw new TemplateExecError(`template: :1: undefined variable: ${name}`);
  }

  private pipe(p: Pipe, dot: unknown): unknown {
    let value: unknown = MISSING;
    let first = true;
    for (const cmd of p.cmds) {
      value = this.command(cmd, dot, first ? undefined : { value });
      first = false;
    }
    for (const name of p.decl) this.declare(name, value, p.assign);
    return value;
  }

  /** One command: a function or method called with its arguments (and the value piped in, last), or a value. */
  private command(cmd: Command, dot: unknown, piped: { value: unknown } | undefined): unknown {
    const [head, ...rest] = cmd.args;
    if (head!.kind === 'function') {
      const name = head!.name;
      try {
        // and and or evaluate their arguments only as far as they need (Go 1.18 on).
        if ((name === 'and' || name === 'or') && this.funcs[name] === BUILTINS[name]) return this.lazy(name, rest, dot, piped);
        const args = [...rest.map((a) => this.arg(a, dot)), ...(piped ? [piped.value] : [])].map((a) => (a === MISSING ? null : a));
        return this.funcs[name]!(...args);
      } catch (e) {
        if (e instanceof TemplateExecError && !e.located)
          throw e.arguments_ ? this.error(head!.pos, name, e.message) : this.error(head!.pos, this.cmdText(cmd), `error calling ${name}: ${e.message}`);
        throw e;
      }
    }
    // nil is a value, not a command (an argument it may be).
    if (head!.kind === 'nil') throw this.error(head!.pos, 'nil', 'nil is not a command');
    if (head!.kind === 'field' || (head!.kind === 'variable' && head!.names.length > 0) || (head!.kind === 'pipe' && head!.names.length > 0)) {
      const base = head!.kind === 'field' ? dot : head!.kind === 'variable' ? this.variable(head!.name) : this.pipe(head!.pipe, dot);
      const args = rest.length > 0 || piped ? () => [...rest.map((a) => this.arg(a, dot)), ...(piped ? [piped.value] : [])] : undefined;
      return this.fields(base, head!.names, head!.pos, argText(head!), args);
    }
    if (rest.length > 0 || piped) throw this.error(head!.pos, argText(head!), `can't give argument to non-function ${argText(head!)}`);
    return this.arg(head!, dot);
  }

  private lazy(name: 'and' | 'or', rest: readonly Arg[], dot: unknown, piped: { value: unknown } | undefined): unknown {
    const thunks = [...rest.map((a) => () => this.arg(a, dot)), ...(piped ? [() => piped.value] : [])];
    if (thunks.length === 0) throw new TemplateExecError(`wrong number of args for ${name}: want at least 1 got 0`);
    let v: unknown;
    for (const t of thunks) {
      v = t();
      if (truth(v) === (name === 'or')) return v;
    }
    return v;
  }

  private arg(a: Arg, dot: unknown): unknown {
    switch (a.kind) {
      case 'dot':
        return dot;
      case 'field':
        return this.fields(dot, a.names, a.pos, argText(a), undefined);
      case 'variable':
        return this.fields(this.variable(a.name), a.names, a.pos, argText(a), undefined);
      case 'pipe':
        return this.fields(this.pipe(a.pipe, dot), a.names, a.pos, argText(a), undefined);
      case 'function':
        return this.command({ pos: a.pos, args: [a] }, dot, undefined);
      case 'string':
      case 'number':
      case 'bool':
        return a.value;
      case 'nil':
        return null;
    }
  }

  private variable(name: string): unknown {
    for (let s = this.vars.length - 1; s >= 0; s--) {
      const found = this.vars[s]!.findLast((v) => v.name === name);
      if (found) return found.value;
    }
    return MISSING;
  }

  /** .A.B on a value; the last one called as a method when it is one and there are arguments. */
  private fields(base: unknown, names: readonly string[], pos: number, text: string, args: (() => unknown[]) | undefined): unknown {
    let v = base;
    for (const [i, name] of names.entries()) {
      if (v === MISSING || v === undefined) return MISSING;
      if (v === null) throw this.error(pos, text, `nil pointer evaluating interface {}.${name}`);
      if (!isObject(v)) throw this.error(pos, text, `can't evaluate field ${name} in type ${typeName(v)}`);
      const next = Object.hasOwn(v, name) ? v[name] : MISSING;
      const refused = next === MISSING && looksLikeStruct(v) ? this.missingField?.(name, v) : undefined;
      if (refused) throw this.error(pos, text, refused);
      if (typeof next === 'function') {
        const last = i === names.length - 1;
        try {
          v = (next as GoFunction)(...(last && args ? args() : []));
        } catch (e) {
          if (e instanceof TemplateExecError && !e.located) throw this.error(pos, text, e.arguments_ ? e.message : `error calling ${name}: ${e.message}`);
          throw e;
        }
        continue;
      }
      if (i === names.length - 1 && args) throw this.error(pos, text, `${name} has arguments but cannot be invoked as function`);
      v = next;
    }
    return v;
  }

  private cmdText(cmd: Command): string {
    return cmd.args.map(argText).join(' ');
  }

  /** Go's execution error: template: :LINE:COL: executing "" at <NODE>: MESSAGE. */
  private error(pos: number, node: string, message: string): TemplateExecError {
    const before = this.template.text.slice(0, pos);
    const line = 1 + (before.match(/\n/g)?.length ?? 0);
    const col = line === 1 ? pos : pos - before.lastIndexOf('\n') - 1;
    const error = new TemplateExecError(`template: :${line}:${col}: executing "" at <${node}>: ${message}`);
    error.located = true;
    return error;
  }
}

/** A node as Go's String() writes it in errors. */
function argText(a: Arg): string {
  switch (a.kind) {
    case 'field':
      return `.${a.names.join('.')}`;
    case 'variable':
      return [a.name, ...a.names].join('.');
    case 'pipe':
      return `(${a.pipe.cmds.map((c) => c.args.map(argText).join(' ')).join(' | ')})${a.names.map((n) => `.${n}`).join('')}`;
    case 'function':
      return a.name;
    case 'string':
    case 'number':
      return a.text;
    case 'bool':
      return String(a.value);
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
  }
}
