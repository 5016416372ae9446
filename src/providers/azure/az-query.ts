// `--query`: a JMESPath expression, compiled when the argument is parsed and run on
// the command's result (knack/query.py: CLIQuery.jmespath_type, handle_query_parameter).
// The jmespath package is the reference implementation of the spec that the
// Python jmespath azure-cli uses implements.
import jmespath from 'jmespath';

/** jmespath.js exports compile too; its type package declares only search. */
const { compile } = jmespath as unknown as { compile(expression: string): unknown };

/** Compiles an expression; undefined if it does not parse (argparse then says "invalid jmespath_type value"). */
export function compileQuery(expression: string): string | undefined {
  if (expression.trim() === '') return undefined; // Python jmespath: EmptyExpressionError
  try {
    compile(expression);
    return expression;
  } catch {
    return undefined;
  }
}

export type QueryOutcome = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * Runs a compiled expression. A failure at run time is printed by azure-cli as
 * "Invalid jmespath query supplied for `--query`: <the Python jmespath message>"
 * (azure/cli/core/util.py handle_exception); the messages of jmespath's functions
 * module are given in Python's words where the JavaScript library's differ.
 */
export function runQuery(data: unknown, expression: string): QueryOutcome {
  try {
    const value = jmespath.search(data, expression) as unknown;
    return { ok: true, value };
  } catch (e) {
    return { ok: false, message: pythonMessage(e instanceof Error ? e.message : String(e)) };
  }
}

function pythonMessage(js: string): string {
  // jmespath.js: "ArgumentError: length() takes 1 argument but received 2"; jmespath (Python) exceptions.ArityError.
  const arity = /^ArgumentError: (\w+)\(\) takes (at least)?\s*(\d+) arguments? but received (\d+)$/.exec(js);
  if (arity) {
    const [, name, atLeast, expected, received] = arity;
    return `Expected ${atLeast ? 'at least ' : ''}${expected} argument${expected === '1' ? '' : 's'} for function ${name}(), received ${received}`;
  }
  return js; // "Unknown function: foo()" is worded alike
}

/** Runs a fixed expression of our own (a table transformer). */
export function search(data: unknown, expression: string): unknown {
  return jmespath.search(data, expression) as unknown;
}
